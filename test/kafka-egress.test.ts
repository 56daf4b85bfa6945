import { Duration } from 'cdk8s';
import { FunctionType, KafkaIngress, ValueType, KafkaDeliverySemantic, KafkaEgress, KafkaEgressProps } from '../lib';
import { doc, functions, newApp, synthValid, TestApp } from './fixtures/modules/harness';

const KIND = 'io.statefun.kafka.v1/egress';

function app(props: any = {}): TestApp {
  const t = newApp(props);
  functions(t.chart, t.app);
  new KafkaIngress(t.chart, 'in', { app: t.app, ingressId: 'shop/in', address: 'kafka:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.of('shop/T'), targets: [FunctionType.of('shop/fn')] }] });
  return t;
}

function egress(t: TestApp, overrides: Partial<KafkaEgressProps> = {}): KafkaEgress {
  return new KafkaEgress(t.chart, 'out', { app: t.app, egressId: 'shop/out', address: 'kafka.shop.svc:9092', ...overrides });
}

const exactlyOnce = (timeout: Duration) =>
  KafkaDeliverySemantic.exactlyOnce({ transactionTimeout: timeout, acceptMissingTransactionalIdPrefix: true });

describe('Kafka egress', () => {
  test('default delivery is at-least-once, written explicitly', () => {
    const t = app();
    egress(t);
    expect(doc(t.app, KIND, 'shop/out')).toEqual({ id: 'shop/out', address: 'kafka.shop.svc:9092', deliverySemantic: { type: 'at-least-once' } });
    synthValid(t.chart);
  });

  test('none, and producer properties as sorted single-key maps', () => {
    const t = app();
    egress(t, { deliverySemantic: KafkaDeliverySemantic.none(), properties: { 'linger.ms': '20', 'acks': 'all' } });
    expect(doc(t.app, KIND, 'shop/out')).toEqual({
      id: 'shop/out',
      address: 'kafka.shop.svc:9092',
      deliverySemantic: { type: 'none' },
      properties: [{ acks: 'all' }, { 'linger.ms': '20' }],
    });
  });

  test('exactly-once writes transactionTimeout as a duration string, never transactionTimeoutMillis', () => {
    const t = app();
    egress(t, { deliverySemantic: exactlyOnce(Duration.minutes(1)) });
    expect(doc(t.app, KIND, 'shop/out').deliverySemantic).toEqual({ type: 'exactly-once', transactionTimeout: '1min' });
    expect(t.app.renderModule()).not.toContain('transactionTimeoutMillis');
    synthValid(t.chart, '1.15');
  });

  test('exactly-once without the opt-in is refused at synth (transactional-id-prefix gap)', () => {
    const t = app();
    egress(t, { deliverySemantic: KafkaDeliverySemantic.exactlyOnce({ transactionTimeout: Duration.minutes(1) }) });
    expect(() => synthValid(t.chart)).toThrow(/\[test\/out\] deliverySemantic = "exactly-once": the runtime's Kafka sink never sets a transactional id prefix .*Fix: use KafkaDeliverySemantic.atLeastOnce\(\) \(the default\), or opt in with acceptMissingTransactionalIdPrefix: true/);
  });

  test('the transaction timeout must outlast the checkpoint interval', () => {
    const t = app({ checkpointing: { interval: Duration.minutes(2) } });
    egress(t, { deliverySemantic: exactlyOnce(Duration.minutes(2)) });
    expect(() => synthValid(t.chart)).toThrow(/\[test\/out\] deliverySemantic.transactionTimeout = Duration\(2 minutes\): a transaction stays open until the next checkpoint completes, so it must outlast the app's checkpoint interval \(2min\).*Fix: use a timeout longer than Duration.minutes\(2\) \(e.g. Duration.minutes\(4\)\), or shorten checkpointing.interval/);
  });

  test('the default checkpoint interval (10s) counts too', () => {
    const t = app();
    egress(t, { deliverySemantic: exactlyOnce(Duration.seconds(10)) });
    expect(() => synthValid(t.chart)).toThrow(/outlast the app's checkpoint interval \(10s\)/);
    const ok = app();
    egress(ok, { deliverySemantic: exactlyOnce(Duration.seconds(11)) });
    synthValid(ok.chart);
  });

  test('at most 15 minutes (the brokers\' transaction.max.timeout.ms)', () => {
    const t = app();
    expect(() => egress(t, { deliverySemantic: exactlyOnce(Duration.minutes(16)) }))
      .toThrow(/\[test\/out\] deliverySemantic.transactionTimeout = Duration\(16 minutes\): Kafka brokers refuse a transaction timeout above transaction.max.timeout.ms \(15 minutes by default\).*Fix: use at most 15 minutes/);
    egress(app(), { deliverySemantic: exactlyOnce(Duration.minutes(15)) });
  });

  test.each<[string, Partial<KafkaEgressProps>, RegExp]>([
    ['egressId', { egressId: 'out' }, /\[test\/out\] egressId = "out": an egress id must be a TypeName/],
    ['address', { address: 'kafka' }, /address = "kafka": 'kafka' is not host:port/],
    ['zero timeout', { deliverySemantic: exactlyOnce(Duration.seconds(0)) }, /deliverySemantic.transactionTimeout = Duration\(0 seconds\): the runtime refuses zero/],
    ['bootstrap.servers property', { properties: { 'bootstrap.servers': 'k:1' } }, /properties\['bootstrap.servers'\] = "k:1": address sets this/],
    ['transaction.timeout.ms property', { properties: { 'transaction.timeout.ms': '60000' } }, /properties\['transaction.timeout.ms'\] = "60000": deliverySemantic sets this.*Fix: use KafkaDeliverySemantic.exactlyOnce\(\{ transactionTimeout \}\)/],
  ])('refused: %s', (_n, overrides, message) => {
    expect(() => egress(app(), overrides)).toThrow(message);
  });
});
