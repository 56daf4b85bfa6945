import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  crdFor,
  expectValidManifests,
  loadManifestDir,
  validateFlinkDeployment,
  validateFlinkStateSnapshot,
  validateKubernetesObject,
  validateManifests,
} from './support/schemas';

function minimalFlinkDeployment(): any {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkDeployment',
    metadata: { name: 'demo' },
    spec: {
      image: 'flink:2.2',
      flinkVersion: 'v2_0',
      serviceAccount: 'flink',
      jobManager: { resource: { memory: '1024m', cpu: 0.5 } },
      taskManager: { resource: { memory: '2048m', cpu: 1 } },
      flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '1' },
      job: {
        jarURI: 'local:///opt/flink/statefun-flink-runner.jar',
        parallelism: 1,
        upgradeMode: 'stateless',
        state: 'running',
      },
    },
  };
}

function validDeployment(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 8080 }] }] },
      },
    },
  };
}

function validPodMonitor(): any {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: 'flink' },
    spec: {
      selector: { matchLabels: { app: 'demo' } },
      podMetricsEndpoints: [{ port: 'metrics', path: '/metrics', interval: '30s', scheme: 'http' }],
    },
  };
}

describe('crdFor', () => {
  test('maps operator targets to the vendored CRDs', () => {
    expect(crdFor('1.11')).toBe('1.11.0');
    expect(crdFor('1.12')).toBe('1.11.0');
    expect(crdFor('1.13')).toBe('1.15.0');
    expect(crdFor('1.14')).toBe('1.15.0');
    expect(crdFor('1.15')).toBe('1.15.0');
    expect(crdFor('1.16')).toBe('1.16-snapshot-6e9caeb4');
  });
});

describe('the operator 1.16 CRD', () => {
  test('accepts the minimal FlinkDeployment, v2_3/v2_4 and spec.*.resources; 1.15.0 refuses the new values and field', () => {
    expect(validateFlinkDeployment(minimalFlinkDeployment(), '1.16-snapshot-6e9caeb4')).toEqual([]);
    for (const v of ['v2_3', 'v2_4']) {
      const fd = minimalFlinkDeployment();
      fd.spec.flinkVersion = v;
      expect(validateFlinkDeployment(fd, '1.16-snapshot-6e9caeb4')).toEqual([]);
      expect(validateFlinkDeployment(fd, '1.15.0')).toEqual([expect.stringMatching(/\/spec\/flinkVersion must be equal to one of the allowed values/)]);
    }
    const fd = minimalFlinkDeployment();
    fd.spec.taskManager = { resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '3Gi' } } };
    expect(validateFlinkDeployment(fd, '1.16-snapshot-6e9caeb4')).toEqual([]);
    expect(validateFlinkDeployment(fd, '1.15.0')).toEqual(['FlinkDeployment/demo: /spec/taskManager must NOT have additional properties (resources)']);
  });

  test('resources quantities are int-or-string; other shapes are refused', () => {
    const fd = minimalFlinkDeployment();
    fd.spec.jobManager = { resources: { requests: { cpu: 1, memory: { amount: 1 } } } };
    expect(validateFlinkDeployment(fd, '1.16-snapshot-6e9caeb4').length).toBeGreaterThan(0);
  });
});

