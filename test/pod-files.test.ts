import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { EndpointTransport, EnvFromSource, HttpEndpoint, KafkaIngress, PodFile, PodVolume, StateFunApp, StateFunAppProps, ValueType } from '../lib';
import { errorOf, functions, newApp } from './fixtures/modules/harness';
import { expectValidManifests } from './support/schemas';

/** An app with a function, an ingress and an https endpoint using `transport`. */
function tlsApp(transport: (chart: Chart) => EndpointTransport, props: (chart: Chart) => StateFunAppProps = () => ({})) {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  const { app } = newAppIn(chart, props(chart));
  const fn = functions(chart, app);
  new KafkaIngress(chart, 'in', { app, ingressId: 'shop/in', address: 'kafka.shop.svc:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [fn.functionType('x')] }] });
  new HttpEndpoint(chart, 'fraud', { app, functions: 'fraud/*', url: 'https://fraud.example.com/statefun', transport: transport(chart) });
  return { chart, app };
}

function newAppIn(chart: Chart, props: StateFunAppProps) {
  return { app: new StateFunApp(chart, 'sf', props) };
}

describe('PodFile: TLS files of an endpoint by reference', () => {
  test('Secret keys: the app mounts the Secret once, read-only, in both roles, and writes the paths', () => {
    const { chart, app } = tlsApp((c) => {
      const tls = kplus.Secret.fromSecretName(c, 'tls', 'fraud-client-tls');
      const ca = kplus.ConfigMap.fromConfigMapName(c, 'ca', 'corp-ca');
      return EndpointTransport.async({
        trustCaCerts: PodFile.fromConfigMap(ca, 'ca.pem'),
        clientCert: PodFile.fromSecret(tls, 'client.pem'),
        clientKey: PodFile.fromSecret(tls, 'client.key'),
        clientKeyPasswordFile: PodFile.fromSecret(tls, 'client.key.password'),
      });
    });
    const manifests = Testing.synth(chart);
    const fd = manifests.find((m) => m.kind === 'FlinkDeployment');
    const spec = fd.spec.podTemplate.spec;
    expect(spec.volumes).toEqual([
      { name: 'statefun-module', configMap: { name: 'sf-module' } },
      { name: 'files-configmap-corp-ca', configMap: { name: 'corp-ca', defaultMode: 0o444 } },
      { name: 'files-secret-fraud-client-tls', secret: { secretName: 'fraud-client-tls', defaultMode: 0o440 } },
    ]);
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'statefun-module', mountPath: '/opt/statefun', readOnly: true },
      { name: 'files-configmap-corp-ca', mountPath: '/opt/flink-configmaps/corp-ca', readOnly: true },
      { name: 'files-secret-fraud-client-tls', mountPath: '/opt/flink-secrets/fraud-client-tls', readOnly: true },
    ]);
    const endpoint = app.renderModule().split('---').find((d) => d.includes('fraud/*'))!;
    expect(endpoint).toContain('trust_cacerts: /opt/flink-configmaps/corp-ca/ca.pem');
    expect(endpoint).toContain('client_cert: /opt/flink-secrets/fraud-client-tls/client.pem');
    expect(endpoint).toContain('client_key: /opt/flink-secrets/fraud-client-tls/client.key');
    expect(endpoint).toContain('client_key_password: /opt/flink-secrets/fraud-client-tls/client.key.password');
    expectValidManifests(manifests, '1.16');
  });

  test('a path no volume provides is refused at synth (the old /opt/statefun/tls advice included)', () => {
    const { chart } = tlsApp(() => EndpointTransport.async({ trustCaCerts: PodFile.atPath('/opt/statefun/tls/ca.pem') }));
    expect(errorOf(() => Testing.synth(chart))).toContain('[test/fraud] transport.trustCaCerts = "/opt/statefun/tls/ca.pem": no volume of the Flink pods provides this path (/opt/statefun is the read-only module mount: it holds only module.yaml), so the runtime fails to open it when it first calls the endpoint or starts the client. Fix: use PodFile.fromSecret(secret, key) (the library mounts the Secret and writes the path), or mount a volume containing it with flinkPods.mounts');
  });

  test('a path under a flinkPods mount is accepted; classpath resources need no volume', () => {
    const { chart, app } = tlsApp(() => EndpointTransport.async({ trustCaCerts: PodFile.atPath('/etc/corp/ca/ca.pem'), clientCert: PodFile.classpath('c.pem'), clientKey: PodFile.classpath('c.key') }),
      (c) => ({ flinkPods: { mounts: [{ volume: PodVolume.fromSecret(kplus.Secret.fromSecretName(c, 'ca', 'corp-ca')), path: '/etc/corp/ca' }] } }));
    expectValidManifests(Testing.synth(chart), '1.16');
    expect(app.renderModule()).toContain('client_cert: classpath:c.pem');
  });

  test('a user mount over the library\'s Secret directory is refused', () => {
    expect(errorOf(() => tlsApp((c) => EndpointTransport.async({ trustCaCerts: PodFile.fromSecret(kplus.Secret.fromSecretName(c, 's', 'fraud-tls'), 'ca.pem') }),
      () => ({ flinkPods: { mounts: [{ volume: PodVolume.fromEmptyDir('x'), path: '/opt/flink-secrets/fraud-tls' }] } }))))
      .toBe("[test/sf] flinkPods.mounts[0].path = \"/opt/flink-secrets/fraud-tls\": lies under /opt/flink-secrets: the library mounts the Secrets of PodFile.fromSecret there. Fix: mount elsewhere, e.g. under '/etc/<name>' or '/var/lib/<name>'");
  });
});

