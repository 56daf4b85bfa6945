import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { FlinkMetrics, FunctionScaling, KafkaIngress, RemoteFunction, StateFunApp, StateFunAppProps, ValueType } from '../lib';
import { resolveWebUiTemplate } from '../lib/flink-ui-ingress';
import { errorOf } from './fixtures/modules/harness';
import { expectValidManifests } from './support/schemas';

function app(props: (chart: Chart) => StateFunAppProps, namespace: string | undefined = 'shop') {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  const statefun = new StateFunApp(chart, 'orders', props(chart));
  const fn = new RemoteFunction(chart, 'fn', { app: statefun, image: 'shop/fn:1.0.0', functions: ['shop/*'], scaling: FunctionScaling.fixed(1) });
  new KafkaIngress(chart, 'in', { app: statefun, ingressId: 'shop/in', address: 'kafka.shop.svc:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.STRING, targets: [fn.functionType('x')] }] });
  return chart;
}

const flinkPolicy = (manifests: any[]) => manifests.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'orders-flink');

describe('the Flink web UI through the operator\'s Ingress', () => {
  test('spec.ingress rendered; the Flink NetworkPolicy admits the controller to the REST port', () => {
    const chart = app((c) => ({
      webUi: {
        template: 'flink.example.com/{{namespace}}/{{name}}(/|$)(.*)',
        className: 'nginx',
        annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' },
        labels: { team: 'payments' },
        tls: [{ hosts: ['flink.example.com'], secret: kplus.Secret.fromSecretName(c, 'tls', 'flink-ui-tls') }],
        ingressController: { namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
      },
      networkPolicy: { operatorNamespace: 'flink-operator' },
    }));
    const manifests = Testing.synth(chart);
    const fd = manifests.find((m) => m.kind === 'FlinkDeployment');
    expect(fd.spec.ingress).toEqual({
      template: 'flink.example.com/{{namespace}}/{{name}}(/|$)(.*)',
      className: 'nginx',
      annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' },
      labels: { team: 'payments' },
      tls: [{ hosts: ['flink.example.com'], secretName: 'flink-ui-tls' }],
    });
    expect(flinkPolicy(manifests).spec).toEqual({
      podSelector: { matchLabels: { 'cdk8s-statefun/app': 'orders' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: { 'cdk8s-statefun/app': 'orders' } } }] },
        { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'flink-operator' } } }], ports: [{ protocol: 'TCP', port: 8081 }] },
        { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port: 8081 }] },
        { from: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 9249 }] },
      ],
    });
    expectValidManifests(manifests, '1.16');
  });

  test('the operator\'s template resolution: scheme added, placeholders case-insensitive, port dropped from the host', () => {
    expect(resolveWebUiTemplate('{{NAME}}.{{Namespace}}.flink.example.com', 'orders', 'shop')).toEqual({ host: 'orders.shop.flink.example.com', path: '', search: '' });
    expect(resolveWebUiTemplate('https://ui.example.com:8443/{{name}}', 'orders', 'shop')).toEqual({ host: 'ui.example.com', path: '/orders', search: '' });
    expect(resolveWebUiTemplate('/{{namespace}}/{{name}}', 'orders', 'shop')).toEqual({ host: '', path: '/shop/orders', search: '' });
  });

  test('refused templates, classes and TLS hosts', () => {
    const fix = "Fix: write e.g. '{{name}}.{{namespace}}.flink.example.com' or 'flink.example.com/{{namespace}}/{{name}}(/|$)(.*)'";
    expect(errorOf(() => app(() => ({ webUi: { template: '' } }))))
      .toBe(`[test/orders] webUi.template = "": the operator refuses an ingress without a template ("Ingress template must be defined"). ${fix}`);
    expect(errorOf(() => app(() => ({ webUi: { template: '{{app}}.example.com' } }))))
      .toBe(`[test/orders] webUi.template = "{{app}}.example.com": the operator substitutes only {{name}} and {{namespace}}; other braces stay in the URL. ${fix}`);
    expect(errorOf(() => app(() => ({ webUi: { template: 'Flink_UI.example.com' } }))))
      .toBe(`[test/orders] webUi.template = "Flink_UI.example.com": the Ingress host 'Flink_UI.example.com' is not a lower-case DNS name (the API server rejects the Ingress the operator creates). ${fix}`);
    expect(errorOf(() => app(() => ({ webUi: { template: 'ui.example.com/{{name}}?tab=jobs' } }))))
      .toBe('[test/orders] webUi.template = "ui.example.com/{{name}}?tab=jobs": a query or fragment is dropped by the operator (only the host and path reach the Ingress rule). Fix: remove the part from ? or #');
    expect(errorOf(() => app(() => ({ webUi: { template: '{{name}}.{{namespace}}.example.com', tls: [{ hosts: ['ui.example.com'] }] } }))))
      .toBe("[test/orders] webUi.tls[0].hosts[0] = \"ui.example.com\": the Ingress rule's host is 'orders.shop.example.com', so this TLS host is never served. Fix: write 'orders.shop.example.com'");
    expect(errorOf(() => app(() => ({ webUi: { template: 'ui.example.com', className: 'Nginx' } }))))
      .toBe("[test/orders] webUi.className = \"Nginx\": an IngressClass name is a DNS-1123 subdomain. Fix: use the class's name, e.g. 'nginx'");
    // A wildcard certificate covers one label.
    expect(() => app(() => ({ webUi: { template: '{{name}}.example.com', tls: [{ hosts: ['*.example.com'] }] } }))).not.toThrow();
  });
});

describe('the Flink pods\' NetworkPolicy', () => {
  test('default: Flink pods among themselves, the REST port from any namespace, metrics from any namespace; no UI rule', () => {
    const manifests = Testing.synth(app(() => ({})));
    expect(flinkPolicy(manifests).spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { 'cdk8s-statefun/app': 'orders' } } }] },
      { from: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 8081 }] },
      { from: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 9249 }] },
    ]);
  });

  test('a custom REST port, Prometheus namespace, no metrics port; opt-out', () => {
    const manifests = Testing.synth(app(() => ({ flinkConfiguration: { 'rest.port': '8088' }, metrics: FlinkMetrics.disabled() })));
    expect(flinkPolicy(manifests).spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { 'cdk8s-statefun/app': 'orders' } } }] },
      { from: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 8088 }] },
    ]);
    const off = Testing.synth(app(() => ({ networkPolicy: { enabled: false } })));
    expect(flinkPolicy(off)).toBeUndefined();
    expect(errorOf(() => app(() => ({ networkPolicy: { operatorNamespace: 'Flink Operator' } }))))
      .toBe("[test/orders] networkPolicy.operatorNamespace = \"Flink Operator\": a namespace name is a DNS label. Fix: write e.g. 'flink-operator'");
  });
});
