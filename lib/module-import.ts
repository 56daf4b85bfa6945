import * as fs from 'fs';
import { Construct } from 'constructs';
import { describeProblem, Problem, ProblemError } from './errors';
import { checkArgs } from './guard-schemas';
import { HTTP_ENDPOINT_KIND, HTTP_ENDPOINT_V1_KIND, HttpEndpoint, HttpEndpointOptions, httpEndpointProblems, readHttpEndpointSpec } from './http-endpoint';
import { KAFKA_EGRESS_KIND, KafkaEgress, KafkaEgressOptions, kafkaEgressProblems, readKafkaEgressSpec } from './kafka-egress';
import { KAFKA_INGRESS_KIND, KafkaIngress, KafkaIngressOptions, kafkaIngressProblems, readKafkaIngressSpec } from './kafka-ingress';
import { KINESIS_EGRESS_KIND, KinesisEgress, KinesisEgressOptions, kinesisEgressProblems, readKinesisEgressSpec } from './kinesis-egress';
import { KINESIS_INGRESS_KIND, KinesisIngress, KinesisIngressOptions, kinesisIngressProblems, readKinesisIngressSpec } from './kinesis-ingress';
import { ModuleComponent } from './module-component';
import { closest, describe, isMapping, SpecReader } from './module-spec-reader';
import type { StateFunApp } from './statefun-app';
import { patternsOverlap } from './type-name';
import { yamlLibrary } from './yaml-library';

/** The layout of an imported module.yaml. */
export enum ModuleFormat {
  /** A YAML stream of `kind`/`spec` documents (what the library writes). */
  MULTI_DOCUMENT = 'multi-document',
  /** The deprecated single-root `version: "3.0"` layout of Apache StateFun 3.0. */
  LEGACY_V3_0 = 'legacy-3.0',
}

/** Options of `ModuleImport`. */
export interface ModuleImportOptions {
  /**
   * Accept `exactly-once` Kafka egresses despite the runtime's transactional-id-prefix gap
   * (see `KafkaExactlyOnceOptions.acceptMissingTransactionalIdPrefix`).
   * @default false - an exactly-once egress is reported as a problem
   */
  readonly acceptMissingTransactionalIdPrefix?: boolean;
}

/** Options of `ImportedModule.addTo`. */
export interface AddImportedModuleOptions {
  /**
   * Create the imported endpoints. Turn off when the functions move to `RemoteFunction`s, which
   * register endpoints of their own (two endpoints for one function type are refused).
   * @default true
   */
  readonly endpoints?: boolean;
  /**
   * The imported endpoints' Services are deployed outside this cdk8s app (see
   * `HttpEndpointProps.servedOutsideApp`).
   * @default false
   */
  readonly endpointsServedOutsideApp?: boolean;
}

type Entry =
  | { readonly kind: 'http'; readonly options: HttpEndpointOptions }
  | { readonly kind: 'kafka-ingress'; readonly options: KafkaIngressOptions }
  | { readonly kind: 'kafka-egress'; readonly options: KafkaEgressOptions }
  | { readonly kind: 'kinesis-ingress'; readonly options: KinesisIngressOptions }
  | { readonly kind: 'kinesis-egress'; readonly options: KinesisEgressOptions };

/** A problem of an imported module and where it is: `document 2 (io.statefun.kafka.v1/ingress 'a/b')`, `legacy module`. @internal */
export interface LocatedProblem {
  readonly location: string;
  readonly problem: Problem;
  /** The text, when it is not `location: field = value: why. Fix: fix`. */
  readonly text?: string;
}

function problemText(p: LocatedProblem): string {
  return p.text ?? `${p.location}: ${describeProblem(p.problem)}`;
}

/** A spec to read: where it came from and its kind, after legacy aliases. */
interface RawComponent {
  readonly location: string;
  readonly kind: string;
  readonly spec: unknown;
  /** Legacy `meta.id`, copied into `spec.id` like the runtime does. */
  readonly legacyId?: unknown;
}

const KNOWN_KINDS = [HTTP_ENDPOINT_KIND, HTTP_ENDPOINT_V1_KIND, KAFKA_INGRESS_KIND, KAFKA_EGRESS_KIND, KINESIS_INGRESS_KIND, KINESIS_EGRESS_KIND];

