import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { parseAllDocuments } from 'yaml';
import { FlinkVersion, FunctionType, HttpEndpoint, KafkaIngress, OperatorVersion, StateFunApp, StateFunImage, ValueType } from '../lib';
import { ALL_OPERATOR_VERSIONS, guideApp, ofKind, one } from './support/fixtures';
import { expectValidManifests, OperatorTarget } from './support/schemas';

describe('StateFunApp: the FlinkDeployment', () => {
  test('defaults: operator 1.16, flinkVersion v2_2 (the image\'s Flink, not the newest the CRD accepts), savepoint upgrades with a store (only savepoint restores honour allowNonRestoredState on Flink 2.2.1, FLINK-39513); valid on the 1.16 CRD and on 1.13–1.15', () => {
    const { chart, app } = guideApp();
    const manifests = Testing.synth(chart);
    const fd = one(manifests, 'FlinkDeployment');
    expect(app.operatorVersion).toBe(OperatorVersion.V1_16);
    expect(app.crdRelease).toBe('1.16-snapshot-6e9caeb4');
    expect(fd.spec.flinkVersion).toBe('v2_2');
    expect(fd.spec.job.upgradeMode).toBe('savepoint');
    // No 1.16-only field: the legacy resource, so older CRDs accept the same output.
    expect(fd.spec.jobManager).toEqual({ replicas: 1, resource: { cpu: 0.5, memory: '1024m' } });
    expect(fd.spec.taskManager.resource).toEqual({ cpu: 1, memory: '2048m' });
    expect(fd.spec.taskManager.resources).toBeUndefined();
    for (const target of ['1.16', '1.15', '1.14', '1.13'] as OperatorTarget[]) expectValidManifests(manifests, target);
    // 1.11/1.12 are opt-in: the default output is not valid there (v2_2 is not in their enum).
    expect(() => expectValidManifests(manifests, '1.11')).toThrow(/\/spec\/flinkVersion must be equal to one of the allowed values/);
  });

  test('without a store the default upgrade mode is stateless', () => {
    const chart = new Chart(Testing.app(), 'c');
    const app = new StateFunApp(chart, 'app');
    expect(app.upgradeMode).toBe('stateless');
  });

  test('flinkVersion follows the image: a Flink 2.3 image on 1.16 gets v2_3; capped at v2_2 on 1.15 and v2_0 on 1.11', () => {
    const image = StateFunImage.fromImage('registry.example.com/statefun:flink-2.3', '3.4.0-KZM-3.5', { flinkVersion: FlinkVersion.V2_3 });
    expect(image.flinkVersion).toBe(FlinkVersion.V2_3);
    expect(StateFunImage.kzmlabs().flinkVersion).toBe(FlinkVersion.V2_2);
    const version = (operatorVersion?: OperatorVersion) => new StateFunApp(new Chart(Testing.app(), 'c'), 'app', { image, operatorVersion }).flinkVersion;
    expect([version(), version(OperatorVersion.V1_15), version(OperatorVersion.V1_12), version(OperatorVersion.V1_11)]).toEqual(['v2_3', 'v2_2', 'v2_0', 'v2_0']);
    const { chart } = guideApp({ image });
    const manifests = Testing.synth(chart);
    expect(one(manifests, 'FlinkDeployment').spec.flinkVersion).toBe('v2_3');
    expectValidManifests(manifests, '1.16');
    expect(() => expectValidManifests(manifests, '1.15')).toThrow(/\/spec\/flinkVersion must be equal to one of the allowed values/);
  });

  test('operator 1.15 gets v2_2 (what the images run) and validates against the 1.15.0 CRD', () => {
    const { chart } = guideApp({ operatorVersion: OperatorVersion.V1_15 });
    const manifests = Testing.synth(chart);
    expect(one(manifests, 'FlinkDeployment').spec.flinkVersion).toBe('v2_2');
    expectValidManifests(manifests, '1.15');
  });

  test.each(ALL_OPERATOR_VERSIONS)('operator %s: output validates against its CRD, every config value a string', (version) => {
    const { chart } = guideApp({ operatorVersion: version });
    const manifests = Testing.synth(chart);
    const fd = one(manifests, 'FlinkDeployment');
    for (const value of Object.values(fd.spec.flinkConfiguration)) expect(typeof value).toBe('string');
    expectValidManifests(manifests, version as OperatorTarget);
  });

  test('runtime truths: runner jar, module key, parent-first patterns, restart-strategy keys', () => {
    const fd = one(Testing.synth(guideApp().chart), 'FlinkDeployment');
    const conf = fd.spec.flinkConfiguration;
    expect(fd.spec.job.jarURI).toBe('local:///opt/flink/statefun-flink-runner.jar');
    expect(fd.spec.job.entryClass).toBeUndefined();
    expect(conf['statefun.remote.module-name']).toBe('file:///opt/statefun/module.yaml');
    expect(conf['classloader.parent-first-patterns.additional']).toBe('org.apache.flink.statefun;org.apache.kafka;com.google.protobuf');
    expect(conf['classloader.resolve-order']).toBe('parent-first');
    expect(conf['restart-strategy.type']).toBe('fixed-delay');
    expect(conf['restart-strategy.fixed-delay.attempts']).toBe('3');
    expect(conf['restart-strategy.fixed-delay.delay']).toBe('5s');
    expect(Object.keys(conf).filter((k) => k.startsWith('execution.restart-strategy'))).toEqual([]);
    for (const legacy of ['state.backend', 'high-availability', 'restart-strategy']) expect(conf[legacy]).toBeUndefined();
    expect(conf['state.backend.type']).toBe('rocksdb');
    expect(conf['high-availability.type']).toBe('kubernetes');
    expect(conf['execution.checkpointing.interval']).toBe('10s');
  });

  test('the module ConfigMap is mounted at /opt/statefun in the top-level pod template (JobManager and TaskManagers)', () => {
    const manifests = Testing.synth(guideApp().chart);
    const fd = one(manifests, 'FlinkDeployment');
    const cm = one(manifests, 'ConfigMap');
    const pod = fd.spec.podTemplate.spec;
    const main = pod.containers.find((c: any) => c.name === 'flink-main-container');
    const mount = main.volumeMounts.find((m: any) => m.mountPath === '/opt/statefun');
    expect(mount.readOnly).toBe(true);
    const volume = pod.volumes.find((v: any) => v.name === mount.name);
    expect(volume.configMap.name).toBe(cm.metadata.name);
    expect(Object.keys(cm.data)).toEqual(['module.yaml']);
    // The operator owns /opt/flink/conf; JM/TM-specific templates would miss one of the two.
    for (const c of pod.containers) for (const m of c.volumeMounts ?? []) expect(m.mountPath.startsWith('/opt/flink/conf')).toBe(false);
    expect(fd.spec.jobManager.podTemplate).toBeUndefined();
    expect(fd.spec.taskManager.podTemplate).toBeUndefined();
  });

  test('guide fields are typed props: image, resources, job state, upgrade mode, parallelism, service account', () => {
    const { chart, app } = guideApp({ parallelism: 4, image: StateFunImage.kzmlabs('3.4.0-KZM-3.4') });
    const fd = one(Testing.synth(chart), 'FlinkDeployment');
    expect(fd.spec.image).toBe('ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.4');
    expect(fd.spec.jobManager.resource).toEqual({ cpu: 0.5, memory: '1024m' });
    expect(fd.spec.taskManager.resource).toEqual({ cpu: 1, memory: '2048m' });
    expect(fd.spec.job).toMatchObject({ state: 'running', upgradeMode: 'savepoint', parallelism: 4 });
    expect(fd.spec.serviceAccount).toBe(app.serviceAccount.name);
    expect(fd.metadata).toEqual({ name: 'my-statefun', namespace: 'my-app' });
  });
});

