import { Duration, Size } from 'cdk8s';
import {
  CheckpointingMode, CheckpointRetention, FlinkLogging, FlinkMetrics, HighAvailability, LeaderElection, LogLevel, MessageSerializer,
  OperatorVersion, RestartStrategy, StateBackend, UpgradeMode,
} from '../lib';
import { assembleFlinkConfiguration, TypedFlinkSettings } from '../lib/flink-config-assembly';
import { lintFlinkConfiguration } from '../lib/flink-config-linter';
import { operatorRuleProblems } from '../lib/operator-rules';
import { flinkApp, flinkDeploymentOf, synth, target } from './fixtures/flink/app';
import { expectValidManifests } from './support/schemas';

const DIRS = {
  checkpoints: 's3://b/app/checkpoints',
  savepoints: 's3://b/app/savepoints',
  highAvailability: 's3://b/app/ha',
  changelog: 's3://b/app/changelog',
};

function conf(props: Parameters<typeof flinkApp>[0] = {}, options: Parameters<typeof flinkApp>[1] = {}): Record<string, string> {
  return flinkDeploymentOf(synth(flinkApp(props, options).chart)).spec.flinkConfiguration;
}

describe('typed settings: what the defaults write', () => {
  const c = conf();

  test('checkpointing: 10s exactly-once, 10 min timeout, 500ms pause, retained on cancel, 3 tolerated, 3 kept, incremental', () => {
    expect(c).toMatchObject({
      'execution.checkpointing.interval': '10s',
      'execution.checkpointing.mode': 'EXACTLY_ONCE',
      'execution.checkpointing.timeout': '10min',
      'execution.checkpointing.min-pause': '500ms',
      'execution.checkpointing.externalized-checkpoint-retention': 'RETAIN_ON_CANCELLATION',
      'execution.checkpointing.tolerable-failed-checkpoints': '3',
      'execution.checkpointing.num-retained': '3',
      'execution.checkpointing.incremental': 'true',
      'execution.checkpointing.max-concurrent-checkpoints': '1',
      'execution.checkpointing.unaligned.enabled': 'false',
      'execution.checkpointing.dir': 's3://my-bucket/app/checkpoints',
      'execution.checkpointing.savepoint-dir': 's3://my-bucket/app/savepoints',
    });
    expect(c['execution.checkpointing.checkpoints-after-tasks-finish']).toBeUndefined();
    expect(Object.keys(c).filter((k) => k.startsWith('state.changelog.'))).toEqual([]);
  });

  test('state backend RocksDB with RocksDB timers; Kubernetes HA with Flink\'s leader-election defaults', () => {
    expect(c).toMatchObject({
      'state.backend.type': 'rocksdb',
      'state.backend.rocksdb.timer-service.factory': 'ROCKSDB',
      'high-availability.type': 'kubernetes',
      'high-availability.storageDir': 's3://my-bucket/app/ha',
      'high-availability.kubernetes.leader-election.lease-duration': '15s',
      'high-availability.kubernetes.leader-election.renew-deadline': '15s',
      'high-availability.kubernetes.leader-election.retry-period': '5s',
    });
  });

  test('restart fixed-delay 3 × 5s; one slot; buffer debloating; Prometheus on 9249; web UI cannot cancel', () => {
    expect(c).toMatchObject({
      'restart-strategy.type': 'fixed-delay',
      'restart-strategy.fixed-delay.attempts': '3',
      'restart-strategy.fixed-delay.delay': '5s',
      'taskmanager.numberOfTaskSlots': '1',
      'taskmanager.network.memory.buffer-debloat.enabled': 'true',
      'metrics.reporter.prom.factory.class': 'org.apache.flink.metrics.prometheus.PrometheusReporterFactory',
      'metrics.reporter.prom.port': '9249',
      'web.cancel.enable': 'false',
    });
  });

  test('StateFun keys, classloading, savepoint compatibility', () => {
    expect(c).toMatchObject({
      'statefun.remote.module-name': 'file:///opt/statefun/module.yaml',
      'statefun.flink-job-name': 'app',
      'statefun.message.serializer': 'WITH_PROTOBUF_PAYLOADS',
      'statefun.async.max-per-task': '32768',
      'statefun.feedback.memory.size': '32m',
      'classloader.parent-first-patterns.additional': 'org.apache.flink.statefun;org.apache.kafka;com.google.protobuf',
      'classloader.resolve-order': 'parent-first',
      'pipeline.auto-generate-uids': 'false',
      'execution.state-recovery.ignore-unclaimed-state': 'true',
    });
  });

  test('the Java 21 module flags, and nothing the operator derives or forbids', () => {
    expect(c['env.java.opts.all'].split(' ')).toContain('--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED');
    expect(c['env.java.opts.all'].split(' ')).toHaveLength(14);
    for (const key of ['parallelism.default', 'jobmanager.memory.process.size', 'taskmanager.memory.process.size', 'kubernetes.namespace',
      'kubernetes.cluster-id', 'high-availability.cluster-id', 'kubernetes.container.image.ref', 'state.backend', 'high-availability', 'restart-strategy']) {
      expect(c[key]).toBeUndefined();
    }
  });

  test('allowNonRestoredState defaults to true on spec.job and the 2.x key; false writes both as false', () => {
    const fd = flinkDeploymentOf(synth(flinkApp().chart));
    expect(fd.spec.job.allowNonRestoredState).toBe(true);
    const off = flinkDeploymentOf(synth(flinkApp({ allowNonRestoredState: false }).chart));
    expect(off.spec.job.allowNonRestoredState).toBe(false);
    expect(off.spec.flinkConfiguration['execution.state-recovery.ignore-unclaimed-state']).toBe('false');
  });
});

