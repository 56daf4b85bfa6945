import { Duration, Testing } from 'cdk8s';
import { FlinkMetrics, OperatorVersion, StateFunAlerts } from '../lib';
import { expectValidManifests } from './support/schemas';
import { flinkMain, functionPolicy, only, secureApp } from './support/secure-app';

const MONITORING = { labels: { release: 'kube-prometheus-stack' }, scrapeInterval: Duration.seconds(30) };

describe('metrics reporter and named ports (always on)', () => {
  const manifests = Testing.synth(secureApp({ fn: { metricsPort: 9100 } }).chart);

  test('the Prometheus reporter on 9249, exposed as container port `metrics` of JobManager and TaskManagers', () => {
    const conf = only(manifests, 'FlinkDeployment').spec.flinkConfiguration;
    expect(conf['metrics.reporter.prom.factory.class']).toBe('org.apache.flink.metrics.prometheus.PrometheusReporterFactory');
    expect(conf['metrics.reporter.prom.port']).toBe('9249');
    // The top-level pod template applies to both JobManager and TaskManager pods.
    expect(flinkMain(manifests).ports).toEqual([{ name: 'metrics', containerPort: 9249, protocol: 'TCP' }]);
    expect(only(manifests, 'FlinkDeployment').spec.jobManager.podTemplate).toBeUndefined();
  });

  test('a function metricsPort becomes container and Service port `metrics`', () => {
    const container = only(manifests, 'Deployment').spec.template.spec.containers[0];
    expect(container.ports).toEqual([{ containerPort: 8080, name: 'http' }, { containerPort: 9100, name: 'metrics' }]);
    expect(only(manifests, 'Service').spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 8080 },
      { name: 'metrics', port: 9100, targetPort: 9100 },
    ]);
  });

  test('the NetworkPolicy admits scrapers on the metrics port only (any namespace by default)', () => {
    const np = functionPolicy(manifests);
    expect(np.spec.ingress).toHaveLength(2);
    expect(np.spec.ingress[1]).toEqual({ from: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 9100 }] });
    // The function port stays reserved for the app's Flink pods.
    expect(np.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
    expect(np.spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { 'cdk8s-statefun/app': 'orders' } } }]);
  });

  test('no Prometheus Operator objects unless asked for', () => {
    expect(manifests.filter((m) => m.apiVersion === 'monitoring.coreos.com/v1')).toEqual([]);
  });
});

describe('prometheusOperator: PodMonitor, ServiceMonitor, PrometheusRule', () => {
  const built = secureApp({ app: { prometheusOperator: { ...MONITORING, prometheusNamespace: 'monitoring' } }, fn: { metricsPort: 9100, metricsPath: '/prometheus' } });
  const manifests = Testing.synth(built.chart);

  test('all three validate and carry the selector labels', () => {
    expectValidManifests(manifests, '1.16');
    for (const kind of ['PodMonitor', 'ServiceMonitor', 'PrometheusRule']) {
      const o = only(manifests, kind);
      expect(o.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(o.metadata.labels).toEqual({ release: 'kube-prometheus-stack' });
      expect(o.metadata.namespace).toBe('streaming');
    }
  });

  test('the PodMonitor selects exactly the Flink pods of the app and scrapes port `metrics`', () => {
    const pm = only(manifests, 'PodMonitor');
    const fd = only(manifests, 'FlinkDeployment');
    expect(pm.metadata.name).toBe('orders-flink');
    expect(pm.spec.selector).toEqual({ matchLabels: built.app.flinkPodLabels });
    expect(fd.spec.podTemplate.metadata.labels).toMatchObject(pm.spec.selector.matchLabels);
    expect(pm.spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '30s' }]);
  });

  test('the ServiceMonitor selects the function Service and scrapes its `metrics` port at the given path', () => {
    const sm = only(manifests, 'ServiceMonitor');
    const svc = only(manifests, 'Service');
    expect(sm.metadata.name).toBe('handler');
    for (const [k, v] of Object.entries(sm.spec.selector.matchLabels)) expect(svc.metadata.labels[k]).toBe(v);
    expect(sm.spec.endpoints).toEqual([{ port: 'metrics', path: '/prometheus', interval: '30s' }]);
    expect(svc.spec.ports.map((p: any) => p.name)).toContain('metrics');
  });

  test('prometheusNamespace narrows the metrics rule of the NetworkPolicy to that namespace', () => {
    expect(functionPolicy(manifests).spec.ingress[1].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]);
  });

  test('the PrometheusRule holds the StateFun alerts, scoped to the job and namespace', () => {
    const rule = only(manifests, 'PrometheusRule');
    expect(rule.spec.groups).toHaveLength(1);
    const rules = rule.spec.groups[0].rules;
    expect(rules.map((r: any) => [r.alert, r.labels.severity])).toEqual([
      ['StateFunInvalidRecordsSkipped', 'warning'],
      ['StateFunInvalidRecordsSustained', 'critical'],
      ['StateFunJobRestarting', 'warning'],
      ['StateFunCheckpointsFailing', 'warning'],
    ]);
    const sel = '{job_name="orders",namespace="streaming"}';
    expect(rules[0].expr).toBe(`sum by (namespace, job_name, topic, defect) (increase(flink_taskmanager_job_task_operator_deserializer_numInvalidRecordsSkipped${sel}[5m])) > 0`);
    expect(rules[1].expr).toBe(`sum by (namespace, job_name, topic, defect) (rate(flink_taskmanager_job_task_operator_deserializer_numInvalidRecordsSkipped${sel}[15m])) > 0.1`);
    expect(rules[2].expr).toBe(`sum by (namespace, job_name) (increase(flink_jobmanager_job_numRestarts${sel}[10m])) > 0`);
    expect(rules[3].expr).toBe(`sum by (namespace, job_name) (increase(flink_jobmanager_job_numberOfFailedCheckpoints${sel}[10m])) > 0`);
    expect(rules[0].annotations.summary).toBe('Invalid Kafka records skipped on topic {{ $labels.topic }} ({{ $labels.defect }})');
  });

  test('the job_name matcher follows statefun.jobName', () => {
    const { chart } = secureApp({ app: { prometheusOperator: {}, statefun: { jobName: 'orders-v2' } } });
    const rules = only(Testing.synth(chart), 'PrometheusRule').spec.groups[0].rules;
    for (const r of rules) expect(r.expr).toContain('job_name="orders-v2"');
  });

  test('valid against the 1.15 target too', () => {
    const { chart } = secureApp({ app: { operatorVersion: OperatorVersion.V1_15, prometheusOperator: MONITORING }, fn: { metricsPort: 9100 } });
    expectValidManifests(Testing.synth(chart), '1.15');
  });
});

