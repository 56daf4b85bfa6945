import { Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { HttpEndpoint, KafkaIngress, RemoteFunction, StateFunApp, StateFunImage, ValueType } from '../lib';
import { exampleNames, synthExample } from './support/examples';
import { expectValidManifests } from './support/schemas';
import { flinkMain, functionPolicy, only, secureApp } from './support/secure-app';

/** The Job Role the operator documents for application namespaces (rbac.md, Helm chart jobRbacRules). */
const DOCUMENTED_RULES = [
  { apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { apiGroups: ['apps'], resources: ['deployments', 'deployments/finalizers'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
];

describe('least privilege for the Flink pods', () => {
  const manifests = Testing.synth(secureApp().chart);

  test('a namespaced Role with exactly the documented rules, bound to the app ServiceAccount; no cluster-wide RBAC', () => {
    expectValidManifests(manifests, '1.16');
    const role = only(manifests, 'Role');
    expect(role.rules).toEqual(DOCUMENTED_RULES);
    expect(role.metadata.namespace).toBe('streaming');
    const binding = only(manifests, 'RoleBinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: only(manifests, 'ServiceAccount').metadata.name, namespace: 'streaming' }]);
    expect(manifests.filter((m) => /^Cluster/.test(m.kind))).toEqual([]);
    // No leases, secrets or services: Kubernetes HA uses ConfigMap locks.
    const resources = role.rules.flatMap((r: any) => r.resources);
    for (const r of ['secrets', 'services', 'leases', '*']) expect(resources).not.toContain(r);
    expect(role.rules.flatMap((r: any) => r.verbs)).not.toContain('*');
  });

  test('service account tokens are mounted only where the Kubernetes API is used (JobManager and TaskManagers)', () => {
    expect(only(manifests, 'ServiceAccount').automountServiceAccountToken).toBe(false);
    expect(only(manifests, 'FlinkDeployment').spec.podTemplate.spec.automountServiceAccountToken).toBe(true);
    const fnPod = only(manifests, 'Deployment').spec.template.spec;
    expect(fnPod.automountServiceAccountToken).toBe(false);
    expect(fnPod.serviceAccountName).toBeUndefined();
  });
});

describe('hardened remote functions by default', () => {
  const manifests = Testing.synth(secureApp().chart);
  const deployment = only(manifests, 'Deployment');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  test('non-root, read-only root filesystem, no privilege escalation, all capabilities dropped, seccomp RuntimeDefault', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
    });
    expect(pod.hostNetwork).toBe(false);
    // A writable /tmp under the read-only root filesystem.
    expect(container.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(pod.volumes).toEqual([{ emptyDir: {}, name: 'tmp' }]);
  });

  test('requests and limits, readiness and liveness probes', () => {
    expect(container.resources.requests).toEqual({ cpu: '250m', memory: '256Mi' });
    expect(container.resources.limits).toEqual({ cpu: '500m', memory: '512Mi' });
    expect(container.readinessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 8080 });
  });

  test('a PodDisruptionBudget and topology spread across nodes, both selecting the function pods', () => {
    const selector = deployment.spec.selector.matchLabels;
    const pdb = only(manifests, 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: selector } });
    expect(pod.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } }]);
  });

  test('a NetworkPolicy admits only the Flink pods of the same app, on the function port only', () => {
    const np = functionPolicy(manifests);
    const fd = only(manifests, 'FlinkDeployment');
    expect(np.spec).toEqual({
      podSelector: { matchLabels: deployment.spec.selector.matchLabels },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: fd.spec.podTemplate.metadata.labels } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    });
    expect(fd.spec.podTemplate.metadata.labels).toEqual({ 'cdk8s-statefun/app': 'orders' });
  });

  test('Flink pods of an app in another namespace are admitted by namespace and pod label together', () => {
    const app = Testing.app();
    const flinkChart = new Chart(app, 'flink', { namespace: 'flink-ns' });
    const fnChart = new Chart(app, 'fns', { namespace: 'fn-ns' });
    const statefun = new StateFunApp(flinkChart, 'app');
    const fn = new RemoteFunction(fnChart, 'fn', { app: statefun, image: 'org/fn:1', functions: ['a/*'] });
    new KafkaIngress(flinkChart, 'in', {
      app: statefun,
      ingressId: 'a/in',
      address: 'kafka:9092',
      consumerGroupId: 'g',
      topics: [{ topic: 't', valueType: ValueType.of('a/T'), targets: [fn.functionType('f')] }],
    });
    const np = functionPolicy(Testing.synth(fnChart));
    expect(np.spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'flink-ns' } },
      podSelector: { matchLabels: { 'cdk8s-statefun/app': 'app' } },
    }]);
  });

  test('the NetworkPolicy can be turned off; runAsUser sets user and group', () => {
    const manifestsOff = Testing.synth(secureApp({ fn: { networkPolicy: false, runAsUser: 10001 } }).chart);
    expect(manifestsOff.filter((m) => m.kind === 'NetworkPolicy').map((m) => m.metadata.name)).toEqual(['orders-flink']);
    const c = only(manifestsOff, 'Deployment').spec.template.spec.containers[0];
    expect([c.securityContext.runAsUser, c.securityContext.runAsGroup]).toEqual([10001, 10001]);
    expect(() => secureApp({ fn: { runAsUser: 0 } })).toThrow(/runAsUser = 0: functions run as a non-root user/);
  });
});

