import { Problem } from './errors';

/**
 * Flink Kubernetes Operator releases the library targets, oldest first. Kept here (not in versions.ts)
 * so the gate table below and the release order are one module without an import cycle.
 * @internal
 */
export const OPERATOR_RELEASES = ['1.11', '1.12', '1.13', '1.14', '1.15', '1.16'] as const;

/** One release of {@link OPERATOR_RELEASES}. @internal */
export type OperatorRelease = typeof OPERATOR_RELEASES[number];

/** A field, value, kind or behaviour of the operator's API that exists only from some release on. @internal */
export enum OperatorGate {
  FLINK_VERSION_V2_1 = 'flinkVersion v2_1',
  FLINK_VERSION_V2_2 = 'flinkVersion v2_2',
  FLINK_VERSION_V2_3 = 'flinkVersion v2_3',
  FLINK_VERSION_V2_4 = 'flinkVersion v2_4',
  STRUCTURED_FLINK_CONFIGURATION = 'structured flinkConfiguration',
  OVERLAPPING_KEYS_REJECTED = 'overlapping keys rejected',
  JOB_MANAGER_RESOURCES = 'spec.jobManager.resources',
  TASK_MANAGER_RESOURCES = 'spec.taskManager.resources',
  FLINK_STATE_SNAPSHOT = 'FlinkStateSnapshot',
}

/** One row of the gate table. @internal */
export interface OperatorGateEntry {
  readonly gate: OperatorGate;
  /** What it is in the manifests: the field or value written. */
  readonly what: string;
  /** First operator release that has it (`1.10` = older than every target, so no target is refused). */
  readonly since: OperatorRelease | '1.10';
  /** What older releases do with it. */
  readonly before: string;
  /** Where the fact comes from. */
  readonly source: string;
  /** The manifest path of the gated field (as the last gate names fields), when it is one. */
  readonly manifestPath?: string;
  /** The gated value of `manifestPath`, when the gate is a value rather than the field itself. */
  readonly manifestValue?: string;
}

/**
 * THE table of version gates: every field, value, kind or behaviour the library writes or relies on
 * that exists only from some operator release. Every version decision in the library asks this table
 * (`operatorHas`), and the README's "Operator feature gates" table is checked against it by a test.
 * Sources: the vendored CRDs in crds/ (enum and field diffs) and apache/flink-kubernetes-operator git.
 * @internal
 */
