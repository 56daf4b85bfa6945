import { JsonPatch } from 'cdk8s';
import { FlinkMetrics, HighAvailability, OperatorVersion, StateBackend } from '../lib';
import { describeProblem } from '../lib/errors';
import { assembleFlinkConfiguration, TypedFlinkSettings } from '../lib/flink-config-assembly';
import { lintFlinkConfiguration } from '../lib/flink-config-linter';
import { KEY_CATALOG, KeyStatus } from '../lib/flink-key-catalog';
import { flinkApp, flinkDeploymentOf, synth, synthError } from './fixtures/flink/app';
import { expectValidManifests } from './support/schemas';

const DIRS = {
  checkpoints: 's3://b/app/checkpoints',
  savepoints: 's3://b/app/savepoints',
  highAvailability: 's3://b/app/ha',
  changelog: 's3://b/app/changelog',
};

interface LintOptions {
  readonly operatorVersion?: OperatorVersion;
  readonly settings?: TypedFlinkSettings;
  readonly highAvailability?: HighAvailability;
  /** Keys a JSON patch sets on top of typed settings and extras. */
  readonly patched?: Record<string, unknown>;
}

/** The linter's messages for typed settings (defaults unless given) plus extras and patches. */
function lint(extras: Record<string, unknown>, o: LintOptions = {}): string[] {
  const typed = assembleFlinkConfiguration({
    appName: 'app',
    directories: DIRS,
    storeConfiguration: {},
    highAvailability: o.highAvailability ?? HighAvailability.kubernetes(),
    settings: o.settings ?? {},
  });
  const final = { ...typed.toRecord(), ...extras, ...(o.patched ?? {}) };
  return lintFlinkConfiguration({ typed, extras, final, operatorVersion: o.operatorVersion ?? OperatorVersion.V1_11 }).map(describeProblem);
}

describe('linter: values are strings, keys are flat', () => {
  test('a number on operator 1.11 (string-map CRD)', () => {
    expect(lint({ 'pipeline.max-parallelism': 720 })).toEqual([
      'flinkConfiguration[\'pipeline.max-parallelism\'] = 720: not a string: operator 1.11\'s CRD accepts only a string-to-string map, so the API server rejects the FlinkDeployment. Fix: write it as a string: "720"',
    ]);
  });

  test('a nested map on operator 1.15 (structured CRD)', () => {
    expect(lint({ s3: { endpoint: 'http://minio:9000' } }, { operatorVersion: OperatorVersion.V1_15 })).toEqual([
      'flinkConfiguration[\'s3\'] = {"endpoint":"http://minio:9000"}: not a string: operator 1.15 would flatten it, but only flat keys with string values mean the same on every operator and can be linted. Fix: write flat keys with string values, e.g. \'s3.endpoint\': "http://minio:9000"',
    ]);
  });

  test('a key with a space', () => {
    expect(lint({ 'pipeline. max-parallelism': '720' })).toEqual([
      'flinkConfiguration[\'pipeline. max-parallelism\'] = "720": not a flat dotted Flink key (no spaces, no empty segments). Fix: write it as \'pipeline.max-parallelism\'',
    ]);
  });

  test('a nested map is flattened before the other rules (a legacy key inside it is still found)', () => {
    const messages = lint({ state: { backend: 'rocksdb' } }, { operatorVersion: OperatorVersion.V1_15 });
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatch(/^flinkConfiguration\['state\.backend'\] = "rocksdb": legacy Flink 1\.x key/);
  });
});

describe('linter: execution.restart-strategy.*', () => {
  test.each([
    ['execution.restart-strategy.type', 'fixed-delay', 'restart-strategy.type'],
    ['execution.restart-strategy.fixed-delay.attempts', '3', 'restart-strategy.fixed-delay.attempts'],
  ])('%s', (key, value, replacement) => {
    expect(lint({ [key]: value })).toEqual([
      `flinkConfiguration['${key}'] = "${value}": not a Flink option: it was the legacy SQL-client form; Flink ignores it and restarts forever with exponential delay. Fix: use restartStrategy (writes ${replacement})`,
    ]);
  });
});

