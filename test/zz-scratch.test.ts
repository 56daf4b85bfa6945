import { App, ApiObject, Chart, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CheckpointStore, EndpointTransport, HttpEndpoint, KafkaIngress, RemoteFunction, S3Credentials, StateFunApp, ValueType, FunctionType } from '../lib';

const NS = 'shop';
const KAFKA = 'kafka.shop.svc:9092';
function shop(app: App, props: any = {}) {
  const chart = new Chart(app, 'shop', { namespace: NS });
  const statefun = new StateFunApp(chart, 'orders', props);
  const fn = new RemoteFunction(chart, 'order-fn', { app: statefun, image: 'shop/order-fn:1.0.0', functions: ['shop/*'] });
  return { chart, statefun, fn };
}
function complete(app: App, props: any = {}) {
  const s = shop(app, props);
  const ingress = new KafkaIngress(s.chart, 'orders-in', { app: s.statefun, id: 'shop/orders', address: KAFKA, consumerGroupId: 'orders', topics: [{ topic: 'orders', valueType: ValueType.of('shop/Order'), targets: [s.fn.functionType('order')] }] });
  return { ...s, ingress };
}
const run = (name: string, f: (app: App) => void) => {
  const app = new App({ outdir: '/tmp/rv/out' });
  let msg: string | undefined;
  try { f(app); app.synth(); } catch (e) { msg = (e as Error).message; }
  // eslint-disable-next-line no-console
  console.log(`=== ${name}\n${JSON.stringify(msg)}`);
};
test('scratch', () => {
  run('fn named like app', (app) => { const { chart, statefun } = shop(app); new RemoteFunction(chart, 'orders-rest', { app: statefun, image: 'a/b:1.0.0', functions: ['x/*'] }); });
  run('two functions same name', (app) => { const { chart, statefun } = complete(app); new RemoteFunction(chart, 'other', { app: statefun, name: 'order-fn', image: 'a/b:1.0.0', functions: ['x/*'] }); });
  run('two apps same name', (app) => { complete(app); const c2 = new Chart(app, 'shop2', { namespace: NS }); const s2 = new StateFunApp(c2, 'orders'); const f2 = new RemoteFunction(c2, 'fn2', { app: s2, image: 'a/b:1.0.0', functions: ['y/*'] }); new KafkaIngress(c2, 'in2', { app: s2, id: 'y/in', address: KAFKA, consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [f2.functionType('f')] }] }); });
  run('function of other app named like this app', (app) => { const { chart } = complete(app); const s2 = new StateFunApp(chart, 'billing'); const f2 = new RemoteFunction(chart, 'fn2', { app: s2, name: 'orders', image: 'a/b:1.0.0', functions: ['y/*'] }); new KafkaIngress(chart, 'in2', { app: s2, id: 'y/in', address: KAFKA, consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [f2.functionType('f')] }] }); });
  run('bad namespace', (app) => { const chart = new Chart(app, 'shop', { namespace: 'Shop_NS' }); new StateFunApp(chart, 'orders'); });
  run('bad SA', (app) => { const chart = new Chart(app, 'shop', { namespace: NS }); new StateFunApp(chart, 'orders', { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'Flink_SA') }); });
  run('labels patch', (app) => { const { fn } = complete(app); ApiObject.of(fn.deployment).addJsonPatch(JsonPatch.add('/spec/template/metadata/labels/type', 'flink-native-kubernetes'), JsonPatch.add('/spec/template/metadata/labels/app', 'orders')); });
  run('configmap named flink-config', (app) => { const { chart } = complete(app); new kplus.ConfigMap(chart, 'cfg', { metadata: { name: 'flink-config-orders' } }); });
  run('secret other ns', (app) => { const storage = new Chart(app, 'storage', { namespace: 'storage' }); const store = CheckpointStore.s3Compatible(storage, 'minio', { bucket: 'statefun', endpoint: 'http://minio.storage.svc:9000', credentials: S3Credentials.plaintextForLocalEmulator('minio', 'minio123') }); complete(app, { checkpointStore: store }); });
  run('s3.secret-key', (app) => { complete(app, { flinkConfiguration: { 's3.secret-key': 'wJalrXUtnFEMI' } }); });
  run('azure key', (app) => { complete(app, { flinkConfiguration: { 'fs.azure.account.key.acct.dfs.core.windows.net': 'abc==' } }); });
  run('ssl password', (app) => { complete(app, { flinkConfiguration: { 'security.ssl.rest.keystore-password': 'changeit' } }); });
  run('jvm password', (app) => { complete(app, { jvmOptions: ['-Djavax.net.ssl.trustStorePassword=changeit'] }); });
  run('jaas', (app) => { const s = shop(app); new KafkaIngress(s.chart, 'in', { app: s.statefun, id: 'shop/in', address: KAFKA, consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [FunctionType.of('shop/x')] }], properties: { 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="s3cr3t";' } }); });
  run('ssl truststore password', (app) => { const s = shop(app); new KafkaIngress(s.chart, 'in', { app: s.statefun, id: 'shop/in', address: KAFKA, consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [FunctionType.of('shop/x')] }], properties: { 'ssl.truststore.password': 'changeit' } }); });
  run('ref w/o provider', (app) => { const s = shop(app); new KafkaIngress(s.chart, 'in', { app: s.statefun, id: 'shop/in', address: KAFKA, consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [FunctionType.of('shop/x')] }], properties: { 'ssl.truststore.password': '${dir:/opt/kafka-secrets/kafka:truststore.password}' } }); });
  run('url userinfo', (app) => { const s = shop(app); new HttpEndpoint(s.chart, 'pricing', { app: s.statefun, functions: 'pricing/*', url: 'https://fn:hunter2@pricing.example.com/statefun' }); });
  run('url empty host', (app) => { const s = shop(app); new HttpEndpoint(s.chart, 'pricing', { app: s.statefun, functions: 'pricing/*', url: 'http:///statefun' }); });
  run('env secret', (app) => { const s = shop(app); new RemoteFunction(s.chart, 'bad-fn', { app: s.statefun, image: 'shop/bad-fn:1.0.0', functions: ['bad/*'], env: { AWS_SECRET_ACCESS_KEY: kplus.EnvValue.fromValue('wJalrXUtnFEMI') } }); });
  run('patch s3 key', (app) => { const { statefun } = complete(app); statefun.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/flinkConfiguration/s3.secret-key', 'wJalrXUtnFEMI')); });
  run('patch env', (app) => { const { fn } = complete(app); ApiObject.of(fn.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/env', [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI' }])); });
  run('topic ..', (app) => { const s = shop(app); new KafkaIngress(s.chart, 'in', { app: s.statefun, id: 'shop/in', address: KAFKA, consumerGroupId: 'g', topics: [{ topic: '..', valueType: ValueType.STRING, targets: [FunctionType.of('shop/x')] }] }); });
  run('bucket xn--', (app) => { const chart = new Chart(app, 'shop', { namespace: NS }); CheckpointStore.s3(chart, 'store', { bucket: 'xn--bucket', region: 'eu-central-1' }); });
  run('bucket ip', (app) => { const chart = new Chart(app, 'shop', { namespace: NS }); CheckpointStore.s3(chart, 'store', { bucket: '192.168.5.4', region: 'eu-central-1' }); });
  run('bucket s3alias', (app) => { const chart = new Chart(app, 'shop', { namespace: NS }); CheckpointStore.s3(chart, 'store', { bucket: 'orders-s3alias', region: 'eu-central-1' }); });
  run('huge interval', (app) => { shop(app, { checkpointing: { interval: Duration.days(2e11) } }); });
  run('huge transport', (app) => { const s = shop(app); new HttpEndpoint(s.chart, 'pricing', { app: s.statefun, functions: 'pricing/*', url: 'https://pricing.example.com/statefun', transport: EndpointTransport.async({ callTimeout: Duration.days(2e11) }) }); });
  run('svc not rendered', (app) => { const s = complete(app); new HttpEndpoint(s.chart, 'pricing', { app: s.statefun, functions: 'pricing/*', url: 'http://pricing.shop.svc:8080/statefun' }); });
  run('svc wrong port', (app) => { const s = complete(app); new HttpEndpoint(s.chart, 'pricing', { app: s.statefun, functions: 'pricing/*', url: 'http://order-fn:9090/statefun' }); });
  run('svc served outside', (app) => { const s = complete(app); new HttpEndpoint(s.chart, 'pricing', { app: s.statefun, functions: 'pricing/*', url: 'http://pricing.shop.svc:8080/statefun', servedOutsideApp: true }); });
  run('svc other ns not rendered', (app) => { const s = complete(app); new HttpEndpoint(s.chart, 'pricing', { app: s.statefun, functions: 'pricing/*', url: 'http://pricing.billing.svc:8080/statefun' }); });
  run('secret name', (app) => { const chart = new Chart(app, 'shop', { namespace: NS }); CheckpointStore.s3Compatible(chart, 'minio', { bucket: 'statefun', endpoint: 'http://minio.shop.svc:9000', credentials: S3Credentials.fromSecret(kplus.Secret.fromSecretName(chart, 'k', 'MinIO_Keys')) }); });
});