describe('typed settings: each prop writes its 2.x key', () => {
  test('checkpointing options', () => {
    expect(conf({
      checkpointing: {
        interval: Duration.seconds(5),
        mode: CheckpointingMode.AT_LEAST_ONCE,
        timeout: Duration.minutes(20),
        minPause: Duration.millis(50),
        retention: CheckpointRetention.DELETE_ON_CANCELLATION,
        tolerableFailures: 5,
        retainedCheckpoints: 10,
        incremental: false,
        changelog: true,
        checkpointsAfterTasksFinish: false,
      },
    })).toMatchObject({
      'execution.checkpointing.interval': '5s',
      'execution.checkpointing.mode': 'AT_LEAST_ONCE',
      'execution.checkpointing.timeout': '20min',
      'execution.checkpointing.min-pause': '50ms',
      'execution.checkpointing.externalized-checkpoint-retention': 'DELETE_ON_CANCELLATION',
      'execution.checkpointing.tolerable-failed-checkpoints': '5',
      'execution.checkpointing.num-retained': '10',
      'execution.checkpointing.incremental': 'false',
      'execution.checkpointing.checkpoints-after-tasks-finish': 'false',
      'state.changelog.enabled': 'true',
      'state.changelog.storage': 'filesystem',
      'state.changelog.dstl.dfs.base-path': 's3://my-bucket/app/changelog',
    });
  });

  test('hashmap: no incremental key, no RocksDB options', () => {
    const c = conf({ stateBackend: StateBackend.HASHMAP });
    expect(c['state.backend.type']).toBe('hashmap');
    expect(c['execution.checkpointing.incremental']).toBeUndefined();
    // The RocksDB timer key has no effect with hashmap (and StateFun's validator defaults it to rocksdb).
    expect(c['state.backend.rocksdb.timer-service.factory']).toBeUndefined();
  });

  test.each([
    ['failure-rate', RestartStrategy.failureRate({ maxFailuresPerInterval: 3, interval: Duration.minutes(5), delay: Duration.seconds(10) }), {
      'restart-strategy.type': 'failure-rate',
      'restart-strategy.failure-rate.max-failures-per-interval': '3',
      'restart-strategy.failure-rate.failure-rate-interval': '5min',
      'restart-strategy.failure-rate.delay': '10s',
    }],
    ['exponential-delay', RestartStrategy.exponentialDelay({ attemptsBeforeResetBackoff: 10 }), {
      'restart-strategy.type': 'exponential-delay',
      'restart-strategy.exponential-delay.initial-backoff': '1s',
      'restart-strategy.exponential-delay.max-backoff': '1min',
      'restart-strategy.exponential-delay.backoff-multiplier': '1.5',
      'restart-strategy.exponential-delay.reset-backoff-threshold': '1h',
      'restart-strategy.exponential-delay.jitter-factor': '0.1',
      'restart-strategy.exponential-delay.attempts-before-reset-backoff': '10',
    }],
    ['none', RestartStrategy.none(), { 'restart-strategy.type': 'none' }],
  ])('restart strategy %s', (_name, restartStrategy, expected) => {
    const c = conf({ restartStrategy });
    expect(Object.fromEntries(Object.entries(c).filter(([k]) => k.startsWith('restart-strategy')))).toEqual(expected);
  });

  test('fast failover preset', () => {
    expect(conf({ highAvailability: HighAvailability.kubernetes({ leaderElection: LeaderElection.FAST }) })).toMatchObject({
      'high-availability.kubernetes.leader-election.lease-duration': '15s',
      'high-availability.kubernetes.leader-election.renew-deadline': '10s',
      'high-availability.kubernetes.leader-election.retry-period': '2s',
    });
  });

  test('JVM options extend the module flags; statefun options; JobManager, REST, Kubernetes client and operator options', () => {
    const c = conf({
      jvmOptions: ['-Dkubernetes.request.timeout=35000', '--add-opens=java.base/java.lang=ALL-UNNAMED'],
      statefun: {
        jobName: 'orders',
        messageSerializer: MessageSerializer.WITH_KRYO_PAYLOADS,
        asyncMaxPerTask: 1024,
        feedbackMemory: Size.mebibytes(64),
        globalConfig: { 'tenant.id': 'acme' },
        additionalParentFirstPatterns: ['com.acme.shared'],
      },
      taskManager: { taskSlots: 2, bufferDebloat: false },
      jobManager: {
        ioPoolSize: 10,
        futurePoolSize: 10,
        rest: { awaitLeaderTimeout: Duration.seconds(90), retryMaxAttempts: 40, serverThreads: 10, cancelFromWebUi: true },
        kubernetesClient: { ioPoolSize: 8, transactionalOperationMaxRetries: 60 },
      },
      operator: {
        jobManagerDeploymentRecovery: true,
        periodicSavepointInterval: Duration.millis(0),
        savepointHistoryMaxCount: 2,
        deploymentRollback: true,
        clusterHealthCheck: true,
      },
    });
    expect(c['env.java.opts.all'].endsWith('--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED -Dkubernetes.request.timeout=35000')).toBe(true);
    expect(c).toMatchObject({
      'statefun.flink-job-name': 'orders',
      'statefun.message.serializer': 'WITH_KRYO_PAYLOADS',
      'statefun.async.max-per-task': '1024',
      'statefun.feedback.memory.size': '64m',
      'statefun.module.global-config.tenant.id': 'acme',
      'classloader.parent-first-patterns.additional': 'org.apache.flink.statefun;org.apache.kafka;com.google.protobuf;com.acme.shared',
      'taskmanager.numberOfTaskSlots': '2',
      'taskmanager.network.memory.buffer-debloat.enabled': 'false',
      'jobmanager.io-pool.size': '10',
      'jobmanager.future-pool.size': '10',
      'rest.await-leader-timeout': '90000',
      'rest.retry.max-attempts': '40',
      'rest.server.numThreads': '10',
      'web.cancel.enable': 'true',
      'kubernetes.client.io-pool.size': '8',
      'kubernetes.transactional-operation.max-retries': '60',
      'kubernetes.operator.jm-deployment-recovery.enabled': 'true',
      'kubernetes.operator.periodic.savepoint.interval': '0ms',
      'kubernetes.operator.savepoint.history.max.count': '2',
      'kubernetes.operator.deployment.rollback.enabled': 'true',
      'kubernetes.operator.cluster.health-check.enabled': 'true',
    });
  });

  test('fixed TaskManager replicas: spec.taskManager.replicas set, job.parallelism left to the operator', () => {
    const manifests = synth(flinkApp({ taskManager: { replicas: 3, taskSlots: 2 } }).chart);
    const fd = flinkDeploymentOf(manifests);
    expect(fd.spec.taskManager.replicas).toBe(3);
    expect(fd.spec.job.parallelism).toBeUndefined();
    expectValidManifests(manifests, '1.16');
  });

  test('JSON logging by default, with the root level and extra loggers', () => {
    const fd = flinkDeploymentOf(synth(flinkApp({ logging: FlinkLogging.json({ rootLevel: LogLevel.DEBUG, loggers: { 'org.apache.flink.runtime.checkpoint': LogLevel.TRACE } }) }).chart));
    expect(Object.keys(fd.spec.logConfiguration)).toEqual(['logback-console.xml']);
    const xml: string = fd.spec.logConfiguration['logback-console.xml'];
    expect(xml).toContain('<encoder class="net.logstash.logback.encoder.LogstashEncoder">');
    expect(xml).toContain('<root level="DEBUG">');
    expect(xml).toContain('<logger name="org.apache.flink.runtime.checkpoint" level="TRACE"/>');
    expect(xml).toContain('<logger name="com.amazonaws.services.s3.internal.Mimetypes" level="ERROR"/>');
  });
});

