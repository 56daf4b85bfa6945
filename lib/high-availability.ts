import { Duration } from 'cdk8s';
import { checkArgs } from './guard-schemas';

/** Options of Kubernetes leader election for the JobManager. */
export interface LeaderElectionOptions {
  /** How long a leader's lease is valid without renewal. */
  readonly leaseDuration: Duration;
  /** How long the leader keeps retrying to renew before giving up. */
  readonly renewDeadline: Duration;
  /** Pause between leader-election attempts. */
  readonly retryPeriod: Duration;
}

/** Kubernetes leader-election timings for the JobManager. */
export class LeaderElection {
  /** Flink's defaults: lease 15s, renew deadline 15s, retry 5s. */
  public static readonly DEFAULT = new LeaderElection(Duration.seconds(15), Duration.seconds(15), Duration.seconds(5));

  /** Fast failover (the StateFun guide's tuning): lease 15s, renew deadline 10s, retry 2s. */
  public static readonly FAST = new LeaderElection(Duration.seconds(15), Duration.seconds(10), Duration.seconds(2));

  /** Custom timings; retry < renew deadline ≤ lease duration. */
  public static custom(options: LeaderElectionOptions): LeaderElection {
    checkArgs('LeaderElection.custom', options);
    return new LeaderElection(options.leaseDuration, options.renewDeadline, options.retryPeriod);
  }

  private constructor(
    /** Lease duration. */
    public readonly leaseDuration: Duration,
    /** Renew deadline. */
    public readonly renewDeadline: Duration,
    /** Retry period. */
    public readonly retryPeriod: Duration,
  ) {}
}

/** Options of Kubernetes high availability. */
export interface KubernetesHighAvailabilityOptions {
  /**
   * Leader-election timings.
   * @default LeaderElection.DEFAULT
   */
  readonly leaderElection?: LeaderElection;
}

/**
 * JobManager high availability. With Kubernetes HA the JobManager's leader and job metadata live in
 * ConfigMaps and the HA storage directory (derived from the app's CheckpointStore), so a lost
 * JobManager resumes the job from its last checkpoint.
 */
export class HighAvailability {
  /** Kubernetes-native HA (ConfigMap leader election); needs a CheckpointStore for its storage directory. */
  public static kubernetes(options: KubernetesHighAvailabilityOptions = {}): HighAvailability {
    checkArgs('HighAvailability.kubernetes', options);
    return new HighAvailability(true, options.leaderElection ?? LeaderElection.DEFAULT);
  }

  /** No HA: a lost JobManager restarts the job from the latest retained checkpoint only via the operator. */
  public static disabled(): HighAvailability {
    return new HighAvailability(false, undefined);
  }

  private constructor(
    /** Whether HA is on. */
    public readonly enabled: boolean,
    /** Leader-election timings (when enabled). */
    public readonly leaderElection?: LeaderElection,
  ) {}
}
