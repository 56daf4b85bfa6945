/**
 * The Flink configuration keys the library knows to be wrong on Flink 2.x under the operator, with
 * what to write instead. One table serves the linter (refusals at synth) and the flink-conf.yaml
 * migration (renames), so the two can never disagree.
 *
 * Sources: flink-operator.md §5 (validator), §6 (prefix rule), §7 (renames, removals); the Flink 2.0
 * release notes' "List of removed configuration options"; FLIP-406 (Flink 1.20 renames, including the
 * changelog options moved under `state.changelog.`).
 */

/** How a key relates to a Flink 2.x deployment under the operator. @internal */
export enum KeyStatus {
  /** A 1.x short key that is still read as an alias but is a dot-prefix of its own sub-keys on 2.x. */
  LEGACY = 'legacy',
  /** Deprecated alias (renamed in Flink ≤ 1.20), still read on 2.x; the library writes the 2.x key. */
  DEPRECATED = 'deprecated',
  /** In Flink 2.0's list of removed options: silently ignored. */
  REMOVED = 'removed',
  /** Not a Flink option at all (silently ignored). */
  NOT_AN_OPTION = 'not-an-option',
  /** The operator's validator rejects it ("Forbidden Flink config key"). */
  FORBIDDEN = 'forbidden',
  /** The operator writes it from a FlinkDeployment spec field, overriding whatever is configured. */
  SPEC_DERIVED = 'spec-derived',
}

/** One catalog row. @internal */
export interface KeyEntry {
  /** The key, or the prefix (ending in '.') when `prefix` is set. */
  readonly key: string;
  readonly prefix?: boolean;
  readonly status: KeyStatus;
  /**
   * The Flink 2.x key(s) to use instead (for a prefix entry, the replacement prefix). Empty when
   * nothing replaces it.
   */
  readonly replacement?: string[];
  /** The typed prop that writes the replacement (the user never writes the key then). */
  readonly prop?: string;
  /** A short clause on why, appended to the generic reason of the status. */
  readonly note?: string;
  /** False when the replacement takes a different value syntax (the migration then does not carry the value). */
  readonly sameValue?: boolean;
}

const entries: KeyEntry[] = [];
function add(status: KeyStatus, keys: string[], e: Omit<KeyEntry, 'key' | 'status'> = {}): void {
  for (const key of keys) entries.push({ key, status, ...e, prefix: key.endsWith('.') });
}

// --- Legacy 1.x short keys: aliases that collide with their own sub-keys on Flink 2.x.
add(KeyStatus.LEGACY, ['state.backend'], { replacement: ['state.backend.type'], prop: 'stateBackend', note: 'renamed in Flink 1.17; it is a dot-prefix of state.backend.type and state.backend.rocksdb.*' });
add(KeyStatus.LEGACY, ['high-availability'], { replacement: ['high-availability.type'], prop: 'highAvailability', note: 'renamed in Flink 1.17; it is a dot-prefix of high-availability.storageDir and high-availability.kubernetes.*' });
add(KeyStatus.LEGACY, ['recovery.mode'], { replacement: ['high-availability.type'], prop: 'highAvailability', note: 'the pre-1.17 name of the HA mode' });
add(KeyStatus.LEGACY, ['restart-strategy'], { replacement: ['restart-strategy.type'], prop: 'restartStrategy', note: 'renamed in Flink 1.17; it is a dot-prefix of restart-strategy.<type>.*' });
add(KeyStatus.LEGACY, ['env.java.opts'], { replacement: ['env.java.opts.all'], prop: 'jvmOptions', note: 'split into env.java.opts.all/.jobmanager/.taskmanager; it is a dot-prefix of them' });
add(KeyStatus.LEGACY, ['execution.checkpointing.unaligned'], { replacement: ['execution.checkpointing.unaligned.enabled'], prop: '(StateFun invariant: unaligned checkpoints stay off)', note: 'renamed to execution.checkpointing.unaligned.enabled; it is a dot-prefix of .unaligned.enabled/.forced' });

