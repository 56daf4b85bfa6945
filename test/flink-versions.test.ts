import { Chart, Testing } from 'cdk8s';
import { FlinkVersion, OperatorVersion, StateFunApp, StateFunImage } from '../lib';
import { describeProblem } from '../lib/errors';
import { acceptedFlinkVersions, crdReleaseFor, defaultFlinkVersion, versionProblems } from '../lib/versions';
import { flinkApp, flinkDeploymentOf, synth, target } from './fixtures/flink/app';
import { expectValidManifests } from './support/schemas';

const OPERATORS = [
  OperatorVersion.V1_11, OperatorVersion.V1_12, OperatorVersion.V1_13, OperatorVersion.V1_14, OperatorVersion.V1_15, OperatorVersion.V1_16,
];
const FLINKS = [FlinkVersion.V2_0, FlinkVersion.V2_1, FlinkVersion.V2_2, FlinkVersion.V2_3, FlinkVersion.V2_4];
/** An image that claims the given Flink (only to reach every CRD value; no Kzmlabs image runs 2.3/2.4). */
const imageRunning = (flink: FlinkVersion) => StateFunImage.fromImage('registry.example.com/statefun:custom', '3.4.0-KZM-3.5', { flinkVersion: flink });

describe('operatorVersion × flinkVersion', () => {
  test('accepted values follow the CRD enums: 1.11/1.12 up to v2_0, 1.13–1.15 up to v2_2, 1.16 up to v2_4', () => {
    expect(Object.fromEntries(OPERATORS.map((o) => [o, acceptedFlinkVersions(o)]))).toEqual({
      1.11: ['v2_0'],
      1.12: ['v2_0'],
      1.13: ['v2_0', 'v2_1', 'v2_2'],
      1.14: ['v2_0', 'v2_1', 'v2_2'],
      1.15: ['v2_0', 'v2_1', 'v2_2'],
      1.16: ['v2_0', 'v2_1', 'v2_2', 'v2_3', 'v2_4'],
    });
  });

  const pairs = OPERATORS.flatMap((o) => FLINKS.map((f) => [o, f] as const));
  test.each(pairs.filter(([o, f]) => acceptedFlinkVersions(o).includes(f)))('operator %s with %s synthesizes and validates against its CRD', (operatorVersion, flinkVersion) => {
    const manifests = synth(flinkApp({ operatorVersion, flinkVersion, image: imageRunning(flinkVersion) }).chart);
    expect(flinkDeploymentOf(manifests).spec.flinkVersion).toBe(flinkVersion);
    expectValidManifests(manifests, target(operatorVersion));
  });

  test.each(pairs.filter(([o, f]) => !acceptedFlinkVersions(o).includes(f)))('operator %s with %s is an impossible pair, refused at construction', (operatorVersion, flinkVersion) => {
    const chart = new Chart(Testing.app(), 'c');
    const accepted = acceptedFlinkVersions(operatorVersion);
    const since = flinkVersion === FlinkVersion.V2_3 || flinkVersion === FlinkVersion.V2_4 ? 'V1_16' : 'V1_13';
    expect(() => new StateFunApp(chart, 'app', { operatorVersion, flinkVersion, image: imageRunning(flinkVersion) })).toThrow(
      `[c/app] flinkVersion = "${flinkVersion}": operator ${operatorVersion}'s CRD accepts only ${accepted.join(', ')}; the API server would reject the FlinkDeployment. Fix: use FlinkVersion.${accepted[accepted.length - 1].toUpperCase()} or target OperatorVersion.${since} or newer`);
  });

  test('the CRD each operator release is validated against', () => {
    expect(OPERATORS.map(crdReleaseFor)).toEqual(['1.11.0', '1.11.0', '1.15.0', '1.15.0', '1.15.0', '1.16-snapshot-6e9caeb4']);
  });

  test('an operator release the library does not target (untyped caller)', () => {
    expect(versionProblems('1.10' as OperatorVersion, FlinkVersion.V2_0).map(describeProblem)).toEqual([
      'operatorVersion = "1.10": not an operator release this library targets (1.11, 1.12, 1.13, 1.14, 1.15, 1.16); older operators do not know Flink 2.x. Fix: use an OperatorVersion, e.g. OperatorVersion.V1_16 (the default, the newest release)',
    ]);
  });

  test('a Flink version no supported CRD accepts (untyped caller)', () => {
    expect(versionProblems(OperatorVersion.V1_15, 'v1_20' as FlinkVersion).map(describeProblem)).toEqual([
      'flinkVersion = "v1_20": not a Flink 2.x version any operator 1.11–1.16 CRD accepts (operator 1.15 accepts v2_0, v2_1, v2_2). Fix: use FlinkVersion.V2_2',
    ]);
  });

  test('a flinkVersion newer than the image\'s Flink is refused even where the CRD accepts it', () => {
    expect(versionProblems(OperatorVersion.V1_16, FlinkVersion.V2_4, FlinkVersion.V2_2).map((p) => p.fix)).toEqual([
      'use FlinkVersion.V2_2 (the image\'s Flink), or leave flinkVersion unset; use an image that runs Flink 2.4 to write v2_4',
    ]);
    // An older claim is allowed: operator 1.11/1.12 can only say v2_0 for the Flink 2.2 images.
    expect(versionProblems(OperatorVersion.V1_16, FlinkVersion.V2_1, FlinkVersion.V2_2)).toEqual([]);
  });

  test('the defaults: the image\'s Flink (v2_2) capped by the operator; never the newest the CRD accepts', () => {
    expect(flinkDeploymentOf(synth(flinkApp().chart)).spec.flinkVersion).toBe('v2_2');
    expect(flinkDeploymentOf(synth(flinkApp({ operatorVersion: OperatorVersion.V1_11 }).chart)).spec.flinkVersion).toBe('v2_0');
    expect(flinkDeploymentOf(synth(flinkApp({ operatorVersion: OperatorVersion.V1_13 }).chart)).spec.flinkVersion).toBe('v2_2');
    expect(OPERATORS.map((o) => defaultFlinkVersion(o, FlinkVersion.V2_2))).toEqual(['v2_0', 'v2_0', 'v2_2', 'v2_2', 'v2_2', 'v2_2']);
    expect(OPERATORS.map((o) => defaultFlinkVersion(o, FlinkVersion.V2_4))).toEqual(['v2_0', 'v2_0', 'v2_2', 'v2_2', 'v2_2', 'v2_4']);
  });
});
