import { Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { CheckpointingMode, CheckpointingOptions, CheckpointRetention } from './checkpointing';
import { throwProblems } from './errors';
import { flattenFlinkConf, parseFlinkConfYaml } from './flink-conf-reader';
import type { TypedFlinkSettings } from './flink-config-assembly';
import { JAVA21_MODULE_FLAGS, STATEFUN_PARENT_FIRST_PATTERNS } from './flink-configuration';
import { KeyStatus, lookupKey, replacementKeys } from './flink-key-catalog';
import { checkMigratedMemory } from './flink-memory-migration';
import { FlinkMetrics } from './flink-metrics';
import { knownOption } from './flink-option-catalog';
import { optionRuleProblems, REPORTER_FACTORIES, unknownKeyProblem } from './flink-option-rules';
import { JobManagerOptions, KubernetesClientOptions, RestEndpointOptions, TaskManagerOptions } from './flink-resources';
import { checkArgs } from './guard-schemas';
import { HighAvailability, LeaderElection } from './high-availability';
import { OperatorOptions } from './job-lifecycle';
import { parseFlinkMemory } from './operator-rules';
import { RestartStrategy } from './restart-strategy';
import { StateBackend } from './state-backend';
import type { StateFunAppProps } from './statefun-app';
import { MessageSerializer, StateFunRuntimeOptions } from './statefun-runtime';
import { renderDuration } from './units';

/** What the migration did with one key of the 1.x configuration. */
export enum MigrationAction {
  /** A current key, expressed as a typed setting. */
  MAPPED = 'mapped',
  /** An old key, expressed as a typed setting or carried over under its Flink 2.x name. */
  RENAMED = 'renamed',
  /**
   * A key without effect in the new app (removed in Flink 2.0, never an option, an option of a feature the
   * app does not use such as ZooKeeper HA, or a key native Kubernetes overwrites or rejects); dropped.
   */
  REMOVED = 'removed',
  /**
   * A value the 1.x file wrote in a syntax Flink cannot read (e.g. `5 mins`, `EXACTLY-ONCE`), rewritten in
   * Flink's syntax (`5min`, `EXACTLY_ONCE`) and then mapped or carried over: the 1.x file was itself broken.
   */
  REPAIRED = 'repaired',
  /** A key the operator or the library derives (spec fields, the checkpoint store, the module mount); dropped. */
  DERIVED = 'derived',
  /** A StateFun requirement the library always writes; dropped (the report says whether the value differed). */
  INVARIANT = 'invariant',
  /**
   * A Flink 2.x option without a typed prop, or a key outside the prefixes the library models that is no
   * likely typo (a plugin's or connector's option); carried over in `flinkConfiguration`.
   */
  KEPT = 'kept',
  /** A key that is not an option (a likely typo, or unknown under a prefix the library models); not carried over. */
  UNKNOWN = 'unknown',
  /** A recognised key whose value cannot be expressed (unparsable or unsupported); not carried over. */
  INVALID = 'invalid',
}

/** One line of the migration report. */
export interface MigrationReportEntry {
  /** The 1.x key. */
  readonly key: string;
  /** Its value. */
  readonly value: string;
  /** What the migration did. */
  readonly action: MigrationAction;
  /**
   * The typed prop (e.g. `checkpointing.interval`) or Flink 2.x key that replaces it.
   * @default - none
   */
  readonly replacement?: string;
  /** What happened and, where something is left to do, what to do. */
  readonly message: string;
}

/**
 * Migrates the configuration of an Apache StateFun (Flink 1.x) or Flink 1.19+/2.x deployment
 * (`flink-conf.yaml` or `config.yaml`) to this library's typed settings, with a report of every key:
 * mapped to a typed prop, renamed, repaired, removed in Flink 2.0 (or without effect in the new app),
 * derived by the operator or the library, a StateFun invariant, kept as an extra, unknown or invalid.
 *
 * ```ts
 * const migration = FlinkConfigMigration.fromYaml(fs.readFileSync('config.yaml', 'utf8'));
 * new StateFunApp(chart, 'orders', { ...migration.props, checkpointStore });
 * ```
 */
export class FlinkConfigMigration {
  /**
   * Migrates the text of a `config.yaml` (Flink 1.19+ standard YAML, nested or flat) or a flat 1.x
   * `flink-conf.yaml`, read as Flink reads it: YAML 1.2 (core schema), nested maps flattened to dotted keys,
   * lists of scalars joined with `;`, scalars stringified.
   * @param text the file's content
   * @throws when the text is not valid YAML (duplicate keys included), or a value cannot be read as a Flink
   * option (no value, an empty map or list, a list of maps, a list element containing `;`, a key given twice);
   * the message names each key
   */
  public static fromYaml(text: string): FlinkConfigMigration {
    checkArgs('FlinkConfigMigration.fromYaml', text);
    const parsed = parseFlinkConfYaml(text);
    throwProblems('FlinkConfigMigration', parsed.problems);
    return FlinkConfigMigration.fromFlinkConf(parsed.value as { [key: string]: any });
  }

  /**
   * Migrates a configuration given as parsed YAML: a flat key → value map (`flink-conf.yaml`) or the
   * nested maps of a standard `config.yaml`, read as `fromYaml` reads them.
   * @param conf the configuration, e.g. `yaml.parse(fs.readFileSync('flink-conf.yaml', 'utf8'))`
   * @throws when a value cannot be read as a Flink option (see `fromYaml`); the message names each key
   */
  public static fromFlinkConf(conf: { [key: string]: any }): FlinkConfigMigration {
    // Its runtime type is checked by flattenFlinkConf, which also serves fromYaml ('(file)': not a map).
    const { flat, problems } = flattenFlinkConf(conf ?? {});
    throwProblems('FlinkConfigMigration', problems);
    return new FlinkConfigMigration(new Migrator(flat).run());
  }

  /**
   * Checkpointing settings found (fields not found are left to the library defaults).
   */
  public readonly checkpointing: CheckpointingOptions;
  /** State backend, when the configuration names one. */
  public readonly stateBackend?: StateBackend;
  /** High availability, when the configuration names a mode. Kubernetes HA needs a `checkpointStore` on the app. */
  public readonly highAvailability?: HighAvailability;
  /** Restart strategy, when the configuration names one. */
  public readonly restartStrategy?: RestartStrategy;
  /** Job parallelism (`parallelism.default`), when set. */
  public readonly parallelism?: number;
  /** JobManager settings found (resources, pools, REST, Kubernetes client). */
  public readonly jobManager?: JobManagerOptions;
  /** TaskManager settings found (resources, slots, buffer debloating). */
  public readonly taskManager?: TaskManagerOptions;
  /** JVM options beyond the Java 21 module flags the library always writes. */
  public readonly jvmOptions?: string[];
  /** Metrics reporting, when the configuration sets up the Prometheus reporter. */
  public readonly metrics?: FlinkMetrics;
  /** StateFun runtime settings found. */
  public readonly statefun?: StateFunRuntimeOptions;
  /** Whether state of removed components may be dropped on restore, when set. */
  public readonly allowNonRestoredState?: boolean;
  /** Operator settings found (`kubernetes.operator.*`). */
  public readonly operator?: OperatorOptions;
  /** Valid Flink 2.x keys without a typed prop (and renamed ones in their 2.x form), for `flinkConfiguration`. */
  public readonly flinkConfiguration: { [key: string]: string };
  /** One entry per input key, sorted by key. */
  public readonly report: MigrationReportEntry[];

  private constructor(result: MigrationResult) {
    this.checkpointing = result.checkpointing;
    this.stateBackend = result.stateBackend;
    this.highAvailability = result.highAvailability;
    this.restartStrategy = result.restartStrategy;
    this.parallelism = result.parallelism;
    this.jobManager = result.jobManager;
    this.taskManager = result.taskManager;
    this.jvmOptions = result.jvmOptions;
    this.metrics = result.metrics;
    this.statefun = result.statefun;
    this.allowNonRestoredState = result.allowNonRestoredState;
    this.operator = result.operator;
    this.flinkConfiguration = result.flinkConfiguration;
    this.report = result.report;
  }

  /** The migrated settings as StateFunApp props (only what was found), to spread into your own props. */
  public get props(): StateFunAppProps {
    const out: Record<string, unknown> = {
      checkpointing: Object.keys(this.checkpointing).length ? this.checkpointing : undefined,
      stateBackend: this.stateBackend,
      highAvailability: this.highAvailability,
      restartStrategy: this.restartStrategy,
      parallelism: this.parallelism,
      jobManager: this.jobManager,
      taskManager: this.taskManager,
      jvmOptions: this.jvmOptions,
      metrics: this.metrics,
      statefun: this.statefun,
      allowNonRestoredState: this.allowNonRestoredState,
      operator: this.operator,
      flinkConfiguration: Object.keys(this.flinkConfiguration).length ? this.flinkConfiguration : undefined,
    };
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out as StateFunAppProps;
  }

  /** The report entries with one action. */
  public entriesWith(action: MigrationAction): MigrationReportEntry[] {
    checkArgs('FlinkConfigMigration.entriesWith', action);
    return this.report.filter((e) => e.action === action);
  }

  /** The report as text, one line per key: `key = value: action [→ replacement]: message`. */
  public renderReport(): string {
    return this.report.map((e) => `${e.key} = ${JSON.stringify(e.value)}: ${e.action}${e.replacement ? ` → ${e.replacement}` : ''}: ${e.message}`).join('\n');
  }
}

/** The typed settings the app would take, plus what is carried over and the report. @internal */
interface MigrationResult extends TypedFlinkSettings {
  readonly checkpointing: CheckpointingOptions;
  readonly highAvailability?: HighAvailability;
  readonly flinkConfiguration: { [key: string]: string };
  readonly report: MigrationReportEntry[];
}

type Handler = (m: Migrator, key: string, value: string) => void;

/** The mutable parts of a migration the handler tables fill. @internal */
interface MigratorFields {
  readonly checkpointing: Record<string, unknown>;
  readonly jm: Record<string, unknown>;
  readonly rest: Record<string, unknown>;
  readonly k8s: Record<string, unknown>;
  readonly tm: Record<string, unknown>;
  readonly operator: Record<string, unknown>;
  readonly jmResources: { cpu?: Cpu; memory?: Size };
  readonly tmResources: { cpu?: Cpu; memory?: Size };
}

/**
 * Keys that name local directories of the Flink pods. The Flink image runs as user flink (uid 9999), which
 * can create directories only under /tmp and the Flink home /opt/flink; the app mounts no volume for them.
 */
const LOCAL_PATH_KEYS: Record<string, string> = {
  'state.backend.rocksdb.localdir': 'RocksDB cannot open its local storage and the tasks fail ("No local storage directories available", EmbeddedRocksDBStateBackend)',
  'state.backend.forst.local-dir': 'ForSt cannot open its local storage and the tasks fail',
  'taskmanager.state.local.root-dirs': 'local recovery cannot write its copies',
  'execution.checkpointing.local-backup.dirs': 'local recovery cannot write its copies',
  'process.working-dir': 'the processes cannot create their working directory and fail at startup',
  'process.jobmanager.working-dir': 'the JobManager cannot create its working directory and fails at startup',
  'process.taskmanager.working-dir': 'the TaskManagers cannot create their working directory and fail at startup',
  'io.tmp.dirs': 'the processes cannot create their temporary directories and fail at startup',
};
const WRITABLE_DIRS = ['/tmp', '/opt/flink'];

/** Flink's duration unit labels (apache/flink TimeUtils.TimeUnit: singular and plural forms as declared). */
const FLINK_DURATION = /^\d+\s*(|d|day|days|h|hour|hours|m|min|minute|minutes|s|sec|secs|second|seconds|ms|milli|millis|millisecond|milliseconds|µs|micro|micros|microsecond|microseconds|ns|nano|nanos|nanosecond|nanoseconds)$/i;

const PROMETHEUS_CLASSES = ['org.apache.flink.metrics.prometheus.PrometheusReporterFactory', 'org.apache.flink.metrics.prometheus.PrometheusReporter'];

/** Internal state of one migration. @internal */
class Migrator {
  private readonly report = new Map<string, MigrationReportEntry>();
  private readonly checkpointing: Record<string, unknown> = {};
  private stateBackend?: StateBackend;
  private haMode?: 'kubernetes' | 'none';
  private readonly leader: Record<string, Duration> = {};
  private restartType?: { key: string; value: string };
  private readonly restartOptions = new Map<string, string>();
  private parallelism?: number;
  private readonly jm: Record<string, unknown> = {};
  private readonly jmResources: { cpu?: Cpu; memory?: Size } = {};
  private readonly rest: Record<string, unknown> = {};
  private readonly k8s: Record<string, unknown> = {};
  private readonly tm: Record<string, unknown> = {};
  private readonly tmResources: { cpu?: Cpu; memory?: Size } = {};
  private jvm?: string[];
  private metricsPort?: number;
  private metricsFactory = false;
  private readonly statefun: Record<string, unknown> = {};
  private readonly globalConfig: Record<string, string> = {};
  private allowNonRestoredState?: boolean;
  private readonly operator: Record<string, unknown> = {};
  private readonly extras: Record<string, string> = {};
  private restart?: RestartStrategy;
  private highAvailability?: HighAvailability;

  constructor(private readonly conf: { [key: string]: string }) {}

  public run(): MigrationResult {
    for (const key of Object.keys(this.conf).sort()) {
      const raw = this.conf[key];
      const value = raw === null || raw === undefined ? '' : String(raw).trim();
      this.handle(key, value);
    }
    this.finishRestartStrategy();
    this.finishHighAvailability();
    this.finishUnusedFeatures();
    this.finishCarriedOver();
    this.finishRepairs();
    // Flink's memory model over the migrated sizes and memory keys (flink-memory-migration.ts).
    checkMigratedMemory(this, [[this.jmResources, 'jobmanager.memory.process.size'], [this.tmResources, 'taskmanager.memory.process.size']], this.extras);
    return this.result();
  }

  public record(key: string, action: MigrationAction, message: string, replacement?: string): void {
    this.report.set(key, { key, value: this.valueOf(key), action, replacement, message });
  }

  /** Records a typed mapping: MAPPED for a current key, RENAMED for an old one. */
  public mapped(key: string, prop: string, message?: string): void {
    const entry = lookupKey(key);
    if (entry?.status === KeyStatus.SPEC_DERIVED) {
      this.record(key, MigrationAction.DERIVED, message ?? `the operator writes it ${entry.note}: now ${prop}`, prop);
      return;
    }
    const renamed = entry !== undefined;
    this.record(key, renamed ? MigrationAction.RENAMED : MigrationAction.MAPPED,
      message ?? (renamed ? `${entry!.note ? `${entry!.note}; ` : ''}now the typed prop ${prop}` : `now the typed prop ${prop}`), prop);
  }

  public invalid(key: string, why: string, replacement?: string): void {
    this.record(key, MigrationAction.INVALID, `${why}; not migrated`, replacement);
  }

  public valueOf(key: string): string {
    const raw = this.conf[key];
    return raw === null || raw === undefined ? '' : String(raw).trim();
  }

  public set(target: Record<string, unknown>, field: string, key: string, prop: string, parsed: unknown, what: string): void {
    if (parsed === undefined) {
      this.invalid(key, `not ${what}`, prop);
      return;
    }
    target[field] = parsed;
    this.mapped(key, prop);
  }

  private handle(key: string, value: string): void {
    if (key in LOCAL_PATH_KEYS && this.refuseLocalPath(key, value)) return;
    const handler = (Object.prototype.hasOwnProperty.call(HANDLERS, key) ? HANDLERS[key] : undefined)
      ?? (/^metrics\.reporter\.[^.]+\.class$/.test(key) ? reporterClass : undefined)
      ?? PREFIX_HANDLERS.find(([p]) => key.startsWith(p))?.[1];
    if (handler) return handler(this, key, value);
    this.fallback(key, value);
  }

  /** Keys no typed handler covers: catalog rows, unknown keys and typos, or carried over. */
  public fallback(key: string, value: string): void {
    const entry = lookupKey(key);
    if (entry) return this.fromCatalog(key, value);
    const unknown = unknownKeyProblem(key);
    if (unknown) {
      this.record(key, MigrationAction.UNKNOWN, `${unknown.why}: not carried over (${unknown.fix})`);
      return;
    }
    this.extras[key] = value;
    this.record(key, MigrationAction.KEPT, knownOption(key)
      ? 'no typed prop: carried over unchanged in flinkConfiguration (the linter still checks it)'
      : 'not in the option tables of Flink 2.x, the operator or StateFun (a plugin\'s or connector\'s own option): carried over unchanged in flinkConfiguration; check its name', key);
  }

  /** A local directory the pods cannot create: refused (INVALID) with the fix. Returns whether it was refused. */
  private refuseLocalPath(key: string, value: string): boolean {
    const paths = value.split(/[,;]/).map((p) => p.trim()).filter((p) => p !== '');
    const bad = paths.filter((p) => {
      const local = p.replace(/^file:\/\//, '');
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(local) || !local.startsWith('/')) return false;
      return !WRITABLE_DIRS.some((w) => local === w || local.startsWith(`${w}/`));
    });
    if (bad.length === 0) return false;
    this.record(key, MigrationAction.INVALID,
      `${bad.map((b) => `'${b}'`).join(', ')}: a local directory the image does not have and the pod user (flink, uid 9999) cannot create (it writes only under ${WRITABLE_DIRS.join(' and ')}), and the app mounts no volume there, so ${LOCAL_PATH_KEYS[key]}; not migrated: leave it out (Flink's default under the working directory applies), or mount a volume at that path with a pod template patch and set the key in flinkConfiguration`);
    return true;
  }

  /** Options of features the new app does not use: ZooKeeper HA, and RocksDB/ForSt options of another backend. */
  private finishUnusedFeatures(): void {
    for (const e of [...this.report.values()]) {
      let why: string | undefined;
      if (e.key.startsWith('high-availability.zookeeper.')) {
        why = this.haMode === 'kubernetes'
          ? 'high availability becomes Kubernetes HA, which reads no ZooKeeper option'
          : 'ZooKeeper options take effect only with ZooKeeper HA, which does not run under the operator (high availability is Kubernetes HA or off)';
      } else if (e.key.startsWith('state.backend.rocksdb.') && this.stateBackend === StateBackend.HASHMAP && e.action !== MigrationAction.REMOVED) {
        why = 'the state backend is hashmap, so RocksDB options have no effect';
      } else if (e.key.startsWith('state.backend.forst.') && e.action !== MigrationAction.REMOVED) {
        why = 'the state backend is RocksDB or hashmap (the StateFun image has no ForSt), so ForSt options have no effect';
      }
      if (!why) continue;
      delete this.extras[e.key];
      this.record(e.key, MigrationAction.REMOVED, `${why}: dropped`);
    }
  }

  /**
   * Carried-over keys Flink would ignore or native Kubernetes overwrites (the linter's option rules, run with
   * the migrated HA mode and state backend): dropped, with the reason.
   */
  private finishCarriedOver(): void {
    const flat = new Map(Object.entries(this.extras));
    if (this.haMode === 'kubernetes') flat.set('high-availability.type', 'kubernetes');
    if (this.stateBackend) flat.set('state.backend.type', this.stateBackend);
    // The metrics prop writes the Prometheus reporter's factory.
    if (this.metricsFactory || this.metricsPort !== undefined) flat.set('metrics.reporter.prom.factory.class', PROMETHEUS_CLASSES[0]);
    const findings = optionRuleProblems({ flat, reported: new Set(), typedKey: (k) => !Object.prototype.hasOwnProperty.call(this.extras, k) });
    for (const { key, problem } of findings) {
      if (!Object.prototype.hasOwnProperty.call(this.extras, key)) continue;
      delete this.extras[key];
      const source = this.report.has(key) ? key : [...this.report.values()].find((e) => e.replacement?.split(', ').includes(key))?.key;
      if (source) this.record(source, MigrationAction.REMOVED, `${problem.why}: dropped (${problem.fix})`);
    }
  }

  /**
   * Values in a syntax Flink cannot read, which the migration read leniently: reported as repairs (and
   * carried over repaired). Types come from the option catalog (the replacement's type for a renamed key).
   */
  private finishRepairs(): void {
    const used = [MigrationAction.MAPPED, MigrationAction.RENAMED, MigrationAction.DERIVED, MigrationAction.KEPT];
    for (const e of [...this.report.values()]) {
      if (!used.includes(e.action)) continue;
      const targets = [e.key, ...(e.replacement ?? '').split(', ').filter((r) => r !== '')];
      const type = targets.map((k) => knownOption(k)?.type).find((t) => t !== undefined);
      const repaired = repairFlinkSyntax(type, e.value);
      if (repaired === undefined) continue;
      for (const k of targets) if (this.extras[k] === e.value) this.extras[k] = repaired.value;
      this.record(e.key, MigrationAction.REPAIRED,
        `the value is not Flink syntax (${repaired.why}), so Flink could not read it; repaired to ${JSON.stringify(repaired.value)}: ${e.message}`, e.replacement);
    }
  }

  /** Keys the catalog knows and no typed handler covers. */
  public fromCatalog(key: string, value: string): void {
    const entry = lookupKey(key)!;
    const repl = replacementKeys(key, entry);
    switch (entry.status) {
      case KeyStatus.NOT_AN_OPTION:
        this.record(key, MigrationAction.REMOVED, `not a Flink option: ${entry.note}; it had no effect, so it is dropped (set ${entry.prop} if you meant ${repl.join(', ')})`, entry.prop);
        return;
      case KeyStatus.FORBIDDEN:
        this.record(key, MigrationAction.DERIVED, 'the operator sets it itself and rejects a FlinkDeployment that sets it; dropped', key === 'kubernetes.namespace' ? 'the chart namespace' : 'name');
        return;
      case KeyStatus.SPEC_DERIVED:
        this.record(key, MigrationAction.DERIVED, `the operator writes it ${entry.note}; dropped: set ${entry.prop}`, entry.prop);
        return;
      case KeyStatus.DEPRECATED:
      case KeyStatus.REMOVED:
      case KeyStatus.LEGACY: {
        if (entry.prop && !entry.prop.startsWith('(') && repl.length === 0) {
          this.record(key, MigrationAction.REMOVED, `${entry.status === KeyStatus.REMOVED ? 'removed in Flink 2.0' : 'obsolete'}${entry.note ? ` (${entry.note})` : ''}; dropped: set ${entry.prop}`, entry.prop);
        } else if (entry.prop === 'checkpointStore') {
          this.record(key, MigrationAction.DERIVED, 'the directories come from the app\'s CheckpointStore (<base>/<app>/checkpoints, /savepoints, /ha, /changelog); to resume from state under this old location, point initialSavepointPath at the savepoint or retained checkpoint', 'checkpointStore');
        } else if (repl.length > 0 && entry.sameValue !== false) {
          for (const r of repl) this.extras[r] = value;
          this.record(key, MigrationAction.RENAMED, `${entry.status === KeyStatus.REMOVED ? 'removed in Flink 2.0' : 'deprecated'}${entry.note ? ` (${entry.note})` : ''}: carried over as ${repl.join(' and ')} in flinkConfiguration`, repl.join(', '));
        } else if (repl.length > 0) {
          this.record(key, MigrationAction.REMOVED, `removed in Flink 2.0${entry.note ? ` (${entry.note})` : ''}; its replacement ${repl.join(', ')} takes a different value, so it is dropped: set the replacement yourself`, repl.join(', '));
        } else {
          this.record(key, MigrationAction.REMOVED, `removed in Flink 2.0${entry.note ? ` (${entry.note})` : ''}: it has no effect, dropped`);
        }
        return;
      }
    }
  }

  /** Carries a key over into flinkConfiguration. */
  public carry(key: string, value: string): void {
    this.extras[key] = value;
  }

  public derived(key: string, message: string, replacement: string): void {
    this.record(key, MigrationAction.DERIVED, message, replacement);
  }

  public invariant(key: string, expected: string, why: string, replacement?: string): void {
    const value = this.valueOf(key);
    const same = value.toLowerCase() === expected.toLowerCase();
    this.record(key, MigrationAction.INVARIANT, `${why}: the library always writes ${JSON.stringify(expected)}${same ? '' : ` (this configuration had ${JSON.stringify(value)}, which StateFun does not support)`}; dropped`, replacement);
  }

  // --- Handler helpers (called from the tables below).

  public setStateBackend(key: string, value: string): void {
    const v = value.toLowerCase();
    if (v === 'rocksdb' || v.endsWith('embeddedrocksdbstatebackendfactory') || v.endsWith('rocksdbstatebackendfactory')) {
      this.stateBackend = StateBackend.ROCKSDB;
      this.mapped(key, 'stateBackend');
    } else if (v === 'hashmap' || v === 'filesystem' || v === 'jobmanager' || v.endsWith('hashmapstatebackendfactory')) {
      this.stateBackend = StateBackend.HASHMAP;
      this.mapped(key, 'stateBackend', v === 'hashmap' ? undefined : `the 1.x '${value}' backend keeps state on the heap: now stateBackend = StateBackend.HASHMAP (checkpoints go to the checkpoint store)`);
    } else {
      this.invalid(key, `the StateFun image supports the rocksdb and hashmap backends, not '${value}'`, 'stateBackend');
    }
  }

  public setHaMode(key: string, value: string): void {
    const v = value.toLowerCase();
    if (v === 'kubernetes' || v.endsWith('kuberneteshaservicesfactory')) {
      this.haMode = 'kubernetes';
      this.mapped(key, 'highAvailability', `${lookupKey(key) ? `${lookupKey(key)!.note}; ` : ''}now highAvailability = HighAvailability.kubernetes() (needs a checkpointStore on the app)`);
    } else if (v === 'none') {
      this.haMode = 'none';
      this.mapped(key, 'highAvailability', 'now highAvailability = HighAvailability.disabled()');
    } else {
      this.invalid(key, `only Kubernetes HA is supported under the operator, not '${value}'`, 'highAvailability');
    }
  }

  public setLeaderElection(key: string, value: string): void {
    const d = parseFlinkDuration(value);
    if (!d) return this.invalid(key, 'not a duration', 'highAvailability.leaderElection');
    this.leader[key.split('.').pop()!] = d;
  }

  public setRestartType(key: string, value: string): void {
    this.restartType = { key, value };
  }

  public setRestartOption(key: string, value: string): void {
    this.restartOptions.set(key, value);
  }

  public setJvm(key: string, value: string): void {
    const options = value.split(/\s+/).filter((o) => o !== '');
    const dropped = options.filter((o) => JAVA21_MODULE_FLAGS.includes(o) || /^-(Xmx|Xms|XX:MaxDirectMemorySize=|XX:MaxMetaspaceSize=)/.test(o));
    this.jvm = [...(this.jvm ?? []), ...options.filter((o) => !dropped.includes(o))];
    const note = dropped.length ? ` (dropped ${dropped.length} option(s) the library writes itself or Flink's memory model sets: ${dropped.join(' ')})` : '';
    this.mapped(key, 'jvmOptions', `${lookupKey(key) ? 'renamed to env.java.opts.all; ' : ''}now jvmOptions, after the Java 21 module flags the library always writes${note}`);
  }

  public setMetrics(key: string, value: string): void {
    if (key.endsWith('.port')) {
      const port = parseInteger(value);
      if (port === undefined) return this.invalid(key, `the typed metrics port is one port, not '${value}'`, 'metrics');
      this.metricsPort = port;
      this.mapped(key, 'metrics', 'now metrics = FlinkMetrics.prometheus({ port })');
      return;
    }
    if (!PROMETHEUS_CLASSES.includes(value)) return this.invalid(key, `only the Prometheus reporter is typed, not '${value}'`, 'metrics');
    this.metricsFactory = true;
    if (key.endsWith('.factory.class')) this.mapped(key, 'metrics', 'now metrics = FlinkMetrics.prometheus()');
    else this.record(key, MigrationAction.RENAMED, 'Flink 2.x creates reporters by factory (metrics.reporter.prom.factory.class): now metrics = FlinkMetrics.prometheus()', 'metrics');
  }

  public setResource(target: { cpu?: Cpu; memory?: Size }, field: 'cpu' | 'memory', key: string, value: string, prop: string): void {
    const parsed = field === 'cpu' ? parseCpu(value) : parseSize(value);
    if (parsed === undefined) return this.invalid(key, field === 'cpu' ? 'not a number of cores' : 'not a memory size', prop);
    (target as any)[field] = parsed;
    this.record(key, MigrationAction.DERIVED, `the operator writes it from the spec: now ${prop}`, prop);
  }

  public setStatefun(field: string, key: string, parsed: unknown, what: string): void {
    this.set(this.statefun, field, key, `statefun.${field}`, parsed, what);
  }

  public setGlobalConfig(key: string, value: string): void {
    const name = key.slice('statefun.module.global-config.'.length);
    this.globalConfig[name] = value;
    this.mapped(key, `statefun.globalConfig['${name}']`);
  }

  public setParentFirst(key: string, value: string): void {
    const patterns = value.split(';').map((p) => p.trim()).filter((p) => p !== '');
    const extra = patterns.filter((p) => !STATEFUN_PARENT_FIRST_PATTERNS.includes(p.toLowerCase()));
    if (extra.length === 0) {
      this.invariant(key, STATEFUN_PARENT_FIRST_PATTERNS.join(';'), 'StateFun requires these parent-first patterns');
      return;
    }
    this.statefun.additionalParentFirstPatterns = extra;
    this.mapped(key, 'statefun.additionalParentFirstPatterns', `the StateFun patterns are always written; the others (${extra.join(', ')}) are now statefun.additionalParentFirstPatterns`);
  }

  public setAllowNonRestored(key: string, value: string): void {
    const b = parseBoolean(value);
    if (b === undefined) return this.invalid(key, 'not a boolean', 'allowNonRestoredState');
    this.allowNonRestoredState = b;
    this.mapped(key, 'allowNonRestoredState');
  }

  public setParallelism(key: string, value: string): void {
    const n = parseInteger(value);
    if (n === undefined || n < 1) return this.invalid(key, 'not a whole number ≥ 1', 'parallelism');
    this.parallelism = n;
    this.record(key, MigrationAction.DERIVED, 'the operator writes it from spec.job.parallelism: now parallelism', 'parallelism');
  }

  public fields(): MigratorFields {
    return {
      checkpointing: this.checkpointing,
      jm: this.jm,
      rest: this.rest,
      k8s: this.k8s,
      tm: this.tm,
      operator: this.operator,
      jmResources: this.jmResources,
      tmResources: this.tmResources,
    };
  }

  private finishRestartStrategy(): void {
    const t = this.restartType;
    const type = t ? normalizeRestartType(t.value) : undefined;
    if (t && type === undefined) this.invalid(t.key, `not a restart strategy (fixed-delay, failure-rate, exponential-delay, none), '${t.value}'`, 'restartStrategy');
    const opts = new Map<string, string>();
    for (const [key, value] of this.restartOptions) {
      const [, strategy, option] = /^restart-strategy\.([^.]+)\.(.+)$/.exec(key) ?? [];
      if (type !== undefined && strategy === type) {
        opts.set(option, value);
      } else {
        this.record(key, MigrationAction.REMOVED, type === undefined
          ? 'no restart-strategy.type is set, so Flink never read this option; dropped'
          : `the restart strategy is ${type}, so Flink ignores options of ${strategy ?? 'another strategy'}; dropped`);
      }
    }
    if (!t || type === undefined) return;
    const dur = (name: string, fallback: Duration) => (opts.has(name) ? parseFlinkDuration(opts.get(name)!) : fallback);
    const int = (name: string, fallback: number | undefined) => (opts.has(name) ? parseInteger(opts.get(name)!) : fallback);
    const num = (name: string, fallback: number) => (opts.has(name) ? parseNumber(opts.get(name)!) : fallback);
    const values: Record<string, unknown> = {};
    let strategy: RestartStrategy | undefined;
    // Flink's own defaults fill what the 1.x file left out, so restarts behave as before.
    if (type === 'fixed-delay') {
      values.attempts = int('attempts', 1);
      values.delay = dur('delay', Duration.seconds(1));
      if (Object.values(values).every((v) => v !== undefined)) strategy = RestartStrategy.fixedDelay(values as any);
    } else if (type === 'failure-rate') {
      values.maxFailuresPerInterval = int('max-failures-per-interval', 1);
      values.interval = dur('failure-rate-interval', Duration.minutes(1));
      values.delay = dur('delay', Duration.seconds(1));
      if (Object.values(values).every((v) => v !== undefined)) strategy = RestartStrategy.failureRate(values as any);
    } else if (type === 'exponential-delay') {
      values.initialBackoff = dur('initial-backoff', Duration.seconds(1));
      values.maxBackoff = dur('max-backoff', Duration.minutes(1));
      values.backoffMultiplier = num('backoff-multiplier', 1.5);
      values.resetBackoffThreshold = dur('reset-backoff-threshold', Duration.hours(1));
      values.jitterFactor = num('jitter-factor', 0.1);
      const attempts = int('attempts-before-reset-backoff', undefined);
      if (opts.has('attempts-before-reset-backoff') && attempts === undefined) values.attemptsBeforeResetBackoff = undefined;
      else if (attempts !== undefined) values.attemptsBeforeResetBackoff = attempts;
      const broken = Object.keys(values).filter((k) => values[k] === undefined);
      if (broken.length === 0 && !(opts.has('attempts-before-reset-backoff') && attempts === undefined)) strategy = RestartStrategy.exponentialDelay(values as any);
    } else {
      strategy = RestartStrategy.none();
    }
    const optionKeys = [...opts.keys()].map((o) => `restart-strategy.${type}.${o}`);
    if (!strategy) {
      this.invalid(t.key, `an option of the ${type} strategy does not parse (${optionKeys.join(', ')})`, 'restartStrategy');
      for (const k of optionKeys) this.invalid(k, `the ${type} strategy could not be migrated`, 'restartStrategy');
      return;
    }
    const shown = Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v instanceof Duration ? renderDuration(v) : v}`).join(', ');
    this.mapped(t.key, 'restartStrategy', `${lookupKey(t.key) ? `${lookupKey(t.key)!.note}; ` : ''}now restartStrategy = ${type}${shown ? ` (${shown}; Flink's defaults where the file had none)` : ''}`);
    for (const k of optionKeys) this.mapped(k, 'restartStrategy');
    this.restart = strategy;
  }

  private finishHighAvailability(): void {
    const leaderKeys = Object.keys(this.conf).filter((k) => k.startsWith('high-availability.kubernetes.leader-election.')).sort();
    const parsed = leaderKeys.filter((k) => this.report.get(k)?.action !== MigrationAction.INVALID);
    if (this.haMode !== 'kubernetes') {
      for (const k of parsed) this.record(k, MigrationAction.REMOVED, 'high availability is not Kubernetes HA here, so leader election has no effect; dropped');
      if (this.haMode === 'none') this.highAvailability = HighAvailability.disabled();
      return;
    }
    const d = LeaderElection.DEFAULT;
    const lease = this.leader['lease-duration'] ?? d.leaseDuration;
    const renew = this.leader['renew-deadline'] ?? d.renewDeadline;
    const retry = this.leader['retry-period'] ?? d.retryPeriod;
    const timings = (ds: Duration[]) => ds.map((x) => x.toMilliseconds()).join();
    const wanted = timings([lease, renew, retry]);
    const same = (le: LeaderElection) => timings([le.leaseDuration, le.renewDeadline, le.retryPeriod]) === wanted;
    const le = same(LeaderElection.FAST) ? LeaderElection.FAST
      : same(d) ? d
        : LeaderElection.custom({ leaseDuration: lease, renewDeadline: renew, retryPeriod: retry });
    const name = le === LeaderElection.FAST ? 'LeaderElection.FAST' : le === d ? 'LeaderElection.DEFAULT' : 'LeaderElection.custom(…)';
    for (const k of parsed) this.mapped(k, 'highAvailability.leaderElection', `now highAvailability = HighAvailability.kubernetes({ leaderElection: ${name} })`);
    this.highAvailability = HighAvailability.kubernetes({ leaderElection: le });
  }

  private result(): MigrationResult {
    const defined = <T extends object>(o: T): T | undefined => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
      return Object.keys(out).length ? (out as T) : undefined;
    };
    const resources = (r: { cpu?: Cpu; memory?: Size }, cpu: Cpu, memory: Size) =>
      (r.cpu || r.memory ? { cpu: r.cpu ?? cpu, memory: r.memory ?? memory } : undefined);
    const jobManager = defined<JobManagerOptions>({
      ...this.jm,
      resources: resources(this.jmResources, Cpu.millis(500), Size.mebibytes(1024)),
      rest: defined<RestEndpointOptions>(this.rest),
      kubernetesClient: defined<KubernetesClientOptions>(this.k8s),
    });
    const taskManager = defined<TaskManagerOptions>({ ...this.tm, resources: resources(this.tmResources, Cpu.units(1), Size.mebibytes(2048)) });
    const globalConfig = Object.keys(this.globalConfig).length ? this.globalConfig : undefined;
    const statefun = defined<StateFunRuntimeOptions>({ ...this.statefun, globalConfig });
    const metrics = this.metricsFactory || this.metricsPort !== undefined ? FlinkMetrics.prometheus({ port: this.metricsPort }) : undefined;
    const extras: Record<string, string> = {};
    for (const k of Object.keys(this.extras).sort()) extras[k] = this.extras[k];
    return {
      checkpointing: defined<CheckpointingOptions>(this.checkpointing as CheckpointingOptions) ?? {},
      stateBackend: this.stateBackend,
      highAvailability: this.highAvailability,
      restartStrategy: this.restart,
      parallelism: this.parallelism,
      jobManager,
      taskManager,
      jvmOptions: this.jvm,
      metrics,
      statefun,
      allowNonRestoredState: this.allowNonRestoredState,
      operator: defined<OperatorOptions>(this.operator as OperatorOptions),
      flinkConfiguration: extras,
      report: [...this.report.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    };
  }
}

// --- Parsers for Flink's value syntax.

/**
 * The value rewritten in Flink's syntax when it is not (durations: apache/flink TimeUtils.parseDuration;
 * enums: ConfigurationUtils.convertToEnum, which compares names case-insensitively), or undefined when it
 * already is, or when it cannot be repaired.
 * @internal
 */
export function repairFlinkSyntax(type: string | undefined, value: string): { value: string; why: string } | undefined {
  if (type === 'Duration' && !FLINK_DURATION.test(value.trim())) {
    const d = parseFlinkDuration(value);
    if (d) return { value: renderDuration(d), why: `Flink's duration units are d, h, min, s, ms with their long forms, not '${value.trim().replace(/^\d+\s*/, '')}'` };
  }
  if (type === 'Enum' && !/^[A-Za-z0-9_]+$/.test(value.trim())) {
    const fixed = value.trim().toUpperCase().replace(/[-\s]+/g, '_');
    if (/^[A-Z0-9_]+$/.test(fixed)) return { value: fixed, why: 'Flink matches enum constants by name, which has no \'-\' or spaces' };
  }
  return undefined;
}

