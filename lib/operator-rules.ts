import { Problem } from './errors';
import { FlinkProcessResources } from './flink-resources';
import { UpgradeMode } from './job-lifecycle';
import { bytes, cpuCores } from './units';

/** What the operator's validator looks at. @internal */
export interface OperatorRuleInput {
  readonly name: string;
  readonly configuration: Record<string, string>;
  readonly upgradeMode: UpgradeMode;
  readonly jobManagerReplicas: number;
  readonly parallelism: number;
  readonly taskSlots: number;
  readonly jobManagerResources?: FlinkProcessResources;
  readonly taskManagerResources?: FlinkProcessResources;
  readonly restartNonce?: number;
  readonly initialSavepointPath?: string;
}

const NAME = /^[a-z]([-a-z\d]{0,43}[a-z\d])?$/;

/**
 * The Flink Kubernetes Operator's validator rules (DefaultValidator), checked at synth so a bad
 * FlinkDeployment never reaches the cluster.
 * @internal
 */
export function operatorRuleProblems(input: OperatorRuleInput): Problem[] {
  const problems: Problem[] = [];
  const conf = input.configuration;
  if (!NAME.test(input.name)) {
    problems.push({ field: 'name', value: input.name, why: 'the operator requires lower-case alphanumerics or \'-\', starting with a letter, ending with an alphanumeric, at most 45 characters', fix: "choose a name such as 'orders-statefun' (set props.name or rename the construct)" });
  }
  for (const key of ['kubernetes.namespace', 'kubernetes.cluster-id', 'high-availability.cluster-id']) {
    if (conf[key] !== undefined) problems.push({ field: `flinkConfiguration['${key}']`, value: conf[key], why: 'the operator forbids this key (it derives it from the FlinkDeployment)', fix: 'remove it' });
  }
  const haActive = conf['high-availability.type'] !== undefined && !['none', 'NONE'].includes(conf['high-availability.type']);
  const checkpointDir = conf['execution.checkpointing.dir'] ?? conf['state.checkpoints.dir'];
  const savepointDir = conf['execution.checkpointing.savepoint-dir'] ?? conf['state.savepoints.dir'];
  if (input.upgradeMode !== UpgradeMode.STATELESS && !checkpointDir) {
    problems.push({ field: 'upgradeMode', value: input.upgradeMode, why: 'last-state and savepoint upgrades need a checkpoint directory (operator: "Checkpoint directory[execution.checkpointing.dir] must be defined")', fix: 'set checkpointStore, or use UpgradeMode.STATELESS' });
  }
  if (input.upgradeMode === UpgradeMode.SAVEPOINT && !savepointDir) {
    problems.push({ field: 'upgradeMode', value: input.upgradeMode, why: 'savepoint upgrades need a savepoint directory', fix: 'set checkpointStore, or use UpgradeMode.LAST_STATE' });
  }
  if (conf['kubernetes.operator.periodic.savepoint.interval'] !== undefined && !savepointDir) {
    problems.push({ field: "flinkConfiguration['kubernetes.operator.periodic.savepoint.interval']", value: conf['kubernetes.operator.periodic.savepoint.interval'], why: 'the operator refuses periodic savepoints (even 0ms) without a savepoint directory', fix: 'set checkpointStore or remove the key' });
  }
  if (input.jobManagerReplicas > 1 && !haActive) {
    problems.push({ field: 'jobManager.replicas', value: input.jobManagerReplicas, why: 'standby JobManagers need high availability (operator: "High availability should be enabled when starting standby JobManagers")', fix: 'enable HighAvailability.kubernetes() (needs a checkpointStore) or use 1 replica' });
  }
  if (!Number.isInteger(input.jobManagerReplicas) || input.jobManagerReplicas < 1) {
    problems.push({ field: 'jobManager.replicas', value: input.jobManagerReplicas, why: 'the operator needs at least one JobManager', fix: 'use 1, or 2+ with high availability' });
  }
  if (!Number.isInteger(input.parallelism) || input.parallelism < 1) {
    problems.push({ field: 'parallelism', value: input.parallelism, why: 'the operator refuses a job parallelism below 1 ("Job parallelism must be larger than 0")', fix: 'use a whole number ≥ 1' });
  }
  if (!Number.isInteger(input.taskSlots) || input.taskSlots < 1) {
    problems.push({ field: 'taskManager.taskSlots', value: input.taskSlots, why: 'a TaskManager needs at least one slot', fix: 'use a whole number ≥ 1' });
  }
  if (conf['kubernetes.operator.deployment.rollback.enabled'] === 'true' && !haActive) {
    problems.push({ field: "flinkConfiguration['kubernetes.operator.deployment.rollback.enabled']", value: 'true', why: 'the operator requires HA for rollbacks ("HA must be enabled for rollback support.")', fix: 'enable HighAvailability.kubernetes() or drop the key' });
  }
  for (const [field, r] of [['jobManager.resources', input.jobManagerResources], ['taskManager.resources', input.taskManagerResources]] as Array<[string, FlinkProcessResources | undefined]>) {
    if (!r) continue;
    const cores = cpuCores(r.cpu);
    if (!(cores > 0)) problems.push({ field: `${field}.cpu`, value: r.cpu.amount, why: 'CPU must be a positive number of cores', fix: 'use Cpu.units(1) or Cpu.millis(500)' });
    if (!(bytes(r.memory) >= 64 * 1024 * 1024)) problems.push({ field: `${field}.memory`, value: `${bytes(r.memory)} bytes`, why: 'Flink cannot fit its memory pools into less than 64 MiB of process memory', fix: 'use at least Size.mebibytes(1024) for a JobManager and Size.mebibytes(2048) for a TaskManager' });
  }
  if (input.restartNonce !== undefined && !Number.isSafeInteger(input.restartNonce)) {
    problems.push({ field: 'restartNonce', value: input.restartNonce, why: 'the nonce is a 64-bit integer', fix: 'use a whole number, e.g. the current epoch seconds' });
  }
  if (input.initialSavepointPath !== undefined && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/.test(input.initialSavepointPath)) {
    problems.push({ field: 'initialSavepointPath', value: input.initialSavepointPath, why: 'a savepoint path is a filesystem URI', fix: "write the full URI, e.g. 's3://my-bucket/statefun/orders/savepoints/savepoint-abc123'" });
  }
  return problems;
}