describe('StateFunApp: identity and RBAC', () => {
  test('creates a ServiceAccount, a namespaced Role with only the documented rules, and a RoleBinding', () => {
    const manifests = Testing.synth(guideApp().chart);
    const sa = one(manifests, 'ServiceAccount');
    const role = one(manifests, 'Role');
    const binding = one(manifests, 'RoleBinding');
    expect(ofKind(manifests, 'ClusterRole')).toEqual([]);
    expect(ofKind(manifests, 'ClusterRoleBinding')).toEqual([]);
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments', 'deployments/finalizers'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
    ]);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: sa.metadata.name, namespace: 'my-app' }]);
    expect(one(manifests, 'FlinkDeployment').spec.serviceAccount).toBe(sa.metadata.name);
  });

  test('an existing ServiceAccount is used as is: no ServiceAccount, Role or RoleBinding is created', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    const existing = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'flink');
    const { app } = attachMinimalModule(new StateFunApp(chart, 'app', { serviceAccount: existing }));
    const manifests = Testing.synth(chart);
    expect(ofKind(manifests, 'ServiceAccount')).toEqual([]);
    expect(ofKind(manifests, 'Role')).toEqual([]);
    expect(ofKind(manifests, 'RoleBinding')).toEqual([]);
    expect(one(manifests, 'FlinkDeployment').spec.serviceAccount).toBe('flink');
    expect(app.serviceAccount.name).toBe('flink');
  });

  test('S3 through IRSA: role annotation on the ServiceAccount, AWS_REGION on the Flink pods, no static keys', () => {
    const manifests = Testing.synth(guideApp().chart);
    const sa = one(manifests, 'ServiceAccount');
    expect(sa.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/statefun' });
    const fd = one(manifests, 'FlinkDeployment');
    const main = fd.spec.podTemplate.spec.containers[0];
    expect(main.env).toContainEqual({ name: 'AWS_REGION', value: 'us-east-1' });
    const conf = fd.spec.flinkConfiguration;
    expect(Object.keys(conf).filter((k) => /access-key|secret-key/.test(k))).toEqual([]);
    expect(conf['execution.checkpointing.dir']).toBe('s3://my-bucket/my-statefun/checkpoints');
    expect(conf['execution.checkpointing.savepoint-dir']).toBe('s3://my-bucket/my-statefun/savepoints');
    expect(conf['high-availability.storageDir']).toBe('s3://my-bucket/my-statefun/ha');
  });
});

