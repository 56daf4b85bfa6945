import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { parseAllDocuments } from 'yaml';
import {
  FunctionScaling, KafkaEgress, KafkaIngress, KafkaSaslMechanism, KafkaSecurity, KafkaStoreType, PodFile, PodVolume, RemoteFunction,
  RocksDbLocalDirectory,
  StateFunApp, StateFunAppProps, ValueType,
} from '../lib';
import { errorOf } from './fixtures/modules/harness';
import { mergePodTemplates } from './support/pod-template-merge';
import { expectValidManifests } from './support/schemas';

function kafkaApp(security: (chart: Chart) => KafkaSecurity | undefined, properties?: Record<string, string>, appProps: StateFunAppProps = {}) {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  const app = new StateFunApp(chart, 'sf', appProps);
  const fn = new RemoteFunction(chart, 'fn', { app, image: 'shop/fn:1.0.0', functions: ['shop/*'], scaling: FunctionScaling.fixed(1) });
  new KafkaIngress(chart, 'in', {
    app,
    ingressId: 'shop/in',
    address: 'kafka.shop.svc:9093',
    consumerGroupId: 'g',
    security: security(chart),
    properties,
    topics: [{ topic: 't', valueType: ValueType.STRING, targets: [fn.functionType('x')] }],
  });
  return { chart, app };
}

function props(app: StateFunApp, kind: string): Record<string, string> {
  const docs = parseAllDocuments(app.renderModule()).map((d) => d.toJS());
  const out: Record<string, string> = {};
  for (const p of docs.find((d) => d.kind === kind).spec.properties ?? []) Object.assign(out, p);
  return out;
}

