import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { EXAMPLES_DIR, exampleNames, synthExample } from './support/examples';
import { ofKind, one } from './support/fixtures';
import { expectValidManifests, OperatorTarget, validateManifests } from './support/schemas';

/**
 * The operator releases each example claims (its README says so): 1.16 (the default target) for all,
 * 1.13–1.15 unless the example uses a 1.16-only feature. A new example must state its claim here.
 */
const CLAIMS: Record<string, OperatorTarget[]> = {
  'all-components': ['1.13', '1.14', '1.15', '1.16'],
  'e2e-gate': ['1.15', '1.16'],
  'kafka-eks': ['1.15', '1.16'],
  'kinesis': ['1.15', '1.16'],
  'migration': ['1.13', '1.14', '1.15', '1.16'],
  'minio-local': ['1.13', '1.14', '1.15', '1.16'],
  'operator-116': ['1.16'],
  'quickstart': ['1.13', '1.14', '1.15', '1.16'],
};

test('every example states the operator releases it claims', () => {
  expect(Object.keys(CLAIMS).sort()).toEqual(exampleNames());
});

describe.each(exampleNames())('example %s', (name) => {
  let synthesized: ReturnType<typeof synthExample> | undefined;
  const once = () => synthesized ??= synthExample(name);

  test('synthesizes and every manifest validates against the CRDs of every operator release it claims', () => {
    const { manifests } = once();
    expect(manifests.length).toBeGreaterThan(0);
    for (const target of CLAIMS[name] ?? []) expectValidManifests(manifests, target);
  });

  test('has a README that names its synth command and every file the synth writes', () => {
    const readme = fs.readFileSync(path.join(EXAMPLES_DIR, name, 'README.md'), 'utf8');
    expect(readme).toContain(`npm run synth:${name}`);
    for (const file of once().files) expect(readme).toContain(file);
  });

  test('synthesizes byte-identically twice', () => {
    const first = once();
    const second = synthExample(name);
    expect(second.files).toEqual(first.files);
    for (const f of first.files) {
      expect(fs.readFileSync(path.join(second.outdir, f), 'utf8')).toBe(fs.readFileSync(path.join(first.outdir, f), 'utf8'));
    }
  });
});

describe('quickstart: the product guide deployment', () => {
  const { manifests } = synthExample('quickstart');

  test('holds one FlinkDeployment, the module ConfigMap, RBAC, the function objects and the IRSA ServiceAccount', () => {
    const kinds = manifests.map((m) => m.kind).sort();
    expect(kinds).toEqual(expect.arrayContaining([
      'ConfigMap', 'Deployment', 'FlinkDeployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget',
      'Role', 'RoleBinding', 'Service', 'ServiceAccount',
    ]));
    expect(ofKind(manifests, 'FlinkDeployment')).toHaveLength(1);
    expect(one(manifests, 'ServiceAccount').metadata.annotations['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::123456789012:role/statefun');
    for (const m of manifests) expect(m.metadata.namespace).toBe('my-app');
  });

  test('matches the guide: bucket, replicas 3-30 at 70% CPU, readiness /health on 8080, topic, fast leader election', () => {
    const fd = one(manifests, 'FlinkDeployment');
    const conf = fd.spec.flinkConfiguration;
    expect(conf['execution.checkpointing.dir']).toMatch(/^s3:\/\/my-bucket\//);
    expect(conf['high-availability.kubernetes.leader-election.lease-duration']).toBe('15s');
    expect(conf['high-availability.kubernetes.leader-election.renew-deadline']).toBe('10s');
    expect(conf['high-availability.kubernetes.leader-election.retry-period']).toBe('2s');
    const hpa = one(manifests, 'HorizontalPodAutoscaler');
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas, hpa.spec.metrics[0].resource.target.averageUtilization]).toEqual([3, 30, 70]);
    const container = one(manifests, 'Deployment').spec.template.spec.containers[0];
    expect(container.image).toBe('my-org/my-remote-function:1.0.0');
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/health', port: 8080 });
    const module = parseAllDocuments(one(manifests, 'ConfigMap').data['module.yaml']).map((d) => d.toJS());
    const svc = ofKind(manifests, 'Service').find((s) => s.metadata.name === 'order-handler');
    expect(module.find((d) => d.kind === 'io.statefun.endpoints.v2/http').spec.urlPathTemplate)
      .toBe(`http://${svc.metadata.name}.my-app.svc:${svc.spec.ports[0].port}/statefun`);
    expect(module.find((d) => d.kind === 'io.statefun.kafka.v1/ingress').spec.topics[0].topic).toBe('example.orders');
  });

  test('targets the default operator 1.16 with the image\'s flinkVersion v2_2; valid back to 1.13, not on 1.11', () => {
    expect(one(manifests, 'FlinkDeployment').spec.flinkVersion).toBe('v2_2');
    expectValidManifests(manifests, '1.16');
    expectValidManifests(manifests, '1.13');
    expect(validateManifests(manifests, '1.11')).toEqual([expect.stringMatching(/\/spec\/flinkVersion must be equal to one of the allowed values/)]);
  });
});

describe('operator-116: limits and savepoints as code', () => {
  const { manifests } = synthExample('operator-116');
  const apps = Object.fromEntries(ofKind(manifests, 'FlinkDeployment').map((fd) => [fd.metadata.name, fd]));

  test('JobManager and TaskManager with requests and limits in spec.*.resources; needs the 1.16 CRD', () => {
    expect(apps.orders.spec.jobManager.resources).toEqual({ requests: { cpu: '500m', memory: '1536Mi' }, limits: { cpu: '1', memory: '2Gi' } });
    expect(apps.orders.spec.taskManager.resources).toEqual({
      requests: { 'cpu': '1', 'ephemeral-storage': '10Gi', 'memory': '4Gi' },
      limits: { 'cpu': '2', 'ephemeral-storage': '20Gi', 'memory': '5Gi' },
    });
    expect(apps.orders.spec.jobManager.resource).toBeUndefined();
    expect(validateManifests(manifests, '1.15')).toContain('FlinkDeployment/orders: /spec/taskManager must NOT have additional properties (resources)');
  });

  test('a savepoint of orders, an imported savepoint, and orders-replay started from it', () => {
    const snaps = Object.fromEntries(ofKind(manifests, 'FlinkStateSnapshot').map((s) => [s.metadata.name, s.spec]));
    expect(snaps['orders-savepoint-2026-11-30']).toEqual({
      backoffLimit: 3,
      jobReference: { kind: 'FlinkDeployment', name: 'orders' },
      savepoint: { alreadyExists: false, disposeOnDelete: false, formatType: 'CANONICAL' },
    });
    const uri = 's3://acme-orders-statefun/orders/savepoints/savepoint-4f1c2a-7e0d9b1c';
    expect(snaps['orders-before-migration']).toEqual({ savepoint: { alreadyExists: true, disposeOnDelete: false, formatType: 'CANONICAL', path: uri } });
    expect(apps['orders-replay'].spec.job.initialSavepointPath).toBe(uri);
    expect(apps.orders.spec.flinkConfiguration['execution.checkpointing.savepoint-dir']).toBe('s3://acme-orders-statefun/orders/savepoints');
  });
});
