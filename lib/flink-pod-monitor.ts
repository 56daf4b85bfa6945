import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkedScope } from './guard-schemas';
import { MONITORING_API_VERSION, PrometheusOperatorOptions, renderPrometheusDuration } from './prometheus-operator';
import type { StateFunApp } from './statefun-app';

/** Props of a `FlinkPodMonitor`. */
export interface FlinkPodMonitorProps {
  /** The app whose JobManager and TaskManagers are scraped. */
  readonly app: StateFunApp;
  /**
   * Labels and scrape interval.
   * @default - no labels, the Prometheus default interval
   */
  readonly options?: PrometheusOperatorOptions;
}

/**
 * A Prometheus Operator PodMonitor for an app's Flink pods (JobManager and TaskManagers), scraping the
 * Prometheus reporter on the named container port `metrics`. Created by the app when `prometheusOperator`
 * is set; the pods are selected by `app.flinkPodLabels`, which the operator copies from the pod template.
 */
export class FlinkPodMonitor extends Construct {
  /** The PodMonitor object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: FlinkPodMonitorProps) {
    super(checkedScope(scope, id, 'FlinkPodMonitorProps', props), id);
    const options = props.options ?? {};
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: MONITORING_API_VERSION,
      kind: 'PodMonitor',
      metadata: { name: `${props.app.name}-flink`, labels: options.labels ? { ...options.labels } : undefined },
      spec: {
        selector: { matchLabels: { ...props.app.flinkPodLabels } },
        podMetricsEndpoints: [{
          port: 'metrics',
          path: '/metrics',
          interval: options.scrapeInterval ? renderPrometheusDuration(options.scrapeInterval) : undefined,
        }],
      },
    });
  }
}
