import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration } from 'cdk8s';
import { FlinkMetrics, HighAvailability, RestartStrategy, StateBackend } from '../lib';
import { assembleFlinkConfiguration, TypedFlinkSettings } from '../lib/flink-config-assembly';
import { KEY_CATALOG, KeyStatus, replacementKeys } from '../lib/flink-key-catalog';
import { knownOption, optionCatalogSize, optionCatalogSources, suggestOption } from '../lib/flink-option-catalog';

describe('the option catalog (lib/data/flink-options.json)', () => {
  test('holds Flink\'s, the operator\'s and StateFun\'s options and names the commits it was read from', () => {
    expect(optionCatalogSize()).toBeGreaterThan(1000);
    const sources = optionCatalogSources().join('\n');
    expect(sources).toMatch(/^flink: apache\/flink .*release-2\.2\.1.*450c63e961805a90aa18cb815d6b412f44303b9b/m);
    expect(sources).toMatch(/^operator: apache\/flink-kubernetes-operator .*release-1\.15\.0 79d730ba/m);
    expect(sources).toMatch(/^statefun: kzmlabs\/flink-statefun .*01565664331b76c7a0aca370364f0db3befb8277/m);
  });

  test('facts: type and default', () => {
    expect(knownOption('execution.checkpointing.interval')).toEqual({ key: 'execution.checkpointing.interval', type: 'Duration', defaultValue: undefined });
    expect(knownOption('taskmanager.numberOfTaskSlots')).toMatchObject({ type: 'Integer', defaultValue: '1' });
    expect(knownOption('statefun.async.max-per-task')).toMatchObject({ type: 'Integer', defaultValue: '32768' });
    // A String since operator 1.12 (a duration or a cron expression).
    expect(knownOption('kubernetes.operator.periodic.savepoint.interval')).toMatchObject({ type: 'String' });
  });

  test('placeholders match one segment; a trailing one any rest; the reporter catch-all only when asked', () => {
    expect(knownOption('metrics.reporter.prom.factory.class')!.key).toBe('metrics.reporter.<name>.factory.class');
    expect(knownOption('statefun.module.global-config.a.b')!.key).toBe('statefun.module.global-config.<KEY>');
    expect(knownOption('metrics.reporter.prom.port')!.key).toBe('metrics.reporter.<name>.<parameter>');
    expect(knownOption('metrics.reporter.prom.port', true)).toBeUndefined();
  });

  test('suggestions: one clear nearest key with the same first segment, else none', () => {
    expect(suggestOption('execution.checkpointing.intervall')).toBe('execution.checkpointing.interval');
    expect(suggestOption('execution.checkpointing.tiemout')).toBe('execution.checkpointing.timeout');
    expect(suggestOption('s3.endpoint')).toBeUndefined();
    expect(suggestOption('my.connector.option')).toBeUndefined();
  });

  // Every key the library writes is a real option: a check of the typed model against Flink's own tables.
  test.each<[string, TypedFlinkSettings, HighAvailability]>([
    ['defaults', {}, HighAvailability.kubernetes()],
    ['hashmap, HA off, metrics off, changelog', {
      stateBackend: StateBackend.HASHMAP,
      metrics: FlinkMetrics.disabled(),
      checkpointing: { changelog: true, checkpointsAfterTasksFinish: true },
    }, HighAvailability.disabled()],
    ['every restart strategy option', {
      restartStrategy: RestartStrategy.exponentialDelay({
        initialBackoff: Duration.seconds(1),
        maxBackoff: Duration.minutes(1),
        backoffMultiplier: 2,
        resetBackoffThreshold: Duration.hours(1),
        jitterFactor: 0.1,
        attemptsBeforeResetBackoff: 5,
      }),
    }, HighAvailability.kubernetes()],
    ['failure rate, JobManager pools and client, operator options', {
      restartStrategy: RestartStrategy.failureRate({ maxFailuresPerInterval: 3, interval: Duration.minutes(5), delay: Duration.seconds(10) }),
      jobManager: {
        ioPoolSize: 4,
        futurePoolSize: 4,
        rest: { awaitLeaderTimeout: Duration.seconds(30), retryMaxAttempts: 5, serverThreads: 4 },
        kubernetesClient: { ioPoolSize: 4, transactionalOperationMaxRetries: 5 },
      },
      operator: {
        jobManagerDeploymentRecovery: true,
        periodicSavepointInterval: Duration.hours(1),
        savepointHistoryMaxCount: 2,
        deploymentRollback: true,
        clusterHealthCheck: true,
      },
    }, HighAvailability.kubernetes()],
  ])('the typed keys (%s) are all in the catalog', (_name, settings, highAvailability) => {
    const typed = assembleFlinkConfiguration({
      appName: 'app',
      directories: { checkpoints: 's3://b/c', savepoints: 's3://b/s', highAvailability: 's3://b/h', changelog: 's3://b/l' },
      storeConfiguration: {},
      highAvailability,
      settings,
    });
    // metrics.reporter.prom.port is the Prometheus reporter's own parameter (metrics.reporter.<name>.<parameter>).
    expect(Object.keys(typed.toRecord()).filter((k) => !knownOption(k))).toEqual([]);
  });

  // The hand-kept rules (flink-key-catalog.ts: renames and removals, which the tables do not list) against the tables.
  test('legacy, deprecated, removed and non-option keys are absent from the 2.x tables; every replacement is present', () => {
    const gone = [KeyStatus.LEGACY, KeyStatus.DEPRECATED, KeyStatus.REMOVED, KeyStatus.NOT_AN_OPTION];
    const stillListed = KEY_CATALOG.filter((e) => gone.includes(e.status) && !e.prefix && knownOption(e.key, true)).map((e) => e.key);
    expect(stillListed).toEqual([]);
    const missing = KEY_CATALOG.flatMap((e) => replacementKeys(e.key, e)).filter((r) => !r.endsWith('.') && !knownOption(r, true));
    expect(missing).toEqual([]);
    // Keys the operator forbids or writes from the spec are real options (their pre-2.x aliases are not listed).
    const operatorOwned = [KeyStatus.FORBIDDEN, KeyStatus.SPEC_DERIVED];
    const unlisted = KEY_CATALOG.filter((e) => operatorOwned.includes(e.status) && !e.prefix && !knownOption(e.key, true)).map((e) => e.key);
    expect(unlisted).toEqual(['kubernetes.jobmanager.cpu', 'kubernetes.taskmanager.cpu', 'kubernetes.container.image', 'execution.savepoint.path', 'kubernetes.pod-template-file']);
  });
});

describe('scripts/flink-option-catalog.ts', () => {
  test('turns option tables and StateFun declarations into key, type, default rows', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-')), 'options.json');
    execFileSync(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, '..', 'scripts', 'flink-option-catalog.ts'), path.join(__dirname, 'fixtures', 'option-tables'), out]);
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(json.sources).toEqual(['sample: made-up tables for the catalog script\'s test']);
    expect(json.counts).toEqual({ flink: 2, operator: 1, statefun: 4 });
    expect(json.options).toEqual([
      ['kubernetes.operator.sample.enabled', 'Boolean', 'true'],
      ['sample.interval', 'Duration', '10 s'],
      ['sample.reporter.<name>.factory.class', 'String', null],
      ['sample.statefun.buffer', 'MemorySize', '32 mb'],
      ['sample.statefun.limit', 'Integer', '32768'],
      ['sample.statefun.mode', 'Enum', 'FAST'],
      ['sample.statefun.name', 'String', null],
    ]);
  });
});
