/**
 * The operator-validator family: the operator's rules, StateFun's invariants, the configuration linter
 * and pinned images on the final objects; props-caused findings stay with the construct (one line each).
 */
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { OperatorVersion } from '../lib';
import { flinkApp, flinkDeploymentOf, synth, synthError } from './fixtures/flink/app';
import { guideApp } from './support/fixtures';
import { Manifest } from '../lib/rules/finding';
import { manifestField, operatorValidatorRule, unpinnedImage } from '../lib/rules/operator-validator';

function run(manifests: Manifest[], operatorVersion = '1.15'): string[] {
  return operatorValidatorRule(manifests, { operatorVersion }).map((f) => `${f.object} ${f.field} = ${JSON.stringify(f.value)}: ${f.why}. Fix: ${f.fix}`);
}

describe('operator-validator on hand-written manifests', () => {
  test('the library output passes', () => {
    expect(run(synth(flinkApp().chart))).toEqual([]);
    expect(run(Testing.synth(guideApp().chart))).toEqual([]);
  });

  test('a FlinkDeployment the library did not write: operator rules, linter and images, by manifest path', () => {
    const d = flinkDeploymentOf(synth(flinkApp().chart));
    d.metadata.name = 'Orders';
    d.spec.image = 'ghcr.io/kzmlabs/flink-statefun:latest';
    d.spec.job.upgradeMode = 'savepoint';
    d.spec.flinkConfiguration['state.backend'] = 'rocksdb';
    delete d.spec.flinkConfiguration['execution.checkpointing.savepoint-dir'];
    d.spec.podTemplate.spec.containers.push({ name: 'log-shipper', image: 'fluent/fluent-bit' });
    const lines = run([d]);
    expect(lines).toEqual(expect.arrayContaining([
      "0 spec.flinkConfiguration['state.backend'] = \"rocksdb\": legacy Flink 1.x key, renamed in Flink 1.17; it is a dot-prefix of state.backend.type and state.backend.rocksdb.*; next to any of them operator 1.15 fails the deploy on Flink 2.x (\"Overlapping key prefixes detected\"). Fix: use stateBackend (writes state.backend.type)",
      '0 metadata.name = "Orders": the operator requires lower-case alphanumerics or \'-\', starting with a letter, ending with an alphanumeric, at most 45 characters ("The FlinkDeployment name: Orders is invalid"). Fix: set props.name (or the construct id) to e.g. \'orders\'',
      '0 spec.job.upgradeMode = "savepoint": the operator refuses savepoint upgrades without a savepoint directory ("Job could not be upgraded with savepoint while config key[execution.checkpointing.savepoint-dir] is not set"). Fix: set checkpointStore, or use UpgradeMode.LAST_STATE',
      "0 spec.image = \"ghcr.io/kzmlabs/flink-statefun:latest\": `latest` is a moving tag: pod restarts can silently change what runs. Fix: pin a release tag with the image prop, e.g. StateFunImage.kzmlabs('3.4.0-KZM-3.5'), instead of patching spec.image",
      '0 spec.podTemplate.spec.containers[1].image = "fluent/fluent-bit": the image has no tag, so every node may pull a different build. Fix: pin a version tag or digest',
    ]));
    expect(lines).toHaveLength(5);
  });

  test('function Deployments (and only those) keep pinned images', () => {
    const manifests = Testing.synth(guideApp().chart);
    const fn = manifests.find((m) => m.kind === 'Deployment');
    fn.spec.template.spec.containers[0].image = 'my-org/my-remote-function:latest';
    const other = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: { containers: [{ name: 'x', image: 'nginx' }] } } } };
    expect(run([...manifests, other])).toEqual([
      `${manifests.indexOf(fn)} spec.template.spec.containers[0].image = "my-org/my-remote-function:latest": \`latest\` is a moving tag: pod restarts can silently change what runs. Fix: pin a version tag or digest with the RemoteFunction image prop instead of patching the Deployment`,
    ]);
  });

  test('image pinning and field mapping helpers', () => {
    expect(unpinnedImage('a/b:1.0')).toBeUndefined();
    expect(unpinnedImage('localhost:5000/b')).toBe('the image has no tag, so every node may pull a different build');
    expect(unpinnedImage(`a/b@sha256:${'a'.repeat(64)}`)).toBeUndefined();
    expect(manifestField('jobManager.resources.memory')).toBe('spec.jobManager.resource.memory');
    expect(manifestField("flinkConfiguration['a.b']")).toBe("spec.flinkConfiguration['a.b']");
    expect(manifestField('upgradeMode')).toBe('spec.job.upgradeMode');
  });
});

describe('operator-validator at synth', () => {
  test('a patched :latest function image is refused at the function Deployment', () => {
    const { chart, handler } = guideApp();
    ApiObject.of(handler.deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/image', 'my-org/my-remote-function:latest'));
    expect(() => Testing.synth(chart)).toThrow('Validation failed with the following errors:\n  [orders/order-handler/Deployment/Resource] spec.template.spec.containers[0].image = "my-org/my-remote-function:latest": `latest` is a moving tag: pod restarts can silently change what runs. Fix: pin a version tag or digest with the RemoteFunction image prop instead of patching the Deployment');
  });

  test('a prop value the CRD schema also refuses is reported once, by prop name', () => {
    // Operator 1.11: its CRD (a string map) refuses the value too; the prop-name finding is the only line.
    const { chart } = flinkApp({ operatorVersion: OperatorVersion.V1_11, flinkConfiguration: { 'pipeline.max-parallelism': 128 as unknown as string } });
    expect(synthError(chart)).toBe("Validation failed with the following errors:\n  [c/app] flinkConfiguration['pipeline.max-parallelism'] = 128: not a string: operator 1.11's CRD accepts only a string-to-string map, so the API server rejects the FlinkDeployment. Fix: write it as a string: \"128\"");
  });

  test('a problem from props is reported once, by prop name, at the app; a patch adds one line at the FlinkDeployment', () => {
    const { chart, app } = flinkApp({ flinkConfiguration: { 'state.backend.async': 'true' } });
    app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/flinkConfiguration/state.savepoints.dir', 's3://b/sp'));
    const error = synthError(chart);
    expect(error.split('\n').slice(1)).toEqual([
      "  [c/app] flinkConfiguration['state.backend.async'] = \"true\": removed in Flink 2.0 (snapshots are always asynchronous): Flink ignores it silently. Fix: remove it: nothing replaces it on Flink 2.x",
      expect.stringMatching(/^ {2}\[c\/app\/Resource\] spec\.flinkConfiguration\['state\.savepoints\.dir'\] = "s3:\/\/b\/sp": /),
    ]);
  });
});
