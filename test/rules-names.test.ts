/**
 * The last gate's names family as pure functions of manifests: API server name rules per kind, one
 * object per kind/namespace/name, the objects the operator and Flink create for a FlinkDeployment, the
 * labels they select their own objects by, and Secrets referenced across namespaces.
 */
import { Testing } from 'cdk8s';
import { guideApp } from './support/fixtures';
import { Manifest } from '../lib/rules/finding';
import {
  duplicateObjectRule, flinkOwnedCollision, flinkOwnedNameRule, flinkOwnedObjects, flinkOwnerLabelsRule, invalidNameRule,
  kubernetesNameProblem, namesRule, secretNamespaceRule,
} from '../lib/rules/names';

const CTX = { operatorVersion: '1.15' };
const obj = (kind: string, name: string, namespace?: string, extra: Record<string, unknown> = {}, apiVersion = 'v1'): Manifest =>
  ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...extra });
const fd = (name: string, namespace?: string) => obj('FlinkDeployment', name, namespace, { spec: {} }, 'flink.apache.org/v1beta1');
const deployment = (name: string, namespace: string | undefined, podSpec: Record<string, unknown>, labels?: Record<string, string>) =>
  obj('Deployment', name, namespace, { spec: { template: { metadata: { labels }, spec: podSpec } } }, 'apps/v1');

describe('kubernetesNameProblem (apimachinery IsDNS1123Label / IsDNS1035Label / IsDNS1123Subdomain)', () => {
  test.each([
    ['DNS-1123 label', 'orders', true],
    ['DNS-1123 label', '1orders', true],
    ['DNS-1123 label', 'a.b', false],
    ['DNS-1123 label', 'a'.repeat(63), true],
    ['DNS-1123 label', 'a'.repeat(64), false],
    ['DNS-1035 label', '1orders', false],
    ['DNS-1035 label', 'orders-', false],
    ['DNS-1123 subdomain', 'orders.v1', true],
    ['DNS-1123 subdomain', 'orders..v1', false],
    ['DNS-1123 subdomain', 'Orders', false],
    ['DNS-1123 subdomain', 'a'.repeat(253), true],
    ['DNS-1123 subdomain', 'a'.repeat(254), false],
    ['DNS-1123 subdomain', '', false],
  ] as const)('%s %s → valid %s', (rule, name, valid) => {
    expect(kubernetesNameProblem(rule, name) === undefined).toBe(valid);
  });
});