const DURATION_UNITS: Record<string, number> = {
  '': 1,
  'ms': 1,
  'milli': 1,
  'millis': 1,
  'millisecond': 1,
  'milliseconds': 1,
  's': 1000,
  'sec': 1000,
  'secs': 1000,
  'second': 1000,
  'seconds': 1000,
  'm': 60_000,
  'min': 60_000,
  'mins': 60_000,
  'minute': 60_000,
  'minutes': 60_000,
  'h': 3_600_000,
  'hour': 3_600_000,
  'hours': 3_600_000,
  'd': 86_400_000,
  'day': 86_400_000,
  'days': 86_400_000,
};

/** A duration in Flink's syntax (`10 s`, `5000`, `1 min`); undefined when unparsable or below a millisecond. @internal */
export function parseFlinkDuration(text: string): Duration | undefined {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (!m || !(m[2].toLowerCase() in DURATION_UNITS)) return undefined;
  return Duration.millis(Number(m[1]) * DURATION_UNITS[m[2].toLowerCase()]);
}

function parseInteger(text: string): number | undefined {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : undefined;
}

function parseNumber(text: string): number | undefined {
  return /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(text) ? Number(text) : undefined;
}

function parseBoolean(text: string): boolean | undefined {
  const v = text.trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

function parseSize(text: string): Size | undefined {
  const b = parseFlinkMemory(text);
  if (b === undefined || !Number.isInteger(b) || b <= 0) return undefined;
  if (b % (1024 * 1024) === 0) return Size.mebibytes(b / (1024 * 1024));
  if (b % 1024 === 0) return Size.kibibytes(b / 1024);
  return undefined;
}

function parseCpu(text: string): Cpu | undefined {
  const n = parseNumber(text);
  if (n === undefined || n <= 0) return undefined;
  return Number.isInteger(n) ? Cpu.units(n) : Cpu.millis(Math.round(n * 1000));
}

function normalizeRestartType(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'fixed-delay' || v === 'fixeddelay') return 'fixed-delay';
  if (v === 'failure-rate' || v === 'failurerate') return 'failure-rate';
  if (v === 'exponential-delay' || v === 'exponentialdelay') return 'exponential-delay';
  if (v === 'none' || v === 'off' || v === 'disable') return 'none';
  return undefined;
}

