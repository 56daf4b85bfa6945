import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { checkedScope } from './guard-schemas';
import { MONITORING_API_VERSION, PrometheusOperatorOptions } from './prometheus-operator';
import type { StateFunApp } from './statefun-app';

/** One alerting rule as written into a PrometheusRule. @internal */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/** The Prometheus name of the Kzmlabs invalid-record counter (Kafka source, `deserializer` group). @internal */
export const INVALID_RECORDS_METRIC = 'flink_taskmanager_job_task_operator_deserializer_numInvalidRecordsSkipped';

/**
 * The StateFun alerts for one Flink job. Every expression is scoped to the job (`job_name`, the Flink
 * reporter's label for `statefun.flink-job-name`) and, when known, the namespace Prometheus records
 * for the target, so several apps can share a Prometheus without cross-talk.
 * @internal
 */
export function stateFunAlertRules(jobName: string, namespace: string | undefined): AlertRule[] {
  const matchers = [`job_name="${escapeLabelValue(jobName)}"`];
  if (namespace) matchers.push(`namespace="${escapeLabelValue(namespace)}"`);
  const sel = `{${matchers.join(',')}}`;
  const by = namespace ? 'namespace, job_name' : 'job_name';
  return [
    {
      // Kzmlabs alerting guide: any skipped record (skip is the default invalidRecordHandling from KZM-3.5).
      alert: 'StateFunInvalidRecordsSkipped',
      expr: `sum by (${by}, topic, defect) (increase(${INVALID_RECORDS_METRIC}${sel}[5m])) > 0`,
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Invalid Kafka records skipped on topic {{ $labels.topic }} ({{ $labels.defect }})',
        description: `StateFun job ${jobName} skipped records with a null key or value in the last 5 minutes; they are dropped, not retried.`,
      },
    },
    {
      alert: 'StateFunInvalidRecordsSustained',
      expr: `sum by (${by}, topic, defect) (rate(${INVALID_RECORDS_METRIC}${sel}[15m])) > 0.1`,
      labels: { severity: 'critical' },
      annotations: {
        summary: 'Sustained invalid Kafka records on topic {{ $labels.topic }} ({{ $labels.defect }})',
        description: `StateFun job ${jobName} has skipped more than 0.1 invalid records per second over 15 minutes: a producer is writing bad records.`,
      },
    },
    {
      alert: 'StateFunJobRestarting',
      expr: `sum by (${by}) (increase(flink_jobmanager_job_numRestarts${sel}[10m])) > 0`,
      labels: { severity: 'warning' },
      annotations: {
        summary: `StateFun job ${jobName} restarted`,
        description: 'The Flink job restarted in the last 10 minutes (failing function endpoint, bad module, lost TaskManager); see the JobManager log for the cause.',
      },
    },
    {
      alert: 'StateFunCheckpointsFailing',
      expr: `sum by (${by}) (increase(flink_jobmanager_job_numberOfFailedCheckpoints${sel}[10m])) > 0`,
      labels: { severity: 'warning' },
      annotations: {
        summary: `Checkpoints of StateFun job ${jobName} are failing`,
        description: 'At least one checkpoint failed in the last 10 minutes; without checkpoints upgrades and recovery fall back to older state.',
      },
    },
  ];
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Props of `StateFunAlerts`. */
export interface StateFunAlertsProps {
  /** The app whose job is watched. */
  readonly app: StateFunApp;
  /**
   * Labels (for the Prometheus `ruleSelector`).
   * @default - none
   */
  readonly options?: PrometheusOperatorOptions;
}

/**
 * A Prometheus Operator PrometheusRule with the StateFun alerts for one app: invalid Kafka records
 * skipped (warning) and sustained (critical), job restarts, failing checkpoints.
 */
export class StateFunAlerts extends Construct {
  /** The PrometheusRule object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: StateFunAlertsProps) {
    super(checkedScope(scope, id, 'StateFunAlertsProps', props), id);
    const app = props.app;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: MONITORING_API_VERSION,
      kind: 'PrometheusRule',
      metadata: { name: `${app.name}-statefun`, labels: props.options?.labels ? { ...props.options.labels } : undefined },
      spec: {
        // Lazy: the job name comes from the final configuration.
        groups: Lazy.any({
          produce: () => [{ name: `statefun.${app.name}`, rules: stateFunAlertRules(app.jobName, app.namespace) }],
        }),
      },
    });
  }
}
