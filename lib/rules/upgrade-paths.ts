/**
 * Rule family `upgrade-path`: upgrades that are unsafe on the operator release the manifests target.
 *
 * FLINK-37571 (apache/flink-kubernetes-operator PR #964, commit 93e68f2b, first in release-1.12.0):
 * before a last-state redeploy the operator deletes the job-graph entries of the Kubernetes-HA
 * ConfigMaps; operator 1.11.0 matches only the `jobGraph-` prefix while Flink 2.x stores
 * `executionPlan-…`, so a last-state upgrade with Kubernetes HA recovers the OLD execution plan: spec and
 * module changes silently do not take effect (flink-operator.md §13.1). The same path is taken by the
 * savepoint mode's last-state fallback for a job that is not running
 * (`kubernetes.operator.job.upgrade.last-state-fallback.enabled`, default true, read per deployment and
 * only with Kubernetes HA: OPR `KubernetesOperatorConfigOptions.OPERATOR_JOB_UPGRADE_LAST_STATE_FALLBACK_ENABLED`,
 * `AbstractJobReconciler.getJobUpgrade`).
 */
import { isFlinkDeployment } from './crd-schema';
import { Finding, ManifestRule, operatorVersionOf } from './finding';
import { flatConfiguration } from '../operator-rules';

const FALLBACK_KEY = 'kubernetes.operator.job.upgrade.last-state-fallback.enabled';
const HA_TYPE_KEYS = ['high-availability.type', 'high-availability', 'recovery.mode'];

/** Whether an operator release (e.g. `1.11`, `1.16`) carries FLINK-37571 (1.12.0 and later). @internal */
export function operatorHasExecutionPlanCleanup(operatorVersion: string): boolean {
  const [major, minor] = operatorVersion.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 12);
}

/**
 * Whether the savepoint mode's last-state fallback may stay on: true unless the target is an operator
 * without FLINK-37571, the job runs with Kubernetes HA and upgrades by savepoint. @internal
 */
export function lastStateFallbackSafe(operatorVersion: string, upgradeMode: string, kubernetesHa: boolean): boolean {
  return operatorHasExecutionPlanCleanup(operatorVersion) || !kubernetesHa || upgradeMode !== 'savepoint';
}

/** @internal */
export const upgradePathRule: ManifestRule = (manifests, context) => {
  const findings: Finding[] = [];
  manifests.forEach((m, object) => {
    if (!isFlinkDeployment(m)) return;
    const spec = (m.spec ?? {}) as any;
    const operator = operatorVersionOf(context, object);
    const job = spec.job;
    if (!job || operatorHasExecutionPlanCleanup(operator)) return;
    if (typeof spec.flinkVersion !== 'string' || !spec.flinkVersion.startsWith('v2_')) return;
    const conf = flatConfiguration(spec.flinkConfiguration);
    const ha = HA_TYPE_KEYS.map((k) => conf[k]).find((v) => v !== undefined)?.trim().toLowerCase();
    const kubernetesHa = ha === 'kubernetes' || (ha?.endsWith('kuberneteshaservicesfactory') ?? false);
    if (!kubernetesHa) return;
    const mode = job.upgradeMode ?? 'stateless';
    const why = `operator ${operator} with Flink 2.x and Kubernetes HA recovers the OLD execution plan on a last-state redeploy (it clears only jobGraph- entries of the HA ConfigMaps; Flink 2.x writes executionPlan-), so spec and module changes silently do not take effect (FLINK-37571, fixed in operator 1.12.0)`;
    if (mode === 'last-state') {
      findings.push({
        rule: 'upgrade-path/last-state-ha',
        severity: 'error',
        object,
        field: 'spec.job.upgradeMode',
        value: mode,
        why,
        fix: 'target operator 1.12 or newer (operatorVersion), or use UpgradeMode.SAVEPOINT (the default with a checkpoint store; the library then turns the last-state fallback off on 1.11)',
      });
    } else if (mode === 'savepoint' && (conf[FALLBACK_KEY] ?? 'true').trim().toLowerCase() !== 'false') {
      findings.push({
        rule: 'upgrade-path/last-state-fallback',
        severity: 'error',
        object,
        field: `spec.flinkConfiguration['${FALLBACK_KEY}']`,
        value: conf[FALLBACK_KEY],
        why: `a savepoint upgrade of a job that is not running falls back to last-state (the operator's default), and ${why}`,
        fix: `set ${FALLBACK_KEY}: 'false' (what the library writes on operator 1.11 with Kubernetes HA), or target operator 1.12 or newer`,
      });
    }
  });
  return findings;
};
