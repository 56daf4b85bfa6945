// Operator 1.16 only: Kubernetes-native requests and limits for the JobManager and TaskManagers
// (spec.*.resources, FLINK-33548), a nightly savepoint as code (FlinkStateSnapshot), and a second app
// seeded from an imported savepoint. The manifests need operator 1.16 (the limits); they are validated
// against the 1.16 CRD only.
import { App, Chart, Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import {
  CheckpointStore, FlinkStateSnapshot, FunctionType, HttpEndpoint, KafkaIngress, OperatorVersion, SavepointFormat,
  SavepointSource, SnapshotType, StateFunApp, ValueType,
} from 'cdk8s-statefun';

const app = new App();
const chart = new Chart(app, 'orders', { namespace: 'orders' });

const store = CheckpointStore.s3(chart, 'checkpoints', {
  bucket: 'acme-orders-statefun',
  region: 'eu-west-1',
  irsaRoleArn: 'arn:aws:iam::123456789012:role/orders-statefun',
});

/** One function endpoint and one Kafka topic: the smallest module that starts. */
function pipeline(statefun: StateFunApp, suffix: string): void {
  // The function server (Service order-fn) is deployed by its own pipeline, not by this app.
  new HttpEndpoint(chart, `fn${suffix}`, { app: statefun, functions: 'orders/*', url: 'http://order-fn.orders.svc:8000/statefun', servedOutsideApp: true });
  new KafkaIngress(chart, `in${suffix}`, {
    app: statefun,
    ingressId: 'orders/in',
    address: 'kafka.orders.svc:9092',
    consumerGroupId: `orders-statefun${suffix}`,
    topics: [{ topic: 'orders', valueType: ValueType.of('orders/Order'), targets: [FunctionType.of('orders/handler')] }],
  });
}

const orders = new StateFunApp(chart, 'orders', {
  // The default target, written out: the limits below exist from operator 1.16.
  operatorVersion: OperatorVersion.V1_16,
  checkpointStore: store,
  checkpointing: { interval: Duration.seconds(30) },
  jobManager: {
    // Flink sizes the JobManager from the 1.5 GiB request; the limit leaves headroom for native memory.
    resources: { cpu: Cpu.millis(500), memory: Size.mebibytes(1536), limits: { cpu: Cpu.units(1), memory: Size.gibibytes(2) } },
  },
  taskManager: {
    resources: {
      cpu: Cpu.units(1),
      memory: Size.gibibytes(4),
      ephemeralStorage: Size.gibibytes(10),
      limits: { cpu: Cpu.units(2), memory: Size.gibibytes(5), ephemeralStorage: Size.gibibytes(20) },
    },
    taskSlots: 2,
  },
  parallelism: 4,
});
pipeline(orders, '');

// A savepoint the operator takes once this object is applied (into the app's savepoint directory);
// re-create it under a new name for the next one. Its path is known only at run time (status.path).
new FlinkStateSnapshot(chart, 'orders-savepoint-2026-11-30', {
  app: orders,
  snapshot: SnapshotType.savepoint({ format: SavepointFormat.CANONICAL }),
  backoffLimit: 3,
});

// A savepoint taken before the migration, imported by path: the one kind of snapshot another app can start from.
const beforeMigration = new FlinkStateSnapshot(chart, 'orders-before-migration', {
  snapshot: SnapshotType.existingSavepoint('s3://acme-orders-statefun/orders/savepoints/savepoint-4f1c2a-7e0d9b1c'),
});

const replay = new StateFunApp(chart, 'orders-replay', {
  checkpointStore: store,
  initialSavepoint: SavepointSource.fromSnapshot(beforeMigration),
  taskManager: { resources: { cpu: Cpu.units(1), memory: Size.gibibytes(4), limits: { memory: Size.gibibytes(6) } } },
});
pipeline(replay, '-replay');

app.synth();
