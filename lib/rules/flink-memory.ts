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
import { deploymentMemoryProblems, deriveMemory, humanSize, parseFlinkMemory, specMemoryPath } from '../flink-memory-model';

import { flatConfiguration } from '../operator-rules';
import { isFlinkDeployment } from './crd-schema';
import { Finding, Manifest, ManifestRule, RuleContext } from './finding';

/** `JobManagerOptions.MIN_JVM_HEAP_SIZE`. */
const MIN_JM_HEAP = 128 * 1024 * 1024;

/** `spec.flinkConfiguration['<key>']`, how the gate names a configuration key. @internal */
export function configurationField(key: string): string {
  return `spec.flinkConfiguration['${key}']`;
}

/** The findings of one FlinkDeployment. */
function objectFindings(m: Manifest, object: number): Finding[] {
  if (!isFlinkDeployment(m)) return [];
  const findings: Finding[] = [];
  const spec = (m.spec ?? {}) as any;
  const conf = flatConfiguration(spec.flinkConfiguration);
  const problems = deploymentMemoryProblems(spec, conf, (component, path) => `spec.${component}.${path}`, configurationField);
  // Flink only logs a WARN for a JobManager heap below JobManagerOptions.MIN_JVM_HEAP_SIZE (128 MiB)
  // (JobManagerFlinkMemoryUtils.verifyJvmHeapSize): a warning here, never a refusal.
  const jmPath = specMemoryPath(spec.jobManager);
  const jmValue = jmPath ? String(jmPath.split('.').reduce((o: any, k) => o?.[k], spec.jobManager)) : undefined;
  const jmBytes = jmValue !== undefined ? parseFlinkMemory(jmValue) : undefined;
  if (problems.length === 0 && jmPath && jmBytes !== undefined && Number.isFinite(jmBytes) && jmBytes > 0) {
    const heap = deriveMemory('JobManager', Math.floor(jmBytes), conf).pools?.heap;
    if (heap !== undefined && heap < MIN_JM_HEAP) {
      findings.push({
        rule: 'flink-memory/jobmanager-heap',
        severity: 'warning',
        object,
        field: `spec.jobManager.${jmPath}`,
        value: jmValue,
        why: `the JobManager's JVM heap is ${humanSize(heap)}, below Flink's recommended minimum of 128 MiB ("The configured or derived JVM heap memory size ... is less than its recommended minimum value")`,
        fix: 'give the JobManager at least 704 MiB with Flink\'s default pools (jobManager.resources.memory)',
      });
    }
  }
  findings.push(...problems.map((p: Problem): Finding => ({
    rule: p.field.startsWith('spec.flinkConfiguration') ? 'flink-memory/option' : 'flink-memory/process-size',
    severity: 'error',
    object,
    field: p.field,
    value: p.value,
    why: p.why,
    fix: p.fix,
  })));
  return findings;
}

/**
 * The flink-memory family. For a FlinkDeployment the library rendered, what its unpatched rendering
 * has too came from props: the StateFunApp reports it by prop name (operator-rules.ts
 * `deploymentProblems`), and the gate reports only what JSON patches changed.
 * @internal
 */
export const flinkMemoryRule: ManifestRule = (manifests, context) => {
  const findings: Finding[] = [];
  manifests.forEach((m, object) => findings.push(...onlyPatched(objectFindings(m, object), object, context, objectFindings)));
  return findings;
};

/**
 * Findings of an object minus those its unpatched rendering has too (left to the construct that
 * reports them by prop name). @internal
 */
export function onlyPatched(
  final: Finding[],
  object: number,
  context: RuleContext,
  findingsOf: (m: Manifest, object: number) => Finding[],
): Finding[] {
  const unpatched = context.renderedBy?.[object]?.unpatched;
  if (final.length === 0 || !unpatched) return final;
  const key = (f: Finding) => `${f.rule}\u0000${f.field}\u0000${JSON.stringify(f.value)}`;
  const known = new Set(findingsOf(unpatched, object).map(key));
  return final.filter((f) => !known.has(key(f)));
}