/** Kind aliases of the legacy 3.0 layout. */
const LEGACY_ALIASES: { [kind: string]: string } = {
  'http': HTTP_ENDPOINT_V1_KIND,
  'io.statefun.kafka/ingress': KAFKA_INGRESS_KIND,
  'io.statefun.kafka/egress': KAFKA_EGRESS_KIND,
  'io.statefun.kinesis/ingress': KINESIS_INGRESS_KIND,
  'io.statefun.kinesis/egress': KINESIS_EGRESS_KIND,
};

/** Prop names that differ from module.yaml field names, to report problems in the file's terms. */
const FIELD_NAMES: { [kind: string]: { [prop: string]: string } } = {
  'http': {
    'url': 'urlPathTemplate',
    'transport.callTimeout': 'transport.timeouts.call',
    'transport.connectTimeout': 'transport.timeouts.connect',
    'transport.readTimeout': 'transport.timeouts.read',
    'transport.writeTimeout': 'transport.timeouts.write',
    'transport.poolTtl': 'transport.pool_ttl',
    'transport.poolSize': 'transport.pool_size',
    'transport.payloadMaxSize': 'transport.payload_max_bytes',
    'transport.trustCaCerts': 'transport.trust_cacerts',
    'transport.clientCert': 'transport.client_cert',
    'transport.clientKey': 'transport.client_key',
    'transport.clientKeyPasswordFile': 'transport.client_key_password',
  },
  'kafka-ingress': { ingressId: 'id', autoOffsetReset: 'autoOffsetResetPosition' },
  'kafka-egress': { egressId: 'id' },
  'kinesis-ingress': {
    'ingressId': 'id',
    'region.regionId': 'awsRegion.id',
    'region': 'awsRegion',
    'credentials': 'awsCredentials',
    'valueType': 'streams[0].valueType',
    'targets': 'streams[0].targets',
    'streamName': 'streams[0].stream',
  },
  'kinesis-egress': { 'egressId': 'id', 'region.regionId': 'awsRegion.id', 'region': 'awsRegion', 'credentials': 'awsCredentials' },
};

/**
 * Reads an existing `module.yaml` — the multi-document format or the legacy single-root
 * `version: "3.0"` one — into the typed model, so a module written by hand or for Apache StateFun
 * becomes constructs. Everything the runtime would ignore or reject is reported, with what to write
 * instead: unknown fields, the deployment guides' wrong spellings, durations in number-only fields.
 */
export class ModuleImport {
  /**
   * Reads module.yaml text; throws listing every problem, if any.
   */
  public static fromYaml(text: string, options: ModuleImportOptions = {}): ImportedModule {
    checkArgs('ModuleImport.fromYaml', text, options);
    const imported = ModuleImport.parse(text, options);
    imported._throwIfProblems();
    return imported;
  }

  /** Reads a module.yaml file; throws listing every problem, if any. */
  public static fromFile(path: string, options: ModuleImportOptions = {}): ImportedModule {
    checkArgs('ModuleImport.fromFile', path, options);
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch (e: any) {
      throw new ProblemError(`module.yaml cannot be imported: ${JSON.stringify(path)} cannot be read (${e?.code ?? e?.message ?? e}). Fix: pass the path of an existing module.yaml (relative paths resolve from ${process.cwd()})`);
    }
    return ModuleImport.fromYaml(text, options);
  }

  /** Reads module.yaml text without throwing: check `problems` (e.g. to list them all in a migration report). */
  public static parse(text: string, options: ModuleImportOptions = {}): ImportedModule {
    checkArgs('ModuleImport.parse', text, options);
    const problems: LocatedProblem[] = [];
    const { format, components } = splitComponents(text, problems);
    const entries: Entry[] = [];
    const labels: string[] = [];
    for (const c of components) {
      const result = readComponent(c, options);
      if (result.problems.length > 0) {
        problems.push(...result.problems.map((p) => ({ location: result.label, problem: p })));
      }
      if (result.entry) {
        entries.push(result.entry);
        labels.push(result.label);
      }
    }
    problems.push(...crossProblems(entries, labels));
    if (components.length === 0 && problems.length === 0) {
      const why = 'StateFun refuses to start without an ingress and an endpoint ("There are no ingress defined.")';
      const fix = "pass the text of module.yaml (for a ConfigMap, its data['module.yaml'])";
      problems.push({ location: 'module', problem: { field: '(components)', value: [], why, fix }, text: `module: no components: ${why}. Fix: ${fix}` });
    }
    return ImportedModule._create(format, entries, problems.map(problemText), problems);
  }