describe('linter: legacy 1.x keys name the 2.x key and the typed prop', () => {
  test.each([
    ['state.backend', 'rocksdb', OperatorVersion.V1_11, 'legacy Flink 1.x key, renamed in Flink 1.17; it is a dot-prefix of state.backend.type and state.backend.rocksdb.*; next to any of them operator 1.11 silently drops one key on Flink 2.x. Fix: use stateBackend (writes state.backend.type)'],
    ['state.backend', 'rocksdb', OperatorVersion.V1_12, 'legacy Flink 1.x key, renamed in Flink 1.17; it is a dot-prefix of state.backend.type and state.backend.rocksdb.*; next to any of them operator 1.12 fails the deploy on Flink 2.x ("Overlapping key prefixes detected"). Fix: use stateBackend (writes state.backend.type)'],
    ['high-availability', 'kubernetes', OperatorVersion.V1_11, 'legacy Flink 1.x key, renamed in Flink 1.17; it is a dot-prefix of high-availability.storageDir and high-availability.kubernetes.*; next to any of them operator 1.11 silently drops one key on Flink 2.x. Fix: use highAvailability (writes high-availability.type)'],
    ['recovery.mode', 'kubernetes', OperatorVersion.V1_11, 'legacy Flink 1.x key, the pre-1.17 name of the HA mode. Fix: use highAvailability (writes high-availability.type)'],
    ['restart-strategy', 'fixed-delay', OperatorVersion.V1_15, 'legacy Flink 1.x key, renamed in Flink 1.17; it is a dot-prefix of restart-strategy.<type>.*; next to any of them operator 1.15 fails the deploy on Flink 2.x ("Overlapping key prefixes detected"). Fix: use restartStrategy (writes restart-strategy.type)'],
    ['env.java.opts', '-Dx=y', OperatorVersion.V1_11, 'legacy Flink 1.x key, split into env.java.opts.all/.jobmanager/.taskmanager; it is a dot-prefix of them; next to any of them operator 1.11 silently drops one key on Flink 2.x. Fix: use jvmOptions (writes env.java.opts.all)'],
    ['execution.checkpointing.unaligned', 'false', OperatorVersion.V1_11, 'legacy Flink 1.x key, renamed to execution.checkpointing.unaligned.enabled; it is a dot-prefix of .unaligned.enabled/.forced; next to any of them operator 1.11 silently drops one key on Flink 2.x. Fix: remove it: StateFun invariant: unaligned checkpoints stay off; the library writes execution.checkpointing.unaligned.enabled'],
  ])('%s = %s (operator %s)', (key, value, operatorVersion, message) => {
    expect(lint({ [key]: value }, { operatorVersion })).toEqual([`flinkConfiguration['${key}'] = "${value}": ${message}`]);
  });
});

