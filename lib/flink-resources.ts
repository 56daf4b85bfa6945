import { Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';

/**
 * CPU and memory of one Flink process (a JobManager or a TaskManager pod).
 *
 * Without `limits` this renders as the operator's `spec.*.resource` (every operator release): the
 * process gets exactly `cpu` and `memory` as request and limit. With `limits` it renders as
 * `spec.*.resources` (`requests` = cpu/memory/ephemeralStorage, `limits`), which exists from operator 1.16
 * (FLINK-33548); on an older `operatorVersion` limits are refused.
 */
export interface FlinkProcessResources {
  /** CPU cores requested (`kubernetes.*.cpu.amount`). */
  readonly cpu: Cpu;
  /**
   * Memory requested: the total process memory Flink sizes its pools from (`*.memory.process.size`).
   * Rendered in Flink's syntax in `resource` (`2048m` = 2 GiB) and as a binary quantity in `resources` (`2Gi`).
   */
  readonly memory: Size;
  /**
   * Ephemeral storage of the main container (request; with `resource`, request and limit).
   * @default - none
   */
  readonly ephemeralStorage?: Size;
  /**
   * Kubernetes limits above the requests (operator 1.16+). The operator turns a CPU or memory limit
   * into `kubernetes.*.{cpu,memory}.limit-factor` = limit ÷ request; Flink still sizes its memory from
   * the request. Each limit must be at least its request (the operator's DefaultValidator refuses a
   * request above its limit).
   * @default - limits equal the requests (Flink's limit factors default to 1.0)
   */
  readonly limits?: FlinkProcessLimits;
}

/** Kubernetes limits of a Flink process (operator 1.16+, `spec.*.resources.limits`). */
export interface FlinkProcessLimits {
  /**
   * CPU limit, at least the CPU request.
   * @default - the CPU request
   */
  readonly cpu?: Cpu;
  /**
   * Memory limit, at least the memory request. Memory above the request is not used by Flink's pools
   * (they are sized from the request); it is headroom for native allocations.
   * @default - the memory request
   */
  readonly memory?: Size;
  /**
   * Ephemeral-storage limit, at least the ephemeral-storage request.
   * @default - no ephemeral-storage limit
   */
  readonly ephemeralStorage?: Size;
}

/** The JobManager's REST endpoint (what the operator talks to). */
export interface RestEndpointOptions {
  /**
   * How long a REST call waits for a JobManager leader (`rest.await-leader-timeout`); raise it with
   * Kubernetes HA so calls during a failover wait instead of failing.
   * @default - Flink's default (30s)
   */
  readonly awaitLeaderTimeout?: Duration;
  /**
   * Retries of a failed REST call (`rest.retry.max-attempts`).
   * @default - Flink's default (20)
   */
  readonly retryMaxAttempts?: number;
  /**
   * Threads serving REST requests (`rest.server.numThreads`).
   * @default - Flink's default (4)
   */
  readonly serverThreads?: number;
  /**
   * Whether the web UI may cancel the job (`web.cancel.enable`). Off, so only the operator changes the
   * job's lifecycle and its view of the job stays true.
   * @default false
   */
  readonly cancelFromWebUi?: boolean;
}

/** The Kubernetes client inside the Flink processes (HA ConfigMaps, TaskManager pods). */
export interface KubernetesClientOptions {
  /**
   * Threads for Kubernetes API calls (`kubernetes.client.io-pool.size`).
   * @default - Flink's default (4)
   */
  readonly ioPoolSize?: number;
  /**
   * Retries of a conflicting ConfigMap update, e.g. the HA leader or checkpoint pointer
   * (`kubernetes.transactional-operation.max-retries`).
   * @default - Flink's default (5)
   */
  readonly transactionalOperationMaxRetries?: number;
}

/** The JobManager. */
export interface JobManagerOptions {
  /**
   * Resources.
   * @default - cpu 0.5, memory 1 GiB
   */
  readonly resources?: FlinkProcessResources;
  /**
   * JobManager replicas; more than one (standby JobManagers) needs high availability.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Threads for blocking I/O such as checkpoint metadata (`jobmanager.io-pool.size`).
   * @default - Flink's default (the number of CPU cores)
   */
  readonly ioPoolSize?: number;
  /**
   * Threads for asynchronous futures (`jobmanager.future-pool.size`).
   * @default - Flink's default (the number of CPU cores)
   */
  readonly futurePoolSize?: number;
  /**
   * The REST endpoint.
   * @default - Flink's defaults; the web UI cannot cancel the job
   */
  readonly rest?: RestEndpointOptions;
  /**
   * The Kubernetes client.
   * @default - Flink's defaults
   */
  readonly kubernetesClient?: KubernetesClientOptions;
}

/** The TaskManagers. */
export interface TaskManagerOptions {
  /**
   * Resources of each TaskManager.
   * @default - cpu 1, memory 2 GiB
   */
  readonly resources?: FlinkProcessResources;
  /**
   * Task slots per TaskManager (`taskmanager.numberOfTaskSlots`).
   * @default 1
   */
  readonly taskSlots?: number;
  /**
   * A fixed number of TaskManagers (`spec.taskManager.replicas`, the scale subresource). The operator then
   * runs the job with parallelism replicas × taskSlots and ignores `parallelism`, so the two cannot be set together.
   * @default - derived by the operator from `parallelism` ÷ `taskSlots`
   */
  readonly replicas?: number;
  /**
   * Buffer debloating (`taskmanager.network.memory.buffer-debloat.enabled`): in-flight data sized to
   * the throughput, so checkpoint barriers pass a backpressured job quickly.
   * @default true
   */
  readonly bufferDebloat?: boolean;
}