// --- Deprecated aliases (still read on 2.x; the library writes the 2.x key).
add(KeyStatus.DEPRECATED, ['state.checkpoints.dir', 'state.backend.fs.checkpointdir'], { replacement: ['execution.checkpointing.dir'], prop: 'checkpointStore', note: 'renamed in Flink 1.20' });
add(KeyStatus.DEPRECATED, ['state.savepoints.dir', 'savepoints.state.backend.fs.dir'], { replacement: ['execution.checkpointing.savepoint-dir'], prop: 'checkpointStore', note: 'renamed in Flink 1.20' });
add(KeyStatus.DEPRECATED, ['state.checkpoints.num-retained'], { replacement: ['execution.checkpointing.num-retained'], prop: 'checkpointing.retainedCheckpoints', note: 'renamed in Flink 1.20' });
add(KeyStatus.DEPRECATED, ['state.backend.incremental'], { replacement: ['execution.checkpointing.incremental'], prop: 'checkpointing.incremental', note: 'renamed in Flink 1.20' });
add(KeyStatus.DEPRECATED, ['state.checkpoint-storage'], { replacement: ['execution.checkpointing.storage'], note: 'renamed in Flink 1.20; with a checkpoint store the storage is the filesystem' });
add(KeyStatus.DEPRECATED, ['state.checkpoints.create-subdir'], { replacement: ['execution.checkpointing.create-subdir'], note: 'renamed in Flink 1.20' });
add(KeyStatus.DEPRECATED, ['state.storage.fs.memory-threshold', 'state.backend.fs.memory-threshold'], { replacement: ['execution.checkpointing.data-inline-threshold'], note: 'renamed in Flink 1.20' });
add(KeyStatus.DEPRECATED, ['state.storage.fs.write-buffer-size', 'state.backend.fs.write-buffer-size'], { replacement: ['execution.checkpointing.write-buffer-size'], note: 'renamed in Flink 1.20' });
add(KeyStatus.DEPRECATED, ['taskmanager.state.local.root-dirs'], { replacement: ['execution.checkpointing.local-backup.dirs'], note: 'renamed in Flink 1.20' });
add(KeyStatus.DEPRECATED, ['execution.savepoint.ignore-unclaimed-state'], { replacement: ['execution.state-recovery.ignore-unclaimed-state'], prop: 'allowNonRestoredState', note: 'renamed in Flink 1.20' });
add(KeyStatus.DEPRECATED, ['execution.savepoint-restore-mode'], { replacement: ['execution.state-recovery.claim-mode'], note: 'renamed in Flink 1.20' });
add(KeyStatus.DEPRECATED, ['execution.checkpointing.alignment-timeout'], { replacement: ['execution.checkpointing.aligned-checkpoint-timeout'], note: 'renamed in Flink 1.20' });
add(KeyStatus.DEPRECATED, ['execution.checkpointing.checkpoints-after-tasks-finish.enabled'], { replacement: ['execution.checkpointing.checkpoints-after-tasks-finish'], prop: 'checkpointing.checkpointsAfterTasksFinish', note: 'renamed in Flink 1.20' });
add(KeyStatus.DEPRECATED, ['state.backend.changelog.enabled'], { replacement: ['state.changelog.enabled'], prop: 'checkpointing.changelog', note: 'renamed in Flink 1.20 by FLIP-406' });
add(KeyStatus.DEPRECATED, ['state.backend.changelog.storage'], { replacement: ['state.changelog.storage'], prop: 'checkpointing.changelog', note: 'renamed in Flink 1.20 by FLIP-406' });
add(KeyStatus.DEPRECATED, ['state.backend.changelog.'], { replacement: ['state.changelog.'], note: 'renamed in Flink 1.20 by FLIP-406' });
add(KeyStatus.DEPRECATED, ['dstl.dfs.base-path'], { replacement: ['state.changelog.dstl.dfs.base-path'], prop: 'checkpointStore', note: 'renamed in Flink 1.20 by FLIP-406' });
add(KeyStatus.DEPRECATED, ['dstl.dfs.'], { replacement: ['state.changelog.dstl.dfs.'], note: 'renamed in Flink 1.20 by FLIP-406' });

