import { Chart, Duration, Size, Testing } from 'cdk8s';
import { ConfigMap, Secret } from 'cdk8s-plus-27';
import { EndpointTransport, HttpEndpoint, PodFile } from '../lib';
import { doc, newApp } from './fixtures/modules/harness';

function render(transport: EndpointTransport): any {
  const { chart, app } = newApp();
  new HttpEndpoint(chart, 'ext', { app, functions: 'x/*', url: 'https://x.example.com/statefun', transport });
  return doc(app, 'io.statefun.endpoints.v2/http', 'x/*').transport;
}

function problems(transport: EndpointTransport): string {
  return transport._problems('transport').map((p) => `${p.field}: ${p.why} / ${p.fix}`).join('\n');
}

describe('async transport', () => {
  test('defaults: explicit type and one nested timeouts block (1min / 10s)', () => {
    expect(render(EndpointTransport.async())).toEqual({ type: 'io.statefun.transports.v1/async', timeouts: { call: '1min', connect: '10s' } });
  });

  test('every option, as the runtime\'s snake_case properties', () => {
    expect(render(EndpointTransport.async({
      callTimeout: Duration.seconds(90),
      connectTimeout: Duration.millis(2500),
      poolTtl: Duration.seconds(0),
      poolSize: 64,
      payloadMaxSize: Size.mebibytes(8),
      trustCaCerts: PodFile.classpath('ca.pem'),
      clientCert: PodFile.atPath('/tls/client.pem'),
      clientKey: PodFile.fromSecret(Secret.fromSecretName(new Chart(Testing.app(), 'c'), 'tls', 'fn-tls'), 'client.key'),
      clientKeyPasswordFile: PodFile.fromConfigMap(ConfigMap.fromConfigMapName(new Chart(Testing.app(), 'c'), 'pw', 'fn-pw'), 'password'),
    }))).toEqual({
      type: 'io.statefun.transports.v1/async',
      timeouts: { call: '90s', connect: '2500ms' },
      pool_ttl: '0ms',
      pool_size: 64,
      payload_max_bytes: 8388608,
      trust_cacerts: 'classpath:ca.pem',
      client_cert: '/tls/client.pem',
      client_key: '/opt/flink-secrets/fn-tls/client.key',
      client_key_password: '/opt/flink-configmaps/fn-pw/password',
    });
  });

  test('zero and fractional-millisecond timeouts are refused; a zero pool TTL is fine', () => {
    expect(problems(EndpointTransport.async({ callTimeout: Duration.seconds(0) }))).toMatch(/transport.callTimeout: the runtime refuses zero/);
    expect(problems(EndpointTransport.async({ connectTimeout: Duration.millis(0.5) }))).toMatch(/transport.connectTimeout: the runtime refuses zero and reads whole milliseconds only/);
    expect(problems(EndpointTransport.async({ poolTtl: Duration.seconds(0) }))).toBe('');
  });

  test('pool size, payload limit (Java ints) and mutual TLS pairs', () => {
    expect(problems(EndpointTransport.async({ poolSize: 0 }))).toMatch(/transport.poolSize: the connection pool size is a Java int of at least one connection/);
    expect(problems(EndpointTransport.async({ payloadMaxSize: Size.gibibytes(2) }))).toMatch(/transport.payloadMaxSize: payload_max_bytes is a Java int/);
    expect(problems(EndpointTransport.async({ clientCert: PodFile.atPath('/tls/c.pem') }))).toMatch(/transport.clientKey: mutual TLS needs both the client certificate and its key/);
    expect(problems(EndpointTransport.async({ clientKeyPasswordFile: PodFile.atPath('/tls/p') }))).toMatch(/transport.clientKeyPasswordFile: a key password without a client key is never read/);
    expect(problems(EndpointTransport.async({ trustCaCerts: PodFile.atPath('certs/ca.pem') }))).toMatch(/transport.trustCaCerts: the file is read inside the Flink pods, so it must be an absolute path/);
    expect(problems(EndpointTransport.async({ trustCaCerts: '/etc/ca.pem' as any }))).toMatch(/transport.trustCaCerts: the file is read inside the Flink pods and named by reference/);
  });
});

describe('okhttp transport', () => {
  test('defaults: call 1min, connect/read/write 10s', () => {
    expect(render(EndpointTransport.okhttp())).toEqual({
      type: 'io.statefun.transports.v1/okhttp',
      timeouts: { call: '1min', connect: '10s', read: '10s', write: '10s' },
    });
  });

  test('every timeout', () => {
    expect(render(EndpointTransport.okhttp({
      callTimeout: Duration.minutes(2), connectTimeout: Duration.seconds(3), readTimeout: Duration.seconds(40), writeTimeout: Duration.seconds(50),
    })).timeouts)
      .toEqual({ call: '2min', connect: '3s', read: '40s', write: '50s' });
  });

  test.each(['connectTimeout', 'readTimeout', 'writeTimeout'])('%s larger than the call timeout is refused', (name) => {
    expect(problems(EndpointTransport.okhttp({ callTimeout: Duration.seconds(5), [name]: Duration.seconds(6) } as any)))
      .toMatch(new RegExp(`transport.${name}: the OkHttp transport refuses a .* timeout larger than the call timeout \\(5s\\).* / lower ${name} or raise callTimeout to at least Duration.seconds\\(6\\)`));
  });

  test('a short call timeout also catches the 10s defaults of the others', () => {
    const text = problems(EndpointTransport.okhttp({ callTimeout: Duration.seconds(2) }));
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toMatch(/transport.connectTimeout: .*\(2s\)/);
  });
});
