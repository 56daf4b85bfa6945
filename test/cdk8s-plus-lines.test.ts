/**
 * An app written against a newer cdk8s-plus line (cdk8s-plus-33, what `cdk8s init` scaffolds today)
 * passes its own Secret, ServiceAccount, EnvValue, Cpu and ImagePullPolicy to the library, which is
 * built on cdk8s-plus-27: this file type-checks (the `tsc` step of `npm test`) and synthesizes.
 * Probes are FunctionProbe values of this library: cdk8s-plus `Probe` classes of two lines are
 * distinct TypeScript types (private members).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as plus33 from 'cdk8s-plus-33';
import {
  AwsCredentials, AwsRegion, CheckpointStore, EnvFromSource, FunctionProbe, FunctionScaling, KafkaIngress, KinesisEgress, PodFile, PodVolume,
  RemoteFunction, S3Credentials, StateFunApp, ValueType,
} from '../lib';
import { ofKind } from './support/fixtures';
import { expectValidManifests } from './support/schemas';

/** StateFun refuses to start without an ingress: one Kafka ingress to the function. */
function ingressTo(statefun: StateFunApp, fn: RemoteFunction) {
  new KafkaIngress(statefun.node.scope!, `${fn.node.id}-in`, {
    app: statefun,
    ingressId: `${fn.functions[0].split('/')[0]}/in`,
    address: 'kafka:9092',
    consumerGroupId: 'g',
    topics: [{ topic: 't', valueType: ValueType.of(`${fn.functions[0].split('/')[0]}/T`), targets: [fn.functionType('f')] }],
  });
}

function plus33App() {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const keys = plus33.Secret.fromSecretName(chart, 'keys', 'minio-keys');
  const identity = new plus33.ServiceAccount(chart, 'flink-identity', { metadata: { name: 'flink' } });
  const store = CheckpointStore.s3Compatible(chart, 'store', { bucket: 'state', endpoint: 'http://minio.shop.svc:9000', credentials: S3Credentials.fromSecret(keys) });
  const statefun = new StateFunApp(chart, 'orders', {
    checkpointStore: store,
    serviceAccount: identity,
    imagePullPolicy: plus33.ImagePullPolicy.ALWAYS,
    jobManager: { resources: { cpu: plus33.Cpu.millis(750), memory: Size.mebibytes(1600) } },
  });
  statefun.addFlinkEnvironment('TENANT', plus33.EnvValue.fromValue('shop'));
  const fn = new RemoteFunction(chart, 'handler', {
    app: statefun,
    image: 'shop/handler:1.0.0',
    functions: ['shop/*'],
    scaling: FunctionScaling.fixed(2),
    readiness: FunctionProbe.httpGet('/health', { period: Duration.seconds(5) }),
    liveness: FunctionProbe.tcpSocket({ initialDelay: Duration.seconds(20) }),
    env: { MODE: plus33.EnvValue.fromValue('live'), TOKEN: plus33.EnvValue.fromSecretValue({ secret: keys, key: 'token' }) },
    resources: {
      cpu: { request: plus33.Cpu.millis(300), limit: plus33.Cpu.units(1) },
      memory: { request: Size.mebibytes(300), limit: Size.mebibytes(600) },
    },
  });
  new KafkaIngress(chart, 'orders-in', {
    app: statefun,
    ingressId: 'shop/orders',
    address: 'kafka.shop.svc:9092',
    consumerGroupId: 'shop',
    topics: [{ topic: 'orders', valueType: ValueType.of('shop/Order'), targets: [fn.functionType('checkout')] }],
  });
  new KinesisEgress(chart, 'audit', { app: statefun, egressId: 'shop/audit', streamName: 'audit', region: AwsRegion.specific('eu-west-1'), credentials: AwsCredentials.fromSecret(keys) });
  // A plain plus-33 workload in the same chart, as an app would have.
  new plus33.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', portNumber: 8080, securityContext: { ensureNonRoot: false } }] });
  return { app, chart };
}

