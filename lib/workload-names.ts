import { Construct, IConstruct } from 'constructs';
import { addProblemValidation, Problem } from './errors';
import { registerGateScope } from './last-gate';
import { flinkOwnedCollision, kubernetesNameProblem, NameRule, suggestKubernetesName } from './rules/names';

/**
 * Names the library's constructs claim in a namespace: each StateFunApp (its FlinkDeployment and the
 * objects the operator and Flink create for it) and each RemoteFunction (Deployment, Service, HPA, …).
 * Two claims of one name in one namespace, or a function named like an object the operator creates for
 * an app, are refused at synth by a validation of their own, whether or not a pipeline diagram is written.
 */

/** What claims a name. @internal */
export enum NameClaimKind {
  APP = 'StateFunApp',
  FUNCTION = 'RemoteFunction',
}

interface Claim {
  readonly kind: NameClaimKind;
  readonly namespace: string;
  readonly name: string;
  readonly construct: IConstruct;
}

/** Per cdk8s App: claims by namespace and name, and the apps per namespace (indexed: synth stays linear). */
interface Claims {
  readonly byName: Map<string, Claim[]>;
  readonly appsByNamespace: Map<string, Claim[]>;
}

const CLAIMS = new WeakMap<IConstruct, Claims>();

const where = (namespace: string) => (namespace ? `namespace ${namespace}` : 'the default namespace');

/**
 * Registers `name` for `construct` (in `namespace`, '' when unset) and a synth-time validation that
 * reports a clash with any other claim in the same cdk8s App.
 * @internal
 */
export function claimName(construct: IConstruct, kind: NameClaimKind, namespace: string | undefined, name: string): void {
  const root = construct.node.root;
  let claims = CLAIMS.get(root);
  if (!claims) {
    claims = { byName: new Map(), appsByNamespace: new Map() };
    CLAIMS.set(root, claims);
  }
  const claim: Claim = { kind, namespace: namespace ?? '', name, construct };
  const key = `${claim.namespace}\u0000${name}`;
  claims.byName.set(key, [...(claims.byName.get(key) ?? []), claim]);
  if (kind === NameClaimKind.APP) claims.appsByNamespace.set(claim.namespace, [...(claims.appsByNamespace.get(claim.namespace) ?? []), claim]);
  const index = claims;
  addProblemValidation(construct, () => claimProblems(claim, index));
}

function claimProblems(claim: Claim, claims: Claims): Problem[] {
  const problems: Problem[] = [];
  // Duplicates are reported on every claim after the first of its kind.
  const first = (claims.byName.get(`${claim.namespace}\u0000${claim.name}`) ?? []).find((c) => c.kind === claim.kind);
  if (first && first !== claim) {
    const objects = claim.kind === NameClaimKind.APP
      ? 'their FlinkDeployments, module ConfigMaps, identities and the objects the operator creates for them'
      : 'their Deployments, Services, autoscalers, disruption budgets and network policies';
    problems.push({
      field: 'name',
      value: claim.name,
      why: `${first.construct.node.path} is another ${claim.kind} named '${claim.name}' in ${where(claim.namespace)}; ${objects} would replace each other on apply`,
      fix: `give each ${claim.kind} its own name (props.name) or namespace`,
    });
  }
  if (claim.kind === NameClaimKind.FUNCTION) {
    for (const app of claims.appsByNamespace.get(claim.namespace) ?? []) {
      const hit = functionCollision(claim.name, app.name);
      if (hit) problems.push(hit.problem(app.construct.node.path));
    }
  }
  return problems;
}

/**
 * Whether a function named `name` (Deployment and Service `name`) collides with an object the operator
 * or Flink create for FlinkDeployment `app` in the same namespace.
 * @internal
 */
export function functionCollision(name: string, app: string): { problem: (appPath: string) => Problem } | undefined {
  const hit = flinkOwnedCollision('Deployment', name, app) ?? flinkOwnedCollision('Service', name, app);
  if (!hit) return undefined;
  return {
    problem: (appPath) => ({
      field: 'name',
      value: name,
      why: `the function's ${hit.kind} would be named like ${hit.what} for the app '${app}' (${appPath}) in the same namespace (flink-runtime-facts §3); the two would overwrite each other`,
      fix: `choose another function name, e.g. '${suggestKubernetesName(`${name}-fn`)}'`,
    }),
  };
}

/** A prop naming a Kubernetes object, checked as the API server checks that kind's names. @internal */
export function kubernetesNameProblems(field: string, rule: NameRule, name: unknown, example: string): Problem[] {
  const why = kubernetesNameProblem(rule, name);
  return why ? [{ field, value: name, why, fix: `use e.g. '${example}'` }] : [];
}

/** The chart's namespace, which must be a DNS-1123 label (ValidateNamespaceName). @internal */
export function namespaceProblems(chartPath: string, namespace: string | undefined): Problem[] {
  if (namespace === undefined) return [];
  const why = kubernetesNameProblem('DNS-1123 label', namespace);
  return why ? [{ field: `namespace (chart ${chartPath})`, value: namespace, why: `${why} (namespace names)`, fix: `set the chart's namespace to e.g. '${suggestKubernetesName(namespace)}'` }] : [];
}

/** A Secret passed as a prop: its name must be a DNS-1123 subdomain (ValidateSecretName). @internal */
export function secretNameProblems(field: string, secret: { readonly name?: unknown } | undefined): Problem[] {
  if (!secret || typeof secret !== 'object') return [];
  return kubernetesNameProblems(`${field} (Secret name)`, 'DNS-1123 subdomain', secret.name, suggestKubernetesName(secret.name, 253));
}

/**
 * A Secret object handed to a credentials prop: when it is a construct of this cdk8s app (not only a
 * name), its chart joins the last gate, so a Secret rendered in another namespace than the pods that
 * read it is refused (`names/secret-namespace`).
 * @internal
 */
export function watchSecret(secret: unknown): void {
  if (secret instanceof Construct) registerGateScope(secret);
}