describe('typed settings: the output lints clean for every combination', () => {
  const backends = [StateBackend.ROCKSDB, StateBackend.HASHMAP];
  const has = [
    HighAvailability.disabled(), HighAvailability.kubernetes(), HighAvailability.kubernetes({ leaderElection: LeaderElection.FAST }),
    HighAvailability.kubernetes({
      leaderElection: LeaderElection.custom({
        leaseDuration: Duration.seconds(30),
        renewDeadline: Duration.seconds(20),
        retryPeriod: Duration.seconds(5),
      }),
    }),
  ];
  const restarts = [
    RestartStrategy.fixedDelay({ attempts: 3, delay: Duration.seconds(5) }),
    RestartStrategy.failureRate({ maxFailuresPerInterval: 3, interval: Duration.minutes(5), delay: Duration.seconds(10) }),
    RestartStrategy.exponentialDelay({ attemptsBeforeResetBackoff: 5 }),
    RestartStrategy.none(),
  ];
  const metrics = [FlinkMetrics.prometheus(), FlinkMetrics.disabled()];
  const extrasSets: TypedFlinkSettings[] = [
    {},
    {
      jvmOptions: ['-Dfoo=bar'],
      statefun: { globalConfig: { a: 'b' }, additionalParentFirstPatterns: ['com.acme'], feedbackMemory: Size.mebibytes(64) },
      jobManager: {
        ioPoolSize: 4,
        futurePoolSize: 4,
        rest: { awaitLeaderTimeout: Duration.seconds(90), retryMaxAttempts: 40, serverThreads: 8 },
        kubernetesClient: { ioPoolSize: 8, transactionalOperationMaxRetries: 60 },
      },
      taskManager: { taskSlots: 4, bufferDebloat: false },
      operator: {
        jobManagerDeploymentRecovery: true,
        periodicSavepointInterval: Duration.hours(1),
        savepointHistoryMaxCount: 2,
        deploymentRollback: true,
        clusterHealthCheck: true,
      },
      checkpointing: { checkpointsAfterTasksFinish: false },
    },
  ];
  const combos: Array<[string, TypedFlinkSettings, HighAvailability, boolean]> = [];
  for (const stateBackend of backends) {
    for (const [hi, highAvailability] of has.entries()) {
      for (const restartStrategy of restarts) {
        for (const m of metrics) {
          for (const changelog of [false, true]) {
            for (const [ei, extra] of extrasSets.entries()) {
              const incremental = stateBackend === StateBackend.ROCKSDB ? true : undefined;
              const checkpointing = { ...extra.checkpointing, changelog, incremental };
              const settings: TypedFlinkSettings = { ...extra, stateBackend, restartStrategy, metrics: m, checkpointing };
              combos.push([`${stateBackend}/ha${hi}/${restartStrategy.type}/${m.port ?? 'nometrics'}/changelog=${changelog}/extras${ei}`, settings, highAvailability, true]);
            }
          }
        }
      }
    }
  }

  test(`${combos.length} combinations × operators 1.11, 1.12, 1.15: zero findings, flat string values, no dot-prefix pairs`, () => {
    for (const [name, settings, highAvailability] of combos) {
      const typed = assembleFlinkConfiguration({ appName: 'app', directories: DIRS, storeConfiguration: {}, highAvailability, settings });
      const final = typed.toRecord();
      const keys = Object.keys(final);
      for (const operatorVersion of [OperatorVersion.V1_11, OperatorVersion.V1_12, OperatorVersion.V1_15]) {
        const findings = lintFlinkConfiguration({ typed, extras: {}, final, operatorVersion });
        if (findings.length) throw new Error(`${name} on ${operatorVersion}: ${JSON.stringify(findings)}`);
      }
      for (const k of keys) {
        expect(typeof final[k]).toBe('string');
        expect(keys.some((other) => other.startsWith(`${k}.`))).toBe(false);
      }
    }
  });

  test.each([
    [OperatorVersion.V1_11, StateBackend.ROCKSDB, 0],
    [OperatorVersion.V1_12, StateBackend.HASHMAP, 1],
    [OperatorVersion.V1_13, StateBackend.ROCKSDB, 2],
    [OperatorVersion.V1_15, StateBackend.HASHMAP, 3],
  ])('synthesized on operator %s (%s): no synth error, valid against the CRD, operator rules clean', (operatorVersion, stateBackend, i) => {
    const { chart } = flinkApp({
      operatorVersion,
      stateBackend,
      highAvailability: has[i],
      restartStrategy: restarts[i],
      metrics: metrics[i % 2],
      checkpointing: { changelog: i % 2 === 0 },
      upgradeMode: UpgradeMode.SAVEPOINT,
      ...extrasSets[i % 2],
    });
    const manifests = synth(chart);
    expectValidManifests(manifests, target(operatorVersion));
    expect(operatorRuleProblems({ deployment: flinkDeploymentOf(manifests), operatorVersion })).toEqual([]);
  });
});

