import {
  FunctionType, InvalidRecordHandling, InvalidRecordLogLevel, KafkaAutoOffsetReset, KafkaIngress, KafkaIngressProps,
  KafkaStartupPosition, StateFunImage, ValueType,
} from '../lib';
import { doc, functions, newApp, synthValid, TestApp } from './fixtures/modules/harness';

const KIND = 'io.statefun.kafka.v1/ingress';

function ingress(t: TestApp, overrides: Partial<KafkaIngressProps> = {}, id = 'orders'): KafkaIngress {
  return new KafkaIngress(t.chart, id, {
    app: t.app,
    ingressId: 'shop/orders',
    address: 'kafka.shop.svc:9092',
    consumerGroupId: 'shop-statefun',
    topics: [{ topic: 'shop.orders', valueType: ValueType.of('shop/Order'), targets: [FunctionType.of('shop/order')] }],
    ...overrides,
  });
}

function withFunctions(props: any = {}): TestApp {
  const t = newApp(props);
  functions(t.chart, t.app);
  return t;
}

describe('Kafka ingress', () => {
  test('minimal: startup latest and auto-offset-reset latest are written explicitly', () => {
    const t = withFunctions();
    ingress(t);
    expect(doc(t.app, KIND, 'shop/orders')).toEqual({
      id: 'shop/orders',
      address: 'kafka.shop.svc:9092',
      consumerGroupId: 'shop-statefun',
      startupPosition: { type: 'latest' },
      autoOffsetResetPosition: 'latest',
      topics: [{ topic: 'shop.orders', valueType: 'shop/Order', targets: ['shop/order'] }],
    });
    synthValid(t.chart);
  });

  test('every option, with per-topic overrides of forwardHeaders and invalidRecordHandling', () => {
    const t = withFunctions();
    ingress(t, {
      address: 'k0.shop.svc:9092,k1.shop.svc:9093',
      startupPosition: KafkaStartupPosition.groupOffsets(),
      autoOffsetReset: KafkaAutoOffsetReset.EARLIEST,
      properties: { 'max.poll.records': '2000', 'isolation.level': 'read_committed' },
      forwardHeaders: true,
      invalidRecordHandling: InvalidRecordHandling.fail(),
      topics: [
        { topic: 'a', valueType: ValueType.STRING, targets: [FunctionType.of('shop/a'), FunctionType.of('shop/b')] },
        { topic: 'b', valueType: ValueType.of('shop/B'), targets: [FunctionType.of('shop/b')], forwardHeaders: false, invalidRecordHandling: InvalidRecordHandling.skip(InvalidRecordLogLevel.ERROR) },
        { topic: 'c', valueType: ValueType.of('shop/C'), targets: [FunctionType.of('shop/c')], invalidRecordHandling: InvalidRecordHandling.skip() },
      ],
    });
    expect(doc(t.app, KIND, 'shop/orders')).toEqual({
      id: 'shop/orders',
      address: 'k0.shop.svc:9092,k1.shop.svc:9093',
      consumerGroupId: 'shop-statefun',
      startupPosition: { type: 'group-offsets' },
      autoOffsetResetPosition: 'earliest',
      forwardHeaders: true,
      invalidRecordHandling: { type: 'fail' },
      properties: [{ 'isolation.level': 'read_committed' }, { 'max.poll.records': '2000' }],
      topics: [
        { topic: 'a', valueType: 'io.statefun.types/string', targets: ['shop/a', 'shop/b'] },
        { topic: 'b', valueType: 'shop/B', targets: ['shop/b'], forwardHeaders: false, invalidRecordHandling: { type: 'skip', logLevel: 'error' } },
        { topic: 'c', valueType: 'shop/C', targets: ['shop/c'], invalidRecordHandling: { type: 'skip' } },
      ],
    });
    synthValid(t.chart, '1.15');
  });

  test.each([
    [KafkaStartupPosition.latest(), { type: 'latest' }],
    [KafkaStartupPosition.earliest(), { type: 'earliest' }],
    [KafkaStartupPosition.groupOffsets(), { type: 'group-offsets' }],
    [KafkaStartupPosition.specificOffsets([{ topic: 'shop.orders', partition: 0, offset: 42 }, { topic: 'shop.orders', partition: 3, offset: 0 }]),
      { type: 'specific-offsets', offsets: [{ 'shop.orders/0': 42 }, { 'shop.orders/3': 0 }] }],
    // The runtime's pattern, in UTC, whatever offset the Date was written with.
    [KafkaStartupPosition.date(new Date('2026-04-23T12:34:56.789+02:00')), { type: 'date', date: '2026-04-23 10:34:56.789 +0000' }],
  ])('startup position %#', (position, rendered) => {
    const t = withFunctions();
    ingress(t, { startupPosition: position });
    expect(doc(t.app, KIND, 'shop/orders').startupPosition).toEqual(rendered);
  });

  test('startup date text never is ISO-8601', () => {
    const t = withFunctions();
    ingress(t, { startupPosition: KafkaStartupPosition.date(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6))) });
    expect(t.app.renderModule()).toContain('date: 2026-01-02 03:04:05.006 +0000');
  });

  describe('refused at construction, with construct path, value and fix', () => {
    test.each<[string, Partial<KafkaIngressProps>, RegExp]>([
      ['ingressId', { ingressId: 'orders' }, /\[test\/orders\] ingressId = "orders": an ingress id must be a TypeName <namespace>\/<name>/],
      ['address with scheme', { address: 'kafka://k:9092' }, /address = "kafka:\/\/k:9092": 'kafka:\/\/k:9092' is not host:port .* Fix: write 'host:port'/],
      ['address missing', { address: '' }, /address = "": the brokers are required/],
      ['consumer group', { consumerGroupId: ' ' }, /consumerGroupId = " ": the consumer group is required/],
      ['no topics', { topics: [] }, /topics = \[\]: an ingress without topics reads nothing/],
      ['duplicate topic', {
        topics: [
          { topic: 't', valueType: ValueType.of('a/b'), targets: [FunctionType.of('shop/x')] },
          { topic: 't', valueType: ValueType.of('a/b'), targets: [FunctionType.of('shop/y')] },
        ],
      }, /topics\[1\].topic = "t": the topic is listed twice/],
      ['topic name', { topics: [{ topic: 'bad topic', valueType: ValueType.of('a/b'), targets: [FunctionType.of('shop/x')] }] }, /topics\[0\].topic = "bad topic": Kafka topic names contain only ASCII alphanumerics/],
      ['value type string', { topics: [{ topic: 't', valueType: 'shop/T' as any, targets: [FunctionType.of('shop/x')] }] }, /topics\[0\].valueType = "shop\/T": value types are ValueType objects.*Fix: write ValueType.of\('shop\/T'\)/],
      ['value type format', { topics: [{ topic: 't', valueType: ValueType.of('Order'), targets: [FunctionType.of('shop/x')] }] }, /topics\[0\].valueType = "Order": a value type must be a TypeName/],
      ['target string', { topics: [{ topic: 't', valueType: ValueType.of('a/b'), targets: ['shop/x' as any] }] }, /topics\[0\].targets\[0\] = "shop\/x": targets are function types, not strings/],
      ['wildcard target', { topics: [{ topic: 't', valueType: ValueType.of('a/b'), targets: [FunctionType.of('shop/*')] }] }, /topics\[0\].targets\[0\] = "shop\/\*": a function type names one concrete type/],
      ['no targets', { topics: [{ topic: 't', valueType: ValueType.of('a/b'), targets: [] }] }, /topics\[0\].targets = \[\]: records without targets are read and dropped/],
      ['duplicate target', { topics: [{ topic: 't', valueType: ValueType.of('a/b'), targets: [FunctionType.of('shop/x'), FunctionType.of('shop/x')] }] }, /topics\[0\].targets\[1\] = "shop\/x": the same target is listed twice/],
      ['bootstrap.servers property', { properties: { 'bootstrap.servers': 'k:9092' } }, /properties\['bootstrap.servers'\] = "k:9092": address sets this.*Fix: set address instead/],
      ['group.id property', { properties: { 'group.id': 'g' } }, /properties\['group.id'\] = "g": consumerGroupId sets this/],
      ['auto.offset.reset property', { properties: { 'auto.offset.reset': 'earliest' } }, /properties\['auto.offset.reset'\] = "earliest": autoOffsetReset \(always written, default latest\) sets this/],
      ['property value type', { properties: { 'max.poll.records': 500 as any } }, /properties\['max.poll.records'\] = 500: property values are strings/],
      ['offsets of another topic', { startupPosition: KafkaStartupPosition.specificOffsets([{ topic: 'other', partition: 0, offset: 1 }]) }, /startupPosition.offsets\[0\].topic = "other": the ingress does not read this topic/],
      ['negative offset', { startupPosition: KafkaStartupPosition.specificOffsets([{ topic: 'shop.orders', partition: 0, offset: -1 }]) }, /startupPosition.offsets\[0\].offset = -1: offsets are whole numbers ≥ 0/],
      ['negative partition', { startupPosition: KafkaStartupPosition.specificOffsets([{ topic: 'shop.orders', partition: -1, offset: 1 }]) }, /startupPosition.offsets\[0\].partition = -1: partitions are numbered from 0/],
      ['same partition twice', { startupPosition: KafkaStartupPosition.specificOffsets([{ topic: 'shop.orders', partition: 1, offset: 1 }, { topic: 'shop.orders', partition: 1, offset: 2 }]) }, /startupPosition.offsets\[1\] = "shop.orders\/1": the same partition is listed twice/],
      ['no offsets', { startupPosition: KafkaStartupPosition.specificOffsets([]) }, /startupPosition.offsets = \[\]: specific-offsets without any offset/],
      ['invalid date', { startupPosition: KafkaStartupPosition.date(new Date('nope')) }, /startupPosition.date = "Invalid Date": not a valid Date/],
      ['date before 1970', { startupPosition: KafkaStartupPosition.date(new Date('1960-01-01T00:00:00Z')) }, /startupPosition.date = "1960-01-01T00:00:00.000Z": a startup date is a point in a stream's retention/],
      ['auto offset reset', { autoOffsetReset: 'none' as any }, /autoOffsetReset = "none": the runtime accepts earliest, latest/],
    ])('%s', (_name, overrides, message) => {
      const t = withFunctions();
      expect(() => ingress(t, overrides)).toThrow(message);
    });

    test('log level (refused by the factory, before any construct sees it)', () => {
      expect(() => InvalidRecordHandling.skip('loud' as any)).toThrow(
        'InvalidRecordHandling.skip: logLevel = "loud": not an InvalidRecordLogLevel value (valid: "debug", "info", "warn", "error"). '
        + 'Fix: use InvalidRecordLogLevel.DEBUG, InvalidRecordLogLevel.INFO, InvalidRecordLogLevel.WARN or InvalidRecordLogLevel.ERROR');
    });
  });

  describe('feature gates on the image tag (synth)', () => {
    test('forwardHeaders needs KZM-3.4', () => {
      const t = withFunctions({ image: StateFunImage.kzmlabs('3.4.0-KZM-3.3') });
      ingress(t, { forwardHeaders: true });
      expect(() => synthValid(t.chart)).toThrow(/\[test\/orders\] forwardHeaders = "3.4.0-KZM-3.3": forwardHeaders exists from KZM-3.4 on; the app's image ghcr.io\/kzmlabs\/flink-statefun:3.4.0-KZM-3.3 is older.*Fix: upgrade the app's image to KZM-3.4 or newer/);
    });

    test('a per-topic forwardHeaders override is gated too; false is what old runtimes do anyway', () => {
      const t = withFunctions({ image: StateFunImage.kzmlabs('3.4.0-KZM-3.3') });
      ingress(t, { topics: [{ topic: 't', valueType: ValueType.of('a/b'), targets: [FunctionType.of('shop/x')], forwardHeaders: true }] });
      expect(() => synthValid(t.chart)).toThrow(/forwardHeaders exists from KZM-3.4 on/);
      const ok = withFunctions({ image: StateFunImage.kzmlabs('3.4.0-KZM-3.3') });
      ingress(ok, { forwardHeaders: false });
      synthValid(ok.chart);
    });

    test('invalidRecordHandling needs KZM-3.5, at ingress or topic level, even skip', () => {
      const t = withFunctions({ image: StateFunImage.kzmlabs('3.4.0-KZM-3.4') });
      ingress(t, { topics: [{ topic: 't', valueType: ValueType.of('a/b'), targets: [FunctionType.of('shop/x')], invalidRecordHandling: InvalidRecordHandling.skip() }] });
      expect(() => synthValid(t.chart)).toThrow(/invalidRecordHandling = "3.4.0-KZM-3.4": invalidRecordHandling exists from KZM-3.5 on/);
      const ok = withFunctions({ image: StateFunImage.kzmlabs('3.4.0-KZM-3.4') });
      ingress(ok, { forwardHeaders: true });
      synthValid(ok.chart);
    });
  });
});