describe('linter: deprecated aliases are written in their 2.x form', () => {
  test.each([
    ['state.checkpoints.dir', 's3://b/cp', 'deprecated alias of execution.checkpointing.dir (renamed in Flink 1.20): Flink 2.x reads it only while execution.checkpointing.dir is unset, and the library writes every key in its 2.x form. Fix: use checkpointStore (writes execution.checkpointing.dir)'],
    ['state.savepoints.dir', 's3://b/sp', 'deprecated alias of execution.checkpointing.savepoint-dir (renamed in Flink 1.20): Flink 2.x reads it only while execution.checkpointing.savepoint-dir is unset, and the library writes every key in its 2.x form. Fix: use checkpointStore (writes execution.checkpointing.savepoint-dir)'],
    ['state.backend.incremental', 'true', 'deprecated alias of execution.checkpointing.incremental (renamed in Flink 1.20): Flink 2.x reads it only while execution.checkpointing.incremental is unset, and the library writes every key in its 2.x form. Fix: use checkpointing.incremental (writes execution.checkpointing.incremental)'],
    ['state.checkpoints.num-retained', '10', 'deprecated alias of execution.checkpointing.num-retained (renamed in Flink 1.20): Flink 2.x reads it only while execution.checkpointing.num-retained is unset, and the library writes every key in its 2.x form. Fix: use checkpointing.retainedCheckpoints (writes execution.checkpointing.num-retained)'],
    ['state.backend.changelog.enabled', 'true', 'deprecated alias of state.changelog.enabled (renamed in Flink 1.20 by FLIP-406): Flink 2.x reads it only while state.changelog.enabled is unset, and the library writes every key in its 2.x form. Fix: use checkpointing.changelog (writes state.changelog.enabled)'],
    ['dstl.dfs.base-path', 's3://b/dfs', 'deprecated alias of state.changelog.dstl.dfs.base-path (renamed in Flink 1.20 by FLIP-406): Flink 2.x reads it only while state.changelog.dstl.dfs.base-path is unset, and the library writes every key in its 2.x form. Fix: use checkpointStore (writes state.changelog.dstl.dfs.base-path)'],
    ['dstl.dfs.upload.num-threads', '5', 'deprecated alias of state.changelog.dstl.dfs.upload.num-threads (renamed in Flink 1.20 by FLIP-406): Flink 2.x reads it only while state.changelog.dstl.dfs.upload.num-threads is unset, and the library writes every key in its 2.x form. Fix: write \'state.changelog.dstl.dfs.upload.num-threads\' instead'],
    ['execution.savepoint.ignore-unclaimed-state', 'true', 'deprecated alias of execution.state-recovery.ignore-unclaimed-state (renamed in Flink 1.20): Flink 2.x reads it only while execution.state-recovery.ignore-unclaimed-state is unset, and the library writes every key in its 2.x form. Fix: use allowNonRestoredState (writes execution.state-recovery.ignore-unclaimed-state)'],
    ['execution.checkpointing.checkpoints-after-tasks-finish.enabled', 'false', 'deprecated alias of execution.checkpointing.checkpoints-after-tasks-finish (renamed in Flink 1.20): Flink 2.x reads it only while execution.checkpointing.checkpoints-after-tasks-finish is unset, and the library writes every key in its 2.x form. Fix: use checkpointing.checkpointsAfterTasksFinish (writes execution.checkpointing.checkpoints-after-tasks-finish)'],
  ])('%s', (key, value, message) => {
    expect(lint({ [key]: value })).toEqual([`flinkConfiguration['${key}'] = "${value}": ${message}`]);
  });
});

describe('linter: keys removed in Flink 2.0', () => {
  test.each([
    ['state.backend.async', 'true', 'removed in Flink 2.0 (snapshots are always asynchronous): Flink ignores it silently. Fix: remove it: nothing replaces it on Flink 2.x'],
    ['jobmanager.heap.size', '1g', 'removed in Flink 2.0 (the operator sizes the JobManager from spec.jobManager.resource.memory): Flink ignores it silently. Fix: use jobManager.resources.memory'],
    ['taskmanager.heap.size', '2g', 'removed in Flink 2.0 (the operator sizes the TaskManager from spec.taskManager.resource.memory): Flink ignores it silently. Fix: use taskManager.resources.memory'],
    ['state.backend.local-recovery', 'true', 'removed in Flink 2.0: Flink ignores it silently. Fix: write \'execution.state-recovery.from-local\' instead'],
    ['security.ssl.enabled', 'true', 'removed in Flink 2.0: Flink ignores it silently. Fix: write \'security.ssl.internal.enabled\' and \'security.ssl.rest.enabled\' instead'],
    ['taskmanager.network.memory.fraction', '0.1', 'removed in Flink 2.0: Flink ignores it silently. Fix: write \'taskmanager.memory.network.fraction\' instead'],
    ['web.port', '8081', 'removed in Flink 2.0: Flink ignores it silently. Fix: write \'rest.port\' instead'],
    ['taskmanager.net.server.numThreads', '4', 'removed in Flink 2.0: Flink ignores it silently. Fix: remove it: nothing replaces it on Flink 2.x'],
  ])('%s', (key, value, message) => {
    expect(lint({ [key]: value })).toEqual([`flinkConfiguration['${key}'] = "${value}": ${message}`]);
  });
});

describe('linter: keys the operator forbids', () => {
  test.each([
    ['kubernetes.namespace', 'remove it: the namespace is the chart\'s'],
    ['kubernetes.cluster-id', 'remove it: the cluster id is the app name (the name prop)'],
    ['high-availability.cluster-id', 'remove it: the cluster id is the app name (the name prop)'],
  ])('%s', (key, fix) => {
    expect(lint({ [key]: 'x' })).toEqual([
      `flinkConfiguration['${key}'] = "x": the operator rejects the FlinkDeployment ("Forbidden Flink config key: ${key}"); it sets the key itself. Fix: ${fix}`,
    ]);
  });
});

