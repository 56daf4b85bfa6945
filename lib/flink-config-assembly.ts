import { Duration, Size } from 'cdk8s';
import { StoreDirectories } from './checkpoint-store';
import { CHECKPOINTING_DEFAULTS, CheckpointingMode, CheckpointingOptions, CheckpointRetention } from './checkpointing';
import { Problem } from './errors';
import {
  FLINK_RESERVED_PORTS, FlinkConfigurationBuilder, JAVA21_MODULE_FLAGS, MODULE_URI, STATEFUN_PARENT_FIRST_PATTERNS,
} from './flink-configuration';
import { FlinkLogging } from './flink-logging';
import { FlinkMetrics } from './flink-metrics';
import { JobManagerOptions, TaskManagerOptions } from './flink-resources';
import { HighAvailability } from './high-availability';
import { OperatorOptions } from './job-lifecycle';
import { RestartStrategy } from './restart-strategy';
import { StateBackend } from './state-backend';
import { MessageSerializer, StateFunRuntimeOptions } from './statefun-runtime';
import { bytes, renderDuration, renderFlinkMemory } from './units';
import { fitsJavaLongMillis, JAVA_LONG_WHY } from './value-rules';

/**
 * The typed props that decide `flinkConfiguration` (a structural subset of StateFunAppProps, so the
 * app passes its props as they are).
 * @internal
 */
export interface TypedFlinkSettings {
  readonly checkpointing?: CheckpointingOptions;
  readonly stateBackend?: StateBackend;
  readonly restartStrategy?: RestartStrategy;
  readonly jobManager?: JobManagerOptions;
  readonly taskManager?: TaskManagerOptions;
  readonly parallelism?: number;
  readonly jvmOptions?: string[];
  readonly metrics?: FlinkMetrics;
  readonly logging?: FlinkLogging;
  readonly statefun?: StateFunRuntimeOptions;
  readonly allowNonRestoredState?: boolean;
  readonly operator?: OperatorOptions;
}

/** Everything the typed settings contribute to `flinkConfiguration`. @internal */
export interface FlinkConfigurationInput {
  readonly appName: string;
  readonly directories?: StoreDirectories;
  readonly storeConfiguration: Record<string, string>;
  /** The HA setting in effect (the app defaults it from the checkpoint store). */
  readonly highAvailability: HighAvailability;
  readonly settings: TypedFlinkSettings;
  /** `false` writes `kubernetes.operator.job.upgrade.last-state-fallback.enabled: false` (operator 1.11 + Kubernetes HA, rules/upgrade-paths.ts). */
  readonly lastStateFallback?: boolean;
}

let restartStrategyDefault: RestartStrategy | undefined;
/**
 * The restart strategy when none is given: fail after 3 attempts 5s apart (the release gate's), so a
 * poison record fails fast. Created on first use: its factory's argument guards build every guard
 * schema, which loading the package must not pay for.
 * @internal
 */
export function defaultRestartStrategy(): RestartStrategy {
  return (restartStrategyDefault ??= RestartStrategy.fixedDelay({ attempts: 3, delay: Duration.seconds(5) }));
}

/** StateFun's default `statefun.feedback.memory.size`. @internal */
export const DEFAULT_FEEDBACK_MEMORY = Size.mebibytes(32);

/** StateFun's real default `statefun.async.max-per-task`. @internal */
export const DEFAULT_ASYNC_MAX_PER_TASK = 32768;

const PROMETHEUS_FACTORY = 'org.apache.flink.metrics.prometheus.PrometheusReporterFactory';

/**
 * Builds the typed part of `flinkConfiguration`, every key in its Flink 2.x form and every value a
 * string, no key a dot-prefix of another. The owner recorded for each key is the prop that decides it.
 * @internal
 */