function enumValue<T extends string>(values: T[], text: string): T | undefined {
  const v = text.trim().toUpperCase().replace(/-/g, '_');
  return values.find((x) => x === v);
}

const cp = (field: string, parse: (v: string) => unknown, what: string): Handler =>
  (m, key, value) => m.set(m.fields().checkpointing, field, key, `checkpointing.${field}`, parse(value), what);
const jmField = (field: string, parse: (v: string) => unknown, what: string): Handler =>
  (m, key, value) => m.set(m.fields().jm, field, key, `jobManager.${field}`, parse(value), what);
const restField = (field: string, parse: (v: string) => unknown, what: string): Handler =>
  (m, key, value) => m.set(m.fields().rest, field, key, `jobManager.rest.${field}`, parse(value), what);
const k8sField = (field: string, parse: (v: string) => unknown, what: string): Handler =>
  (m, key, value) => m.set(m.fields().k8s, field, key, `jobManager.kubernetesClient.${field}`, parse(value), what);
const tmField = (field: string, parse: (v: string) => unknown, what: string): Handler =>
  (m, key, value) => m.set(m.fields().tm, field, key, `taskManager.${field}`, parse(value), what);
const opField = (field: string, parse: (v: string) => unknown, what: string): Handler =>
  (m, key, value) => m.set(m.fields().operator, field, key, `operator.${field}`, parse(value), what);
