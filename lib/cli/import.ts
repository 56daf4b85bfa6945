import * as fs from 'fs';
import * as path from 'path';
import { FlinkConfigMigration, MigrationAction } from '../flink-conf-migration';
import { MODULE_URI, RUNNER_JAR_URI } from '../flink-configuration';
import { SavepointFormat } from '../flink-state-snapshot';
import { ImportedModule, ModuleImport } from '../module-import';
import { flatConfiguration } from '../operator-rules';
import { ROCKSDB_LOCAL_DIR, SECRET_FILES_ROOT } from '../pod-files';
import { isFlinkDeployment } from '../rules/crd-schema';
import { Manifest } from '../rules/finding';
import { APP_LABEL } from '../statefun-app';
import { StateFunImage } from '../statefun-image';
import { acceptedFlinkVersions, defaultFlinkVersion, FlinkVersion, OperatorVersion } from '../versions';
import { importKafkaSecurity, secretVariable } from './import-kafka';
import { importFlinkPods, importPlacement, ImportedFlinkPods } from './import-placement';
import { readManifestSources } from './manifest-sources';

/** Options of `cdk8s-statefun import`. @internal */
export interface ImportOptions {
  readonly paths: readonly string[];
  readonly readStdin: () => string;
  /** Import only the FlinkDeployment of this name. @default - every FlinkDeployment of the input */
  readonly app?: string;
  /** The operator release the app targets. @default - the oldest whose CRD accepts the FlinkDeployment's flinkVersion */
  readonly operatorVersion?: string;
}

/** What `import` produced: the files of the cdk8s app and the report. @internal */
export interface ImportResult {
  /** File name (relative to the output folder) → content. Empty when the input cannot be imported. */
  readonly files: { readonly [name: string]: string };
  /** Deliberate changes: what the generated app renders differently from the input, and why. */
  readonly changes: string[];
  /** What the typed constructs cannot express: dropped or left to the library's defaults. */
  readonly notExpressed: string[];
  /** Why nothing could be imported (no FlinkDeployment, unreadable input). */
  readonly errors: string[];
}

type Json = Record<string, any>;

const MAIN_CONTAINER = 'flink-main-container';
const MODULE_NAME_KEY = 'statefun.remote.module-name';
const MODULE_PATH_ENV = 'STATEFUN_MODULE_PATH';
const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';
const ADDR_LABEL = 'cdk8s.io/metadata.addr';
/** Flink keys the import reads into typed props itself (not through FlinkConfigMigration). */
const DIRECTORY_KEYS = ['execution.checkpointing.dir', 'state.checkpoints.dir', 'execution.checkpointing.savepoint-dir', 'state.savepoints.dir', 'high-availability.storageDir', 'state.changelog.dstl.dfs.base-path'];
/** What RemoteFunction renders by default (remote-function.ts), to write props only where the input differs. */
const FUNCTION_DEFAULTS = { port: 8080, path: '/statefun', resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } } };
/** Pod spec fields StateFunApp renders in spec.podTemplate (the rest is reported as not imported). */
const FLINK_POD_FIELDS = ['containers', 'volumes', 'securityContext', 'automountServiceAccountToken'];
/** Pod spec fields RemoteFunction renders (cdk8s-plus Deployment defaults included). */
const FUNCTION_POD_FIELDS = ['containers', 'volumes', 'securityContext', 'automountServiceAccountToken', 'dnsPolicy', 'hostNetwork',
  'restartPolicy', 'setHostnameAsFQDN', 'terminationGracePeriodSeconds'];
const FLINK_DEFAULTS = { jobManager: { memory: '1024m', cpu: 0.5 }, taskManager: { memory: '2048m', cpu: 1 } };

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** A TypeScript literal: strings single-quoted, anything else as JSON. */
function lit(v: unknown): string {
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  return JSON.stringify(v);
}

function enumKey(e: Record<string, string>, value: string): string {
  return Object.keys(e).find((k) => e[k] === value)!;
}

/** JSON with sorted keys, to compare objects whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

function normalize(p: string): string {
  return `/${p.split('/').filter((s) => s !== '' && s !== '.').join('/')}`;
}

/** A Kubernetes cpu quantity as a Cpu expression (`500m` → Cpu.millis(500), `2` → Cpu.units(2), `1.5` → Cpu.millis(1500)), or undefined. */
function cpuExpr(v: unknown): string | undefined {
  const text = String(v);
  const m = /^(\d+)m$/.exec(text);
  if (m) return `Cpu.millis(${Number(m[1])})`;
  if (/^\d+$/.test(text)) return `Cpu.units(${Number(text)})`;
  if (/^\d+\.\d{1,3}$/.test(text)) return `Cpu.millis(${Math.round(Number(text) * 1000)})`;
  return undefined;
}

/** A binary Kubernetes quantity (`512Mi`, `2Gi`) as a Size expression, or undefined. */
function sizeExpr(v: unknown): string | undefined {
  const m = /^(\d+)(Ki|Mi|Gi|Ti)$/.exec(String(v));
  if (!m) return undefined;
  const unit = ({ Ki: 'kibibytes', Mi: 'mebibytes', Gi: 'gibibytes', Ti: 'tebibytes' } as Json)[m[2]];
  return `Size.${unit}(${Number(m[1])})`;
}

/**
 * Reads YAML (a FlinkDeployment, its module ConfigMap, the function Deployments and Services, the
 * ServiceAccount) and writes a cdk8s app that renders it with the typed constructs: `StateFunApp` with
 * `FlinkConfigMigration` for its Flink configuration, `CheckpointStore.s3` from the checkpoint directories
 * and the ServiceAccount's IRSA annotation, `ModuleImport` for module.yaml, a `RemoteFunction` per
 * function Deployment behind an endpoint's Service. Every FlinkDeployment of the input (of the first one's
 * namespace; `app` picks one) becomes a StateFunApp in one main.ts, its variables named after it; apps whose
 * store is written alike share it. FlinkStateSnapshot objects become `FlinkStateSnapshot` constructs (`app`
 * by object), and an `initialSavepointPath` equal to an imported savepoint's path becomes
 * `SavepointSource.fromSnapshot`. Lists what it changed on purpose and what it could not express.
 * @internal
 */
