import { Duration, JsonPatch, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { HighAvailability, OperatorVersion, UpgradeMode } from '../lib';
import { describeProblem } from '../lib/errors';
import { operatorRuleProblems, parseFlinkMemory, parseQuantity } from '../lib/operator-rules';
import { flinkApp, flinkDeploymentOf, synth, synthError } from './fixtures/flink/app';

/**
 * A valid FlinkDeployment as the app writes it (checkpoint store, Kubernetes HA) for operator 1.11, the
 * release these rules are checked on by default (the oldest target: every rule exists there), switched to
 * last-state upgrades (the rules below are about what last-state needs).
 */
const BASE = (() => {
  const d = flinkDeploymentOf(synth(flinkApp({ operatorVersion: OperatorVersion.V1_11 }).chart));
  d.spec.job.upgradeMode = 'last-state';
  return d;
})();

function rules(mutate: (d: any) => void, operatorVersion = OperatorVersion.V1_11): string[] {
  const d = JSON.parse(JSON.stringify(BASE));
  mutate(d);
  return operatorRuleProblems({ deployment: d, operatorVersion }).map(describeProblem);
}

const dropSavepointDir = (d: any) => { delete d.spec.flinkConfiguration['execution.checkpointing.savepoint-dir']; };
const dropHa = (d: any) => { delete d.spec.flinkConfiguration['high-availability.type']; };

test('the app\'s own FlinkDeployment passes every rule', () => {
  expect(rules(() => {})).toEqual([]);
});

describe('operator validator rules (DefaultValidator), with the operator\'s message quoted', () => {
  test.each<[string, (d: any) => void, string]>([
    ['1: name pattern', (d) => { d.metadata.name = 'My_App'; },
      'name = "My_App": the operator requires lower-case alphanumerics or \'-\', starting with a letter, ending with an alphanumeric, at most 45 characters ("The FlinkDeployment name: My_App is invalid"). Fix: set props.name (or the construct id) to e.g. \'my-app\''],
    ['1: name length (46)', (d) => { d.metadata.name = `a${'b'.repeat(45)}`; },
      `name = "a${'b'.repeat(45)}": the operator requires lower-case alphanumerics or '-', starting with a letter, ending with an alphanumeric, at most 45 characters ("The FlinkDeployment name: a${'b'.repeat(45)} is invalid"). Fix: set props.name (or the construct id) to e.g. 'a${'b'.repeat(44)}'`],
    ['2: flinkVersion missing', (d) => { delete d.spec.flinkVersion; },
      'flinkVersion = (not set): the operator requires a flinkVersion ("Flink Version must be defined."). Fix: use FlinkVersion.V2_0'],
    ['CRD enum: flinkVersion the operator does not accept', (d) => { d.spec.flinkVersion = 'v2_2'; },
      'flinkVersion = "v2_2": operator 1.11\'s CRD accepts only v2_0; the API server would reject the FlinkDeployment. Fix: use FlinkVersion.V2_0 or target OperatorVersion.V1_13 or newer'],
    ['6: rollback needs HA', (d) => { d.spec.flinkConfiguration['kubernetes.operator.deployment.rollback.enabled'] = 'true'; dropHa(d); },
      'flinkConfiguration[\'kubernetes.operator.deployment.rollback.enabled\'] = "true": the operator refuses rollbacks without high availability ("HA must be enabled for rollback support."). Fix: enable HighAvailability.kubernetes() (needs a checkpointStore) or drop operator.deploymentRollback'],
    ['7: health check needs deployment recovery', (d) => {
      d.spec.flinkConfiguration['kubernetes.operator.cluster.health-check.enabled'] = 'true';
      d.spec.flinkConfiguration['kubernetes.operator.jm-deployment-recovery.enabled'] = 'false';
    }, 'flinkConfiguration[\'kubernetes.operator.cluster.health-check.enabled\'] = "true": the operator refuses it ("Deployment recovery (kubernetes.operator.jm-deployment-recovery.enabled) must be enabled for job health check (kubernetes.operator.cluster.health-check.enabled) support."). Fix: drop operator.jobManagerDeploymentRecovery: false, or operator.clusterHealthCheck'],
    ['10: logConfiguration key', (d) => { d.spec.logConfiguration['log4j.properties'] = 'x'; },
      'logConfiguration[\'log4j.properties\'] = "log4j.properties": the operator accepts only log4j-console.properties and logback-console.xml ("Invalid log config key: log4j.properties."). Fix: configure logging with the logging prop (FlinkLogging.json() or FlinkLogging.logback(xml))'],
    ['11: last-state needs a checkpoint directory', (d) => { delete d.spec.flinkConfiguration['execution.checkpointing.dir']; },
      'upgradeMode = "last-state": the operator refuses last-state and savepoint upgrades without a checkpoint directory ("Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes"). Fix: set checkpointStore, or use UpgradeMode.STATELESS'],
    ['12: savepoint upgrades need a savepoint directory', (d) => { dropSavepointDir(d); d.spec.job.upgradeMode = 'savepoint'; },
      'upgradeMode = "savepoint": the operator refuses savepoint upgrades without a savepoint directory ("Job could not be upgraded with savepoint while config key[execution.checkpointing.savepoint-dir] is not set"). Fix: set checkpointStore, or use UpgradeMode.LAST_STATE'],
    ['13: a manual savepoint needs a savepoint directory', (d) => { dropSavepointDir(d); d.spec.job.savepointTriggerNonce = 1; },
      'job.savepointTriggerNonce = 1: the operator refuses a manual savepoint without a savepoint directory ("Savepoint could not be manually triggered for the running job while config key[execution.checkpointing.savepoint-dir] is not set"). Fix: set checkpointStore, or drop the nonce'],
    ['14: periodic savepoints (even 0ms) need a savepoint directory', (d) => { dropSavepointDir(d); d.spec.flinkConfiguration['kubernetes.operator.periodic.savepoint.interval'] = '0ms'; },
      'flinkConfiguration[\'kubernetes.operator.periodic.savepoint.interval\'] = "0ms": the operator refuses periodic savepoints (the key\'s presence counts, even 0ms) without a savepoint directory ("Periodic savepoints cannot be enabled when config key[execution.checkpointing.savepoint-dir] is not set"). Fix: set checkpointStore, or drop operator.periodicSavepointInterval'],
    ['15: max checkpoint age needs a savepoint directory', (d) => { dropSavepointDir(d); d.spec.flinkConfiguration['kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age'] = '5min'; },
      'flinkConfiguration[\'kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age\'] = "5min": the operator refuses it without a savepoint directory ("In order to use max-checkpoint age functionality config key[execution.checkpointing.savepoint-dir] must be set to allow triggering savepoint upgrades."). Fix: set checkpointStore, or remove the key'],
    ['16: TaskManager replicas ≥ 1', (d) => { d.spec.taskManager.replicas = 0; },
      'taskManager.replicas = 0: the operator refuses it ("TaskManager replicas must be larger than 0"). Fix: use a whole number ≥ 1, or leave it unset and set parallelism'],
    ['17: parallelism ≥ 1', (d) => { d.spec.job.parallelism = 0; },
      'parallelism = 0: the operator refuses it ("Job parallelism must be larger than 0"). Fix: use a whole number ≥ 1'],
    ['18: JobManager memory defined', (d) => { delete d.spec.jobManager.resource.memory; },
      'jobManager.resources.memory = (not set): the operator refuses it ("JobManager resource memory must be defined using `spec.jobManager.resource.memory`"). Fix: set jobManager.resources'],
    ['19: JobManager memory parses', (d) => { d.spec.jobManager.resource.memory = '2 gigs'; },
      'jobManager.resources.memory = "2 gigs": the operator refuses it ("JobManager resource memory parse error"). Fix: use a Size, e.g. Size.mebibytes(1024) (written as \'1024m\')'],
    ['19: JobManager ephemeral storage parses', (d) => { d.spec.jobManager.resource.ephemeralStorage = '10 gigs'; },
      'jobManager.resources.ephemeralStorage = "10 gigs": the operator refuses it ("JobManager resource ephemeral storage parse error"). Fix: use a Size, e.g. Size.gibibytes(10) (written as 10Gi)'],
    ['20: JobManager replicas ≥ 1', (d) => { d.spec.jobManager.replicas = 0; },
      'jobManager.replicas = 0: the operator refuses it ("JobManager replicas should not be configured less than one."). Fix: use 1, or 2+ with high availability'],
    ['21: standby JobManagers need HA', (d) => { d.spec.jobManager.replicas = 2; dropHa(d); },
      'jobManager.replicas = 2: the operator refuses standby JobManagers without high availability ("High availability should be enabled when starting standby JobManagers."). Fix: enable HighAvailability.kubernetes() (needs a checkpointStore) or use 1 replica'],
    ['22: TaskManager memory defined', (d) => { delete d.spec.taskManager.resource.memory; },
      'taskManager.resources.memory = (not set): the operator refuses it ("TaskManager resource memory must be defined using `spec.taskManager.resource.memory`"). Fix: set taskManager.resources'],
    ['23: TaskManager memory parses', (d) => { d.spec.taskManager.resource.memory = 'lots'; },
      'taskManager.resources.memory = "lots": the operator refuses it ("TaskManager resource memory parse error"). Fix: use a Size, e.g. Size.mebibytes(2048) (written as \'2048m\')'],
    ['23: TaskManager ephemeral storage parses', (d) => { d.spec.taskManager.resource.ephemeralStorage = 'big'; },
      'taskManager.resources.ephemeralStorage = "big": the operator refuses it ("TaskManager resource ephemeral storage parse error"). Fix: use a Size, e.g. Size.gibibytes(10) (written as 10Gi)'],
    ['28: service account defined', (d) => { delete d.spec.serviceAccount; },
      'serviceAccount = (not set): the operator requires it ("spec.serviceAccount must be defined. If you use helm, its value should be the same with the name of jobServiceAccount."). Fix: let the app create its ServiceAccount, or pass serviceAccount'],
  ])('rule %s', (_name, mutate, message) => {
    expect(rules(mutate)).toEqual([message]);
  });

  test('HA through a deprecated alias counts as active (the operator reads Flink 1.20 options)', () => {
    expect(rules((d) => { d.spec.jobManager.replicas = 2; dropHa(d); d.spec.flinkConfiguration['high-availability'] = 'kubernetes'; })).toEqual([]);
  });

  test('directories through deprecated aliases satisfy rules 11 and 12', () => {
    expect(rules((d) => {
      d.spec.job.upgradeMode = 'savepoint';
      delete d.spec.flinkConfiguration['execution.checkpointing.dir'];
      dropSavepointDir(d);
      d.spec.flinkConfiguration['state.checkpoints.dir'] = 's3://b/cp';
      d.spec.flinkConfiguration['state.savepoints.dir'] = 's3://b/sp';
    })).toEqual([]);
  });
});

describe('rules beyond the validator: what would fail when the job starts', () => {
  test.each<[string, (d: any) => void, string]>([
    ['CPU as a string', (d) => { d.spec.taskManager.resource.cpu = '1'; },
      'taskManager.resources.cpu = "1": CPU must be a positive number of cores (the CRD types it as a number). Fix: use Cpu.units(1) or Cpu.millis(500)'],
    ['zero task slots', (d) => { d.spec.flinkConfiguration['taskmanager.numberOfTaskSlots'] = '0'; },
      'taskManager.taskSlots = "0": a TaskManager needs a whole number of slots ≥ 1. Fix: use a whole number ≥ 1'],
    ['a fractional restart nonce', (d) => { d.spec.restartNonce = 1.5; },
      'restartNonce = 1.5: the nonce is a 64-bit integer. Fix: use a whole number, e.g. the current epoch seconds'],
    ['a savepoint path that is not a URI', (d) => { d.spec.job.initialSavepointPath = '/tmp/sp'; },
      'initialSavepointPath = "/tmp/sp": a savepoint path is a filesystem URI. Fix: write the full URI, e.g. \'s3://my-bucket/statefun/orders/savepoints/savepoint-abc123\''],
    ['a Log4j configuration (the image logs through Logback)', (d) => { d.spec.logConfiguration['log4j-console.properties'] = 'x'; },
      'logConfiguration[\'log4j-console.properties\'] = "log4j-console.properties": the StateFun image logs through Logback (its Log4j binding is removed), so a Log4j configuration has no effect. Fix: configure logging with the logging prop (logback-console.xml)'],
  ])('%s', (_name, mutate, message) => {
    expect(rules(mutate)).toEqual([message]);
  });
});

describe('StateFun invariants (StatefulFunctionsConfigValidator; the Kzmlabs runner does not check them)', () => {
  test.each<[string, (c: Record<string, string>) => void, string]>([
    ['parent-first patterns', (c) => { c['classloader.parent-first-patterns.additional'] = 'org.apache.flink.statefun'; },
      'flinkConfiguration[\'classloader.parent-first-patterns.additional\'] = "org.apache.flink.statefun": StateFun requires org.apache.kafka, com.google.protobuf to load parent-first (its config validator; the runner does not check it, the job fails on class-loading conflicts). Fix: set it to include org.apache.flink.statefun;org.apache.kafka;com.google.protobuf (StateFunApp writes them: do not patch them away; add your own with statefun.additionalParentFirstPatterns)'],
    ['parent-first resolve order', (c) => { c['classloader.resolve-order'] = 'child-first'; },
      'flinkConfiguration[\'classloader.resolve-order\'] = "child-first": StateFun deployments load classes parent-first (every reference deployment sets it). Fix: set it to parent-first (StateFunApp writes it: do not patch it)'],
    ['no unaligned checkpoints', (c) => { c['execution.checkpointing.unaligned.enabled'] = 'true'; },
      'flinkConfiguration[\'execution.checkpointing.unaligned.enabled\'] = "true": StateFun does not support unaligned checkpoints ("StateFun currently does not support unaligned checkpointing"). Fix: remove it: the library keeps unaligned checkpoints off'],
    ['RocksDB timers', (c) => { c['state.backend.rocksdb.timer-service.factory'] = 'HEAP'; },
      'flinkConfiguration[\'state.backend.rocksdb.timer-service.factory\'] = "HEAP": StateFun requires RocksDB timers (heap timers are rejected by its config validator). Fix: set it to ROCKSDB (StateFunApp writes it: do not patch it)'],
    ['one concurrent checkpoint', (c) => { c['execution.checkpointing.max-concurrent-checkpoints'] = '2'; },
      'flinkConfiguration[\'execution.checkpointing.max-concurrent-checkpoints\'] = "2": StateFun supports exactly one concurrent checkpoint. Fix: set it to 1 (StateFunApp writes it: do not patch it)'],
    ['checkpointing on', (c) => { delete c['execution.checkpointing.interval']; },
      'flinkConfiguration[\'execution.checkpointing.interval\'] = (not set): without an interval checkpointing is off (StateFun never enables it), so a failure loses all state. Fix: set an interval, e.g. 10s (StateFunApp: checkpointing.interval; do not patch it away)'],
    ['the mounted module', (c) => { c['statefun.remote.module-name'] = 'classpath:module.yaml'; },
      'flinkConfiguration[\'statefun.remote.module-name\'] = "classpath:module.yaml": the module ConfigMap is mounted at file:///opt/statefun/module.yaml; any other location has no module ("There are no ingress defined."). Fix: set it to file:///opt/statefun/module.yaml with the module ConfigMap mounted at /opt/statefun (StateFunApp does both: do not patch it)'],
    ['no uber-jar mode', (c) => { c['statefun.embedded'] = 'true'; },
      'flinkConfiguration[\'statefun.embedded\'] = "true": uber-jar mode: the runtime would expect the functions inside the job jar and skip its classloading checks; the Kzmlabs image runs remote functions. Fix: remove it'],
  ])('%s', (_name, mutate, message) => {
    expect(rules((d) => mutate(d.spec.flinkConfiguration))).toEqual([message]);
  });
});

describe('operator rules at synth, from typed props', () => {
  test('standby JobManagers without HA', () => {
    const { chart } = flinkApp({ jobManager: { replicas: 2 }, highAvailability: HighAvailability.disabled() });
    expect(synthError(chart)).toContain('[c/app] jobManager.replicas = 2: the operator refuses standby JobManagers without high availability ("High availability should be enabled when starting standby JobManagers."). Fix: enable HighAvailability.kubernetes() (needs a checkpointStore) or use 1 replica');
  });

  test('rollback without HA', () => {
    const { chart } = flinkApp({ operator: { deploymentRollback: true }, highAvailability: HighAvailability.disabled() });
    expect(synthError(chart)).toContain('[c/app] flinkConfiguration[\'kubernetes.operator.deployment.rollback.enabled\'] = "true": the operator refuses rollbacks without high availability');
  });

  test('the release gate\'s periodic savepoint interval 0ms without a checkpoint store', () => {
    const { chart } = flinkApp({ operator: { periodicSavepointInterval: Duration.millis(0) } }, { store: false });
    expect(synthError(chart)).toContain('[c/app] flinkConfiguration[\'kubernetes.operator.periodic.savepoint.interval\'] = "0ms": the operator refuses periodic savepoints (the key\'s presence counts, even 0ms) without a savepoint directory');
  });

  test('savepoint upgrades without a checkpoint store', () => {
    const { chart } = flinkApp({ upgradeMode: UpgradeMode.SAVEPOINT }, { store: false });
    const error = synthError(chart);
    expect(error).toContain('[c/app] upgradeMode = "savepoint": the operator refuses last-state and savepoint upgrades without a checkpoint directory');
    // One finding: the savepoint-directory rule would only repeat the fix (the operator stops at the first rule too).
    expect(error).not.toContain('without a savepoint directory');
  });

  test('zero TaskManager replicas, zero parallelism', () => {
    expect(synthError(flinkApp({ taskManager: { replicas: 0 } }).chart)).toContain('[c/app] taskManager.replicas = 0: the operator refuses it ("TaskManager replicas must be larger than 0")');
    expect(synthError(flinkApp({ parallelism: 0 }).chart)).toContain('[c/app] parallelism = 0: the operator refuses it ("Job parallelism must be larger than 0")');
  });

  test('a tiny TaskManager', () => {
    const { chart } = flinkApp({ taskManager: { resources: { cpu: Cpu.units(1), memory: Size.mebibytes(32) } } });
    expect(synthError(chart)).toContain('[c/app] taskManager.resources.memory = "32m": Flink cannot fit the TaskManager\'s memory pools into 32 MiB ("Sum of configured JVM Metaspace (256 MiB) and JVM Overhead (192 MiB) exceed configured Total Process Memory (32 MiB)"); the operator deploys it anyway and the deployment fails. The minimum with Flink\'s default memory pools is 982 MiB. Fix: set taskManager.resources.memory to at least Size.mebibytes(982)');
  });

  test('a JSON patch that breaks a StateFun invariant is reported once (by the linter, naming the patch)', () => {
    const { chart, app } = flinkApp();
    app.flinkDeployment.addJsonPatch(JsonPatch.replace('/spec/flinkConfiguration/classloader.resolve-order', 'child-first'));
    const error = synthError(chart);
    expect(error.match(/classloader\.resolve-order/g)).toHaveLength(1);
    expect(error).toContain('[c/app/Resource] spec.flinkConfiguration[\'classloader.resolve-order\'] = "child-first": a JSON patch changed it from "parent-first", the value of a setting the library fixes (StateFun invariant). Fix: drop the patch: the library sets it (StateFun invariant)');
  });

  test('a JSON patch removing the checkpoint interval is caught by the invariant', () => {
    const { chart, app } = flinkApp();
    app.flinkDeployment.addJsonPatch(JsonPatch.remove('/spec/flinkConfiguration/execution.checkpointing.interval'));
    expect(synthError(chart)).toContain('[c/app/Resource] spec.flinkConfiguration[\'execution.checkpointing.interval\'] = (not set): without an interval checkpointing is off');
  });

  test('a JSON patch adding a log config key', () => {
    const { chart, app } = flinkApp();
    app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/logConfiguration/log4j2.xml', 'x'));
    expect(synthError(chart)).toContain('[c/app/Resource] spec.logConfiguration[\'log4j2.xml\'] = "log4j2.xml": the operator accepts only log4j-console.properties and logback-console.xml ("Invalid log config key: log4j2.xml.")');
  });
});

describe('memory and quantity parsing as the operator does it', () => {
  test.each([
    ['2048m', 2048 * 2 ** 20], ['2g', 2 ** 31], ['2G', 2 ** 31], ['2Gi', 2 ** 31], ['1024 mb', 2 ** 30], ['512', 512], ['1.5Gi', 1.5 * 2 ** 30], ['2GB', 2 ** 31],
  ])('Flink memory %s', (text, bytes) => {
    expect(parseFlinkMemory(text)).toBe(bytes);
  });

  test.each(['2 gigs', 'lots', '', '-1g'])('unparsable memory %j', (text) => {
    expect(parseFlinkMemory(text)).toBeUndefined();
  });

  test.each([['10Gi', 10 * 2 ** 30], ['500M', 5e8], ['1e9', 1e9], ['100', 100]])('quantity %s', (text, bytes) => {
    expect(parseQuantity(text)).toBe(bytes);
  });
});
