/**
 * Patches are honoured or refused, never dropped: a JSON patch on an object the library renders is
 * either in the output (and checked by the last gate) or refused with the typed prop to use instead.
 */
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-27';
import { RemoteFunction, TaintEffect } from '../lib';
import { droppedPatchFields } from '../lib/last-gate';
import { flinkApp, flinkDeploymentOf, synth, synthError } from './fixtures/flink/app';
import { guideApp } from './support/fixtures';
import { Manifest } from '../lib/rules/finding';
import { patchRule } from '../lib/rules/patches';

const PREFIX = 'Validation failed with the following errors:\n  ';

describe('patches on the FlinkDeployment', () => {
  test('jarURI: refused (the library fixes the runner jar), no longer silently overwritten', () => {
    const { chart, app } = flinkApp();
    app.flinkDeployment.addJsonPatch(JsonPatch.replace('/spec/job/jarURI', 'local:///opt/flink/usrlib/my-job.jar'));
    expect(synthError(chart)).toBe(`${PREFIX}[c/app/Resource] spec.job.jarURI = "local:///opt/flink/usrlib/my-job.jar": a JSON patch changed it from "local:///opt/flink/statefun-flink-runner.jar", which the library fixes. Fix: drop the patch: the job is the StateFun runner of the image (local:///opt/flink/statefun-flink-runner.jar); no other jar runs the module`);
  });

  test('image: refused with the image prop (a :latest one included)', () => {
    const { chart, app } = flinkApp();
    app.flinkDeployment.addJsonPatch(JsonPatch.replace('/spec/image', 'ghcr.io/kzmlabs/flink-statefun:latest'));
    expect(synthError(chart)).toBe(`${PREFIX}[c/app/Resource] spec.image = "ghcr.io/kzmlabs/flink-statefun:latest": a JSON patch changed it from "ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5", which the library renders from a typed prop; the rest of the app would still follow the prop. Fix: drop the patch and set the image prop (StateFunImage.kzmlabs(tag), or StateFunImage.fromImage(image, basedOnTag) for your own build) and imageRegistry for a mirror`);
  });

  test('an image on the main container would replace spec.image: refused too', () => {
    const { chart, app } = flinkApp();
    app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/podTemplate/spec/containers/0/image', 'my-registry/statefun:9'));
    expect(synthError(chart)).toBe(`${PREFIX}[c/app/Resource] spec.podTemplate.spec.containers[0].image = "my-registry/statefun:9": an image on flink-main-container replaces spec.image, which the library renders from the image prop; the feature checks would still follow the prop. Fix: drop the patch and set the image prop (StateFunImage.kzmlabs(tag), or StateFunImage.fromImage(image, basedOnTag) for your own build) and imageRegistry for a mirror`);
  });

  test('serviceAccount: refused with the serviceAccount prop', () => {
    const { chart, app } = flinkApp();
    app.flinkDeployment.addJsonPatch(JsonPatch.replace('/spec/serviceAccount', 'flink'));
    expect(synthError(chart)).toBe(`${PREFIX}[c/app/Resource] spec.serviceAccount = "flink": a JSON patch changed it from "app-flink", which the library renders from a typed prop; the rest of the app would still follow the prop. Fix: drop the patch and pass the serviceAccount prop (the Role and RoleBinding the app creates are bound to its own ServiceAccount)`);
  });

  test('flinkConfiguration: a key a typed prop owns is refused naming the prop; a new key is kept and linted', () => {
    const owned = flinkApp();
    owned.app.flinkDeployment.addJsonPatch(JsonPatch.replace('/spec/flinkConfiguration/execution.checkpointing.interval', '1 min'));
    expect(synthError(owned.chart)).toBe(`${PREFIX}[c/app/Resource] spec.flinkConfiguration['execution.checkpointing.interval'] = "1 min": a JSON patch changed it from "10s", the value of the typed prop checkpointing.interval. Fix: drop the patch and set checkpointing.interval`);

    const added = flinkApp();
    added.app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/flinkConfiguration/pipeline.max-parallelism', '256'));
    expect(flinkDeploymentOf(synth(added.chart)).spec.flinkConfiguration['pipeline.max-parallelism']).toBe('256');

    const legacy = flinkApp();
    legacy.app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/flinkConfiguration/state.backend.async', 'true'));
    expect(synthError(legacy.chart)).toBe(`${PREFIX}[c/app/Resource] spec.flinkConfiguration['state.backend.async'] = "true": removed in Flink 2.0 (snapshots are always asynchronous): Flink ignores it silently. Fix: remove it: nothing replaces it on Flink 2.x`);
  });

  test('podTemplate: an addition is kept and checked (the sidecar of the issue is refused)', () => {
    const ok = flinkApp();
    ok.app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/taskManager/podTemplate', { spec: { containers: [{ name: 'flink-main-container' }, { name: 'log-shipper', image: 'fluent/fluent-bit:3.0.0' }] } }));
    expect(flinkDeploymentOf(synth(ok.chart)).spec.taskManager.podTemplate.spec.containers[1].name).toBe('log-shipper');

    const bad = flinkApp();
    bad.app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/taskManager/podTemplate', { spec: { containers: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0.0' }] } }));
    expect(synthError(bad.chart)).toBe(`${PREFIX}[c/app/Resource] spec.taskManager.podTemplate.spec.containers[0].name = "log-shipper": the operator merges pod-template arrays by position (kubernetes.operator.pod-template.merge-arrays-by-name is not "true"), so this container is merged into flink-main-container of spec.podTemplate and renames it: the TaskManager pods have no flink-main-container; Flink then adds a bare main container without the module mount, the environment and the hardening, and the job fails without its module. Fix: list flink-main-container at position 0 of this containers array (only the fields to change), or set flinkConfiguration 'kubernetes.operator.pod-template.merge-arrays-by-name': 'true' and name every container and volume`);
  });

  test('weaker hardening is refused unless opted out by name on the FlinkDeployment', () => {
    const refused = flinkApp();
    refused.app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/taskManager/podTemplate', { spec: { containers: [{ name: 'flink-main-container', securityContext: { allowPrivilegeEscalation: true } }] } }));
    expect(synthError(refused.chart)).toContain('[c/app/Resource] spec.taskManager.podTemplate.spec.containers[0].securityContext.allowPrivilegeEscalation = true: container flink-main-container of the TaskManager pods would allow privilege escalation');

    const optedOut = flinkApp();
    optedOut.app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/taskManager/podTemplate', { spec: { containers: [{ name: 'flink-main-container', securityContext: { allowPrivilegeEscalation: true } }] } }));
    optedOut.app.flinkDeployment.metadata.addAnnotation('cdk8s-statefun/pod-security-opt-out', 'profiler needs ptrace, ticket OPS-12');
    const fd = flinkDeploymentOf(synth(optedOut.chart));
    expect(fd.spec.taskManager.podTemplate.spec.containers[0].securityContext.allowPrivilegeEscalation).toBe(true);
  });

  test('a field the CRD does not know is refused, not written', () => {
    const { chart, app } = flinkApp({}, { store: true });
    app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/job/parallelizm', 4));
    expect(synthError(chart)).toBe(`${PREFIX}[c/app/Resource] spec.job.parallelizm = 4: not a field of the FlinkDeployment CRD of operator release 1.16-snapshot-6e9caeb4 (what the API server of operator 1.16 applies): the API server with strict field validation rejects the object (unknown field "spec.job.parallelizm"). Fix: remove it (or the JSON patch or pod-template addition that writes it), or spell it as the CRD does`);
  });
});