describe('StateFunApp: module.yaml', () => {
  test('the endpoint URL resolves to the function Service name, namespace and port', () => {
    const manifests = Testing.synth(guideApp().chart);
    const svc = one(manifests, 'Service');
    const docs = parseAllDocuments(one(manifests, 'ConfigMap').data['module.yaml']).map((d) => d.toJS());
    const endpoint = docs.find((d) => d.kind === 'io.statefun.endpoints.v2/http');
    const port = svc.spec.ports.find((p: any) => p.name === 'http').port;
    expect(endpoint.spec.urlPathTemplate).toBe(`http://${svc.metadata.name}.${svc.metadata.namespace}.svc:${port}/statefun`);
    expect(endpoint.spec.functions).toBe('example/*');
    const ingress = docs.find((d) => d.kind === 'io.statefun.kafka.v1/ingress');
    expect(ingress.spec).toEqual({
      id: 'example/orders',
      address: 'kafka.my-app.svc:9092',
      consumerGroupId: 'example-statefun',
      startupPosition: { type: 'latest' },
      autoOffsetResetPosition: 'latest',
      topics: [{ topic: 'example.orders', valueType: 'example/Order', targets: ['example/order-handler'] }],
    });
  });

  test('a changed module changes the pod-template hash; the same app gives byte-identical YAML', () => {
    const first = guideApp();
    const second = guideApp();
    expect(first.app.moduleSha256()).toBe(second.app.moduleSha256());
    expect(JSON.stringify(Testing.synth(first.chart))).toBe(JSON.stringify(Testing.synth(second.chart)));
    const hash = one(Testing.synth(first.chart), 'FlinkDeployment').spec.podTemplate.metadata.annotations['cdk8s-statefun/module-sha256'];
    expect(hash).toBe(first.app.moduleSha256());
    const changed = guideApp();
    new HttpEndpoint(changed.chart, 'extra', { app: changed.app, functions: 'other/*', url: 'https://fn.example.com/statefun' });
    expect(changed.app.moduleSha256()).not.toBe(hash);
  });
});

describe('StateFunApp: refusals', () => {
  test('v2_2 on operator 1.11 is refused at construction with the accepted values', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => new StateFunApp(chart, 'app', { operatorVersion: OperatorVersion.V1_11, flinkVersion: FlinkVersion.V2_2 }))
      .toThrow('[c/app] flinkVersion = "v2_2": operator 1.11\'s CRD accepts only v2_0; the API server would reject the FlinkDeployment. Fix: use FlinkVersion.V2_0 or target OperatorVersion.V1_13 or newer');
  });

  test('an app without ingress or endpoint fails synth, naming both', () => {
    const chart = new Chart(Testing.app(), 'c');
    new StateFunApp(chart, 'app');
    expect(() => Testing.synth(chart)).toThrow(/\[c\/app\] module = "0 endpoint\(s\), 0 ingress\(es\)": StateFun refuses to start without an ingress/);
    expect(() => Testing.synth(chart)).toThrow(/There are no function providers defined/);
  });

  test('a moving image tag is refused', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => new StateFunApp(chart, 'app', { image: StateFunImage.kzmlabs('latest') })).toThrow(/image = "ghcr.io\/kzmlabs\/flink-statefun:latest": `latest` is a moving tag/);
  });

  test('a name the operator rejects is refused when the app is created, with the rule', () => {
    expect(() => guideApp({ name: 'My_App' })).toThrow(/name = "My_App": the operator requires lower-case alphanumerics/);
  });
});

function attachMinimalModule(app: StateFunApp) {
  new HttpEndpoint(app, 'ep', { app, functions: 'example/*', url: 'https://fn.example.com/statefun' });
  new KafkaIngress(app, 'in', { app, ingressId: 'example/in', address: 'kafka:9092', consumerGroupId: 'g', topics: [{ topic: 't', valueType: ValueType.of('example/T'), targets: [FunctionType.of('example/fn')] }] });
  return { app };
}
