// Migrating an Apache StateFun (Flink 1.x) deployment: its legacy module.yaml and its flink-conf.yaml,
// both committed next to this file, become a Kzmlabs StateFun 2.x deployment. Both importers report
// mistakes instead of guessing: ModuleImport throws on anything the runtime would ignore or reject
// (listing every problem with what to write instead), and FlinkConfigMigration reports each key
// (mapped, renamed, removed in Flink 2.0, derived, kept, unknown); the files here are the clean case.
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import {
  CheckpointStore, FlinkConfigMigration, FunctionScaling, ModuleImport, RemoteFunction, StateFunApp,
} from 'cdk8s-statefun';

const app = new App();
const chart = new Chart(app, 'orders', { namespace: 'orders' });

// flink-conf.yaml → typed StateFunApp props (checkpointing, state backend, HA, restart strategy, resources,
// metrics, statefun.*). Directories are not carried over: they derive from the checkpoint store below.
// fromYaml reads a flat flink-conf.yaml or a nested Flink 1.19+/2.x config.yaml as Flink does.
const migration = FlinkConfigMigration.fromYaml(fs.readFileSync(path.join(__dirname, 'flink-conf.yaml'), 'utf8'));

// Savepoints of Apache StateFun cannot be restored on the Kzmlabs runtime (its Kafka source and sink
// keep different operator state), so the 2.x job starts without state under a fresh prefix and the
// ingress resumes from the consumer group's committed offsets (startupPosition group-offsets in module.yaml).
const store = CheckpointStore.s3(chart, 'checkpoints', {
  bucket: 'acme-statefun',
  prefix: 'statefun-2x',
  region: 'eu-central-1',
  irsaRoleArn: 'arn:aws:iam::123456789012:role/orders-statefun',
});

const statefun = new StateFunApp(chart, 'orders', {
  ...migration.props,
  checkpointStore: store,
});

// module.yaml (legacy "3.0" layout) → typed components. The function server moves into this app as a
// RemoteFunction, which registers its own endpoint, so the imported endpoint is not created; its
// OkHttp timeouts are kept.
const imported = ModuleImport.fromFile(path.join(__dirname, 'module.yaml'));
const legacyEndpoint = imported.httpEndpoints[0];
new RemoteFunction(chart, 'order-functions', {
  app: statefun,
  image: 'acme/order-functions:4.0.0',
  functions: [legacyEndpoint.functions],
  port: 8000,
  maxNumBatchRequests: legacyEndpoint.maxNumBatchRequests,
  transport: legacyEndpoint.transport,
  scaling: FunctionScaling.autoscale({ minReplicas: 2, maxReplicas: 10 }),
});
// The Kafka ingress and egress, checked like hand-written ones (the ingress's targets must be served).
imported.addTo(chart, statefun, { endpoints: false });

app.synth();

// What happened to every flink-conf.yaml key, next to the manifests for review.
fs.writeFileSync(path.join(app.outdir, 'flink-conf-migration.txt'), `${migration.renderReport()}\n`);
