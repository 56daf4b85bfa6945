import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { EXAMPLES_DIR, exampleNames, synthExample } from './support/examples';
import { ofKind, one } from './support/fixtures';
import { expectValidManifests } from './support/schemas';

describe.each(exampleNames())('example %s', (name) => {
  let synthesized: ReturnType<typeof synthExample> | undefined;
  const once = () => synthesized ??= synthExample(name);

  test('synthesizes and every manifest validates against the schemas of the operator versions it targets', () => {
    const { manifests } = once();
    expect(manifests.length).toBeGreaterThan(0);
    const versions = new Set(ofKind(manifests, 'FlinkDeployment').map((fd) => fd.spec.flinkVersion));
    // v2_0 is accepted by every operator from 1.11; v2_1/v2_2 need the 1.13+ CRD.
    if ([...versions].every((v) => v === 'v2_0')) expectValidManifests(manifests, '1.11');
    expectValidManifests(manifests, '1.15');
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

  test('targets the default operator 1.11: flinkVersion v2_0, valid against the 1.11.0 CRD', () => {
    expect(one(manifests, 'FlinkDeployment').spec.flinkVersion).toBe('v2_0');
    expectValidManifests(manifests, '1.11');
  });
});