describe('KafkaSecurity: SASL and SSL with credentials from Secrets', () => {
  test('SCRAM-SHA-512 over TLS: placeholders and providers in the module, the Secret mounted in both Flink roles', () => {
    const { chart, app } = kafkaApp((c) => {
      const user = kplus.Secret.fromSecretName(c, 'user', 'statefun-kafka-user');
      const ca = kplus.Secret.fromSecretName(c, 'ca', 'kafka-cluster-ca-cert');
      return KafkaSecurity.saslSsl({
        mechanism: KafkaSaslMechanism.SCRAM_SHA_512,
        username: 'statefun',
        password: PodFile.fromSecret(user, 'password'),
        tls: { trustStore: PodFile.fromSecret(ca, 'ca.crt') },
      });
    });
    new KafkaEgress(chart, 'out', {
      app,
      egressId: 'shop/out',
      address: 'kafka.shop.svc:9093',
      security: KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_256, jaasConfig: PodFile.fromSecret(kplus.Secret.fromSecretName(chart, 'strimzi', 'egress-user'), 'sasl.jaas.config') }),
    });
    expect(props(app, 'io.statefun.kafka.v1/ingress')).toEqual({
      'config.providers': 'dir',
      'config.providers.dir.class': 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
      'config.providers.dir.param.allowed.paths': '/opt/flink-secrets/statefun-kafka-user',
      'sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="statefun" password="${dir:/opt/flink-secrets/statefun-kafka-user:password}";',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'security.protocol': 'SASL_SSL',
      'ssl.truststore.location': '/opt/flink-secrets/kafka-cluster-ca-cert/ca.crt',
      'ssl.truststore.type': 'PEM',
    });
    expect(props(app, 'io.statefun.kafka.v1/egress')).toEqual({
      'config.providers': 'dir',
      'config.providers.dir.class': 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
      'config.providers.dir.param.allowed.paths': '/opt/flink-secrets/egress-user',
      'sasl.jaas.config': '${dir:/opt/flink-secrets/egress-user:sasl.jaas.config}',
      'sasl.mechanism': 'SCRAM-SHA-256',
      'security.protocol': 'SASL_SSL',
    });
    const manifests = Testing.synth(chart);
    const fd = manifests.find((m) => m.kind === 'FlinkDeployment');
    // The shared template reaches JobManager (enumerator admin client) and TaskManagers (consumers, producers).
    const shared = fd.spec.podTemplate.spec;
    expect(shared.volumes.slice(1)).toEqual([
      { name: 'files-secret-egress-user', secret: { secretName: 'egress-user', defaultMode: 0o440 } },
      { name: 'files-secret-kafka-cluster-ca-cert', secret: { secretName: 'kafka-cluster-ca-cert', defaultMode: 0o440 } },
      { name: 'files-secret-statefun-kafka-user', secret: { secretName: 'statefun-kafka-user', defaultMode: 0o440 } },
    ]);
    expect(shared.containers[0].volumeMounts.slice(1)).toEqual([
      { name: 'files-secret-egress-user', mountPath: '/opt/flink-secrets/egress-user', readOnly: true },
      { name: 'files-secret-kafka-cluster-ca-cert', mountPath: '/opt/flink-secrets/kafka-cluster-ca-cert', readOnly: true },
      { name: 'files-secret-statefun-kafka-user', mountPath: '/opt/flink-secrets/statefun-kafka-user', readOnly: true },
    ]);
    expect(fd.spec.jobManager.podTemplate).toBeUndefined();
    expect(fd.spec.taskManager.podTemplate).toBeUndefined();
    expect(JSON.stringify(manifests)).not.toMatch(/password="[^$]/);
    expectValidManifests(manifests, '1.16');
  });

  test.each([false, true])('with role templates (sidecar, RocksDB disk), the merged JobManager and TaskManager pods both mount the Secret (by name: %s)', (byName) => {
    const { chart } = kafkaApp((c) => KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_512, username: 'u', password: PodFile.fromSecret(kplus.Secret.fromSecretName(c, 'u', 'kafka-user'), 'password') }),
      undefined, {
        flinkPods: {
          jobManager: { sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31.0' }] },
          taskManager: { rocksDbLocalDirectory: RocksDbLocalDirectory.emptyDir() },
        },
      });
    const fd = Testing.synth(chart).find((m) => m.kind === 'FlinkDeployment');
    for (const role of ['jobManager', 'taskManager']) {
      const pod = mergePodTemplates(fd.spec.podTemplate, fd.spec[role].podTemplate, byName).spec;
      expect(pod.containers[0].name).toBe('flink-main-container');
      expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'files-secret-kafka-user', mountPath: '/opt/flink-secrets/kafka-user', readOnly: true });
      expect(pod.volumes).toContainEqual({ name: 'files-secret-kafka-user', secret: { secretName: 'kafka-user', defaultMode: 0o440 } });
    }
  });

  test('mutual TLS with a PKCS12 key store (Strimzi TLS user)', () => {
    const { app, chart } = kafkaApp((c) => {
      const user = kplus.Secret.fromSecretName(c, 'user', 'statefun-tls-user');
      return KafkaSecurity.ssl({
        trustStore: PodFile.fromSecret(user, 'ca.crt'),
        keyStore: PodFile.fromSecret(user, 'user.p12'),
        keyStorePassword: PodFile.fromSecret(user, 'user.password'),
      });
    });
    expect(props(app, 'io.statefun.kafka.v1/ingress')).toEqual({
      'config.providers': 'dir',
      'config.providers.dir.class': 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
      'config.providers.dir.param.allowed.paths': '/opt/flink-secrets/statefun-tls-user',
      'security.protocol': 'SSL',
      'ssl.keystore.location': '/opt/flink-secrets/statefun-tls-user/user.p12',
      'ssl.keystore.password': '${dir:/opt/flink-secrets/statefun-tls-user:user.password}',
      'ssl.keystore.type': 'PKCS12',
      'ssl.truststore.location': '/opt/flink-secrets/statefun-tls-user/ca.crt',
      'ssl.truststore.type': 'PEM',
    });
    expectValidManifests(Testing.synth(chart), '1.16');
  });

  test('a placeholder written by hand into the library layout mounts the Secret; elsewhere it needs a mount', () => {
    const ok = kafkaApp(() => undefined, {
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'PLAIN',
      'config.providers': 'dir',
      'config.providers.dir.class': 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
      'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="${dir:/opt/flink-secrets/kafka-user:password}";',
    });
    const fd = Testing.synth(ok.chart).find((m) => m.kind === 'FlinkDeployment');
    expect(fd.spec.podTemplate.spec.volumes[1]).toEqual({ name: 'files-secret-kafka-user', secret: { secretName: 'kafka-user', defaultMode: 0o440 } });

    const elsewhere = kafkaApp(() => undefined, {
      'config.providers': 'dir',
      'config.providers.dir.class': 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
      'ssl.keystore.password': '${dir:/etc/kafka:keystore.password}',
    });
    expect(errorOf(() => Testing.synth(elsewhere.chart))).toContain('[test/in] properties[\'ssl.keystore.password\'] = "/etc/kafka/keystore.password": no volume of the Flink pods provides this path');
    const mounted = kafkaApp(() => undefined, {
      'config.providers': 'dir',
      'config.providers.dir.class': 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
      'ssl.keystore.password': '${dir:/etc/kafka:keystore.password}',
    }, { flinkPods: { mounts: [{ volume: PodVolume.fromSecret(kplus.Secret.fromSecretName(new Chart(Testing.app(), 'x'), 's', 'kafka-keys')), path: '/etc/kafka' }] } });
    expectValidManifests(Testing.synth(mounted.chart), '1.16');
  });
});