describe('names/invalid', () => {
  test('a Service name must be a DNS-1035 label, a ConfigMap name a subdomain, a namespace a label', () => {
    const findings = invalidNameRule([obj('Service', '1svc', 'shop'), obj('ConfigMap', 'a.b', 'shop'), obj('ConfigMap', 'x', 'Shop_NS'), obj('Role', 'Any:Thing', 'shop', {}, 'rbac.authorization.k8s.io/v1')], CTX);
    expect(findings.map((f) => [f.object, f.field, f.value, f.why])).toEqual([
      [0, 'metadata.name', '1svc', "the API server requires a DNS-1035 label: lower-case alphanumerics and '-', starting with a letter and ending with an alphanumeric, at most 63 characters, or it refuses the Service"],
      [2, 'metadata.namespace', 'Shop_NS', "the API server requires a DNS-1123 label: lower-case alphanumerics and '-', starting and ending with an alphanumeric, at most 63 characters (namespace names), or it refuses the object"],
    ]);
    expect(findings[0].fix).toBe("rename it, e.g. 'svc'");
  });

  test('names the pods reference: Secrets, ConfigMap volumes, the ServiceAccount (and a FlinkDeployment\'s spec.serviceAccount)', () => {
    const pods = deployment('fn', 'shop', {
      serviceAccountName: 'Fn_SA',
      containers: [{ name: 'c', env: [{ name: 'K', valueFrom: { secretKeyRef: { name: 'Keys', key: 'k' } } }] }],
      volumes: [{ name: 'm', configMap: { name: 'module_cm' } }, { name: 'ok', configMap: { name: 'module' } }],
    });
    const flink = { ...fd('orders', 'shop'), spec: { serviceAccount: 'Flink SA' } };
    expect(invalidNameRule([pods, flink], CTX).map((f) => [f.object, f.field, f.value])).toEqual([
      [0, 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name', 'Keys'],
      [0, 'spec.template.spec.volumes[0].configMap.name', 'module_cm'],
      [0, 'spec.template.spec.serviceAccountName', 'Fn_SA'],
      [1, 'spec.serviceAccount', 'Flink SA'],
    ]);
  });

  test('a FlinkDeployment is left to the operator rule (45 characters)', () => {
    expect(invalidNameRule([fd('Orders')], CTX)).toEqual([]);
  });
});

describe('names/duplicate', () => {
  test('objects sharing a namespace and name are reported once, on the first duplicate, naming every kind', () => {
    const findings = duplicateObjectRule([
      deployment('fn', 'shop', {}), obj('Service', 'fn', 'shop'),
      deployment('fn', 'shop', {}), obj('Service', 'fn', 'shop'),
      obj('Service', 'fn', 'other'), obj('ConfigMap', 'fn', 'shop'),
    ], CTX);
    expect(findings).toEqual([{
      rule: 'names/duplicate',
      severity: 'error',
      object: 2,
      field: 'metadata.name',
      value: 'fn',
      why: "Deployment, Service 'fn' are rendered twice in namespace shop; one apply would silently replace the other",
      fix: 'give one of the two constructs another name (or put it in another namespace)',
    }]);
  });

  test('the same name in another API group is another object', () => {
    expect(duplicateObjectRule([obj('Deployment', 'x', 'a', {}, 'apps/v1'), obj('Deployment', 'x', 'a', {}, 'example.com/v1')], CTX)).toEqual([]);
  });
});

describe('names/flink-owned (flink-runtime-facts.md §3)', () => {
  test.each([
    ['Deployment', 'orders'],
    ['Deployment', 'orders-taskmanager'],
    ['Service', 'orders'],
    ['Service', 'orders-rest'],
    ['Ingress', 'orders'],
    ['ConfigMap', 'flink-config-orders'],
    ['ConfigMap', 'pod-template-orders'],
    ['ConfigMap', 'hadoop-config-orders'],
    ['ConfigMap', 'kerberos-krb5conf-orders'],
    ['Secret', 'kerberos-keytab-orders'],
    ['ConfigMap', 'orders-cluster-config-map'],
    ['ConfigMap', 'orders-0123456789abcdef0123456789abcdef-config-map'],
    ['ConfigMap', 'orders-dispatcher-leader'],
    ['ConfigMap', 'orders-0123456789abcdef0123456789abcdef-jobmanager-leader'],
    ['ConfigMap', 'autoscaler-orders'],
    ['Pod', 'orders-taskmanager-1-3'],
    ['FlinkStateSnapshot', 'orders-savepoint-manual-1700000000000'],
  ])('%s %s collides with FlinkDeployment orders', (kind, name) => {
    expect(flinkOwnedCollision(kind, name, 'orders')).toBeDefined();
  });

  test.each([
    ['ConfigMap', 'orders'],
    ['ConfigMap', 'orders-module'],
    ['ServiceAccount', 'orders-flink'],
    ['Service', 'orders-api'],
    ['ConfigMap', 'orders-xyz-config-map'],
  ])('%s %s does not', (kind, name) => {
    expect(flinkOwnedCollision(kind, name, 'orders')).toBeUndefined();
  });

  test('the table names every object with its source', () => {
    for (const o of flinkOwnedObjects('x')) expect(o.what).toMatch(/\((Flink|operator) [A-Za-z.]+/);
  });

  test('only in the FlinkDeployment\'s namespace', () => {
    const findings = flinkOwnedNameRule([fd('orders', 'shop'), obj('Service', 'orders-rest', 'shop'), obj('Service', 'orders-rest', 'other')], CTX);
    expect(findings).toEqual([{
      rule: 'names/flink-owned',
      severity: 'error',
      object: 1,
      field: 'metadata.name',
      value: 'orders-rest',
      why: "Service orders-rest is the REST Service (Flink ExternalServiceDecorator, suffix -rest) for FlinkDeployment 'orders' in namespace shop; the two would overwrite each other",
      fix: 'rename this Service (or the app) so no object is named like what the operator and Flink create (orders-rest)',
    }]);
  });
});

describe('names/flink-labels', () => {
  test('type: flink-native-kubernetes with app on an object or a pod template is refused; on the FlinkDeployment it is not', () => {
    const labels = { type: 'flink-native-kubernetes', app: 'orders' };
    const findings = flinkOwnerLabelsRule([
      obj('ConfigMap', 'cache', 'shop', {}),
      { ...obj('ConfigMap', 'state', 'shop'), metadata: { name: 'state', namespace: 'shop', labels } },
      deployment('sidecar', 'shop', { containers: [] }, { ...labels, component: 'taskmanager' }),
      { ...fd('orders', 'shop'), metadata: { name: 'orders', namespace: 'shop', labels } },
      { ...obj('ConfigMap', 'typed', 'shop'), metadata: { name: 'typed', labels: { type: 'flink-native-kubernetes' } } },
    ], CTX);
    expect(findings.map((f) => [f.object, f.field])).toEqual([[1, 'metadata.labels'], [2, 'spec.template.metadata.labels']]);
    expect(findings[0].why).toMatch(/^type=flink-native-kubernetes with app=orders are the labels Flink puts on the objects of cluster 'orders' \(KubernetesUtils.getCommonLabels\): the operator deletes every ConfigMap carrying them/);
  });
});

describe('names/secret-namespace', () => {
  const secret = (name: string, namespace?: string) => obj('Secret', name, namespace);
  const pods = (namespace: string | undefined, secretName: string, n = (_i: number) => secretName) => deployment('fn', namespace, {
    containers: [{ name: 'c', env: [{ name: 'K', valueFrom: { secretKeyRef: { name: n(1), key: 'k' } } }], envFrom: [{ secretRef: { name: n(2) } }] }],
    volumes: [{ name: 'v', secret: { secretName: n(3) } }, { name: 'p', projected: { sources: [{ secret: { name: n(4) } }] } }],
    imagePullSecrets: [{ name: n(5) }],
  });

  test('one finding per Secret and object, at its first reference', () => {
    expect(secretNamespaceRule([secret('keys', 'storage'), pods('shop', 'keys')], CTX).map((f) => f.field)).toEqual(['spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name']);
  });

  test('every kind of reference to a Secret rendered only in another namespace', () => {
    const names = (i: number) => (i === 1 ? 'keys' : `keys${i}`);
    const findings = secretNamespaceRule([secret('keys', 'storage'), ...[2, 3, 4, 5].map((i) => secret(`keys${i}`, 'storage')), pods('shop', 'keys', names)], CTX);
    expect(findings.map((f) => f.field)).toEqual([
      'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name',
      'spec.template.spec.containers[0].envFrom[0].secretRef.name',
      'spec.template.spec.volumes[0].secret.secretName',
      'spec.template.spec.volumes[1].projected.sources[0].secret.name',
      'spec.template.spec.imagePullSecrets[0].name',
    ]);
    expect(findings[0].why).toBe("pods read Secrets from their own namespace only, and Secret 'keys' is rendered in storage, not in shop; the pods would fail with CreateContainerConfigError or stay Pending");
    expect(findings[0].fix).toBe('create the Secret in namespace shop (the chart of the pods), or reference one that exists there');
  });

  test('a Secret in the pods\' namespace, one not rendered at all, or pods without a namespace pass', () => {
    expect(secretNamespaceRule([secret('keys', 'storage'), secret('keys', 'shop'), pods('shop', 'keys')], CTX)).toEqual([]);
    expect(secretNamespaceRule([secret('other', 'storage'), pods('shop', 'keys')], CTX)).toEqual([]);
    expect(secretNamespaceRule([secret('keys', 'storage'), pods(undefined, 'keys')], CTX)).toEqual([]);
  });

  test('the FlinkDeployment pod templates are read too', () => {
    const flink = { ...fd('orders', 'shop'), spec: { podTemplate: { spec: { containers: [{ name: 'flink-main-container', env: [{ name: 'K', valueFrom: { secretKeyRef: { name: 'keys', key: 'k' } } }] }] } } } };
    expect(secretNamespaceRule([secret('keys', 'storage'), flink], CTX).map((f) => f.field)).toEqual(['spec.podTemplate.spec.containers[0].env[0].valueFrom.secretKeyRef.name']);
  });
});

test('a synthesized app has no names finding', () => {
  const { chart } = guideApp();
  expect(namesRule(Testing.synth(chart), CTX)).toEqual([]);
});