const positiveInt = (v: string) => { const n = parseInteger(v); return n !== undefined && n >= 0 ? n : undefined; };
const directory: Handler = (m, key) => m.fromCatalog(key, m.valueOf(key));
const derivedDir: Handler = (m, key) => m.derived(key,
  'the directories come from the app\'s CheckpointStore (<base>/<app>/checkpoints, /savepoints, /ha, /changelog); to resume from state under this old location, point initialSavepointPath at the savepoint or retained checkpoint',
  'checkpointStore');
const invariant = (expected: string, why: string): Handler => (m, key) => m.invariant(key, expected, why);

const HANDLERS: Record<string, Handler> = {
  // Checkpointing.
  'execution.checkpointing.interval': (m, key, value) => {
    const d = parseFlinkDuration(value);
    if (d && d.toMilliseconds() === 0) return m.invalid(key, 'checkpointing cannot be off for StateFun (a failure would lose all state); the library default (10s) applies', 'checkpointing.interval');
    return m.set(m.fields().checkpointing, 'interval', key, 'checkpointing.interval', d, 'a duration');
  },
  'execution.checkpointing.mode': cp('mode', (v) => enumValue(Object.values(CheckpointingMode), v), 'a checkpointing mode'),
  'execution.checkpointing.timeout': cp('timeout', parseFlinkDuration, 'a duration'),
  'execution.checkpointing.min-pause': cp('minPause', parseFlinkDuration, 'a duration'),
  'execution.checkpointing.externalized-checkpoint-retention': cp('retention', (v) => enumValue(Object.values(CheckpointRetention), v), 'a retention policy'),
  'execution.checkpointing.tolerable-failed-checkpoints': cp('tolerableFailures', positiveInt, 'a whole number'),
  'execution.checkpointing.num-retained': cp('retainedCheckpoints', positiveInt, 'a whole number'),
  'state.checkpoints.num-retained': cp('retainedCheckpoints', positiveInt, 'a whole number'),
  'execution.checkpointing.incremental': cp('incremental', parseBoolean, 'a boolean'),
  'state.backend.incremental': cp('incremental', parseBoolean, 'a boolean'),
  'execution.checkpointing.checkpoints-after-tasks-finish': cp('checkpointsAfterTasksFinish', parseBoolean, 'a boolean'),
  'execution.checkpointing.checkpoints-after-tasks-finish.enabled': cp('checkpointsAfterTasksFinish', parseBoolean, 'a boolean'),
  'state.changelog.enabled': cp('changelog', parseBoolean, 'a boolean'),
  'state.backend.changelog.enabled': cp('changelog', parseBoolean, 'a boolean'),
  'state.changelog.storage': invariant('filesystem', 'the changelog must be durable'),
  'state.backend.changelog.storage': invariant('filesystem', 'the changelog must be durable'),
  'execution.checkpointing.max-concurrent-checkpoints': invariant('1', 'StateFun supports one concurrent checkpoint'),
  'execution.checkpointing.unaligned': invariant('false', 'StateFun does not support unaligned checkpoints'),
  'execution.checkpointing.unaligned.enabled': invariant('false', 'StateFun does not support unaligned checkpoints'),
  'execution.checkpointing.dir': derivedDir,
  'execution.checkpointing.savepoint-dir': derivedDir,
  'execution.checkpointing.storage': derivedDir,
  'high-availability.storageDir': derivedDir,
  'state.changelog.dstl.dfs.base-path': derivedDir,
  'state.checkpoints.dir': directory,
  'state.savepoints.dir': directory,
  'state.backend.fs.checkpointdir': directory,
  'savepoints.state.backend.fs.dir': directory,
  'state.checkpoint-storage': derivedDir,
  'dstl.dfs.base-path': directory,
  'state.backend.rocksdb.checkpointdir': directory,
  // State backend.
  'state.backend': (m, key, value) => m.setStateBackend(key, value),
  'state.backend.type': (m, key, value) => m.setStateBackend(key, value),
  'state.backend.rocksdb.timer-service.factory': invariant('ROCKSDB', 'StateFun requires RocksDB timers'),
  // High availability.
  'high-availability': (m, key, value) => m.setHaMode(key, value),
  'high-availability.type': (m, key, value) => m.setHaMode(key, value),
  'recovery.mode': (m, key, value) => m.setHaMode(key, value),
  // Restart strategy.
  'restart-strategy': (m, key, value) => m.setRestartType(key, value),
  'restart-strategy.type': (m, key, value) => m.setRestartType(key, value),
  // Slots, parallelism, resources.
  'taskmanager.numberOfTaskSlots': tmField('taskSlots', (v) => { const n = parseInteger(v); return n !== undefined && n >= 1 ? n : undefined; }, 'a whole number ≥ 1'),
  'taskmanager.network.memory.buffer-debloat.enabled': tmField('bufferDebloat', parseBoolean, 'a boolean'),
  'parallelism.default': (m, key, value) => m.setParallelism(key, value),
  'jobmanager.memory.process.size': (m, key, value) => m.setResource(m.fields().jmResources, 'memory', key, value, 'jobManager.resources.memory'),
  'taskmanager.memory.process.size': (m, key, value) => m.setResource(m.fields().tmResources, 'memory', key, value, 'taskManager.resources.memory'),
  'kubernetes.jobmanager.cpu': (m, key, value) => m.setResource(m.fields().jmResources, 'cpu', key, value, 'jobManager.resources.cpu'),
  'kubernetes.jobmanager.cpu.amount': (m, key, value) => m.setResource(m.fields().jmResources, 'cpu', key, value, 'jobManager.resources.cpu'),
  'kubernetes.taskmanager.cpu': (m, key, value) => m.setResource(m.fields().tmResources, 'cpu', key, value, 'taskManager.resources.cpu'),
  'kubernetes.taskmanager.cpu.amount': (m, key, value) => m.setResource(m.fields().tmResources, 'cpu', key, value, 'taskManager.resources.cpu'),
  'kubernetes.jobmanager.replicas': jmField('replicas', (v) => { const n = parseInteger(v); return n !== undefined && n >= 1 ? n : undefined; }, 'a whole number ≥ 1'),
  'jobmanager.io-pool.size': jmField('ioPoolSize', positiveInt, 'a whole number'),
  'jobmanager.future-pool.size': jmField('futurePoolSize', positiveInt, 'a whole number'),
  'rest.await-leader-timeout': restField('awaitLeaderTimeout', parseFlinkDuration, 'a duration'),
  'rest.retry.max-attempts': restField('retryMaxAttempts', positiveInt, 'a whole number'),
  'rest.server.numThreads': restField('serverThreads', positiveInt, 'a whole number'),
  'web.cancel.enable': restField('cancelFromWebUi', parseBoolean, 'a boolean'),
  'kubernetes.client.io-pool.size': k8sField('ioPoolSize', positiveInt, 'a whole number'),
  'kubernetes.transactional-operation.max-retries': k8sField('transactionalOperationMaxRetries', positiveInt, 'a whole number'),
  // JVM.
  'env.java.opts': (m, key, value) => m.setJvm(key, value),
  'env.java.opts.all': (m, key, value) => m.setJvm(key, value),
  // Metrics.
  'metrics.reporter.prom.factory.class': (m, key, value) => m.setMetrics(key, value),
  'metrics.reporter.prom.class': (m, key, value) => m.setMetrics(key, value),
  'metrics.reporter.prom.port': (m, key, value) => m.setMetrics(key, value),
  // StateFun.
  'statefun.flink-job-name': (m, key, value) => m.setStatefun('jobName', key, value || undefined, 'a job name'),
  'statefun.message.serializer': (m, key, value) => m.setStatefun('messageSerializer', key, enumValue(Object.values(MessageSerializer), value), 'a message serializer the library supports'),
  'statefun.async.max-per-task': (m, key, value) => m.setStatefun('asyncMaxPerTask', key, (() => { const n = parseInteger(value); return n !== undefined && n >= 1 ? n : undefined; })(), 'a whole number ≥ 1'),
  'statefun.feedback.memory.size': (m, key, value) => m.setStatefun('feedbackMemory', key, parseSize(value), 'a memory size'),
  'statefun.remote.module-name': (m, key) => m.derived(key, 'the library mounts the module ConfigMap and points the key at it; dropped', '(the module ConfigMap)'),
  'statefun.embedded': (m, key, value) => (parseBoolean(value) === true
    ? m.invalid(key, 'uber-jar mode (functions inside the job jar) is not what the Kzmlabs image runs')
    : m.invariant(key, 'false', 'the Kzmlabs image runs remote functions')),
  'statefun.message.custom-payload-serializer-class': (m, key) => m.invalid(key, 'custom payload serializers are not supported by the typed model', 'statefun.messageSerializer'),
  'classloader.parent-first-patterns.additional': (m, key, value) => m.setParentFirst(key, value),
  'classloader.resolve-order': invariant('parent-first', 'StateFun loads classes parent-first'),
  'pipeline.auto-generate-uids': invariant('false', 'operator ids stay stable as module.yaml evolves'),
  'execution.savepoint.ignore-unclaimed-state': (m, key, value) => m.setAllowNonRestored(key, value),
  'execution.state-recovery.ignore-unclaimed-state': (m, key, value) => m.setAllowNonRestored(key, value),
  // Operator.
  'kubernetes.operator.jm-deployment-recovery.enabled': opField('jobManagerDeploymentRecovery', parseBoolean, 'a boolean'),
  'kubernetes.operator.periodic.savepoint.interval': opField('periodicSavepointInterval', parseFlinkDuration, 'a duration'),
  'kubernetes.operator.savepoint.history.max.count': opField('savepointHistoryMaxCount', (v) => { const n = parseInteger(v); return n !== undefined && n >= 1 ? n : undefined; }, 'a whole number ≥ 1'),
  'kubernetes.operator.deployment.rollback.enabled': opField('deploymentRollback', parseBoolean, 'a boolean'),
  'kubernetes.operator.cluster.health-check.enabled': opField('clusterHealthCheck', parseBoolean, 'a boolean'),
};