describe('Flink pods run as the image user', () => {
  test('pod security context for UID/GID 9999, seccomp, no privilege escalation, all capabilities dropped', () => {
    const manifests = Testing.synth(secureApp().chart);
    const pod = only(manifests, 'FlinkDeployment').spec.podTemplate.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 9999, runAsGroup: 9999, fsGroup: 9999, seccompProfile: { type: 'RuntimeDefault' } });
    expect(flinkMain(manifests).securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });
});

describe('registry mirror', () => {
  test('one imageRegistry rewrites every image the library renders, keeping repository paths and tags', () => {
    const { chart } = secureApp({ app: { imageRegistry: 'harbor.internal:8443/proxy' }, fn: { image: 'registry.example.com/team/handler@sha256:' + 'a'.repeat(64) } });
    const manifests = Testing.synth(chart);
    expectValidManifests(manifests, '1.16');
    const images = manifests.flatMap((m) => collectImages(m));
    expect(images.sort()).toEqual([
      'harbor.internal:8443/proxy/kzmlabs/flink-statefun:3.4.0-KZM-3.5',
      `harbor.internal:8443/proxy/team/handler@sha256:${'a'.repeat(64)}`,
    ]);
  });

  test('Docker Hub images get their canonical library/ path; images already on the mirror are left alone', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    const app = new StateFunApp(chart, 'app', { imageRegistry: 'mirror.example.com/hub', image: StateFunImage.fromImage('mirror.example.com/hub/platform/statefun:1', '3.4.0-KZM-3.5') });
    expect(app.mirror('nginx:1.27')).toBe('mirror.example.com/hub/library/nginx:1.27');
    expect(app.mirror('docker.io/nginx:1.27')).toBe('mirror.example.com/hub/library/nginx:1.27');
    expect(app.mirror('docker.io/bitnami/kafka:3.7')).toBe('mirror.example.com/hub/bitnami/kafka:3.7');
    expect(app.mirror('my-org/fn:1')).toBe('mirror.example.com/hub/my-org/fn:1');
    expect(app.mirror('localhost:5000/fn:1')).toBe('mirror.example.com/hub/fn:1');
    expect(app.mirror('mirror.example.com/hub/platform/statefun:1')).toBe('mirror.example.com/hub/platform/statefun:1');
    new HttpEndpoint(app, 'ep', { app, functions: 'a/*', url: 'https://fn.example.com/statefun' });
    expect(() => new StateFunApp(chart, 'bad', { imageRegistry: 'https://mirror.example.com' }))
      .toThrow(/imageRegistry = "https:\/\/mirror.example.com": a registry mirror is host\[:port\]\[\/path\] without scheme or tag/);
  });
});

