import { Size } from 'cdk8s';
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
}
