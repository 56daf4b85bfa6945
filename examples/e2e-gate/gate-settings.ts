// The release gate's FlinkDeployment settings (statefun-runtime.md §12.3) as typed props: no
// flinkConfiguration extras. Shared by main.ts and the test that validates them against both CRDs.
import { Duration, Size } from 'cdk8s';
import { Cpu, ImagePullPolicy } from 'cdk8s-plus-27';
import {
  CheckpointingMode, CheckpointRetention, FlinkLogging, FlinkMetrics, HighAvailability, LeaderElection,
  RestartStrategy, StateBackend, StateFunAppProps, StateFunImage, UpgradeMode,
} from 'cdk8s-statefun';

/** The gate's settings; the caller adds the operator target, the checkpoint store and the identity. */
export function gateSettings(): StateFunAppProps {
  return {
    name: 'statefun-jobmanager',
    // The gate builds this image locally and loads it into kind (`kind load docker-image`).
    image: StateFunImage.fromImage('flink-statefun:e2e', '3.4.0-KZM-3.5'),
    imagePullPolicy: ImagePullPolicy.NEVER,
    jobManager: {
      resources: { cpu: Cpu.millis(500), memory: Size.mebibytes(1024) },
      ioPoolSize: 10,
      futurePoolSize: 10,
      rest: { awaitLeaderTimeout: Duration.millis(90_000), retryMaxAttempts: 40, serverThreads: 10, cancelFromWebUi: false },
      kubernetesClient: { ioPoolSize: 8, transactionalOperationMaxRetries: 60 },
    },
    taskManager: { resources: { cpu: Cpu.units(1), memory: Size.mebibytes(2048) }, taskSlots: 2, bufferDebloat: true },
    parallelism: 1,
    upgradeMode: UpgradeMode.LAST_STATE,
    checkpointing: {
      interval: Duration.millis(5000),
      mode: CheckpointingMode.EXACTLY_ONCE,
      minPause: Duration.millis(50),
      timeout: Duration.millis(1_200_000),
      retention: CheckpointRetention.RETAIN_ON_CANCELLATION,
      tolerableFailures: 3,
      retainedCheckpoints: 10,
      incremental: true,
      changelog: true,
      checkpointsAfterTasksFinish: false,
    },
    stateBackend: StateBackend.ROCKSDB,
    highAvailability: HighAvailability.kubernetes({ leaderElection: LeaderElection.FAST }),
    // restart-strategy.* as ADR-0007 corrected it (the gate's older revision used the ignored execution. prefix).
    restartStrategy: RestartStrategy.fixedDelay({ attempts: 3, delay: Duration.seconds(5) }),
    jvmOptions: [
      '-Daws.java.v1.disableDeprecationAnnouncement=true',
      '-Dkubernetes.connection.timeout=35000',
      '-Dkubernetes.request.timeout=35000',
      '-Dkubernetes.request.retry.backoffLimit=60',
    ],
    metrics: FlinkMetrics.prometheus({ port: 9249 }),
    logging: FlinkLogging.json(),
    statefun: { jobName: 'statefun-k8s-e2e' },
    allowNonRestoredState: true,
    operator: { jobManagerDeploymentRecovery: true, periodicSavepointInterval: Duration.millis(0), savepointHistoryMaxCount: 2 },
  };
}