export function assembleFlinkConfiguration(input: FlinkConfigurationInput): FlinkConfigurationBuilder {
  const c = new FlinkConfigurationBuilder();
  const s = input.settings;
  // `0ms` rather than `0d` for a zero duration (the gate's periodic savepoint interval).
  const dur = (d: Duration) => renderDuration(d);
  const dirs = input.directories;

  // StateFun runtime truths: module location, classloading, timers, one concurrent checkpoint, aligned checkpoints.
  c.set('statefun.remote.module-name', MODULE_URI, '(derived: the module ConfigMap mount)');
  const sf = s.statefun ?? {};
  c.set('classloader.parent-first-patterns.additional',
    unique([...STATEFUN_PARENT_FIRST_PATTERNS, ...(sf.additionalParentFirstPatterns ?? [])]).join(';'),
    'statefun.additionalParentFirstPatterns');
  c.set('classloader.resolve-order', 'parent-first', '(StateFun invariant)');
  c.set('execution.checkpointing.max-concurrent-checkpoints', '1', '(StateFun invariant)');
  c.set('execution.checkpointing.unaligned.enabled', 'false', '(StateFun invariant)');
  // Upgrades as module.yaml evolves: stable operator ids, tolerate state of removed components.
  c.set('pipeline.auto-generate-uids', 'false', '(StateFun savepoint compatibility)');
  // The operator writes only the 1.20 alias from spec.job.allowNonRestoredState; 2.x reads this key.
  c.set('execution.state-recovery.ignore-unclaimed-state', s.allowNonRestoredState ?? true, 'allowNonRestoredState');
  if (input.lastStateFallback === false) c.set('kubernetes.operator.job.upgrade.last-state-fallback.enabled', 'false', 'upgradeMode');

  c.set('statefun.flink-job-name', sf.jobName ?? input.appName, 'statefun.jobName');
  c.set('statefun.message.serializer', sf.messageSerializer ?? MessageSerializer.WITH_PROTOBUF_PAYLOADS, 'statefun.messageSerializer');
  c.set('statefun.async.max-per-task', sf.asyncMaxPerTask ?? DEFAULT_ASYNC_MAX_PER_TASK, 'statefun.asyncMaxPerTask');
  c.set('statefun.feedback.memory.size', renderFlinkMemory(sf.feedbackMemory ?? DEFAULT_FEEDBACK_MEMORY), 'statefun.feedbackMemory');
  for (const key of Object.keys(sf.globalConfig ?? {}).sort()) {
    c.set(`statefun.module.global-config.${key}`, sf.globalConfig![key], `statefun.globalConfig['${key}']`);
  }
  c.ownPrefix('statefun.', 'statefun', 'the statefun.* keys are typed (job name, serializer, async limit, feedback memory, global config)');

  c.set('taskmanager.numberOfTaskSlots', s.taskManager?.taskSlots ?? 1, 'taskManager.taskSlots');
  c.set('taskmanager.network.memory.buffer-debloat.enabled', s.taskManager?.bufferDebloat ?? true, 'taskManager.bufferDebloat');

  // Checkpointing and state.
  const cp = { ...CHECKPOINTING_DEFAULTS, ...stripUndefined(s.checkpointing ?? {}) };
  const backend = s.stateBackend ?? StateBackend.ROCKSDB;
  c.set('execution.checkpointing.interval', dur(cp.interval), 'checkpointing.interval');
  c.set('execution.checkpointing.mode', cp.mode, 'checkpointing.mode');
  c.set('execution.checkpointing.timeout', dur(cp.timeout), 'checkpointing.timeout');
  c.set('execution.checkpointing.min-pause', dur(cp.minPause), 'checkpointing.minPause');
  c.set('execution.checkpointing.externalized-checkpoint-retention', cp.retention, 'checkpointing.retention');
  c.set('execution.checkpointing.tolerable-failed-checkpoints', cp.tolerableFailures, 'checkpointing.tolerableFailures');
  c.set('execution.checkpointing.num-retained', cp.retainedCheckpoints, 'checkpointing.retainedCheckpoints');
  if (backend === StateBackend.ROCKSDB) c.set('execution.checkpointing.incremental', cp.incremental, 'checkpointing.incremental');
  if (s.checkpointing?.checkpointsAfterTasksFinish !== undefined) {
    c.set('execution.checkpointing.checkpoints-after-tasks-finish', s.checkpointing.checkpointsAfterTasksFinish, 'checkpointing.checkpointsAfterTasksFinish');
  }
  c.set('state.backend.type', backend, 'stateBackend');
  // StateFun rejects heap timers with RocksDB (StatefulFunctionsConfigValidator.validateNoHeapBackedTimers,
  // which reads this key with default "rocksdb"); with hashmap the key is a RocksDB option without effect.
  if (backend === StateBackend.ROCKSDB) c.set('state.backend.rocksdb.timer-service.factory', 'ROCKSDB', '(StateFun invariant)');
  if (backend === StateBackend.HASHMAP) {
    c.ownPrefix('state.backend.rocksdb.', 'stateBackend', 'the state backend is hashmap, so RocksDB options have no effect');
  }
  if (dirs) {
    c.set('execution.checkpointing.dir', dirs.checkpoints, 'checkpointStore');
    c.set('execution.checkpointing.savepoint-dir', dirs.savepoints, 'checkpointStore');
  }
  if (cp.changelog) {
    c.set('state.changelog.enabled', 'true', 'checkpointing.changelog');
    c.set('state.changelog.storage', 'filesystem', 'checkpointing.changelog');
    if (dirs) c.set('state.changelog.dstl.dfs.base-path', dirs.changelog, 'checkpointStore');
  } else {
    c.ownPrefix('state.changelog.', 'checkpointing.changelog', 'the changelog is off (checkpointing.changelog), so state.changelog.* has no effect');
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
    c.ownPrefix('high-availability.kubernetes.leader-election.', 'highAvailability.leaderElection', 'leader election is typed (LeaderElection.DEFAULT, FAST or custom)');
  } else {
    c.ownPrefix('high-availability.', 'highAvailability', 'high availability is disabled (HighAvailability.disabled()), so high-availability.* has no effect or turns HA on behind the typed prop');
  }

  // Restart strategy, with the real keys.
  const rs = s.restartStrategy ?? defaultRestartStrategy();
  c.set('restart-strategy.type', rs.type, 'restartStrategy');
  for (const [key, value] of Object.entries(rs._settings)) {
    if (value === undefined) continue;
    c.set(key, typeof value === 'number' ? value : dur(value), 'restartStrategy');
  }
  c.ownPrefix('restart-strategy.', 'restartStrategy', `restartStrategy sets restart-strategy.type = ${rs.type}: keys of another strategy are ignored and this strategy's options belong in the prop`);

  // Metrics.
  const metrics = s.metrics ?? FlinkMetrics.prometheus();
  if (metrics.port !== undefined) {
    c.set('metrics.reporter.prom.factory.class', PROMETHEUS_FACTORY, 'metrics');
    c.set('metrics.reporter.prom.port', metrics.port, 'metrics');
  } else {
    c.ownPrefix('metrics.reporter.prom.', 'metrics', 'metrics are disabled (FlinkMetrics.disabled())');
  }

  // JVM: the Java 21 module flags the image needs, then the user's.
  c.set('env.java.opts.all', unique([...JAVA21_MODULE_FLAGS, ...(s.jvmOptions ?? [])]).join(' '), 'jvmOptions');

  // JobManager process, REST endpoint, Kubernetes client.
  const jm = s.jobManager ?? {};
  if (jm.ioPoolSize !== undefined) c.set('jobmanager.io-pool.size', jm.ioPoolSize, 'jobManager.ioPoolSize');
  if (jm.futurePoolSize !== undefined) c.set('jobmanager.future-pool.size', jm.futurePoolSize, 'jobManager.futurePoolSize');
  const rest = jm.rest ?? {};
  // Plain milliseconds: read correctly whether the option is typed as a long or a Duration.
  if (rest.awaitLeaderTimeout) c.set('rest.await-leader-timeout', rest.awaitLeaderTimeout.toMilliseconds(), 'jobManager.rest.awaitLeaderTimeout');
  if (rest.retryMaxAttempts !== undefined) c.set('rest.retry.max-attempts', rest.retryMaxAttempts, 'jobManager.rest.retryMaxAttempts');
  if (rest.serverThreads !== undefined) c.set('rest.server.numThreads', rest.serverThreads, 'jobManager.rest.serverThreads');
  c.set('web.cancel.enable', rest.cancelFromWebUi ?? false, 'jobManager.rest.cancelFromWebUi');
  const k8s = jm.kubernetesClient ?? {};
  if (k8s.ioPoolSize !== undefined) c.set('kubernetes.client.io-pool.size', k8s.ioPoolSize, 'jobManager.kubernetesClient.ioPoolSize');
  if (k8s.transactionalOperationMaxRetries !== undefined) {
    c.set('kubernetes.transactional-operation.max-retries', k8s.transactionalOperationMaxRetries, 'jobManager.kubernetesClient.transactionalOperationMaxRetries');
  }

  // The operator's management of the job.
  const op = s.operator ?? {};
  if (op.jobManagerDeploymentRecovery !== undefined) c.set('kubernetes.operator.jm-deployment-recovery.enabled', op.jobManagerDeploymentRecovery, 'operator.jobManagerDeploymentRecovery');
  if (op.periodicSavepointInterval) c.set('kubernetes.operator.periodic.savepoint.interval', dur(op.periodicSavepointInterval), 'operator.periodicSavepointInterval');
  if (op.savepointHistoryMaxCount !== undefined) c.set('kubernetes.operator.savepoint.history.max.count', op.savepointHistoryMaxCount, 'operator.savepointHistoryMaxCount');
  if (op.deploymentRollback !== undefined) c.set('kubernetes.operator.deployment.rollback.enabled', op.deploymentRollback, 'operator.deploymentRollback');
  if (op.clusterHealthCheck !== undefined) c.set('kubernetes.operator.cluster.health-check.enabled', op.clusterHealthCheck, 'operator.clusterHealthCheck');

  for (const [key, value] of Object.entries(input.storeConfiguration)) c.set(key, value, 'checkpointStore');
  return c;
}

