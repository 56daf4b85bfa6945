import { checkArgs } from './guard-schemas';

/** Options of the Prometheus reporter. */
export interface PrometheusMetricsOptions {
  /**
   * Port the reporter listens on in JobManager and TaskManager pods (exposed as container port `metrics`).
   * @default 9249
   */
  readonly port?: number;
}

/** Metrics reporting of the Flink JVMs. */
export class FlinkMetrics {
  /** Flink's Prometheus reporter on a named container port (scraped by a PodMonitor when `podMonitor` is on). */
  public static prometheus(options: PrometheusMetricsOptions = {}): FlinkMetrics {
    checkArgs('FlinkMetrics.prometheus', options);
    return new FlinkMetrics(options.port ?? 9249);
  }

  /** No metrics reporter. */
  public static disabled(): FlinkMetrics {
    return new FlinkMetrics(undefined);
  }

  private constructor(
    /** The reporter port, undefined when disabled. */
    public readonly port?: number,
  ) {}
}
