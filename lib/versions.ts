import { Problem } from './errors';
import { OperatorGate, operatorHas, OPERATOR_RELEASES } from './operator-feature-gates';

/**
 * The oldest Flink Kubernetes Operator release the manifests must work on. It decides the CRD the
 * FlinkDeployment must validate against, the `flinkVersion` values the API server accepts and which
 * fields may be written (the gate table, `lib/operator-feature-gates.ts`, and the README).
 */
export enum OperatorVersion {
  /** Operator 1.11: `flinkVersion` up to `v2_0`; `flinkConfiguration` is a string map; overlapping keys are silently dropped. */
  V1_11 = '1.11',
  /** Operator 1.12: as 1.11, but overlapping Flink 2.x keys fail the deploy. */
  V1_12 = '1.12',
  /** Operator 1.13: `flinkVersion` up to `v2_2`; structured `flinkConfiguration` accepted. */
  V1_13 = '1.13',
  /** Operator 1.14. */
  V1_14 = '1.14',
  /** Operator 1.15: the first release that lists Flink 2.2 as supported. */
  V1_15 = '1.15',
  /** Operator 1.16 (the default): `flinkVersion` up to `v2_4`; Kubernetes `resources` (requests and limits) for JobManager and TaskManager. */
  V1_16 = '1.16',
}

/** The `spec.flinkVersion` of the FlinkDeployment (Flink 2.x only). */
export enum FlinkVersion {
  /** Flink 2.0 (the highest value operator 1.11/1.12 accept). */
  V2_0 = 'v2_0',
  /** Flink 2.1 (operator 1.13+). */
  V2_1 = 'v2_1',
  /** Flink 2.2, what every Kzmlabs StateFun image runs (operator 1.13+). */
  V2_2 = 'v2_2',
  /** Flink 2.3 (operator 1.16+; no Kzmlabs image runs it). */
  V2_3 = 'v2_3',
  /** Flink 2.4 (operator 1.16+; no Kzmlabs image runs it). */
  V2_4 = 'v2_4',
}

/** The newest operator release the library targets, the default `operatorVersion`. @internal */
export const NEWEST_OPERATOR = OperatorVersion.V1_16;

const FLINK_ORDER = [FlinkVersion.V2_0, FlinkVersion.V2_1, FlinkVersion.V2_2, FlinkVersion.V2_3, FlinkVersion.V2_4];

/** The gate each Flink version value needs (v2_0 is in every targeted CRD). */
const FLINK_GATES: Partial<Record<FlinkVersion, OperatorGate>> = {
  [FlinkVersion.V2_1]: OperatorGate.FLINK_VERSION_V2_1,
  [FlinkVersion.V2_2]: OperatorGate.FLINK_VERSION_V2_2,
  [FlinkVersion.V2_3]: OperatorGate.FLINK_VERSION_V2_3,
  [FlinkVersion.V2_4]: OperatorGate.FLINK_VERSION_V2_4,
};

/** True when `a` is the same release as `b` or newer. @internal */
export function operatorAtLeast(a: OperatorVersion, b: OperatorVersion): boolean {
  return OPERATOR_RELEASES.indexOf(a) >= OPERATOR_RELEASES.indexOf(b);
}

/** True when Flink `a` is newer than `b`. @internal */
export function flinkNewer(a: FlinkVersion, b: FlinkVersion): boolean {
  return FLINK_ORDER.indexOf(a) > FLINK_ORDER.indexOf(b);
}

/** `flinkVersion` values the CRD of this operator release accepts (its enum), from the gate table. @internal */
export function acceptedFlinkVersions(operator: OperatorVersion): FlinkVersion[] {
  return FLINK_ORDER.filter((f) => FLINK_GATES[f] === undefined || operatorHas(operator, FLINK_GATES[f]!));
}

/**
 * The default `flinkVersion`: the Flink minor the image runs, capped by what the operator accepts
 * (`v2_0` on 1.11/1.12, the image's `v2_2` from 1.13) — never the newest value the CRD accepts.
 * @internal
 */