// --- Removed in Flink 2.0 (release notes, "List of removed configuration options").
add(KeyStatus.REMOVED, ['jobmanager.heap.size', 'jobmanager.heap.mb'], { replacement: [], prop: 'jobManager.resources.memory', note: 'the operator sizes the JobManager from spec.jobManager.resource.memory' });
add(KeyStatus.REMOVED, ['taskmanager.heap.size', 'taskmanager.heap.mb'], { replacement: [], prop: 'taskManager.resources.memory', note: 'the operator sizes the TaskManager from spec.taskManager.resource.memory' });
for (const suffix of ['fraction', 'min', 'max']) {
  add(KeyStatus.REMOVED, [`taskmanager.network.memory.${suffix}`], { replacement: [`taskmanager.memory.network.${suffix}`] });
}
add(KeyStatus.REMOVED, ['state.backend.async'], { replacement: [], note: 'snapshots are always asynchronous' });
add(KeyStatus.REMOVED, ['state.backend.local-recovery'], { replacement: ['execution.state-recovery.from-local'] });
add(KeyStatus.REMOVED, ['state.backend.rocksdb.checkpointdir'], { replacement: ['execution.checkpointing.dir'], prop: 'checkpointStore' });
add(KeyStatus.REMOVED, ['state.backend.latency-track.'], { replacement: ['state.latency-track.'] });
add(KeyStatus.REMOVED, ['security.ssl.enabled'], { replacement: ['security.ssl.internal.enabled', 'security.ssl.rest.enabled'] });
add(KeyStatus.REMOVED, ['web.port', 'jobmanager.web.port'], { replacement: ['rest.port'] });
add(KeyStatus.REMOVED, ['web.address', 'jobmanager.web.address'], { replacement: ['rest.address'] });
add(KeyStatus.REMOVED, ['web.ssl.enabled', 'jobmanager.web.ssl.enabled'], { replacement: ['security.ssl.rest.enabled'] });
add(KeyStatus.REMOVED, ['slotmanager.taskmanager-timeout'], { replacement: ['resourcemanager.taskmanager-timeout'] });
add(KeyStatus.REMOVED, ['cluster.evenly-spread-out-slots'], { replacement: ['taskmanager.load-balance.mode'], sameValue: false, note: "'true' becomes SLOTS" });
add(KeyStatus.REMOVED, ['pipeline.default-kryo-serializers', 'pipeline.registered-kryo-types', 'pipeline.registered-pojo-types'], { replacement: ['pipeline.serialization-config'], sameValue: false });
add(KeyStatus.REMOVED, ['high-availability.job.delay', 'recovery.job.delay'], { replacement: [], prop: 'restartStrategy' });
add(KeyStatus.REMOVED, [
  'pipeline.auto-type-registration',
  'web.backpressure.', 'jobmanager.web.backpressure.',
  'taskmanager.net.', 'taskmanager.network.netty.',
  'taskmanager.network.numberOfBuffers',
  'taskmanager.network.memory.buffers-per-channel', 'taskmanager.network.memory.floating-buffers-per-gate',
  'taskmanager.network.memory.max-buffers-per-channel', 'taskmanager.network.memory.max-overdraft-buffers-per-gate',
  'taskmanager.network.memory.exclusive-buffers-request-timeout-ms',
  'taskmanager.network.max-num-tcp-connections', 'taskmanager.network.sort-shuffle.min-parallelism',
  'taskmanager.network.batch-shuffle.compression.enabled', 'taskmanager.network.blocking-shuffle.compression.enabled',
  'taskmanager.network.blocking-shuffle.type', 'taskmanager.network.hybrid-shuffle.enable-new-mode',
  'taskmanager.network.hybrid-shuffle.num-retained-in-memory-regions-max',
  'taskmanager.network.hybrid-shuffle.spill-index-region-group-size', 'taskmanager.network.hybrid-shuffle.spill-index-segment-size',
  'high-availability.zookeeper.path.jobgraphs', 'high-availability.zookeeper.path.running-registry',
  'state.backend.forst.remote-dir',
  'taskmanager.exit-on-fatal-akka-error', 'taskmanager.initial-registration-pause', 'taskmanager.max-registration-pause',
  'taskmanager.refused-registration-pause', 'taskmanager.registration.initial-backoff', 'taskmanager.registration.max-backoff',
  'taskmanager.registration.refused-backoff',
  'resourcemanager.taskmanager-release.wait.result.consumed', 'local.number-resourcemanager',
  'security.kerberos.fetch.delegation-token', 'security.kerberos.tokens.renewal.retry.backoff', 'security.kerberos.tokens.renewal.time-ratio',
  'execution.async-state.buffer-size', 'execution.async-state.buffer-timeout', 'execution.async-state.in-flight-records-limit',
  'fine-grained.shuffle-mode.all-blocking',
  'jobmanager.adaptive-batch-scheduler.avg-data-volume-per-task', 'jobmanager.adaptive-batch-scheduler.default-source-parallelism',
  'jobmanager.adaptive-batch-scheduler.max-parallelism', 'jobmanager.adaptive-batch-scheduler.min-parallelism',
  'jobmanager.adaptive-batch-scheduler.speculative.block-slow-node-duration', 'jobmanager.adaptive-batch-scheduler.speculative.enabled',
  'jobmanager.adaptive-batch-scheduler.speculative.max-concurrent-executions',
], { replacement: [] });

