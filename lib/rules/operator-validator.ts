import { Problem } from '../errors';
import { lintFlinkConfiguration } from '../flink-config-linter';
import { FlinkConfigurationBuilder } from '../flink-configuration';
import { operatorRuleProblems } from '../operator-rules';
import { OperatorVersion } from '../versions';
import { isFlinkDeployment } from './crd-schema';
import { Finding, Manifest, ManifestRule, operatorVersionOf, RenderedBy, RuleContext } from './finding';
import { fieldPath } from './paths';

/**
 * The operator's validator rules, StateFun's invariants and the Flink configuration linter on the
 * FlinkDeployment as it will be applied (every escape hatch included), plus pinned images on it and on
 * the function Deployments, so a JSON patch cannot bring back what a typed prop refuses (a `latest`
 * image, a legacy or forbidden key, a broken StateFun invariant, a spec the operator rejects).
 *
 * The rules themselves live in lib/operator-rules.ts (apache/flink-kubernetes-operator
 * `DefaultValidator.validateDeployment`, flink-operator.md §5.1; StateFun's
 * `StatefulFunctionsConfigValidator`) and lib/flink-config-linter.ts; the StateFunApp construct runs
 * them on what its props render and reports by prop name. This family reports what differs on the
 * final object: for an object the library rendered, a finding its unpatched rendering has too is left
 * to the construct, so one mistake reads as one line.
 */

const FAMILY = 'operator-validator';
/** Label of the function Deployments (RemoteFunction). */
const FUNCTION_COMPONENT = 'statefun-function';

/** Problem fields of lib/operator-rules.ts (named after props) → paths in the FlinkDeployment. */
const FIELD_PATHS: Record<string, string> = {
  'name': 'metadata.name',
  'flinkVersion': 'spec.flinkVersion',
  'operatorVersion': 'spec.flinkVersion',
  'serviceAccount': 'spec.serviceAccount',
  'upgradeMode': 'spec.job.upgradeMode',
  'job.savepointTriggerNonce': 'spec.job.savepointTriggerNonce',
  'parallelism': 'spec.job.parallelism',
  'initialSavepointPath': 'spec.job.initialSavepointPath',
  'restartNonce': 'spec.restartNonce',
  'taskManager.taskSlots': "spec.flinkConfiguration['taskmanager.numberOfTaskSlots']",
  'jobManager.replicas': 'spec.jobManager.replicas',
  'taskManager.replicas': 'spec.taskManager.replicas',
};

/** The manifest path of a problem field. @internal */
export function manifestField(field: string): string {
  if (FIELD_PATHS[field]) return FIELD_PATHS[field];
  // Rules over the manifest itself (e.g. the 1.16 spec.*.resources rules) already name the manifest path.
  if (field.startsWith('spec.')) return field;
  if (field.startsWith('flinkConfiguration[') || field.startsWith('logConfiguration[')) return `spec.${field}`;
  const resources = /^(jobManager|taskManager)\.resources\.(\w+)$/.exec(field);
  if (resources) return `spec.${resources[1]}.resource.${resources[2]}`;
  return `spec.${field}`;
}

/** Why an image reference is not pinned, or undefined when it is (a tag other than `latest`, or a digest). @internal */
export function unpinnedImage(image: unknown): string | undefined {
  if (typeof image !== 'string' || image.trim() === '') return 'not an image reference';
  if (/@sha256:[a-f0-9]{64}$/.test(image)) return undefined;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  if (colon < 0) return 'the image has no tag, so every node may pull a different build';
  if (last.slice(colon + 1) === 'latest') return '`latest` is a moving tag: pod restarts can silently change what runs';
  return undefined;
}

