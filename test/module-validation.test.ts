import { Duration } from 'cdk8s';
import {
  AwsRegion, FunctionType, HttpEndpoint, KafkaDeliverySemantic, KafkaEgress, KafkaIngress, KinesisEgress, KinesisIngress, ValueType,
} from '../lib';
import { functions, newApp, synthValid, TestApp } from './fixtures/modules/harness';

function kafkaIn(t: TestApp, cid: string, id: string, target = 'shop/order'): KafkaIngress {
  return new KafkaIngress(t.chart, cid, { app: t.app, ingressId: id, address: 'kafka:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.of('shop/T'), targets: [FunctionType.of(target)] }] });
}

describe('module validation at synth (construct path, value, fix)', () => {
  test('at least one ingress', () => {
    const t = newApp();
    functions(t.chart, t.app);
    expect(() => synthValid(t.chart)).toThrow(/\[test\/sf\] module = "1 endpoint\(s\), 0 ingress\(es\)": StateFun refuses to start without an ingress \("There are no ingress defined."\). Fix: add an ingress/);
  });

  test('at least one endpoint', () => {
    const t = newApp();
    kafkaIn(t, 'in', 'shop/in');
    expect(() => synthValid(t.chart)).toThrow(/\[test\/sf\] module = "0 endpoint\(s\), 1 ingress\(es\)": StateFun refuses to start without a function endpoint/);
  });

  test('duplicate ingress ids, across kinds', () => {
    const t = newApp();
    functions(t.chart, t.app);
    kafkaIn(t, 'a', 'shop/in');
    new KinesisIngress(t.chart, 'b', { app: t.app, ingressId: 'shop/in', streamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/s', valueType: ValueType.STRING, targets: [FunctionType.of('shop/x')] });
    expect(() => synthValid(t.chart)).toThrow(/\[test\/b\] ingressId = "shop\/in": the ingress id is already used by test\/a; StateFun fails at startup \("A binding for the key ... was previously defined"\). Fix: give every ingress of the app a unique id/);
  });

  test('duplicate egress ids, across kinds', () => {
    const t = newApp();
    functions(t.chart, t.app);
    kafkaIn(t, 'in', 'shop/in');
    new KafkaEgress(t.chart, 'a', { app: t.app, egressId: 'shop/out', address: 'kafka:9092' });
    new KinesisEgress(t.chart, 'b', { app: t.app, egressId: 'shop/out', streamName: 's', region: AwsRegion.specific('eu-central-1') });
    expect(() => synthValid(t.chart)).toThrow(/\[test\/b\] egressId = "shop\/out": the egress id is already used by test\/a/);
  });

  test('an ingress and an egress may share an id (separate registries)', () => {
    const t = newApp();
    functions(t.chart, t.app);
    kafkaIn(t, 'in', 'shop/x');
    new KafkaEgress(t.chart, 'out', { app: t.app, egressId: 'shop/x', address: 'kafka:9092' });
    synthValid(t.chart);
  });

  test('duplicate endpoint pattern', () => {
    const t = newApp();
    functions(t.chart, t.app);
    kafkaIn(t, 'in', 'shop/in');
    new HttpEndpoint(t.chart, 'ext', { app: t.app, functions: 'shop/*', url: 'https://x.example.com/' });
    expect(() => synthValid(t.chart)).toThrow(/\[test\/ext\] functions = "shop\/\*": already served by test\/fn\/Endpoint; StateFun fails at startup on a duplicate binding/);
  });

  test('overlapping endpoint patterns', () => {
    const t = newApp();
    functions(t.chart, t.app);
    kafkaIn(t, 'in', 'shop/in');
    new HttpEndpoint(t.chart, 'ext', { app: t.app, functions: 'shop/order', url: 'https://x.example.com/' });
    expect(() => synthValid(t.chart)).toThrow(/\[test\/ext\] functions = "shop\/order": overlaps 'shop\/\*' of test\/fn\/Endpoint: one function type would have two endpoints.*Fix: serve each function type from exactly one endpoint/);
  });

  test('every ingress target is served by some endpoint', () => {
    const t = newApp();
    functions(t.chart, t.app);
    kafkaIn(t, 'in', 'shop/in', 'shpo/order');
    expect(() => synthValid(t.chart)).toThrow(/\[test\/in\] topics\[0\].targets\[0\] = "shpo\/order": no endpoint of app 'sf' serves this function type, so the job would fail on the first message \(served: 'shop\/\*'\). Fix: route to a function type/);
  });

  test('all problems are reported together', () => {
    const t = newApp();
    kafkaIn(t, 'in', 'shop/in');
    new KafkaEgress(t.chart, 'out', { app: t.app, egressId: 'shop/out', address: 'kafka:9092', deliverySemantic: KafkaDeliverySemantic.exactlyOnce({ transactionTimeout: Duration.seconds(5) }) });
    let message = '';
    try {
      synthValid(t.chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/0 endpoint\(s\)/);
    expect(message).toMatch(/\[test\/in\] topics\[0\].targets\[0\] = "shop\/order": no endpoint/);
    expect(message).toMatch(/\[test\/out\] deliverySemantic = "exactly-once"/);
    expect(message).toMatch(/\[test\/out\] deliverySemantic.transactionTimeout = Duration\(5 seconds\)/);
  });

  test('a component needs a StateFunApp object', () => {
    const t = newApp();
    expect(() => kafkaIn({ chart: t.chart, app: 'sf' as any }, 'in', 'shop/in')).toThrow(/\[test\/in\] app = "sf": every module component belongs to a StateFunApp/);
  });
});