describe('linter: keys the operator derives from spec fields point to the typed prop', () => {
  test.each([
    ['jobmanager.memory.process.size', '2g', 'from spec.jobManager.resource.memory', 'jobManager.resources.memory'],
    ['taskmanager.memory.process.size', '4g', 'from spec.taskManager.resource.memory', 'taskManager.resources.memory'],
    ['kubernetes.jobmanager.cpu.amount', '1', 'from spec.jobManager.resource.cpu', 'jobManager.resources.cpu'],
    ['kubernetes.taskmanager.cpu.amount', '2', 'from spec.taskManager.resource.cpu', 'taskManager.resources.cpu'],
    ['kubernetes.container.image.ref', 'flink:2.2', 'from spec.image', 'image'],
    ['kubernetes.container.image', 'flink:2.2', 'from spec.image', 'image'],
    ['kubernetes.service-account', 'flink', 'from spec.serviceAccount', 'serviceAccount'],
    ['parallelism.default', '4', 'from spec.job.parallelism (or taskManager.replicas × slots)', 'parallelism'],
  ])('%s', (key, value, from, prop) => {
    expect(lint({ [key]: value })).toEqual([
      `flinkConfiguration['${key}'] = "${value}": the operator writes this key ${from}, overriding the configuration. Fix: use ${prop}`,
    ]);
  });
});

describe('linter: every catalog row yields one finding that names the key and a fix', () => {
  test.each(KEY_CATALOG.map((e) => [e.key, e.status, e.prefix ? `${e.key}x` : e.key] as const))('%s (%s)', (_row, status, key) => {
    const messages = lint({ [key]: 'v' });
    expect(messages).toHaveLength(1);
    expect(messages[0].startsWith(`flinkConfiguration['${key}'] = "v": `)).toBe(true);
    expect(messages[0]).toMatch(/\. Fix: \S/);
    if (status === KeyStatus.REMOVED) expect(messages[0]).toContain('removed in Flink 2.0');
  });
});

