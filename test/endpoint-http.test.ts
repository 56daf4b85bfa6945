import { Duration } from 'cdk8s';
import { FunctionType, KafkaIngress, ValueType, EndpointTransport, HttpEndpoint, PodFile } from '../lib';
import { doc, functions, newApp, synthValid } from './fixtures/modules/harness';

const V2 = 'io.statefun.endpoints.v2/http';

describe('endpoints', () => {
  test('a RemoteFunction registers one endpoint per pattern with a URL derived from its Service', () => {
    const { chart, app } = newApp();
    functions(chart, app, ['shop/*', 'billing/invoice'], 'orders');
    expect(doc(app, V2, 'shop/*')).toEqual({
      functions: 'shop/*',
      urlPathTemplate: 'http://orders.shop.svc:8080/statefun',
      transport: { type: 'io.statefun.transports.v1/async', timeouts: { call: '1min', connect: '10s' } },
    });
    expect(doc(app, V2, 'billing/invoice').urlPathTemplate).toBe('http://orders.shop.svc:8080/statefun');
  });

  test('an HttpEndpoint names an external URL with the {function.name} placeholder and a batch limit', () => {
    const { chart, app } = newApp();
    new HttpEndpoint(chart, 'ext', { app, functions: 'fraud/*', url: 'https://fraud.example.com/fn/{function.name}', maxNumBatchRequests: 250 });
    functions(chart, app);
    expect(doc(app, V2, 'fraud/*')).toEqual({
      functions: 'fraud/*',
      urlPathTemplate: 'https://fraud.example.com/fn/{function.name}',
      maxNumBatchRequests: 250,
      transport: { type: 'io.statefun.transports.v1/async', timeouts: { call: '1min', connect: '10s' } },
    });
  });

  test('http+unix and https+unix URLs are accepted (UDS sockets)', () => {
    const { chart, app } = newApp();
    new HttpEndpoint(chart, 'uds', { app, functions: 'uds/*', url: 'http+unix:///var/run/fn.sock/statefun' });
    expect(doc(app, V2, 'uds/*').urlPathTemplate).toBe('http+unix:///var/run/fn.sock/statefun');
  });

  test.each([
    ['*/greeter', /functions = "\*\/greeter": only <namespace>\/<name> or <namespace>\/\* are supported/],
    ['shop/greet*', /functions = "shop\/greet\*": only <namespace>\/<name> or <namespace>\/\* are supported/],
    ['shop/a,shop/b', /functions = "shop\/a,shop\/b": an endpoint serves <namespace>\/<name> or <namespace>\/\*/],
    ['shop/', /functions = "shop\/": an endpoint serves/],
    ['a/b/c', /functions = "a\/b\/c": an endpoint serves/],
  ])('functions %s is refused with the construct path', (pattern, message) => {
    const { chart, app } = newApp();
    expect(() => new HttpEndpoint(chart, 'ext', { app, functions: pattern, url: 'https://x.example.com/statefun' }))
      .toThrow(new RegExp(`\\[test/ext\\] ${message.source}`));
  });

  test('URL: scheme, other placeholders and parsability are checked', () => {
    const { chart, app } = newApp();
    expect(() => new HttpEndpoint(chart, 'a', { app, functions: 'a/*', url: 'ftp://x.example.com/statefun' }))
      .toThrow(/\[test\/a\] url = "ftp:\/\/x.example.com\/statefun": StateFun calls endpoints over http, https, http\+unix or https\+unix/);
    expect(() => new HttpEndpoint(chart, 'b', { app, functions: 'b/*', url: 'https://x.example.com/{function.namespace}/{function.name}' }))
      .toThrow(/url = .*: the only placeholder StateFun substitutes is \{function.name\}.*Fix: remove the other placeholders/);
    expect(() => new HttpEndpoint(chart, 'c', { app, functions: 'c/*', url: 'functions.example.com/statefun' }))
      .toThrow(/url = "functions.example.com\/statefun": StateFun calls endpoints over/);
  });

  test.each([0, 1.5, 2_147_483_648])('maxNumBatchRequests %p is refused', (n) => {
    const { chart, app } = newApp();
    expect(() => new HttpEndpoint(chart, 'ext', { app, functions: 'x/*', url: 'https://x.example.com/', maxNumBatchRequests: n }))
      .toThrow(/maxNumBatchRequests = .*: at least one request must be allowed per address \(a Java int\). Fix: use a whole number ≥ 1 \(runtime default 1000\)/);
  });

  test('TLS settings on an http URL are refused (they would never be used)', () => {
    const { chart, app } = newApp();
    expect(() => new HttpEndpoint(chart, 'ext', {
      app,
      functions: 'x/*',
      url: 'http://x.example.com/statefun',
      transport: EndpointTransport.async({ trustCaCerts: PodFile.atPath('/etc/ca.pem') }),
    })).toThrow(/\[test\/ext\] transport = "http:\/\/x.example.com\/statefun": TLS settings .* apply to https URLs only.*Fix: use an https:\/\/ URL/);
  });

  test('transport problems carry the transport field path', () => {
    const { chart, app } = newApp();
    expect(() => new HttpEndpoint(chart, 'ext', {
      app,
      functions: 'x/*',
      url: 'https://x.example.com/',
      transport: EndpointTransport.okhttp({ callTimeout: Duration.seconds(5), readTimeout: Duration.seconds(6) }),
    })).toThrow(/\[test\/ext\] transport.readTimeout = Duration\(6 seconds\): the OkHttp transport refuses a read timeout larger than the call timeout \(5s\)/);
  });

  test('an app with endpoints of both kinds synthesizes valid manifests', () => {
    const { chart, app } = newApp();
    functions(chart, app);
    new HttpEndpoint(chart, 'ext', { app, functions: 'fraud/check', url: 'https://fraud.example.com/statefun' });
    new KafkaIngress(chart, 'in', { app, ingressId: 'shop/in', address: 'kafka:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.of('shop/T'), targets: [FunctionType.of('fraud/check')] }] });
    synthValid(chart);
    synthValid(chart, '1.15');
  });
});