  private constructor() {}
}

/** A module.yaml read into the typed model. Create its constructs with `addTo`. */
export class ImportedModule {
  /** @internal */
  public static _create(format: ModuleFormat, entries: Entry[], problems: string[], located: LocatedProblem[] = []): ImportedModule {
    const imported = new ImportedModule(format, entries, problems);
    imported._located = located;
    return imported;
  }

  /** The problems with where in the file they are (document, component), for the last gate. @internal */
  public _located: LocatedProblem[] = [];

  private constructor(
    /** The layout the text was written in. */
    public readonly format: ModuleFormat,
    private readonly entries: Entry[],
    /** Everything the runtime would ignore or reject, one line each (empty when the import is clean). */
    public readonly problems: string[],
  ) {}

  /** The HTTP endpoints (legacy `v1` endpoints become OkHttp endpoints). */
  public get httpEndpoints(): HttpEndpointOptions[] {
    return this.of('http') as HttpEndpointOptions[];
  }

  /** The Kafka ingresses. */
  public get kafkaIngresses(): KafkaIngressOptions[] {
    return this.of('kafka-ingress') as KafkaIngressOptions[];
  }

  /** The Kafka egresses. */
  public get kafkaEgresses(): KafkaEgressOptions[] {
    return this.of('kafka-egress') as KafkaEgressOptions[];
  }

  /** The Kinesis ingresses. */
  public get kinesisIngresses(): KinesisIngressOptions[] {
    return this.of('kinesis-ingress') as KinesisIngressOptions[];
  }

  /** The Kinesis egresses. */
  public get kinesisEgresses(): KinesisEgressOptions[] {
    return this.of('kinesis-egress') as KinesisEgressOptions[];
  }

  /**
   * Creates the components under `scope` in `app`'s module, in document order. Construct ids are
   * derived from the component ids (e.g. `KafkaIngress-example.orders`).
   */
  public addTo(scope: Construct, app: StateFunApp, options: AddImportedModuleOptions = {}): ModuleComponent[] {
    checkArgs('ImportedModule.addTo', scope, app, options);
    this._throwIfProblems();
    const created: ModuleComponent[] = [];
    const used = new Set<string>();
    const uniqueId = (base: string) => {
      let id = base;
      for (let i = 2; used.has(id) || scope.node.tryFindChild(id); i++) id = `${base}-${i}`;
      used.add(id);
      return id;
    };
    for (const e of this.entries) {
      switch (e.kind) {
        case 'http':
          if (options.endpoints === false) break;
          created.push(new HttpEndpoint(scope, uniqueId(`HttpEndpoint-${constructIdPart(e.options.functions)}`), { ...e.options, app, servedOutsideApp: options.endpointsServedOutsideApp }));
          break;
        case 'kafka-ingress':
          created.push(new KafkaIngress(scope, uniqueId(`KafkaIngress-${constructIdPart(e.options.ingressId)}`), { ...e.options, app }));
          break;
        case 'kafka-egress':
          created.push(new KafkaEgress(scope, uniqueId(`KafkaEgress-${constructIdPart(e.options.egressId)}`), { ...e.options, app }));
          break;
        case 'kinesis-ingress':
          created.push(new KinesisIngress(scope, uniqueId(`KinesisIngress-${constructIdPart(e.options.ingressId)}`), { ...e.options, app }));
          break;
        case 'kinesis-egress':
          created.push(new KinesisEgress(scope, uniqueId(`KinesisEgress-${constructIdPart(e.options.egressId)}`), { ...e.options, app }));
          break;
      }
    }
    return created;
  }

