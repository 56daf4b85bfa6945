/**
 * Rule family `flink-memory`: Flink's memory model over every rendered FlinkDeployment. The JobManager
 * and TaskManager process sizes (`spec.*.resource.memory`, or `resources.requests/limits.memory` on the
 * 1.16 line), which the operator writes to `*.memory.process.size`, must hold the memory pools Flink 2.x
 * derives from its defaults and the memory keys in `spec.flinkConfiguration`; keys Flink rejects on their
 * own (fractions outside [0, 1), min > max, malformed sizes) are findings on the key.
 *
 * The operator does not validate this: a size below the floor fails at deploy time inside the operator
 * (`NativeFlinkService` → `KubernetesClusterClientFactory.getClusterSpecification` → apache/flink
 * `TaskExecutorProcessUtils` / `JobManagerProcessUtils`). Derivation and sources: `../flink-memory-model.ts`.
 */
import { Problem } from '../errors';
import { deploymentMemoryProblems } from '../flink-memory-model';
import { flatConfiguration } from '../operator-rules';
import { isFlinkDeployment } from './crd-schema';
import { Finding, ManifestRule } from './finding';

/** `spec.flinkConfiguration['<key>']`, how the gate names a configuration key. @internal */
export function configurationField(key: string): string {
  return `spec.flinkConfiguration['${key}']`;
}

/** @internal */
export const flinkMemoryRule: ManifestRule = (manifests) => {
  const findings: Finding[] = [];
  manifests.forEach((m, object) => {
    if (!isFlinkDeployment(m)) return;
    const spec = (m.spec ?? {}) as any;
    const problems = deploymentMemoryProblems(spec, flatConfiguration(spec.flinkConfiguration),
      (component, path) => `spec.${component}.${path}`, configurationField);
    findings.push(...problems.map((p: Problem): Finding => ({
      rule: p.field.startsWith('spec.flinkConfiguration') ? 'flink-memory/option' : 'flink-memory/process-size',
      severity: 'error',
      object,
      field: p.field,
      value: p.value,
      why: p.why,
      fix: p.fix,
    })));
  });
  return findings;
};