/**
 * Malformed typed settings, checked at construction: values Flink could not parse or would reject
 * when the job starts, and settings that contradict each other.
 * @internal
 */
export function typedSettingProblems(input: FlinkConfigurationInput): Problem[] {
  const p: Problem[] = [];
  const s = input.settings;
  const cp = s.checkpointing ?? {};
  const check = (ok: boolean, field: string, value: unknown, why: string, fix: string) => {
    if (!ok) p.push({ field, value, why, fix });
  };
  // cdk8s throws on fractional milliseconds in toMilliseconds(); read them without rounding to report it.
  const ms = (d: Duration) => d.toMilliseconds({ integral: false });
  const wholeMs = (d: Duration | undefined) => d === undefined || Number.isInteger(ms(d));
  const intAtLeast = (n: number | undefined, min: number) => n === undefined || (Number.isInteger(n) && n >= min);
  const durations: Array<[string, Duration | undefined, number]> = [
    ['checkpointing.interval', cp.interval, 10],
    ['checkpointing.timeout', cp.timeout, 10],
    ['checkpointing.minPause', cp.minPause, 0],
  ];
  for (const [field, d, min] of durations) {
    check(wholeMs(d) && (d === undefined || ms(d) >= min), field, d,
      `Flink needs a whole number of milliseconds${min > 0 ? `, at least ${min} ms` : ''}`, min > 0 ? `use e.g. Duration.seconds(${field === 'checkpointing.timeout' ? 600 : 10})` : 'use e.g. Duration.millis(500)');
  }
  check(cp.mode === undefined || Object.values(CheckpointingMode).includes(cp.mode), 'checkpointing.mode', cp.mode, 'not a checkpointing mode', 'use CheckpointingMode.EXACTLY_ONCE or AT_LEAST_ONCE');
  check(cp.retention === undefined || Object.values(CheckpointRetention).includes(cp.retention), 'checkpointing.retention', cp.retention, 'not a retention policy', 'use a CheckpointRetention value');
  check(intAtLeast(cp.tolerableFailures, 0), 'checkpointing.tolerableFailures', cp.tolerableFailures, 'a count of checkpoint failures, a whole number ≥ 0', 'use e.g. 3');
  check(intAtLeast(cp.retainedCheckpoints, 1), 'checkpointing.retainedCheckpoints', cp.retainedCheckpoints, 'Flink keeps at least one completed checkpoint (a whole number ≥ 1)', 'use e.g. 3');
  const backend = s.stateBackend ?? StateBackend.ROCKSDB;
  check(Object.values(StateBackend).includes(backend), 'stateBackend', backend, 'not a state backend the StateFun image supports', 'use StateBackend.ROCKSDB or StateBackend.HASHMAP');
  check(!(backend === StateBackend.HASHMAP && cp.incremental === true), 'checkpointing.incremental', true,
    'the hashmap state backend has no incremental checkpoints, so Flink would silently take full ones', 'use StateBackend.ROCKSDB, or drop checkpointing.incremental (or enable checkpointing.changelog)');
  check(!(cp.changelog && !input.directories), 'checkpointing.changelog', true,
    'the changelog is uploaded to state.changelog.dstl.dfs.base-path, derived from the checkpoint store, and the app has none', 'set checkpointStore, or leave checkpointing.changelog off');

  // Restart strategy.
  const rs = s.restartStrategy;
  if (rs) {
    for (const [key, value] of Object.entries(rs._settings)) {
      if (value === undefined) continue;
      const name = key.split('.').pop()!;
      const field = `restartStrategy (${key})`;
      if (typeof value === 'number') {
        const fraction = name === 'jitter-factor';
        const multiplier = name === 'backoff-multiplier';
        const min = name === 'attempts' ? 0 : 1;
        const ok = fraction ? value >= 0 && value <= 1 : multiplier ? value >= 1 : Number.isInteger(value) && value >= min;
        check(ok, field, value,
          fraction ? 'the jitter is a fraction of the delay, between 0 and 1' : multiplier ? 'the backoff multiplier must be at least 1' : `a whole number ≥ ${min}`,
          fraction ? 'use e.g. 0.1' : multiplier ? 'use e.g. 1.5' : `use e.g. ${min === 0 ? 3 : 1}`);
      } else {
        check(wholeMs(value) && ms(value) >= 0, field, value, 'Flink needs a whole number of milliseconds', 'use e.g. Duration.seconds(5)');
      }
    }
    const init = rs._settings['restart-strategy.exponential-delay.initial-backoff'];
    const max = rs._settings['restart-strategy.exponential-delay.max-backoff'];
    if (init instanceof Duration && max instanceof Duration && wholeMs(init) && wholeMs(max)) {
      check(ms(init) > 0 && ms(init) <= ms(max), 'restartStrategy', `${renderDuration(init)} … ${renderDuration(max)}`,
        'the initial backoff must be positive and not above the maximum backoff', 'use e.g. initialBackoff 1s, maxBackoff 1min');
    }
  }

  // Leader election: retry < renew deadline ≤ lease duration (fabric8's LeaderElector refuses anything else).
  const le = input.highAvailability.leaderElection;
  if (input.highAvailability.enabled && le) {
    const [lease, renew, retry] = [le.leaseDuration, le.renewDeadline, le.retryPeriod].map(ms);
    const show = (d: Duration) => (wholeMs(d) ? renderDuration(d) : `${ms(d)}ms`);
    check(retry > 0 && retry < renew && renew <= lease && [lease, renew, retry].every(Number.isInteger), 'highAvailability.leaderElection',
      `lease ${show(le.leaseDuration)}, renew ${show(le.renewDeadline)}, retry ${show(le.retryPeriod)}`,
      'leader election needs 0 < retry period < renew deadline ≤ lease duration (whole milliseconds)', 'use LeaderElection.DEFAULT (15s/15s/5s) or LeaderElection.FAST (15s/10s/2s)');
  }

  // Task managers and parallelism.
  const tm = s.taskManager ?? {};
  check(!(tm.replicas !== undefined && s.parallelism !== undefined), 'parallelism', s.parallelism,
    `taskManager.replicas (${tm.replicas}) takes precedence: the operator runs the job with replicas × taskSlots and ignores job.parallelism`, 'set either parallelism or taskManager.replicas');

  // Metrics port.
  const port = s.metrics?.port;
  check(port === undefined || (Number.isInteger(port) && port >= 1 && port <= 65535 && !FLINK_RESERVED_PORTS.includes(port)), 'metrics.port', port,
    `a TCP port 1–65535 not used by Flink itself (${FLINK_RESERVED_PORTS.join(', ')})`, 'use 9249, the Prometheus reporter default');

  // JVM options: one option per entry; heap sizes come from Flink's memory model.
  for (const [i, opt] of (s.jvmOptions ?? []).entries()) {
    const field = `jvmOptions[${i}]`;
    if (typeof opt !== 'string' || !/^-\S+$/.test(opt)) {
      p.push({ field, value: opt, why: 'one JVM option per entry, starting with "-" and without spaces (entries are joined with spaces into env.java.opts.all)', fix: "split it, e.g. ['-Dfoo=bar', '-XX:+UseG1GC']" });
    } else if (/^-(Xmx|Xms|XX:MaxDirectMemorySize=|XX:MaxMetaspaceSize=)/.test(opt)) {
      p.push({ field, value: opt, why: 'Flink derives heap, direct and metaspace limits from the process memory; this option would fight them', fix: 'size the process with jobManager.resources.memory / taskManager.resources.memory' });
    }
  }

  // StateFun runtime.
  const sf = s.statefun ?? {};
  check(sf.jobName === undefined || (typeof sf.jobName === 'string' && sf.jobName.trim() !== ''), 'statefun.jobName', sf.jobName, 'the job name must not be empty', 'use e.g. the app name');
  check(sf.messageSerializer === undefined || Object.values(MessageSerializer).includes(sf.messageSerializer), 'statefun.messageSerializer', sf.messageSerializer, 'not a message serializer', 'use a MessageSerializer value');
  check(intAtLeast(sf.asyncMaxPerTask, 1), 'statefun.asyncMaxPerTask', sf.asyncMaxPerTask, 'a whole number ≥ 1', `use e.g. ${DEFAULT_ASYNC_MAX_PER_TASK}`);
  check(sf.feedbackMemory === undefined || (bytes(sf.feedbackMemory) >= 1024 * 1024), 'statefun.feedbackMemory', sf.feedbackMemory && `${bytes(sf.feedbackMemory)} bytes`,
    'the feedback channel needs at least 1 MiB before spilling', 'use e.g. Size.mebibytes(32)');
  for (const key of Object.keys(sf.globalConfig ?? {}).sort()) {
    check(/^[A-Za-z0-9_][\w.-]*$/.test(key), `statefun.globalConfig['${key}']`, key, 'a global-config key becomes part of a Flink key (statefun.module.global-config.<key>): only letters, digits, \'_\', \'-\' and \'.\' (no spaces)', "use e.g. 'tenant.id'");
    check(typeof sf.globalConfig![key] === 'string', `statefun.globalConfig['${key}']`, sf.globalConfig![key], 'values are strings', 'quote it');
  }
  for (const pattern of sf.additionalParentFirstPatterns ?? []) {
    check(typeof pattern === 'string' && /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*\.?$/.test(pattern), 'statefun.additionalParentFirstPatterns', pattern,
      'a parent-first pattern is a package or class name prefix (no ";" or spaces)', "use e.g. 'com.mycompany.shared'");
  }

  // JobManager tuning.
  const jm = s.jobManager ?? {};
  const counts: Array<[string, number | undefined, number]> = [
    ['jobManager.ioPoolSize', jm.ioPoolSize, 1],
    ['jobManager.futurePoolSize', jm.futurePoolSize, 1],
    ['jobManager.rest.retryMaxAttempts', jm.rest?.retryMaxAttempts, 0],
    ['jobManager.rest.serverThreads', jm.rest?.serverThreads, 1],
    ['jobManager.kubernetesClient.ioPoolSize', jm.kubernetesClient?.ioPoolSize, 1],
    ['jobManager.kubernetesClient.transactionalOperationMaxRetries', jm.kubernetesClient?.transactionalOperationMaxRetries, 0],
    ['operator.savepointHistoryMaxCount', s.operator?.savepointHistoryMaxCount, 1],
  ];
  for (const [field, n, min] of counts) check(intAtLeast(n, min), field, n, `a whole number ≥ ${min}`, `use e.g. ${Math.max(min, 10)}`);
  const timeout = jm.rest?.awaitLeaderTimeout;
  check(timeout === undefined || (wholeMs(timeout) && ms(timeout) > 0), 'jobManager.rest.awaitLeaderTimeout', timeout, 'a positive whole number of milliseconds', 'use e.g. Duration.seconds(90)');
  const periodic = s.operator?.periodicSavepointInterval;
  check(periodic === undefined || (wholeMs(periodic) && ms(periodic) >= 0), 'operator.periodicSavepointInterval', periodic, 'a whole number of milliseconds (0 disables)', 'use e.g. Duration.hours(1)');

  // Every duration must fit a Java long of milliseconds (Flink TimeUtils.parseDuration).
  const le2 = input.highAvailability.enabled ? input.highAvailability.leaderElection : undefined;
  const allDurations: Array<[string, unknown]> = [
    ...durations.map(([field, d]) => [field, d] as [string, unknown]),
    ...Object.entries(rs?._settings ?? {}).map(([key, v]) => [`restartStrategy (${key})`, v] as [string, unknown]),
    ...(le2 ? [['highAvailability.leaderElection.leaseDuration', le2.leaseDuration], ['highAvailability.leaderElection.renewDeadline', le2.renewDeadline], ['highAvailability.leaderElection.retryPeriod', le2.retryPeriod]] as Array<[string, unknown]> : []),
    ['jobManager.rest.awaitLeaderTimeout', timeout],
    ['operator.periodicSavepointInterval', periodic],
  ];
  for (const [field, d] of allDurations) {
    if (d instanceof Duration && !fitsJavaLongMillis(ms(d))) p.push({ field, value: d, why: JAVA_LONG_WHY, fix: 'use a duration of at most Long.MAX_VALUE milliseconds (about 292 million years); a realistic value such as Duration.hours(1)' });
  }

  if (s.logging) p.push(...s.logging._problems());
  return p;
}

function unique(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) (out as any)[k] = v;
  return out;
}
