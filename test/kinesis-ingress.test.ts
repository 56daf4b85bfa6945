import { Chart, Testing } from 'cdk8s';
import { Secret } from 'cdk8s-plus-27';
import {
  AwsCredentials, AwsRegion, CheckpointStore, FunctionType, KinesisIngress, KinesisIngressProps, KinesisStartupPosition, StateFunApp, ValueType,
} from '../lib';
import { doc, functions, moduleFromManifests, newApp, synthValid, TestApp } from './fixtures/modules/harness';

const KIND = 'io.statefun.kinesis.v1/ingress';
const ARN = 'arn:aws:kinesis:eu-west-1:123456789012:stream/shop-clicks';

function withFunctions(props: any = {}): TestApp {
  const t = newApp(props);
  functions(t.chart, t.app);
  return t;
}

function ingress(t: TestApp, overrides: Partial<KinesisIngressProps> = {}, id = 'clicks'): KinesisIngress {
  return new KinesisIngress(t.chart, id, {
    app: t.app,
    ingressId: 'shop/clicks',
    streamArn: ARN,
    valueType: ValueType.of('shop/Click'),
    targets: [FunctionType.of('shop/click')],
    ...overrides,
  });
}

describe('Kinesis ingress', () => {
  test('minimal: top-level streamArn, exactly one streams entry named after the ARN, region from the ARN', () => {
    const t = withFunctions();
    ingress(t);
    expect(doc(t.app, KIND, 'shop/clicks')).toEqual({
      id: 'shop/clicks',
      streamArn: ARN,
      awsRegion: { type: 'specific', id: 'eu-west-1' },
      startupPosition: { type: 'latest' },
      streams: [{ stream: 'shop-clicks', valueType: 'shop/Click', targets: ['shop/click'] }],
    });
    synthValid(t.chart);
  });

  test('every option: display name, custom endpoint, profile credentials, date start, client properties', () => {
    const t = withFunctions();
    ingress(t, {
      streamName: 'clicks',
      region: AwsRegion.customEndpoint('http://localstack.shop.svc:4566', 'eu-west-1'),
      credentials: AwsCredentials.profile('statefun', '/opt/flink/.aws/credentials'),
      startupPosition: KinesisStartupPosition.date(new Date('2026-04-23T00:00:00Z')),
      clientConfigProperties: { 'source.reader.type': 'EFO', 'source.efo.consumer.name': 'shop' },
      targets: [FunctionType.of('shop/click'), FunctionType.of('shop/audit')],
    });
    expect(doc(t.app, KIND, 'shop/clicks')).toEqual({
      id: 'shop/clicks',
      streamArn: ARN,
      awsRegion: { type: 'custom-endpoint', endpoint: 'http://localstack.shop.svc:4566', id: 'eu-west-1' },
      awsCredentials: { type: 'profile', profileName: 'statefun', profilePath: '/opt/flink/.aws/credentials' },
      startupPosition: { type: 'date', date: '2026-04-23 00:00:00.000 +0000' },
      clientConfigProperties: [{ 'source.efo.consumer.name': 'shop' }, { 'source.reader.type': 'EFO' }],
      streams: [{ stream: 'clicks', valueType: 'shop/Click', targets: ['shop/click', 'shop/audit'] }],
    });
  });

  test.each([
    [KinesisStartupPosition.latest(), { type: 'latest' }],
    [KinesisStartupPosition.earliest(), { type: 'earliest' }],
    [KinesisStartupPosition.date(new Date(Date.UTC(2026, 3, 23, 1, 2, 3, 4))), { type: 'date', date: '2026-04-23 01:02:03.004 +0000' }],
  ])('startup position %#', (position, rendered) => {
    const t = withFunctions();
    ingress(t, { startupPosition: position });
    expect(doc(t.app, KIND, 'shop/clicks').startupPosition).toEqual(rendered);
  });

  test.each([
    [AwsRegion.defaultProviderChain(), { type: 'default' }],
    [AwsRegion.specific('eu-west-1'), { type: 'specific', id: 'eu-west-1' }],
  ])('region %#', (region, rendered) => {
    const t = withFunctions();
    ingress(t, { region });
    expect(doc(t.app, KIND, 'shop/clicks').awsRegion).toEqual(rendered);
  });

  test('credentials from a Secret: env vars on the Flink pods, type default in the module, no key in any ConfigMap', () => {
    const t = withFunctions();
    const secret = Secret.fromSecretName(t.chart, 'keys', 'kinesis-keys');
    ingress(t, { credentials: AwsCredentials.fromSecret(secret, { accessKeyIdKey: 'id', secretAccessKeyKey: 'secret', sessionTokenKey: 'token' }) });
    const manifests = synthValid(t.chart);
    expect(doc(t.app, KIND, 'shop/clicks').awsCredentials).toEqual({ type: 'default' });
    const env = manifests.find((m) => m.kind === 'FlinkDeployment').spec.podTemplate.spec.containers[0].env;
    expect(env).toEqual(expect.arrayContaining([
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'kinesis-keys', key: 'id' } } },
      { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'kinesis-keys', key: 'secret' } } },
      { name: 'AWS_SESSION_TOKEN', valueFrom: { secretKeyRef: { name: 'kinesis-keys', key: 'token' } } },
    ]));
    expect(moduleFromManifests(manifests)).not.toMatch(/accessKeyId|secretAccessKey|kinesis-keys/);
  });

  test('basic keys only with a local emulator endpoint, under the opt-in name', () => {
    const t = withFunctions();
    ingress(t, { region: AwsRegion.customEndpoint('http://localstack:4566', 'eu-west-1'), credentials: AwsCredentials.basicForLocalEmulatorOnly('test', 'test') });
    expect(doc(t.app, KIND, 'shop/clicks').awsCredentials).toEqual({ type: 'basic', accessKeyId: 'test', secretAccessKey: 'test' });
    const real = withFunctions();
    expect(() => ingress(real, { credentials: AwsCredentials.basicForLocalEmulatorOnly('AKIA...', 'x') }))
      .toThrow(/\[test\/clicks\] credentials = "basicForLocalEmulatorOnly": plaintext keys would be written into the module ConfigMap.*\(the region here is specific\).*Fix: put the keys in a Kubernetes Secret and use AwsCredentials.fromSecret\(secret\)/);
  });

  test('keys from a Secret next to an IRSA checkpoint store are refused at synth (env vars shadow IRSA)', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
    const store = CheckpointStore.s3(chart, 'store', { bucket: 'b-1', region: 'eu-west-1', irsaRoleArn: 'arn:aws:iam::123456789012:role/sf' });
    const t: TestApp = { chart, app: new StateFunApp(chart, 'sf', { checkpointStore: store }) };
    functions(t.chart, t.app);
    ingress(t, { credentials: AwsCredentials.fromSecret(Secret.fromSecretName(t.chart, 'keys', 'k')) });
    expect(() => synthValid(t.chart)).toThrow(/\[test\/clicks\] credentials = "k": the checkpoint store authenticates through IRSA \(arn:aws:iam::123456789012:role\/sf\), but AWS_ACCESS_KEY_ID on the Flink pods comes first/);
    const ok: TestApp = (() => {
      const c = new Chart(Testing.app(), 'test', { namespace: 'shop' });
      const s = CheckpointStore.s3(c, 'store', { bucket: 'b-1', region: 'eu-west-1', irsaRoleArn: 'arn:aws:iam::123456789012:role/sf' });
      return { chart: c, app: new StateFunApp(c, 'sf', { checkpointStore: s }) };
    })();
    functions(ok.chart, ok.app);
    ingress(ok, { credentials: AwsCredentials.defaultProviderChain() });
    synthValid(ok.chart);
  });

  test('two components taking one variable from different Secrets are refused', () => {
    const t = withFunctions();
    ingress(t, { credentials: AwsCredentials.fromSecret(Secret.fromSecretName(t.chart, 'a', 'keys-a')) });
    expect(() => ingress(t, { ingressId: 'shop/other', credentials: AwsCredentials.fromSecret(Secret.fromSecretName(t.chart, 'b', 'keys-b')) }, 'other'))
      .toThrow(/\[test\/other\] credentials \(AWS_ACCESS_KEY_ID\) = "keys-b\/AWS_ACCESS_KEY_ID": test\/clicks already sets AWS_ACCESS_KEY_ID from keys-a\/AWS_ACCESS_KEY_ID/);
    // The same Secret for several components is fine.
    const ok = withFunctions();
    const keys = Secret.fromSecretName(ok.chart, 'keys', 'keys');
    ingress(ok, { credentials: AwsCredentials.fromSecret(keys) });
    ingress(ok, { ingressId: 'shop/other', credentials: AwsCredentials.fromSecret(keys) }, 'other');
    synthValid(ok.chart);
  });

  test.each<[string, Partial<KinesisIngressProps>, RegExp]>([
    ['stream name instead of ARN', { streamArn: 'shop-clicks' }, /\[test\/clicks\] streamArn = "shop-clicks": the Flink 2.x Kinesis source reads a stream by ARN.*Fix: write the full ARN, e.g. 'arn:aws:kinesis:us-east-1:123456789012:stream\/shop-clicks'/],
    ['malformed ARN', { streamArn: 'arn:aws:kinesis:eu-west-1:123:stream/x' }, /streamArn = "arn:aws:kinesis:eu-west-1:123:stream\/x": the Flink 2.x Kinesis source reads a stream by ARN/],
    ['region differs from ARN', { region: AwsRegion.specific('us-east-1') }, /region.regionId = "us-east-1": the stream ARN is in eu-west-1.*Fix: use 'eu-west-1'/],
    ['bad region id', { region: AwsRegion.specific('Europe') }, /region.regionId = "Europe": not an AWS region code/],
    ['bad endpoint', { region: AwsRegion.customEndpoint('localstack:4566', 'eu-west-1') }, /region.endpoint = "localstack:4566": a custom endpoint is an http:\/\/ or https:\/\/ URL/],
    ['empty profile', { credentials: AwsCredentials.profile('') }, /credentials.profileName = "": a profile name is required/],
    ['relative profile path', { credentials: AwsCredentials.profile('p', '.aws/credentials') }, /credentials.profilePath = ".aws\/credentials": the credentials file is read inside the Flink pods/],
    ['aws.region property', { clientConfigProperties: { 'aws.region': 'eu-west-1' } }, /clientConfigProperties\['aws.region'\] = "eu-west-1": region sets this/],
    ['credential property', { clientConfigProperties: { 'aws.credentials.provider.basic.secretkey': 'x' } }, /clientConfigProperties\['aws.credentials.provider.basic.secretkey'\] = "x": credentials sets this.*never plaintext keys in properties/],
    ['bad date', { startupPosition: KinesisStartupPosition.date(new Date(NaN)) }, /startupPosition.date = "Invalid Date": not a valid Date/],
    ['value type string', { valueType: 'shop/Click' as any }, /valueType = "shop\/Click": value types are ValueType objects/],
    ['no targets', { targets: [] }, /targets = \[\]: records without targets are read and dropped/],
    ['display name', { streamName: 'a b' }, /streamName = "a b": a Kinesis stream name is 1-128 characters/],
  ])('refused: %s', (_n, overrides, message) => {
    expect(() => ingress(withFunctions(), overrides)).toThrow(message);
  });

  test('routing: a target no endpoint serves is refused at synth', () => {
    const t = withFunctions();
    ingress(t, { targets: [FunctionType.of('billing/click')] });
    expect(() => synthValid(t.chart)).toThrow(/\[test\/clicks\] targets\[0\] = "billing\/click": no endpoint of app 'sf' serves this function type/);
  });
});
