import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkedScope } from './guard-schemas';
import { MONITORING_API_VERSION, PrometheusOperatorOptions, renderPrometheusDuration } from './prometheus-operator';

/** Props of a `FunctionServiceMonitor`. */
export interface FunctionServiceMonitorProps {
  /** Name of the ServiceMonitor (the function's name). */
  readonly name: string;
  /** Labels of the function's Service to select. */
  readonly serviceLabels: { [key: string]: string };
  /**
   * HTTP path of the metrics endpoint.
   * @default '/metrics'
   */
  readonly path?: string;
  /**
   * Labels and scrape interval.
   * @default - no labels, the Prometheus default interval
   */
  readonly options?: PrometheusOperatorOptions;
}

/**
 * A Prometheus Operator ServiceMonitor for a remote function's metrics, scraping the Service port named
 * `metrics`. `RemoteFunction` creates one when it has a `metricsPort` and its app sets `prometheusOperator`.
 */
export class FunctionServiceMonitor extends Construct {
  /** The ServiceMonitor object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: FunctionServiceMonitorProps) {
    super(checkedScope(scope, id, 'FunctionServiceMonitorProps', props), id);
    const options = props.options ?? {};
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: MONITORING_API_VERSION,
      kind: 'ServiceMonitor',
      metadata: { name: props.name, labels: options.labels ? { ...options.labels } : undefined },
      spec: {
        selector: { matchLabels: { ...props.serviceLabels } },
        endpoints: [{
          port: 'metrics',
          path: props.path ?? '/metrics',
          interval: options.scrapeInterval ? renderPrometheusDuration(options.scrapeInterval) : undefined,
        }],
      },
    });
  }
}