  /** @internal */
  public _throwIfProblems(): void {
    if (this.problems.length === 0) return;
    throw new ProblemError(`module.yaml cannot be imported (${this.problems.length} problem${this.problems.length === 1 ? '' : 's'}):\n  ${this.problems.join('\n  ')}`);
  }

  private of(kind: Entry['kind']): unknown[] {
    return this.entries.filter((e) => e.kind === kind).map((e) => e.options);
  }
}

function constructIdPart(id: string): string {
  return String(id).replace(/\//g, '.');
}

/** Splits the text into component specs, detecting the legacy layout like the runtime does. */
function splitComponents(text: string, problems: LocatedProblem[]): { format: ModuleFormat; components: RawComponent[] } {
  // YAML 1.1, like the runtime's parser: `yes`/`on` are booleans, unquoted timestamps are dates.
  const docs = yamlLibrary().parseAllDocuments(typeof text === 'string' ? text : '', { version: '1.1', uniqueKeys: true });
  const values: Array<{ index: number; value: unknown }> = [];
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      const why = `YAML syntax error: ${doc.errors[0].message.split('\n')[0].replace(/:\s*$/, '')}`;
      const fix = 'correct the YAML (indentation, quoting)';
      problems.push({ location: `document ${i + 1}`, problem: { field: '(document)', value: undefined, why, fix }, text: `document ${i + 1}: ${why}. Fix: ${fix}` });
      return;
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) values.push({ index: i + 1, value });
  });
  if (values.length === 1 && isMapping(values[0].value) && 'version' in values[0].value) {
    return { format: ModuleFormat.LEGACY_V3_0, components: legacyComponents(values[0].value, problems) };
  }
  const components: RawComponent[] = [];
  for (const { index, value } of values) {
    const location = `document ${index}`;
    if (!isMapping(value)) {
      problems.push({ location: location, problem: { field: '(document)', value: describe(value), why: 'each document is a mapping with kind and spec', fix: 'write kind: <component kind> and spec: { ... }' } });
      continue;
    }
    if (value.apiVersion !== undefined && value.kind === 'ConfigMap') {
      problems.push({ location: location, problem: { field: 'kind', value: 'ConfigMap', why: 'this is a Kubernetes ConfigMap, not module.yaml', fix: "pass the text of its data['module.yaml']" } });
      continue;
    }
    if ('version' in value || 'module' in value) {
      problems.push({ location: location, problem: { field: 'version', value: describe(value.version), why: 'the legacy version: "3.0" layout is read only when it is the only document of the file', fix: 'import it as its own file, or convert it to kind/spec documents' } });
      continue;
    }
    const extra = Object.keys(value).filter((k) => k !== 'kind' && k !== 'spec');
    for (const k of extra) {
      problems.push({ location: location, problem: { field: k, value: describe(value[k]), why: 'a module document has exactly the keys kind and spec; anything else is ignored', fix: k === 'id' || k === 'meta' ? 'move the id into spec.id' : 'move it into spec or remove it' } });
    }
    if (typeof value.kind !== 'string' || value.spec === undefined || value.spec === null) {
      problems.push({ location: location, problem: { field: value.kind === undefined || typeof value.kind !== 'string' ? 'kind' : 'spec', value: typeof value.kind === 'string' ? undefined : describe(value.kind), why: 'each document requires the fields [kind] and [spec]', fix: `write kind: <one of ${KNOWN_KINDS.join(', ')}> and spec: { ... }` } });
      continue;
    }
    components.push({ location, kind: value.kind, spec: value.spec });
  }
  return { format: ModuleFormat.MULTI_DOCUMENT, components };
}

