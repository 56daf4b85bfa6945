import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { Problem } from './errors';
import { FlinkProcessResources } from './flink-resources';
import { gateProblems, OperatorGate } from './operator-feature-gates';
import { bytes, cpuCores, renderFlinkMemory, renderQuantity } from './units';
import { OperatorVersion } from './versions';

/** The legacy `spec.*.resource` (every operator release). @internal */
export interface LegacyResource {
  readonly cpu: number;
  readonly memory: string;
  readonly ephemeralStorage?: string;
}

/** `spec.*.resources`, a Kubernetes ResourceRequirements (operator 1.16+). @internal */
export interface ResourceRequirements {
  readonly requests: Record<string, string>;
  readonly limits?: Record<string, string>;
}

/** Kubernetes quantity of a Cpu as cdk8s-plus writes it (`500m`, `1`). */
function cpuQuantity(cpu: Cpu): string {
  return cpu.amount;
}

/**
 * The JobManager/TaskManager spec fields for the resources: the legacy `resource` when no limit is
 * asked for (valid on every target), else `resources` with requests and limits (1.16+).
 * The operator then applies them (apache/flink-kubernetes-operator `FlinkConfigBuilder.applyResourceConfig`,
 * 1.16 line): memory from `requests.memory` → `*.memory.process.size`; cpu → `kubernetes.*.cpu.amount`;
 * limits → `kubernetes.*.{cpu,memory}.limit-factor` = limit ÷ request; other keys into the pod template.
 * @internal
 */
export function renderProcessResources(r: FlinkProcessResources): { resource?: LegacyResource; resources?: ResourceRequirements } {
  if (!r.limits) {
    return {
      resource: {
        cpu: cpuCores(r.cpu),
        memory: renderFlinkMemory(r.memory),
        ephemeralStorage: r.ephemeralStorage ? renderQuantity(r.ephemeralStorage) : undefined,
      },
    };
  }
  const requests: Record<string, string> = { cpu: cpuQuantity(r.cpu), memory: renderQuantity(r.memory) };
  if (r.ephemeralStorage) requests['ephemeral-storage'] = renderQuantity(r.ephemeralStorage);
  const limits: Record<string, string> = {};
  if (r.limits.cpu) limits.cpu = cpuQuantity(r.limits.cpu);
  if (r.limits.memory) limits.memory = renderQuantity(r.limits.memory);
  if (r.limits.ephemeralStorage) limits['ephemeral-storage'] = renderQuantity(r.limits.ephemeralStorage);
  return { resources: { requests: sortKeys(requests), limits: Object.keys(limits).length ? sortKeys(limits) : undefined } };
}

/**
 * Construction-time checks of one process's resources: limits need operator 1.16 (the gate table);
 * amounts are positive (memory, cpu; a Size is never negative); no request above its limit.
 * The amount rules are the 1.16 DefaultValidator's (apache/flink-kubernetes-operator main at 6e9caeb4,
 * `validation/DefaultValidator.java` `validateQuantities` / `validateRequestNotAboveLimit`); the
 * ephemeral-storage ordering is Kubernetes' own pod validation (the operator copies it into the pod).
 * @internal
 */
