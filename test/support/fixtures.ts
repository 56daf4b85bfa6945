import { Chart, Duration, Testing } from 'cdk8s';
import {
  CheckpointStore, FunctionScaling, HighAvailability, KafkaIngress, LeaderElection, OperatorVersion,
  RemoteFunction, StateFunApp, StateFunAppProps, ValueType,
} from '../../lib';

/** The quickstart shape (one app, one function, one Kafka ingress) in a fresh chart, with overridable app props. */
export function guideApp(appProps: Partial<StateFunAppProps> = {}, namespace: string | undefined = 'my-app') {
  const chart = new Chart(Testing.app(), 'orders', { namespace });
  const store = CheckpointStore.s3(chart, 'checkpoints', {
    bucket: 'my-bucket',
    region: 'us-east-1',
    irsaRoleArn: 'arn:aws:iam::123456789012:role/statefun',
  });
  const app = new StateFunApp(chart, 'my-statefun', {
    checkpointStore: store,
    checkpointing: { interval: Duration.seconds(10) },
    highAvailability: HighAvailability.kubernetes({ leaderElection: LeaderElection.FAST }),
    ...appProps,
  });
  const handler = new RemoteFunction(chart, 'order-handler', {
    app,
    image: 'my-org/my-remote-function:1.0.0',
    functions: ['example/*'],
    scaling: FunctionScaling.autoscale({ minReplicas: 3, maxReplicas: 30, targetCpuUtilization: 70 }),
  });
  const ingress = new KafkaIngress(chart, 'orders-ingress', {
    app,
    ingressId: 'example/orders',
    address: 'kafka.my-app.svc:9092',
    consumerGroupId: 'example-statefun',
    topics: [{ topic: 'example.orders', valueType: ValueType.of('example/Order'), targets: [handler.functionType('order-handler')] }],
  });
  return { chart, store, app, handler, ingress };
}

/** Objects of a kind from a synthesized manifest list. */
export function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter((m) => m.kind === kind);
}

/** The single object of a kind. */
export function one(manifests: any[], kind: string): any {
  const found = ofKind(manifests, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

export const ALL_OPERATOR_VERSIONS = [
  OperatorVersion.V1_11, OperatorVersion.V1_12, OperatorVersion.V1_13, OperatorVersion.V1_14, OperatorVersion.V1_15, OperatorVersion.V1_16,
];

/** The message of the error `run` throws, or undefined when it throws none. */
export function messageOf(run: () => void): string | undefined {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}