export const OPERATOR_GATES: readonly OperatorGateEntry[] = [
  {
    gate: OperatorGate.FLINK_VERSION_V2_1,
    what: '`spec.flinkVersion: v2_1`',
    manifestPath: 'spec.flinkVersion',
    manifestValue: 'v2_1',
    since: '1.13',
    before: 'not in the CRD enum: the API server rejects the FlinkDeployment',
    source: 'crds/ 1.11.0 vs 1.15.0 `flinkVersion` enum; flink-operator.md §13',
  },
  {
    gate: OperatorGate.FLINK_VERSION_V2_2,
    what: '`spec.flinkVersion: v2_2`',
    manifestPath: 'spec.flinkVersion',
    manifestValue: 'v2_2',
    since: '1.13',
    before: 'not in the CRD enum: the API server rejects the FlinkDeployment',
    source: 'crds/ 1.11.0 vs 1.15.0 `flinkVersion` enum',
  },
  {
    gate: OperatorGate.FLINK_VERSION_V2_3,
    what: '`spec.flinkVersion: v2_3`',
    manifestPath: 'spec.flinkVersion',
    manifestValue: 'v2_3',
    since: '1.16',
    before: 'not in the CRD enum: the API server rejects the FlinkDeployment',
    source: 'crds/ 1.15.0 vs 1.16 (6e9caeb4) `flinkVersion` enum',
  },
  {
    gate: OperatorGate.FLINK_VERSION_V2_4,
    what: '`spec.flinkVersion: v2_4`',
    manifestPath: 'spec.flinkVersion',
    manifestValue: 'v2_4',
    since: '1.16',
    before: 'not in the CRD enum: the API server rejects the FlinkDeployment',
    source: 'crds/ 1.15.0 vs 1.16 (6e9caeb4) `flinkVersion` enum',
  },
  {
    gate: OperatorGate.STRUCTURED_FLINK_CONFIGURATION,
    what: '`spec.flinkConfiguration` values other than strings (nested maps)',
    since: '1.13',
    before: 'the CRD types it as a string-to-string map: the API server rejects other values',
    source: 'crds/ 1.11.0 (`additionalProperties: string`) vs 1.15.0 (`x-kubernetes-preserve-unknown-fields`)',
  },
  {
    gate: OperatorGate.OVERLAPPING_KEYS_REJECTED,
    what: 'dot-prefix-overlapping `flinkConfiguration` keys fail the deploy',
    since: '1.12',
    before: 'one of the keys is silently dropped',
    source: 'flink-operator.md §6 (Flink 2.x YAML config parsing in the operator)',
  },
  {
    gate: OperatorGate.JOB_MANAGER_RESOURCES,
    what: '`spec.jobManager.resources` (Kubernetes requests and limits)',
    manifestPath: 'spec.jobManager.resources',
    since: '1.16',
    before: 'not in the CRD: the API server rejects the FlinkDeployment',
    source: 'FLINK-33548, apache/flink-kubernetes-operator d131b70a; crds/ 1.16 (6e9caeb4)',
  },
  {
    gate: OperatorGate.TASK_MANAGER_RESOURCES,
    what: '`spec.taskManager.resources` (Kubernetes requests and limits)',
    manifestPath: 'spec.taskManager.resources',
    since: '1.16',
    before: 'not in the CRD: the API server rejects the FlinkDeployment',
    source: 'FLINK-33548, apache/flink-kubernetes-operator d131b70a; crds/ 1.16 (6e9caeb4)',
  },
  {
    gate: OperatorGate.FLINK_STATE_SNAPSHOT,
    what: 'kind `FlinkStateSnapshot` (flink.apache.org/v1beta1)',
    since: '1.10',
    before: 'no such CRD',
    source: 'FLINK-35265, apache/flink-kubernetes-operator 0f390144 (first in release-1.10.0)',
  },
];

function rank(release: string): number {
  return release === '1.10' ? -1 : OPERATOR_RELEASES.indexOf(release as OperatorRelease);
}

/** The gate's row. @internal */
export function gateEntry(gate: OperatorGate): OperatorGateEntry {
  return OPERATOR_GATES.find((e) => e.gate === gate)!;
}

/** Whether `operator` has the gated field, value or behaviour. @internal */
export function operatorHas(operator: string, gate: OperatorGate): boolean {
  const r = rank(operator);
  return r >= 0 && r >= rank(gateEntry(gate).since);
}

/** The OperatorVersion enum member name for a release (`1.16` → `V1_16`). @internal */
export function operatorMemberName(release: string): string {
  return `V${release.replace('.', '_')}`;
}

/**
 * A refusal for a gated feature the target lacks, in the shared message form, or none.
 * @param field the prop as the user wrote it
 * @param value the value given
 * @internal
 */
export function gateProblems(operator: string, gate: OperatorGate, field: string, value: unknown): Problem[] {
  if (operatorHas(operator, gate)) return [];
  const entry = gateEntry(gate);
  return [{
    field,
    value,
    why: `needs ${entry.what}, which exists from operator ${entry.since} on; operatorVersion is ${operator}, where it is ${entry.before}`,
    fix: `set operatorVersion: OperatorVersion.${operatorMemberName(entry.since)} (or newer) if every cluster runs operator ${entry.since}+, or drop ${field}`,
  }];
}

/**
 * The gate of a manifest field (and value) the target lacks, e.g. `spec.taskManager.resources` on 1.15:
 * how the last gate's schema rule explains an unknown field or enum value that a newer release has.
 * @internal
 */
export function manifestGateOf(operator: string, path: string, value: unknown): OperatorGateEntry | undefined {
  return OPERATOR_GATES.find((e) => e.manifestPath === path
    && (e.manifestValue === undefined || e.manifestValue === value)
    && !operatorHas(operator, e.gate));
}

/** The README table of the gates (kept identical to the README by a test). @internal */
export function renderGateTable(): string {
  const rows = OPERATOR_GATES.map((e) => `| ${e.what} | ${e.since} | ${e.before} | ${e.source} |`);
  return ['| field or value | from operator | older releases | source |', '|---|---|---|---|', ...rows].join('\n');
}
