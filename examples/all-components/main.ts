// Every module component kind the StateFun runtime accepts, in one app:
// a RemoteFunction (endpoint with a derived URL) and an HttpEndpoint at an external https URL,
// Kafka and Kinesis ingresses and egresses, and a module imported from existing module.yaml text.
import { App, Chart, Duration, Size } from 'cdk8s';
import { Secret } from 'cdk8s-plus-27';
import {
  AwsCredentials, AwsRegion, CheckpointStore, EndpointTransport, FunctionType, HttpEndpoint, InvalidRecordHandling,
  InvalidRecordLogLevel, KafkaAutoOffsetReset, KafkaDeliverySemantic, KafkaEgress, KafkaIngress, KafkaStartupPosition,
  KinesisEgress, KinesisIngress, KinesisStartupPosition, ModuleImport, PodFile, RemoteFunction, StateFunApp, ValueType,
} from 'cdk8s-statefun';

const app = new App();
const chart = new Chart(app, 'all-components', { namespace: 'shop' });

// IRSA: the Flink ServiceAccount's role reads and writes S3 checkpoints and the Kinesis streams.
const statefun = new StateFunApp(chart, 'shop-statefun', {
  checkpointStore: CheckpointStore.s3(chart, 'checkpoints', {
    bucket: 'shop-checkpoints',
    region: 'eu-central-1',
    irsaRoleArn: 'arn:aws:iam::123456789012:role/shop-statefun',
  }),
  checkpointing: { interval: Duration.seconds(10) },
});

// Functions deployed here: the endpoint URL is derived from the Service.
const orders = new RemoteFunction(chart, 'orders', {
  app: statefun,
  image: 'shop/orders-functions:1.4.2',
  functions: ['shop/*'],
  transport: EndpointTransport.async({ callTimeout: Duration.seconds(30), connectTimeout: Duration.seconds(5), poolSize: 256 }),
});

// Functions served elsewhere, over mutual TLS. The material stays in the Secret `fraud-client-tls`
// (keys ca.pem, client.pem, client.key, client.key.password — the password without a trailing newline:
// the runtime reads the whole file); the app mounts it read-only in JobManager and TaskManagers at
// /opt/flink-secrets/fraud-client-tls and writes those paths into the module.
const fraudTls = Secret.fromSecretName(chart, 'fraud-client-tls', 'fraud-client-tls');
new HttpEndpoint(chart, 'fraud-endpoint', {
  app: statefun,
  functions: 'fraud/*',
  url: 'https://fraud.example.com/statefun/{function.name}',
  maxNumBatchRequests: 500,
  transport: EndpointTransport.async({
    callTimeout: Duration.minutes(1),
    poolTtl: Duration.seconds(30),
    payloadMaxSize: Size.mebibytes(16),
    trustCaCerts: PodFile.fromSecret(fraudTls, 'ca.pem'),
    clientCert: PodFile.fromSecret(fraudTls, 'client.pem'),
    clientKey: PodFile.fromSecret(fraudTls, 'client.key'),
    clientKeyPasswordFile: PodFile.fromSecret(fraudTls, 'client.key.password'),
  }),
});

// A blocking OkHttp client for one legacy function.
new HttpEndpoint(chart, 'legacy-endpoint', {
  app: statefun,
  functions: 'legacy/pricing',
  url: 'https://pricing.example.com/statefun',
  transport: EndpointTransport.okhttp({ callTimeout: Duration.seconds(30), readTimeout: Duration.seconds(20) }),
});

new KafkaIngress(chart, 'orders-ingress', {
  app: statefun,
  ingressId: 'shop/orders',
  address: 'kafka-0.kafka.shop.svc:9092,kafka-1.kafka.shop.svc:9092',
  consumerGroupId: 'shop-statefun',
  startupPosition: KafkaStartupPosition.date(new Date('2026-04-23T00:00:00Z')),
  autoOffsetReset: KafkaAutoOffsetReset.EARLIEST,
  properties: { 'max.poll.records': '500' },
  forwardHeaders: true,
  invalidRecordHandling: InvalidRecordHandling.fail(),
  topics: [
    { topic: 'shop.orders', valueType: ValueType.of('shop/Order'), targets: [orders.functionType('order')] },
    {
      topic: 'shop.returns',
      valueType: ValueType.of('shop/Return'),
      targets: [orders.functionType('order'), FunctionType.of('fraud/screening')],
      forwardHeaders: false,
      invalidRecordHandling: InvalidRecordHandling.skip(InvalidRecordLogLevel.ERROR),
    },
  ],
});

new KafkaEgress(chart, 'confirmations', {
  app: statefun,
  egressId: 'shop/confirmations',
  address: 'kafka-0.kafka.shop.svc:9092',
  deliverySemantic: KafkaDeliverySemantic.atLeastOnce(),
  properties: { 'linger.ms': '20', 'compression.type': 'lz4' },
});

new KinesisIngress(chart, 'clicks-ingress', {
  app: statefun,
  ingressId: 'shop/clicks',
  streamArn: 'arn:aws:kinesis:eu-central-1:123456789012:stream/shop-clicks',
  valueType: ValueType.STRING,
  targets: [orders.functionType('clicks')],
  // The region defaults to the ARN's; credentials to the provider chain (IRSA here). Keys kept in a
  // Kubernetes Secret would be AwsCredentials.fromSecret(Secret.fromSecretName(chart, 'keys', 'name')).
  credentials: AwsCredentials.defaultProviderChain(),
  startupPosition: KinesisStartupPosition.earliest(),
  // Enhanced fan-out needs a consumer name (the connector registers it at job start and fails without one).
  clientConfigProperties: { 'source.reader.type': 'EFO', 'source.efo.consumer.name': 'shop-statefun-clicks' },
});

new KinesisEgress(chart, 'audit-egress', {
  app: statefun,
  egressId: 'shop/audit',
  streamName: 'shop-audit',
  maxOutstandingRecords: 2000,
  region: AwsRegion.specific('eu-central-1'),
});

// Migration: components from an existing module.yaml, checked like hand-written ones.
ModuleImport.fromYaml(`
kind: io.statefun.kafka.v1/egress
spec:
  id: shop/legacy-notifications
  address: kafka-0.kafka.shop.svc:9092
  deliverySemantic:
    type: at-least-once
`).addTo(chart, statefun);

app.synth();