describe('patches on the function objects', () => {
  test('a field the Kubernetes binding drops is refused; a known field is kept', () => {
    const { chart, handler } = guideApp();
    ApiObject.of(handler.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassNam', 'high'));
    expect(() => Testing.synth(chart)).toThrow(`${PREFIX}[orders/order-handler/Deployment/Resource] spec.template.spec.priorityClassNam = "high": a JSON patch sets it, but the Kubernetes binding that renders Deployment drops fields it does not know, so it would be silently missing from the manifest. Fix: check the field name against the Kubernetes API reference of apps/v1 Deployment (its exact spelling and place), or use the construct's props`);

    const good = guideApp();
    ApiObject.of(good.handler.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'high'));
    const fn = Testing.synth(good.chart).find((m) => m.kind === 'Deployment');
    expect(fn.spec.template.spec.priorityClassName).toBe('high');
  });

  test('a patch on a wire name the binding renders from a prop would be overwritten: refused', () => {
    const { chart, handler } = guideApp();
    ApiObject.of(handler.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/setHostnameAsFQDN', true));
    expect(() => Testing.synth(chart)).toThrow(`${PREFIX}[orders/order-handler/Deployment/Resource] spec.template.spec.setHostnameAsFQDN = true: a JSON patch sets it, but the Kubernetes binding that renders Deployment drops fields it does not know, so it would be silently missing from the manifest.`);
  });
});

describe('the library\'s own (trusted) patches', () => {
  test('a function with every pod control renders every patched field', () => {
    const { chart, app } = guideApp();
    const fn = new RemoteFunction(chart, 'controlled', {
      app,
      image: 'my-org/controlled:1.0.0',
      functions: ['controlled/*'],
      placement: {
        nodeSelector: { pool: 'statefun' },
        tolerations: [{ key: 'dedicated', value: 'statefun', effect: TaintEffect.NO_SCHEDULE }],
        priorityClassName: 'high',
      },
      sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31.0', args: ['-c', '/etc/envoy.yaml'], env: { LOG: EnvValue.fromValue('info') } }],
      initContainers: [{ name: 'wait', image: 'busybox:1.36', command: ['sh', '-c', 'true'] }],
    });
    expect(droppedPatchFields(ApiObject.of(fn.deployment))).toEqual([]);
  });
});

describe('patch rule (pure)', () => {
  test('needs the unpatched rendering; compares every owned field', () => {
    const d = flinkDeploymentOf(synth(flinkApp().chart));
    const patched = structuredClone(d);
    patched.spec.job.upgradeMode = 'stateless';
    patched.spec.jobManager.resource.memory = '2g';
    expect(patchRule([patched], { operatorVersion: '1.11' })).toEqual([]);
    expect(patchRule([patched] as Manifest[], { operatorVersion: '1.11', renderedBy: { 0: { unpatched: d } } }).map((f) => `${f.field} = ${JSON.stringify(f.value)}`)).toEqual([
      'spec.jobManager.resource = {"cpu":0.5,"memory":"2g"}',
      'spec.job.upgradeMode = "stateless"',
    ]);
  });
});