export function processResourceProblems(prop: 'jobManager' | 'taskManager', r: FlinkProcessResources | undefined, operator: OperatorVersion): Problem[] {
  if (!r) return [];
  const problems: Problem[] = [];
  const field = `${prop}.resources`;
  const component = prop === 'jobManager' ? 'JobManager' : 'TaskManager';
  if (r.limits) {
    const gate = prop === 'jobManager' ? OperatorGate.JOB_MANAGER_RESOURCES : OperatorGate.TASK_MANAGER_RESOURCES;
    problems.push(...gateProblems(operator, gate, `${field}.limits`, describeLimits(r.limits)));
  }
  const cores = cpuCores(r.cpu);
  if (!(cores > 0)) {
    problems.push({ field: `${field}.cpu`, value: r.cpu.amount, why: `CPU must be a positive amount of cores (the operator refuses it: "${component} resource requirements requests cpu must be positive")`, fix: 'use e.g. Cpu.units(1) or Cpu.millis(500)' });
  }
  if (!(bytes(r.memory) > 0)) {
    problems.push({ field: `${field}.memory`, value: renderQuantity(r.memory), why: `memory must be positive (the operator refuses it: "${component} resource requirements requests memory must be positive")`, fix: `use e.g. Size.mebibytes(${prop === 'jobManager' ? 1024 : 2048})` });
  }
  const l = r.limits;
  if (l?.cpu) {
    const limit = cpuCores(l.cpu);
    if (!(limit > 0)) {
      problems.push({ field: `${field}.limits.cpu`, value: l.cpu.amount, why: `a CPU limit must be a positive amount of cores (the operator refuses it: "${component} resource requirements limits cpu must be positive")`, fix: `use at least the request, Cpu.millis(${Math.round(cores * 1000)})` });
    } else if (limit < cores) {
      problems.push(belowRequest(field, 'cpu', component, l.cpu.amount, r.cpu.amount, 'cpu', `Cpu.millis(${Math.round(cores * 1000)})`));
    }
  }
  if (l?.memory) {
    if (!(bytes(l.memory) > 0)) {
      problems.push({ field: `${field}.limits.memory`, value: renderQuantity(l.memory), why: `a memory limit must be positive (the operator refuses it: "${component} resource requirements limits memory must be positive")`, fix: `use at least the request, ${sizeCode(r.memory)}` });
    } else if (bytes(l.memory) < bytes(r.memory)) {
      problems.push(belowRequest(field, 'memory', component, renderQuantity(l.memory), renderQuantity(r.memory), 'memory', sizeCode(r.memory)));
    }
  }
  if (l?.ephemeralStorage) {
    // Without a request Kubernetes defaults the request to the limit: nothing to compare.
    if (r.ephemeralStorage && bytes(l.ephemeralStorage) < bytes(r.ephemeralStorage)) {
      problems.push({
        field: `${field}.limits.ephemeralStorage`,
        value: renderQuantity(l.ephemeralStorage),
        why: `below the ephemeral-storage request ${renderQuantity(r.ephemeralStorage)}; Kubernetes rejects a pod whose request exceeds its limit, so the ${component} pod would never be created`,
        fix: `set the limit to at least ${sizeCode(r.ephemeralStorage)}, or lower ${field}.ephemeralStorage`,
      });
    }
  }
  return problems;
}

function belowRequest(field: string, key: string, component: string, limit: string, request: string, resource: string, code: string): Problem {
  return {
    field: `${field}.limits.${key}`,
    value: limit,
    why: `below the ${resource} request ${request}; the operator refuses a request above its limit ("${component} resource requirements ${resource} request (${request}) must not exceed its limit (${limit})", DefaultValidator.validateRequestNotAboveLimit, operator 1.16)`,
    fix: `set the limit to at least ${code}, or lower ${field}.${key}`,
  };
}

function describeLimits(l: NonNullable<FlinkProcessResources['limits']>): Record<string, string> {
  const out: Record<string, string> = {};
  if (l.cpu) out.cpu = l.cpu.amount;
  if (l.memory) out.memory = renderQuantity(l.memory);
  if (l.ephemeralStorage) out.ephemeralStorage = renderQuantity(l.ephemeralStorage);
  return out;
}

function sizeCode(size: Size): string {
  const q = renderQuantity(size);
  const m = /^(\d+)(Ki|Mi|Gi|Ti)$/.exec(q);
  if (!m) return `${q} bytes`;
  const fn = { Ki: 'kibibytes', Mi: 'mebibytes', Gi: 'gibibytes', Ti: 'tebibytes' }[m[2]]!;
  return `Size.${fn}(${m[1]})`;
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
