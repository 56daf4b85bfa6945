import { JsonPatch, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { FlinkConfigMigration, MigrationAction } from '../lib';
import { describeProblem } from '../lib/errors';
import { deploymentMemoryProblems, deriveMemory, humanSize, minimumProcessMiB, parseMemorySize, specMemoryPath } from '../lib/flink-memory-model';
import { Finding } from '../lib/rules/finding';
import { flinkMemoryRule } from '../lib/rules/flink-memory';
import { flinkApp, synth, synthError } from './fixtures/flink/app';

const MIB = 1024 * 1024;
const field = (k: string) => `flinkConfiguration['${k}']`;
const size = (component: string) => `${component}.resources.memory`;
const tm = (memory: string, conf: Record<string, string> = {}) =>
  deploymentMemoryProblems({ taskManager: { resource: { memory } } }, conf, size, field).map(describeProblem);
const jm = (memory: string, conf: Record<string, string> = {}) =>
  deploymentMemoryProblems({ jobManager: { resource: { memory } } }, conf, size, field).map(describeProblem);

describe("Flink's floors with its default memory pools (flink-runtime-facts.md §2)", () => {
  test('TaskManager: 982 MiB, JobManager: 577 MiB', () => {
    expect(minimumProcessMiB('TaskManager', {})).toBe(982);
    expect(minimumProcessMiB('JobManager', {})).toBe(577);
  });

  test('TaskManager boundary: 981m refused naming the pools, 982m accepted with a task heap of about 0.4 MiB', () => {
    expect(tm('981m')).toEqual([
      'taskManager.resources.memory = "981m": Flink cannot fit the TaskManager\'s memory pools into 981 MiB ("Sum of configured Framework Heap Memory (128 MiB), Framework Off-Heap Memory (128 MiB), Task Off-Heap Memory (0 MiB), Managed Memory (213.200 MiB (223556406 bytes)) and Network Memory (64 MiB) exceed configured Total Flink Memory (533 MiB)"); the operator deploys it anyway and the deployment fails. The minimum with Flink\'s default memory pools is 982 MiB. Fix: set taskManager.resources.memory to at least Size.mebibytes(982)',
    ]);
    expect(tm('982m')).toEqual([]);
    const pools = deriveMemory('TaskManager', 982 * MIB, {}).pools!;
    expect(pools.taskHeap).toBe(419428);
    expect(pools.overhead).toBe(192 * MIB);
    expect(pools.network).toBe(64 * MIB);
  });

  test('the exact byte floor of a TaskManager is 1,029,002,586 bytes', () => {
    expect(deriveMemory('TaskManager', 1029002586, {}).pools).toBeDefined();
    expect(deriveMemory('TaskManager', 1029002585, {}).failure).toMatch(/^Sum of configured Framework Heap Memory/);
  });

  test('JobManager boundary: 576m refused (total Flink memory equal to off-heap fails too), 577m accepted', () => {
    expect(jm('576m')).toEqual([
      'jobManager.resources.memory = "576m": Flink cannot fit the JobManager\'s memory pools into 576 MiB ("The configured Total Flink Memory (128 MiB) is less than the configured Off-heap Memory (128 MiB)"); the operator deploys it anyway and the deployment fails. The minimum with Flink\'s default memory pools is 577 MiB. Fix: set jobManager.resources.memory to at least Size.mebibytes(577)',
    ]);
    expect(jm('577m')).toEqual([]);
    expect(deriveMemory('JobManager', 577 * MIB, {}).pools!.heap).toBe(1 * MIB);
  });

  test('below 448 MiB metaspace and overhead alone do not fit', () => {
    expect(deriveMemory('JobManager', 447 * MIB, {}).failure).toBe('Sum of configured JVM Metaspace (256 MiB) and JVM Overhead (192 MiB) exceed configured Total Process Memory (447 MiB)');
  });

  test("Flink's shipped 1728m TaskManager has a task heap of about 384 MiB; overhead caps at 1 GiB", () => {
    expect(Math.round(deriveMemory('TaskManager', 1728 * MIB, {}).pools!.taskHeap / MIB)).toBe(384);
    expect(deriveMemory('TaskManager', 20 * 1024 * MIB, {}).pools!.overhead).toBe(1024 * MIB);
  });

  test('the operator\'s spec syntax: Kubernetes quantities (2Gi) and Flink sizes (2g) are both bytes of process memory', () => {
    expect(tm('1Gi')).toEqual([]);
    expect(tm('900Mi')[0]).toContain('"900Mi": Flink cannot fit');
    expect(deploymentMemoryProblems({ taskManager: { resources: { requests: { memory: '900Mi' } }, resource: { memory: '4g' } } }, {}, size, field)).toHaveLength(1);
  });
});

describe('memory keys the app sets move the floor', () => {
  test.each<[string, Record<string, string>, number]>([
    ['managed fraction 0.6', { 'taskmanager.memory.managed.fraction': '0.6' }, 1302],
    ['managed fraction 0 (hashmap backend)', { 'taskmanager.memory.managed.fraction': '0' }, 768],
    ['metaspace 512m', { 'taskmanager.memory.jvm-metaspace.size': '512m' }, 1238],
    ['network min 128m', { 'taskmanager.memory.network.min': '128m' }, 1089],
    ['task off-heap 256m', { 'taskmanager.memory.task.off-heap.size': '256m' }, 1473],
    ['framework heap 256m', { 'taskmanager.memory.framework.heap.size': '256m' }, 1217],
    ['overhead min 512m', { 'taskmanager.memory.jvm-overhead.min': '512m', 'taskmanager.memory.jvm-overhead.max': '1g' }, 1302],
    ['managed size 1g', { 'taskmanager.memory.managed.size': '1g' }, 1871],
    ['total Flink memory 1g (the process size is then fixed to 1g + metaspace + overhead)', { 'taskmanager.memory.flink.size': '1g' }, 1472],
  ])('TaskManager, %s', (_name, conf, floor) => {
    expect(minimumProcessMiB('TaskManager', conf)).toBe(floor);
    expect(tm(`${floor}m`, conf)).toEqual([]);
    expect(tm(`${floor - 1}m`, conf)).toHaveLength(1);
  });

  test.each<[string, Record<string, string>, number]>([
    ['off-heap 256m', { 'jobmanager.memory.off-heap.size': '256m' }, 705],
    ['metaspace 128m', { 'jobmanager.memory.jvm-metaspace.size': '128m' }, 449],
    ['JVM heap 512m (fine-grained)', { 'jobmanager.memory.heap.size': '512m' }, 1088],
  ])('JobManager, %s', (_name, conf, floor) => {
    expect(minimumProcessMiB('JobManager', conf)).toBe(floor);
    expect(jm(`${floor}m`, conf)).toEqual([]);
    expect(jm(`${floor - 1}m`, conf)).toHaveLength(1);
  });

  test('the message names the keys that moved the floor and the fix', () => {
    expect(tm('1024m', { 'taskmanager.memory.managed.fraction': '0.6' })).toEqual([
      'taskManager.resources.memory = "1024m": Flink cannot fit the TaskManager\'s memory pools into 1024 MiB ("Sum of configured Framework Heap Memory (128 MiB), Framework Off-Heap Memory (128 MiB), Task Off-Heap Memory (0 MiB), Managed Memory (345.600 MiB (362387880 bytes)) and Network Memory (64 MiB) exceed configured Total Flink Memory (576 MiB)"); the operator deploys it anyway and the deployment fails. The minimum with the memory keys set here (taskmanager.memory.managed.fraction) is 1302 MiB. Fix: set taskManager.resources.memory to at least Size.mebibytes(1302), or reduce taskmanager.memory.managed.fraction',
    ]);
  });

  test('explicit Total Flink Memory also has a ceiling: the overhead left over must stay within its max', () => {
    expect(tm('4096m', { 'taskmanager.memory.flink.size': '1g' })).toEqual([
      'taskManager.resources.memory = "4096m": Flink cannot fit the TaskManager\'s memory pools into 4096 MiB ("Derived JVM Overhead size (2816 MiB) is not in configured JVM Overhead range [192 MiB, 1024 MiB] (process 4096 MiB − Total Flink Memory 1024 MiB from taskmanager.memory.flink.size − JVM Metaspace 256 MiB)"); the operator deploys it anyway and the deployment fails. The minimum with the memory keys set here (taskmanager.memory.flink.size) is 1472 MiB. Fix: set taskManager.resources.memory to at least Size.mebibytes(1472), or reduce taskmanager.memory.flink.size',
    ]);
  });
});

describe('memory settings Flink rejects on their own', () => {
  test.each<[string, Record<string, string>, string]>([
    ['network fraction 1.2', { 'taskmanager.memory.network.fraction': '1.2' },
      'flinkConfiguration[\'taskmanager.memory.network.fraction\'] = "1.2": Flink refuses the TaskManager memory configuration at deploy ("Inconsistently configured taskmanager.memory.network.fraction (1.2) and its min (64 MiB), max (infinite) value: fraction must be in range [0, 1)"). Fix: use a fraction in [0, 1), e.g. 0.1, or remove the key to use Flink\'s default'],
    ['managed fraction 1', { 'taskmanager.memory.managed.fraction': '1' },
      'flinkConfiguration[\'taskmanager.memory.managed.fraction\'] = "1": Flink refuses the TaskManager memory configuration at deploy ("Inconsistently configured taskmanager.memory.managed.fraction (1) and its min (0 MiB), max (infinite) value: fraction must be in range [0, 1)"). Fix: use a fraction in [0, 1), e.g. 0.1, or remove the key to use Flink\'s default'],
    ['overhead fraction -0.1', { 'taskmanager.memory.jvm-overhead.fraction': '-0.1' },
      'flinkConfiguration[\'taskmanager.memory.jvm-overhead.fraction\'] = "-0.1": Flink refuses the TaskManager memory configuration at deploy ("Inconsistently configured taskmanager.memory.jvm-overhead.fraction (-0.1) and its min (192 MiB), max (1024 MiB) value: fraction must be in range [0, 1)"). Fix: use a fraction in [0, 1), e.g. 0.1, or remove the key to use Flink\'s default'],
    ['network min above max', { 'taskmanager.memory.network.min': '512m', 'taskmanager.memory.network.max': '256m' },
      'flinkConfiguration[\'taskmanager.memory.network.min\'] = "512m": Flink refuses the TaskManager memory configuration at deploy ("Inconsistently configured taskmanager.memory.network.fraction (0.1) and its min (512 MiB), max (256 MiB) value: min memory must be less than or equal to max memory"). Fix: keep min ≤ max (sizes like 192m and 1g), or remove the key to use Flink\'s default'],
    ['overhead min above its default max', { 'taskmanager.memory.jvm-overhead.min': '2g' },
      'flinkConfiguration[\'taskmanager.memory.jvm-overhead.min\'] = "2g": Flink refuses the TaskManager memory configuration at deploy ("Inconsistently configured taskmanager.memory.jvm-overhead.fraction (0.1) and its min (2048 MiB), max (1024 MiB) value: min memory must be less than or equal to max memory"). Fix: keep min ≤ max (sizes like 192m and 1g), or remove the key to use Flink\'s default'],
    ['a fractional size', { 'taskmanager.memory.jvm-metaspace.size': '1.5g' },
      'flinkConfiguration[\'taskmanager.memory.jvm-metaspace.size\'] = "1.5g": Flink refuses the TaskManager memory configuration at deploy ("Cannot read memory size from config option \'taskmanager.memory.jvm-metaspace.size\' (a MemorySize is a whole number with a binary unit, e.g. 256m)"). Fix: write a MemorySize such as 256m (a whole number with a binary unit), or remove the key'],
    ['a fraction that is not a number', { 'taskmanager.memory.managed.fraction': '40%' },
      'flinkConfiguration[\'taskmanager.memory.managed.fraction\'] = "40%": Flink refuses the TaskManager memory configuration at deploy ("Could not parse value \'40%\' for key \'taskmanager.memory.managed.fraction\' (a float, e.g. 0.1)"). Fix: use a fraction in [0, 1), e.g. 0.1, or remove the key to use Flink\'s default'],
  ])('%s', (_name, conf, message) => {
    expect(tm('4096m', conf)).toEqual([message]);
  });

  test('JobManager heap and total Flink memory that do not add up', () => {
    expect(jm('2048m', { 'jobmanager.memory.heap.size': '512m', 'jobmanager.memory.flink.size': '1g' })).toEqual([
      'flinkConfiguration[\'jobmanager.memory.flink.size\'] = "1g": Flink refuses the JobManager memory configuration at deploy ("Sum of the configured JVM Heap Memory (512 MiB) and the configured or default Off-heap Memory (128 MiB) exceeds the configured Total Flink Memory (1024 MiB)"). Fix: write a MemorySize such as 256m (a whole number with a binary unit), or remove the key',
    ]);
  });
});

describe('parsing and printing', () => {
  test("Flink's MemorySize syntax", () => {
    expect(parseMemorySize('256m')).toBe(256 * MIB);
    expect(parseMemorySize('1 gb')).toBe(1024 * MIB);
    expect(parseMemorySize('1024')).toBe(1024);
    expect(parseMemorySize('1.5g')).toBeUndefined();
    expect(parseMemorySize('1Gi')).toBeUndefined();
    expect(humanSize(533 * MIB)).toBe('533 MiB');
    expect(humanSize(223556406)).toBe('213.200 MiB (223556406 bytes)');
  });
});

describe('in the app: refused at synth, on the FlinkDeployment as written', () => {
  test('a 512 MiB TaskManager is refused; the defaults (1 GiB JobManager, 2 GiB TaskManager) pass', () => {
    expect(() => synth(flinkApp().chart)).not.toThrow();
    const error = synthError(flinkApp({ taskManager: { resources: { cpu: Cpu.units(1), memory: Size.mebibytes(512) } } }).chart);
    expect(error).toContain('[c/app] taskManager.resources.memory = "512m": Flink cannot fit the TaskManager\'s memory pools into 512 MiB ("Sum of configured Framework Heap Memory (128 MiB), Framework Off-Heap Memory (128 MiB), Task Off-Heap Memory (0 MiB), Managed Memory (25.600 MiB (26843546 bytes)) and Network Memory (64 MiB) exceed configured Total Flink Memory (64 MiB)"); the operator deploys it anyway and the deployment fails. The minimum with Flink\'s default memory pools is 982 MiB. Fix: set taskManager.resources.memory to at least Size.mebibytes(982)');
  });

  test('a JSON patch that adds a memory key is reported by the last gate, on the FlinkDeployment', () => {
    const { chart, app } = flinkApp();
    app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/flinkConfiguration/taskmanager.memory.managed.fraction', '0.8'));
    const error = synthError(chart);
    expect(error).toContain('[c/app/Resource] spec.taskManager.resource.memory = "2048m": Flink cannot fit the TaskManager\'s memory pools into 2048 MiB');
    expect(error).not.toContain('[c/app] taskManager.resources.memory');
  });

  test('extras move the floor of the app\'s own sizes', () => {
    const error = synthError(flinkApp({ flinkConfiguration: { 'taskmanager.memory.managed.fraction': '0.8' } }).chart);
    expect(error).toContain('[c/app] taskManager.resources.memory = "2048m": Flink cannot fit the TaskManager\'s memory pools into 2048 MiB');
    expect(error).toContain('The minimum with the memory keys set here (taskmanager.memory.managed.fraction) is 3129 MiB');
  });
});

describe('FlinkConfigMigration: the same model over migrated sizes and memory keys', () => {
  const entry = (r: FlinkConfigMigration, key: string) => r.report.find((e) => e.key === key);

  test('a 1.x TaskManager of 768m is not carried over: invalid, naming the pools and the minimum', () => {
    const r = FlinkConfigMigration.fromFlinkConf({ 'taskmanager.memory.process.size': '768m' });
    expect(entry(r, 'taskmanager.memory.process.size')).toEqual({
      key: 'taskmanager.memory.process.size',
      value: '768m',
      action: MigrationAction.INVALID,
      replacement: 'taskManager.resources.memory',
      message: 'Flink cannot fit the TaskManager\'s memory pools into 768 MiB ("Sum of configured Framework Heap Memory (128 MiB), Framework Off-Heap Memory (128 MiB), Task Off-Heap Memory (0 MiB), Managed Memory (128.000 MiB (134217730 bytes)) and Network Memory (64 MiB) exceed configured Total Flink Memory (320 MiB)"); with Flink\'s default pools the minimum is 982 MiB: set taskManager.resources.memory to at least 982 MiB; not migrated',
    });
    expect(r.taskManager?.resources).toBeUndefined();
  });

  test('a size that fits is mapped; the 982m boundary holds for migrated values too', () => {
    const r = FlinkConfigMigration.fromFlinkConf({ 'taskmanager.memory.process.size': '982m', 'jobmanager.memory.process.size': '577m' });
    expect(entry(r, 'taskmanager.memory.process.size')!.action).toBe(MigrationAction.DERIVED);
    expect(entry(r, 'jobmanager.memory.process.size')!.action).toBe(MigrationAction.DERIVED);
    expect(r.taskManager!.resources!.memory.toMebibytes()).toBe(982);
    const small = FlinkConfigMigration.fromFlinkConf({ 'jobmanager.memory.process.size': '576m' });
    expect(entry(small, 'jobmanager.memory.process.size')!.action).toBe(MigrationAction.INVALID);
  });

  test('the migrated memory keys count: a managed fraction that leaves no room at the migrated size', () => {
    const r = FlinkConfigMigration.fromFlinkConf({ 'taskmanager.memory.process.size': '1024m', 'taskmanager.memory.managed.fraction': '0.6' });
    expect(entry(r, 'taskmanager.memory.process.size')!.action).toBe(MigrationAction.INVALID);
    expect(entry(r, 'taskmanager.memory.process.size')!.message).toContain('with taskmanager.memory.managed.fraction the minimum is 1302 MiB');
    expect(r.flinkConfiguration['taskmanager.memory.managed.fraction']).toBe('0.6');
  });

  test("memory keys that do not fit the app's default size are not carried over", () => {
    const r = FlinkConfigMigration.fromFlinkConf({ 'taskmanager.memory.managed.size': '3g' });
    expect(entry(r, 'taskmanager.memory.managed.size')!.action).toBe(MigrationAction.INVALID);
    expect(entry(r, 'taskmanager.memory.managed.size')!.message).toMatch(/^with the app's default TaskManager size \(2048 MiB\) Flink cannot fit the memory pools .*: set taskManager.resources.memory to at least 4394 MiB and add taskmanager.memory.managed.size = 3g to flinkConfiguration; not migrated$/);
    expect(r.flinkConfiguration['taskmanager.memory.managed.size']).toBeUndefined();
  });

  test('a memory key Flink refuses on its own is not carried over', () => {
    const r = FlinkConfigMigration.fromFlinkConf({ 'taskmanager.memory.network.fraction': '1.5' });
    expect(entry(r, 'taskmanager.memory.network.fraction')).toMatchObject({
      action: MigrationAction.INVALID,
      message: 'Flink refuses it ("Inconsistently configured taskmanager.memory.network.fraction (1.5) and its min (64 MiB), max (infinite) value: fraction must be in range [0, 1)"); not migrated',
    });
    expect(r.flinkConfiguration['taskmanager.memory.network.fraction']).toBeUndefined();
  });
});

describe('the last gate rule (rules/flink-memory.ts) over rendered manifests', () => {
  const deployment = (spec: any) => ({ apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', metadata: { name: 'x' }, spec });

  test('reads resources.requests.memory (operator 1.16 line) before resource.memory, and nested configuration', () => {
    const findings = flinkMemoryRule([
      { apiVersion: 'v1', kind: 'ConfigMap' },
      deployment({
        jobManager: { resource: { memory: '1g' } },
        taskManager: { resources: { requests: { memory: '1Gi' } }, resource: { memory: '4g' } },
        flinkConfiguration: { taskmanager: { memory: { managed: { fraction: '0.6' } } } },
      }),
    ], { operatorVersion: '1.16' });
    expect(findings.map((f: Finding) => `${f.rule} ${f.object} ${f.field} ${JSON.stringify(f.value)}`)).toEqual([
      'flink-memory/process-size 1 spec.taskManager.resources.requests.memory "1Gi"',
    ]);
    expect(findings[0].why).toContain('The minimum with the memory keys set here (taskmanager.memory.managed.fraction) is 1302 MiB');
  });

  test('a key wrong on its own is a finding on the key; objects that are not FlinkDeployments are ignored', () => {
    const findings = flinkMemoryRule([
      deployment({ jobManager: { resource: { memory: '2g' } }, flinkConfiguration: { 'jobmanager.memory.jvm-overhead.fraction': '1.5' } }),
      { apiVersion: 'example.com/v1', kind: 'FlinkDeployment', spec: { taskManager: { resource: { memory: '1m' } } } },
    ], { operatorVersion: '1.15' });
    expect(findings.map((f: Finding) => `${f.rule} ${f.object} ${f.field}`)).toEqual([
      "flink-memory/option 0 spec.flinkConfiguration['jobmanager.memory.jvm-overhead.fraction']",
    ]);
  });
});

describe('a JobManager heap below 128 MiB is a warning, as in Flink', () => {
  const fd = (memory: string) => ({ apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', spec: { jobManager: { resource: { memory } } } });

  test('577m..703m: accepted by Flink with a WARN, reported as a warning (never blocks synth)', () => {
    const [w] = flinkMemoryRule([fd('600m')], { operatorVersion: '1.15' });
    expect(w).toMatchObject({ rule: 'flink-memory/jobmanager-heap', severity: 'warning', field: 'spec.jobManager.resource.memory', value: '600m' });
    expect(w.why).toBe('the JobManager\'s JVM heap is 24 MiB, below Flink\'s recommended minimum of 128 MiB ("The configured or derived JVM heap memory size ... is less than its recommended minimum value")');
    expect(flinkMemoryRule([fd('704m')], { operatorVersion: '1.15' })).toEqual([]);
    expect(flinkMemoryRule([fd('703m')], { operatorVersion: '1.15' })).toHaveLength(1);
  });
});

describe('where the operator reads the process memory (FlinkConfigBuilder.applyResourceConfig)', () => {
  test('resources with any request or limit win: request, else limit, never the deprecated resource', () => {
    expect(specMemoryPath({ resources: { requests: { memory: '4Gi' }, limits: { memory: '5Gi' } }, resource: { memory: '2g' } })).toBe('resources.requests.memory');
    expect(specMemoryPath({ resources: { limits: { memory: '5Gi' } } })).toBe('resources.limits.memory');
    // A cpu-only request makes `resources` the source, so the deprecated resource.memory is not read.
    expect(specMemoryPath({ resources: { requests: { cpu: '1' } }, resource: { memory: '2g' } })).toBeUndefined();
    expect(specMemoryPath({ resources: {}, resource: { memory: '2g' } })).toBe('resource.memory');
    expect(specMemoryPath({})).toBeUndefined();
  });
});
