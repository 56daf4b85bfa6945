// The Kzmlabs StateFun release gate (statefun-e2e-k8s-native, proven on kind with Flink Kubernetes
// Operator 1.15 and Flink 2.2) expressed through cdk8s-statefun: its module (four endpoints on one remote
// function, Kafka and Kinesis in and out against in-cluster Kafka and LocalStack), its FlinkDeployment
// `statefun-jobmanager` through typed props only, and its remote function.
//
// Differences from the gate's hand-written YAML, all deliberate:
// - Keys: the gate writes LocalStack's test/test keys in plain text (s3.access-key/s3.secret-key in
//   flinkConfiguration, awsCredentials type basic in module.yaml). The library refuses literal keys outside
//   explicit emulator opt-ins, so here they come from the Secret `localstack-keys` as environment variables.
// - Flink 2.x keys: where the gate uses a deprecated or removed key (state.backend.incremental,
//   state.checkpoints.dir, execution.savepoint.ignore-unclaimed-state, ...) the typed model writes the 2.x key.
// - Identity: the gate binds ClusterRole `edit` to ServiceAccount `flink`; the app creates its own
//   ServiceAccount with a namespaced Role that holds only what Flink needs.
import { App, Chart, Duration, Size } from 'cdk8s';
import { Cpu, Secret } from 'cdk8s-plus-27';
import {
  AwsCredentials, AwsRegion, CheckpointStore, EndpointTransport, FlinkVersion, FunctionProbe, FunctionScaling, KafkaDeliverySemantic,
  KafkaEgress, KafkaIngress,
  KafkaStartupPosition, KinesisEgress, KinesisIngress, KinesisStartupPosition, OperatorVersion,
  RemoteFunction, S3Credentials, StateFunApp, ValueType,
} from 'cdk8s-statefun';
import { gateSettings } from './gate-settings';

const NAMESPACE = 'statefun-e2e';
const KAFKA = `kafka.${NAMESPACE}:9092`;
const LOCALSTACK = `http://localstack.${NAMESPACE}:4566`;
const COUNTER_COMMAND = ValueType.of('io.github.kzmlabs.statefun.e2e/CounterCommand');

const app = new App();
const chart = new Chart(app, 'statefun-e2e', { namespace: NAMESPACE });

// kubectl -n statefun-e2e create secret generic localstack-keys \
//   --from-literal=AWS_ACCESS_KEY_ID=test --from-literal=AWS_SECRET_ACCESS_KEY=test
const localstackKeys = Secret.fromSecretName(chart, 'localstack-keys', 'localstack-keys');

// LocalStack S3, bucket statefun-checkpoints: checkpoints, savepoints, HA metadata and the changelog
// under s3://statefun-checkpoints/statefun-jobmanager/.
const checkpointStore = CheckpointStore.s3Compatible(chart, 'localstack-s3', {
  bucket: 'statefun-checkpoints',
  endpoint: LOCALSTACK,
  credentials: S3Credentials.fromSecret(localstackKeys),
  region: 'us-east-1',
});

const statefun = new StateFunApp(chart, 'statefun', {
  operatorVersion: OperatorVersion.V1_15,
  flinkVersion: FlinkVersion.V2_2,
  ...gateSettings(),
  checkpointStore,
});

// The gate's test server: one Deployment serving every namespace of the module; it answers GET /statefun
// with 200, which the readiness probe uses (StateFun itself POSTs to /statefun).
const fn = new RemoteFunction(chart, 'remote-function', {
  app: statefun,
  image: 'statefun-remote-function:e2e',
  functions: ['counter.kafka/*', 'counter.kinesis/*', 'counter.kafka.ttl/*', 'greeter/*'],
  port: 8080,
  path: '/statefun',
  scaling: FunctionScaling.fixed(1),
  resources: {
    cpu: { request: Cpu.millis(250), limit: Cpu.millis(500) },
    memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
  },
  readiness: FunctionProbe.httpGet('/statefun', {
    port: 8080,
    initialDelay: Duration.seconds(5),
    period: Duration.seconds(5),
  }),
  transport: EndpointTransport.async({ callTimeout: Duration.seconds(30), connectTimeout: Duration.seconds(10) }),
});

// Kafka: three ingresses (counter, greeter, counter with TTL), each with its own results egress.
const kafkaRoutes: Array<{ id: string; group: string; topic: string; valueType: ValueType; target: string; egress: string }> = [
  { id: 'counter/kafka-in', group: 'statefun-e2e-counter-kafka', topic: 'counter.commands', valueType: COUNTER_COMMAND, target: 'counter.kafka/fn', egress: 'counter/kafka-results' },
  { id: 'greeter/kafka-in', group: 'statefun-e2e-greeter-kafka', topic: 'greeter.commands', valueType: ValueType.of('greeter/json-string'), target: 'greeter/fn', egress: 'greeter/results' },
  { id: 'counter/kafka-ttl-in', group: 'statefun-e2e-counter-kafka-ttl', topic: 'counter.commands.ttl', valueType: COUNTER_COMMAND, target: 'counter.kafka.ttl/fn', egress: 'counter/kafka-ttl-results' },
];
for (const route of kafkaRoutes) {
  new KafkaIngress(chart, route.id.replace('/', '-'), {
    app: statefun,
    ingressId: route.id,
    address: KAFKA,
    consumerGroupId: route.group,
    startupPosition: KafkaStartupPosition.earliest(),
    topics: [{ topic: route.topic, valueType: route.valueType, targets: [fn.functionType(route.target)] }],
  });
  new KafkaEgress(chart, route.egress.replace('/', '-'), {
    app: statefun,
    egressId: route.egress,
    address: KAFKA,
    deliverySemantic: KafkaDeliverySemantic.atLeastOnce(),
  });
}

// Kinesis on LocalStack. The module says `awsCredentials: {type: default}`: the default chain reads the
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY the store injects from `localstack-keys` (one environment per pod).
const localstack = AwsRegion.customEndpoint(LOCALSTACK, 'us-east-1');
new KinesisIngress(chart, 'counter-kinesis-in', {
  app: statefun,
  ingressId: 'counter/kinesis-in',
  streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/counter.commands',
  valueType: COUNTER_COMMAND,
  targets: [fn.functionType('counter.kinesis/fn')],
  region: localstack,
  credentials: AwsCredentials.fromSecret(localstackKeys),
  startupPosition: KinesisStartupPosition.earliest(),
});
new KinesisEgress(chart, 'counter-kinesis-results', {
  app: statefun,
  egressId: 'counter/kinesis-results',
  streamName: 'counter.results',
  region: localstack,
  credentials: AwsCredentials.fromSecret(localstackKeys),
});

app.synth();
