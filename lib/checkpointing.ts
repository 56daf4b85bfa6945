import { Duration } from 'cdk8s';

/** Checkpoint consistency guarantee. */
export enum CheckpointingMode {
  /** Exactly-once state consistency (aligned barriers). */
  EXACTLY_ONCE = 'EXACTLY_ONCE',
  /** At-least-once: lower latency, duplicates after recovery. */
  AT_LEAST_ONCE = 'AT_LEAST_ONCE',
}

/** What happens to the last checkpoint when the job is cancelled. */
export enum CheckpointRetention {
  /** Keep it, so the job can be restored (what `last-state` upgrades rely on). */
  RETAIN_ON_CANCELLATION = 'RETAIN_ON_CANCELLATION',
  /** Delete it on cancellation. */
  DELETE_ON_CANCELLATION = 'DELETE_ON_CANCELLATION',
  /** Do not externalize checkpoints at all. */
  NO_EXTERNALIZED_CHECKPOINTS = 'NO_EXTERNALIZED_CHECKPOINTS',
}

/**
 * Checkpointing of the StateFun job (`execution.checkpointing.*`, `state.changelog.*`). Flink leaves
 * checkpointing off unless an interval is set, and StateFun never enables it itself, so the library
 * always sets one. The number of concurrent checkpoints is not an option: StateFun requires exactly
 * one; unaligned checkpoints stay off (StateFun does not support them).
 */
export interface CheckpointingOptions {
  /**
   * Time between checkpoint starts.
   * @default Duration.seconds(10)
   */
  readonly interval?: Duration;
  /**
   * Consistency guarantee.
   * @default CheckpointingMode.EXACTLY_ONCE
   */
  readonly mode?: CheckpointingMode;
  /**
   * A checkpoint that takes longer is aborted.
   * @default Duration.minutes(10)
   */
  readonly timeout?: Duration;
  /**
   * Minimum pause between the end of one checkpoint and the start of the next.
   * @default Duration.millis(500)
   */
  readonly minPause?: Duration;
  /**
   * Retention of externalized checkpoints on cancellation.
   * @default CheckpointRetention.RETAIN_ON_CANCELLATION
   */
  readonly retention?: CheckpointRetention;
  /**
   * Consecutive checkpoint failures tolerated before the job fails over.
   * @default 3
   */
  readonly tolerableFailures?: number;
  /**
   * Completed checkpoints kept in storage.
   * @default 3
   */
  readonly retainedCheckpoints?: number;
  /**
   * Incremental RocksDB checkpoints (upload only new SST files). Only meaningful with
   * `StateBackend.ROCKSDB`; asking for it with `StateBackend.HASHMAP` is refused.
   * @default - true with RocksDB
   */
  readonly incremental?: boolean;
  /**
   * Changelog state backend (`state.changelog.enabled`): continuous upload of state changes for fast,
   * small checkpoints. Its storage (`state.changelog.dstl.dfs.base-path`) is the `changelog` directory
   * of the app's CheckpointStore, so it needs one.
   * @default false
   */
  readonly changelog?: boolean;
  /**
   * Keep checkpointing after some tasks finished (`execution.checkpointing.checkpoints-after-tasks-finish`).
   * A StateFun job never finishes tasks, so this only matters for jobs with bounded sources.
   * @default - not written: Flink's default (true)
   */
  readonly checkpointsAfterTasksFinish?: boolean;
}

/** Checkpointing defaults, applied where the user left a field out. @internal */
export const CHECKPOINTING_DEFAULTS = {
  interval: Duration.seconds(10),
  mode: CheckpointingMode.EXACTLY_ONCE,
  timeout: Duration.minutes(10),
  minPause: Duration.millis(500),
  retention: CheckpointRetention.RETAIN_ON_CANCELLATION,
  tolerableFailures: 3,
  retainedCheckpoints: 3,
  incremental: true,
  changelog: false,
};
