// The product guide's production deployment, expressed with cdk8s-statefun:
// one StateFun app on EKS with S3 checkpoints through IRSA, one autoscaled remote function,
// and a Kafka ingress routing the `example.orders` topic to it.
import { App, Chart, Duration } from 'cdk8s';
import {
  CheckpointStore, FunctionProbe, FunctionScaling, HighAvailability, KafkaIngress, LeaderElection,
  RemoteFunction, StateFunApp, ValueType,
} from 'cdk8s-statefun';

const app = new App();
const chart = new Chart(app, 'orders', { namespace: 'my-app' });

const store = CheckpointStore.s3(chart, 'checkpoints', {
  bucket: 'my-bucket',
  region: 'us-east-1',
  irsaRoleArn: 'arn:aws:iam::123456789012:role/statefun',
});

const statefun = new StateFunApp(chart, 'my-statefun', {
  checkpointStore: store,
  checkpointing: { interval: Duration.seconds(10) },
  highAvailability: HighAvailability.kubernetes({ leaderElection: LeaderElection.FAST }),
});

const handler = new RemoteFunction(chart, 'order-handler', {
  app: statefun,
  image: 'my-org/my-remote-function:1.0.0',
  functions: ['example/*'],
  scaling: FunctionScaling.autoscale({ minReplicas: 3, maxReplicas: 30, targetCpuUtilization: 70 }),
  readiness: FunctionProbe.httpGet('/health', { port: 8080 }),
});

new KafkaIngress(chart, 'orders-ingress', {
  app: statefun,
  ingressId: 'example/orders',
  address: 'kafka.my-app.svc:9092',
  consumerGroupId: 'example-statefun',
  topics: [{
    topic: 'example.orders',
    valueType: ValueType.of('example/Order'),
    targets: [handler.functionType('order-handler')],
  }],
});

app.synth();