describe('validateFlinkStateSnapshot', () => {
  const snapshot = (spec: any) => ({ apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkStateSnapshot', metadata: { name: 'backup' }, spec });
  test('a savepoint, a checkpoint and an imported savepoint are valid', () => {
    expect(validateFlinkStateSnapshot(snapshot({ jobReference: { kind: 'FlinkDeployment', name: 'orders' }, savepoint: { formatType: 'CANONICAL', disposeOnDelete: false, alreadyExists: false } }))).toEqual([]);
    expect(validateFlinkStateSnapshot(snapshot({ jobReference: { kind: 'FlinkDeployment', name: 'orders' }, checkpoint: {}, backoffLimit: 1 }))).toEqual([]);
    expect(validateFlinkStateSnapshot(snapshot({ savepoint: { alreadyExists: true, path: 's3://b/sp-1' } }))).toEqual([]);
  });
  test('unknown fields and enum values are refused; validateManifests routes the kind to its CRD', () => {
    expect(validateFlinkStateSnapshot(snapshot({ savepoint: { formatType: 'BINARY' }, extra: 1 }))).toEqual([
      'FlinkStateSnapshot/backup: /spec must NOT have additional properties (extra)',
      expect.stringMatching(/^FlinkStateSnapshot\/backup: \/spec\/savepoint\/formatType must be equal to one of the allowed values/),
    ]);
    expect(validateManifests([snapshot({ jobReference: { kind: 'Deployment', name: 'x' } })], '1.16')).toEqual([
      expect.stringMatching(/^FlinkStateSnapshot\/backup: \/spec\/jobReference\/kind must be equal to one of the allowed values/),
    ]);
  });
});

describe('validateFlinkDeployment', () => {
  test.each(['1.11.0', '1.15.0'] as const)('minimal FlinkDeployment is valid against CRD %s', crd => {
    expect(validateFlinkDeployment(minimalFlinkDeployment(), crd)).toEqual([]);
  });

  test('flinkVersion v2_2 is only known to the 1.15.0 CRD', () => {
    const fd = minimalFlinkDeployment();
    fd.spec.flinkVersion = 'v2_2';
    const errors = validateFlinkDeployment(fd, '1.11.0');
    expect(errors).toEqual([expect.stringMatching(/^FlinkDeployment\/demo: \/spec\/flinkVersion must be equal to one of the allowed values/)]);
    expect(validateFlinkDeployment(fd, '1.15.0')).toEqual([]);
  });

  test('non-string flinkConfiguration values are rejected by 1.11.0 and preserved by 1.15.0', () => {
    const fd = minimalFlinkDeployment();
    fd.spec.flinkConfiguration['taskmanager.numberOfTaskSlots'] = 1;
    const errors = validateFlinkDeployment(fd, '1.11.0');
    expect(errors).toEqual(['FlinkDeployment/demo: /spec/flinkConfiguration/taskmanager.numberOfTaskSlots must be string']);
    expect(validateFlinkDeployment(fd, '1.15.0')).toEqual([]);
  });

  test.each(['1.11.0', '1.15.0'] as const)('unknown field job.jarUri is rejected (%s)', crd => {
    const fd = minimalFlinkDeployment();
    fd.spec.job.jarUri = fd.spec.job.jarURI;
    delete fd.spec.job.jarURI;
    expect(validateFlinkDeployment(fd, crd)).toEqual([
      'FlinkDeployment/demo: /spec/job must NOT have additional properties (jarUri)',
    ]);
  });

  test('unknown top-level field is rejected', () => {
    const fd = minimalFlinkDeployment();
    fd.extra = true;
    expect(validateFlinkDeployment(fd, '1.15.0')).toEqual([
      'FlinkDeployment/demo: / must NOT have additional properties (extra)',
    ]);
  });

  test('string cpu is rejected', () => {
    const fd = minimalFlinkDeployment();
    fd.spec.jobManager.resource.cpu = '1';
    expect(validateFlinkDeployment(fd, '1.15.0')).toEqual([
      'FlinkDeployment/demo: /spec/jobManager/resource/cpu must be number',
    ]);
  });

  test('unknown upgradeMode is rejected', () => {
    const fd = minimalFlinkDeployment();
    fd.spec.job.upgradeMode = 'yolo';
    const errors = validateFlinkDeployment(fd, '1.11.0');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^FlinkDeployment\/demo: \/spec\/job\/upgradeMode must be equal to one of the allowed values .*"stateless"/);
  });

  test('wrong apiVersion / kind and missing metadata are rejected', () => {
    const fd = minimalFlinkDeployment();
    fd.apiVersion = 'flink.apache.org/v1';
    fd.kind = 'FlinkSessionJob';
    delete fd.metadata;
    const errors = validateFlinkDeployment(fd, '1.15.0');
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringContaining('/apiVersion must be equal to constant ("flink.apache.org/v1beta1")'),
      expect.stringContaining('/kind must be equal to constant ("FlinkDeployment")'),
      expect.stringContaining('/metadata is required and must be an object'),
      expect.stringContaining("must have required property 'metadata'"),
    ]));
  });

  test('metadata.name must be a DNS-1123 subdomain (the CRD cannot check this)', () => {
    const fd = minimalFlinkDeployment();
    fd.metadata.name = 'Demo_Job';
    expect(validateFlinkDeployment(fd, '1.15.0')).toEqual([
      'FlinkDeployment/Demo_Job: /metadata/name "Demo_Job" is not a valid DNS-1123 subdomain',
    ]);
  });

  test.each(['1.11.0', '1.15.0'] as const)('podTemplate with int-or-string ports is valid (%s)', crd => {
    const fd = minimalFlinkDeployment();
    fd.spec.podTemplate = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { labels: { app: 'demo' } },
      spec: {
        containers: [{
          name: 'flink-main-container',
          ports: [{ name: 'http', containerPort: 8080 }],
          livenessProbe: { httpGet: { port: 8080, path: '/' } },
          readinessProbe: { httpGet: { port: 'http', path: '/' } },
        }],
      },
    };
    expect(validateFlinkDeployment(fd, crd)).toEqual([]);

    fd.spec.podTemplate.spec.containers[0].readinessProbe.httpGet.port = true;
    expect(validateFlinkDeployment(fd, crd)).toEqual(expect.arrayContaining([
      'FlinkDeployment/demo: /spec/podTemplate/spec/containers/0/readinessProbe/httpGet/port must be integer',
      'FlinkDeployment/demo: /spec/podTemplate/spec/containers/0/readinessProbe/httpGet/port must be string',
    ]));
  });

  test('podTemplate unknown container field is rejected', () => {
    const fd = minimalFlinkDeployment();
    fd.spec.podTemplate = { spec: { containers: [{ name: 'flink-main-container', imagePullPolicyy: 'Always' }] } };
    expect(validateFlinkDeployment(fd, '1.15.0')).toEqual([
      'FlinkDeployment/demo: /spec/podTemplate/spec/containers/0 must NOT have additional properties (imagePullPolicyy)',
    ]);
  });
});

