import { manifestGateOf, operatorMemberName } from '../operator-feature-gates';
import { CompiledValidator, crdReleaseOf } from './crd-releases';
import { Finding, Manifest, ManifestRule, operatorVersionOf, RuleContext } from './finding';
import { fieldPath, pointerSegments, valueAt } from './paths';

/** The rule family id prefix. */
const FAMILY = 'crd-schema';

const loaded = new Map<string, CompiledValidator>();

/** The precompiled validator of a CRD release, loaded on first use only. */
function validatorOf(release: string, load: () => CompiledValidator): CompiledValidator {
  let v = loaded.get(release);
  if (!v) {
    v = load();
    loaded.set(release, v);
  }
  return v;
}

/** The operator kinds whose CRD schema the rule checks (crd-releases.ts has their CRDs). */
const CHECKED_KINDS = ['FlinkDeployment', 'FlinkStateSnapshot'];

/** The kind to check a manifest against, when it is one of the operator's custom resources with a known CRD. */
function checkedKindOf(m: Manifest): string | undefined {
  const ok = typeof m.apiVersion === 'string' && m.apiVersion.startsWith('flink.apache.org/') && CHECKED_KINDS.includes(String(m.kind));
  return ok ? String(m.kind) : undefined;
}

/** Whether a manifest is a FlinkDeployment (any API version of the flink.apache.org group). @internal */
export function isFlinkDeployment(m: Manifest): boolean {
  return m.kind === 'FlinkDeployment' && typeof m.apiVersion === 'string' && m.apiVersion.startsWith('flink.apache.org/');
}

/**
 * Every FlinkDeployment validates against the CRD schema of the operator release it targets, as the
 * API server with strict field validation (`kubectl apply --validate=strict`, the default of kubectl
 * 1.27+) checks it: unknown fields are refused unless the schema preserves them
 * (`x-kubernetes-preserve-unknown-fields`), enum and type violations are refused, and int-or-string
 * fields accept both. The schemas are the operator's own CRDs (crds/), compiled at build time into
 * lib/rules/crd/ (projenrc/crd-validators.ts); the one for a release is loaded when first needed.
 * Source: apache/flink-kubernetes-operator, helm/flink-kubernetes-operator/crds/flinkdeployments.flink.apache.org-v1.yml
 * at each release tag; Kubernetes docs "Field validation" (server-side strict field validation).
 * @internal
 */
export const crdSchemaRule: ManifestRule = (manifests: readonly Manifest[], context: RuleContext): Finding[] => {
  const findings: Finding[] = [];
  manifests.forEach((m, object) => {
    const kind = checkedKindOf(m);
    if (!kind) return;
    const operator = operatorVersionOf(context, object);
    const release = crdReleaseOf(operator, kind);
    if (!release) {
      findings.push({
        rule: `${FAMILY}/unknown-release`,
        severity: 'warning',
        object,
        field: 'apiVersion',
        value: m.apiVersion,
        why: `no ${kind} CRD is known for operator ${operator}, so the schema was not checked`,
        fix: 'target an operator release the library knows (OperatorVersion)',
      });
      return;
    }
    const validate = validatorOf(`${kind}-${release.release}`, release.load);
    if (validate(m)) return;
    findings.push(...schemaFindings(m, object, validate.errors ?? [], release.release, operator, kind));
  });
  return findings;
};

type AjvError = NonNullable<CompiledValidator['errors']>[number];

function schemaFindings(m: Manifest, object: number, errors: readonly AjvError[], release: string, operator: string, kind: string): Finding[] {
  const where = `the ${kind} CRD of operator release ${release} (what the API server of operator ${operator} applies)`;
  // int-or-string fields fail as anyOf plus one type error per branch: report the anyOf only.
  const anyOf = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'type' && anyOf.has(e.instancePath)) continue;
    const base = pointerSegments(e.instancePath, m);
    let segments = base;
    let why: string;
    let fix: string;
    switch (e.keyword) {
      case 'additionalProperties':
        segments = [...base, String(e.params.additionalProperty)];
        why = `not a field of ${where}: the API server with strict field validation rejects the object (unknown field "${fieldPath(segments)}")`;
        fix = 'remove it (or the JSON patch or pod-template addition that writes it), or spell it as the CRD does';
        break;
      case 'required':
        segments = [...base, String(e.params.missingProperty)];
        why = `required by ${where}`;
        fix = 'set it (a JSON patch must not remove it)';
        break;
      case 'enum': {
        const allowed = (e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
        why = `not one of the values ${where} allows (${allowed})`;
        fix = `use one of ${allowed}`;
        break;
      }
      case 'const':
        why = `${where} requires ${JSON.stringify(e.params.allowedValue)}`;
        fix = `write ${JSON.stringify(e.params.allowedValue)}`;
        break;
      case 'type':
        why = `${where} types it as ${e.params.type}`;
        fix = `write a${/^[aeiou]/.test(String(e.params.type)) ? 'n' : ''} ${e.params.type}`;
        break;
      case 'anyOf':
        why = `${where} accepts an integer or a string here`;
        fix = 'write an integer or a string';
        break;
      default:
        why = `violates ${where} (${e.keyword} ${JSON.stringify(e.params)})`;
        fix = 'correct the value';
    }
    const field = fieldPath(segments);
    if (seen.has(field)) continue;
    seen.add(field);
    const value = valueAt(m, segments);
    // A field or value a newer operator release has (the gate table): say which release, and the target to set.
    const gate = manifestGateOf(operator, field, value);
    if (gate) {
      why = `${why}; ${gate.what} exists from operator ${gate.since} on`;
      fix = `set operatorVersion: OperatorVersion.${operatorMemberName(gate.since)} (or newer) if every cluster runs operator ${gate.since}+, or ${fix}`;
    }
    out.push({ rule: `${FAMILY}/${e.keyword}`, severity: 'error', object, field, value, why, fix });
  }
  return out;
}
