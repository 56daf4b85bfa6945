/**
 * Upgrade paths that are safe on the target operator: FLINK-37571 (operator 1.11 keeps the old
 * execution plan on a last-state redeploy with Kubernetes HA) and the default upgrade mode chosen
 * with FLINK-39513 in mind (Flink 2.2.1 ignores allowNonRestoredState on checkpoint restores).
 */
import { HighAvailability, OperatorVersion, UpgradeMode } from '../lib';
import { upgradePathRule } from '../lib/rules/upgrade-paths';
import { flinkApp, flinkDeploymentOf, synth, synthError } from './fixtures/flink/app';

const FALLBACK = 'kubernetes.operator.job.upgrade.last-state-fallback.enabled';
const REFUSED = '[c/app] upgradeMode = "last-state": operator 1.11 with Flink 2.x and Kubernetes HA recovers the OLD execution plan on a last-state redeploy (it clears only jobGraph- entries of the HA ConfigMaps; Flink 2.x writes executionPlan-), so spec and module changes silently do not take effect (FLINK-37571, fixed in operator 1.12.0). Fix: target operator 1.12 or newer (operatorVersion), or use UpgradeMode.SAVEPOINT (the default with a checkpoint store; the library then turns the last-state fallback off on 1.11)';

describe('defaults', () => {
  test('with a checkpoint store the default is a savepoint upgrade, honouring allowNonRestoredState (true)', () => {
    const { app, chart } = flinkApp({ operatorVersion: OperatorVersion.V1_15 });
    const fd = flinkDeploymentOf(synth(chart));
    expect(app.upgradeMode).toBe(UpgradeMode.SAVEPOINT);
    expect(fd.spec.job).toMatchObject({ upgradeMode: 'savepoint', allowNonRestoredState: true });
    expect(fd.spec.flinkConfiguration['execution.state-recovery.ignore-unclaimed-state']).toBe('true');
    expect(fd.spec.flinkConfiguration[FALLBACK]).toBeUndefined();
  });

  test('on operator 1.11 with Kubernetes HA no default takes the FLINK-37571 path: the last-state fallback is off', () => {
    const fd = flinkDeploymentOf(synth(flinkApp({ operatorVersion: OperatorVersion.V1_11 }).chart));
    expect(fd.spec.job.upgradeMode).toBe('savepoint');
    expect(fd.spec.flinkConfiguration['high-availability.type']).toBe('kubernetes');
    expect(fd.spec.flinkConfiguration[FALLBACK]).toBe('false');
  });

  test('without a store: stateless, no fallback key', () => {
    const fd = flinkDeploymentOf(synth(flinkApp({}, { store: false }).chart));
    expect(fd.spec.job.upgradeMode).toBe('stateless');
    expect(fd.spec.flinkConfiguration[FALLBACK]).toBeUndefined();
  });
});

describe('last-state with Kubernetes HA on operator 1.11 (FLINK-37571)', () => {
  test('refused, naming the release that fixes it', () => {
    expect(synthError(flinkApp({ operatorVersion: OperatorVersion.V1_11, upgradeMode: UpgradeMode.LAST_STATE }).chart)).toBe(
      `Validation failed with the following errors:\n  ${REFUSED}`);
  });

  test('accepted from operator 1.12, and on 1.11 without Kubernetes HA (no HA ConfigMaps to recover from)', () => {
    expect(() => synth(flinkApp({ operatorVersion: OperatorVersion.V1_12, upgradeMode: UpgradeMode.LAST_STATE }).chart)).not.toThrow();
    const noHa = flinkApp({
      operatorVersion: OperatorVersion.V1_11, upgradeMode: UpgradeMode.LAST_STATE, highAvailability: HighAvailability.disabled(),
    });
    expect(() => synth(noHa.chart)).not.toThrow();
  });

  test('turning the fallback back on through an extra is refused once, by the construct (the typed upgrade mode owns the key)', () => {
    const error = synthError(flinkApp({ operatorVersion: OperatorVersion.V1_11, flinkConfiguration: { [FALLBACK]: 'true' } }).chart);
    expect(error).toBe(`Validation failed with the following errors:\n  [c/app] flinkConfiguration['${FALLBACK}'] = "true": contradicts the typed prop upgradeMode, which sets it to "false"; the extra would silently override it. Fix: remove it from flinkConfiguration and set upgradeMode`);
  });
});

describe('the rule over rendered manifests (any FlinkDeployment, any writer)', () => {
  const fd = (job: any, conf: Record<string, string>, flinkVersion = 'v2_0') => ({
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkDeployment',
    metadata: { name: 'x' },
    spec: { flinkVersion, job, flinkConfiguration: { 'high-availability.type': 'kubernetes', ...conf } },
  });

  test.each<[string, any, Record<string, string>, string, string[]]>([
    ['last-state on 1.11', { upgradeMode: 'last-state' }, {}, '1.11', ['upgrade-path/last-state-ha spec.job.upgradeMode']],
    ['last-state on 1.16', { upgradeMode: 'last-state' }, {}, '1.16', []],
    ['savepoint on 1.11 with the fallback on by default', { upgradeMode: 'savepoint' }, {}, '1.11',
      [`upgrade-path/last-state-fallback spec.flinkConfiguration['${FALLBACK}']`]],
    ['savepoint on 1.11 with the fallback off', { upgradeMode: 'savepoint' }, { [FALLBACK]: 'false' }, '1.11', []],
    ['stateless on 1.11', { upgradeMode: 'stateless' }, {}, '1.11', []],
    ['a session cluster (no job)', undefined, {}, '1.11', []],
  ])('%s', (_name, job, conf, operatorVersion, expected) => {
    expect(upgradePathRule([fd(job, conf)], { operatorVersion }).map((f) => `${f.rule} ${f.field}`)).toEqual(expected);
  });

  test('the fallback finding says why and how', () => {
    const [f] = upgradePathRule([fd({ upgradeMode: 'savepoint' }, { [FALLBACK]: 'TRUE' })], { operatorVersion: '1.11' });
    expect(f.why).toMatch(/^a savepoint upgrade of a job that is not running falls back to last-state \(the operator's default\), and operator 1.11 with Flink 2.x/);
    expect(f.fix).toBe(`set ${FALLBACK}: 'false' (what the library writes on operator 1.11 with Kubernetes HA), or target operator 1.12 or newer`);
  });

  test('per-object operator targets: the override for one FlinkDeployment wins', () => {
    expect(upgradePathRule([fd({ upgradeMode: 'last-state' }, {}), fd({ upgradeMode: 'last-state' }, {})], { operatorVersion: '1.15', operatorVersionByObject: { 1: '1.11' } })
      .map((f) => f.object)).toEqual([1]);
  });
});