export function importManifests(options: ImportOptions): ImportResult {
  const sources = readManifestSources(options.paths, options.readStdin);
  const errors = sources.problems.map((p) => `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`);
  const manifests = sources.manifests.map((s) => s.manifest as Json);
  const all = manifests.filter((m) => isFlinkDeployment(m as Manifest));
  const selected = options.app === undefined ? all : all.filter((d) => d.metadata?.name === options.app);
  if (all.length === 0) {
    errors.push('no FlinkDeployment in the input: import reads FlinkDeployments with their module ConfigMaps and function workloads');
  } else if (selected.length === 0) {
    errors.push(`no FlinkDeployment named ${options.app} in the input (${all.map((d) => d.metadata?.name).join(', ')})`);
  }
  if (errors.length > 0) return { files: {}, changes: [], notExpressed: [], errors };

  const out = new ImportOutput();
  // One chart, one namespace: the apps of the first app's namespace.
  const namespace: string | undefined = selected[0].metadata?.namespace;
  const deployments = selected.filter((d) => d.metadata?.namespace === namespace);
  for (const d of selected.filter((x) => !deployments.includes(x))) {
    out.notExpressed.push(`FlinkDeployment ${d.metadata?.name} in namespace ${d.metadata?.namespace ?? '(none)'}: the generated chart has namespace ${namespace ?? '(none)'}; import it on its own (--app ${d.metadata?.name})`);
  }
  const appNames: string[] = deployments.map((d) => d.metadata?.name ?? 'statefun');
  out.use('cdk8s', 'App', 'Chart');
  out.use('cdk8s-statefun', 'StateFunApp');
  out.body.push('const app = new App();');
  out.body.push(`const chart = new Chart(app, ${lit(chartId(manifests) ?? appNames[0])}${namespace ? `, { namespace: ${lit(namespace)} }` : ''});`);

  // Variable names and data files per app: the app's name in camel case; files suffixed when there are several.
  const several = deployments.length > 1;
  const names: AppNames[] = appNames.map((name, i) => {
    const v = out.variable(camelCase(name));
    return {
      app: v,
      migration: out.variable(`${v}Migration`),
      module: out.variable(`${v}Module`),
      store: out.variable(i === 0 ? 'store' : `${v}Store`),
      confFile: several ? `${name}.flink-conf.yaml` : 'flink-conf.yaml',
      moduleFile: several ? `${name}.module.yaml` : 'module.yaml',
      idPrefix: i === 0 ? '' : `${name}-`,
    };
  });

  // FlinkStateSnapshots: imported savepoints (no job reference) first, so that apps can start from them.
  const snapshots = manifests.filter((m) => m.kind === 'FlinkStateSnapshot' && typeof m.apiVersion === 'string'
    && m.apiVersion.startsWith('flink.apache.org/') && m.metadata?.namespace === namespace);
  const taken = new Set<string>([...appNames, ...manifests.filter((m) => m.kind === 'Deployment').map((m) => String(m.metadata?.name))]);
  const initialPaths = new Set(deployments.map((d) => d.spec?.job?.initialSavepointPath).filter((p) => typeof p === 'string'));
  const savepoints = new Map<string, string>();
  for (const s of snapshots.filter((x) => x.spec?.jobReference === undefined)) {
    const p = s.spec?.savepoint?.path;
    const v = renderSnapshot(out, s, undefined, taken, typeof p === 'string' && initialPaths.has(p) && !savepoints.has(p));
    if (v) savepoints.set(p, v);
  }

  const operatorVersion = options.operatorVersion as OperatorVersion | undefined;
  deployments.forEach((fd, i) => {
    const [changes, notExpressed, failures] = [out.changes.length, out.notExpressed.length, out.errors.length];
    new Importer(out, manifests, fd, names[i], savepoints, operatorVersion).run();
    // With several apps, each line says which app it is about.
    if (several) {
      for (const [lines, from] of [[out.changes, changes], [out.notExpressed, notExpressed], [out.errors, failures]] as const) {
        for (let j = from; j < lines.length; j++) lines[j] = `FlinkDeployment ${appNames[i]}: ${lines[j]}`;
      }
    }
  });

  // Snapshots of an app's job, after the app.
  for (const s of snapshots.filter((x) => x.spec?.jobReference !== undefined)) {
    const ref = s.spec.jobReference;
    const i = appNames.indexOf(ref?.name);
    if (ref?.kind !== 'FlinkDeployment' || i < 0) {
      out.notExpressed.push(`FlinkStateSnapshot ${s.metadata?.name}: spec.jobReference ${lit(ref)} is not an imported FlinkDeployment; not imported`);
      out.covered.add(s);
      continue;
    }
    renderSnapshot(out, s, names[i].app, taken, false);
  }

  const imported = `FlinkDeployment ${appNames.join(', ')}, ${several ? 'their' : 'its'} module ConfigMap${several ? 's' : ''}, function workloads, ServiceAccount${several ? 's' : ''}, monitors and snapshots`;
  for (const m of manifests) {
    if (!out.covered.has(m)) out.notExpressed.push(`${m.kind}/${m.metadata?.name}: not part of the imported app${several ? 's' : ''} (${imported}); not imported (keep it in your own chart)`);
  }
  out.body.push('');
  out.body.push('app.synth();');
  if (out.errors.length > 0) return { files: {}, changes: out.changes, notExpressed: out.notExpressed, errors: out.errors };
  out.files['main.ts'] = out.mainTs();
  out.files['cdk8s.yaml'] = 'language: typescript\napp: npx tsx main.ts\n';
  return { files: out.files, changes: out.changes, notExpressed: out.notExpressed, errors: [] };
}

/** The names the generated code gives one app's objects. */
interface AppNames {
  /** The StateFunApp variable. */
  readonly app: string;
  readonly migration: string;
  readonly module: string;
  /** The variable of the checkpoint store, if this app renders a new one. */
  readonly store: string;
  /** The data files (Flink configuration, module.yaml). */
  readonly confFile: string;
  readonly moduleFile: string;
  /** Prefix of the chart-level construct ids the app adds (pull secrets, endpoints, store keys): '' for the first app. */
  readonly idPrefix: string;
}

const RESERVED = new Set(['app', 'chart', 'fs', 'path', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'let', 'static', 'yield', 'await', 'implements', 'interface',
  'package', 'private', 'protected', 'public']);

/** `orders-replay` → `ordersReplay`; a leading digit gets an underscore. */
function camelCase(name: string): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const v = parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join('') || 'statefun';
  return /^\d/.test(v) ? `_${v}` : v;
}

/** What the per-app importers write into: one main.ts, its data files, and one report. */
class ImportOutput {
  public readonly changes: string[] = [];
  public readonly notExpressed: string[] = [];
  public readonly errors: string[] = [];
  public readonly body: string[] = [];
  public readonly files: { [name: string]: string } = {};
  /** Objects the generated app renders (the rest of the input is reported). */
  public readonly covered = new Set<Json>();
  /** Checkpoint stores written so far: their code → variable (apps with the same store share one). */
  public readonly stores = new Map<string, string>();
  private readonly imports = new Map<string, Set<string>>();
  private readonly variables = new Set<string>(RESERVED);

  public use(module: string, ...names: string[]): void {
    const set = this.imports.get(module) ?? new Set<string>();
    names.forEach((n) => set.add(n));
    this.imports.set(module, set);
  }

  /** A variable name not used yet (and no keyword): `base`, else `base2`, `base3` … */
  public variable(base: string): string {
    let v = base;
    for (let i = 2; this.variables.has(v); i++) v = `${base}${i}`;
    this.variables.add(v);
    return v;
  }

  public mainTs(): string {
    const order = ['fs', 'path', 'cdk8s', 'cdk8s-plus-27', 'cdk8s-statefun'];
    const lines = ['// Generated by `cdk8s-statefun import`. Review the changes it listed; then this app is yours.'];
    for (const module of order) {
      const names = this.imports.get(module);
      if (!names) continue;
      const star = [...names].find((n) => n.startsWith('*'));
      if (star) lines.push(`import * as ${star.slice(1)} from '${module}';`);
      else lines.push(`import { ${[...names].sort().join(', ')} } from '${module}';`);
    }
    return `${lines.join('\n')}\n\n${this.body.join('\n')}\n`;
  }
}

/** The chart id cdk8s wrote into the function selectors (`<chart>-<function>-Deployment-<hash>`). */
function chartId(manifests: Json[]): string | undefined {
  for (const d of manifests.filter((m) => m.kind === 'Deployment')) {
    const addr = d.spec?.selector?.matchLabels?.[ADDR_LABEL];
    const suffix = `-${d.metadata?.name}-Deployment-`;
    if (typeof addr === 'string' && addr.includes(suffix)) return addr.slice(0, addr.indexOf(suffix));
    // cdk8s drops a path component equal to the one before it: chart `x` holding function `x`.
    if (typeof addr === 'string' && addr.startsWith(`${d.metadata?.name}-Deployment-`)) return d.metadata?.name;
  }
  return undefined;
}

/**
 * A FlinkStateSnapshot object → `new FlinkStateSnapshot(chart, name, { app, snapshot: SnapshotType…, backoffLimit })`
 * (lib/flink-state-snapshot.ts renders the same spec). Returns the variable when `declare`, else undefined;
 * what the construct cannot express is reported and the object is left out.
 */
function renderSnapshot(out: ImportOutput, s: Json, appVar: string | undefined, taken: Set<string>, declare: boolean): string | undefined {
  const name = String(s.metadata?.name);
  const spec: Json = isObject(s.spec) ? s.spec : {};
  const sp = spec.savepoint;
  const unknown = Object.keys(spec).filter((k) => !['backoffLimit', 'jobReference', 'savepoint', 'checkpoint'].includes(k)).sort();
  const unknownSavepoint = isObject(sp) ? Object.keys(sp).filter((k) => !['alreadyExists', 'disposeOnDelete', 'formatType', 'path'].includes(k)).sort() : [];
  const skip = (why: string) => {
    out.notExpressed.push(`FlinkStateSnapshot ${name}: ${why}; not imported (keep it in your own chart)`);
    out.covered.add(s);
    return undefined;
  };
  if (unknown.length > 0 || unknownSavepoint.length > 0) return skip(`spec fields ${[...unknown, ...unknownSavepoint.map((k) => `savepoint.${k}`)].join(', ')} have no FlinkStateSnapshot prop`);
  let type: string;
  if (isObject(sp) && !isObject(spec.checkpoint)) {
    const options: string[] = [];
    const format = sp.formatType;
    if (format !== undefined && format !== SavepointFormat.CANONICAL) {
      if (format !== SavepointFormat.NATIVE) return skip(`spec.savepoint.formatType = ${lit(format)} is neither CANONICAL nor NATIVE`);
      out.use('cdk8s-statefun', 'SavepointFormat');
      options.push('format: SavepointFormat.NATIVE');
    }
    if (sp.disposeOnDelete === true) options.push('disposeOnDelete: true');
    const opts = options.length > 0 ? `{ ${options.join(', ')} }` : '';
    if (sp.alreadyExists === true && typeof sp.path === 'string') {
      type = `SnapshotType.existingSavepoint(${lit(sp.path)}${opts ? `, ${opts}` : ''})`;
    } else if (sp.alreadyExists !== true && sp.path === undefined) {
      type = `SnapshotType.savepoint(${opts})`;
    } else {
      return skip(`spec.savepoint ${lit(sp)}: a savepoint taken into an explicit path has no SnapshotType (the app's savepoint directory is used)`);
    }
  } else if (isObject(spec.checkpoint) && sp === undefined) {
    type = 'SnapshotType.checkpoint()';
  } else {
    return skip('neither one savepoint nor one checkpoint');
  }
  // lib/flink-state-snapshot.ts refuses these without a job (the operator does too): keep them out of the app.
  if (!appVar && !type.startsWith('SnapshotType.existingSavepoint(')) return skip('a snapshot to take without spec.jobReference, which the operator refuses ("Job reference must be supplied for this snapshot")');
  if (!appVar && sp?.disposeOnDelete === true) return skip('disposeOnDelete without spec.jobReference: the operator disposes of a savepoint through the referenced job\'s JobManager');
  const props: string[] = [];
  if (appVar) props.push(`app: ${appVar}`);
  props.push(`snapshot: ${type}`);
  if (typeof spec.backoffLimit === 'number') props.push(`backoffLimit: ${spec.backoffLimit}`);
  const extraMeta = ['labels', 'annotations'].filter((k) => isObject(s.metadata?.[k]) && Object.keys(s.metadata[k]).length > 0);
  if (extraMeta.length > 0) out.notExpressed.push(`FlinkStateSnapshot ${name} metadata ${extraMeta.join(', ')}: not imported`);
  // The construct id is the object's name unless another construct of the chart holds it.
  const id = taken.has(name) ? `${name}-snapshot` : name;
  if (id !== name) props.push(`name: ${lit(name)}`);
  taken.add(id);
  out.covered.add(s);
  out.use('cdk8s-statefun', 'FlinkStateSnapshot', 'SnapshotType');
  const v = declare ? out.variable(camelCase(name)) : undefined;
  out.body.push('');
  out.body.push(`${v ? `const ${v} = ` : ''}new FlinkStateSnapshot(chart, ${lit(id)}, {`);
  for (const p of props) out.body.push(`  ${p},`);
  out.body.push('});');
  return v;
}

