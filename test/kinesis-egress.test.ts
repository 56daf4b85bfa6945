import { Secret } from 'cdk8s-plus-27';
import { FunctionType, KafkaIngress, ValueType, AwsCredentials, AwsRegion, KinesisEgress, KinesisEgressProps } from '../lib';
import { doc, functions, newApp, synthValid, TestApp } from './fixtures/modules/harness';

const KIND = 'io.statefun.kinesis.v1/egress';

function app(): TestApp {
  const t = newApp();
  functions(t.chart, t.app);
  new KafkaIngress(t.chart, 'in', { app: t.app, ingressId: 'shop/in', address: 'kafka:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.of('shop/T'), targets: [FunctionType.of('shop/fn')] }] });
  return t;
}

function egress(t: TestApp, overrides: Partial<KinesisEgressProps> = {}): KinesisEgress {
  return new KinesisEgress(t.chart, 'audit', { app: t.app, egressId: 'shop/audit', streamName: 'shop-audit', region: AwsRegion.specific('eu-central-1'), ...overrides });
}

describe('Kinesis egress', () => {
  test('minimal: the short stream name and an explicit region; credentials left to the default chain', () => {
    const t = app();
    egress(t);
    expect(doc(t.app, KIND, 'shop/audit')).toEqual({ id: 'shop/audit', streamName: 'shop-audit', awsRegion: { type: 'specific', id: 'eu-central-1' } });
    synthValid(t.chart);
  });

  test('every option', () => {
    const t = app();
    egress(t, {
      maxOutstandingRecords: 5000,
      region: AwsRegion.specific('eu-west-1'),
      credentials: AwsCredentials.profile('writer'),
      clientConfigProperties: { 'aws.kinesis.client.max-connections': '16' },
    });
    expect(doc(t.app, KIND, 'shop/audit')).toEqual({
      id: 'shop/audit',
      streamName: 'shop-audit',
      maxOutstandingRecords: 5000,
      awsRegion: { type: 'specific', id: 'eu-west-1' },
      awsCredentials: { type: 'profile', profileName: 'writer' },
      clientConfigProperties: [{ 'aws.kinesis.client.max-connections': '16' }],
    });
    synthValid(t.chart, '1.15');
  });

  test('default-chain credentials are written when chosen explicitly', () => {
    const t = app();
    egress(t, { credentials: AwsCredentials.defaultProviderChain() });
    expect(doc(t.app, KIND, 'shop/audit')).toMatchObject({ awsRegion: { type: 'specific', id: 'eu-central-1' }, awsCredentials: { type: 'default' } });
  });

  test('keys from a Secret reach the Flink pods, not the module', () => {
    const t = app();
    egress(t, { credentials: AwsCredentials.fromSecret(Secret.fromSecretName(t.chart, 'k', 'audit-keys')) });
    const manifests = synthValid(t.chart);
    const env = manifests.find((m) => m.kind === 'FlinkDeployment').spec.podTemplate.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'audit-keys', key: 'AWS_SECRET_ACCESS_KEY' } } });
    expect(doc(t.app, KIND, 'shop/audit').awsCredentials).toEqual({ type: 'default' });
  });

  test.each<[string, Partial<KinesisEgressProps>, RegExp | string]>([
    ['ARN instead of name', { streamName: 'arn:aws:kinesis:eu-west-1:123456789012:stream/shop-audit' }, /\[test\/audit\] streamName = "arn:aws:kinesis:eu-west-1:123456789012:stream\/shop-audit": the egress takes the short stream name, not the ARN. Fix: write 'shop-audit'/],
    ['missing name', { streamName: undefined as any }, /streamName = \(not set\): required: the short stream name/],
    ['buffer of one batch', { maxOutstandingRecords: 500 }, /maxOutstandingRecords = 500: Flink's Kinesis sink buffers whole batches of up to 500 records/],
    ['basic keys against AWS', { credentials: AwsCredentials.basicForLocalEmulatorOnly('a', 'b') }, /credentials = "basicForLocalEmulatorOnly": plaintext keys .*\(the region here is specific\)/],
    ['no region (the sink has no default chain)', { region: undefined as any },
      "[test/audit] region = (not set): the Kinesis sink reads only an explicit region (aws.region); with the default region chain it has none and the writer fails at start (the stream's region is not derivable: the egress names the stream, not its ARN). Fix: set region: AwsRegion.specific('<the stream's region>') (or AwsRegion.customEndpoint(url, region) for LocalStack)"],
    ['the default region chain', { region: AwsRegion.defaultProviderChain() },
      "[test/audit] region = \"AwsRegion.defaultProviderChain()\": the Kinesis sink reads only an explicit region (aws.region); with the default region chain it has none and the writer fails at start (the stream's region is not derivable: the egress names the stream, not its ARN). Fix: set region: AwsRegion.specific('<the stream's region>') (or AwsRegion.customEndpoint(url, region) for LocalStack)"],
    ['endpoint property', { clientConfigProperties: { 'aws.endpoint': 'http://x' } }, /clientConfigProperties\['aws.endpoint'\] = "http:\/\/x": region sets this.*AwsRegion.customEndpoint/],
    ['egressId', { egressId: 'audit' }, /egressId = "audit": an egress id must be a TypeName/],
  ])('refused: %s', (_n, overrides, message) => {
    expect(() => egress(app(), overrides)).toThrow(message);
  });

  test('basic keys with a LocalStack endpoint are accepted', () => {
    const t = app();
    egress(t, { region: AwsRegion.customEndpoint('http://localstack:4566', 'us-east-1'), credentials: AwsCredentials.basicForLocalEmulatorOnly('test', 'test') });
    expect(doc(t.app, KIND, 'shop/audit').awsCredentials).toEqual({ type: 'basic', accessKeyId: 'test', secretAccessKey: 'test' });
    synthValid(t.chart);
  });
});
