/** Desired state of the Flink job. */
export enum JobState {
  /** Run the job. */
  RUNNING = 'running',
  /** Suspend the job (taking state according to the upgrade mode). */
  SUSPENDED = 'suspended',
}

/** How the operator carries state across upgrades and suspends. */
export enum UpgradeMode {
  /** Take a savepoint on every upgrade; needs checkpoint and savepoint directories. */
  SAVEPOINT = 'savepoint',
  /** Resume from the latest checkpoint (fast, works when the job is unhealthy); needs a checkpoint directory. */
  LAST_STATE = 'last-state',
  /** Start without state on every upgrade. */
  STATELESS = 'stateless',
}