/** `metrics.reporter.<name>.class` of a reporter Flink ships: carried over as its `.factory.class` (Flink 1.17 removed `.class`). */
const reporterClass: Handler = (m, key, value) => {
  const name = key.split('.')[2];
  const factoryKey = `metrics.reporter.${name}.factory.class`;
  const factory = REPORTER_FACTORIES[value];
  if (!factory || m.valueOf(factoryKey) !== '') return m.fallback(key, value);
  m.carry(factoryKey, factory);
  m.record(key, MigrationAction.RENAMED, `Flink 2.x creates reporters only by factory (the .class form was removed in Flink 1.17): carried over as ${factoryKey} = ${factory} in flinkConfiguration`, factoryKey);
};

const PREFIX_HANDLERS: Array<[string, Handler]> = [
  ['execution.restart-strategy.', (m, key, value) => m.fromCatalog(key, value)],
  ['restart-strategy.', (m, key, value) => m.setRestartOption(key, value)],
  ['high-availability.kubernetes.leader-election.', (m, key, value) => m.setLeaderElection(key, value)],
  ['statefun.module.global-config.', (m, key, value) => m.setGlobalConfig(key, value)],
  ['statefun.', (m, key) => {
    const typo = unknownKeyProblem(key);
    m.record(key, MigrationAction.UNKNOWN, `not a StateFun option (statefun.* keys are typed); not carried over${typo?.fix.startsWith('did you mean') ? ` (${typo.fix})` : ''}`);
  }],
];