export function defaultFlinkVersion(operator: OperatorVersion, imageFlink: FlinkVersion = FlinkVersion.V2_2): FlinkVersion {
  const accepted = acceptedFlinkVersions(operator).filter((f) => !flinkNewer(f, imageFlink));
  return accepted[accepted.length - 1] ?? FlinkVersion.V2_0;
}

/** The CRD whose schema the FlinkDeployment must satisfy (see crds/). @internal */
export function crdReleaseFor(operator: OperatorVersion): '1.11.0' | '1.15.0' | '1.16-snapshot-6e9caeb4' {
  if (operatorAtLeast(operator, OperatorVersion.V1_16)) return '1.16-snapshot-6e9caeb4';
  return operatorHas(operator, OperatorGate.STRUCTURED_FLINK_CONFIGURATION) ? '1.15.0' : '1.11.0';
}

/** Whether the operator rejects overlapping Flink 2.x key prefixes at deploy (1.12+) rather than dropping keys (1.11). @internal */
export function operatorRejectsOverlappingKeys(operator: OperatorVersion): boolean {
  return operatorHas(operator, OperatorGate.OVERLAPPING_KEYS_REJECTED);
}

/**
 * Whether `operatorVersion`, `flinkVersion` and the image's Flink can be deployed together: the operator's
 * CRD enum must contain the Flink version (the API server enforces it), and the value must not claim a
 * newer Flink than the image runs. Unknown values (from untyped callers) are refused too.
 * @param imageFlink the Flink minor the image runs; omitted when only the manifest is checked
 * @internal
 */
export function versionProblems(operator: OperatorVersion, flink: FlinkVersion | undefined, imageFlink?: FlinkVersion): Problem[] {
  if (!(OPERATOR_RELEASES as readonly string[]).includes(operator)) {
    return [{
      field: 'operatorVersion',
      value: operator,
      why: `not an operator release this library targets (${OPERATOR_RELEASES.join(', ')}); older operators do not know Flink 2.x`,
      fix: `use an OperatorVersion, e.g. OperatorVersion.V${NEWEST_OPERATOR.replace('.', '_')} (the default, the newest release)`,
    }];
  }
  const accepted = acceptedFlinkVersions(operator);
  const suggested = defaultFlinkVersion(operator, imageFlink);
  if (flink === undefined || flink === null || !FLINK_ORDER.includes(flink)) {
    return [{
      field: 'flinkVersion',
      value: flink,
      why: flink === undefined || flink === null
        ? 'the operator requires a flinkVersion ("Flink Version must be defined.")'
        : `not a Flink 2.x version any operator ${OPERATOR_RELEASES[0]}–${NEWEST_OPERATOR} CRD accepts (operator ${operator} accepts ${accepted.join(', ')})`,
      fix: `use FlinkVersion.${suggested.toUpperCase()}`,
    }];
  }
  if (!accepted.includes(flink)) {
    const since = OPERATOR_RELEASES.find((r) => acceptedFlinkVersions(r as OperatorVersion).includes(flink))!;
    return [{
      field: 'flinkVersion',
      value: flink,
      why: `operator ${operator}'s CRD accepts only ${accepted.join(', ')}; the API server would reject the FlinkDeployment`,
      fix: `use FlinkVersion.${suggested.toUpperCase()} or target OperatorVersion.V${since.replace('.', '_')} or newer`,
    }];
  }
  if (imageFlink !== undefined && flinkNewer(flink, imageFlink)) {
    return [{
      field: 'flinkVersion',
      value: flink,
      why: `the image runs Flink ${imageFlink.slice(1).replace('_', '.')}; flinkVersion tells the operator which Flink the cluster runs (it picks version-dependent configuration and REST behaviour from it), so claiming a newer one than the image has is an untested combination`,
      fix: `use FlinkVersion.${suggested.toUpperCase()} (the image's Flink), or leave flinkVersion unset; use an image that runs Flink ${flink.slice(1).replace('_', '.')} to write ${flink}`,
    }];
  }
  return [];
}