describe('mount paths and volumes are checked at construction', () => {
  const cases: Array<[string, string]> = [
    ['/opt/flink/conf', 'is /opt/flink/conf: the operator mounts the Flink configuration there; a volume over it replaces config.yaml and the log configuration'],
    ['/opt/flink/conf/extra', 'lies under /opt/flink/conf: the operator mounts the Flink configuration there; a volume over it replaces config.yaml and the log configuration'],
    ['/opt/statefun/tls', 'lies under /opt/statefun: the module ConfigMap (module.yaml) is mounted there read-only; a volume over it hides the module and nothing can be written into it'],
    ['/opt', 'covers /opt/flink/conf: the operator mounts the Flink configuration there; a volume over it replaces config.yaml and the log configuration'],
    ['/opt/flink', 'covers /opt/flink/conf: the operator mounts the Flink configuration there; a volume over it replaces config.yaml and the log configuration'],
    ['/opt/flink/lib', 'is /opt/flink/lib: the Flink distribution\'s jars live there'],
  ];
  test.each(cases)('%s', (path, why) => {
    expect(errorOf(() => newApp({ flinkPods: { mounts: [{ volume: PodVolume.fromEmptyDir('x'), path }] } })))
      .toBe(`[test/sf] flinkPods.mounts[0].path = "${path}": ${why}. Fix: mount elsewhere, e.g. under '/etc/<name>' or '/var/lib/<name>'`);
  });

  test('relative and unnormalized paths, writable Secrets, duplicates', () => {
    const c = new Chart(Testing.app(), 'x');
    const s = PodVolume.fromSecret(kplus.Secret.fromSecretName(c, 's', 'corp-ca'));
    expect(errorOf(() => newApp({ flinkPods: { mounts: [{ volume: s, path: 'etc/ca' }] } }))).toContain('flinkPods.mounts[0].path = "etc/ca": a mount path is an absolute, normalized path');
    expect(errorOf(() => newApp({ flinkPods: { mounts: [{ volume: s, path: '/etc/../ca' }] } }))).toContain('a mount path is an absolute, normalized path');
    expect(errorOf(() => newApp({ flinkPods: { mounts: [{ volume: s, path: '/etc/ca', readOnly: false }] } })))
      .toBe('[test/sf] flinkPods.mounts[0].readOnly = false: Secret and ConfigMap volumes are always read-only (the kubelet projects them). Fix: remove readOnly, or use an emptyDir volume for a writable directory');
    expect(errorOf(() => newApp({ flinkPods: { mounts: [{ volume: s, path: '/etc/ca' }, { volume: PodVolume.fromEmptyDir('y'), path: '/etc/ca' }] } })))
      .toBe('[test/sf] flinkPods.mounts[1].path = "/etc/ca": already mounted by flinkPods.mounts[0]; the second mount would hide the first. Fix: use a distinct path per mount');
    expect(errorOf(() => newApp({ flinkPods: { mounts: [{ volume: PodVolume.fromEmptyDir('Bad_Name'), path: '/scratch' }] } })))
      .toBe("[test/sf] flinkPods.mounts[0].volume.name = \"Bad_Name\": a volume name is a DNS label: lower-case alphanumerics and '-', at most 63 characters. Fix: write e.g. 'scratch'");
  });

  test('every volume source renders, and the env sources', () => {
    const c = new Chart(Testing.app(), 'x');
    expect(PodVolume.fromPersistentVolumeClaim(kplus.PersistentVolumeClaim.fromClaimName(c, 'pvc', 'shared-data'))._render()).toEqual({ name: 'pvc-shared-data', persistentVolumeClaim: { claimName: 'shared-data' } });
    expect(PodVolume.fromEmptyDir('shm', { memory: true, sizeLimit: Size.mebibytes(256) })._render()).toEqual({ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } });
    expect(PodVolume.fromSecret(kplus.Secret.fromSecretName(c, 's', 'tls'), { defaultMode: 0o400, optional: true })._render()).toEqual({ name: 'secret-tls', secret: { secretName: 'tls', defaultMode: 0o400, optional: true } });
    expect(EnvFromSource.secret(kplus.Secret.fromSecretName(c, 'e', 'kafka'), 'KAFKA_')._render()).toEqual({ prefix: 'KAFKA_', secretRef: { name: 'kafka' } });
    expect(errorOf(() => newApp({ flinkPods: { envFrom: [EnvFromSource.configMap(kplus.ConfigMap.fromConfigMapName(c, 'cm', 'settings'), '1X')] } })))
      .toBe("[test/sf] flinkPods.envFrom[0].prefix = \"1X\": an environment variable prefix is letters, digits, '_', '-' or '.', not starting with a digit. Fix: write e.g. 'KAFKA_'");
    expect(errorOf(() => newApp({ flinkPods: { mounts: [{ volume: PodVolume.fromSecret(kplus.Secret.fromSecretName(c, 'm', 'tls'), { defaultMode: 0o1777 }), path: '/etc/tls' }] } })))
      .toBe('[test/sf] flinkPods.mounts[0].volume.defaultMode = 1023: file mode bits are 0 to 0o777. Fix: use e.g. 0o440');
  });

  test('volume names: dotted and long Secret names get a hash, reserved emptyDir names are refused', () => {
    const c = new Chart(Testing.app(), 'x');
    const dotted = PodVolume.fromSecret(kplus.Secret.fromSecretName(c, 'a', 'corp.ca'))._render().name as string;
    const dashed = PodVolume.fromSecret(kplus.Secret.fromSecretName(c, 'b', 'corp-ca'))._render().name as string;
    expect(dashed).toBe('secret-corp-ca');
    expect(dotted).toMatch(/^secret-corp-ca-[0-9a-f]{8}$/);
    const long = PodVolume.fromSecret(kplus.Secret.fromSecretName(c, 'l', `${'x'.repeat(70)}`))._render().name as string;
    expect(long.length).toBeLessThanOrEqual(63);
    expect(errorOf(() => newApp({ flinkPods: { mounts: [{ volume: PodVolume.fromEmptyDir('rocksdb-local'), path: '/scratch' }] } })))
      .toBe("[test/sf] flinkPods.mounts[0].volume.name = \"rocksdb-local\": the library names its own volumes so (the module, RocksDB, /tmp, Secret and ConfigMap volumes); two volumes of one name are rejected. Fix: choose another name, e.g. 'scratch'");
  });

  test('one volume name for two different volumes across the main container and a sidecar', () => {
    expect(errorOf(() => newApp({
      flinkPods: {
        mounts: [{ volume: PodVolume.fromEmptyDir('scratch'), path: '/scratch' }],
        taskManager: { sidecars: [{ name: 'shipper', image: 'fluent/fluent-bit:3.1.9', mounts: [{ volume: PodVolume.fromEmptyDir('scratch', { memory: true }), path: '/buf' }] }] },
      },
    }))).toBe('[test/sf] flinkPods.taskManager.sidecars[0].mounts[0].volume = "scratch": flinkPods.mounts[0] already uses a different volume of this name; the pod would keep only one of them. Fix: reuse the same PodVolume, or name the emptyDir differently');
  });

  test('PodFile keys and names', () => {
    const c = new Chart(Testing.app(), 'x');
    expect(PodFile.fromSecret(kplus.Secret.fromSecretName(c, 's', 'tls'), 'a/b')._problems('f')[0].why).toBe("a Secret key is 1-253 characters of letters, digits, '-', '_' and '.'");
    expect(PodFile.classpath('ca.pem').path).toBe('classpath:ca.pem');
    expect(PodFile.fromSecret(kplus.Secret.fromSecretName(c, 't', 'tls'), 'ca.crt').directory).toBe('/opt/flink-secrets/tls');
  });
});