describe('typed settings: malformed values are refused at construction', () => {
  test.each([
    ['interval below 10 ms', { checkpointing: { interval: Duration.millis(5) } }, 'checkpointing.interval = Duration(5 millis): Flink needs a whole number of milliseconds, at least 10 ms. Fix: use e.g. Duration.seconds(10)'],
    ['fractional interval', { checkpointing: { interval: Duration.millis(10.5) } }, 'checkpointing.interval = Duration(10.5 millis): Flink needs a whole number of milliseconds, at least 10 ms. Fix: use e.g. Duration.seconds(10)'],
    ['zero timeout', { checkpointing: { timeout: Duration.millis(0) } }, 'checkpointing.timeout = Duration(0 millis): Flink needs a whole number of milliseconds, at least 10 ms. Fix: use e.g. Duration.seconds(600)'],
    ['negative tolerable failures', { checkpointing: { tolerableFailures: -1 } }, 'checkpointing.tolerableFailures = -1: a count of checkpoint failures, a whole number ≥ 0. Fix: use e.g. 3'],
    ['no retained checkpoint', { checkpointing: { retainedCheckpoints: 0 } }, 'checkpointing.retainedCheckpoints = 0: Flink keeps at least one completed checkpoint (a whole number ≥ 1). Fix: use e.g. 3'],
    ['incremental with hashmap', { stateBackend: StateBackend.HASHMAP, checkpointing: { incremental: true } }, 'checkpointing.incremental = true: the hashmap state backend has no incremental checkpoints, so Flink would silently take full ones. Fix: use StateBackend.ROCKSDB, or drop checkpointing.incremental (or enable checkpointing.changelog)'],
    ['negative attempts', { restartStrategy: RestartStrategy.fixedDelay({ attempts: -1, delay: Duration.seconds(1) }) }, 'restartStrategy (restart-strategy.fixed-delay.attempts) = -1: a whole number ≥ 0. Fix: use e.g. 3'],
    ['fractional delay', { restartStrategy: RestartStrategy.fixedDelay({ attempts: 1, delay: Duration.millis(0.5) }) }, 'restartStrategy (restart-strategy.fixed-delay.delay) = Duration(0.5 millis): Flink needs a whole number of milliseconds. Fix: use e.g. Duration.seconds(5)'],
    ['failure rate 0', { restartStrategy: RestartStrategy.failureRate({ maxFailuresPerInterval: 0, interval: Duration.minutes(1), delay: Duration.seconds(1) }) }, 'restartStrategy (restart-strategy.failure-rate.max-failures-per-interval) = 0: a whole number ≥ 1. Fix: use e.g. 1'],
    ['jitter above 1', { restartStrategy: RestartStrategy.exponentialDelay({ jitterFactor: 2 }) }, 'restartStrategy (restart-strategy.exponential-delay.jitter-factor) = 2: the jitter is a fraction of the delay, between 0 and 1. Fix: use e.g. 0.1'],
    ['multiplier below 1', { restartStrategy: RestartStrategy.exponentialDelay({ backoffMultiplier: 0.5 }) }, 'restartStrategy (restart-strategy.exponential-delay.backoff-multiplier) = 0.5: the backoff multiplier must be at least 1. Fix: use e.g. 1.5'],
    ['initial above max backoff', { restartStrategy: RestartStrategy.exponentialDelay({ initialBackoff: Duration.minutes(5), maxBackoff: Duration.minutes(1) }) }, 'restartStrategy = "5min … 1min": the initial backoff must be positive and not above the maximum backoff. Fix: use e.g. initialBackoff 1s, maxBackoff 1min'],
    ['leader election order', { highAvailability: HighAvailability.kubernetes({ leaderElection: LeaderElection.custom({ leaseDuration: Duration.seconds(10), renewDeadline: Duration.seconds(15), retryPeriod: Duration.seconds(2) }) }) }, 'highAvailability.leaderElection = "lease 10s, renew 15s, retry 2s": leader election needs 0 < retry period < renew deadline ≤ lease duration (whole milliseconds). Fix: use LeaderElection.DEFAULT (15s/15s/5s) or LeaderElection.FAST (15s/10s/2s)'],
    ['replicas and parallelism', { taskManager: { replicas: 2 }, parallelism: 4 }, 'parallelism = 4: taskManager.replicas (2) takes precedence: the operator runs the job with replicas × taskSlots and ignores job.parallelism. Fix: set either parallelism or taskManager.replicas'],
    ['metrics port of the REST endpoint', { metrics: FlinkMetrics.prometheus({ port: 8081 }) }, 'metrics.port = 8081: a TCP port 1–65535 not used by Flink itself (6122, 6123, 6124, 8081). Fix: use 9249, the Prometheus reporter default'],
    ['two JVM options in one entry', { jvmOptions: ['-Da=1 -Db=2'] }, 'jvmOptions[0] = "-Da=1 -Db=2": one JVM option per entry, starting with "-" and without spaces (entries are joined with spaces into env.java.opts.all). Fix: split it, e.g. [\'-Dfoo=bar\', \'-XX:+UseG1GC\']'],
    ['a heap size', { jvmOptions: ['-Xmx2g'] }, 'jvmOptions[0] = "-Xmx2g": Flink derives heap, direct and metaspace limits from the process memory; this option would fight them. Fix: size the process with jobManager.resources.memory / taskManager.resources.memory'],
    ['blank job name', { statefun: { jobName: ' ' } }, 'statefun.jobName = " ": the job name must not be empty. Fix: use e.g. the app name'],
    ['async limit 0', { statefun: { asyncMaxPerTask: 0 } }, 'statefun.asyncMaxPerTask = 0: a whole number ≥ 1. Fix: use e.g. 32768'],
    ['tiny feedback memory', { statefun: { feedbackMemory: Size.kibibytes(512) } }, 'statefun.feedbackMemory = "524288 bytes": the feedback channel needs at least 1 MiB before spilling. Fix: use e.g. Size.mebibytes(32)'],
    ['global-config key with a space', { statefun: { globalConfig: { 'a b': 'x' } } }, 'statefun.globalConfig[\'a b\'] = "a b": a global-config key becomes part of a Flink key (statefun.module.global-config.<key>): only letters, digits, \'_\', \'-\' and \'.\' (no spaces). Fix: use e.g. \'tenant.id\''],
    ['two parent-first patterns in one entry', { statefun: { additionalParentFirstPatterns: ['com.x;com.y'] } }, 'statefun.additionalParentFirstPatterns = "com.x;com.y": a parent-first pattern is a package or class name prefix (no ";" or spaces). Fix: use e.g. \'com.mycompany.shared\''],
    ['io pool 0', { jobManager: { ioPoolSize: 0 } }, 'jobManager.ioPoolSize = 0: a whole number ≥ 1. Fix: use e.g. 10'],
    ['zero leader timeout', { jobManager: { rest: { awaitLeaderTimeout: Duration.millis(0) } } }, 'jobManager.rest.awaitLeaderTimeout = Duration(0 millis): a positive whole number of milliseconds. Fix: use e.g. Duration.seconds(90)'],
    ['savepoint history 0', { operator: { savepointHistoryMaxCount: 0 } }, 'operator.savepointHistoryMaxCount = 0: a whole number ≥ 1. Fix: use e.g. 10'],
    ['a logger name that breaks the XML', { logging: FlinkLogging.json({ loggers: { 'bad name"': LogLevel.DEBUG } }) }, 'logging.loggers[\'bad name"\'] = "bad name\\"": not a logger name (a Java package or class name); it would also break the XML. Fix: use a dotted name such as \'org.apache.flink.runtime.checkpoint\''],
    ['not a Logback document', { logging: FlinkLogging.logback('hello') }, 'logging = "hello": not a Logback configuration document (<configuration>…</configuration>); Logback would fall back to its defaults, without JSON. Fix: pass the whole logback-console.xml, or use FlinkLogging.json()'],
  ])('%s', (_name, props, message) => {
    expect(() => flinkApp(props as any)).toThrow(`[c/app] ${message}`);
  });

  test('the changelog without a checkpoint store', () => {
    expect(() => flinkApp({ checkpointing: { changelog: true } }, { store: false })).toThrow(
      '[c/app] checkpointing.changelog = true: the changelog is uploaded to state.changelog.dstl.dfs.base-path, derived from the checkpoint store, and the app has none. Fix: set checkpointStore, or leave checkpointing.changelog off');
  });
});