describe('an app on cdk8s-plus-33', () => {
  test('synthesizes, with every plus-33 object wired in, and validates against the schemas', () => {
    const { chart } = plus33App();
    const manifests = Testing.synth(chart);
    expectValidManifests(manifests, '1.15');

    const fd = ofKind(manifests, 'FlinkDeployment')[0];
    expect(fd.spec.serviceAccount).toBe('flink');
    const flink = fd.spec.podTemplate.spec.containers[0];
    expect(fd.spec.imagePullPolicy).toBe('Always');
    expect(flink.env).toEqual(expect.arrayContaining([{ name: 'TENANT', value: 'shop' }]));
    expect(flink.env).toEqual(expect.arrayContaining([expect.objectContaining({ valueFrom: { secretKeyRef: expect.objectContaining({ name: 'minio-keys' }) } })]));
    expect(fd.spec.jobManager.resource.cpu).toBe(0.75);

    const handler = ofKind(manifests, 'Deployment').find((d) => d.metadata.name === 'handler');
    const container = handler.spec.template.spec.containers[0];
    expect(container.readinessProbe).toMatchObject({ httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, periodSeconds: 5 });
    expect(container.livenessProbe).toMatchObject({ tcpSocket: { port: 8080 }, initialDelaySeconds: 20 });
    expect(container.env).toEqual([
      { name: 'MODE', value: 'live' },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { key: 'token', name: 'minio-keys' } } },
    ]);
    expect(container.resources).toEqual({ requests: { cpu: '300m', memory: '300Mi' }, limits: { cpu: '1', memory: '600Mi' } });
    expect(ofKind(manifests, 'Deployment').map((d) => d.metadata.name).sort()).toEqual(['handler', expect.stringMatching(/^shop-web-/)]);
  });

  test('pod files, volumes and env sources take plus-33 Secrets, ConfigMaps and claims (type-checked by tsc)', () => {
    const chart = new Chart(Testing.app(), 'c');
    const secret = plus33.Secret.fromSecretName(chart, 'tls', 'tls');
    const config = plus33.ConfigMap.fromConfigMapName(chart, 'cfg', 'cfg');
    const claim = plus33.PersistentVolumeClaim.fromClaimName(chart, 'pvc', 'data');
    const values = [
      PodVolume.fromSecret(secret), PodVolume.fromConfigMap(config), PodVolume.fromPersistentVolumeClaim(claim),
      EnvFromSource.secret(secret), EnvFromSource.configMap(config), PodFile.fromSecret(secret, 'ca.pem'), PodFile.fromConfigMap(config, 'a'),
    ];
    expect(values.map((v) => v.constructor.name)).toEqual(['PodVolume', 'PodVolume', 'PodVolume', 'EnvFromSource', 'EnvFromSource', 'PodFile', 'PodFile']);
    expect(JSON.stringify(values)).toContain('"tls"');
  });

  test('the same app synthesizes through App.synth() (what `cdk8s synth` runs)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'plus33-'));
    const app = new App({ outdir });
    const chart = new Chart(app, 'c');
    const statefun = new StateFunApp(chart, 'orders', { serviceAccount: new plus33.ServiceAccount(chart, 'sa') });
    const fn = new RemoteFunction(chart, 'fn', { app: statefun, image: 'shop/fn:1', functions: ['shop/*'], readiness: FunctionProbe.command(['cat', '/tmp/ready']) });
    ingressTo(statefun, fn);
    app.synth();
    const files = fs.readdirSync(outdir);
    expect(files).toContain('c.k8s.yaml');
    expect(fs.readFileSync(path.join(outdir, 'c.k8s.yaml'), 'utf8')).toContain('- cat\n');
  });
});

describe('FunctionProbe', () => {
  function probed(readiness?: FunctionProbe, liveness?: FunctionProbe) {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    const statefun = new StateFunApp(chart, 'app');
    return () => new RemoteFunction(chart, 'fn', { app: statefun, image: 'a/fn:1', functions: ['a/*'], port: 9000, readiness, liveness });
  }

  test('ports default to the function port; a command probe renders exec', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    const statefun = new StateFunApp(chart, 'app');
    const fn = new RemoteFunction(chart, 'fn', {
      app: statefun,
      image: 'a/fn:1',
      functions: ['a/*'],
      port: 9000,
      readiness: FunctionProbe.tcpSocket(),
      liveness: FunctionProbe.command(['/bin/alive'], { timeout: Duration.seconds(2), failureThreshold: 5 }),
    });
    ingressTo(statefun, fn);
    const container = ofKind(Testing.synth(chart), 'Deployment')[0].spec.template.spec.containers[0];
    expect(container.readinessProbe).toMatchObject({ tcpSocket: { port: 9000 } });
    expect(container.livenessProbe).toMatchObject({ exec: { command: ['/bin/alive'] }, timeoutSeconds: 2, failureThreshold: 5 });
  });

  test.each([
    ['fractional period', FunctionProbe.tcpSocket({ period: Duration.millis(1500) }), undefined, '[c/fn] readiness.period = "1500ms": Kubernetes takes whole seconds, at least 1. Fix: use e.g. Duration.seconds(5)'],
    ['zero timeout', FunctionProbe.httpGet('/h', { timeout: Duration.seconds(0) }), undefined, '[c/fn] readiness.timeout = "0ms": Kubernetes takes whole seconds, at least 1. Fix: use e.g. Duration.seconds(5)'],
    ['threshold 0', FunctionProbe.tcpSocket({ failureThreshold: 0 }), undefined, '[c/fn] readiness.failureThreshold = 0: a threshold is a whole number of probes, at least 1. Fix: use e.g. 3'],
    ['path without slash', FunctionProbe.httpGet('health'), undefined, '[c/fn] readiness.path = "health": an HTTP probe path starts with \'/\'. Fix: write e.g. \'/health\''],
    ['port 0', FunctionProbe.httpGet('/h', { port: 0 }), undefined, '[c/fn] readiness.port = 0: ports are 1-65535. Fix: omit it to probe the function\'s port'],
    ['empty command', FunctionProbe.command([]), undefined, '[c/fn] readiness.command = []: a command probe runs a program: the list needs the program and its arguments, none empty. Fix: write e.g. [\'cat\', \'/tmp/ready\']'],
    ['liveness success threshold 2', undefined, FunctionProbe.tcpSocket({ successThreshold: 2 }), '[c/fn] liveness.successThreshold = 2: Kubernetes requires successThreshold 1 for liveness probes and rejects the Deployment otherwise. Fix: omit it (or use 1)'],
  ])('%s is refused', (_name, readiness, liveness, message) => {
    expect(probed(readiness, liveness)).toThrow(message);
  });

  test('a cdk8s-plus Probe (from any line) is refused with the fix, not a TypeError', () => {
    const probe = plus33.Probe.fromHttpGet('/health') as unknown as FunctionProbe;
    expect(probed(probe)).toThrow(/\[c\/fn\] readiness = "Probe": probes are FunctionProbe values \(a cdk8s-plus Probe is tied to one cdk8s-plus line\)\. Fix: use e\.g\. FunctionProbe\.httpGet\('\/health'\) or FunctionProbe\.tcpSocket\(\)/);
  });
});
