/**
 * Names claimed by apps and functions (independent of the pipeline diagram), endpoint URLs naming
 * Services the app renders, and the value rules other systems apply (Kafka topics, S3 buckets, Java
 * long durations, URL hosts).
 */
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CheckpointStore, HttpEndpoint, KafkaIngress, ModuleImport, RemoteFunction, S3Credentials, StateFunApp, ValueType } from '../lib';
import { clusterLocalService } from '../lib/endpoint-service-check';
import { fitsJavaLongMillis, kafkaTopicProblems, s3BucketNameProblem, urlHostProblems } from '../lib/value-rules';

function appIn(chart: Chart, name: string, props: { writePipelineDiagram?: boolean } = {}) {
  const app = new StateFunApp(chart, name, { writePipelineDiagram: props.writePipelineDiagram });
  const fn = new RemoteFunction(chart, `${name}-fn`, { app, image: 'shop/fn:1.0.0', functions: [`${name}/*`] });
  new KafkaIngress(chart, `${name}-in`, { app, ingressId: `${name}/in`, address: 'kafka.shop.svc:9092', consumerGroupId: name, topics: [{ topic: name, valueType: ValueType.STRING, targets: [fn.functionType('f')] }] });
  return { app, fn };
}

describe('names claimed in a namespace, without any pipeline diagram', () => {
  test('two apps of one name are refused by Testing.synth with diagrams off', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    appIn(chart, 'orders', { writePipelineDiagram: false });
    const other = new Chart(chart.node.root as App, 'shop2', { namespace: 'shop' });
    const app2 = new StateFunApp(other, 'orders', { writePipelineDiagram: false });
    const fn2 = new RemoteFunction(other, 'fn2', { app: app2, image: 'shop/fn:1.0.0', functions: ['two/*'] });
    new KafkaIngress(other, 'in2', { app: app2, ingressId: 'two/in', address: 'kafka.shop.svc:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [fn2.functionType('f')] }] });
    expect(() => Testing.synth(other)).toThrow(/\[shop2\/orders\] name = "orders": shop\/orders is another StateFunApp named 'orders' in namespace shop/);
  });

  test('the same names in two namespaces pass', () => {
    const root = Testing.app();
    appIn(new Chart(root, 'a', { namespace: 'a' }), 'orders');
    const b = new Chart(root, 'b', { namespace: 'b' });
    appIn(b, 'orders');
    expect(() => Testing.synth(b)).not.toThrow();
  });
});

describe('Secrets handed to credentials props', () => {
  test('a Secret object rendered in another namespace than the Flink pods is refused by the gate, wherever its chart is', () => {
    const root = Testing.app();
    const secrets = new Chart(root, 'secrets', { namespace: 'vault' });
    const keys = new kplus.Secret(secrets, 'keys', { metadata: { name: 'minio-keys' }, stringData: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' } });
    const chart = new Chart(root, 'shop', { namespace: 'shop' });
    const store = CheckpointStore.s3Compatible(chart, 'minio', { bucket: 'statefun', endpoint: 'http://minio.shop.svc:9000', credentials: S3Credentials.fromSecret(keys) });
    const app = new StateFunApp(chart, 'orders', { checkpointStore: store });
    const fn = new RemoteFunction(chart, 'fn', { app, image: 'shop/fn:1.0.0', functions: ['shop/*'] });
    new KafkaIngress(chart, 'in', { app, ingressId: 'shop/in', address: 'kafka.shop.svc:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [fn.functionType('f')] }] });
    expect(() => Testing.synth(chart)).toThrow(/\[shop\/orders\/Resource\] spec\.podTemplate\.spec\.containers\[0\]\.env\[\d\]\.valueFrom\.secretKeyRef\.name = "minio-keys": pods read Secrets from their own namespace only, and Secret 'minio-keys' is rendered in vault, not in shop/);
  });
});

describe('endpoint URLs naming cluster-local Services', () => {
  test.each([
    ['http://pricing:8080/x', 'shop', { service: 'pricing', namespace: 'shop', port: 8080 }],
    ['http://pricing.billing/x', 'shop', { service: 'pricing', namespace: 'billing', port: 80 }],
    ['https://pricing.billing.svc/x', 'shop', { service: 'pricing', namespace: 'billing', port: 443 }],
    ['http://pricing.billing.svc.cluster.local:9000/{function.name}', undefined, { service: 'pricing', namespace: 'billing', port: 9000 }],
    ['https://pricing.example.com/x', 'shop', undefined],
    ['http://localhost:8080/x', 'shop', undefined],
    ['http://10.0.0.1:8080/x', 'shop', undefined],
    ['http+unix:///var/run/fn.sock/x', 'shop', undefined],
  ])('%s (app namespace %s)', (url, ns, expected) => {
    expect(clusterLocalService(url, ns)).toEqual(expected);
  });

  const shop = () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    return { chart, ...appIn(chart, 'orders') };
  };

  test('a rendered Service on the URL port passes', () => {
    const { chart, app } = shop();
    new HttpEndpoint(chart, 'again', { app, functions: 'again/*', url: 'http://orders-fn.shop.svc.cluster.local:8080/statefun' });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('servedOutsideApp: true accepts a Service managed elsewhere', () => {
    const { chart, app } = shop();
    new HttpEndpoint(chart, 'pricing', { app, functions: 'pricing/*', url: 'http://pricing.shop.svc:8080/statefun', servedOutsideApp: true });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('a namespace the app does not render is not checked', () => {
    const { chart, app } = shop();
    new HttpEndpoint(chart, 'pricing', { app, functions: 'pricing/*', url: 'http://pricing.billing.svc:8080/statefun' });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('imported endpoints: endpointsServedOutsideApp', () => {
    const yaml = 'kind: io.statefun.endpoints.v2/http\nspec:\n  functions: legacy/*\n  urlPathTemplate: http://legacy.shop.svc:8000/statefun\n';
    const refused = shop();
    ModuleImport.fromYaml(yaml).addTo(refused.chart, refused.app);
    expect(() => Testing.synth(refused.chart)).toThrow(/url = "http:\/\/legacy.shop.svc:8000\/statefun": the host names Service 'legacy' in namespace shop, which this app renders, but no Service 'legacy' is rendered there/);
    const accepted = shop();
    ModuleImport.fromYaml(yaml).addTo(accepted.chart, accepted.app, { endpointsServedOutsideApp: true });
    expect(() => Testing.synth(accepted.chart)).not.toThrow();
  });

  test('servedOutsideApp must be a boolean', () => {
    const { chart, app } = shop();
    expect(() => new HttpEndpoint(chart, 'p', { app, functions: 'p/*', url: 'https://p.example.com/x', servedOutsideApp: 'yes' as unknown as boolean }))
      .toThrow('[shop/p] servedOutsideApp = "yes": a boolean. Fix: write true or false');
  });
});

describe('values other systems reject', () => {
  test.each([
    ['orders', true], ['a.b_c-D9', true], ['t'.repeat(249), true], ['...', true],
    ['', false], ['.', false], ['..', false], ['t'.repeat(250), false], ['a b', false], ['a/b', false], ['ü', false],
  ])('Kafka topic %j valid %s (org.apache.kafka.common.internals.Topic)', (topic, valid) => {
    expect(kafkaTopicProblems('topic', topic).length === 0).toBe(valid);
  });

  test.each([
    ['my-bucket', true], ['a1b', true], ['my.bucket.v2', true], ['192.168.5', true], ['xn-bucket', true],
    ['ab', false], ['a'.repeat(64), false], ['My-Bucket', false], ['-bucket', false], ['bucket-', false], ['my..bucket', false],
    ['192.168.5.4', false], ['xn--bucket', false], ['sthree-bucket', false], ['amzn-s3-demo-bucket', false],
    ['b-s3alias', false], ['b--ol-s3', false], ['b.mrap', false], ['b--x-s3', false], ['b--table-s3', false],
  ])('S3 bucket %j valid %s (AWS bucket naming rules)', (bucket, valid) => {
    expect(s3BucketNameProblem(bucket) === undefined).toBe(valid);
  });

  test('durations up to Long.MAX_VALUE milliseconds fit; 2^63 and beyond do not', () => {
    expect(fitsJavaLongMillis(0)).toBe(true);
    expect(fitsJavaLongMillis(9_000_000_000_000_000_000)).toBe(true);
    expect(fitsJavaLongMillis(2 ** 63)).toBe(false);
    expect(fitsJavaLongMillis(Infinity)).toBe(false);
  });

  test.each([
    ['http:///statefun', false], ['https://:8443/x', false], ['http://@/x', false], ['http://[]:80/', false],
    ['http://fn:8080/x', true], ['https://[::1]:8443/x', true], ['http+unix:///run/fn.sock/x', true],
  ])('URL %s has a host: %s', (url, ok) => {
    expect(urlHostProblems('url', url, 'fix').length === 0).toBe(ok);
  });
});
