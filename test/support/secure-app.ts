import { App, Chart, Testing } from 'cdk8s';
import {
  CheckpointStore, FunctionScaling, KafkaIngress, RemoteFunction, RemoteFunctionProps, StateFunApp, StateFunAppProps, ValueType,
} from '../../lib';

export interface SecureAppOptions {
  /** Namespace of the chart; `null` for none. */
  readonly namespace?: string | null;
  /** Builds the store in the chart; omitted = S3 with IRSA. `null` = no store. */
  readonly store?: ((chart: Chart) => CheckpointStore) | null;
  readonly app?: Partial<StateFunAppProps>;
  readonly fn?: Partial<RemoteFunctionProps>;
  /** Topics of the single Kafka ingress. */
  readonly topics?: string[];
  /** The cdk8s App (for app.synth() tests). */
  readonly cdk8sApp?: App;
}

/** One StateFun app, one remote function and one Kafka ingress, with everything overridable. */
export function secureApp(options: SecureAppOptions = {}) {
  const namespace = options.namespace === null ? undefined : options.namespace ?? 'streaming';
  const chart = new Chart(options.cdk8sApp ?? Testing.app(), 'pipeline', { namespace });
  const store = options.store === null ? undefined : (options.store ?? ((c: Chart) => CheckpointStore.s3(c, 'store', {
    bucket: 'ckpt-bucket', region: 'eu-central-1', irsaRoleArn: 'arn:aws:iam::123456789012:role/statefun',
  })))(chart);
  const app = new StateFunApp(chart, 'orders', { checkpointStore: store, ...(options.app ?? {}) });
  const fn = new RemoteFunction(chart, 'handler', {
    app,
    image: 'registry.example.com/team/handler:1.2.3',
    functions: ['shop/*'],
    scaling: FunctionScaling.autoscale({ minReplicas: 2, maxReplicas: 6 }),
    ...(options.fn ?? {}),
  });
  const ingress = new KafkaIngress(chart, 'orders-in', {
    app,
    ingressId: 'shop/orders',
    address: 'kafka.streaming.svc:9092',
    consumerGroupId: 'shop',
    topics: (options.topics ?? ['shop.orders']).map((topic) => ({
      topic, valueType: ValueType.of('shop/Order'), targets: [fn.functionType('order')],
    })),
  });
  return { chart, store, app, fn, ingress };
}

/** The single object of a kind, or a clear failure. */
export function only(manifests: any[], kind: string): any {
  const found = manifests.filter((m) => m.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

/** The Flink main container of the FlinkDeployment's pod template. */
export function flinkMain(manifests: any[]): any {
  return only(manifests, 'FlinkDeployment').spec.podTemplate.spec.containers.find((c: any) => c.name === 'flink-main-container');
}

/** The NetworkPolicy of the function pods (not the Flink pods' policy, which selects the app label). */
export function functionPolicy(manifests: any[]): any {
  return only(manifests.filter((m) => !(m.kind === 'NetworkPolicy' && 'cdk8s-statefun/app' in m.spec.podSelector.matchLabels)), 'NetworkPolicy');
}