describe('validateKubernetesObject', () => {
  test('a cdk8s-plus-27 Deployment passes', () => {
    const chart = Testing.chart();
    new kplus.Deployment(chart, 'd', { containers: [{ image: 'nginx', portNumber: 8080 }] });
    const manifests = Testing.synth(chart);
    expect(manifests.map(m => m.kind)).toContain('Deployment');
    for (const m of manifests) {
      expect(validateKubernetesObject(m)).toEqual([]);
    }
    expect(() => expectValidManifests(manifests, '1.15')).not.toThrow();
  });

  test('a hand-written Deployment passes', () => {
    expect(validateKubernetesObject(validDeployment())).toEqual([]);
  });

  test('a Deployment missing spec.selector fails', () => {
    const d = validDeployment();
    delete d.spec.selector;
    expect(validateKubernetesObject(d)).toEqual([
      "Deployment/web: /spec must have required property 'selector'",
    ]);
  });

  test('Deployment bounds: negative replicas, bad containerPort, duplicate container names, selector mismatch', () => {
    const d = validDeployment();
    d.spec.replicas = -1;
    d.spec.template.spec.containers[0].ports[0].containerPort = 70000;
    d.spec.template.spec.containers.push({ name: 'web', image: 'nginx' });
    d.spec.selector.matchLabels.app = 'other';
    expect(validateKubernetesObject(d)).toEqual([
      'Deployment/web: /spec/replicas must be >= 0 (got -1)',
      'Deployment/web: /spec/selector/matchLabels/app does not match /spec/template/metadata/labels',
      'Deployment/web: /spec/template/spec/containers/0/ports/0/containerPort must be an integer port number in 1..65535 (got 70000)',
      'Deployment/web: /spec/template/spec/containers/1/name duplicate container name "web"',
    ]);
  });

  test('unknown top-level keys and invalid names are rejected', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' }, data: { a: 'b' }, datas: {} };
    expect(validateKubernetesObject(cm)).toEqual([
      'ConfigMap/Bad_Name: / must NOT have additional properties (datas)',
      'ConfigMap/Bad_Name: /metadata/name "Bad_Name" is not a valid DNS-1123 subdomain',
    ]);
    const noName = { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} };
    expect(validateKubernetesObject(noName)).toEqual(['ConfigMap/<no name>: /metadata/name is required']);
  });

  test('ConfigMap data must be strings', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { n: 1 } };
    expect(validateKubernetesObject(cm)).toEqual(['ConfigMap/c: /data/n must be string']);
  });

  test('an HPA with minReplicas > maxReplicas fails', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 5,
        maxReplicas: 3,
      },
    };
    expect(validateKubernetesObject(hpa)).toEqual([
      'HorizontalPodAutoscaler/h: /spec/minReplicas (5) must be <= /spec/maxReplicas (3)',
    ]);
    hpa.spec.maxReplicas = 5;
    expect(validateKubernetesObject(hpa)).toEqual([]);
    hpa.spec.minReplicas = 0;
    expect(validateKubernetesObject(hpa)).toEqual(['HorizontalPodAutoscaler/h: /spec/minReplicas must be >= 1 (got 0)']);
  });

  test('a PDB must set exactly one of minAvailable / maxUnavailable', () => {
    const pdb: any = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'p' },
      spec: { selector: { matchLabels: { app: 'web' } }, minAvailable: 1 },
    };
    expect(validateKubernetesObject(pdb)).toEqual([]);
    pdb.spec.maxUnavailable = '50%';
    expect(validateKubernetesObject(pdb)).toEqual([
      'PodDisruptionBudget/p: /spec must set exactly one of minAvailable / maxUnavailable (got both)',
    ]);
  });

  test('Service port numbers must be in 1..65535', () => {
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }, { port: 0, targetPort: 99999 }] },
    };
    expect(validateKubernetesObject(svc)).toEqual([
      'Service/s: /spec/ports/1/port must be an integer port number in 1..65535 (got 0)',
      'Service/s: /spec/ports/1/targetPort must be an integer port number in 1..65535 (got 99999)',
    ]);
  });

  test('RBAC objects validate', () => {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
    };
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rb' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'flink' }],
    };
    expect(validateKubernetesObject(role)).toEqual([]);
    expect(validateKubernetesObject(binding)).toEqual([]);
    const { roleRef: _roleRef, ...noRoleRef } = binding;
    expect(validateKubernetesObject(noRoleRef)).toEqual(["RoleBinding/rb: / must have required property 'roleRef'"]);
  });

  test('an unknown kind fails with "no schema"', () => {
    const obj = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    expect(validateKubernetesObject(obj)).toEqual(['Widget/w: no schema for example.com/v1/Widget']);
    // a known kind at an unsupported version is unknown too
    const oldHpa = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' } };
    expect(validateKubernetesObject(oldHpa)).toEqual([
      'HorizontalPodAutoscaler/h: no schema for autoscaling/v1/HorizontalPodAutoscaler',
    ]);
  });

  test('a valid PodMonitor passes and an invalid one fails', () => {
    expect(validateKubernetesObject(validPodMonitor())).toEqual([]);
    const bad = validPodMonitor();
    delete bad.spec.selector;
    bad.spec.podMetricsEndpoints[0].port = 9249;
    bad.spec.podMetricsEndpoints[0].intervall = '30s';
    expect(validateKubernetesObject(bad)).toEqual([
      "PodMonitor/flink: /spec must have required property 'selector'",
      'PodMonitor/flink: /spec/podMetricsEndpoints/0 must NOT have additional properties (intervall)',
      'PodMonitor/flink: /spec/podMetricsEndpoints/0/port must be string',
    ]);
  });

  test('ServiceMonitor and PrometheusRule validate', () => {
    const sm = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'sm' },
      spec: { selector: { matchLabels: { app: 'demo' } }, endpoints: [{ port: 'metrics', path: '/metrics', interval: '15s' }] },
    };
    expect(validateKubernetesObject(sm)).toEqual([]);
    const rule: any = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'pr' },
      spec: {
        groups: [{
          name: 'flink',
          rules: [{
            alert: 'FlinkJobDown',
            expr: 'flink_jobmanager_numRunningJobs == 0',
            for: '5m',
            labels: { severity: 'critical' },
            annotations: { summary: 'job down' },
          }],
        }],
      },
    };
    expect(validateKubernetesObject(rule)).toEqual([]);
    delete rule.spec.groups[0].rules[0].expr;
    rule.spec.groups[0].rules[0].labels.severity = 1;
    expect(validateKubernetesObject(rule)).toEqual([
      "PrometheusRule/pr: /spec/groups/0/rules/0 must have required property 'expr'",
      'PrometheusRule/pr: /spec/groups/0/rules/0/labels/severity must be string',
    ]);
  });
});

