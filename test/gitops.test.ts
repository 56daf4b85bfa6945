import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CheckpointStore, S3Credentials } from '../lib';
import { expectValidManifests, loadManifestDir } from './support/schemas';
import { secureApp } from './support/secure-app';

/** A app using every object kind the library renders: Secret-backed store, monitors, alerts, function metrics. */
function fullApp(cdk8sApp: App) {
  return secureApp({
    cdk8sApp,
    store: (chart) => CheckpointStore.s3Compatible(chart, 'store', {
      bucket: 'ckpt', endpoint: 'http://minio.storage.svc:9000', credentials: S3Credentials.plaintextForLocalEmulator('minio', 'minio123'),
    }),
    app: { prometheusOperator: { labels: { release: 'kps' }, scrapeInterval: Duration.seconds(15) }, imageRegistry: 'mirror.example.com/proxy' },
    fn: { metricsPort: 9100, env: { LOG_LEVEL: kplus.EnvValue.fromValue('info') } },
  });
}

function synthTo(build: (app: App) => unknown): { dir: string; files: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-'));
  const app = new App({ outdir: dir });
  build(app);
  app.synth();
  return { dir, files: fs.readdirSync(dir).sort() };
}

describe('GitOps: byte-identical output across runs', () => {
  test('two synths of the same app into two directories give the same files, byte for byte', () => {
    const first = synthTo(fullApp);
    const second = synthTo(fullApp);
    expect(first.files).toEqual(['orders.pipeline.md', 'pipeline.k8s.yaml']);
    expect(second.files).toEqual(first.files);
    for (const f of first.files) {
      expect(fs.readFileSync(path.join(second.dir, f))).toEqual(fs.readFileSync(path.join(first.dir, f)));
    }
    const manifests = loadManifestDir(first.dir);
    expectValidManifests(manifests, '1.16');
    expect(new Set(manifests.map((m) => m.kind))).toEqual(new Set([
      'Role', 'ServiceAccount', 'RoleBinding', 'ConfigMap', 'Secret', 'FlinkDeployment', 'PodMonitor', 'PrometheusRule',
      'Deployment', 'Service', 'ServiceMonitor', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy',
    ]));
  });

  test('no timestamps, random names or absolute paths in the output', () => {
    const { dir } = synthTo(fullApp);
    const text = fs.readFileSync(path.join(dir, 'pipeline.k8s.yaml'), 'utf8');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(text).not.toContain(dir);
    expect(text).not.toContain(process.cwd());
  });
});

describe('GitOps: one kubectl apply -f succeeds', () => {
  test('identity, RBAC, ConfigMap and Secret come before the FlinkDeployment that needs them', () => {
    const { dir } = synthTo(fullApp);
    const kinds = loadManifestDir(dir).map((m) => m.kind);
    const fd = kinds.indexOf('FlinkDeployment');
    for (const kind of ['ServiceAccount', 'Role', 'RoleBinding', 'ConfigMap', 'Secret']) {
      expect(kinds.indexOf(kind)).toBeGreaterThanOrEqual(0);
      expect(kinds.indexOf(kind)).toBeLessThan(fd);
    }
    // The Role exists before the binding that refers to it, the ServiceAccount before its binding.
    expect(kinds.indexOf('Role')).toBeLessThan(kinds.indexOf('RoleBinding'));
    expect(kinds.indexOf('ServiceAccount')).toBeLessThan(kinds.indexOf('RoleBinding'));
  });

  test('the dependency order holds in Testing.synth too, and the monitors follow the objects they watch', () => {
    const manifests = Testing.synth(fullApp(Testing.app()).chart);
    const kinds = manifests.map((m) => m.kind);
    expect(kinds.slice(0, kinds.indexOf('FlinkDeployment') + 1).sort()).toEqual(['ConfigMap', 'FlinkDeployment', 'Role', 'RoleBinding', 'Secret', 'ServiceAccount']);
    expect(kinds.indexOf('Service')).toBeLessThan(kinds.indexOf('ServiceMonitor'));
  });
});
