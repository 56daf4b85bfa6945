/**
 * The FlinkDeployment CRD of each operator release the library targets, one row per CRD release.
 * Adding a release is one row here plus its CRD file in crds/ (then `npx projen crd-validators`
 * generates lib/rules/crd/flinkdeployment-<release>.js, the precompiled schema validator).
 * @internal
 */
export interface CrdRelease {
  /** The operator release whose CRD this is, e.g. `1.15.0`. */
  readonly release: string;
  /** The custom resource kind the CRD defines. @default 'FlinkDeployment' */
  readonly kind?: string;
  /** The CRD file in crds/. */
  readonly crdFile: string;
  /** The operator releases (`major.minor`) whose API server schema this CRD is. */
  readonly operators: readonly string[];
  /** Loads the precompiled validator (lazily: only the release in use is ever loaded). */
  readonly load: () => CompiledValidator;
}

/** An ajv standalone validation function. @internal */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; params: Record<string, any>; message?: string }> | null;
}

// Operators 1.13+ type flinkConfiguration as structured; 1.11 and 1.12 share the 1.11.0 schema.
/** @internal */
export const CRD_RELEASES: readonly CrdRelease[] = [
  {
    release: '1.11.0',
    crdFile: 'flinkdeployments.flink.apache.org-v1.release-1.11.0.yml',
    operators: ['1.11', '1.12'],
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    load: () => require('./crd/flinkdeployment-1.11.0.js'),
  },
  {
    release: '1.15.0',
    crdFile: 'flinkdeployments.flink.apache.org-v1.release-1.15.0.yml',
    operators: ['1.13', '1.14', '1.15'],
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    load: () => require('./crd/flinkdeployment-1.15.0.js'),
  },
  {
    // No 1.16 release tag was available: apache/flink-kubernetes-operator main at 6e9caeb4, the 1.16 line
    // (flinkVersion v2_3/v2_4, spec.jobManager/taskManager.resources).
    release: '1.16-snapshot-6e9caeb4',
    crdFile: 'flinkdeployments.flink.apache.org-v1.1.16-snapshot-6e9caeb4.yml',
    operators: ['1.16'],
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    load: () => require('./crd/flinkdeployment-1.16-snapshot-6e9caeb4.js'),
  },
  {
    // FlinkStateSnapshot exists from operator 1.10 (FLINK-35265); its CRD is identical in release-1.11.0 and 1.15.0.
    release: '1.15.0',
    kind: 'FlinkStateSnapshot',
    crdFile: 'flinkstatesnapshots.flink.apache.org-v1.release-1.15.0.yml',
    operators: ['1.11', '1.12', '1.13', '1.14', '1.15', '1.16'],
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    load: () => require('./crd/flinkstatesnapshot-1.15.0.js'),
  },
];

/** The file name (under lib/rules/crd/) of a CRD release's precompiled validator. @internal */
export function validatorFileOf(r: CrdRelease): string {
  return `${(r.kind ?? 'FlinkDeployment').toLowerCase()}-${r.release}.js`;
}

/** The CRD release of a kind whose schema the API server of an operator release (`1.15`) applies. @internal */
export function crdReleaseOf(operatorVersion: string, kind: string = 'FlinkDeployment'): CrdRelease | undefined {
  return CRD_RELEASES.find((r) => (r.kind ?? 'FlinkDeployment') === kind && r.operators.includes(operatorVersion));
}
