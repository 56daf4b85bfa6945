// A laptop-sized StateFun app for a local kind cluster: MinIO as the S3-compatible checkpoint store
// (keys from the MinIO chart's Secret), one function replica, one Kafka topic in, small Flink pods.
// Last-state upgrades keep state across `kubectl apply`s; a single JobManager needs no HA locally.
import { App, Chart, Duration, Size } from 'cdk8s';
import { Cpu, Secret } from 'cdk8s-plus-27';
import {
  CheckpointStore, FunctionProbe, FunctionScaling, HighAvailability, KafkaIngress, KafkaStartupPosition, RemoteFunction,
  S3Credentials, StateFunApp, UpgradeMode, ValueType,
} from 'cdk8s-statefun';

const NAMESPACE = 'statefun-local';

const app = new App();
const chart = new Chart(app, 'greeter', { namespace: NAMESPACE });

// The official MinIO Helm chart (release `minio`) keeps its root credentials in the Secret `minio`
// under rootUser / rootPassword; the store maps them to AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
const minioKeys = Secret.fromSecretName(chart, 'minio-keys', 'minio');
const store = CheckpointStore.s3Compatible(chart, 'minio', {
  bucket: 'statefun',
  endpoint: `http://minio.${NAMESPACE}:9000`,
  credentials: S3Credentials.fromSecret(minioKeys, { accessKeyIdKey: 'rootUser', secretAccessKeyKey: 'rootPassword' }),
  // MinIO's default signing region.
  region: 'us-east-1',
});

// The default operator target (1.16, flinkVersion v2_2 from the image); the output also works on operator 1.13–1.15.
const statefun = new StateFunApp(chart, 'greeter-statefun', {
  checkpointStore: store,
  checkpointing: { interval: Duration.seconds(10) },
  upgradeMode: UpgradeMode.LAST_STATE,
  highAvailability: HighAvailability.disabled(),
  jobManager: { resources: { cpu: Cpu.millis(250), memory: Size.mebibytes(1024) } },
  taskManager: { resources: { cpu: Cpu.millis(500), memory: Size.mebibytes(1280) } },
});

const greeter = new RemoteFunction(chart, 'greeter', {
  app: statefun,
  image: 'acme/greeter-functions:0.1.0',
  functions: ['greeter/*'],
  scaling: FunctionScaling.fixed(1),
  resources: {
    cpu: { request: Cpu.millis(100), limit: Cpu.millis(250) },
    memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
  },
  readiness: FunctionProbe.tcpSocket({ port: 8080 }),
});

new KafkaIngress(chart, 'names', {
  app: statefun,
  ingressId: 'greeter/names',
  address: `kafka.${NAMESPACE}:9092`,
  consumerGroupId: 'greeter-statefun',
  startupPosition: KafkaStartupPosition.earliest(),
  topics: [{ topic: 'names', valueType: ValueType.STRING, targets: [greeter.functionType('greet')] }],
});

app.synth();
