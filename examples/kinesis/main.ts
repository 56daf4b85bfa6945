// Kinesis in and out against LocalStack (a custom AWS endpoint), with every key in a Kubernetes Secret:
// the S3-compatible checkpoint store on the same LocalStack reads the Secret, and so do the Kinesis clients.
// The same shape runs against real AWS by dropping the custom endpoint and using IRSA instead of keys.
import { App, Chart, Duration } from 'cdk8s';
import { Secret } from 'cdk8s-plus-27';
import {
  AwsCredentials, AwsRegion, CheckpointStore, FlinkVersion, FunctionScaling, KinesisEgress, KinesisIngress,
  KinesisStartupPosition, OperatorVersion, RemoteFunction, S3Credentials, StateFunApp, ValueType,
} from 'cdk8s-statefun';

const NAMESPACE = 'clickstream';
const LOCALSTACK = `http://localstack.${NAMESPACE}:4566`;

const app = new App();
const chart = new Chart(app, 'clickstream', { namespace: NAMESPACE });

// Created beforehand, e.g. `kubectl -n clickstream create secret generic localstack-keys
// --from-literal=AWS_ACCESS_KEY_ID=test --from-literal=AWS_SECRET_ACCESS_KEY=test`. The manifests
// reference it by name only; no key value is ever written into a ConfigMap or the FlinkDeployment.
const keys = Secret.fromSecretName(chart, 'localstack-keys', 'localstack-keys');

const statefun = new StateFunApp(chart, 'clickstream-statefun', {
  operatorVersion: OperatorVersion.V1_15,
  flinkVersion: FlinkVersion.V2_2,
  // S3 on the same LocalStack: endpoint and path-style access as Flink keys, the keys as
  // AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables from the Secret.
  checkpointStore: CheckpointStore.s3Compatible(chart, 'checkpoints', {
    bucket: 'statefun-checkpoints',
    endpoint: LOCALSTACK,
    credentials: S3Credentials.fromSecret(keys),
    region: 'us-east-1',
  }),
  checkpointing: { interval: Duration.seconds(10) },
});

const clicks = new RemoteFunction(chart, 'click-functions', {
  app: statefun,
  image: 'acme/click-functions:1.0.0',
  functions: ['clicks/*'],
  scaling: FunctionScaling.fixed(1),
});

// The Kinesis clients run in the same Flink pods as the S3 client, so they share one environment:
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY come from the `localstack-keys` Secret for both (the module
// says `type: default`; no key value is written anywhere). A different Secret for the same variables is refused.
const credentials = AwsCredentials.fromSecret(keys);
const localstack = AwsRegion.customEndpoint(LOCALSTACK, 'us-east-1');

new KinesisIngress(chart, 'click-events', {
  app: statefun,
  ingressId: 'clicks/events',
  streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/click-events',
  valueType: ValueType.of('clicks/ClickEvent'),
  targets: [clicks.functionType('sessionize')],
  region: localstack,
  credentials,
  startupPosition: KinesisStartupPosition.earliest(),
});

new KinesisEgress(chart, 'click-sessions', {
  app: statefun,
  egressId: 'clicks/sessions',
  streamName: 'click-sessions',
  region: localstack,
  credentials,
  maxOutstandingRecords: 2000,
});

app.synth();