/** The legacy layout: module.spec.{endpoints[].endpoint, ingresses[].ingress, egresses[].egress}. */
function legacyComponents(root: Record<string, unknown>, problems: LocatedProblem[]): RawComponent[] {
  const report = (field: string, value: unknown, why: string, fix: string) => problems.push({ location: 'legacy module', problem: { field, value: describe(value), why, fix } });
  const version = root.version;
  if (typeof version !== 'string') {
    report('version', version, 'the version is a string', 'write version: "3.0" (quoted)');
  } else if (version !== '3.0') {
    report('version', version, version === '1.0' || version === '2.0'
      ? 'the runtime reads only format versions higher than or equal to 3.0'
      : 'the runtime reads only the 3.0 legacy layout ("Unrecognized format version")', 'convert the module to version "3.0", or better to kind/spec documents (what this library writes)');
    return [];
  }
  for (const k of Object.keys(root)) {
    if (k !== 'version' && k !== 'module') report(k, root[k], 'unknown top-level key of the legacy layout; ignored', 'remove it');
  }
  const module = root.module;
  if (!isMapping(module)) {
    report('module', module, 'the legacy layout needs module: { meta: { type: remote }, spec: { ... } }', 'add the module mapping');
    return [];
  }
  const meta = module.meta;
  const type = isMapping(meta) ? meta.type : undefined;
  if (typeof type !== 'string' || type.toLowerCase() !== 'remote') {
    report('module.meta.type', type, 'only remote modules can be read from YAML', 'write module.meta.type: remote');
  }
  if (!isMapping(module.spec)) {
    report('module.spec', module.spec, 'required', 'add module.spec with endpoints, ingresses and egresses');
    return [];
  }
  const spec = module.spec;
  const components: RawComponent[] = [];
  for (const k of Object.keys(spec)) {
    if (!['endpoints', 'ingresses', 'egresses'].includes(k)) report(`module.spec.${k}`, spec[k], 'unknown key of the legacy layout; ignored', 'remove it (known: endpoints, ingresses, egresses)');
  }
  const section = (list: string, item: string, kindKey: 'kind' | 'type') => {
    const items = spec[list];
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) {
      report(`module.spec.${list}`, items, 'expected a list', `write '- ${item}: { meta: ..., spec: ... }' entries`);
      return;
    }
    items.forEach((wrapper, i) => {
      const location = `module.spec.${list}[${i}]`;
      const inner = isMapping(wrapper) ? wrapper[item] : undefined;
      if (!isMapping(inner) || !isMapping(inner.meta)) {
        report(location, wrapper, `each entry is ${item}: { meta: { ${kindKey}${kindKey === 'type' ? ', id' : ''} }, spec: { ... } }`, `wrap it as '- ${item}: { meta: ..., spec: ... }'`);
        return;
      }
      const rawKind = inner.meta[kindKey];
      if (typeof rawKind !== 'string') {
        report(`${location}.${item}.meta.${kindKey}`, rawKind, 'required', `write meta.${kindKey}: <component kind>`);
        return;
      }
      components.push({ location, kind: LEGACY_ALIASES[rawKind] ?? rawKind, spec: inner.spec, legacyId: kindKey === 'type' ? inner.meta.id : undefined });
    });
  };
  section('endpoints', 'endpoint', 'kind');
  section('ingresses', 'ingress', 'type');
  section('egresses', 'egress', 'type');
  return components;
}