// --- Not Flink options.
add(KeyStatus.NOT_AN_OPTION, ['execution.restart-strategy.'], { replacement: ['restart-strategy.'], prop: 'restartStrategy', note: 'it was the legacy SQL-client form; Flink ignores it and restarts forever with exponential delay' });

// --- Rejected by the operator's validator.
add(KeyStatus.FORBIDDEN, ['kubernetes.namespace'], { replacement: [], prop: 'the chart namespace' });
add(KeyStatus.FORBIDDEN, ['kubernetes.cluster-id', 'high-availability.cluster-id'], { replacement: [], prop: 'name' });

// --- Written by the operator from spec fields (spec wins over the configuration).
add(KeyStatus.SPEC_DERIVED, ['jobmanager.memory.process.size'], { prop: 'jobManager.resources.memory', note: 'from spec.jobManager.resource.memory' });
add(KeyStatus.SPEC_DERIVED, ['taskmanager.memory.process.size'], { prop: 'taskManager.resources.memory', note: 'from spec.taskManager.resource.memory' });
add(KeyStatus.SPEC_DERIVED, ['kubernetes.jobmanager.cpu.amount', 'kubernetes.jobmanager.cpu'], { prop: 'jobManager.resources.cpu', note: 'from spec.jobManager.resource.cpu' });
add(KeyStatus.SPEC_DERIVED, ['kubernetes.taskmanager.cpu.amount', 'kubernetes.taskmanager.cpu'], { prop: 'taskManager.resources.cpu', note: 'from spec.taskManager.resource.cpu' });
add(KeyStatus.SPEC_DERIVED, ['kubernetes.container.image.ref', 'kubernetes.container.image'], { prop: 'image', note: 'from spec.image' });
add(KeyStatus.SPEC_DERIVED, ['kubernetes.container.image.pull-policy'], { prop: 'imagePullPolicy', note: 'from spec.imagePullPolicy' });
add(KeyStatus.SPEC_DERIVED, ['kubernetes.service-account', 'kubernetes.jobmanager.service-account', 'kubernetes.taskmanager.service-account'], { prop: 'serviceAccount', note: 'from spec.serviceAccount' });
add(KeyStatus.SPEC_DERIVED, ['parallelism.default'], { prop: 'parallelism', note: 'from spec.job.parallelism (or taskManager.replicas × slots)' });
add(KeyStatus.SPEC_DERIVED, ['kubernetes.jobmanager.replicas'], { prop: 'jobManager.replicas', note: 'from spec.jobManager.replicas' });
add(KeyStatus.SPEC_DERIVED, ['execution.savepoint.path', 'execution.state-recovery.path'], { prop: 'initialSavepointPath', note: 'from spec.job.initialSavepointPath and the last checkpoint on upgrades' });
add(KeyStatus.SPEC_DERIVED, ['pipeline.jars', '$internal.'], { prop: '(the runner jar, spec.job.jarURI)', note: 'from spec.job' });
add(KeyStatus.SPEC_DERIVED, ['kubernetes.pod-template-file', 'kubernetes.pod-template-file.'], { prop: '(the pod template the library writes)', note: 'from spec.podTemplate' });

