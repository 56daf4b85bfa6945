import { checkArgs } from './guard-schemas';

/** Options of an autoscaled function Deployment. */
export interface AutoscalingOptions {
  /**
   * Fewest replicas.
   * @default 3
   */
  readonly minReplicas?: number;
  /**
   * Most replicas.
   * @default 30
   */
  readonly maxReplicas?: number;
  /**
   * Average CPU utilization (percent of the CPU request) the HPA aims for.
   * @default 70
   */
  readonly targetCpuUtilization?: number;
}

/**
 * How many replicas of a remote function run: a fixed count, or a HorizontalPodAutoscaler.
 * One or the other, so a fixed `replicas` and an HPA can never fight over the Deployment.
 */
export class FunctionScaling {
  /** A HorizontalPodAutoscaler (autoscaling/v2) on CPU; the Deployment carries no `replicas`. */
  public static autoscale(options: AutoscalingOptions = {}): FunctionScaling {
    checkArgs('FunctionScaling.autoscale', options);
    return new FunctionScaling(undefined, options.minReplicas ?? 3, options.maxReplicas ?? 30, options.targetCpuUtilization ?? 70);
  }

  /** A fixed replica count, no HPA. */
  public static fixed(replicas: number): FunctionScaling {
    checkArgs('FunctionScaling.fixed', replicas);
    return new FunctionScaling(replicas, undefined, undefined, undefined);
  }

  private constructor(
    /** Fixed replicas (when not autoscaled). */
    public readonly replicas?: number,
    /** HPA minimum. */
    public readonly minReplicas?: number,
    /** HPA maximum. */
    public readonly maxReplicas?: number,
    /** HPA CPU target in percent. */
    public readonly targetCpuUtilization?: number,
  ) {}

  /** Whether an HPA manages the replicas. */
  public get autoscaled(): boolean {
    return this.replicas === undefined;
  }
}
