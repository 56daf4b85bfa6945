import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'cdk8s';
import { EndpointTransport, ModuleFormat, ModuleImport } from '../lib';
import { doc, errorOf, functions, moduleDocs, newApp, synthValid } from './fixtures/modules/harness';

const FIXTURES = path.join(__dirname, 'fixtures', 'modules');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** The problems of importing `text` (which must have some). */
function problems(text: string, options = {}): string {
  const imported = ModuleImport.parse(text, options);
  expect(imported.problems.length).toBeGreaterThan(0);
  return imported.problems.join('\n');
}

const ENDPOINT = 'kind: io.statefun.endpoints.v2/http\nspec:\n  functions: shop/*\n  urlPathTemplate: http://fn.shop:8080/statefun\n';

function kafkaIngress(extra: string, topicExtra = ''): string {
  return `kind: io.statefun.kafka.v1/ingress
spec:
  id: shop/orders
  address: kafka.shop:9092
  consumerGroupId: shop
${extra}
  topics:
    - topic: orders
      valueType: shop/Order
      targets: [shop/order]
${topicExtra}`;
}

function kinesisIngress(extra: string, streamExtra = ''): string {
  return `kind: io.statefun.kinesis.v1/ingress
spec:
  id: shop/clicks
  streamArn: arn:aws:kinesis:eu-west-1:123456789012:stream/clicks
${extra}
  streams:
    - stream: clicks
      valueType: shop/Click
      targets: [shop/click]
${streamExtra}`;
}

function endpoint(transport: string): string {
  return `kind: io.statefun.endpoints.v2/http\nspec:\n  functions: shop/*\n  urlPathTemplate: http://fn.shop:8080/statefun\n  transport:\n${transport}`;
}

