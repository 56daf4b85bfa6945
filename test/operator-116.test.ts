import * as fs from 'fs';
import * as path from 'path';
import { Chart, JsonPatch, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import {
  CheckpointStore, FlinkStateSnapshot, JobState, OperatorVersion, SavepointFormat, SavepointSource, SnapshotType, StateFunApp,
} from '../lib';
import { describeProblem } from '../lib/errors';
import { gateProblems, OPERATOR_GATES, OperatorGate, operatorHas, renderGateTable } from '../lib/operator-feature-gates';
import { operatorRuleProblems, specProcessMemory } from '../lib/operator-rules';
import { flinkApp, flinkDeploymentOf, synth, synthError } from './fixtures/flink/app';
import { ofKind } from './support/fixtures';
import { expectValidManifests, validateManifests } from './support/schemas';

const LIMITED = {
  jobManager: { resources: { cpu: Cpu.millis(500), memory: Size.mebibytes(1536), limits: { cpu: Cpu.units(1), memory: Size.gibibytes(2) } } },
  taskManager: {
    resources: {
      cpu: Cpu.units(1),
      memory: Size.gibibytes(4),
      ephemeralStorage: Size.gibibytes(10),
      limits: { cpu: Cpu.units(2), memory: Size.gibibytes(5), ephemeralStorage: Size.gibibytes(20) },
    },
  },
};

describe('Kubernetes-native resources (operator 1.16)', () => {
  const manifests = synth(flinkApp(LIMITED).chart);
  const fd = flinkDeploymentOf(manifests);

  test('limits render as spec.*.resources (requests + limits, binary quantities), without the deprecated resource', () => {
    expect(fd.spec.jobManager).toEqual({
      replicas: 1,
      resources: { requests: { cpu: '500m', memory: '1536Mi' }, limits: { cpu: '1', memory: '2Gi' } },
    });
    expect(fd.spec.taskManager).toEqual({
      resources: {
        requests: { 'cpu': '1', 'ephemeral-storage': '10Gi', 'memory': '4Gi' },
        limits: { 'cpu': '2', 'ephemeral-storage': '20Gi', 'memory': '5Gi' },
      },
    });
  });

  test('valid on the 1.16 CRD, refused by the 1.15.0 CRD (the field does not exist there)', () => {
    expectValidManifests(manifests, '1.16');
    expect(validateManifests(manifests, '1.15')).toEqual([
      'FlinkDeployment/app: /spec/jobManager must NOT have additional properties (resources)',
      'FlinkDeployment/app: /spec/taskManager must NOT have additional properties (resources)',
    ]);
  });

  test('Flink\'s process memory follows the memory request (the operator\'s getRequestOrLimit), not the limit', () => {
    expect(specProcessMemory(fd.spec, 'taskManager')).toBe('4Gi');
    expect(specProcessMemory(fd.spec, 'jobManager')).toBe('1536Mi');
    expect(specProcessMemory({ taskManager: { resources: { limits: { memory: '3Gi' } } } }, 'taskManager')).toBe('3Gi');
    expect(specProcessMemory({ taskManager: { resource: { memory: '2048m' } } }, 'taskManager')).toBe('2048m');
    // The library writes no process size of its own: the operator derives it from the spec.
    expect(fd.spec.flinkConfiguration['taskmanager.memory.process.size']).toBeUndefined();
  });

  test('without limits the legacy resource stays the rendering on 1.16, so the output also fits 1.13–1.15', () => {
    const resources = { cpu: Cpu.units(2), memory: Size.gibibytes(4), ephemeralStorage: Size.gibibytes(10) };
    const plain = synth(flinkApp({ taskManager: { resources } }).chart);
    expect(flinkDeploymentOf(plain).spec.taskManager).toEqual({ resource: { cpu: 2, memory: '4096m', ephemeralStorage: '10Gi' } });
    for (const target of ['1.13', '1.14', '1.15', '1.16'] as const) expectValidManifests(plain, target);
  });

  test('a limit equal to its request is accepted', () => {
    const limits = { cpu: Cpu.millis(1000), memory: Size.mebibytes(2048) };
    const same = synth(flinkApp({ taskManager: { resources: { cpu: Cpu.units(1), memory: Size.gibibytes(2), limits } } }).chart);
    expect(flinkDeploymentOf(same).spec.taskManager.resources.limits).toEqual({ cpu: '1000m', memory: '2Gi' });
  });

  test.each([OperatorVersion.V1_11, OperatorVersion.V1_13, OperatorVersion.V1_15])('operator %s: a limit is refused with the target to use', (operatorVersion) => {
    expect(() => flinkApp({ operatorVersion, ...LIMITED })).toThrow(
      `[c/app] jobManager.resources.limits = {"cpu":"1","memory":"2Gi"}: needs \`spec.jobManager.resources\` (Kubernetes requests and limits), which exists from operator 1.16 on; operatorVersion is ${operatorVersion}, where it is not in the CRD: the API server rejects the FlinkDeployment. Fix: set operatorVersion: OperatorVersion.V1_16 (or newer) if every cluster runs operator 1.16+, or drop jobManager.resources.limits`);
  });
});

describe('property: random requests and limits on 1.16', () => {
  const amounts = fc.record({
    cpuMillis: fc.integer({ min: 100, max: 8000 }),
    cpuExtra: fc.integer({ min: 0, max: 8000 }),
    memMiB: fc.integer({ min: 1024, max: 65536 }),
    memExtra: fc.integer({ min: 0, max: 16384 }),
  });

  test('limit ≥ request: rendered as quantities, valid on the 1.16 CRD, Flink sized from the request', () => {
    fc.assert(fc.property(amounts, (a) => {
      const resources = {
        cpu: Cpu.millis(a.cpuMillis),
        memory: Size.mebibytes(a.memMiB),
        limits: { cpu: Cpu.millis(a.cpuMillis + a.cpuExtra), memory: Size.mebibytes(a.memMiB + a.memExtra) },
      };
      const manifests = synth(flinkApp({ taskManager: { resources } }).chart);
      const spec = flinkDeploymentOf(manifests).spec;
      expect(validateManifests(manifests, '1.16')).toEqual([]);
      expect(spec.taskManager.resources.requests.cpu).toBe(`${a.cpuMillis}m`);
      expect(specProcessMemory(spec, 'taskManager')).toBe(spec.taskManager.resources.requests.memory);
      expect(operatorRuleProblems({ deployment: flinkDeploymentOf(manifests), operatorVersion: OperatorVersion.V1_16 })).toEqual([]);
    }), { numRuns: 25 });
  });

  test('limit < request: refused at construction, naming the limit', () => {
    fc.assert(fc.property(amounts.filter((a) => a.memExtra > 0 && a.memExtra < a.memMiB), (a) => {
      const resources = { cpu: Cpu.millis(a.cpuMillis), memory: Size.mebibytes(a.memMiB), limits: { memory: Size.mebibytes(a.memMiB - a.memExtra) } };
      expect(() => flinkApp({ taskManager: { resources } })).toThrow(/\[c\/app\] taskManager\.resources\.limits\.memory = "\d+(Mi|Gi)": below the memory request/);
    }), { numRuns: 25 });
  });
});

describe('the 1.16 DefaultValidator rules on spec.*.resources, as written (JSON patches included)', () => {
  const base = flinkDeploymentOf(synth(flinkApp(LIMITED).chart));
  const rules = (mutate: (d: any) => void, operatorVersion = OperatorVersion.V1_16) => {
    const d = JSON.parse(JSON.stringify(base));
    mutate(d);
    return operatorRuleProblems({ deployment: d, operatorVersion }).map(describeProblem);
  };

  test('the app\'s own output passes', () => {
    expect(rules(() => {})).toEqual([]);
  });

  test.each<[string, (d: any) => void, string]>([
    ['unparsable quantity', (d) => { d.spec.taskManager.resources.requests.cpu = 'lots'; },
      'spec.taskManager.resources.requests.cpu = "lots": not a Kubernetes quantity; the operator refuses it ("TaskManager resource requirements requests cpu parse error"). Fix: use a Size or Cpu prop (the library renders them as quantities)'],
    ['memory request above its limit', (d) => { d.spec.taskManager.resources.limits.memory = '3Gi'; },
      'spec.taskManager.resources.limits.memory = "3Gi": below the memory request; the operator refuses it ("TaskManager resource requirements memory request (4Gi) must not exceed its limit (3Gi)"). Fix: set the limit to at least 4Gi, or lower the request'],
    ['cpu request above its limit', (d) => { d.spec.taskManager.resources.limits.cpu = '500m'; },
      'spec.taskManager.resources.limits.cpu = "500m": below the cpu request; the operator refuses it ("TaskManager resource requirements cpu request (1) must not exceed its limit (500m)"). Fix: set the limit to at least 1, or lower the request'],
    ['both resource and resources', (d) => { d.spec.taskManager.resource = { cpu: 1, memory: '2048m' }; },
      'taskManager.resources = "resource and resources": the operator ignores spec.taskManager.resource when spec.taskManager.resources has a request or limit (FlinkConfigBuilder.applyResourceConfig logs a warning), so one of them would be silently dropped. Fix: remove spec.taskManager.resource (the library writes only one of them)'],
    ['a limit factor the operator overrides', (d) => { d.spec.flinkConfiguration['kubernetes.taskmanager.memory.limit-factor'] = '2.0'; },
      'flinkConfiguration[\'kubernetes.taskmanager.memory.limit-factor\'] = "2.0": the operator sets it to limit ÷ request from spec.taskManager.resources, overriding the configuration. Fix: remove it: set taskManager.resources.limits.memory instead'],
    ['no memory at all', (d) => { delete d.spec.jobManager.resources.requests.memory; delete d.spec.jobManager.resources.limits.memory; },
      'jobManager.resources.memory = (not set): the operator refuses it ("JobManager resource memory must be defined using `spec.jobManager.resource.memory` or `spec.jobManager.resources.requests.memory`"). Fix: set jobManager.resources'],
  ])('%s', (_name, mutate, message) => {
    expect(rules(mutate)).toEqual([message]);
  });

  test('a zero memory limit: both of the operator\'s messages (not positive, and below the request)', () => {
    expect(rules((d) => { d.spec.jobManager.resources.limits.memory = '0'; })).toEqual([
      'spec.jobManager.resources.limits.memory = "0": the operator refuses it ("JobManager resource requirements limits memory must be positive: 0"). Fix: use a positive Size',
      'spec.jobManager.resources.limits.memory = "0": below the memory request; the operator refuses it ("JobManager resource requirements memory request (1536Mi) must not exceed its limit (0)"). Fix: set the limit to at least 1536Mi, or lower the request',
    ]);
  });

  test('resources patched in on operator 1.15 are refused by the gate', () => {
    expect(rules(() => {}, OperatorVersion.V1_15)).toEqual([
      expect.stringMatching(/^spec\.jobManager\.resources = .*exists from operator 1\.16 on; operatorVersion is 1\.15.*or drop spec\.jobManager\.resources$/),
      expect.stringMatching(/^spec\.taskManager\.resources = .*exists from operator 1\.16 on; operatorVersion is 1\.15.*or drop spec\.taskManager\.resources$/),
    ]);
  });

  test('a JSON patch adding resources on operator 1.15 fails synth at the manifest path, naming the target to use', () => {
    const { chart, app } = flinkApp({ operatorVersion: OperatorVersion.V1_15 });
    app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/taskManager/resources', { requests: { memory: '2Gi' } }));
    const error = synthError(chart);
    expect(error).toContain('[c/app/Resource] spec.taskManager.resources = {"requests":{"memory":"2Gi"}}:');
    expect(error).toContain('(unknown field "spec.taskManager.resources"); `spec.taskManager.resources` (Kubernetes requests and limits) exists from operator 1.16 on. Fix: set operatorVersion: OperatorVersion.V1_16 (or newer) if every cluster runs operator 1.16+, or remove it');
  });

  test('a JSON patch with a limit below its request fails synth', () => {
    const { chart, app } = flinkApp(LIMITED);
    app.flinkDeployment.addJsonPatch(JsonPatch.replace('/spec/taskManager/resources/limits/memory', '1Gi'));
    expect(synthError(chart)).toContain('[c/app/Resource] spec.taskManager.resources.limits.memory = "1Gi": below the memory request; the operator refuses it ("TaskManager resource requirements memory request (4Gi) must not exceed its limit (1Gi)")');
  });
});

describe('FlinkStateSnapshot', () => {
  function withSnapshots() {
    const { chart, app } = flinkApp();
    const savepoint = new FlinkStateSnapshot(chart, 'nightly', { app, snapshot: SnapshotType.savepoint({ format: SavepointFormat.NATIVE }), backoffLimit: 3 });
    const checkpoint = new FlinkStateSnapshot(chart, 'cp', { app, snapshot: SnapshotType.checkpoint() });
    const imported = new FlinkStateSnapshot(chart, 'imported', { snapshot: SnapshotType.existingSavepoint('s3://my-bucket/old/savepoints/savepoint-1') });
    return { chart, app, savepoint, checkpoint, imported };
  }

  test('renders a savepoint, a checkpoint and an imported savepoint; valid against the FlinkStateSnapshot CRD', () => {
    const { chart, app } = withSnapshots();
    const manifests = synth(chart);
    const snaps = ofKind(manifests, 'FlinkStateSnapshot');
    expect(snaps.map((s) => [s.metadata.name, s.metadata.namespace, s.spec])).toEqual([
      ['nightly', 'ns', { backoffLimit: 3, jobReference: { kind: 'FlinkDeployment', name: app.name }, savepoint: { alreadyExists: false, disposeOnDelete: false, formatType: 'NATIVE' } }],
      ['cp', 'ns', { jobReference: { kind: 'FlinkDeployment', name: app.name }, checkpoint: {} }],
      ['imported', 'ns', { savepoint: { alreadyExists: true, disposeOnDelete: false, formatType: 'CANONICAL', path: 's3://my-bucket/old/savepoints/savepoint-1' } }],
    ]);
    expectValidManifests(manifests, '1.16');
    expectValidManifests(manifests, '1.13');
  });

  test('snapshots of an app come after its FlinkDeployment (the operator abandons a snapshot without its job)', () => {
    const manifests = synth(withSnapshots().chart);
    const kinds = manifests.map((m) => m.kind);
    expect(kinds.indexOf('FlinkDeployment')).toBeLessThan(kinds.indexOf('FlinkStateSnapshot'));
  });

  test('only a snapshot with a path known at synth can seed another app; the path and the redeploy nonce are written', () => {
    const { chart, imported, savepoint } = withSnapshots();
    expect(imported.path).toBe('s3://my-bucket/old/savepoints/savepoint-1');
    expect(savepoint.path).toBeUndefined();
    const store = CheckpointStore.s3(chart, 'store2', { bucket: 'my-bucket', region: 'us-east-1' });
    const copy = new StateFunApp(chart, 'copy', { checkpointStore: store, initialSavepoint: SavepointSource.fromSnapshot(imported), savepointRedeployNonce: 2 });
    const job = copy.flinkDeployment.toJson().spec.job;
    expect([job.initialSavepointPath, job.savepointRedeployNonce]).toEqual(['s3://my-bucket/old/savepoints/savepoint-1', 2]);
    const fromPath = new StateFunApp(chart, 'copy2', { checkpointStore: store, initialSavepoint: SavepointSource.fromPath('s3://my-bucket/x/savepoint-2') });
    expect(fromPath.flinkDeployment.toJson().spec.job.initialSavepointPath).toBe('s3://my-bucket/x/savepoint-2');
  });

  test.each<[string, (chart: Chart, app: StateFunApp) => void, string]>([
    ['a snapshot in another namespace than its app', (_chart, app) => {
      new FlinkStateSnapshot(new Chart(Testing.app(), 'other', { namespace: 'elsewhere' }), 'sp', { app, snapshot: SnapshotType.savepoint() });
    }, '[other/sp] app = "app": the snapshot would be in namespace elsewhere and the app in ns; the job reference has no namespace, so the operator looks for the app in the snapshot\'s namespace ("Target for snapshot ... was not found"). Fix: create the snapshot in a chart with the app\'s namespace'],
    ['disposal of an imported savepoint without an app', (chart) => {
      new FlinkStateSnapshot(chart, 'sp', { snapshot: SnapshotType.existingSavepoint('s3://b/sp', { disposeOnDelete: true }) });
    }, '[c/sp] snapshot.disposeOnDelete = true: the operator disposes of a savepoint through the referenced job\'s JobManager ("Cannot dispose of snapshot because referenced Flink job cannot be found!"). Fix: set app to a running StateFunApp, or drop disposeOnDelete'],
    ['an imported savepoint that is not a URI', (chart) => {
      new FlinkStateSnapshot(chart, 'sp', { snapshot: SnapshotType.existingSavepoint('savepoint-1') });
    }, '[c/sp] snapshot = "savepoint-1": an existing savepoint is named by its filesystem URI. Fix: write the full URI, e.g. SnapshotType.existingSavepoint(\'s3://my-bucket/statefun/orders/savepoints/savepoint-abc123\')'],
    ['a savepoint of a suspended app', (chart) => {
      const store = CheckpointStore.s3(chart, 's2', { bucket: 'my-bucket', region: 'us-east-1' });
      const paused = new StateFunApp(chart, 'paused', { checkpointStore: store, jobState: JobState.SUSPENDED });
      new FlinkStateSnapshot(chart, 'sp', { app: paused, snapshot: SnapshotType.savepoint() });
    }, '[c/sp] app = "paused": app \'paused\' is suspended (jobState: suspended); the operator abandons a snapshot of a job that is not running and never retries it ("Secondary resource ... is not running"). Fix: snapshot the app while it runs (jobState: JobState.RUNNING); its upgrade mode decides what is kept on suspend'],
    ['a backoff limit below -1', (chart, app) => {
      new FlinkStateSnapshot(chart, 'sp', { app, snapshot: SnapshotType.savepoint(), backoffLimit: -2 });
    }, '[c/sp] backoffLimit = -2: the retry count is a whole number: -1 retries forever, 0 never. Fix: use -1, 0 or a positive whole number'],
    ['a name that is not a DNS-1123 subdomain', (chart, app) => {
      new FlinkStateSnapshot(chart, 'Nightly_Backup', { app, snapshot: SnapshotType.savepoint() });
    }, '[c/Nightly_Backup] name = "Nightly_Backup": not a DNS-1123 subdomain (lower-case alphanumerics, \'-\' and \'.\'), so the API server rejects the object. Fix: set name (or the construct id) to e.g. \'orders-savepoint-1\''],
    ['initialSavepoint and initialSavepointPath together', (chart) => {
      new StateFunApp(chart, 'twice', { initialSavepoint: SavepointSource.fromPath('s3://b/a'), initialSavepointPath: 's3://b/b' });
    }, '[c/twice] initialSavepoint = "and initialSavepointPath": two sources for one initialSavepointPath. Fix: set only initialSavepoint (SavepointSource.fromPath(uri) is the same as initialSavepointPath)'],
  ])('refused: %s', (_name, build, message) => {
    const { chart, app } = flinkApp();
    expect(() => build(chart, app)).toThrow(message);
  });
});

describe('the operator feature gates: one table, the README lists it', () => {
  test('the README holds the table exactly as the library renders it', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    expect(readme).toContain(renderGateTable());
  });

  test('each gate opens at its release and not before', () => {
    const releases = ['1.11', '1.12', '1.13', '1.14', '1.15', '1.16'];
    const opened = Object.fromEntries(OPERATOR_GATES.map((e) => [e.gate, releases.filter((r) => operatorHas(r, e.gate))[0]]));
    expect(opened).toEqual({
      [OperatorGate.FLINK_VERSION_V2_1]: '1.13',
      [OperatorGate.FLINK_VERSION_V2_2]: '1.13',
      [OperatorGate.FLINK_VERSION_V2_3]: '1.16',
      [OperatorGate.FLINK_VERSION_V2_4]: '1.16',
      [OperatorGate.STRUCTURED_FLINK_CONFIGURATION]: '1.13',
      [OperatorGate.OVERLAPPING_KEYS_REJECTED]: '1.12',
      [OperatorGate.JOB_MANAGER_RESOURCES]: '1.16',
      [OperatorGate.TASK_MANAGER_RESOURCES]: '1.16',
      [OperatorGate.FLINK_STATE_SNAPSHOT]: '1.11',
    });
    expect(gateProblems('1.16', OperatorGate.FLINK_STATE_SNAPSHOT, 'x', 1)).toEqual([]);
    expect(operatorHas('1.10', OperatorGate.FLINK_STATE_SNAPSHOT)).toBe(false);
  });
});