function deploymentFindings(m: Manifest, object: number, operator: string, rendered: RenderedBy | undefined): Finding[] {
  const spec: any = m.spec ?? {};
  const typed = new FlinkConfigurationBuilder();
  for (const [key, e] of Object.entries(rendered?.typedConfiguration ?? {})) typed.set(key, e.value, e.owner);
  for (const p of rendered?.ownedPrefixes ?? []) typed.ownPrefix(p.prefix, p.owner, p.reason);
  const version = operator as OperatorVersion;
  const problems: Problem[] = [
    ...lintFlinkConfiguration({
      typed,
      extras: {},
      final: isRecord(spec.flinkConfiguration) ? spec.flinkConfiguration : {},
      operatorVersion: version,
    }),
  ];
  const linted = new Set(problems.map((p) => p.field));
  problems.push(...operatorRuleProblems({ deployment: m, operatorVersion: version }).filter((p) => !linted.has(p.field)));
  const out: Finding[] = problems.map((p) => ({
    rule: `${FAMILY}/${p.field.startsWith('flinkConfiguration[') ? 'flink-configuration' : 'operator'}`,
    severity: 'error',
    object,
    field: manifestField(p.field),
    value: p.value,
    why: p.why,
    fix: p.fix,
  }));
  // Pinned images: the runtime image and every container of the pod templates.
  const image = unpinnedImage(spec.image);
  if (image) {
    out.push({ rule: `${FAMILY}/image`, severity: 'error', object, field: 'spec.image', value: spec.image, why: image, fix: "pin a release tag with the image prop, e.g. StateFunImage.kzmlabs('3.4.0-KZM-3.5'), instead of patching spec.image" });
  }
  for (const [key, path] of [['podTemplate', ['spec', 'podTemplate']], ['jobManager', ['spec', 'jobManager', 'podTemplate']], ['taskManager', ['spec', 'taskManager', 'podTemplate']]] as const) {
    const template = key === 'podTemplate' ? spec.podTemplate : spec[key]?.podTemplate;
    out.push(...containerImageFindings(template?.spec, [...path, 'spec'], object, 'pin a version tag or digest'));
  }
  return out;
}

function containerImageFindings(podSpec: any, path: Array<string | number>, object: number, fix: string): Finding[] {
  const out: Finding[] = [];
  for (const list of ['initContainers', 'containers']) {
    const containers = Array.isArray(podSpec?.[list]) ? podSpec[list] : [];
    containers.forEach((c: any, i: number) => {
      // A container without an image in a FlinkDeployment template takes spec.image.
      if (c?.image === undefined) return;
      const why = unpinnedImage(c.image);
      if (why) out.push({ rule: `${FAMILY}/image`, severity: 'error', object, field: fieldPath([...path, list, i, 'image']), value: c.image, why, fix });
    });
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function objectFindings(m: Manifest, object: number, context: RuleContext): Finding[] {
  if (isFlinkDeployment(m)) return deploymentFindings(m, object, operatorVersionOf(context, object), context.renderedBy?.[object]);
  if (m.kind === 'Deployment' && m.metadata?.labels?.['app.kubernetes.io/component'] === FUNCTION_COMPONENT) {
    return containerImageFindings((m.spec as any)?.template?.spec, ['spec', 'template', 'spec'], object, 'pin a version tag or digest with the RemoteFunction image prop instead of patching the Deployment');
  }
  return [];
}

/** The operator-validator family (see the file comment). @internal */
export const operatorValidatorRule: ManifestRule = (manifests: readonly Manifest[], context: RuleContext): Finding[] => {
  const findings: Finding[] = [];
  manifests.forEach((m, object) => {
    const final = objectFindings(m, object, context);
    if (final.length === 0) return;
    const unpatched = context.renderedBy?.[object]?.unpatched;
    if (!unpatched) {
      findings.push(...final);
      return;
    }
    const key = (f: Finding) => `${f.field}\u0000${JSON.stringify(f.value)}\u0000${f.why}`;
    const known = new Set(objectFindings(unpatched, object, context).map(key));
    findings.push(...final.filter((f) => !known.has(key(f))));
  });
  return findings;
};
