import { Duration, Size } from 'cdk8s';
import { RocksDbLocalDirectory, ROCKSDB_VOLUME } from '../flink-pods';
import { ROCKSDB_LOCAL_DIR } from '../pod-files';
import {
  LabelRequirement, NodeAffinityTerm, PlacementTopology, PodAffinityTerm, PodPlacement, PodToleration, renderPlacement,
  TaintEffect, TolerationOperator, TopologySpread, UnsatisfiableConstraintAction,
} from '../pod-scheduling';

/**
 * The inverse of `renderPlacement` (lib/pod-scheduling.ts) for `cdk8s-statefun import`: the scheduling fields
 * of a rendered pod spec (nodeSelector, tolerations, affinity, topologySpreadConstraints, priorityClassName) as a
 * `PodPlacement` literal in TypeScript. The placement read is rendered again and compared with the input: what
 * does not render back the same (e.g. a `matchExpressions` pod selector, several required node selector terms)
 * is not imported, and the caller reports it.
 */

type Json = Record<string, any>;

/** The pod spec fields a placement renders. @internal */
export const PLACEMENT_FIELDS = ['nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'priorityClassName'] as const;

/** A placement read from a pod spec: the TypeScript literal, the value, and the imports the literal needs. @internal */
export interface ImportedPlacement {
  /** `{ nodeSelector: …, … }`, or undefined when the pod spec sets no scheduling field. */
  readonly code?: string;
  readonly placement?: PodPlacement;
  /** The literal's props in PodPlacement order: a literal, or a list's items. */
  readonly items?: Record<string, string | string[]>;
  /** Names to import from cdk8s-statefun (enums and classes the literal uses). */
  readonly statefunImports: string[];
  /** Names to import from cdk8s. */
  readonly cdk8sImports: string[];
  /** The scheduling fields that could not be read so that they render back the same (empty when all could). */
  readonly notImported: string[];
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function lit(v: unknown): string {
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  return JSON.stringify(v);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).filter((k) => v[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

function mapLit(m: Record<string, string>): string {
  return `{ ${Object.keys(m).map((k) => `${lit(k)}: ${lit(m[k])}`).join(', ')} }`;
}

function enumKey(e: Record<string, string>, value: unknown): string | undefined {
  return Object.keys(e).find((k) => e[k] === value);
}

/** The PodPlacement props in the order of the interface. */
const PLACEMENT_PROPS = ['nodeSelector', 'tolerations', 'nodeAffinity', 'podAffinity', 'podAntiAffinity', 'topologySpread', 'priorityClassName'];

/** `{ prop: …, … }` from literal parts, or undefined when there is none. */
function placementLiteral(items: Record<string, string | string[]>): string | undefined {
  const parts = PLACEMENT_PROPS.filter((k) => items[k] !== undefined && !(Array.isArray(items[k]) && items[k].length === 0))
    .map((k) => `${k}: ${Array.isArray(items[k]) ? `[${(items[k] as string[]).join(', ')}]` : items[k]}`);
  return parts.length > 0 ? `{ ${parts.join(', ')} }` : undefined;
}

/**
 * Splits two roles' placements into a shared one and each role's own, the way `combinePlacements` joins them
 * (lists: shared terms first; node selector and priority class: the same value in both roles). Undefined when
 * nothing is shared.
 */
function sharePlacement(jm: Record<string, string | string[]>, tm: Record<string, string | string[]>)
  : { shared: string; jobManager?: string; taskManager?: string } | undefined {
  const shared: Record<string, string | string[]> = {};
  const own = { jm: { ...jm }, tm: { ...tm } };
  for (const k of PLACEMENT_PROPS) {
    const a = jm[k];
    const b = tm[k];
    if (a === undefined || b === undefined) continue;
    if (Array.isArray(a) && Array.isArray(b)) {
      let n = 0;
      while (n < a.length && n < b.length && a[n] === b[n]) n++;
      if (n === 0) continue;
      shared[k] = a.slice(0, n);
      own.jm[k] = a.slice(n);
      own.tm[k] = b.slice(n);
    } else if (a === b) {
      shared[k] = a;
      delete own.jm[k];
      delete own.tm[k];
    }
  }
  const code = placementLiteral(shared);
  return code ? { shared: code, jobManager: placementLiteral(own.jm), taskManager: placementLiteral(own.tm) } : undefined;
}

class Reader {
  public readonly statefun = new Set<string>();
  public readonly cdk8s = new Set<string>();

  constructor(private readonly selfLabels: Record<string, string>) {}

  public topology(key: unknown): [string, PlacementTopology] {
    this.statefun.add('PlacementTopology');
    for (const k of ['HOSTNAME', 'ZONE', 'REGION'] as const) if (PlacementTopology[k].key === key) return [`PlacementTopology.${k}`, PlacementTopology[k]];
    return [`PlacementTopology.custom(${lit(key)})`, PlacementTopology.custom(String(key))];
  }

  /** A pod label selector: omitted when it is the pods' own labels (the default of the term). */
  public podLabels(selector: unknown): [string | undefined, Record<string, string> | undefined] {
    const labels = isObject(selector) ? selector.matchLabels : undefined;
    if (!isObject(labels) || canonical(labels) === canonical(this.selfLabels)) return [undefined, undefined];
    return [`podLabels: ${mapLit(labels)}`, labels];
  }

  public requirement(e: Json): [string, LabelRequirement] {
    this.statefun.add('LabelRequirement');
    const values: string[] = Array.isArray(e.values) ? e.values.map(String) : [];
    switch (e.operator) {
      case 'In': return values.length === 1
        ? [`LabelRequirement.is(${lit(e.key)}, ${lit(values[0])})`, LabelRequirement.is(e.key, values[0])]
        : [`LabelRequirement.in(${lit(e.key)}, ${lit(values)})`, LabelRequirement.in(e.key, values)];
      case 'NotIn': return [`LabelRequirement.notIn(${lit(e.key)}, ${lit(values)})`, LabelRequirement.notIn(e.key, values)];
      case 'DoesNotExist': return [`LabelRequirement.doesNotExist(${lit(e.key)})`, LabelRequirement.doesNotExist(e.key)];
      default: return [`LabelRequirement.exists(${lit(e.key)})`, LabelRequirement.exists(e.key)];
    }
  }

  public toleration(t: Json): [string, PodToleration] {
    const code: string[] = [];
    const value: { -readonly [K in keyof PodToleration]: PodToleration[K] } = {};
    if (typeof t.key === 'string') { code.push(`key: ${lit(t.key)}`); value.key = t.key; }
    const op = enumKey(TolerationOperator as any, t.operator);
    if (op && op !== 'EQUAL') { this.statefun.add('TolerationOperator'); code.push(`operator: TolerationOperator.${op}`); value.operator = (TolerationOperator as any)[op]; }
    if (typeof t.value === 'string') { code.push(`value: ${lit(t.value)}`); value.value = t.value; }
    const effect = enumKey(TaintEffect as any, t.effect);
    if (effect) { this.statefun.add('TaintEffect'); code.push(`effect: TaintEffect.${effect}`); value.effect = (TaintEffect as any)[effect]; }
    if (typeof t.tolerationSeconds === 'number') { this.cdk8s.add('Duration'); code.push(`evictAfter: Duration.seconds(${t.tolerationSeconds})`); value.evictAfter = Duration.seconds(t.tolerationSeconds); }
    return [`{ ${code.join(', ')} }`, value];
  }

  public podTerms(a: unknown): Array<[string, PodAffinityTerm]> {
    if (!isObject(a)) return [];
    const term = (t: Json, weight: number | undefined): [string, PodAffinityTerm] => {
      const [labelsCode, labels] = this.podLabels(t?.labelSelector);
      const [topoCode, topology] = this.topology(t?.topologyKey);
      const code = [labelsCode, `topology: ${topoCode}`, weight !== undefined ? `weight: ${weight}` : undefined].filter(Boolean);
      return [`{ ${code.join(', ')} }`, { podLabels: labels, topology, weight }];
    };
    const requiredTerms = a.requiredDuringSchedulingIgnoredDuringExecution;
    const required = (Array.isArray(requiredTerms) ? requiredTerms : []).map((t: Json) => term(t, undefined));
    const preferred = (Array.isArray(a.preferredDuringSchedulingIgnoredDuringExecution) ? a.preferredDuringSchedulingIgnoredDuringExecution : [])
      .map((p: Json) => term(p?.podAffinityTerm, p?.weight));
    return [...required, ...preferred];
  }

  public nodeTerms(a: unknown): Array<[string, NodeAffinityTerm]> {
    if (!isObject(a)) return [];
    const out: Array<[string, NodeAffinityTerm]> = [];
    const required = a.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    // renderPlacement writes all required terms as the requirements of one node selector term.
    for (const t of Array.isArray(required) ? required : []) {
      const matches = (Array.isArray(t?.matchExpressions) ? t.matchExpressions : []).map((e: Json) => this.requirement(e));
      out.push([`{ matches: [${matches.map((m: [string, LabelRequirement]) => m[0]).join(', ')}] }`, { matches: matches.map((m: [string, LabelRequirement]) => m[1]) }]);
    }
    for (const p of Array.isArray(a.preferredDuringSchedulingIgnoredDuringExecution) ? a.preferredDuringSchedulingIgnoredDuringExecution : []) {
      const matches = (Array.isArray(p?.preference?.matchExpressions) ? p.preference.matchExpressions : []).map((e: Json) => this.requirement(e));
      out.push([`{ matches: [${matches.map((m: [string, LabelRequirement]) => m[0]).join(', ')}], weight: ${p?.weight} }`, { matches: matches.map((m: [string, LabelRequirement]) => m[1]), weight: p?.weight }]);
    }
    return out;
  }

  public spread(s: Json): [string, TopologySpread] {
    const [topoCode, topology] = this.topology(s.topologyKey);
    const code = [`topology: ${topoCode}`];
    const value: { -readonly [K in keyof TopologySpread]: TopologySpread[K] } = { topology };
    if (typeof s.maxSkew === 'number' && s.maxSkew !== 1) { code.push(`maxSkew: ${s.maxSkew}`); value.maxSkew = s.maxSkew; }
    const when = enumKey(UnsatisfiableConstraintAction as any, s.whenUnsatisfiable);
    if (when && when !== 'SCHEDULE_ANYWAY') {
      this.statefun.add('UnsatisfiableConstraintAction');
      code.push(`whenUnsatisfiable: UnsatisfiableConstraintAction.${when}`);
      value.whenUnsatisfiable = (UnsatisfiableConstraintAction as any)[when];
    }
    const [labelsCode, labels] = this.podLabels(s.labelSelector);
    if (labelsCode) { code.push(labelsCode); value.podLabels = labels; }
    return [`{ ${code.join(', ')} }`, value];
  }
}

/**
 * Reads the scheduling fields of `podSpec` into a `PodPlacement` literal. `selfLabels` are the labels of the
 * pods the placement applies to (the default selector of affinity terms and spread constraints, as in
 * `renderPlacement`); `ignore` lists fields the caller renders otherwise (e.g. a function's default spread).
 * A field is imported only if the placement read renders it back exactly; the others are listed in `notImported`.
 * @internal
 */
export function importPlacement(podSpec: Json, selfLabels: Record<string, string>, ignore: readonly string[] = []): ImportedPlacement {
  const r = new Reader(selfLabels);
  const items: Record<string, string | string[]> = {};
  const placement: { -readonly [K in keyof PodPlacement]: PodPlacement[K] } = {};
  const notImported: string[] = [];
  const present = PLACEMENT_FIELDS.filter((f) => podSpec[f] !== undefined && !ignore.includes(f));
  // Each field is read and checked on its own, so one field that cannot be read does not take the others with it.
  const check = (field: typeof PLACEMENT_FIELDS[number], read: () => [Record<string, string | string[]>, Partial<PodPlacement>]): void => {
    if (!present.includes(field)) return;
    try {
      const [c, p] = read();
      const rendered = renderPlacement(p as PodPlacement, selfLabels) as Json;
      if (canonical(rendered[field]) !== canonical(podSpec[field])) throw new Error('renders differently');
      Object.assign(items, c);
      Object.assign(placement, p);
    } catch {
      notImported.push(field);
    }
  };
  check('nodeSelector', () => {
    const m = isObject(podSpec.nodeSelector) ? podSpec.nodeSelector : {};
    return [{ nodeSelector: mapLit(m) }, { nodeSelector: m }];
  });
  check('tolerations', () => {
    const ts = (Array.isArray(podSpec.tolerations) ? podSpec.tolerations : []).map((t: Json) => r.toleration(t));
    return [{ tolerations: ts.map((t: [string, PodToleration]) => t[0]) }, { tolerations: ts.map((t: [string, PodToleration]) => t[1]) }];
  });
  check('affinity', () => {
    const a: Json = isObject(podSpec.affinity) ? podSpec.affinity : {};
    const c: Record<string, string[]> = {};
    const p: { -readonly [K in keyof PodPlacement]: PodPlacement[K] } = {};
    const node = r.nodeTerms(a.nodeAffinity);
    if (node.length) { c.nodeAffinity = node.map((t) => t[0]); p.nodeAffinity = node.map((t) => t[1]); }
    const pod = r.podTerms(a.podAffinity);
    if (pod.length) { c.podAffinity = pod.map((t) => t[0]); p.podAffinity = pod.map((t) => t[1]); }
    const anti = r.podTerms(a.podAntiAffinity);
    if (anti.length) { c.podAntiAffinity = anti.map((t) => t[0]); p.podAntiAffinity = anti.map((t) => t[1]); }
    return [c, p];
  });
  check('topologySpreadConstraints', () => {
    const ss = (Array.isArray(podSpec.topologySpreadConstraints) ? podSpec.topologySpreadConstraints : []).map((s: Json) => r.spread(s));
    return [{ topologySpread: ss.map((s: [string, TopologySpread]) => s[0]) }, { topologySpread: ss.map((s: [string, TopologySpread]) => s[1]) }];
  });
  check('priorityClassName', () => [{ priorityClassName: lit(podSpec.priorityClassName) }, { priorityClassName: podSpec.priorityClassName }]);
  const code = placementLiteral(items);
  return {
    code,
    items: code ? items : undefined,
    placement: code ? placement : undefined,
    statefunImports: [...r.statefun].sort(),
    cdk8sImports: [...r.cdk8s].sort(),
    notImported,
  };
}

/** Flink's own pod label per role (as in lib/flink-pods.ts, `component`). */
const ROLE_COMPONENT = { jobManager: 'jobmanager', taskManager: 'taskmanager' } as const;

/** A Kubernetes quantity in Ti/Gi/Mi/Ki as a cdk8s Size (the forms `renderQuantity` writes), or undefined. */
function sizeOf(q: unknown): [string, Size] | undefined {
  const m = typeof q === 'string' ? /^(\d+)(Ti|Gi|Mi|Ki)$/.exec(q) : null;
  if (!m) return undefined;
  const unit = ({ Ti: 'tebibytes', Gi: 'gibibytes', Mi: 'mebibytes', Ki: 'kibibytes' } as const)[m[2] as 'Ti' | 'Gi' | 'Mi' | 'Ki'];
  return [`Size.${unit}(${m[1]})`, Size[unit](Number(m[1]))];
}

/** The RocksDB local directory volume as a `RocksDbLocalDirectory` expression, or undefined if it is not one the library renders. */
function rocksDbDirectory(volume: Json): [string, RocksDbLocalDirectory] | undefined {
  if (isObject(volume.emptyDir)) {
    const limit = volume.emptyDir.sizeLimit;
    if (limit === undefined) return ['RocksDbLocalDirectory.emptyDir()', RocksDbLocalDirectory.emptyDir()];
    const s = sizeOf(limit);
    return s ? [`RocksDbLocalDirectory.emptyDir({ sizeLimit: ${s[0]} })`, RocksDbLocalDirectory.emptyDir({ sizeLimit: s[1] })] : undefined;
  }
  const claim = volume.ephemeral?.volumeClaimTemplate?.spec;
  if (!isObject(claim)) return undefined;
  const s = sizeOf(claim.resources?.requests?.storage);
  if (!s) return undefined;
  const cls = claim.storageClassName;
  const code = `RocksDbLocalDirectory.ephemeralVolume({ size: ${s[0]}${typeof cls === 'string' ? `, storageClassName: ${lit(cls)}` : ''} })`;
  return [code, RocksDbLocalDirectory.ephemeralVolume({ size: s[1], storageClassName: typeof cls === 'string' ? cls : undefined })];
}

/** The `flinkPods` prop read from the role pod templates of a FlinkDeployment. @internal */
export interface ImportedFlinkPods {
  /** `{ jobManager: { … }, taskManager: { … } }`, or undefined when the role templates hold nothing the import reads. */
  readonly code?: string;
  /** The TaskManager template holds the library's RocksDB local directory volume (rocksDbLocalDirectory imported). */
  readonly rocksDbLocalDirectory: boolean;
  /** Scheduling fields of `spec.podTemplate.spec` read into the roles' placement. */
  readonly sharedPlacementFields: string[];
  readonly statefunImports: string[];
  readonly cdk8sImports: string[];
  /** One line per role template part that is not imported. */
  readonly notImported: string[];
}

/**
 * Reads `spec.jobManager.podTemplate` and `spec.taskManager.podTemplate` as `StateFunApp`'s `FlinkPodControls`
 * renders them (lib/flink-pods.ts `roleTemplate`): each role's effective placement (written per role; a shared
 * `flinkPods.placement` renders the same as the same terms repeated in both roles), and the TaskManager's
 * RocksDB local directory volume (the shared containers repeated with its mount appended to
 * flink-main-container, the shared volumes plus the volume). Anything else in a role template is listed.
 * `podLabels` are the labels of every Flink pod of the generated app (`cdk8s-statefun/app: <name>`).
 * @internal
 */
export function importFlinkPods(spec: Json, podLabels: Record<string, string>): ImportedFlinkPods {
  const shared: Json = isObject(spec.podTemplate?.spec) ? spec.podTemplate.spec : {};
  const roles: { jobManager: string[]; taskManager: string[] } = { jobManager: [], taskManager: [] };
  const placements: { jobManager?: Record<string, string | string[]>; taskManager?: Record<string, string | string[]> } = {};
  const statefun = new Set<string>();
  const cdk8s = new Set<string>();
  const notImported: string[] = [];
  let rocksDb = false;
  // Scheduling fields of the shared template (hand-written YAML): the operator merges them into both roles' pods,
  // so they are read as each role's placement, where a role template does not set the same field.
  const sharedFields = PLACEMENT_FIELDS.filter((f) => shared[f] !== undefined);
  const fromShared = new Set<string>(sharedFields);
  for (const role of ['jobManager', 'taskManager'] as const) {
    const pick: Json = {};
    sharedFields.forEach((f) => { pick[f] = shared[f]; });
    importPlacement(pick, { ...podLabels, component: ROLE_COMPONENT[role] }).notImported.forEach((f) => fromShared.delete(f));
  }
  sharedFields.filter((f) => !fromShared.has(f)).forEach((f) => notImported.push(`spec.podTemplate.spec ${f}: not imported (it would not render back the same; set flinkPods.placement)`));
  for (const role of ['jobManager', 'taskManager'] as const) {
    const template = spec[role]?.podTemplate;
    if (template === undefined && fromShared.size === 0) continue;
    if (template !== undefined && !isObject(template)) {
      notImported.push(`spec.${role}.podTemplate: not an object; not imported`);
      continue;
    }
    const others = Object.keys(template ?? {}).filter((k) => k !== 'spec');
    if (others.length > 0) notImported.push(`spec.${role}.podTemplate ${others.sort().join(', ')}: not imported (the library renders the pod templates)`);
    const rs: Json = isObject(template?.spec) ? template.spec : {};
    const handled = new Set<string>(PLACEMENT_FIELDS);
    const fields: string[] = [];
    const effective: Json = {};
    for (const f of fromShared) {
      if (rs[f] === undefined) effective[f] = shared[f];
      else notImported.push(`spec.podTemplate.spec ${f}: not imported for the ${role} (spec.${role}.podTemplate sets ${f} too; the operator merges the two)`);
    }
    const placement = importPlacement({ ...effective, ...rs }, { ...podLabels, component: ROLE_COMPONENT[role] });
    placement.notImported.forEach((f) => handled.delete(f));
    if (placement.code) {
      placements[role] = placement.items;
      placement.statefunImports.forEach((n) => statefun.add(n));
      placement.cdk8sImports.forEach((n) => cdk8s.add(n));
    }
    const volume = role === 'taskManager' ? (Array.isArray(rs.volumes) ? rs.volumes : []).find((v: Json) => v?.name === ROCKSDB_VOLUME) : undefined;
    const local = volume ? rocksDbDirectory(volume) : undefined;
    if (local) {
      // What roleTemplate writes for the directory alone (no role sidecars or init containers).
      const containers = JSON.parse(JSON.stringify(shared.containers ?? []));
      if (containers[0]) containers[0].volumeMounts = [...(containers[0].volumeMounts ?? []), { name: ROCKSDB_VOLUME, mountPath: ROCKSDB_LOCAL_DIR }];
      const volumes = [...JSON.parse(JSON.stringify(shared.volumes ?? [])), JSON.parse(JSON.stringify(local[1]._volume()))];
      if (canonical(containers) === canonical(rs.containers) && canonical(volumes) === canonical(rs.volumes)) {
        fields.push(`rocksDbLocalDirectory: ${local[0]}`);
        statefun.add('RocksDbLocalDirectory');
        cdk8s.add('Size');
        handled.add('containers').add('volumes');
        rocksDb = true;
      }
    }
    const rest = Object.keys(rs).filter((k) => !handled.has(k)).sort();
    if (rest.length > 0) notImported.push(`spec.${role}.podTemplate.spec ${rest.join(', ')}: not imported (set them with flinkPods.${role})`);
    roles[role] = fields;
  }
  // What both roles place alike is written once, as flinkPods.placement (combinePlacements puts it first).
  const split = placements.jobManager && placements.taskManager ? sharePlacement(placements.jobManager, placements.taskManager) : undefined;
  const top: string[] = [];
  if (split) top.push(`placement: ${split.shared}`);
  for (const role of ['jobManager', 'taskManager'] as const) {
    const own = split ? split[role] : placements[role] && placementLiteral(placements[role]);
    const fields = own ? [`placement: ${own}`, ...roles[role]] : roles[role];
    if (fields.length > 0) top.push(`${role}: { ${fields.join(', ')} }`);
  }
  return {
    code: top.length > 0 ? `{ ${top.join(', ')} }` : undefined,
    rocksDbLocalDirectory: rocksDb,
    sharedPlacementFields: [...fromShared],
    statefunImports: [...statefun].sort(),
    cdk8sImports: [...cdk8s].sort(),
    notImported,
  };
}
