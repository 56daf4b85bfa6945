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
import { Finding, Manifest, ManifestRule, operatorVersionOf, RuleContext } from './finding';
import { onlyPatched } from './flink-memory';
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

/** An unsafe upgrade path, named both as a prop (for the construct) and as a manifest field (for the gate). @internal */
export interface UpgradePathProblem {
  readonly rule: string;
  /** The prop-style field, e.g. `upgradeMode`. */
  readonly field: string;
  /** The path in the FlinkDeployment, e.g. `spec.job.upgradeMode`. */
  readonly manifestField: string;
  readonly value: unknown;
  readonly why: string;
  readonly fix: string;
}

/** Unsafe upgrade paths of a FlinkDeployment spec on an operator release. @internal */
export function upgradePathProblems(spec: any, operator: string): UpgradePathProblem[] {
  const job = spec?.job;
  if (!job || operatorHasExecutionPlanCleanup(operator)) return [];
  if (typeof spec.flinkVersion !== 'string' || !spec.flinkVersion.startsWith('v2_')) return [];
  const conf = flatConfiguration(spec.flinkConfiguration);
  const ha = HA_TYPE_KEYS.map((k) => conf[k]).find((v) => v !== undefined)?.trim().toLowerCase();
  const kubernetesHa = ha === 'kubernetes' || (ha?.endsWith('kuberneteshaservicesfactory') ?? false);
  if (!kubernetesHa) return [];
  const mode = job.upgradeMode ?? 'stateless';
  const why = `operator ${operator} with Flink 2.x and Kubernetes HA recovers the OLD execution plan on a last-state redeploy (it clears only jobGraph- entries of the HA ConfigMaps; Flink 2.x writes executionPlan-), so spec and module changes silently do not take effect (FLINK-37571, fixed in operator 1.12.0)`;
  if (mode === 'last-state') {
    return [{
      rule: 'upgrade-path/last-state-ha',
      field: 'upgradeMode',
      manifestField: 'spec.job.upgradeMode',
      value: mode,
      why,
      fix: 'target operator 1.12 or newer (operatorVersion), or use UpgradeMode.SAVEPOINT (the default with a checkpoint store; the library then turns the last-state fallback off on 1.11)',
    }];
  }
  if (mode === 'savepoint' && (conf[FALLBACK_KEY] ?? 'true').trim().toLowerCase() !== 'false') {
    return [{
      rule: 'upgrade-path/last-state-fallback',
      field: `flinkConfiguration['${FALLBACK_KEY}']`,
      manifestField: `spec.flinkConfiguration['${FALLBACK_KEY}']`,
      value: conf[FALLBACK_KEY],
      why: `a savepoint upgrade of a job that is not running falls back to last-state (the operator's default), and ${why}`,
      fix: `set ${FALLBACK_KEY}: 'false' (what the library writes on operator 1.11 with Kubernetes HA), or target operator 1.12 or newer`,
    }];
  }
  return [];
}

function objectFindings(m: Manifest, object: number, context: RuleContext): Finding[] {
  if (!isFlinkDeployment(m)) return [];
  return upgradePathProblems(m.spec, operatorVersionOf(context, object)).map((p) => ({
    rule: p.rule, severity: 'error', object, field: p.manifestField, value: p.value, why: p.why, fix: p.fix,
  }));
}

/**
 * The upgrade-path family. As for flink-memory, what the library's unpatched rendering has too is
 * reported by the StateFunApp by prop name; the gate reports what JSON patches changed and what other
 * writers rendered.
 * @internal
 */
export const upgradePathRule: ManifestRule = (manifests, context) => {
  const findings: Finding[] = [];
  const of = (m: Manifest, object: number) => objectFindings(m, object, context);
  manifests.forEach((m, object) => findings.push(...onlyPatched(of(m, object), object, context, of)));
  return findings;
};