describe('linter: extras and patches that contradict typed settings', () => {
  test('an extra with another value than the typed prop', () => {
    expect(lint({ 'execution.checkpointing.interval': '1s' })).toEqual([
      'flinkConfiguration[\'execution.checkpointing.interval\'] = "1s": contradicts the typed prop checkpointing.interval, which sets it to "10s"; the extra would silently override it. Fix: remove it from flinkConfiguration and set checkpointing.interval',
    ]);
  });

  test('an extra with the same value as the typed prop', () => {
    expect(lint({ 'execution.checkpointing.interval': '10s' })).toEqual([
      'flinkConfiguration[\'execution.checkpointing.interval\'] = "10s": duplicates the typed prop checkpointing.interval, which already sets it; one key, one source, or the two drift apart. Fix: remove it from flinkConfiguration and set checkpointing.interval',
    ]);
  });

  test('an extra overriding a StateFun invariant', () => {
    expect(lint({ 'classloader.resolve-order': 'child-first' })).toEqual([
      'flinkConfiguration[\'classloader.resolve-order\'] = "child-first": contradicts a setting the library fixes (StateFun invariant), which sets it to "parent-first"; the extra would silently override it. Fix: remove it: the library sets it (StateFun invariant)',
    ]);
  });

  test('a JSON patch changing a typed key', () => {
    expect(lint({}, { patched: { 'execution.checkpointing.interval': '1s' } })).toEqual([
      'flinkConfiguration[\'execution.checkpointing.interval\'] = "1s": a JSON patch changed it from "10s", the value of the typed prop checkpointing.interval. Fix: drop the patch and set checkpointing.interval',
    ]);
  });

  test.each([
    ['an option of another restart strategy', 'restart-strategy.failure-rate.delay', '1s', {}, undefined,
      'restartStrategy sets restart-strategy.type = fixed-delay: keys of another strategy are ignored and this strategy\'s options belong in the prop. Fix: remove it and configure restartStrategy'],
    ['a RocksDB option with the hashmap backend', 'state.backend.rocksdb.memory.managed', 'true', { stateBackend: StateBackend.HASHMAP }, undefined,
      'the state backend is hashmap, so RocksDB options have no effect. Fix: remove it and configure stateBackend'],
    ['an HA key with HA disabled', 'high-availability.type', 'kubernetes', {}, HighAvailability.disabled(),
      'high availability is disabled (HighAvailability.disabled()), so high-availability.* has no effect or turns HA on behind the typed prop. Fix: remove it and configure highAvailability'],
    ['a leader-election timing', 'high-availability.kubernetes.leader-election.lease-duration', '20s', {}, undefined,
      'contradicts the typed prop highAvailability.leaderElection, which sets it to "15s"; the extra would silently override it. Fix: remove it from flinkConfiguration and set highAvailability.leaderElection'],
    ['a changelog option with the changelog off', 'state.changelog.periodic-materialize.interval', '1min', {}, undefined,
      'the changelog is off (checkpointing.changelog), so state.changelog.* has no effect. Fix: remove it and configure checkpointing.changelog'],
    ['a statefun.* key', 'statefun.embedded', 'true', {}, undefined,
      'the statefun.* keys are typed (job name, serializer, async limit, feedback memory, global config). Fix: remove it and configure statefun'],
    ['a Prometheus option with metrics disabled', 'metrics.reporter.prom.port', '9250', { metrics: FlinkMetrics.disabled() }, undefined,
      'metrics are disabled (FlinkMetrics.disabled()). Fix: remove it and configure metrics'],
  ])('%s', (_name, key, value, settings, highAvailability, message) => {
    expect(lint({ [key]: value }, { settings: settings as TypedFlinkSettings, highAvailability })).toEqual([`flinkConfiguration['${key}'] = "${value}": ${message}`]);
  });

  test('extras the typed model does not own pass', () => {
    expect(lint({
      'pipeline.max-parallelism': '720',
      'state.backend.rocksdb.memory.managed': 'true',
      'state.changelog.periodic-materialize.interval': '10min',
      'metrics.reporter.prom.filter.excludes': '*:numRecords*',
    }, { settings: { checkpointing: { changelog: true } } })).toEqual([]);
  });
});

describe('linter: overlapping key prefixes', () => {
  const pair = { 's3.endpoint': 'http://minio:9000', 's3.endpoint.region': 'us-east-1' };
  const fix = 'Fix: keep one of the two keys: use the Flink 2.x name of \'s3.endpoint\' (e.g. \'s3.endpoint.type\', \'s3.endpoint.enabled\' or \'s3.endpoint.value\'), or remove \'s3.endpoint\'';

  test('operator 1.11: silent drop', () => {
    expect(lint(pair)).toEqual([
      `flinkConfiguration['s3.endpoint'] = "http://minio:9000": 's3.endpoint' is a dot-prefix of 's3.endpoint.region': on Flink 2.x operator 1.11 writes config.yaml as nested YAML, where a key cannot hold both a value and sub-keys, and silently drops one of them. ${fix}`,
    ]);
  });

  test.each([OperatorVersion.V1_12, OperatorVersion.V1_15])('operator %s: deploy failure with the operator\'s message', (operatorVersion) => {
    expect(lint(pair, { operatorVersion })).toEqual([
      `flinkConfiguration['s3.endpoint'] = "http://minio:9000": 's3.endpoint' is a dot-prefix of 's3.endpoint.region': on Flink 2.x operator ${operatorVersion} fails the deploy ("Overlapping key prefixes detected (s3.endpoint -> s3.endpoint.region), please replace with Flink v2 compatible, non-deprecated keys."). ${fix}`,
    ]);
  });

  test('a key under one the operator adds at deploy', () => {
    expect(lint({ 'pipeline.name.suffix': 'x' }, { operatorVersion: OperatorVersion.V1_15 })).toEqual([
      'flinkConfiguration[\'pipeline.name.suffix\'] = "x": \'pipeline.name (set by the operator from metadata.name)\' is a dot-prefix of \'pipeline.name.suffix\': on Flink 2.x operator 1.15 fails the deploy ("Overlapping key prefixes detected (pipeline.name -> pipeline.name.suffix), please replace with Flink v2 compatible, non-deprecated keys."). Fix: remove \'pipeline.name.suffix\': the operator sets \'pipeline.name\'',
    ]);
  });

  test('the autoscaler pair the operator docs mix up', () => {
    const messages = lint({ 'job.autoscaler.target.utilization': '0.7', 'job.autoscaler.target.utilization.boundary': '0.3' }, { operatorVersion: OperatorVersion.V1_13 });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^flinkConfiguration\['job\.autoscaler\.target\.utilization'\] = "0\.7": 'job\.autoscaler\.target\.utilization' is a dot-prefix of 'job\.autoscaler\.target\.utilization\.boundary': on Flink 2\.x operator 1\.13 fails the deploy/);
  });

  test('a legacy key is reported once, as legacy, not again as an overlap', () => {
    const messages = lint({ 'high-availability': 'kubernetes' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/legacy Flink 1\.x key/);
  });
});