class Importer {
  private readonly changes: string[];
  private readonly notExpressed: string[];
  private readonly errors: string[];
  private readonly body: string[];
  private readonly files: { [name: string]: string };
  /** Image pull secrets of the Flink pods (StateFunApp's imagePullSecrets, which the functions get first). */
  private appPullSecrets: string[] = [];
  /** The module's volume mount in flink-main-container, once found. */
  private moduleMount: Json | undefined;
  /** Environment variables of flink-main-container the generated app renders. */
  private readonly coveredEnv = new Set<string>([MODULE_PATH_ENV]);
  /** Scheduling fields of spec.podTemplate.spec read into flinkPods. */
  private sharedPlacementFields: string[] = [];
  /** Objects the generated app renders (the rest of the input is reported). */
  private readonly covered: Set<Json>;
  /** The checkpoint store variable the app uses. */
  private storeVar = '';

  constructor(private readonly out: ImportOutput, private readonly manifests: Json[], private readonly fd: Json, private readonly v: AppNames,
    private readonly savepoints: Map<string, string>, private readonly operatorVersion: OperatorVersion | undefined) {
    this.changes = out.changes;
    this.notExpressed = out.notExpressed;
    this.errors = out.errors;
    this.body = out.body;
    this.files = out.files;
    this.covered = out.covered;
  }

