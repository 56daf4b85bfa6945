import { Duration } from 'cdk8s';

/** Desired state of the Flink job. */
export enum JobState {
  /** Run the job. */
  RUNNING = 'running',
  /** Suspend the job (taking state according to the upgrade mode). */
  SUSPENDED = 'suspended',
}

/** How the operator carries state across upgrades and suspends. */
export enum UpgradeMode {
  /**
   * Take a savepoint on every upgrade and restore from it; needs checkpoint and savepoint directories.
   * The only restore that honours `allowNonRestoredState` on Flink 2.2.1, so the one that lets a module
   * drop a stateful ingress or egress. A job that is not running falls back to last-state (the operator's
   * default; turned off by the library on operator 1.11 with Kubernetes HA, FLINK-37571).
   */
  SAVEPOINT = 'savepoint',
  /**
   * Resume from the latest checkpoint (fast, works when the job is unhealthy); needs a checkpoint directory.
   * Ignores `allowNonRestoredState` on Flink 2.2.1 (FLINK-39513): removing a stateful ingress or egress
   * fails the restore. Refused with Kubernetes HA on operator 1.11 (FLINK-37571: the old job keeps running).
   */
  LAST_STATE = 'last-state',
  /** Start without state on every upgrade. */
  STATELESS = 'stateless',
}

/**
 * How the Flink Kubernetes Operator manages the job (`kubernetes.operator.*` keys of the
 * FlinkDeployment). Changes to these keys do not redeploy the job.
 */
export interface OperatorOptions {
  /**
   * Recreate a JobManager Deployment that disappeared (`kubernetes.operator.jm-deployment-recovery.enabled`).
   * @default - the operator's default (true)
   */
  readonly jobManagerDeploymentRecovery?: boolean;
  /**
   * Take a savepoint at this interval (`kubernetes.operator.periodic.savepoint.interval`); `Duration.millis(0)`
   * writes the key but disables it. Needs a savepoint directory (a checkpoint store) even when 0.
   * @default - no periodic savepoints (the key is not written)
   */
  readonly periodicSavepointInterval?: Duration;
  /**
   * Savepoints the operator keeps in its history (`kubernetes.operator.savepoint.history.max.count`).
   * @default - the operator's default (10)
   */
  readonly savepointHistoryMaxCount?: number;
  /**
   * Roll back to the last stable spec when an upgrade does not become healthy
   * (`kubernetes.operator.deployment.rollback.enabled`). Needs high availability.
   * @default false
   */
  readonly deploymentRollback?: boolean;
  /**
   * Restart the JobManager when the job keeps restarting or stops checkpointing
   * (`kubernetes.operator.cluster.health-check.enabled`). Needs JobManager deployment recovery.
   * @default false
   */
  readonly clusterHealthCheck?: boolean;
}