/** All rows (for the README table and tests). @internal */
export const KEY_CATALOG: readonly KeyEntry[] = entries;

const exact = new Map(entries.filter((e) => !e.prefix).map((e) => [e.key, e]));
const prefixes = entries.filter((e) => e.prefix).sort((a, b) => b.key.length - a.key.length);

/** The catalog row for a key: an exact row, else the longest matching prefix row. @internal */
export function lookupKey(key: string): KeyEntry | undefined {
  return exact.get(key) ?? prefixes.find((e) => key.startsWith(e.key));
}

/** The concrete replacement keys for `key` under its row (prefix rows substitute the prefix). @internal */
export function replacementKeys(key: string, entry: KeyEntry): string[] {
  const r = entry.replacement ?? [];
  if (!entry.prefix) return [...r];
  return r.map((p) => p + key.slice(entry.key.length));
}

/**
 * Keys the operator itself adds to the cluster configuration (flink-operator.md §2.5), which take part
 * in the Flink 2.x prefix rule too.
 * @internal
 */
export const OPERATOR_ADDED_KEYS: { [key: string]: string } = {
  'kubernetes.container.image.ref': 'spec.image',
  'kubernetes.container.image.pull-policy': 'spec.imagePullPolicy',
  'kubernetes.service-account': 'spec.serviceAccount',
  'kubernetes.jobmanager.cpu.amount': 'spec.jobManager.resource.cpu',
  'kubernetes.taskmanager.cpu.amount': 'spec.taskManager.resource.cpu',
  'jobmanager.memory.process.size': 'spec.jobManager.resource.memory',
  'taskmanager.memory.process.size': 'spec.taskManager.resource.memory',
  'parallelism.default': 'spec.job.parallelism',
  'kubernetes.namespace': 'metadata.namespace',
  'kubernetes.cluster-id': 'metadata.name',
  'pipeline.name': 'metadata.name',
  'pipeline.jars': 'spec.job.jarURI',
  'web.cancel.enable': 'an operator default',
  'kubernetes.rest-service.exposed.type': 'an operator default',
  'execution.shutdown-on-application-finish': 'application mode',
  'execution.submit-failed-job-on-application-error': 'application mode',
};

/** Typed props whose value is a config key ending: how the migration and linter name them. @internal */
export function describeReplacement(entry: KeyEntry, key: string): string {
  const keys = replacementKeys(key, entry);
  const written = keys.length ? ` (writes ${keys.join(' and ')})` : '';
  if (entry.prop && !entry.prop.startsWith('(')) return `use ${entry.prop}${written}`;
  if (entry.prop) return `remove it: ${entry.prop.slice(1, -1)}${keys.length ? `; the library writes ${keys.join(' and ')}` : ''}`;
  if (keys.length) return `write ${keys.map((k) => `'${k}'`).join(' and ')} instead`;
  return 'remove it: nothing replaces it on Flink 2.x';
}