describe('ModuleImport: multi-document format', () => {
  test('the release-gate module imports clean into typed components', () => {
    const imported = ModuleImport.fromYaml(fixture('release-gate.yaml'));
    expect(imported.format).toBe(ModuleFormat.MULTI_DOCUMENT);
    expect(imported.problems).toEqual([]);
    expect(imported.httpEndpoints.map((e) => e.functions)).toEqual(['counter.kafka/*', 'counter.kinesis/*']);
    expect(imported.httpEndpoints[0].transport!._callTimeout().toMilliseconds()).toBe(30_000);
    expect(imported.kafkaIngresses[0]).toMatchObject({ ingressId: 'counter.kafka/commands', address: 'kafka.statefun-e2e:9092', consumerGroupId: 'statefun-e2e-counter-kafka' });
    expect(imported.kafkaIngresses[0].startupPosition!.type).toBe('earliest');
    expect(imported.kafkaIngresses[0].topics[0].valueType.typeName).toBe('io.github.kzmlabs.statefun.e2e/CounterCommand');
    expect(imported.kafkaIngresses[0].topics[0].targets.map((t) => t.typeName)).toEqual(['counter.kafka/fn']);
    expect(imported.kafkaEgresses[0].deliverySemantic!.type).toBe('at-least-once');
    expect(imported.kinesisIngresses[0]).toMatchObject({ ingressId: 'counter.kinesis/commands', streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/counter.commands' });
    expect(imported.kinesisIngresses[0].streamName).toBeUndefined(); // same as the ARN's name
    expect(imported.kinesisIngresses[0].region!.type).toBe('custom-endpoint');
    expect(imported.kinesisIngresses[0].credentials!.type).toBe('basic');
    expect(imported.kinesisEgresses[0]).toMatchObject({ egressId: 'counter.kinesis/results', streamName: 'counter.results' });

    // The gate's LocalStack (emulator keys) lives in the app's own namespace.
    const t = newApp({}, 'statefun-e2e');
    // The gate's function Service is deployed by the gate's own manifests, not by this app.
    const created = imported.addTo(t.chart, t.app, { endpointsServedOutsideApp: true });
    expect(created.map((c) => c.node.id)).toEqual([
      'HttpEndpoint-counter.kafka.*', 'HttpEndpoint-counter.kinesis.*', 'KafkaIngress-counter.kafka.commands',
      'KafkaEgress-counter.kafka.results', 'KinesisIngress-counter.kinesis.commands', 'KinesisEgress-counter.kinesis.results',
    ]);
    // Durations come back in the library's spelling (30sec → 30s).
    expect(doc(t.app, 'io.statefun.endpoints.v2/http', 'counter.kafka/*').transport).toEqual({ type: 'io.statefun.transports.v1/async', timeouts: { call: '30s', connect: '10s' } });
    synthValid(t.chart);
  });

  test('addTo without endpoints, for functions that move to RemoteFunction', () => {
    const t = newApp({}, 'statefun-e2e');
    functions(t.chart, t.app, ['counter.kafka/*', 'counter.kinesis/*']);
    ModuleImport.fromYaml(fixture('release-gate.yaml')).addTo(t.chart, t.app, { endpoints: false });
    expect(moduleDocs(t.app).filter((d) => d.kind === 'io.statefun.endpoints.v2/http').map((d) => d.spec.urlPathTemplate))
      .toEqual(['http://fn.statefun-e2e.svc:8080/statefun', 'http://fn.statefun-e2e.svc:8080/statefun']);
    synthValid(t.chart);
  });

  test('fromFile reads a file', () => {
    expect(ModuleImport.fromFile(path.join(FIXTURES, 'release-gate.yaml')).kafkaEgresses).toHaveLength(1);
  });

  test('problems name the document, kind, id, field path, value, why and fix; fromYaml throws listing all', () => {
    const message = errorOf(() => ModuleImport.fromYaml(fixture('guide-mistakes.yaml')));
    expect(message).toMatch(/^module.yaml cannot be imported \(7 problems\):\n {2}document 2/);
    expect(message).toContain('  document 2 (io.statefun.kafka.v1/ingress \'shop/orders\'): spec.startupPosition.type = "at-timestamp": the parser accepts only latest, earliest, group-offsets, specific-offsets, date; the deployment guides\' at-timestamp with an ISO timestamp is not what the parser reads. Fix: write type: date with date: "2026-04-23 00:00:00.000 +0000"');
    expect(message).toContain('document 3 (io.statefun.kafka.v1/ingress \'shop/payments\'): spec.startupPosition.type = "groupOffsets": the parser accepts only latest, earliest, group-offsets, specific-offsets, date. Fix: write type: group-offsets');
    expect(message).toContain('document 4 (io.statefun.kafka.v1/egress \'shop/receipts\'): spec.deliverySemantic.transactionTimeoutMillis = "15min": the runtime reads transactionTimeoutMillis as a number (asLong), so a duration string becomes 0 ms and every transaction times out. Fix: write transactionTimeout: 15min instead');
    expect(message).toContain('document 5 (io.statefun.kinesis.v1/ingress \'shop/clicks\'): spec.awsCredentials.profile = "default": the parser reads profileName; profile is ignored and the runtime fails with a NullPointerException. Fix: rename it to profileName');
    expect(message).toContain('document 5 (io.statefun.kinesis.v1/ingress \'shop/clicks\'): spec.startupPosition.type = "trim-horizon": the parser accepts only latest, earliest, date. Fix: write type: earliest');
    expect(message).toContain('document 5 (io.statefun.kinesis.v1/ingress \'shop/clicks\'): spec.streams[0].streamArn = "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks": streamArn is read only at the top level of spec; inside streams it is ignored. Fix: move it to spec.streamArn: arn:aws:kinesis:eu-west-1:123456789012:stream/clicks');
    const parsed = ModuleImport.parse(fixture('guide-mistakes.yaml'));
    expect(parsed.problems).toHaveLength(7);
    const t = newApp();
    expect(() => parsed.addTo(t.chart, t.app)).toThrow(/module.yaml cannot be imported/);
  });
});

describe('ModuleImport: doc-vs-parser mistakes and unknown fields, each with what to write instead', () => {
  test.each<[string, string, RegExp]>([
    ['Kafka type: timestamp', kafkaIngress('  startupPosition:\n    type: timestamp\n    timestamp: 2026-04-23T10:00:00Z'),
      /spec.startupPosition.type = "timestamp": .* Fix: write type: date with date: "2026-04-23 10:00:00.000 \+0000"/],
    ['Kafka specificOffsets', kafkaIngress('  startupPosition:\n    type: specificOffsets\n    offsets:\n      - "orders/0": 1'), /spec.startupPosition.type = "specificOffsets": .* Fix: write type: specific-offsets/],
    ['Kafka ISO date', kafkaIngress('  startupPosition:\n    type: date\n    date: 2026-04-23T00:00:00.000Z'),
      /spec.startupPosition.date = "2026-04-23T00:00:00.000Z": the runtime parses exactly the pattern yyyy-MM-dd HH:mm:ss.SSS Z .*ISO-8601 is not accepted. Fix: write date: "2026-04-23 00:00:00.000 \+0000"/],
    ['Kafka date without fraction digits', kafkaIngress('  startupPosition:\n    type: date\n    date: "2026-04-23 01:00:00 +0100"'),
      /spec.startupPosition.date = "2026-04-23 01:00:00 \+0100": .* Fix: write date: "2026-04-23 00:00:00.000 \+0000"/],
    ['Kafka date with another type', kafkaIngress('  startupPosition:\n    type: latest\n    date: "2026-04-23 00:00:00.000 +0000"'), /spec.startupPosition.date = .*: date is read only with type: date; here it is ignored/],
    ['Kafka unknown position', kafkaIngress('  startupPosition:\n    type: LATEST'), /spec.startupPosition.type = "LATEST": the parser accepts only .* Fix: write type: latest \(lower case\)/],
    ['Kafka misspelled field', kafkaIngress('  consumerGroupID: other'), /spec.consumerGroupID = "other": unknown field: the runtime ignores it silently. Fix: did you mean 'consumerGroupId'\?/],
    ['Kafka unknown field', kafkaIngress('  pollTimeout: 5s'), /spec.pollTimeout = "5s": unknown field: the runtime ignores it silently. Fix: remove it \(known fields here: .*address/],
    ['Kafka groupId', kafkaIngress('  groupId: g'), /spec.groupId = "g": the group field is consumerGroupId; groupId is ignored. Fix: rename it to consumerGroupId/],
    ['Kafka autoOffsetReset', kafkaIngress('  autoOffsetReset: earliest'), /spec.autoOffsetReset = "earliest": the field is autoOffsetResetPosition/],
    ['Kafka bad autoOffsetResetPosition', kafkaIngress('  autoOffsetResetPosition: none'), /spec.autoOffsetResetPosition = "none": the runtime accepts earliest or latest/],
    ['Kafka both address and bootstrap.servers', kafkaIngress('  properties:\n    - bootstrap.servers: other:9092'), /spec.properties\['bootstrap.servers'\] = "other:9092": address sets this; a second value in properties would silently conflict with it/],
    ['Kafka invalidRecordHandling forward', kafkaIngress('  invalidRecordHandling:\n    type: forward'), /spec.invalidRecordHandling.type = "forward": forward \(dead-letter to a function\) was designed in ADR-0008 but never implemented; the runtime says "valid values are \[skip, fail\]"/],
    ['Kafka fail with logLevel', kafkaIngress('', '      invalidRecordHandling:\n        type: fail\n        logLevel: warn'), /spec.topics\[0\].invalidRecordHandling.logLevel = "warn": logLevel is only valid with type: skip; the runtime rejects fail together with a logLevel/],
    ['Kafka bad logLevel', kafkaIngress('  invalidRecordHandling:\n    type: skip\n    logLevel: trace'), /spec.invalidRecordHandling.logLevel = "trace": the runtime accepts debug, info, warn, error/],
    ['Kafka forwardHeaders as text', kafkaIngress('  forwardHeaders: "yes"'), /spec.forwardHeaders = "yes": expected true or false/],
    ['Kafka topic as a string', 'kind: io.statefun.kafka.v1/ingress\nspec:\n  id: a/b\n  address: k:9092\n  consumerGroupId: g\n  topics: [orders]\n', /spec.topics\[0\] = "orders": expected a mapping \{ topic, valueType, targets \}/],
    ['Kafka target typo in valueType', kafkaIngress('', '      valueTyp: x/y'), /spec.topics\[0\].valueTyp = "x\/y": unknown field.*did you mean 'valueType'/],
    ['Kafka bad offsets key', kafkaIngress('  startupPosition:\n    type: specific-offsets\n    offsets:\n      - orders: 5'), /spec.startupPosition.offsets\[0\] = "orders": the key is "<topic>\/<partition>"/],
    ['egress duration in transactionTimeoutMillis', 'kind: io.statefun.kafka.v1/egress\nspec:\n  id: a/b\n  address: k:9092\n  deliverySemantic:\n    type: exactly-once\n    transactionTimeoutMillis: 2min\n',
      /spec.deliverySemantic.transactionTimeoutMillis = "2min": the runtime reads transactionTimeoutMillis as a number \(asLong\), so a duration string becomes 0 ms.* Fix: write transactionTimeout: 2min instead/],
    ['egress both timeouts', 'kind: io.statefun.kafka.v1/egress\nspec:\n  id: a/b\n  address: k:9092\n  deliverySemantic:\n    type: exactly-once\n    transactionTimeoutMillis: 60000\n    transactionTimeout: 2min\n',
      /spec.deliverySemantic.transactionTimeout = "2min": ignored: the runtime reads transactionTimeoutMillis first/],
    ['egress exactly-once without timeout', 'kind: io.statefun.kafka.v1/egress\nspec:\n  id: a/b\n  address: k:9092\n  deliverySemantic:\n    type: exactly-once\n',
      /spec.deliverySemantic.transactionTimeout = \(not set\): exactly-once needs a transaction timeout \(without one the runtime fails with a NullPointerException\)/],
    ['egress exactly-once gap', 'kind: io.statefun.kafka.v1/egress\nspec:\n  id: a/b\n  address: k:9092\n  deliverySemantic:\n    type: exactly-once\n    transactionTimeout: 1min\n',
      /spec.deliverySemantic.type = "exactly-once": the runtime's Kafka sink never sets a transactional id prefix.* Fix: write type: at-least-once, or import with ModuleImport.fromYaml\(text, \{ acceptMissingTransactionalIdPrefix: true \}\)/],
    ['egress semantic spelling', 'kind: io.statefun.kafka.v1/egress\nspec:\n  id: a/b\n  address: k:9092\n  deliverySemantic:\n    type: AT_LEAST_ONCE\n', /spec.deliverySemantic.type = "AT_LEAST_ONCE": the runtime accepts at-least-once, exactly-once, none. Fix: write type: at-least-once/],
    ['egress topic', 'kind: io.statefun.kafka.v1/egress\nspec:\n  id: a/b\n  address: k:9092\n  topic: out\n', /spec.topic = "out": a Kafka egress has no topic: each function message names its topic/],
    ['Kinesis at-timestamp', kinesisIngress('  startupPosition:\n    type: at-timestamp\n    timestamp: "2026-04-23T00:00:00.000Z"'), /spec.startupPosition.type = "at-timestamp": the parser accepts only latest, earliest, date.* Fix: write type: date with date: "2026-04-23 00:00:00.000 \+0000"/],
    ['Kinesis custom credentials', kinesisIngress('  awsCredentials:\n    type: custom\n    className: com.example.Provider'), /spec.awsCredentials.type = "custom": custom credential providers are not supported; the runtime accepts default, basic and profile/],
    ['Kinesis profile as basic', kinesisIngress('  awsCredentials:\n    type: basic\n    profileName: p'), /spec.awsCredentials.type = "basic": profile credentials are type: profile.* Fix: write type: profile with profileName/],
    ['Kinesis region under awsCredentials', kinesisIngress('  awsCredentials:\n    type: default\n    region: eu-west-1'), /spec.awsCredentials.region = "eu-west-1": the region belongs under awsRegion, not awsCredentials.* Fix: write awsRegion: \{ type: specific, id: <region> \}/],
    ['Kinesis missing streamArn (Apache StateFun)', 'kind: io.statefun.kinesis.v1/ingress\nspec:\n  id: a/b\n  awsRegion:\n    type: specific\n    id: eu-west-1\n  streams:\n    - stream: clicks\n      valueType: a/C\n      targets: [a/c]\n',
      /spec.streamArn = \(not set\): the Flink 2.x Kinesis source requires the stream ARN at the top level of spec. Fix: write streamArn: arn:aws:kinesis:eu-west-1:<account-id>:stream\/clicks/],
    ['Kinesis two streams', kinesisIngress('', '    - stream: other\n      valueType: shop/Click\n      targets: [shop/click]'), /spec.streams = "2 entries": with streamArn the runtime requires exactly one stream routing entry.* Fix: split it into one ingress per stream/],
    ['Kinesis properties', kinesisIngress('  properties:\n    - a: b'), /spec.properties = \[\{"a":"b"\}\]: Kinesis reads clientConfigProperties; properties is ignored. Fix: rename it to clientConfigProperties/],
    ['Kinesis forwardHeaders', kinesisIngress('  forwardHeaders: true'), /spec.forwardHeaders = true: header forwarding is Kafka-only/],
    ['Kinesis basic keys against AWS', kinesisIngress('  awsCredentials:\n    type: basic\n    accessKeyId: AKIA\n    secretAccessKey: s'), /spec.awsCredentials = "basicForLocalEmulatorOnly": plaintext keys would be written into the module ConfigMap/],
    ['Kinesis region type', kinesisIngress('  awsRegion:\n    type: eu-west-1'), /spec.awsRegion.type = "eu-west-1": the runtime accepts default, specific and custom-endpoint/],
    ['Kinesis egress streamArn', 'kind: io.statefun.kinesis.v1/egress\nspec:\n  id: a/b\n  streamName: s\n  streamArn: arn:aws:kinesis:eu-west-1:123456789012:stream/s\n', /spec.streamArn = .*: the egress takes the short streamName; streamArn is ignored/],
    ['Kinesis egress without streamName (Apache StateFun)', 'kind: io.statefun.kinesis.v1/egress\nspec:\n  id: a/b\n', /spec.streamName = \(not set\): required. Fix: write streamName: <stream name> \(the short name, not the ARN\); the sink is bound to one stream/],
    ['transport mixing flat and nested timeouts', endpoint('    type: io.statefun.transports.v1/async\n    call: 2m\n    timeouts:\n      connect: 5s'), /spec.transport.call = "2m": ignored: a timeouts object is present, and it wins over the flat keys.* Fix: move the value into timeouts.call/],
    ['async read timeout', endpoint('    timeouts:\n      read: 5s'), /spec.transport.timeouts.read = "5s": the async transport has no read timeout; it is ignored/],
    ['okhttp flat timeout', endpoint('    type: io.statefun.transports.v1/okhttp\n    call: 5s'), /spec.transport.call = "5s": the OkHttp transport reads only the timeouts object; a flat key is ignored. Fix: move it to timeouts.call/],
    ['okhttp pool size', endpoint('    type: io.statefun.transports.v1/okhttp\n    pool_size: 5'), /spec.transport.pool_size = 5: pool_size is a property of the async transport; the OkHttp transport ignores it/],
    ['okhttp read over call', endpoint('    type: io.statefun.transports.v1/okhttp\n    timeouts:\n      call: 5s\n      read: 6s'), /spec.transport.timeouts.read = Duration\(6 seconds\): the OkHttp transport refuses a read timeout larger than the call timeout/],
    ['camelCase transport key', endpoint('    poolSize: 5'), /spec.transport.poolSize = 5: transport property keys are snake_case; poolSize is ignored. Fix: write pool_size/],
    ['unknown transport', endpoint('    type: io.statefun.transports.v1/netty'), /spec.transport.type = "io.statefun.transports.v1\/netty": unknown transport/],
    ['zero timeout', endpoint('    timeouts:\n      call: 0s'), /spec.transport.timeouts.call = Duration\(0 millis\): the runtime refuses zero/],
    ['duration unit', endpoint('    timeouts:\n      call: 2 mins'), /spec.transport.timeouts.call = "2 mins": unknown time unit 'mins' \(use ms, s, min, h or d\)/],
    ['fractional duration', endpoint('    timeouts:\n      call: 1.5s'), /spec.transport.timeouts.call = "1.5s": not a duration: a whole number followed by a unit/],
    ['endpoint url field', 'kind: io.statefun.endpoints.v2/http\nspec:\n  functions: a/*\n  url: http://x:8080/\n', /spec.url = "http:\/\/x:8080\/": the URL field is urlPathTemplate; url is ignored. Fix: rename it to urlPathTemplate/],
    ['endpoint functions list', 'kind: io.statefun.endpoints.v2/http\nspec:\n  functions: a/*,b/*\n  urlPathTemplate: http://x:8080/\n', /spec.functions = "a\/\*,b\/\*": an endpoint serves <namespace>\/<name> or <namespace>\/\* \(one pattern per endpoint, no lists\)/],
    ['v2 endpoint with spec.timeouts', 'kind: io.statefun.endpoints.v2/http\nspec:\n  functions: a/*\n  urlPathTemplate: http://x:8080/\n  timeouts:\n    call: 1m\n', /spec.timeouts = \{"call":"1m"\}: v2 endpoints read timeouts inside transport/],
  ])('%s', (_name, text, message) => {
    expect(problems(text)).toMatch(message);
  });

  test('consumer group and brokers given only as properties are carried over to the typed fields', () => {
    const imported = ModuleImport.fromYaml(`${ENDPOINT}---\nkind: io.statefun.kafka.v1/ingress\nspec:\n  id: shop/orders\n  properties:\n    - bootstrap.servers: kafka.shop:9092\n    - group.id: shop\n    - max.poll.records: 10\n  topics:\n    - topic: orders\n      valueType: shop/Order\n      targets: [shop/order]\n`);
    expect(imported.kafkaIngresses[0]).toMatchObject({ address: 'kafka.shop:9092', consumerGroupId: 'shop', properties: { 'max.poll.records': '10' } });
  });

  test('no transport means the runtime\'s flat defaults (2min / 20s), kept explicitly', () => {
    const t = newApp();
    ModuleImport.fromYaml(ENDPOINT).addTo(t.chart, t.app);
    expect(doc(t.app, 'io.statefun.endpoints.v2/http', 'shop/*').transport).toEqual({ type: 'io.statefun.transports.v1/async', timeouts: { call: '2min', connect: '20s' } });
  });

  test('flat async timeouts, log levels and reset positions in any case are read like the runtime', () => {
    const imported = ModuleImport.fromYaml(`${endpoint('    call: 45sec\n    connect: 3 s\n    pool_ttl: 0')}\n---\n${kafkaIngress('  autoOffsetResetPosition: Earliest\n  invalidRecordHandling:\n    type: skip\n    logLevel: WARN')}`);
    expect(imported.httpEndpoints[0].transport!._render()).toEqual({ type: 'io.statefun.transports.v1/async', timeouts: { call: '45s', connect: '3s' }, pool_ttl: '0ms' });
    expect(imported.kafkaIngresses[0].autoOffsetReset).toBe('earliest');
    expect(imported.kafkaIngresses[0].invalidRecordHandling!._render()).toEqual({ type: 'skip', logLevel: 'warn' });
    void EndpointTransport;
  });
});

describe('ModuleImport: documents', () => {
  test.each<[string, string, RegExp]>([
    ['legacy alias in a multi-document file', 'kind: io.statefun.kafka/ingress\nspec: {}\n', /document 1 \(io.statefun.kafka\/ingress\): kind = "io.statefun.kafka\/ingress": the runtime has no such component \("An extension with type io.statefun.kafka\/ingress does not exist."\); this alias exists only in the legacy version: "3.0" layout. Fix: write kind: io.statefun.kafka.v1\/ingress/],
    ['misspelled kind', 'kind: io.statefun.kafak.v1/ingress\nspec: {}\n', /kind = "io.statefun.kafak.v1\/ingress": the runtime has no such component.* Fix: write kind: io.statefun.kafka.v1\/ingress/],
    ['kind format', 'kind: kafka\nspec: {}\n', /document 1 \(kafka\): kind = "kafka": invalid binder kind format: a kind is <namespace>\/<name>/],
    ['missing spec', 'kind: io.statefun.kafka.v1/egress\n', /document 1: spec = \(not set\): each document requires the fields \[kind\] and \[spec\]/],
    ['extra top-level key', 'kind: io.statefun.kafka.v1/egress\nid: a/b\nspec:\n  id: a/b\n  address: k:9092\n', /document 1: id = "a\/b": a module document has exactly the keys kind and spec; anything else is ignored. Fix: move the id into spec.id/],
    ['a ConfigMap', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  module.yaml: x\n', /document 1: kind = "ConfigMap": this is a Kubernetes ConfigMap, not module.yaml. Fix: pass the text of its data\['module.yaml'\]/],
    ['YAML syntax', 'kind: [unclosed\n', /document 1: YAML syntax error: .*Fix: correct the YAML/],
    ['empty text', '# nothing here\n', /module: no components: StateFun refuses to start without an ingress and an endpoint/],
    ['spec not a mapping', 'kind: io.statefun.kafka.v1/egress\nspec: [a]\n', /document 1 \(io.statefun.kafka.v1\/egress\): spec = \["a"\]: expected a mapping/],
    ['duplicate ingress ids', `${kafkaIngress('')}---\n${kafkaIngress('')}`, /document 2 \(io.statefun.kafka.v1\/ingress 'shop\/orders'\): spec.id = "shop\/orders": the ingress id is already used by document 1 \(io.statefun.kafka.v1\/ingress 'shop\/orders'\); the runtime fails at startup/],
    ['overlapping endpoints', `${ENDPOINT}---\nkind: io.statefun.endpoints.v2/http\nspec:\n  functions: shop/order\n  urlPathTemplate: http://x:1/\n`, /document 2 \(io.statefun.endpoints.v2\/http 'shop\/order'\): spec.functions = "shop\/order": overlaps 'shop\/\*' of document 1/],
    ['legacy root next to other documents', `version: "3.0"\nmodule: {}\n---\n${ENDPOINT}`, /document 1: version = "3.0": the legacy version: "3.0" layout is read only when it is the only document of the file/],
  ])('%s', (_name, text, message) => {
    expect(problems(text)).toMatch(message);
  });

  test('a leading --- and empty documents are fine', () => {
    expect(ModuleImport.fromYaml(`---\n---\n${ENDPOINT}---\n`).httpEndpoints).toHaveLength(1);
  });
});

describe('ModuleImport: legacy version "3.0" layout', () => {
  test('endpoints (v1, always OkHttp), ingresses and egresses with meta ids and kind aliases', () => {
    const imported = ModuleImport.fromYaml(fixture('legacy-v3_0.yaml'), { acceptMissingTransactionalIdPrefix: true });
    expect(imported.format).toBe(ModuleFormat.LEGACY_V3_0);
    const t = newApp();
    imported.addTo(t.chart, t.app, { endpointsServedOutsideApp: true });
    expect(moduleDocs(t.app)).toEqual([
      {
        kind: 'io.statefun.endpoints.v2/http',
        spec: {
          functions: 'shop.legacy/*',
          urlPathTemplate: 'http://legacy-functions.shop:8000/{function.name}',
          maxNumBatchRequests: 500,
          transport: { type: 'io.statefun.transports.v1/okhttp', timeouts: { call: '2min', connect: '5s', read: '30s', write: '30s' } },
        },
      },
      {
        kind: 'io.statefun.kafka.v1/ingress',
        spec: {
          id: 'shop.legacy/orders',
          address: 'kafka.shop:9092',
          consumerGroupId: 'legacy-orders',
          startupPosition: { type: 'group-offsets' },
          autoOffsetResetPosition: 'earliest',
          topics: [{ topic: 'orders', valueType: 'shop.legacy/Order', targets: ['shop.legacy/order'] }],
        },
      },
      {
        kind: 'io.statefun.kafka.v1/egress',
        spec: {
          id: 'shop.legacy/receipts', address: 'kafka.shop:9092', deliverySemantic: { type: 'exactly-once', transactionTimeout: '100s' }, properties: [{ 'linger.ms': '5' }],
        },
      },
    ]);
    synthValid(t.chart);
  });

  test('without the opt-in the exactly-once egress is reported', () => {
    expect(problems(fixture('legacy-v3_0.yaml'))).toMatch(/^module.spec.egresses\[0\] \(io.statefun.kafka.v1\/egress 'shop.legacy\/receipts'\): spec.deliverySemantic.type = "exactly-once": the runtime's Kafka sink never sets a transactional id prefix/);
  });

  test.each<[string, string, RegExp]>([
    ['version 2.0', 'version: "2.0"\nmodule: {}\n', /legacy module: version = "2.0": the runtime reads only format versions higher than or equal to 3.0/],
    ['version 3.1', 'version: "3.1"\nmodule: {}\n', /legacy module: version = "3.1": the runtime reads only the 3.0 legacy layout \("Unrecognized format version"\)/],
    ['unquoted version', 'version: 3.0\nmodule:\n  meta: {type: remote}\n  spec: {}\n', /legacy module: version = 3: the version is a string. Fix: write version: "3.0" \(quoted\)/],
    ['embedded module', 'version: "3.0"\nmodule:\n  meta:\n    type: embedded\n  spec: {}\n', /legacy module: module.meta.type = "embedded": only remote modules can be read from YAML/],
    ['protobuf ingress', 'version: "3.0"\nmodule:\n  meta:\n    type: remote\n  spec:\n    ingresses:\n      - ingress:\n          meta:\n            type: statefun.kafka.io/protobuf-ingress\n            id: a/b\n          spec: {}\n',
      /module.spec.ingresses\[0\] \(statefun.kafka.io\/protobuf-ingress 'a\/b'\): kind = "statefun.kafka.io\/protobuf-ingress": the runtime has no such component.*\(protobuf ingresses were removed: use io.statefun.kafka.v1\/ingress with a valueType/],
    ['entry without wrapper', 'version: "3.0"\nmodule:\n  meta:\n    type: remote\n  spec:\n    egresses:\n      - meta: {type: io.statefun.kafka/egress}\n', /legacy module: module.spec.egresses\[0\] = .*: each entry is egress: \{ meta: \{ type, id \}, spec: \{ ... \} \}/],
    ['legacy unknown field', 'version: "3.0"\nmodule:\n  meta:\n    type: remote\n  spec:\n    egresses:\n      - egress:\n          meta: {type: io.statefun.kafka/egress, id: a/b}\n          spec: {address: "k:9092", deliverySemantics: {type: none}}\n',
      /module.spec.egresses\[0\] \(io.statefun.kafka.v1\/egress 'a\/b'\): spec.deliverySemantics = \{"type":"none"\}: unknown field: the runtime ignores it silently. Fix: did you mean 'deliverySemantic'\?/],
  ])('%s', (_name, text, message) => {
    expect(problems(text)).toMatch(message);
  });

  test('an imported legacy module runs with a short checkpoint interval', () => {
    const t = newApp({ checkpointing: { interval: Duration.seconds(5) } });
    ModuleImport.fromYaml(fixture('legacy-v3_0.yaml'), { acceptMissingTransactionalIdPrefix: true }).addTo(t.chart, t.app, { endpointsServedOutsideApp: true });
    synthValid(t.chart, '1.15');
  });
});
