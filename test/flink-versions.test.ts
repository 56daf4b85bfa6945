import { Chart, Testing } from 'cdk8s';
import { FlinkVersion, OperatorVersion, StateFunApp } from '../lib';
import { describeProblem } from '../lib/errors';
import { acceptedFlinkVersions, crdReleaseFor, versionProblems } from '../lib/versions';
import { flinkApp, flinkDeploymentOf, synth, target } from './fixtures/flink/app';
import { expectValidManifests } from './support/schemas';

const OPERATORS = [OperatorVersion.V1_11, OperatorVersion.V1_12, OperatorVersion.V1_13, OperatorVersion.V1_14, OperatorVersion.V1_15];
const FLINKS = [FlinkVersion.V2_0, FlinkVersion.V2_1, FlinkVersion.V2_2];

describe('operatorVersion × flinkVersion', () => {
  test('accepted values follow the CRD enums: 1.11/1.12 up to v2_0, 1.13+ up to v2_2', () => {
    expect(Object.fromEntries(OPERATORS.map((o) => [o, acceptedFlinkVersions(o)]))).toEqual({
      1.11: ['v2_0'], 1.12: ['v2_0'], 1.13: ['v2_0', 'v2_1', 'v2_2'], 1.14: ['v2_0', 'v2_1', 'v2_2'], 1.15: ['v2_0', 'v2_1', 'v2_2'],
    });
  });

  const pairs = OPERATORS.flatMap((o) => FLINKS.map((f) => [o, f] as const));
  test.each(pairs.filter(([o, f]) => acceptedFlinkVersions(o).includes(f)))('operator %s with %s synthesizes and validates against its CRD', (operatorVersion, flinkVersion) => {
    const manifests = synth(flinkApp({ operatorVersion, flinkVersion }).chart);
    expect(flinkDeploymentOf(manifests).spec.flinkVersion).toBe(flinkVersion);
    expectValidManifests(manifests, target(operatorVersion));
  });

  test.each(pairs.filter(([o, f]) => !acceptedFlinkVersions(o).includes(f)))('operator %s with %s is an impossible pair, refused at construction', (operatorVersion, flinkVersion) => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => new StateFunApp(chart, 'app', { operatorVersion, flinkVersion })).toThrow(
      `[c/app] flinkVersion = "${flinkVersion}": operator ${operatorVersion}'s CRD accepts only v2_0; the API server would reject the FlinkDeployment. Fix: use FlinkVersion.V2_0 or target OperatorVersion.V1_13 or newer`);
  });

  test('the CRD each operator release is validated against', () => {
    expect(OPERATORS.map(crdReleaseFor)).toEqual(['1.11.0', '1.11.0', '1.15.0', '1.15.0', '1.15.0']);
  });

  test('an operator release the library does not target (untyped caller)', () => {
    expect(versionProblems('1.10' as OperatorVersion, FlinkVersion.V2_0).map(describeProblem)).toEqual([
      'operatorVersion = "1.10": not an operator release this library targets (1.11, 1.12, 1.13, 1.14, 1.15); older operators do not know Flink 2.x. Fix: use an OperatorVersion, e.g. OperatorVersion.V1_11 (the floor the product documentation states)',
    ]);
  });

  test('a Flink version no supported CRD accepts (untyped caller)', () => {
    expect(versionProblems(OperatorVersion.V1_15, 'v1_20' as FlinkVersion).map(describeProblem)).toEqual([
      'flinkVersion = "v1_20": not a Flink 2.x version any operator 1.11–1.15 CRD accepts (the StateFun images run Flink 2.2; operator 1.15 accepts v2_0, v2_1, v2_2). Fix: use FlinkVersion.V2_2',
    ]);
  });

  test('the defaults: operator 1.11 → v2_0, operator 1.13+ → v2_2', () => {
    expect(flinkDeploymentOf(synth(flinkApp().chart)).spec.flinkVersion).toBe('v2_0');
    expect(flinkDeploymentOf(synth(flinkApp({ operatorVersion: OperatorVersion.V1_13 }).chart)).spec.flinkVersion).toBe('v2_2');
  });
});
