import { Problem } from './errors';

/**
 * The oldest Flink Kubernetes Operator release the manifests must work on. It decides the CRD the
 * FlinkDeployment must validate against and the `flinkVersion` values the API server accepts.
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
}

/** The `spec.flinkVersion` of the FlinkDeployment (Flink 2.x only: the StateFun images run Flink 2.2). */
export enum FlinkVersion {
  /** Flink 2.0 (the highest value operator 1.11/1.12 accept). */
  V2_0 = 'v2_0',
  /** Flink 2.1. */
  V2_1 = 'v2_1',
  /** Flink 2.2, what every Kzmlabs StateFun image runs. */
  V2_2 = 'v2_2',
}

const ORDER = [OperatorVersion.V1_11, OperatorVersion.V1_12, OperatorVersion.V1_13, OperatorVersion.V1_14, OperatorVersion.V1_15];

/** True when `a` is the same release as `b` or newer. @internal */
export function operatorAtLeast(a: OperatorVersion, b: OperatorVersion): boolean {
  return ORDER.indexOf(a) >= ORDER.indexOf(b);
}

/** `flinkVersion` values the CRD of this operator release accepts (its enum). @internal */
export function acceptedFlinkVersions(operator: OperatorVersion): FlinkVersion[] {
  return operatorAtLeast(operator, OperatorVersion.V1_13)
    ? [FlinkVersion.V2_0, FlinkVersion.V2_1, FlinkVersion.V2_2]
    : [FlinkVersion.V2_0];
}

/** The newest accepted value: `v2_0` on 1.11/1.12, `v2_2` from 1.13. @internal */
export function defaultFlinkVersion(operator: OperatorVersion): FlinkVersion {
  const accepted = acceptedFlinkVersions(operator);
  return accepted[accepted.length - 1];
}

/** The CRD release whose schema the FlinkDeployment must satisfy (flinkConfiguration typing changed in 1.13). @internal */
export function crdReleaseFor(operator: OperatorVersion): '1.11.0' | '1.15.0' {
  return operatorAtLeast(operator, OperatorVersion.V1_13) ? '1.15.0' : '1.11.0';
}

/** Whether the operator rejects overlapping Flink 2.x key prefixes at deploy (1.12+) rather than dropping keys (1.11). @internal */
export function operatorRejectsOverlappingKeys(operator: OperatorVersion): boolean {
  return operatorAtLeast(operator, OperatorVersion.V1_12);
}

/**
 * Whether `operatorVersion` and `flinkVersion` can be deployed together: the operator's CRD enum must
 * contain the Flink version (the API server enforces it). Unknown values (from untyped callers) are refused too.
 * @internal
 */
export function versionProblems(operator: OperatorVersion, flink: FlinkVersion | undefined): Problem[] {
  if (!ORDER.includes(operator)) {
    return [{
      field: 'operatorVersion',
      value: operator,
      why: `not an operator release this library targets (${ORDER.join(', ')}); older operators do not know Flink 2.x`,
      fix: 'use an OperatorVersion, e.g. OperatorVersion.V1_11 (the floor the product documentation states)',
    }];
  }
  const accepted = acceptedFlinkVersions(operator);
  if (flink === undefined || flink === null || !Object.values(FlinkVersion).includes(flink)) {
    return [{
      field: 'flinkVersion',
      value: flink,
      why: flink === undefined || flink === null
        ? 'the operator requires a flinkVersion ("Flink Version must be defined.")'
        : `not a Flink 2.x version any operator 1.11–1.15 CRD accepts (the StateFun images run Flink 2.2; operator ${operator} accepts ${accepted.join(', ')})`,
      fix: `use FlinkVersion.${accepted[accepted.length - 1].toUpperCase()}`,
    }];
  }
  if (!accepted.includes(flink)) {
    return [{
      field: 'flinkVersion',
      value: flink,
      why: `operator ${operator}'s CRD accepts only ${accepted.join(', ')}; the API server would reject the FlinkDeployment`,
      fix: `use FlinkVersion.${accepted[accepted.length - 1].toUpperCase()} or target OperatorVersion.V1_13 or newer`,
    }];
  }
  return [];
}
