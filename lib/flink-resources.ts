import { Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';

/** CPU and memory of one Flink process (a JobManager or a TaskManager pod). */
export interface FlinkProcessResources {
  /** CPU cores, rendered as a number in the FlinkDeployment. */
  readonly cpu: Cpu;
  /** Total process memory (`*.memory.process.size`), rendered in Flink's syntax (`2048m` = 2 GiB). */
  readonly memory: Size;
  /**
   * Ephemeral storage request and limit of the main container.
   * @default - none
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
