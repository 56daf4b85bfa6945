// Production shape on Amazon EKS: Kafka in and out, S3 checkpoints through IRSA (no static keys anywhere),
// Kubernetes HA with fast failover and a standby JobManager, last-state upgrades, and Prometheus Operator
// monitoring (PodMonitor for the Flink pods, ServiceMonitor for the function, StateFun alerts).
// Amazon MSK with SASL/SCRAM: the password stays in the Secret `payments-msk-scram`, the module holds a
// ${dir:...} placeholder and the Secret is mounted in JobManager and TaskManagers. Images come through a
// private registry mirror with one pull secret for everything; the Flink pods run on a tainted node pool.
// Targets Flink Kubernetes Operator 1.15 with flinkVersion v2_2, what the Kzmlabs images run.
import { App, Chart, Duration, Size } from 'cdk8s';
import { Cpu, Secret } from 'cdk8s-plus-27';
import {
  CheckpointStore, FlinkVersion, FunctionProbe, FunctionScaling, HighAvailability, KafkaAutoOffsetReset, KafkaDeliverySemantic,
  KafkaEgress, KafkaIngress, KafkaSaslMechanism, KafkaSecurity, KafkaStartupPosition, LeaderElection, OperatorVersion,
  PlacementTopology, PodFile, RemoteFunction, RocksDbLocalDirectory, StateFunApp, TaintEffect, UpgradeMode, ValueType,
} from 'cdk8s-statefun';

const app = new App();
const chart = new Chart(app, 'payments', { namespace: 'payments' });

// IRSA: the app's Flink ServiceAccount is annotated with this role; the role needs s3:GetObject,
// PutObject, DeleteObject and ListBucket on the bucket (prefix statefun/).
const store = CheckpointStore.s3(chart, 'checkpoints', {
  bucket: 'acme-payments-statefun',
  prefix: 'statefun',
  region: 'eu-west-1',
  irsaRoleArn: 'arn:aws:iam::123456789012:role/payments-statefun',
});

// Registry credentials for the mirror (a kubernetes.io/dockerconfigjson Secret), and the MSK SCRAM user
// (key `password`, created without a trailing newline: kubectl create secret generic --from-literal).
const registry = Secret.fromSecretName(chart, 'registry', 'ecr-mirror-credentials');
const scramUser = Secret.fromSecretName(chart, 'msk-scram', 'payments-msk-scram');
// MSK's public certificates chain to the Amazon roots in the JVM trust store: no trust store needed.
const msk = KafkaSecurity.saslSsl({
  mechanism: KafkaSaslMechanism.SCRAM_SHA_512,
  username: 'payments-statefun',
  password: PodFile.fromSecret(scramUser, 'password'),
});

const statefun = new StateFunApp(chart, 'payments-statefun', {
  operatorVersion: OperatorVersion.V1_15,
  imageRegistry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror',
  imagePullSecrets: [registry],
  flinkPods: {
    // A dedicated node pool tainted `dedicated=flink:NoSchedule`, high priority, JobManagers in different zones.
    placement: {
      nodeSelector: { 'eks.amazonaws.com/nodegroup': 'flink' },
      tolerations: [{ key: 'dedicated', value: 'flink', effect: TaintEffect.NO_SCHEDULE }],
      priorityClassName: 'statefun-critical',
    },
    jobManager: { placement: { podAntiAffinity: [{ topology: PlacementTopology.ZONE }] } },
    taskManager: {
      placement: { topologySpread: [{ topology: PlacementTopology.ZONE }] },
      // RocksDB works on a gp3 volume created with each TaskManager.
      rocksDbLocalDirectory: RocksDbLocalDirectory.ephemeralVolume({ size: Size.gibibytes(50), storageClassName: 'gp3' }),
    },
  },
  flinkVersion: FlinkVersion.V2_2,
  checkpointStore: store,
  checkpointing: { interval: Duration.seconds(10), timeout: Duration.minutes(5) },
  // Last-state upgrades resume from the latest checkpoint, also when the job is unhealthy.
  upgradeMode: UpgradeMode.LAST_STATE,
  // Fast failover: a lost leader is replaced within ~15s; the standby JobManager takes over at once.
  highAvailability: HighAvailability.kubernetes({ leaderElection: LeaderElection.FAST }),
  jobManager: {
    replicas: 2,
    resources: { cpu: Cpu.units(1), memory: Size.mebibytes(2048) },
    // REST calls during a failover wait for the new leader instead of failing.
    rest: { awaitLeaderTimeout: Duration.seconds(90) },
  },
  taskManager: { resources: { cpu: Cpu.units(2), memory: Size.mebibytes(4096) }, taskSlots: 2 },
  parallelism: 4,
  operator: { jobManagerDeploymentRecovery: true, deploymentRollback: true },
  // The label kube-prometheus-stack selects monitors and rules by; scrapes only from the monitoring namespace.
  prometheusOperator: {
    labels: { release: 'kube-prometheus-stack' },
    scrapeInterval: Duration.seconds(30),
    prometheusNamespace: 'monitoring',
  },
});

// The function server exposes its own metrics on 9090; the app's prometheusOperator adds a ServiceMonitor for it.
const payments = new RemoteFunction(chart, 'payment-functions', {
  app: statefun,
  image: 'acme/payment-functions:2.3.1',
  functions: ['payments/*'],
  scaling: FunctionScaling.autoscale({ minReplicas: 3, maxReplicas: 20, targetCpuUtilization: 70 }),
  readiness: FunctionProbe.httpGet('/health', { port: 8080 }),
  metricsPort: 9090,
  // Replicas in different zones where possible (the app's pull secret applies here too).
  placement: { podAntiAffinity: [{ topology: PlacementTopology.ZONE, weight: 100 }] },
});

new KafkaIngress(chart, 'payment-requests', {
  app: statefun,
  ingressId: 'payments/requests',
  address: 'b-1.payments-msk.abc123.c2.kafka.eu-west-1.amazonaws.com:9096,b-2.payments-msk.abc123.c2.kafka.eu-west-1.amazonaws.com:9096',
  consumerGroupId: 'payments-statefun',
  security: msk,
  startupPosition: KafkaStartupPosition.groupOffsets(),
  autoOffsetReset: KafkaAutoOffsetReset.EARLIEST,
  topics: [{
    topic: 'payments.requests',
    valueType: ValueType.of('payments/PaymentRequest'),
    targets: [payments.functionType('authorize')],
  }],
});

// At-least-once: what the release gate runs (exactly-once needs a transactional id prefix the runtime does not set).
new KafkaEgress(chart, 'payment-results', {
  app: statefun,
  egressId: 'payments/results',
  address: 'b-1.payments-msk.abc123.c2.kafka.eu-west-1.amazonaws.com:9096,b-2.payments-msk.abc123.c2.kafka.eu-west-1.amazonaws.com:9096',
  deliverySemantic: KafkaDeliverySemantic.atLeastOnce(),
  security: msk,
  properties: { 'compression.type': 'lz4', 'linger.ms': '20' },
});

app.synth();