/** Keys whose string value is a credential; matched on map keys and env var names. */
const CREDENTIAL_KEY = /(^|[._-])(secret[-_.]?(access[-_.]?)?key|secretaccesskey|access[-_.]?key([-_.]?id)?|accesskeyid|(storage|account)[-_.]?key|password|passwd|token|sas)$|^fs\.azure\.account\.key\.|^aws\.credentials\.provider\.basic\./i;
/** Values that point at a credential instead of holding it (a mounted file, a classpath resource). */
const REFERENCE_VALUE = /^(\/|file:|classpath:|\$\{(dir|file|env):[^}]+\}$)/;
/** Values that are credentials wherever they appear. */
const CREDENTIAL_VALUE = [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/, /password\s*=\s*"(?!\$\{(dir|file|env):[^}]+\}")[^"]+"/i, /-----BEGIN [A-Z ]*PRIVATE KEY-----/];

/** Every credential-looking key/value in an object tree (the path of each finding). */
function credentialFindings(value: unknown, at: string): string[] {
  const findings: string[] = [];
  const visit = (v: unknown, p: string, key?: string) => {
    if (typeof v === 'string') {
      if (key !== undefined && CREDENTIAL_KEY.test(key) && v !== '' && !REFERENCE_VALUE.test(v)) findings.push(`${p} (key ${key})`);
      if (CREDENTIAL_VALUE.some((re) => re.test(v))) findings.push(`${p} (value)`);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${p}[${i}]`));
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      // Env vars: a literal value under a credential name (a valueFrom reference is fine).
      if (typeof o.name === 'string' && typeof o.value === 'string' && CREDENTIAL_KEY.test(o.name)) findings.push(`${p} (env ${o.name})`);
      for (const [k, x] of Object.entries(o)) visit(x, `${p}.${k}`, k);
    }
  };
  visit(value, at);
  return findings;
}

function moduleDocuments(manifests: any[]): any[] {
  return manifests.filter((m) => m.kind === 'ConfigMap' && typeof m.data?.['module.yaml'] === 'string')
    .flatMap((m) => parseAllDocuments(m.data['module.yaml']).map((d: any) => d.toJS()));
}

describe('no credential value outside Secrets', () => {
  test('the scanner itself finds literal keys in config, env and module documents', () => {
    expect(credentialFindings({ spec: { flinkConfiguration: { 's3.secret-key': 'x', 's3.access-key': 'y' } } }, 'fd')).toHaveLength(2);
    expect(credentialFindings({ env: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'x' }] }, 'pod')).toHaveLength(1);
    expect(credentialFindings({ env: [{ name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }, 'pod')).toEqual([]);
    expect(credentialFindings({ awsCredentials: { type: 'basic', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' } }, 'module')).toHaveLength(3);
    expect(credentialFindings({ 'fs.azure.account.key.acct.dfs.core.windows.net': 'k' }, 'fd')).toHaveLength(1);
    // A path to a mounted file is a reference (StateFun reads client_key_password from a file).
    expect(credentialFindings({ client_key_password: '/opt/flink-secrets/fn-tls/key.password' }, 'module')).toEqual([]);
    expect(credentialFindings({ client_key_password: 'hunter2' }, 'module')).toHaveLength(1);
    expect(credentialFindings({ 'fs.azure.account.keyprovider.acct.dfs.core.windows.net': 'org.apache.flink.fs.azurefs.EnvironmentVariableKeyProvider' }, 'fd')).toEqual([]);
    expect(credentialFindings([{ 'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";' }], 'props')).toHaveLength(1);
    // A config-provider placeholder names a mounted Secret key: a reference, not the credential.
    expect(credentialFindings([{ 'sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="${dir:/opt/flink-secrets/u:password}";' }], 'props')).toEqual([]);
    expect(credentialFindings({ 'ssl.keystore.password': '${dir:/opt/flink-secrets/u:user.password}' }, 'props')).toEqual([]);
  });

  test.each(exampleNames())('example %s: manifests and module.yaml hold no credential outside Secrets', (name) => {
    const { manifests } = synthExample(name);
    expect(manifests.length).toBeGreaterThan(0);
    const findings = manifests
      .filter((m) => m.kind !== 'Secret')
      .flatMap((m) => credentialFindings(m, `${m.kind}/${m.metadata?.name}`));
    findings.push(...moduleDocuments(manifests).flatMap((d, i) => credentialFindings(d, `module.yaml[${i}] ${d.kind}`)));
    expect(findings).toEqual([]);
  });
});

describe('quickstart passes a restricted-namespace review without edits', () => {
  const { manifests } = synthExample('quickstart');

  test('every workload: non-root, seccomp, no privilege escalation, capabilities dropped, limits, probes', () => {
    const deployments = manifests.filter((m) => m.kind === 'Deployment');
    expect(deployments.length).toBeGreaterThan(0);
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.seccompProfile.type).toBe('RuntimeDefault');
      expect(pod.hostNetwork ?? false).toBe(false);
      expect(pod.hostPID ?? false).toBe(false);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const v of pod.volumes ?? []) expect(v.hostPath).toBeUndefined();
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
        expect(c.resources.limits.cpu).toBeDefined();
        expect(c.resources.limits.memory).toBeDefined();
        expect(c.resources.requests.cpu).toBeDefined();
        expect(c.readinessProbe).toBeDefined();
        expect(c.livenessProbe).toBeDefined();
      }
    }
    for (const fd of manifests.filter((m) => m.kind === 'FlinkDeployment')) {
      const pod = fd.spec.podTemplate.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 9999, seccompProfile: { type: 'RuntimeDefault' } });
      for (const c of pod.containers) expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      // The operator turns spec resources into container requests and limits (limit factor 1).
      for (const role of ['jobManager', 'taskManager']) {
        expect(fd.spec[role].resource.cpu).toBeGreaterThan(0);
        expect(fd.spec[role].resource.memory).toMatch(/^\d+m$/);
      }
    }
  });

  test('every function Deployment has a NetworkPolicy and a PodDisruptionBudget selecting its pods', () => {
    for (const d of manifests.filter((m) => m.kind === 'Deployment')) {
      const selector = d.spec.selector.matchLabels;
      const labels = d.spec.template.metadata.labels;
      const np = manifests.filter((m) => m.kind === 'NetworkPolicy' && Object.entries(m.spec.podSelector.matchLabels).every(([k, v]) => labels[k] === v));
      expect(np).toHaveLength(1);
      expect(np[0].spec.policyTypes).toContain('Ingress');
      for (const rule of np[0].spec.ingress) expect(rule.from.length).toBeGreaterThan(0);
      const pdb = manifests.filter((m) => m.kind === 'PodDisruptionBudget' && JSON.stringify(m.spec.selector.matchLabels) === JSON.stringify(selector));
      expect(pdb).toHaveLength(1);
    }
  });

  test('no broad RBAC: no ClusterRole or ClusterRoleBinding, Roles limited to the documented resources and verbs', () => {
    expect(manifests.filter((m) => m.kind === 'ClusterRole' || m.kind === 'ClusterRoleBinding')).toEqual([]);
    for (const role of manifests.filter((m) => m.kind === 'Role')) expect(role.rules).toEqual(DOCUMENTED_RULES);
    for (const sa of manifests.filter((m) => m.kind === 'ServiceAccount')) expect(sa.automountServiceAccountToken).toBe(false);
    for (const m of manifests) expect(m.kind === 'Service' ? m.spec.type : 'ClusterIP').toBe('ClusterIP');
  });
});

function collectImages(obj: any): string[] {
  const out: string[] = [];
  const visit = (v: any, key?: string) => {
    if (key === 'image' && typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => visit(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(obj);
  return out;
}