describe('linter through StateFunApp: runs at synth on the configuration as written', () => {
  test('an extra with a legacy key fails synth with the construct path', () => {
    const { chart } = flinkApp({ flinkConfiguration: { 'state.backend': 'rocksdb' } });
    expect(synthError(chart)).toContain('[c/app] flinkConfiguration[\'state.backend\'] = "rocksdb": legacy Flink 1.x key, renamed in Flink 1.17; it is a dot-prefix of state.backend.type and state.backend.rocksdb.*; next to any of them operator 1.16 fails the deploy on Flink 2.x ("Overlapping key prefixes detected"). Fix: use stateBackend (writes state.backend.type)');
  });

  test('a JSON patch on app.flinkDeployment adding a removed key is linted', () => {
    const { chart, app } = flinkApp({ operatorVersion: OperatorVersion.V1_15 });
    app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/flinkConfiguration/state.backend.async', 'true'));
    expect(synthError(chart)).toContain('[c/app/Resource] spec.flinkConfiguration[\'state.backend.async\'] = "true": removed in Flink 2.0 (snapshots are always asynchronous): Flink ignores it silently. Fix: remove it: nothing replaces it on Flink 2.x');
  });

  test('a JSON patch replacing a typed value is linted', () => {
    const { chart, app } = flinkApp();
    app.flinkDeployment.addJsonPatch(JsonPatch.replace('/spec/flinkConfiguration/restart-strategy.type', 'exponential-delay'));
    expect(synthError(chart)).toContain('[c/app/Resource] spec.flinkConfiguration[\'restart-strategy.type\'] = "exponential-delay": a JSON patch changed it from "fixed-delay", the value of the typed prop restartStrategy. Fix: drop the patch and set restartStrategy');
  });

  test('a JSON patch creating an overlap with a typed key is linted', () => {
    const { chart, app } = flinkApp({ operatorVersion: OperatorVersion.V1_12 });
    app.flinkDeployment.addJsonPatch(JsonPatch.add('/spec/flinkConfiguration/restart-strategy.type.x', 'y'));
    expect(synthError(chart)).toContain('[c/app/Resource] spec.flinkConfiguration[\'restart-strategy.type.x\'] = "y": restartStrategy sets restart-strategy.type = fixed-delay');
  });

  test('a clean extra passes and reaches the manifest as a string', () => {
    const { chart } = flinkApp({ flinkConfiguration: { 'pipeline.max-parallelism': '720' } });
    const manifests = synth(chart);
    expect(flinkDeploymentOf(manifests).spec.flinkConfiguration['pipeline.max-parallelism']).toBe('720');
    expectValidManifests(manifests, '1.16');
  });
});