describe('validateManifests / expectValidManifests', () => {
  test('routes FlinkDeployments to the CRD selected by the operator target', () => {
    const fd = minimalFlinkDeployment();
    fd.spec.flinkVersion = 'v2_2';
    const manifests = [fd, validDeployment(), validPodMonitor()];
    expect(validateManifests(manifests, '1.15')).toEqual([]);
    expect(validateManifests(manifests, '1.13')).toEqual([]);
    const errors = validateManifests(manifests, '1.12');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^FlinkDeployment\/demo: \/spec\/flinkVersion/);
  });

  test('expectValidManifests throws listing every problem', () => {
    const fd = minimalFlinkDeployment();
    fd.spec.job.upgradeMode = 'yolo';
    const unknown = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    expect(() => expectValidManifests([fd, unknown], '1.11')).toThrow(
      /2 schema violation\(s\) for operator 1\.11 \(CRD 1\.11\.0\):\n {2}- FlinkDeployment\/demo: \/spec\/job\/upgradeMode .*\n {2}- Widget\/w: no schema for example\.com\/v1\/Widget/,
    );
    expect(() => expectValidManifests([minimalFlinkDeployment()], '1.11')).not.toThrow();
  });

  test('does not mutate the manifests', () => {
    const manifests = [minimalFlinkDeployment(), validDeployment()];
    const before = JSON.stringify(manifests);
    validateManifests(manifests, '1.15');
    expect(JSON.stringify(manifests)).toBe(before);
  });
});

describe('loadManifestDir', () => {
  test('round-trips a directory written by cdk8s synth', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemas-test-'));
    try {
      const app = new App({ outdir });
      const b = new Chart(app, 'b-chart');
      new ApiObject(b, 'fd', minimalFlinkDeployment());
      const a = new Chart(app, 'a-chart');
      new kplus.Deployment(a, 'd', { containers: [{ image: 'nginx', portNumber: 8080 }] });
      new ApiObject(a, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { k: 'v' } });
      app.synth();
      fs.writeFileSync(path.join(outdir, 'c-empty.yaml'), '---\n---\n');
      fs.writeFileSync(path.join(outdir, 'notes.txt'), 'not a manifest');

      const loaded = loadManifestDir(outdir);
      const expected = [...Testing.synth(a), ...Testing.synth(b)];
      expect(loaded).toEqual(expected);
      expect(loaded.map(m => m.kind)).toEqual(['Deployment', 'ConfigMap', 'FlinkDeployment']);
      expect(validateManifests(loaded, '1.11')).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
