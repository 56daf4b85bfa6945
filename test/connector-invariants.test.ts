/**
 * Start-time checks of the Kinesis connector bundled in the Kzmlabs image, decided at synth
 * (flink-runtime-facts.md §6, kafka-security.md §6), and the feature gates of every component.
 */
import { AwsRegion, FunctionType, KafkaIngress, KinesisEgress, KinesisIngress, KinesisIngressProps, StateFunFeature, StateFunImage, ValueType } from '../lib';
import { FEATURE_GATES } from '../lib/statefun-image';
import { functions, newApp, synthValid, TestApp } from './fixtures/modules/harness';

const ARN = 'arn:aws:kinesis:eu-west-1:123456789012:stream/shop-clicks';

function withFunctions(props: any = {}): TestApp {
  const t = newApp(props);
  functions(t.chart, t.app);
  return t;
}

function ingress(t: TestApp, overrides: Partial<KinesisIngressProps> = {}): KinesisIngress {
  return new KinesisIngress(t.chart, 'clicks', { app: t.app, ingressId: 'shop/clicks', streamArn: ARN, valueType: ValueType.of('shop/Click'), targets: [FunctionType.of('shop/click')], ...overrides });
}

const refused = (props: { [key: string]: string }) => {
  try {
    ingress(withFunctions(), { clientConfigProperties: props });
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
};

describe('Kinesis EFO (flink-connector-aws StreamConsumerRegistrar)', () => {
  test('EFO without a consumer name is refused with the connector\'s message', () => {
    expect(refused({ 'source.reader.type': 'EFO' })).toBe(
      "[test/clicks] clientConfigProperties['source.efo.consumer.name'] = (not set): the EFO reader registers (or, SELF_MANAGED, looks up) a stream consumer by this name; without it the job fails at start (\"For EFO reader type, EFO consumer name must be specified.\", flink-connector-aws StreamConsumerRegistrar). Fix: add 'source.efo.consumer.name': a name unique per job and stream, e.g. '<app>-<ingress>'");
  });

  test('the reader type is matched case-insensitively, as Flink converts enums', () => {
    expect(refused({ 'source.reader.type': 'efo' })).toContain("clientConfigProperties['source.efo.consumer.name'] = (not set)");
  });

  test('an empty or malformed consumer name is refused', () => {
    expect(refused({ 'source.reader.type': 'EFO', 'source.efo.consumer.name': '' })).toBe(
      "[test/clicks] clientConfigProperties['source.efo.consumer.name'] = \"\": the job fails at start (\"For EFO reader type, EFO consumer name cannot be empty.\", flink-connector-aws StreamConsumerRegistrar). Fix: give a name, e.g. '<app>-<ingress>'");
    expect(refused({ 'source.reader.type': 'EFO', 'source.efo.consumer.name': 'shop clicks' })).toBe(
      "[test/clicks] clientConfigProperties['source.efo.consumer.name'] = \"shop clicks\": Kinesis consumer names are 1-128 characters of [a-zA-Z0-9_.-]; RegisterStreamConsumer refuses others and the job fails at start. Fix: use e.g. 'shop-statefun-clicks'");
  });

  test('EFO with a name, and a self-managed lifecycle, are accepted', () => {
    const t = withFunctions();
    ingress(t, { clientConfigProperties: { 'source.reader.type': 'EFO', 'source.efo.consumer.name': 'shop-clicks', 'source.efo.lifecycle': 'self_managed' } });
    expect(() => synthValid(t.chart)).not.toThrow();
  });

  test.each<[string, { [key: string]: string }, string]>([
    ['unknown reader type', { 'source.reader.type': 'FANOUT' },
      "[test/clicks] clientConfigProperties['source.reader.type'] = \"FANOUT\": the source reads it as an enum of POLLING, EFO; the job fails at start (\"Could not parse value 'FANOUT' for key 'source.reader.type'\"). Fix: write 'POLLING' (the default) or 'EFO' with source.efo.consumer.name"],
    ['unknown lifecycle', { 'source.reader.type': 'EFO', 'source.efo.consumer.name': 'c', 'source.efo.lifecycle': 'MANAGED' },
      "[test/clicks] clientConfigProperties['source.efo.lifecycle'] = \"MANAGED\": the source reads it as an enum of JOB_MANAGED, SELF_MANAGED; the job fails at start (\"Could not parse value 'MANAGED' for key 'source.efo.lifecycle'\"). Fix: write 'JOB_MANAGED' (the default: the job registers the consumer) or 'SELF_MANAGED' (the consumer must exist)"],
    ['an EFO option with the polling reader', { 'source.efo.consumer.name': 'c' },
      "[test/clicks] clientConfigProperties['source.efo.consumer.name'] = \"c\": EFO options apply only with source.reader.type EFO; the default polling reader ignores it silently. Fix: set 'source.reader.type': 'EFO' as well, or remove it"],
    ['a start position that would override startupPosition', { 'source.init.position': 'AT_TIMESTAMP' },
      "[test/clicks] clientConfigProperties['source.init.position'] = \"AT_TIMESTAMP\": startupPosition writes the start position, and a property would silently override it (clientConfigProperties are applied last). Fix: use startupPosition: KinesisStartupPosition.latest(), .earliest() or .date(date), and remove the property"],
  ])('%s', (_name, props, message) => {
    expect(refused(props)).toBe(message);
  });
});

describe('feature gates: one table for every component', () => {
  test('the table: Flink 2.x baseline KZM-2.0, Kinesis KZM-3.0, Kafka headers KZM-3.4, invalid-record handling KZM-3.5', () => {
    expect(Object.entries(FEATURE_GATES).map(([f, g]) => `${f} ${g.since.join('.')}`)).toEqual([
      'the Flink 2.x runtime 2.0',
      'io.statefun.kinesis.v1/ingress 3.0',
      'io.statefun.kinesis.v1/egress 3.0',
      'forwardHeaders 3.4',
      'invalidRecordHandling 3.5',
    ]);
    expect(StateFunImage.kzmlabs('3.4.0-KZM-3.0').supports(StateFunFeature.KINESIS_INGRESS)).toBe(true);
    expect(StateFunImage.kzmlabs('3.4.0-KZM-3.0-RC1').supports(StateFunFeature.KINESIS_EGRESS)).toBe(true);
    expect(StateFunImage.kzmlabs('3.4.0-KZM-2.0').supports(StateFunFeature.KINESIS_INGRESS)).toBe(false);
  });

  test('a 3.4.0-KZM-2.0 image with a Kinesis ingress and egress is refused (no runtime binding)', () => {
    const t = withFunctions({ image: StateFunImage.kzmlabs('3.4.0-KZM-2.0') });
    ingress(t);
    new KinesisEgress(t.chart, 'audit', { app: t.app, egressId: 'shop/audit', streamName: 'audit', region: AwsRegion.specific('eu-west-1') });
    expect(() => synthValid(t.chart)).toThrow(
      'Validation failed with the following errors:\n'
      + "  [test/clicks] kind = \"3.4.0-KZM-2.0\": io.statefun.kinesis.v1/ingress exists from KZM-3.0 on; the app's image ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-2.0 is older, and its runtime has no binding for Kinesis (the SDK jar shipped without one), so the module does not load. Fix: upgrade the app's image to KZM-3.0 or newer (e.g. StateFunImage.kzmlabs('3.4.0-KZM-3.5')) or remove the Kinesis ingress\n"
      + "  [test/audit] kind = \"3.4.0-KZM-2.0\": io.statefun.kinesis.v1/egress exists from KZM-3.0 on; the app's image ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-2.0 is older, and its runtime has no binding for Kinesis (the SDK jar shipped without one), so the module does not load. Fix: upgrade the app's image to KZM-3.0 or newer (e.g. StateFunImage.kzmlabs('3.4.0-KZM-3.5')) or remove the Kinesis egress");
  });

  test('Kafka works on KZM-2.0; a release before the Flink 2.x line is refused outright', () => {
    const t = withFunctions({ image: StateFunImage.kzmlabs('3.4.0-KZM-2.0') });
    new KafkaIngress(t.chart, 'in', { app: t.app, ingressId: 'shop/in', address: 'kafka:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.of('shop/T'), targets: [FunctionType.of('shop/click')] }] });
    expect(() => synthValid(t.chart)).not.toThrow();
    expect(() => newApp({ image: StateFunImage.kzmlabs('3.4.0-KZM-1.0') })).toThrow(
      "[test/sf] image (release) = \"3.4.0-KZM-1.0\": KZM-1.0 predates KZM-2.0, the first Kzmlabs release on Flink 2.x; it is not a Flink 2.2 / Java 21 runtime: the FlinkDeployment this library writes (Flink 2.x keys, flinkVersion) does not describe it. Fix: use a Flink 2.x release, e.g. StateFunImage.kzmlabs('3.4.0-KZM-3.5')");
  });
});