describe('linter: metrics reporters need .factory.class (Flink 2.x ReporterSetupBuilder)', () => {
  const skipped = 'reporters are no longer created from a class (removed in Flink 1.17, FLINK-24235): Flink 2.x finds a reporter only by its metrics.reporter.<name>.factory.class key (ReporterSetupBuilder), so this reporter is silently skipped and its port never opens';
  test.each([
    ['metrics.reporter.prom.class', 'org.apache.flink.metrics.prometheus.PrometheusReporter', 'remove it: metrics.reporter.prom.factory.class already names the factory'],
    ['metrics.reporter.jmx.class', 'org.apache.flink.metrics.jmx.JMXReporter', 'write \'metrics.reporter.jmx.factory.class\' = "org.apache.flink.metrics.jmx.JMXReporterFactory" instead'],
    ['metrics.reporter.custom.class', 'com.acme.Reporter', 'write \'metrics.reporter.custom.factory.class\' with the reporter\'s factory class (…ReporterFactory) instead'],
  ])('%s', (key, value, fix) => {
    expect(lint({ [key]: value })).toEqual([`flinkConfiguration['${key}'] = "${value}": ${skipped}. Fix: ${fix}`]);
  });

  test('options of a reporter without a factory', () => {
    expect(lint({ 'metrics.reporter.dd.apikey': 'x' })).toEqual([
      'flinkConfiguration[\'metrics.reporter.dd.apikey\'] = "x": no metrics.reporter.dd.factory.class is set: Flink 2.x finds reporters only by that key (ReporterSetupBuilder), so options of reporter \'dd\' configure nothing. Fix: set \'metrics.reporter.dd.factory.class\' to the reporter\'s factory, or remove the metrics.reporter.dd.* keys',
    ]);
  });

  test('a reporter with its factory and its own parameters passes', () => {
    expect(lint({ 'metrics.reporter.jmx.factory.class': 'org.apache.flink.metrics.jmx.JMXReporterFactory', 'metrics.reporter.jmx.port': '9020-9030' })).toEqual([]);
  });
});

describe('linter: options of features the configuration does not use', () => {
  test('ZooKeeper options next to Kubernetes HA', () => {
    expect(lint({ 'high-availability.zookeeper.quorum': 'zk:2181' })).toEqual([
      'flinkConfiguration[\'high-availability.zookeeper.quorum\'] = "zk:2181": high availability is Kubernetes HA (high-availability.type = kubernetes), so ZooKeeper options have no effect: Flink builds the HA services from high-availability.type alone (HighAvailabilityServicesUtils). Fix: remove it: leader election and the HA metadata live in Kubernetes ConfigMaps',
    ]);
  });

  test('ForSt options with RocksDB', () => {
    expect(lint({ 'state.backend.forst.memory.managed': 'true' })).toEqual([
      'flinkConfiguration[\'state.backend.forst.memory.managed\'] = "true": the state backend is rocksdb (state.backend.type), so ForSt options have no effect (StateBackendLoader configures only the chosen backend). Fix: remove it, or choose the forst state backend',
    ]);
  });

  test('the library writes no RocksDB key with the hashmap backend', () => {
    const { chart } = flinkApp({ stateBackend: StateBackend.HASHMAP });
    const conf = flinkDeploymentOf(synth(chart)).spec.flinkConfiguration;
    expect(Object.keys(conf).filter((k) => k.startsWith('state.backend.rocksdb.'))).toEqual([]);
  });
});