  /** Writes the app's code (store, migration, StateFunApp, module, functions) into the shared output. */
  public run(): void {
    const fd = this.fd;
    const spec: Json = isObject(fd.spec) ? fd.spec : {};
    const name: string = fd.metadata?.name ?? 'statefun';
    const namespace: string | undefined = fd.metadata?.namespace;
    this.covered.add(fd);
    this.body.push('');
    this.body.push(`// FlinkDeployment ${name}`);

    const conf = flatConfiguration(spec.flinkConfiguration);
    const main = list(spec.podTemplate?.spec?.containers).find((c) => c.name === MAIN_CONTAINER);

    // The role pod templates: placement per role and the RocksDB local directory (flinkPods).
    const flinkPods = this.flinkPods(spec, name);

    // The checkpoint store: the directories and the ServiceAccount's identity.
    const storeExpr = this.checkpointStore(conf, name, spec, main);

    // The Flink configuration: everything but the directories, through FlinkConfigMigration.
    const migrated: Record<string, string> = {};
    for (const [k, v] of Object.entries(conf)) {
      if (DIRECTORY_KEYS.includes(k)) continue;
      // What the checkpoint store writes itself.
      if (storeExpr && storeExpr[k] === v) continue;
      // What flinkPods.taskManager.rocksDbLocalDirectory writes.
      if (k === 'state.backend.rocksdb.localdir' && flinkPods.rocksDbLocalDirectory && v === ROCKSDB_LOCAL_DIR) continue;
      migrated[k] = v;
    }
    let migration: FlinkConfigMigration | undefined;
    try {
      migration = FlinkConfigMigration.fromFlinkConf(migrated);
    } catch (e: any) {
      this.errors.push(`spec.flinkConfiguration cannot be migrated: ${e?.message ?? e}`);
    }
    if (migration) {
      this.files[this.v.confFile] = `# spec.flinkConfiguration of FlinkDeployment ${name} (checkpoint directories are derived from the checkpoint store)\n${Object.keys(migrated).sort().map((k) => `${/^[\w.-]+$/.test(k) ? k : JSON.stringify(k)}: ${JSON.stringify(migrated[k])}`).join('\n')}\n`;
      for (const e of migration.report) {
        if (e.action === MigrationAction.MAPPED || e.action === MigrationAction.KEPT) continue;
        // An invariant or derived key the library writes with the same value is no change.
        const writes = /always writes "([^"]*)"/.exec(e.message)?.[1];
        if (e.action === MigrationAction.INVARIANT && writes === e.value) continue;
        if (e.key === MODULE_NAME_KEY && e.value === MODULE_URI) continue;
        const line = `spec.flinkConfiguration['${e.key}'] = ${lit(e.value)}: ${e.action}${e.replacement ? ` → ${e.replacement}` : ''}: ${e.message}`;
        if (e.action === MigrationAction.UNKNOWN) this.notExpressed.push(line);
        else this.changes.push(line);
      }
      this.use('fs', '*fs');
      this.use('path', '*path');
      this.use('cdk8s-statefun', 'FlinkConfigMigration');
      this.body.push('// spec.flinkConfiguration → typed props; the report says what happened to every key.');
      this.body.push(`const ${this.v.migration} = FlinkConfigMigration.fromYaml(fs.readFileSync(path.join(__dirname, ${lit(this.v.confFile)}), 'utf8'));`);
    }

    const props: string[] = [];
    if (migration) props.push(`...${this.v.migration}.props`);
    if (storeExpr) props.push(`checkpointStore: ${this.storeVar}`);
    props.push(...this.appProps(spec, conf, migration));
    if (flinkPods.code) props.push(`flinkPods: ${flinkPods.code}`);
    this.body.push('');
    this.body.push(`const ${this.v.app} = new StateFunApp(chart, ${lit(name)}, {`);
    for (const p of props) this.body.push(`  ${p},`);
    this.body.push('});');

    // The NetworkPolicy StateFunApp renders for its Flink pods.
    const flinkPolicy = this.manifests.find((o) => o.kind === 'NetworkPolicy' && o.metadata?.name === `${name}-flink` && (o.metadata?.namespace ?? namespace) === namespace);
    if (flinkPolicy) this.covered.add(flinkPolicy);
    this.module(spec, conf, main, name, namespace);
    this.serviceAccount(spec, name);
    this.podTemplate(spec, main);

  }

  private use(module: string, ...names: string[]): void {
    this.out.use(module, ...names);
  }

  /**
   * The checkpoint store code: one `CheckpointStore.<factory>(chart, 'checkpoints', …)` per distinct store;
   * an app whose store is written the same way as an earlier app's shares that one. Returns its variable.
   */
  private emitStore(factory: string, props: string[]): string {
    const key = `${factory}(${props.join(', ')})`;
    const known = this.out.stores.get(key);
    if (known) return known;
    const id = `${this.v.idPrefix}checkpoints`;
    const code = props.map((p) => p.replace('STORE_KEYS_ID', lit(`${this.v.idPrefix}store-keys`)));
    this.body.push(`const ${this.v.store} = CheckpointStore.${factory}(chart, ${lit(id)}, {\n  ${code.join(',\n  ')},\n});`);
    this.out.stores.set(key, this.v.store);
    return this.v.store;
  }

  /** Writes the checkpoint store; returns the Flink keys it writes itself (left out of the migration), or undefined. */
  private checkpointStore(conf: Record<string, string>, name: string, spec: Json, main: Json | undefined): Record<string, string> | undefined {
    const dir = conf['execution.checkpointing.dir'] ?? conf['state.checkpoints.dir'];
    if (conf['state.checkpoints.dir'] !== undefined) {
      this.changes.push(`spec.flinkConfiguration['state.checkpoints.dir'] = ${lit(conf['state.checkpoints.dir'])}: the legacy key; the checkpoint store writes execution.checkpointing.dir (Flink 2.x)`);
    }
    if (dir === undefined) {
      this.notExpressed.push('no checkpoint directory (execution.checkpointing.dir): the app has no checkpoint store; add one (CheckpointStore.s3 …) before running it');
      return undefined;
    }
    const m = /^s3a?:\/\/([^/]+)\/?(.*)$/.exec(dir);
    if (!m) {
      this.notExpressed.push(`execution.checkpointing.dir = ${lit(dir)}: only s3:// directories are imported; write the CheckpointStore (gcs, azure) by hand`);
      return undefined;
    }
    const bucket = m[1];
    let rest = m[2].replace(/\/+$/, '');
    // The store lays out <base>/<app name>/{checkpoints,savepoints,ha}.
    const layout = `/${name}/checkpoints`;
    let prefix: string | undefined;
    if (`/${rest}`.endsWith(layout)) {
      rest = `/${rest}`.slice(0, -layout.length).replace(/^\//, '');
      prefix = rest === '' ? undefined : rest;
    } else {
      prefix = rest.replace(/\/?checkpoints$/, '') || undefined;
      this.changes.push(`execution.checkpointing.dir = ${lit(dir)}: the checkpoint store lays out s3://${bucket}${prefix ? `/${prefix}` : ''}/${name}/checkpoints (savepoints and ha next to it); existing checkpoints stay where they are`);
    }
    const base = `s3://${bucket}${prefix ? `/${prefix}` : ''}/${name}`;
    for (const [key, sub] of [['execution.checkpointing.savepoint-dir', 'savepoints'], ['state.savepoints.dir', 'savepoints'], ['high-availability.storageDir', 'ha'], ['state.changelog.dstl.dfs.base-path', 'changelog']]) {
      if (conf[key] !== undefined && conf[key].replace(/\/+$/, '') !== `${base}/${sub}`) {
        this.changes.push(`spec.flinkConfiguration['${key}'] = ${lit(conf[key])}: derived from the checkpoint store as ${base}/${sub}`);
      }
    }
    const env = list(main?.env);
    const envRegion = env.find((e) => e.name === 'AWS_REGION')?.value;
    const region = typeof envRegion === 'string' ? envRegion : undefined;
    this.use('cdk8s-statefun', 'CheckpointStore');
    const props = [`bucket: ${lit(bucket)}`];
    if (prefix) props.push(`prefix: ${lit(prefix)}`);
    const owned: Record<string, string> = { 's3.use-instance-credentials': 'false' };
    const endpoint = conf['s3.endpoint'];
    if (endpoint !== undefined) {
      // An S3-compatible store (MinIO, LocalStack, …): endpoint, path-style access, keys from a Secret.
      props.push(`endpoint: ${lit(endpoint)}`);
      owned['s3.endpoint'] = endpoint;
      const pathStyle = conf['s3.path-style-access'];
      if (pathStyle !== undefined) owned['s3.path-style-access'] = pathStyle;
      if (pathStyle === 'false') props.push('pathStyleAccess: false');
      const keyId = env.find((e) => e.name === 'AWS_ACCESS_KEY_ID')?.valueFrom?.secretKeyRef;
      const secretKey = env.find((e) => e.name === 'AWS_SECRET_ACCESS_KEY')?.valueFrom?.secretKeyRef;
      if (keyId?.name && secretKey?.name === keyId.name) {
        this.use('cdk8s-plus-27', 'Secret');
        this.use('cdk8s-statefun', 'S3Credentials');
        const keys: string[] = [];
        if (keyId.key !== 'AWS_ACCESS_KEY_ID') keys.push(`accessKeyIdKey: ${lit(keyId.key)}`);
        if (secretKey.key !== 'AWS_SECRET_ACCESS_KEY') keys.push(`secretAccessKeyKey: ${lit(secretKey.key)}`);
        props.push(`credentials: S3Credentials.fromSecret(Secret.fromSecretName(chart, STORE_KEYS_ID, ${lit(keyId.name)})${keys.length ? `, { ${keys.join(', ')} }` : ''})`);
        this.coveredEnv.add('AWS_ACCESS_KEY_ID').add('AWS_SECRET_ACCESS_KEY');
      } else {
        this.errors.push('s3.endpoint is set but flink-main-container reads no AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from one Secret: the S3-compatible store needs its keys from a Secret');
        return undefined;
      }
      if (region) props.push(`region: ${lit(region)}`);
      this.storeVar = this.emitStore('s3Compatible', props);
    } else {
      if (region === undefined) {
        this.changes.push('no AWS region (AWS_REGION of flink-main-container): the checkpoint store uses us-east-1; change it to the bucket\'s region');
      }
      const sa = this.manifests.find((o) => o.kind === 'ServiceAccount' && o.metadata?.name === spec.serviceAccount);
      const role = sa?.metadata?.annotations?.[IRSA_ANNOTATION];
      props.push(`region: ${lit(region ?? 'us-east-1')}`);
      if (typeof role === 'string') props.push(`irsaRoleArn: ${lit(role)}`);
      this.storeVar = this.emitStore('s3', props);
    }
    this.coveredEnv.add('AWS_REGION');
    return owned;
  }

  private appProps(spec: Json, conf: Record<string, string>, migration: FlinkConfigMigration | undefined): string[] {
    const props: string[] = [];
    const image = spec.image;
    if (typeof image === 'string') {
      this.use('cdk8s-statefun', 'StateFunImage');
      const kzm = `${StateFunImage.KZMLABS_REPOSITORY}:`;
      if (image.startsWith(kzm)) {props.push(`image: StateFunImage.kzmlabs(${lit(image.slice(kzm.length))})`);} else {
        props.push(`image: StateFunImage.fromImage(${lit(image)}, ${lit(StateFunImage.LATEST_KNOWN_TAG)})`);
        this.notExpressed.push(`spec.image = ${lit(image)}: not a Kzmlabs image, and the YAML does not say which release it is built FROM: imported as ${StateFunImage.LATEST_KNOWN_TAG}; pass the real one to StateFunImage.fromImage`);
      }
    }
    for (const role of ['jobManager', 'taskManager'] as const) {
      const r = spec[role]?.resource;
      const d = FLINK_DEFAULTS[role];
      const memory = r?.memory;
      const cpu = r?.cpu;
      const fields: string[] = [];
      const requirements = spec[role]?.resources;
      if (requirements !== undefined) {
        // Operator 1.16: spec.*.resources (requests and limits) instead of the legacy resource.
        if (r !== undefined) this.notExpressed.push(`spec.${role}.resource = ${lit(r)} next to spec.${role}.resources: the app writes only resources (the operator reads resources first)`);
        const expr = this.processResources(role, requirements);
        if (expr) fields.push(`resources: ${expr}`);
      } else if (memory === undefined || cpu === undefined) {
        this.changes.push(`spec.${role}.resource ${memory === undefined && cpu === undefined ? '' : `${memory === undefined ? 'memory' : 'cpu'} `}(not set): the app writes memory ${d.memory}, cpu ${d.cpu} unless you set ${role}.resources`);
      }
      const storage = r?.ephemeralStorage === undefined ? undefined : sizeExpr(r.ephemeralStorage);
      const legacyDefault = (memory === undefined || memory === d.memory) && (cpu === undefined || cpu === d.cpu)
        && r?.ephemeralStorage === undefined;
      if (requirements === undefined && !legacyDefault) {
        const mib = typeof memory === 'string' ? /^(\d+)m$/.exec(memory) : null;
        if (!mib || typeof cpu !== 'number' || (r?.ephemeralStorage !== undefined && !storage)) {
          this.notExpressed.push(`spec.${role}.resource = ${lit(r)}: only memory in m (MiB) and a number of cores are imported; the library default ${lit(d)} applies`);
        } else {
          this.use('cdk8s', 'Size');
          this.use('cdk8s-plus-27', 'Cpu');
          const cores = Number.isInteger(cpu) ? `Cpu.units(${cpu})` : `Cpu.millis(${Math.round(cpu * 1000)})`;
          fields.push(`resources: { cpu: ${cores}, memory: Size.mebibytes(${mib[1]})${storage ? `, ephemeralStorage: ${storage}` : ''} }`);
        }
      }
      const replicas = spec[role]?.replicas;
      if (role === 'jobManager' && typeof replicas === 'number' && replicas !== 1) fields.push(`replicas: ${replicas}`);
      if (fields.length === 0) continue;
      const migrated = (migration?.props as Json | undefined)?.[role] ? `...${this.v.migration}.props.${role}, ` : '';
      props.push(`${role}: { ${migrated}${fields.join(', ')} }`);
    }
    const job: Json = isObject(spec.job) ? spec.job : {};
    if (job.jarURI !== RUNNER_JAR_URI) {
      this.changes.push(`spec.job.jarURI = ${lit(job.jarURI)}: the runner jar of the image is ${RUNNER_JAR_URI}`);
    }
    if (typeof job.parallelism === 'number' && job.parallelism !== 1 && migration?.parallelism === undefined) props.push(`parallelism: ${job.parallelism}`);
    // Always written: the library's default depends on the checkpoint store and the release.
    if (job.upgradeMode !== undefined) {
      const mode = ({ 'savepoint': 'SAVEPOINT', 'stateless': 'STATELESS', 'last-state': 'LAST_STATE' } as Json)[job.upgradeMode];
      if (mode) {
        this.use('cdk8s-statefun', 'UpgradeMode');
        props.push(`upgradeMode: UpgradeMode.${mode}`);
      } else {
        this.notExpressed.push(`spec.job.upgradeMode = ${lit(job.upgradeMode)}: unknown; the library default applies`);
      }
    }
    const pullSecrets = list(spec.podTemplate?.spec?.imagePullSecrets).map((r) => r.name).filter((n): n is string => typeof n === 'string');
    if (pullSecrets.length > 0) {
      this.appPullSecrets = pullSecrets;
      this.use('cdk8s-plus-27', 'Secret');
      props.push(`imagePullSecrets: [${pullSecrets.map((n, i) => `Secret.fromSecretName(chart, ${lit(`${this.v.idPrefix}pull-secret-${i + 1}`)}, ${lit(n)})`).join(', ')}]`);
    }
    const monitoring = this.prometheusOperator(spec, this.fd.metadata?.name ?? '');
    if (monitoring) props.push(`prometheusOperator: ${monitoring}`);
    if (job.state === 'suspended') {
      this.use('cdk8s-statefun', 'JobState');
      props.push('jobState: JobState.SUSPENDED');
    }
    if (typeof job.initialSavepointPath === 'string') {
      // A path an imported FlinkStateSnapshot names: start from that object (SavepointSource.fromSnapshot).
      const snapshot = this.savepoints.get(job.initialSavepointPath);
      if (snapshot) {
        this.use('cdk8s-statefun', 'SavepointSource');
        props.push(`initialSavepoint: SavepointSource.fromSnapshot(${snapshot})`);
      } else {
        props.push(`initialSavepointPath: ${lit(job.initialSavepointPath)}`);
      }
    }
    // The operator release is not in the YAML: --operator, else the oldest whose CRD accepts spec.flinkVersion.
    const flinkVersion = Object.values(FlinkVersion).find((v) => v === spec.flinkVersion);
    // spec.*.resources (requests and limits) is in the CRD from operator 1.16 on (FLINK-33548).
    const needsResources = spec.jobManager?.resources !== undefined || spec.taskManager?.resources !== undefined;
    const operator = this.operatorVersion ?? (needsResources ? OperatorVersion.V1_16
      : flinkVersion && !acceptedFlinkVersions(OperatorVersion.V1_11).includes(flinkVersion) ? OperatorVersion.V1_13 : undefined);
    if (operator) {
      this.use('cdk8s-statefun', 'OperatorVersion');
      props.push(`operatorVersion: OperatorVersion.${enumKey(OperatorVersion, operator)}`);
      const why = needsResources ? 'the oldest whose CRD has spec.jobManager/taskManager.resources' : `the oldest whose CRD accepts flinkVersion ${flinkVersion}`;
      if (!this.operatorVersion) this.notExpressed.push(`the operator release is not in the YAML: the app targets ${operator}, ${why}; pass --operator to choose`);
    }
    if (spec.flinkVersion !== undefined && !flinkVersion) {
      this.changes.push(`spec.flinkVersion = ${lit(spec.flinkVersion)}: StateFun runs on Flink 2.x; the app writes ${defaultFlinkVersion(operator ?? OperatorVersion.V1_11)}`);
    } else if (flinkVersion && flinkVersion !== defaultFlinkVersion(operator ?? OperatorVersion.V1_11)) {
      this.use('cdk8s-statefun', 'FlinkVersion');
      props.push(`flinkVersion: FlinkVersion.${enumKey(FlinkVersion, flinkVersion)}`);
    }
    const pull = ({ Always: 'ALWAYS', Never: 'NEVER' } as Json)[spec.imagePullPolicy];
    if (pull) {
      this.use('cdk8s-plus-27', 'ImagePullPolicy');
      props.push(`imagePullPolicy: ImagePullPolicy.${pull}`);
    }
    if (conf['high-availability.type'] === undefined && conf['high-availability'] === undefined) {
      this.use('cdk8s-statefun', 'HighAvailability');
      props.push('highAvailability: HighAvailability.disabled()');
    }
    return props;
  }

  private module(spec: Json, conf: Record<string, string>, main: Json | undefined, name: string, namespace: string | undefined): void {
    const envPath = list(main?.env).find((e) => e.name === MODULE_PATH_ENV)?.value;
    if (envPath !== undefined) {
      this.changes.push(`env ${MODULE_PATH_ENV} = ${lit(envPath)}: no StateFun code reads it; removed, and the app sets ${MODULE_NAME_KEY}`);
    }
    const moduleName = conf[MODULE_NAME_KEY] ?? (typeof envPath === 'string' ? envPath : undefined);
    const file = moduleName === undefined ? undefined
      : moduleName.startsWith('file://') ? normalize(moduleName.slice(7)) : moduleName.startsWith('/') ? normalize(moduleName) : undefined;
    const mounts = list(main?.volumeMounts);
    const volumes = list(spec.podTemplate?.spec?.volumes);
    const mount = file ? mounts.find((vm) => typeof vm.mountPath === 'string' && file.startsWith(`${normalize(vm.mountPath)}/`)) : undefined;
    const volume = mount ? volumes.find((v) => v.name === mount.name) : undefined;
    const cmName = volume?.configMap?.name;
    const configMap = this.manifests.find((o) => o.kind === 'ConfigMap' && o.metadata?.name === cmName);
    const key = file && mount ? (typeof mount.subPath === 'string' && mount.subPath ? mount.subPath : file.slice(normalize(mount.mountPath).length + 1)) : undefined;
    const text = configMap && key ? configMap.data?.[key] : undefined;
    if (typeof text !== 'string') {
      this.notExpressed.push(`no module: ${moduleName === undefined ? `neither ${MODULE_NAME_KEY} nor ${MODULE_PATH_ENV} names the module file` : `${moduleName} is not a key of a ConfigMap mounted in ${MAIN_CONTAINER} among the input`}; add the components (ModuleImport, KafkaIngress, …) by hand`);
      return;
    }
    this.covered.add(configMap!);
    if (conf[MODULE_NAME_KEY] === undefined) this.changes.push(`spec.flinkConfiguration['${MODULE_NAME_KEY}'] (not set): the runtime reads classpath:module.yaml by default; the app sets file:///opt/statefun/module.yaml`);
    this.moduleMount = mount;
    if (normalize(mount!.mountPath) !== '/opt/statefun') {
      const confDir = normalize(mount!.mountPath).startsWith('/opt/flink/conf') ? ', not over Flink\'s configuration directory /opt/flink/conf' : '';
      this.changes.push(`volumeMount ${mount!.name} at ${lit(mount!.mountPath)}: the module is mounted at /opt/statefun (volume statefun-module)${confDir}`);
    }
    if (cmName !== `${name}-module`) this.changes.push(`ConfigMap ${cmName}: the module ConfigMap is named ${name}-module`);
    const others = Object.keys(configMap!.data ?? {}).filter((k) => k !== key);
    if (others.length > 0) this.notExpressed.push(`ConfigMap ${cmName} keys ${others.join(', ')}: only the module is imported`);
    const imported = ModuleImport.parse(text);
    if (imported.problems.length > 0) {
      this.errors.push(`module.yaml of ConfigMap ${cmName} cannot be imported:\n  ${imported.problems.join('\n  ')}`);
      return;
    }
    this.files[this.v.moduleFile] = text;
    this.use('cdk8s-statefun', 'ModuleImport');
    this.body.push('');
    this.body.push(`// data['${key}'] of ConfigMap ${cmName}, parsed like the runtime parses it.`);
    this.body.push(`const ${this.v.module} = ModuleImport.fromFile(path.join(__dirname, ${lit(this.v.moduleFile)}));`);
    this.use('fs', '*fs');
    this.use('path', '*path');

    // Endpoints served by a function workload among the input become RemoteFunctions.
    const served = new Set<number>();
    const byWorkload = new Map<Json, { service: Json; indexes: number[] }>();
    imported.httpEndpoints.forEach((e, i) => {
      const w = this.workloadOf(e.url, namespace);
      if (!w) return;
      byWorkload.set(w.deployment, { service: w.service, indexes: [...(byWorkload.get(w.deployment)?.indexes ?? []), i] });
      served.add(i);
    });
    for (const [deployment, w] of byWorkload) this.remoteFunction(deployment, w.service, w.indexes, imported.httpEndpoints.map((e) => e.url));
    imported.httpEndpoints.forEach((e, i) => {
      if (served.has(i)) return;
      this.use('cdk8s-statefun', 'HttpEndpoint');
      // An in-cluster Service the input does not hold is deployed elsewhere: say so (servedOutsideApp).
      let host = '';
      try {
        host = new URL(e.url.replace(/\{function\.name\}/g, 'fn')).hostname;
      } catch {
        // the module import reported the URL
      }
      const inCluster = /^[a-z0-9-]+(\.[a-z0-9-]+\.svc(\.cluster\.local)?)?$/.test(host);
      this.body.push(`new HttpEndpoint(chart, ${lit(`${this.v.idPrefix}endpoint-${i + 1}`)}, { ...${this.v.module}.httpEndpoints[${i}], app: ${this.v.app}${inCluster ? ', servedOutsideApp: true' : ''} });`);
      this.notExpressed.push(`endpoint ${e.functions} at ${e.url}: no function Deployment behind it among the input; kept as an HttpEndpoint`);
    });
    this.moduleComponents(imported);
  }

  /**
   * The module's ingresses and egresses: `imported.addTo`, unless a Kafka component's security properties are
   * what a typed `KafkaSecurity` renders (lib/cli/import-kafka.ts); then each component is created here, the
   * Kafka ones with `security` and their other properties (construct ids as `addTo` names them).
   */
  private moduleComponents(imported: ImportedModule): void {
    const kafka = [
      ...imported.kafkaIngresses.map((o, i) => ({ cls: 'KafkaIngress', list: 'kafkaIngresses', i, id: o.ingressId, security: importKafkaSecurity(o.properties) })),
      ...imported.kafkaEgresses.map((o, i) => ({ cls: 'KafkaEgress', list: 'kafkaEgresses', i, id: o.egressId, security: importKafkaSecurity(o.properties) })),
    ];
    if (!kafka.some((k) => k.security)) {
      this.body.push(`${this.v.module}.addTo(chart, ${this.v.app}, { endpoints: false });`);
      return;
    }
    this.use('cdk8s-plus-27', 'Secret');
    this.use('cdk8s-statefun', 'KafkaSecurity', 'KafkaSaslMechanism', 'PodFile');
    this.body.push('');
    this.body.push('// Kafka credentials: the ${dir:…} placeholders and config providers of the module are the typed security below.');
    const secrets = [...new Set(kafka.flatMap((k) => k.security?.secrets ?? []))];
    // Variables unique in main.ts (several apps may read the same Secret); construct ids prefixed like the app's others.
    const secretVars = new Map(secrets.map((n) => [secretVariable(n), this.out.variable(secretVariable(n))]));
    for (const name of secrets) {
      this.body.push(`const ${secretVars.get(secretVariable(name))} = Secret.fromSecretName(chart, ${lit(`${this.v.idPrefix}kafka-secret-${name}`)}, ${lit(name)});`);
    }
    const rename = (code: string) => code.replace(/PodFile\.fromSecret\((\w+),/g, (_m, v: string) => `PodFile.fromSecret(${secretVars.get(v) ?? v},`);
    const securities = [...new Set(kafka.map((k) => k.security?.code).filter((c): c is string => c !== undefined))];
    const securityVars = new Map(securities.map((code) => [code, this.out.variable('kafkaSecurity')]));
    const variable = (code: string) => securityVars.get(code)!;
    for (const code of securities) this.body.push(`const ${variable(code)} = ${rename(code)};`);
    const used = new Set<string>();
    const uniqueId = (base: string) => {
      let id = base;
      for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
      used.add(id);
      return id;
    };
    for (const k of kafka) {
      this.use('cdk8s-statefun', k.cls);
      const extra = k.security
        ? `, security: ${variable(k.security.code)}, properties: ${k.security.properties ? `{ ${Object.entries(k.security.properties).map(([p, v]) => `${lit(p)}: ${lit(v)}`).join(', ')} }` : 'undefined'}`
        : '';
      this.body.push(`new ${k.cls}(chart, ${lit(uniqueId(`${this.v.idPrefix}${k.cls}-${String(k.id).replace(/\//g, '.')}`))}, { ...${this.v.module}.${k.list}[${k.i}], app: ${this.v.app}${extra} });`);
    }
    const kinesis = [
      ...imported.kinesisIngresses.map((o, i) => ({ cls: 'KinesisIngress', list: 'kinesisIngresses', i, id: o.ingressId })),
      ...imported.kinesisEgresses.map((o, i) => ({ cls: 'KinesisEgress', list: 'kinesisEgresses', i, id: o.egressId })),
    ];
    for (const k of kinesis) {
      this.use('cdk8s-statefun', k.cls);
      this.body.push(`new ${k.cls}(chart, ${lit(uniqueId(`${this.v.idPrefix}${k.cls}-${String(k.id).replace(/\//g, '.')}`))}, { ...${this.v.module}.${k.list}[${k.i}], app: ${this.v.app} });`);
    }
  }

  /** The Deployment behind an endpoint URL: Service `name[.ns.svc…]` → selector → Deployment pods. */
  private workloadOf(url: string, namespace: string | undefined): { deployment: Json; service: Json } | undefined {
    let host: string;
    try {
      host = new URL(url.replace(/\{function\.name\}/g, 'fn')).hostname;
    } catch {
      return undefined;
    }
    const m = /^([a-z0-9-]+)(?:\.([a-z0-9-]+)\.svc(?:\.cluster\.local)?)?$/.exec(host);
    if (!m) return undefined;
    const ns = m[2] ?? namespace;
    const service = this.manifests.find((o) => o.kind === 'Service' && o.metadata?.name === m[1] && (o.metadata?.namespace ?? ns) === ns);
    const selector = service?.spec?.selector;
    if (!isObject(selector)) return undefined;
    const deployment = this.manifests.find((o) => o.kind === 'Deployment' && (o.metadata?.namespace ?? ns) === ns
      && isObject(o.spec?.template?.metadata?.labels) && Object.entries(selector).every(([k, v]) => o.spec.template.metadata.labels[k] === v));
    return deployment && service ? { deployment, service } : undefined;
  }

  private remoteFunction(deployment: Json, endpointService: Json, endpoints: number[], urls: string[]): void {
    const name: string = deployment.metadata?.name;
    const namespace = deployment.metadata?.namespace;
    const podSpec: Json = deployment.spec?.template?.spec ?? {};
    const containers = list(podSpec.containers);
    const c = containers[0] ?? {};
    if (containers.length > 1) this.notExpressed.push(`Deployment ${name}: containers ${containers.slice(1).map((x) => x.name).join(', ')} beyond the first are not imported`);
    const sameNs = (o: Json) => (o.metadata?.namespace ?? namespace) === namespace;
    const hpa = this.manifests.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec?.scaleTargetRef?.name === name && sameNs(o));
    this.covered.add(deployment);
    this.covered.add(endpointService);
    for (const kind of ['Service', 'PodDisruptionBudget', 'NetworkPolicy', 'HorizontalPodAutoscaler']) {
      const o = this.manifests.find((x) => x.kind === kind && x.metadata?.name === name && sameNs(x));
      if (o) this.covered.add(o);
    }
    const url = new URL(urls[endpoints[0]].replace(/\{function\.name\}/g, 'fn'));
    const urlPort = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    // RemoteFunction serves one port: the Service port and the container port. Take the port the pods
    // listen on (the Service's target port, if the container declares it), so calls still reach them.
    const servicePort = list(endpointService.spec?.ports).find((p) => p.port === urlPort);
    const target = servicePort?.targetPort ?? urlPort;
    const declared = list(c.ports);
    const containerPort = (typeof target === 'number' ? declared.find((p) => p.containerPort === target) : declared.find((p) => p.name === target))?.containerPort
      ?? (declared.length > 0 ? declared[0].containerPort : urlPort);
    const port: number = typeof containerPort === 'number' ? containerPort : urlPort;
    const props: string[] = [`app: ${this.v.app}`, `image: ${lit(c.image)}`, `functions: [${endpoints.map((i) => `${this.v.module}.httpEndpoints[${i}].functions`).join(', ')}]`];
    const newUrl = `http${url.protocol === 'https:' ? 's' : ''}://${name}${namespace ? `.${namespace}.svc` : ''}:${port}${url.pathname}`;
    if (endpointService.metadata?.name !== name || port !== urlPort) {
      this.changes.push(`endpoint ${urls[endpoints[0]]}: RemoteFunction serves Deployment ${name} through Service ${name} on the port its pods listen on (${port}), so the URL becomes ${newUrl}`);
    }
    if (!deployment.metadata?.labels?.['app.kubernetes.io/component']) {
      this.changes.push(`Deployment ${name}: rendered by RemoteFunction, with its labels, pod hardening, probes, resources, PodDisruptionBudget and NetworkPolicy (see the RemoteFunction docs)`);
    }
    if (port !== FUNCTION_DEFAULTS.port) props.push(`port: ${port}`);
    if (url.pathname !== FUNCTION_DEFAULTS.path) props.push(`path: ${lit(url.pathname)}`);
    props.push(`transport: ${this.v.module}.httpEndpoints[${endpoints[0]}].transport`);
    props.push(`maxNumBatchRequests: ${this.v.module}.httpEndpoints[${endpoints[0]}].maxNumBatchRequests`);
    if (hpa) {
      const cpu = list(hpa.spec?.metrics).find((x) => x.type === 'Resource' && x.resource?.name === 'cpu')?.resource?.target?.averageUtilization;
      this.use('cdk8s-statefun', 'FunctionScaling');
      props.push(`scaling: FunctionScaling.autoscale({ minReplicas: ${hpa.spec?.minReplicas ?? 1}, maxReplicas: ${hpa.spec?.maxReplicas}${cpu !== undefined ? `, targetCpuUtilization: ${cpu}` : ''} })`);
    } else {
      this.use('cdk8s-statefun', 'FunctionScaling');
      props.push(`scaling: FunctionScaling.fixed(${deployment.spec?.replicas ?? 1})`);
    }
    // Pull secrets: the app's come first (RemoteFunction adds them); the function's own after them.
    const pulls = list(podSpec.imagePullSecrets).map((r) => r.name);
    const own = pulls.slice(this.appPullSecrets.length);
    const prefixMatches = this.appPullSecrets.every((n, i) => pulls[i] === n);
    if (prefixMatches && own.length > 0) {
      this.use('cdk8s-plus-27', 'Secret');
      props.push(`imagePullSecrets: [${own.map((n, i) => `Secret.fromSecretName(chart, ${lit(`${name}-pull-secret-${i + 1}`)}, ${lit(n)})`).join(', ')}]`);
    }
    const placement = this.functionPlacement(podSpec, deployment.spec?.selector?.matchLabels);
    if (placement.code) props.push(`placement: ${placement.code}`);
    const extra = Object.keys(podSpec).filter((k) => !FUNCTION_POD_FIELDS.includes(k) && !placement.imported.includes(k)
      && !(k === 'imagePullSecrets' && prefixMatches)).sort();
    if (extra.length > 0) this.notExpressed.push(`Deployment ${name} pod spec ${extra.join(', ')}: not imported (set them with the RemoteFunction placement and pod props)`);
    const metrics = list(c.ports).find((p) => p.name === 'metrics')?.containerPort;
    if (typeof metrics === 'number') props.push(`metricsPort: ${metrics}`);
    const readiness = this.probe(c.readinessProbe, name);
    if (readiness) props.push(`readiness: ${readiness}`);
    const res = c.resources;
    if (res && canonical(res) !== canonical(FUNCTION_DEFAULTS.resources)) {
      const resources = this.functionResources(res);
      if (resources) props.push(`resources: ${resources}`);
      else this.notExpressed.push(`Deployment ${name} resources ${lit(res)}: not imported; the RemoteFunction defaults apply (set resources)`);
    }
    const env = list(c.env);
    if (env.length > 0) {
      const plain = env.filter((e) => typeof e.value === 'string');
      if (plain.length > 0) {
        this.use('cdk8s-plus-27', 'EnvValue');
        props.push(`env: { ${plain.map((e) => `${lit(e.name)}: EnvValue.fromValue(${lit(e.value)})`).join(', ')} }`);
      }
      const refs = env.filter((e) => typeof e.value !== 'string');
      if (refs.length > 0) this.notExpressed.push(`Deployment ${name} env ${refs.map((e) => e.name).join(', ')}: references (Secrets, fields) are not imported; add them with EnvValue`);
    }
    this.use('cdk8s-statefun', 'RemoteFunction');
    this.body.push('');
    this.body.push(`// Deployment ${name} behind ${urls[endpoints[0]]}`);
    this.body.push(`new RemoteFunction(chart, ${lit(name)}, {`);
    for (const p of props) this.body.push(`  ${p},`);
    this.body.push('});');
  }

  /** A readiness probe as a FunctionProbe expression (HTTP GET or TCP socket on a numbered port, with its timings). */
  private probe(p: Json | undefined, name: string): string | undefined {
    if (!isObject(p)) return undefined;
    const options: string[] = [];
    const port = p.httpGet?.port ?? p.tcpSocket?.port;
    if (port !== undefined && typeof port !== 'number') {
      this.notExpressed.push(`Deployment ${name} readiness probe on named port ${lit(port)}: only numbered ports are imported; the function's port applies`);
    } else if (port !== undefined) {
      options.push(`port: ${port}`);
    }
    for (const [field, prop] of [['initialDelaySeconds', 'initialDelay'], ['periodSeconds', 'period'], ['timeoutSeconds', 'timeout']]) {
      if (typeof p[field] === 'number') {
        this.use('cdk8s', 'Duration');
        options.push(`${prop}: Duration.seconds(${p[field]})`);
      }
    }
    for (const field of ['failureThreshold', 'successThreshold']) if (typeof p[field] === 'number') options.push(`${field}: ${p[field]}`);
    const opts = options.length ? `{ ${options.join(', ')} }` : '';
    this.use('cdk8s-statefun', 'FunctionProbe');
    if (isObject(p.httpGet) && typeof p.httpGet.path === 'string') return `FunctionProbe.httpGet(${lit(p.httpGet.path)}${opts ? `, ${opts}` : ''})`;
    if (isObject(p.tcpSocket)) return `FunctionProbe.tcpSocket(${opts})`;
    this.notExpressed.push(`Deployment ${name} readiness probe ${lit(p)}: only HTTP GET and TCP probes are imported`);
    return undefined;
  }

  /**
   * `spec.<role>.resources` (a Kubernetes ResourceRequirements, operator 1.16) → FlinkProcessResources with
   * `limits` (lib/flink-process-rendering.ts renders them back). The requests need cpu and memory; other
   * resource names, and quantities without an exact Cpu/Size, are reported and the library default applies.
   */
  private processResources(role: string, rs: unknown): string | undefined {
    const field = `spec.${role}.resources`;
    const requests: Json = isObject(rs) && isObject(rs.requests) ? rs.requests : {};
    const limits: Json | undefined = isObject(rs) && isObject(rs.limits) ? rs.limits : undefined;
    const unknown = isObject(rs) ? Object.keys(rs).filter((k) => k !== 'requests' && k !== 'limits') : [];
    const parts = (q: Json, where: string): string[] | undefined => {
      const out: string[] = [];
      for (const [k, v] of Object.entries(q)) {
        const prop = ({ 'cpu': 'cpu', 'memory': 'memory', 'ephemeral-storage': 'ephemeralStorage' } as Json)[k];
        const expr = k === 'cpu' ? cpuExpr(v) : prop ? sizeExpr(v) : undefined;
        if (!expr) {
          this.notExpressed.push(`${field}.${where}.${k} = ${lit(v)}: ${prop ? 'not an exact Cpu/Size quantity' : 'no FlinkProcessResources prop (cpu, memory, ephemeral-storage)'}; the library default ${lit(FLINK_DEFAULTS[role as 'jobManager'])} applies`);
          return undefined;
        }
        out.push(`${prop}: ${expr}`);
      }
      return out;
    };
    if (unknown.length > 0) {
      this.notExpressed.push(`${field} ${unknown.join(', ')}: not imported; the library default ${lit(FLINK_DEFAULTS[role as 'jobManager'])} applies`);
      return undefined;
    }
    if (requests.cpu === undefined || requests.memory === undefined) {
      this.notExpressed.push(`${field}.requests = ${lit(requests)}: the app sizes the process from requests cpu and memory; the library default ${lit(FLINK_DEFAULTS[role as 'jobManager'])} applies`);
      return undefined;
    }
    const req = parts(requests, 'requests');
    const lim = limits ? parts(limits, 'limits') : [];
    if (!req || !lim) return undefined;
    this.use('cdk8s', 'Size');
    this.use('cdk8s-plus-27', 'Cpu');
    return `{ ${[...req, ...(lim.length > 0 ? [`limits: { ${lim.join(', ')} }`] : [])].join(', ')} }`;
  }

  /** Container resources as cdk8s-plus ContainerResources (millicores and MiB), or undefined if not expressible. */
  private functionResources(res: Json): string | undefined {
    const cpu = (v: unknown) => {
      const m = /^(\d+)m$/.exec(String(v));
      if (m) return `Cpu.millis(${m[1]})`;
      return /^\d+$/.test(String(v)) ? `Cpu.units(${v})` : undefined;
    };
    const mem = (v: unknown) => {
      const m = /^(\d+)(Mi|Gi)$/.exec(String(v));
      return m ? `Size.${m[2] === 'Mi' ? 'mebibytes' : 'gibibytes'}(${m[1]})` : undefined;
    };
    const parts: string[] = [];
    for (const [key, render] of [['cpu', cpu], ['memory', mem]] as const) {
      const request = res.requests?.[key];
      const limit = res.limits?.[key];
      if (request === undefined && limit === undefined) continue;
      const r = request !== undefined ? render(request) : undefined;
      const l = limit !== undefined ? render(limit) : undefined;
      if ((request !== undefined && !r) || (limit !== undefined && !l)) return undefined;
      parts.push(`${key}: { ${[r ? `request: ${r}` : '', l ? `limit: ${l}` : ''].filter(Boolean).join(', ')} }`);
    }
    this.use('cdk8s-plus-27', 'Cpu');
    this.use('cdk8s', 'Size');
    return `{ ${parts.join(', ')} }`;
  }

  /** The Prometheus Operator objects StateFunApp renders (PodMonitor, PrometheusRule, ServiceMonitors) → its prop. */
  private prometheusOperator(_spec: Json, name: string): string | undefined {
    const ns = this.fd.metadata?.namespace;
    const sameNs = (o: Json) => (o.metadata?.namespace ?? ns) === ns;
    const podMonitor = this.manifests.find((o) => o.kind === 'PodMonitor' && o.metadata?.name === `${name}-flink` && sameNs(o));
    const rule = this.manifests.find((o) => o.kind === 'PrometheusRule' && o.metadata?.name === `${name}-statefun` && sameNs(o));
    const serviceMonitors = this.manifests.filter((o) => o.kind === 'ServiceMonitor' && o.spec?.selector?.matchLabels?.['app.kubernetes.io/part-of'] === name && sameNs(o));
    const all = [podMonitor, rule, ...serviceMonitors].filter((o): o is Json => o !== undefined);
    if (all.length === 0) return undefined;
    all.forEach((o) => this.covered.add(o));
    const options: string[] = [];
    if (!podMonitor) options.push('podMonitor: false');
    if (!rule) options.push('alerts: false');
    if (serviceMonitors.length === 0) options.push('serviceMonitors: false');
    const labels = all[0].metadata?.labels;
    if (isObject(labels) && Object.keys(labels).length > 0) options.push(`labels: { ${Object.entries(labels).map(([k, v]) => `${lit(k)}: ${lit(v)}`).join(', ')} }`);
    const interval = (podMonitor?.spec?.podMetricsEndpoints?.[0] ?? serviceMonitors[0]?.spec?.endpoints?.[0])?.interval;
    const seconds = typeof interval === 'string' ? /^(\d+)s$/.exec(interval) : null;
    if (seconds) {
      this.use('cdk8s', 'Duration');
      options.push(`scrapeInterval: Duration.seconds(${seconds[1]})`);
    } else if (interval !== undefined) {
      this.notExpressed.push(`scrape interval ${lit(interval)}: only whole seconds are imported; the Prometheus default applies`);
    }
    // The function NetworkPolicy admits Prometheus from its namespace (prometheusNamespace).
    const policies = this.manifests.filter((o) => o.kind === 'NetworkPolicy' && sameNs(o));
    for (const p of policies) {
      for (const rule2 of list(p.spec?.ingress)) {
        const from = list(rule2.from).find((f) => isObject(f.namespaceSelector?.matchLabels));
        const promNs = from?.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
        if (typeof promNs === 'string') {
          options.push(`prometheusNamespace: ${lit(promNs)}`);
          return `{ ${options.join(', ')} }`;
        }
      }
    }
    return `{ ${options.join(', ')} }`;
  }

  private serviceAccount(spec: Json, name: string): void {
    const saName = spec.serviceAccount;
    const own = `${name}-flink`;
    const sa = this.manifests.find((o) => o.kind === 'ServiceAccount' && o.metadata?.name === saName);
    if (sa) {
      this.covered.add(sa);
      for (const kind of ['Role', 'RoleBinding']) {
        const o = this.manifests.find((x) => x.kind === kind && x.metadata?.name === saName);
        if (o) this.covered.add(o);
      }
    }
    if (!sa && saName === own) {
      this.changes.push(`ServiceAccount ${own}: not among the input; the app creates it with the Role and RoleBinding the operator's JobManager needs`);
    }
    if (saName !== own) {
      this.changes.push(`spec.serviceAccount = ${saName === undefined ? '(not set)' : lit(saName)}: the app creates ServiceAccount ${own} with the Role the operator's JobManager needs${saName !== undefined && !sa ? ` (pass serviceAccount: ServiceAccount.fromServiceAccountName(chart, 'sa', ${lit(saName)}) to keep using yours)` : ''}`);
    }
  }

  /** `flinkPods` from the role pod templates (lib/cli/import-placement.ts); what it cannot read is listed. */
  private flinkPods(spec: Json, name: string): ImportedFlinkPods {
    const pods = importFlinkPods(spec, { [APP_LABEL]: name });
    if (pods.code) {
      this.use('cdk8s-statefun', ...pods.statefunImports);
      if (pods.cdk8sImports.length > 0) this.use('cdk8s', ...pods.cdk8sImports);
    }
    this.notExpressed.push(...pods.notImported);
    this.sharedPlacementFields = pods.sharedPlacementFields;
    if (pods.sharedPlacementFields.length > 0) {
      this.changes.push(`spec.podTemplate.spec ${pods.sharedPlacementFields.join(', ')}: written into the JobManager and TaskManager pod templates (flinkPods placement), where the library renders scheduling; the operator merges either into the same pods`);
    }
    return pods;
  }

  /**
   * A function's placement (lib/function-pods.ts): the scheduling fields of its pod spec, except the spread
   * RemoteFunction writes by default (one per node, ScheduleAnyway). Returns the prop and the fields read.
   */
  private functionPlacement(podSpec: Json, selector: unknown): { code?: string; imported: string[] } {
    const self: Record<string, string> = isObject(selector) ? selector : {};
    const defaultSpread = [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: self } }];
    const isDefault = canonical(podSpec.topologySpreadConstraints) === canonical(defaultSpread);
    const p = importPlacement(podSpec, self, isDefault ? ['topologySpreadConstraints'] : []);
    const fields = ['nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'priorityClassName'];
    const imported = fields.filter((f) => podSpec[f] !== undefined && !p.notImported.includes(f));
    if (p.code) {
      this.use('cdk8s-statefun', ...p.statefunImports);
      if (p.cdk8sImports.length > 0) this.use('cdk8s', ...p.cdk8sImports);
    }
    return { code: p.code, imported };
  }

  private podTemplate(spec: Json, main: Json | undefined): void {
    const mounts = list(main?.volumeMounts);
    const volumes = list(spec.podTemplate?.spec?.volumes);
    for (const vm of mounts) {
      if (vm === this.moduleMount) continue;
      // A Secret the module's ${dir:/opt/flink-secrets/<secret>:<key>} placeholders read: the app mounts it (PodFile.fromSecret layout).
      const secret = volumes.find((v) => v.name === vm.name)?.secret?.secretName;
      if (typeof secret === 'string' && normalize(String(vm.mountPath)) === `${SECRET_FILES_ROOT}/${secret}`
        && typeof this.files[this.v.moduleFile] === 'string' && this.files[this.v.moduleFile].includes(`\${dir:${SECRET_FILES_ROOT}/${secret}:`)) continue;
      if (normalize(String(vm.mountPath)).startsWith('/opt/flink/conf')) {
        this.changes.push(`volumeMount ${vm.name} at ${lit(vm.mountPath)}: dropped: nothing is mounted over Flink's configuration directory /opt/flink/conf`);
      } else {
        this.notExpressed.push(`volumeMount ${vm.name} at ${lit(vm.mountPath)}: not imported (the library renders the pod templates)`);
      }
    }
    const env = list(main?.env).filter((e) => !this.coveredEnv.has(e.name));
    if (env.length > 0) this.notExpressed.push(`flink-main-container env ${env.map((e) => e.name).join(', ')}: not imported`);
    const podSpec = spec.podTemplate?.spec;
    const extra = isObject(podSpec) ? Object.keys(podSpec).filter((k) => !FLINK_POD_FIELDS.includes(k) && k !== 'imagePullSecrets' && !this.sharedPlacementFields.includes(k)).sort() : [];
    if (extra.length > 0) this.notExpressed.push(`spec.podTemplate.spec ${extra.join(', ')}: not imported (set them with the flinkPods prop)`);
    if (spec.securityContext === undefined && spec.podTemplate?.spec?.securityContext === undefined) {
      this.changes.push('spec.podTemplate.spec.securityContext: the app hardens the pods (runAsNonRoot, seccomp RuntimeDefault, no privilege escalation, capabilities dropped)');
    }
  }
}

/** Writes the files of an import result into a folder (created if missing). @internal */
export function writeImport(result: ImportResult, outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(result.files)) {
    fs.writeFileSync(path.join(outDir, name), text);
    written.push(path.join(outDir, name));
  }
  return written;
}