describe('prometheusOperator: toggles and refusals', () => {
  test('each object can be turned off; functions without metricsPort get no ServiceMonitor', () => {
    const off = { podMonitor: false, alerts: false, serviceMonitors: false };
    const none = Testing.synth(secureApp({ app: { prometheusOperator: off }, fn: { metricsPort: 9100 } }).chart);
    expect(none.filter((m) => m.apiVersion === 'monitoring.coreos.com/v1')).toEqual([]);
    const noPort = Testing.synth(secureApp({ app: { prometheusOperator: {} } }).chart);
    expect(noPort.filter((m) => m.apiVersion === 'monitoring.coreos.com/v1').map((m) => m.kind).sort()).toEqual(['PodMonitor', 'PrometheusRule']);
    expectValidManifests(noPort, '1.16');
  });

  test('monitors without the reporter, bad labels, intervals and ports are refused', () => {
    expect(() => secureApp({ app: { prometheusOperator: {}, metrics: FlinkMetrics.disabled() } }))
      .toThrow(/prometheusOperator = "metrics: FlinkMetrics.disabled\(\)": the PodMonitor and the alerts need the Prometheus reporter of the Flink pods/);
    expect(() => secureApp({ app: { prometheusOperator: { labels: { 'bad key!': 'x' }, scrapeInterval: Duration.millis(500) } } }))
      .toThrow(/prometheusOperator.labels\['bad key!'\] = "x": not a valid Kubernetes label key\/value[\s\S]*prometheusOperator.scrapeInterval = Duration\(500 millis\): scrape intervals are whole seconds/);
    expect(() => secureApp({ fn: { metricsPort: 8080 } })).toThrow(/metricsPort = 8080: the metrics port must differ from the function port/);
    expect(() => secureApp({ fn: { metricsPath: '/metrics' } })).toThrow(/metricsPath = "\/metrics": a metrics path without metricsPort is never scraped/);
  });

  test('StateFunAlerts can be added to an app on its own', () => {
    const { chart, app } = secureApp({ namespace: null });
    new StateFunAlerts(chart, 'extra-alerts', { app });
    const rule = only(Testing.synth(chart), 'PrometheusRule');
    expect(rule.metadata.labels).toBeUndefined();
    // Without a namespace the alerts match the job name only.
    expect(rule.spec.groups[0].rules[2].expr).toBe('sum by (job_name) (increase(flink_jobmanager_job_numRestarts{job_name="orders"}[10m])) > 0');
  });
});