describe('KafkaSecurity: refusals', () => {
  test('an ${env:} placeholder naming no variable of the Flink pods; set from a Secret it passes', () => {
    const env = {
      'config.providers': 'env',
      'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
      'sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="${env:KAFKA_PASSWORD}";',
    };
    expect(errorOf(() => Testing.synth(kafkaApp(() => undefined, env).chart)))
      .toBe('Validation failed with the following errors:\n  [test/in] properties[\'sasl.jaas.config\'] = "${env:KAFKA_PASSWORD}": the Flink pods set no environment variable KAFKA_PASSWORD, so kafka-clients keeps the placeholder text as the value. Fix: set it from a Secret: flinkPods.env { KAFKA_PASSWORD: EnvValue.fromSecretValue({ secret, key }) }, or use the typed security prop');
    const c = new Chart(Testing.app(), 'x');
    const ok = kafkaApp(() => undefined, env, { flinkPods: { env: { KAFKA_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(c, 's', 'kafka-user'), key: 'password' }) } } });
    expectValidManifests(Testing.synth(ok.chart), '1.16');
  });

  test('SASL with a literal password in properties', () => {
    expect(errorOf(() => kafkaApp(() => undefined, { 'sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="hunter2";' })))
      .toBe('[test/in] properties[\'sasl.jaas.config\'] = "(a JAAS line with a literal password)": the password would be written in plain text into module.yaml, a ConfigMap. Fix: use the typed security prop: security: KafkaSecurity.saslSsl({ mechanism, username, password: PodFile.fromSecret(secret, \'password\') })');
  });

  test('SASL with a literal password in the typed prop', () => {
    expect(errorOf(() => kafkaApp(() => KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_512, username: 'u', password: 'hunter2' as any }))))
      .toBe('[test/in] security.password = "(a literal value)": a credential written as a literal ends up in module.yaml, a ConfigMap anyone who can read the namespace can read. Fix: keep it in a Secret and reference the key: PodFile.fromSecret(secret, \'password\')');
  });

  test('a password from a ConfigMap, a literal store password, a placeholder without its provider', () => {
    expect(errorOf(() => kafkaApp((c) => KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.PLAIN, username: 'u', password: PodFile.fromConfigMap(kplus.ConfigMap.fromConfigMapName(c, 'cm', 'cm'), 'pw') }))))
      .toContain('security.password = "/opt/flink-configmaps/cm/pw": credentials are read by the Kafka client from a mounted Secret key');
    expect(errorOf(() => kafkaApp(() => undefined, { 'ssl.truststore.password': 'changeit' })))
      .toBe('[test/in] properties[\'ssl.truststore.password\'] = "(a literal value)": the credential would be written in plain text into module.yaml, a ConfigMap. Fix: use security: KafkaSecurity.ssl({ ..., keyStorePassword: PodFile.fromSecret(secret, \'user.password\') })');
    expect(errorOf(() => kafkaApp(() => undefined, { 'ssl.truststore.password': '${dir:/opt/flink-secrets/x:pw}' })))
      .toBe('[test/in] properties[\'ssl.truststore.password\'] = "${dir:...}": config.providers does not name \'dir\', so kafka-clients keeps the placeholder text as the value (a wrong password, not an error). Fix: set \'config.providers\' to include \'dir\' and \'config.providers.dir.class\', or use the typed security prop');
  });

  test('typed keys set twice, PEM with a password, PKCS12 without one, PLAIN without TLS', () => {
    let n = 0;
    const sec = (c: Chart) => kplus.Secret.fromSecretName(c, `s${n++}`, 'kafka-user');
    expect(errorOf(() => kafkaApp((c) => KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_512, username: 'u', password: PodFile.fromSecret(sec(c), 'password') }), { 'sasl.mechanism': 'PLAIN' })))
      .toBe('[test/in] properties[\'sasl.mechanism\'] = "PLAIN": the typed security prop sets the security, SASL, SSL and config provider properties; a second value would silently conflict with it. Fix: remove the property and express it through security');
    expect(errorOf(() => kafkaApp((c) => KafkaSecurity.ssl({ trustStore: PodFile.fromSecret(sec(c), 'ca.crt'), trustStorePassword: PodFile.fromSecret(sec(c), 'pw') }))))
      .toContain('security.tls.trustStorePassword = "PEM": Kafka refuses a password on a PEM store');
    expect(errorOf(() => kafkaApp((c) => KafkaSecurity.ssl({ keyStore: PodFile.fromSecret(sec(c), 'user.p12'), keyStoreType: KafkaStoreType.PKCS12 }))))
      .toContain('security.tls.keyStorePassword = (not set): Kafka requires the password of a PKCS12 key store');
    expect(errorOf(() => kafkaApp((c) => KafkaSecurity.saslPlaintext({ mechanism: KafkaSaslMechanism.PLAIN, username: 'u', password: PodFile.fromSecret(sec(c), 'password') }))))
      .toContain('security.mechanism = "PLAIN": PLAIN without TLS sends the password in clear text over the network');
    expect(errorOf(() => kafkaApp((c) => KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_256, username: 'a "b"', password: PodFile.fromSecret(sec(c), 'password') }))))
      .toContain('security.username = "a \\"b\\"": the username goes into the JAAS line');
  });
});
