import { Duration } from 'cdk8s';
import { Problem } from './errors';

/** apiVersion of the Prometheus Operator kinds (PodMonitor, ServiceMonitor, PrometheusRule). @internal */
export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';

/**
 * Prometheus Operator objects for a StateFun app. Opt-in: the kinds exist only where the operator's CRDs
 * are installed.
 */
export interface PrometheusOperatorOptions {
  /**
   * A PodMonitor scraping the `metrics` port of the JobManager and TaskManagers.
   * @default true
   */
  readonly podMonitor?: boolean;
  /**
   * A ServiceMonitor for each of the app's remote functions that declares a `metricsPort`.
   * @default true
   */
  readonly serviceMonitors?: boolean;
  /**
   * A PrometheusRule with the StateFun alerts: invalid Kafka records skipped, sustained skipping,
   * job restarts and failing checkpoints.
   * @default true
   */
  readonly alerts?: boolean;
  /**
   * Labels your Prometheus selects monitors and rules by (`serviceMonitorSelector`, `ruleSelector`),
   * e.g. `{ release: 'kube-prometheus-stack' }`.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Scrape interval of the monitors.
   * @default - the Prometheus default
   */
  readonly scrapeInterval?: Duration;
  /**
   * Namespace Prometheus runs in. The functions' NetworkPolicies then admit scrapes of the metrics port
   * only from pods of that namespace.
   * @default - pods in any namespace may reach a function's metrics port (and only that port)
   */
  readonly prometheusNamespace?: string;
}

/** Prometheus duration syntax (`30s`, `1m30s`); whole seconds only. @internal */
export function renderPrometheusDuration(d: Duration): string {
  let seconds = Math.round(d.toSeconds());
  const parts: string[] = [];
  for (const [size, unit] of [[3600, 'h'], [60, 'm'], [1, 's']] as Array<[number, string]>) {
    const n = Math.floor(seconds / size);
    if (n > 0) parts.push(`${n}${unit}`);
    seconds -= n * size;
  }
  return parts.join('') || '0';
}

/** @internal */
export function prometheusOperatorProblems(field: string, options: PrometheusOperatorOptions | undefined): Problem[] {
  if (!options) return [];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(options.labels ?? {})) {
    if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(key) || typeof value !== 'string' || !/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/.test(value)) {
      problems.push({ field: `${field}.labels['${key}']`, value, why: 'not a valid Kubernetes label key/value', fix: "use e.g. { release: 'kube-prometheus-stack' }" });
    }
  }
  const interval = options.scrapeInterval;
  if (interval !== undefined && (interval.toMilliseconds() < 1000 || interval.toMilliseconds() % 1000 !== 0)) {
    problems.push({ field: `${field}.scrapeInterval`, value: interval, why: 'scrape intervals are whole seconds, at least 1s', fix: 'use e.g. Duration.seconds(30)' });
  }
  const ns = options.prometheusNamespace;
  if (ns !== undefined && (typeof ns !== 'string' || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(ns))) {
    problems.push({ field: `${field}.prometheusNamespace`, value: ns, why: 'not a namespace name (DNS label)', fix: "write e.g. 'monitoring'" });
  }
  return problems;
}
