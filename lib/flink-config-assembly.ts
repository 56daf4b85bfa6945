import { Duration } from 'cdk8s';
import { StoreDirectories } from './checkpoint-store';
import { CHECKPOINTING_DEFAULTS, CheckpointingOptions } from './checkpointing';
import { FlinkConfigurationBuilder, JAVA21_MODULE_FLAGS, MODULE_FILE, MODULE_MOUNT_DIR, STATEFUN_PARENT_FIRST_PATTERNS } from './flink-configuration';
import { FlinkMetrics } from './flink-metrics';
import { HighAvailability } from './high-availability';
import { RestartStrategy } from './restart-strategy';
import { StateBackend } from './state-backend';
import { MessageSerializer, StateFunRuntimeOptions } from './statefun-runtime';
import { renderDuration } from './units';

/** Everything the typed settings contribute to `flinkConfiguration`. @internal */
export interface FlinkConfigurationInput {
  readonly appName: string;
  readonly directories?: StoreDirectories;
  readonly storeConfiguration: Record<string, string>;
  readonly checkpointing: CheckpointingOptions;
  readonly stateBackend: StateBackend;
  readonly highAvailability: HighAvailability;
  readonly restartStrategy: RestartStrategy;
  readonly taskSlots: number;
  readonly jvmOptions: string[];
  readonly metrics: FlinkMetrics;
  readonly statefun: StateFunRuntimeOptions;
}

/**
 * Builds the typed part of `flinkConfiguration`, every key in its Flink 2.x form and every value a
 * string. The owner recorded for each key is the prop that decides it.
 * @internal
 */
export function assembleFlinkConfiguration(input: FlinkConfigurationInput): FlinkConfigurationBuilder {
  const c = new FlinkConfigurationBuilder();
  const dur = (d: Duration) => renderDuration(d);

  // StateFun runtime truths: module location, classloading, timers, one concurrent checkpoint.
  c.set('statefun.remote.module-name', `file://${MODULE_MOUNT_DIR}/${MODULE_FILE}`, '(derived: module ConfigMap mount)');
  c.set('classloader.parent-first-patterns.additional', STATEFUN_PARENT_FIRST_PATTERNS.join(';'), '(StateFun invariant)');
  c.set('classloader.resolve-order', 'parent-first', '(StateFun invariant)');
  c.set('state.backend.rocksdb.timer-service.factory', 'ROCKSDB', '(StateFun invariant)');
  c.set('execution.checkpointing.max-concurrent-checkpoints', '1', '(StateFun invariant)');
  c.set('execution.checkpointing.unaligned.enabled', 'false', '(StateFun invariant)');
  // Upgrades as module.yaml evolves: stable operator ids, tolerate state of removed components.
  c.set('pipeline.auto-generate-uids', 'false', '(StateFun upgrade compatibility)');
  c.set('execution.state-recovery.ignore-unclaimed-state', 'true', '(StateFun upgrade compatibility)');

  const s = input.statefun;
  c.set('statefun.flink-job-name', s.jobName ?? input.appName, 'statefun.jobName');
  c.set('statefun.message.serializer', s.messageSerializer ?? MessageSerializer.WITH_PROTOBUF_PAYLOADS, 'statefun.messageSerializer');
  c.set('statefun.async.max-per-task', s.asyncMaxPerTask ?? 32768, 'statefun.asyncMaxPerTask');
  if (s.feedbackMemory) c.set('statefun.feedback.memory.size', `${s.feedbackMemory.toMebibytes()}mb`, 'statefun.feedbackMemory');
  for (const key of Object.keys(s.globalConfig ?? {}).sort()) {
    c.set(`statefun.module.global-config.${key}`, s.globalConfig![key], `statefun.globalConfig['${key}']`);
  }

  c.set('taskmanager.numberOfTaskSlots', input.taskSlots, 'taskManager.taskSlots');

  // Checkpointing and state.
  const cp = { ...CHECKPOINTING_DEFAULTS, ...stripUndefined(input.checkpointing) };
  c.set('execution.checkpointing.interval', dur(cp.interval), 'checkpointing.interval');
  c.set('execution.checkpointing.mode', cp.mode, 'checkpointing.mode');
  c.set('execution.checkpointing.timeout', dur(cp.timeout), 'checkpointing.timeout');
  c.set('execution.checkpointing.min-pause', dur(cp.minPause), 'checkpointing.minPause');
  c.set('execution.checkpointing.externalized-checkpoint-retention', cp.retention, 'checkpointing.retention');
  c.set('execution.checkpointing.tolerable-failed-checkpoints', cp.tolerableFailures, 'checkpointing.tolerableFailures');
  c.set('execution.checkpointing.num-retained', cp.retainedCheckpoints, 'checkpointing.retainedCheckpoints');
  c.set('execution.checkpointing.incremental', cp.incremental, 'checkpointing.incremental');
  c.set('state.backend.type', input.stateBackend, 'stateBackend');
  const dirs = input.directories;
  if (dirs) {
    c.set('execution.checkpointing.dir', dirs.checkpoints, 'checkpointStore');
    c.set('execution.checkpointing.savepoint-dir', dirs.savepoints, 'checkpointStore');
  }
  if (cp.changelog) {
    c.set('state.backend.changelog.enabled', 'true', 'checkpointing.changelog');
    c.set('state.backend.changelog.storage', 'filesystem', 'checkpointing.changelog');
    if (dirs) c.set('dstl.dfs.base-path', dirs.changelog, 'checkpointing.changelog');
  }

  // High availability.
  const ha = input.highAvailability;
  if (ha.enabled) {
    c.set('high-availability.type', 'kubernetes', 'highAvailability');
    if (dirs) c.set('high-availability.storageDir', dirs.highAvailability, 'checkpointStore');
    const le = ha.leaderElection!;
    c.set('high-availability.kubernetes.leader-election.lease-duration', dur(le.leaseDuration), 'highAvailability.leaderElection');
    c.set('high-availability.kubernetes.leader-election.renew-deadline', dur(le.renewDeadline), 'highAvailability.leaderElection');
    c.set('high-availability.kubernetes.leader-election.retry-period', dur(le.retryPeriod), 'highAvailability.leaderElection');
  }

  // Restart strategy, with the real keys.
  const rs = input.restartStrategy;
  c.set('restart-strategy.type', rs.type, 'restartStrategy');
  for (const [key, value] of Object.entries(rs._settings)) {
    if (value === undefined) continue;
    c.set(key, typeof value === 'number' ? value : dur(value), 'restartStrategy');
  }

  // Metrics.
  if (input.metrics.port !== undefined) {
    c.set('metrics.reporter.prom.factory.class', 'org.apache.flink.metrics.prometheus.PrometheusReporterFactory', 'metrics');
    c.set('metrics.reporter.prom.port', input.metrics.port, 'metrics');
  }

  // JVM: the Java 21 module flags the image needs, then the user's.
  c.set('env.java.opts.all', [...JAVA21_MODULE_FLAGS, ...input.jvmOptions].join(' '), 'jvmOptions');

  for (const [key, value] of Object.entries(input.storeConfiguration)) c.set(key, value, 'checkpointStore');
  return c;
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) (out as any)[k] = v;
  return out;
}