describe('linter: keys native Kubernetes overwrites or rejects', () => {
  test.each([
    ['jobmanager.rpc.address', 'jm', 'native Kubernetes overwrites it: <cluster-id>.<namespace> (the JobManager service, InternalServiceDecorator) without HA, the JobManager pod IP with HA (KubernetesEntrypointUtils.loadConfiguration). Fix: remove it: TaskManagers find the JobManager through the address Kubernetes writes'],
    ['rest.address', 'jm', 'with high availability the JobManager overwrites it with its pod IP at start (KubernetesEntrypointUtils.loadConfiguration). Fix: remove it: clients reach the REST endpoint through the operator-created rest Service'],
    ['taskmanager.resource-id', 'tm', 'native Kubernetes sets it to the TaskManager pod name (KubernetesResourceManagerDriver). Fix: remove it'],
    ['rest.bind-address', '0.0.0.0', 'the operator removes it from the config.yaml it mounts into the pods (FlinkConfMountDecorator), so Flink never sees it. Fix: remove it: the pods bind to their own addresses'],
    ['execution.target', 'remote', 'the operator sets it (kubernetes-application) and overwrites any other value (FlinkConfigBuilder, KubernetesClusterDescriptor). Fix: remove it'],
    ['blob.server.port', '6124-6130', 'a port range: native Kubernetes refuses it when the cluster is deployed (KubernetesUtils.checkAndUpdatePortConfigOption: "blob.server.port should be specified to a fixed port. Do not support a range of ports."). Fix: write one fixed port, e.g. "6124" (the Kubernetes default), or remove it'],
    ['rest.bind-port', '8081,8082', 'a port range: native Kubernetes refuses it when the cluster is deployed (KubernetesUtils.checkAndUpdatePortConfigOption: "rest.bind-port should be specified to a fixed port. Do not support a range of ports."). Fix: write one fixed port, e.g. "8081" (the Kubernetes default), or remove it'],
    ['high-availability.jobmanager.port', '50000-50010', 'a port range: native Kubernetes refuses it when the cluster is deployed (KubernetesUtils.checkAndUpdatePortConfigOption: "high-availability.jobmanager.port should be specified to a fixed port. Do not support a range of ports."). Fix: write one fixed port, or remove it (the JobManager RPC port is used)'],
    ['taskmanager.rpc.port', '0', '0 (a random port) is overwritten: Kubernetes needs fixed ports and writes 6122 instead ("Kubernetes deployment requires a fixed port. Configuration taskmanager.rpc.port will be set to 6122", KubernetesUtils.checkAndUpdatePortConfigOption). Fix: remove it (6122 applies), or write another fixed port'],
    ['jobmanager.rpc.port', '0', 'native Kubernetes needs one fixed JobManager RPC port greater than 0 (KubernetesJobManagerParameters.getRPCPort); the cluster is not deployed otherwise. Fix: remove it (6123 applies), or write one fixed port'],
    ['jobmanager.rpc.port', '6123-6130', 'native Kubernetes needs one fixed JobManager RPC port greater than 0 (KubernetesJobManagerParameters.getRPCPort); the cluster is not deployed otherwise. Fix: remove it (6123 applies), or write one fixed port'],
  ])('%s = %s', (key, value, message) => {
    expect(lint({ [key]: value })).toEqual([`flinkConfiguration['${key}'] = "${value}": ${message}`]);
  });

  test('fixed ports, and rest.address without HA, pass', () => {
    expect(lint({ 'blob.server.port': '6200', 'taskmanager.rpc.port': '6122', 'jobmanager.rpc.port': '6123' })).toEqual([]);
    expect(lint({ 'rest.address': 'jm' }, { highAvailability: HighAvailability.disabled() })).toEqual([]);
  });
});

describe('linter: typos and unknown keys', () => {
  test.each([
    ['execution.checkpointing.intervall', 'execution.checkpointing.interval'],
    ['taskmanager.numberOfTaskSlot', 'taskmanager.numberOfTaskSlots'],
    ['pipeline.max-paralelism', 'pipeline.max-parallelism'],
    ['metrics.reporter.prom.factory.clas', 'metrics.reporter.prom.factory.class'],
  ])('%s: did you mean %s', (key, suggestion) => {
    expect(lint({ [key]: '1' })).toEqual([
      `flinkConfiguration['${key}'] = "1": not a current option of Flink 2.x, the operator or StateFun, and Flink ignores unknown keys silently; it looks like a typo. Fix: did you mean '${suggestion}'?`,
    ]);
  });

  test.each([
    ['execution.checkpointing.something-new', 'execution.checkpointing.'],
    ['state.backend.rocksdb.foo-bar-baz', 'state.'],
    ['kubernetes.operator.no-such-thing', 'kubernetes.operator.'],
  ])('%s: unknown under a prefix the library models', (key, prefix) => {
    expect(lint({ [key]: '1' })).toEqual([
      `flinkConfiguration['${key}'] = "1": not a current option of Flink 2.x, the operator or StateFun under ${prefix}, a prefix the library models; Flink ignores unknown keys silently. Fix: remove it, or write an option from Flink's configuration reference (keys under ${prefix})`,
    ]);
  });

  test('unknown keys elsewhere pass (connectors, plugins), and known ones anywhere', () => {
    expect(lint({
      'fs.s3a.connection.maximum': '100',
      'my.connector.option': 'x',
      'kubernetes.operator.job.autoscaler.enabled': 'true',
      'job.autoscaler.enabled': 'false',
      'metrics.reporter.prom.filter.excludes': '*:numRecords*',
      'state.backend.rocksdb.localdir': '/tmp/rocksdb',
      'execution.checkpointing.aligned-checkpoint-timeout': '30s',
    })).toEqual([]);
  });
});
