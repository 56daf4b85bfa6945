/**
 * The last gate's credentials family as pure functions of manifests, and the local-emulator escape
 * hatches it must leave alone.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AwsCredentials, AwsRegion, CheckpointStore, KafkaIngress, KinesisEgress, RemoteFunction, S3Credentials, StateFunApp, ValueType,
} from '../lib';
import {
  credentialsRule, envCredential, flinkConfigCredential, kafkaPropertyCredential, urlWithUserInfo,
} from '../lib/rules/credentials';
import { Manifest } from '../lib/rules/finding';

const CTX = { operatorVersion: '1.15' };
const fd = (flinkConfiguration: Record<string, unknown>, env: unknown[] = []): Manifest => ({
  apiVersion: 'flink.apache.org/v1beta1',
  kind: 'FlinkDeployment',
  metadata: { name: 'orders', namespace: 'shop' },
  spec: { flinkConfiguration, podTemplate: { spec: { containers: [{ name: 'flink-main-container', env }] } } },
});
const moduleMap = (text: string, namespace = 'shop'): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orders-module', namespace }, data: { 'module.yaml': text } });

describe('flinkConfigCredential', () => {
  test.each([
    ['s3.access-key', 'AKIAIOSFODNN7EXAMPLE', /S3 credential/],
    ['s3.secret-key', 'wJalrXUtnFEMI/K7MDENG', /S3 credential/],
    ['fs.s3a.secret.key', 'x', /S3 credential/],
    ['fs.s3a.bucket.logs.access.key', 'x', /S3 credential/],
    ['fs.s3a.session.token', 'x', /S3 credential/],
    ['fs.azure.account.key.acct.dfs.core.windows.net', 'x', /Azure storage key/],
    ['fs.azure.sas.container.acct.blob.core.windows.net', 'x', /Azure storage key/],
    ['security.ssl.rest.keystore-password', 'x', /^a credential/],
    ['fs.azure.account.oauth2.client.secret.acct.dfs.core.windows.net', 'x', /^a credential/],
    ['metrics.reporter.influx.password', 'x', /^a credential/],
  ])('%s is a credential', (key, value, why) => {
    expect(flinkConfigCredential(key, value)?.why).toMatch(why);
  });

  test('a ${provider:…} reference on a filesystem credential key: Flink does not resolve it, the plugin would use the text', () => {
    expect(flinkConfigCredential('s3.secret-key', '${env:S3_SECRET}')).toEqual({
      why: 'Flink resolves no ${…} reference in its configuration and passes the option to the filesystem plugin as written, so the text ${env:S3_SECRET} itself would be used as the S3 credential',
      fix: expect.stringMatching(/^remove it: give the checkpoint store its keys from a Secret/),
    });
    expect(flinkConfigCredential('fs.azure.account.key.acct.dfs.core.windows.net', '${dir:/opt/azure:key}')?.why).toMatch(/used as the Azure storage key$/);
    // Kafka connector properties passed through the Flink configuration are resolved by the Kafka client.
    expect(flinkConfigCredential('properties.ssl.truststore.password', '${dir:/opt/kafka-secrets/kafka:truststore.password}')).toBeUndefined();
  });

  test.each([
    ['s3.secret-key', ''],
    ['kubernetes.secrets', 'kafka:/opt/kafka-secrets/kafka'],
    ['kubernetes.env.secretKeyRef', 'env:KEY,secret:s,key:k'],
    ['fs.azure.account.keyprovider.acct.dfs.core.windows.net', 'org.apache.flink.fs.azurefs.EnvironmentVariableKeyProvider'],
    ['fs.s3a.aws.credentials.provider', 'com.amazonaws.auth.WebIdentityTokenCredentialsProvider'],
    ['security.ssl.rest.keystore', '/opt/tls/keystore.p12'],
    ['s3.endpoint', 'http://minio:9000'],
  ])('%s = %s is not', (key, value) => {
    expect(flinkConfigCredential(key, value)).toBeUndefined();
  });
});

describe('kafkaPropertyCredential', () => {
  const scram = (password: string) => `org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="${password}";`;
  test('a JAAS line with a literal password is refused; with a provider reference it is not', () => {
    expect(kafkaPropertyCredential('sasl.jaas.config', scram('s3cr3t'), {})?.fix).toMatch(/^use the typed security prop \(security: KafkaSecurity\.saslSsl\(/);
    expect(kafkaPropertyCredential('sasl.jaas.config', scram('${dir:/opt/kafka-secrets/kafka:password}'), { 'config.providers': 'dir' })).toBeUndefined();
    expect(kafkaPropertyCredential('sasl.jaas.config', '${dir:/opt/kafka-secrets/kafka:sasl.jaas.config}', { 'config.providers': 'dir' })).toBeUndefined();
  });

  test('an OAUTHBEARER client secret in the JAAS line is refused too', () => {
    const jaas = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="app" clientSecret="s3cr3t";';
    expect(kafkaPropertyCredential('sasl.jaas.config', jaas, {})?.why).toBe('the JAAS line carries a plain-text clientSecret, written into the module ConfigMap that anyone who may read ConfigMaps in the namespace can read');
    expect(kafkaPropertyCredential('sasl.jaas.config', jaas.replace('s3cr3t', '${env:KAFKA_CLIENT_SECRET}'), { 'config.providers': 'env' })).toBeUndefined();
  });

  test('ssl passwords, inline PEM keys and secrets are refused', () => {
    for (const key of ['ssl.truststore.password', 'ssl.keystore.password', 'ssl.key.password', 'ssl.keystore.key', 'sasl.oauthbearer.client.secret', 'basic.auth.user.info']) {
      expect(kafkaPropertyCredential(key, 'x', {})).toBeDefined();
    }
    expect(kafkaPropertyCredential('ssl.truststore.location', '/opt/tls/ca.crt', {})).toBeUndefined();
    expect(kafkaPropertyCredential('ssl.truststore.type', 'PEM', {})).toBeUndefined();
  });

  test('a reference to a provider not in config.providers stays literal (Kafka ConfigTransformer)', () => {
    const hit = kafkaPropertyCredential('ssl.truststore.password', '${env:TRUSTSTORE_PASSWORD}', { 'config.providers': 'dir' });
    expect(hit).toEqual({
      reference: true,
      why: "the reference ${env:...} names no provider in config.providers (dir); Kafka's ConfigTransformer leaves it as literal text, so the client would use '${...}' itself",
      fix: "add 'config.providers': 'dir,env' and 'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider'",
    });
  });
});

describe('envCredential and urlWithUserInfo', () => {
  test('AWS secret keys, AWS-issued key ids and password variables are credentials; ordinary variables are not', () => {
    expect(envCredential('AWS_SECRET_ACCESS_KEY', 'x')).toBeDefined();
    expect(envCredential('AWS_SESSION_TOKEN', 'x')).toBeDefined();
    expect(envCredential('SOME_ID', 'AKIAIOSFODNN7EXAMPLE')).toBeDefined();
    expect(envCredential('DB_PASSWORD', 'x')).toBeDefined();
    expect(envCredential('GITHUB_TOKEN', 'x')).toBeDefined();
    expect(envCredential('PAYMENTS_API_KEY', 'x')).toBeDefined();
    expect(envCredential('AWS_WEB_IDENTITY_TOKEN_FILE', '/var/run/secrets/token')).toBeUndefined();
    expect(envCredential('AWS_SECRET_ACCESS_KEY', '')).toBeUndefined();
    expect(envCredential('AWS_REGION', 'eu-central-1')).toBeUndefined();
    expect(envCredential('SECRET_NAME', 'my-secret')).toBeUndefined();
  });

  test('user info with a password is found and masked; container@account URIs pass', () => {
    expect(urlWithUserInfo('https://user:hunter2@fn.example.com/statefun')).toBe('https://user:***@…');
    expect(urlWithUserInfo('jdbc:postgresql://app:pw@db:5432/x')).toBe('postgresql://app:***@…');
    expect(urlWithUserInfo('abfss://checkpoints@acct.dfs.core.windows.net/statefun')).toBeUndefined();
    expect(urlWithUserInfo('https://fn.example.com/statefun')).toBeUndefined();
  });
});

describe('credentialsRule over manifests', () => {
  test('flinkConfiguration, JVM options, env values and URLs anywhere; the values are never echoed', () => {
    const findings = credentialsRule([
      fd({ 's3.secret-key': 'wJalrXUtnFEMI', 'env.java.opts.all': '-XX:+UseG1GC -Djavax.net.ssl.keyStorePassword=changeit', 'high-availability.storageDir': 's3://u:p@bucket/ha' },
        [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI' }, { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]),
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { url: 'https://u:p@x', AWS_SECRET_ACCESS_KEY: 'x' } },
    ], CTX);
    expect(findings.map((f) => [f.rule, f.field, f.value])).toEqual([
      ['credentials/flink-configuration', "spec.flinkConfiguration['s3.secret-key']", '(plain text, 13 characters, hidden)'],
      ['credentials/flink-configuration', "spec.flinkConfiguration['env.java.opts.all']", '-Djavax.net.ssl.keyStorePassword=…'],
      ['credentials/env', 'spec.podTemplate.spec.containers[0].env[0].value', 'AWS_SECRET_ACCESS_KEY=(plain text, 13 characters, hidden)'],
      ['credentials/url-user-info', "spec.flinkConfiguration['high-availability.storageDir']", 's3://u:***@…'],
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/wJalr|changeit/);
  });

  test('module.yaml is parsed: Kafka properties, Kinesis properties, basic keys outside an emulator, endpoint URLs', () => {
    const text = [
      'kind: io.statefun.endpoints.v2/http',
      'spec:',
      '  functions: shop/*',
      '  urlPathTemplate: https://fn:pw@functions.example.com/statefun',
      '---',
      'kind: io.statefun.kafka.v1/ingress',
      'spec:',
      '  id: shop/orders',
      '  properties:',
      '    - sasl.jaas.config: org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";',
      '    - ssl.truststore.password: changeit',
      '---',
      'kind: io.statefun.kinesis.v1/egress',
      'spec:',
      '  id: shop/audit',
      '  awsRegion: { type: specific, id: eu-central-1 }',
      '  awsCredentials: { type: basic, accessKeyId: test, secretAccessKey: test }',
      '  clientConfigProperties:',
      '    - aws.credentials.provider.basic.secretkey: abc',
    ].join('\n');
    const findings = credentialsRule([moduleMap(text)], CTX);
    expect(findings.map((f) => [f.rule, f.field])).toEqual([
      ['credentials/url-user-info', "data['module.yaml'] document 1 spec.urlPathTemplate"],
      ['credentials/kafka-properties', "data['module.yaml'] document 2 spec.properties['sasl.jaas.config']"],
      ['credentials/kafka-properties', "data['module.yaml'] document 2 spec.properties['ssl.truststore.password']"],
      ['credentials/kinesis-properties', "data['module.yaml'] document 3 spec.clientConfigProperties['aws.credentials.provider.basic.secretkey']"],
      ['credentials/kinesis-basic', "data['module.yaml'] document 3 spec.awsCredentials"],
    ]);
  });

  test('a module whose only credential is a URL with user info is still parsed and reported', () => {
    const text = 'kind: io.statefun.endpoints.v2/http\nspec:\n  functions: shop/*\n  urlPathTemplate: https://fn:pw@functions.example.com/statefun\n';
    expect(credentialsRule([moduleMap(text)], CTX).map((f) => [f.field, f.value])).toEqual([["data['module.yaml'] document 1 spec.urlPathTemplate", 'https://fn:***@…']]);
  });

  test('basic keys with a local emulator endpoint are what basicForLocalEmulatorOnly deliberately writes', () => {
    const text = 'kind: io.statefun.kinesis.v1/egress\nspec:\n  id: shop/audit\n  awsRegion: { type: custom-endpoint, endpoint: "http://localstack.shop.svc:4566", id: us-east-1 }\n  awsCredentials: { type: basic, accessKeyId: test, secretAccessKey: test }\n';
    expect(credentialsRule([moduleMap(text)], CTX)).toEqual([]);
    // An AWS-issued key id is never an emulator key.
    expect(credentialsRule([moduleMap(text.replace('accessKeyId: test', 'accessKeyId: AKIAIOSFODNN7EXAMPLE'))], CTX).map((f) => f.rule)).toEqual(['credentials/kinesis-basic']);
  });
});

describe('the escape hatches the library offers for local emulators pass the gate', () => {
  test('S3Credentials.plaintextForLocalEmulator and AwsCredentials.basicForLocalEmulatorOnly synthesize with zero findings', () => {
    const chart = new Chart(Testing.app(), 'local', { namespace: 'dev' });
    const store = CheckpointStore.s3Compatible(chart, 'minio', {
      bucket: 'statefun', endpoint: 'http://minio.dev.svc:9000', credentials: S3Credentials.plaintextForLocalEmulator('minio', 'minio123'),
    });
    const app = new StateFunApp(chart, 'local', { checkpointStore: store });
    const fn = new RemoteFunction(chart, 'greeter', { app, image: 'example/greeter:1.0.0', functions: ['example/*'] });
    new KafkaIngress(chart, 'in', { app, ingressId: 'example/in', address: 'kafka.dev.svc:9092', consumerGroupId: 'g', topics: [{ topic: 'names', valueType: ValueType.STRING, targets: [fn.functionType('greeter')] }] });
    new KinesisEgress(chart, 'out', {
      app,
      egressId: 'example/out',
      streamName: 'out',
      region: AwsRegion.customEndpoint('http://localstack.dev.svc:4566', 'us-east-1'),
      credentials: AwsCredentials.basicForLocalEmulatorOnly('test', 'test'),
    });
    const manifests = Testing.synth(chart);
    expect(manifests.filter((m) => m.kind === 'Secret').map((m) => m.metadata.name)).toHaveLength(1);
    expect(credentialsRule(manifests, CTX)).toEqual([]);
  });

  test('keys from a Secret in the function env (valueFrom) pass', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'dev' });
    const app = new StateFunApp(chart, 'app');
    const secret = kplus.Secret.fromSecretName(chart, 'aws', 'aws-keys');
    const fn = new RemoteFunction(chart, 'fn', { app, image: 'example/fn:1.0.0', functions: ['example/*'], env: { AWS_SECRET_ACCESS_KEY: kplus.EnvValue.fromSecretValue({ secret, key: 'k' }) } });
    new KafkaIngress(chart, 'in', { app, ingressId: 'example/in', address: 'kafka.dev.svc:9092', consumerGroupId: 'g', topics: [{ topic: 'names', valueType: ValueType.STRING, targets: [fn.functionType('x')] }] });
    expect(credentialsRule(Testing.synth(chart), CTX)).toEqual([]);
  });
});