/** Reads one component spec, then runs the construct's own checks on the result. */
function readComponent(c: RawComponent, options: ModuleImportOptions): { label: string; entry?: Entry; problems: Problem[] } {
  const spec = isMapping(c.spec) && c.legacyId !== undefined ? { ...c.spec, id: c.legacyId } : c.spec;
  const name = isMapping(spec) ? spec.id ?? spec.functions : undefined;
  const label = `${c.location} (${c.kind}${typeof name === 'string' ? ` '${name}'` : ''})`;
  const problems: Problem[] = [];
  if (!/^[^/\s]+\/[^/\s]+$/.test(c.kind)) {
    problems.push({ field: 'kind', value: c.kind, why: 'invalid binder kind format: a kind is <namespace>/<name>', fix: `write one of ${KNOWN_KINDS.join(', ')}` });
    return { label, problems };
  }
  if (!KNOWN_KINDS.includes(c.kind)) {
    const alias = LEGACY_ALIASES[c.kind];
    const near = alias ?? closest(c.kind, KNOWN_KINDS);
    problems.push({
      field: 'kind',
      value: c.kind,
      why: `the runtime has no such component ("An extension with type ${c.kind} does not exist.")${alias ? '; this alias exists only in the legacy version: "3.0" layout' : ''}`,
      fix: near ? `write kind: ${near}` : `use one of ${KNOWN_KINDS.join(', ')}${c.kind.includes('protobuf') ? ' (protobuf ingresses were removed: use io.statefun.kafka.v1/ingress with a valueType)' : ''}`,
    });
    return { label, problems };
  }
  const r = SpecReader.of('spec', spec, problems);
  if (!r) return { label, problems };
  let entry: Entry;
  let own: Problem[];
  switch (c.kind) {
    case HTTP_ENDPOINT_KIND:
    case HTTP_ENDPOINT_V1_KIND: {
      const o = readHttpEndpointSpec(r, c.kind === HTTP_ENDPOINT_V1_KIND);
      entry = { kind: 'http', options: o };
      own = httpEndpointProblems(o);
      break;
    }
    case KAFKA_INGRESS_KIND: {
      const o = readKafkaIngressSpec(r);
      entry = { kind: 'kafka-ingress', options: o };
      own = kafkaIngressProblems(o);
      break;
    }
    case KAFKA_EGRESS_KIND: {
      const o = readKafkaEgressSpec(r, options.acceptMissingTransactionalIdPrefix === true);
      entry = { kind: 'kafka-egress', options: o };
      own = kafkaEgressProblems(o);
      break;
    }
    case KINESIS_INGRESS_KIND: {
      const o = readKinesisIngressSpec(r);
      entry = { kind: 'kinesis-ingress', options: o };
      own = kinesisIngressProblems(o, '*');
      break;
    }
    default: {
      const o = readKinesisEgressSpec(r);
      entry = { kind: 'kinesis-egress', options: o };
      own = kinesisEgressProblems(o, '*');
    }
  }
  // The construct checks speak in prop names; report them in the file's field names, once per field.
  const names = FIELD_NAMES[entry.kind];
  const reported = problems.map((p) => p.field);
  for (const p of own) {
    const field = `spec.${rename(p.field, names)}`;
    if (reported.some((f) => field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`) || f.startsWith(`${field}.`) || f.startsWith(`${field}[`))) continue;
    problems.push({ ...p, field });
  }
  return { label, entry, problems };
}

function rename(field: string, names: { [prop: string]: string }): string {
  const keys = Object.keys(names).sort((a, b) => b.length - a.length);
  for (const k of keys) {
    if (field === k || field.startsWith(`${k}.`) || field.startsWith(`${k}[`) || field.startsWith(`${k} `)) return names[k] + field.slice(k.length);
  }
  return field;
}

/** Problems between documents: the runtime's duplicate bindings and overlapping endpoints. */
function crossProblems(entries: Entry[], labels: string[]): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const seen = new Map<string, string>();
  entries.forEach((e, i) => {
    if (e.kind === 'http') {
      const pattern = e.options.functions;
      if (typeof pattern !== 'string') return;
      entries.slice(0, i).forEach((other, j) => {
        if (other.kind !== 'http' || typeof other.options.functions !== 'string' || !patternsOverlap(other.options.functions, pattern)) return;
        problems.push({
          location: labels[i],
          problem: {
            field: 'spec.functions',
            value: pattern,
            why: other.options.functions === pattern
              ? `already served by ${labels[j]}; the runtime fails at startup ("A binding for the key ... was previously defined")`
              : `overlaps '${other.options.functions}' of ${labels[j]}: one function type would have two endpoints`,
            fix: 'serve each function type from exactly one endpoint',
          },
        });
      });
      return;
    }
    const role = e.kind.endsWith('ingress') ? 'ingress' : 'egress';
    const id = role === 'ingress' ? (e.options as { ingressId: string }).ingressId : (e.options as { egressId: string }).egressId;
    if (typeof id !== 'string') return;
    const key = `${role} ${id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ location: labels[i], problem: { field: 'spec.id', value: id, why: `the ${role} id is already used by ${first}; the runtime fails at startup ("A binding for the key ... was previously defined")`, fix: `give every ${role} a unique id` } });
    } else {
      seen.set(key, labels[i]);
    }
  });
  return problems;
}
