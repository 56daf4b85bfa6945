import { Duration } from 'cdk8s';
import { Problem } from './errors';
import { checkArgs } from './guard-schemas';
import { isDns1123Subdomain, labelMapProblems, qualifiedNameProblems } from './pod-names';

/**
 * Where pods may be placed, in the vocabulary of cdk8s-plus's `PodScheduling` (`assign`/`tolerate`/
 * `attract`/`colocate`/`separate`, `Topology.HOSTNAME/ZONE/custom`), as plain shapes so objects from any
 * cdk8s-plus line fit. Every rule checked here is one the API server enforces
 * (`kubernetes/kubernetes:pkg/apis/core/validation/validation.go`: `validateTolerations`,
 * `validateAffinity`, `validateTopologySpreadConstraints`, `ValidatePodSpec` priority class name).
 */

/** The effect of a node taint a toleration matches. */
export enum TaintEffect {
  /** New pods are not scheduled onto the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler avoids the node if it can. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** New pods are not scheduled and running pods are evicted. */
  NO_EXECUTE = 'NoExecute',
}

/** How a toleration matches a taint's value. */
export enum TolerationOperator {
  /** The taint's key and value equal the toleration's (needs a key). */
  EQUAL = 'Equal',
  /** Any taint with the key (or, without a key, every taint); no value allowed. */
  EXISTS = 'Exists',
}

/** A toleration of a node taint (a Kubernetes `toleration`). */
export interface PodToleration {
  /**
   * The taint key, a qualified name (`[prefix/]name`).
   * @default - no key: only valid with `TolerationOperator.EXISTS`, and then tolerates every taint
   */
  readonly key?: string;
  /**
   * How the value is matched.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * The taint value (with `EQUAL`; must be absent with `EXISTS`), a label value (at most 63 characters).
   * @default - the empty value
   */
  readonly value?: string;
  /**
   * The taint effect matched.
   * @default - every effect
   */
  readonly effect?: TaintEffect;
  /**
   * How long a running pod stays on a node after a `NoExecute` taint appears (whole seconds; only with
   * `TaintEffect.NO_EXECUTE`).
   * @default - forever
   */
  readonly evictAfter?: Duration;
}

/** One requirement on a node's (or pod's) labels. */
export class LabelRequirement {
  /** The label equals the value. */
  public static is(key: string, value: string): LabelRequirement {
    checkArgs('LabelRequirement.is', key, value);
    return new LabelRequirement(key, 'In', [value]);
  }
  /** The label is one of the values. */
  public static in(key: string, values: string[]): LabelRequirement {
    checkArgs('LabelRequirement.in', key, values);
    return new LabelRequirement(key, 'In', values);
  }
  /** The label is none of the values (or absent). */
  public static notIn(key: string, values: string[]): LabelRequirement {
    checkArgs('LabelRequirement.notIn', key, values);
    return new LabelRequirement(key, 'NotIn', values);
  }
  /** The label is present. */
  public static exists(key: string): LabelRequirement {
    checkArgs('LabelRequirement.exists', key);
    return new LabelRequirement(key, 'Exists', []);
  }
  /** The label is absent. */
  public static doesNotExist(key: string): LabelRequirement {
    checkArgs('LabelRequirement.doesNotExist', key);
    return new LabelRequirement(key, 'DoesNotExist', []);
  }

  private constructor(
    /** The label key. */
    public readonly key: string,
    /** The Kubernetes operator (`In`, `NotIn`, `Exists`, `DoesNotExist`). */
    public readonly operator: string,
    /** The values (empty for `Exists`/`DoesNotExist`). */
    public readonly values: string[],
  ) {}

  /** @internal */
  public _render(): Record<string, unknown> {
    return this.values.length > 0 ? { key: this.key, operator: this.operator, values: [...this.values] } : { key: this.key, operator: this.operator };
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    const problems = qualifiedNameProblems(`${field}.key`, this.key, 'a label key');
    if ((this.operator === 'In' || this.operator === 'NotIn') && (!Array.isArray(this.values) || this.values.length === 0)) {
      problems.push({ field: `${field}.values`, value: this.values, why: `${this.operator} needs at least one value (the API server rejects an empty list)`, fix: 'list the values, or use LabelRequirement.exists(key)' });
    }
    return problems;
  }
}

/** A topology domain: the node label whose value groups nodes (hostname, zone, region, or your own). */
export class PlacementTopology {
  /** One domain per node (`kubernetes.io/hostname`). */
  public static readonly HOSTNAME = new PlacementTopology('kubernetes.io/hostname');
  /** One domain per zone (`topology.kubernetes.io/zone`). */
  public static readonly ZONE = new PlacementTopology('topology.kubernetes.io/zone');
  /** One domain per region (`topology.kubernetes.io/region`). */
  public static readonly REGION = new PlacementTopology('topology.kubernetes.io/region');
  /** A custom node label key. */
  public static custom(key: string): PlacementTopology {
    checkArgs('PlacementTopology.custom', key);
    return new PlacementTopology(key);
  }
  private constructor(
    /** The node label key. */
    public readonly key: string,
  ) {}
}

/** Attraction to nodes whose labels match (node affinity). */
export interface NodeAffinityTerm {
  /** Requirements, all of which a node must meet. */
  readonly matches: LabelRequirement[];
  /**
   * Preference weight 1-100 (the scheduler prefers, but may ignore, the nodes).
   * @default - required: pods are only scheduled onto matching nodes
   */
  readonly weight?: number;
}

/** Co-location with (affinity) or separation from (anti-affinity) other pods. */
export interface PodAffinityTerm {
  /**
   * Labels of the other pods.
   * @default - the pods this placement applies to (e.g. the TaskManagers of this app, or this function's replicas)
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * The topology domain within which pods are co-located or separated.
   * @default PlacementTopology.HOSTNAME
   */
  readonly topology?: PlacementTopology;
  /**
   * Preference weight 1-100.
   * @default - required
   */
  readonly weight?: number;
}

/** What the scheduler does when a spread constraint cannot be met. */
export enum UnsatisfiableConstraintAction {
  /** Schedule anyway, preferring domains that reduce the skew. */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
  /** Keep the pod pending. */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
}

/** Spread of pods across topology domains (a `topologySpreadConstraint`). */
export interface TopologySpread {
  /** The topology domain. */
  readonly topology: PlacementTopology;
  /**
   * Largest allowed difference in matching pods between two domains (≥ 1).
   * @default 1
   */
  readonly maxSkew?: number;
  /**
   * What to do when the constraint cannot be met.
   * @default UnsatisfiableConstraintAction.SCHEDULE_ANYWAY
   */
  readonly whenUnsatisfiable?: UnsatisfiableConstraintAction;
  /**
   * Labels of the pods counted.
   * @default - the pods this placement applies to
   */
  readonly podLabels?: { [key: string]: string };
}

/** Where pods are placed: node selection, tolerations, affinities, spread and priority. */
export interface PodPlacement {
  /**
   * Node labels a node must carry (`nodeSelector`).
   * @default - any node
   */
  readonly nodeSelector?: { [label: string]: string };
  /**
   * Taints tolerated.
   * @default - none
   */
  readonly tolerations?: PodToleration[];
  /**
   * Node affinity: required terms are all met (rendered as one node selector term), preferred ones are weighed.
   * @default - none
   */
  readonly nodeAffinity?: NodeAffinityTerm[];
  /**
   * Pods to be co-located with (pod affinity, cdk8s-plus `colocate`).
   * @default - none
   */
  readonly podAffinity?: PodAffinityTerm[];
  /**
   * Pods to keep away from (pod anti-affinity, cdk8s-plus `separate`), e.g. `{ topology: PlacementTopology.ZONE, weight: 100 }`.
   * @default - none
   */
  readonly podAntiAffinity?: PodAffinityTerm[];
  /**
   * Topology spread constraints.
   * @default - none (remote functions: their replicas spread across nodes, ScheduleAnyway)
   */
  readonly topologySpread?: TopologySpread[];
  /**
   * The PriorityClass name (a DNS-1123 subdomain); the class must exist in the cluster.
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;
}

/** The scheduling fields of a pod spec, as rendered. @internal */
export interface RenderedPlacement {
  nodeSelector?: Record<string, string>;
  tolerations?: Array<Record<string, unknown>>;
  affinity?: Record<string, unknown>;
  topologySpreadConstraints?: Array<Record<string, unknown>>;
  priorityClassName?: string;
}

/** Two placements as one: lists concatenated, node selectors merged, the second's priority class wins. @internal */
export function combinePlacements(shared: PodPlacement | undefined, own: PodPlacement | undefined): PodPlacement | undefined {
  if (!shared) return own;
  if (!own) return shared;
  const list = <T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined => (a || b ? [...(a ?? []), ...(b ?? [])] : undefined);
  return {
    nodeSelector: shared.nodeSelector || own.nodeSelector ? { ...(shared.nodeSelector ?? {}), ...(own.nodeSelector ?? {}) } : undefined,
    tolerations: list(shared.tolerations, own.tolerations),
    nodeAffinity: list(shared.nodeAffinity, own.nodeAffinity),
    podAffinity: list(shared.podAffinity, own.podAffinity),
    podAntiAffinity: list(shared.podAntiAffinity, own.podAntiAffinity),
    topologySpread: list(shared.topologySpread, own.topologySpread),
    priorityClassName: own.priorityClassName ?? shared.priorityClassName,
  };
}

/**
 * Renders a placement into pod-spec fields. `selfLabels` are the labels of the pods the placement applies
 * to (the default selector of affinity terms and spread constraints).
 * @internal
 */
export function renderPlacement(p: PodPlacement | undefined, selfLabels: Record<string, string>): RenderedPlacement {
  if (!p) return {};
  const out: RenderedPlacement = {};
  if (p.nodeSelector && Object.keys(p.nodeSelector).length > 0) out.nodeSelector = sortedMap(p.nodeSelector);
  if (p.tolerations && p.tolerations.length > 0) {
    out.tolerations = p.tolerations.map((t) => {
      const r: Record<string, unknown> = {};
      if (t.key !== undefined) r.key = t.key;
      r.operator = t.operator ?? TolerationOperator.EQUAL;
      if (t.value !== undefined) r.value = t.value;
      if (t.effect !== undefined) r.effect = t.effect;
      if (t.evictAfter !== undefined) r.tolerationSeconds = t.evictAfter.toSeconds();
      return r;
    });
  }
  const affinity: Record<string, unknown> = {};
  const nodeTerms = p.nodeAffinity ?? [];
  const requiredNode = nodeTerms.filter((t) => t.weight === undefined);
  const preferredNode = nodeTerms.filter((t) => t.weight !== undefined);
  if (requiredNode.length > 0 || preferredNode.length > 0) {
    const node: Record<string, unknown> = {};
    // All required terms must hold: one node selector term (terms in the list are ORed by Kubernetes).
    if (requiredNode.length > 0) {
      const matchExpressions = requiredNode.flatMap((t) => t.matches.map((m) => m._render()));
      node.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [{ matchExpressions }] };
    }
    if (preferredNode.length > 0) {
      node.preferredDuringSchedulingIgnoredDuringExecution = preferredNode.map((t) => ({
        weight: t.weight,
        preference: { matchExpressions: t.matches.map((m) => m._render()) },
      }));
    }
    affinity.nodeAffinity = node;
  }
  const podTerms = (terms: PodAffinityTerm[] | undefined): Record<string, unknown> | undefined => {
    if (!terms || terms.length === 0) return undefined;
    const term = (t: PodAffinityTerm) => ({
      labelSelector: { matchLabels: sortedMap(t.podLabels ?? selfLabels) },
      topologyKey: (t.topology ?? PlacementTopology.HOSTNAME).key,
    });
    const r: Record<string, unknown> = {};
    const required = terms.filter((t) => t.weight === undefined);
    const preferred = terms.filter((t) => t.weight !== undefined);
    if (required.length > 0) r.requiredDuringSchedulingIgnoredDuringExecution = required.map(term);
    if (preferred.length > 0) {
      r.preferredDuringSchedulingIgnoredDuringExecution = preferred.map((t) => ({ weight: t.weight, podAffinityTerm: term(t) }));
    }
    return r;
  };
  const podAffinity = podTerms(p.podAffinity);
  if (podAffinity) affinity.podAffinity = podAffinity;
  const podAntiAffinity = podTerms(p.podAntiAffinity);
  if (podAntiAffinity) affinity.podAntiAffinity = podAntiAffinity;
  if (Object.keys(affinity).length > 0) out.affinity = affinity;
  if (p.topologySpread && p.topologySpread.length > 0) {
    out.topologySpreadConstraints = p.topologySpread.map((s) => ({
      maxSkew: s.maxSkew ?? 1,
      topologyKey: s.topology.key,
      whenUnsatisfiable: s.whenUnsatisfiable ?? UnsatisfiableConstraintAction.SCHEDULE_ANYWAY,
      labelSelector: { matchLabels: sortedMap(s.podLabels ?? selfLabels) },
    }));
  }
  if (p.priorityClassName !== undefined) out.priorityClassName = p.priorityClassName;
  return out;
}

/** Problems with a placement, in the API server's terms. @internal */
export function placementProblems(field: string, p: PodPlacement | undefined): Problem[] {
  if (p === undefined) return [];
  if (typeof p !== 'object' || p === null || Array.isArray(p)) {
    return [{ field, value: p, why: 'a placement is an object { nodeSelector, tolerations, nodeAffinity, podAffinity, podAntiAffinity, topologySpread, priorityClassName }', fix: "write e.g. { tolerations: [{ key: 'dedicated', value: 'flink', effect: TaintEffect.NO_SCHEDULE }] }" }];
  }
  const problems: Problem[] = [];
  problems.push(...labelMapProblems(`${field}.nodeSelector`, p.nodeSelector));
  listOf(problems, `${field}.tolerations`, p.tolerations).forEach((t, i) => problems.push(...tolerationProblems(`${field}.tolerations[${i}]`, t)));
  listOf(problems, `${field}.nodeAffinity`, p.nodeAffinity).forEach((t, i) => {
    const f = `${field}.nodeAffinity[${i}]`;
    const matches = Array.isArray(t?.matches) ? t.matches : [];
    if (matches.length === 0) problems.push({ field: `${f}.matches`, value: t?.matches, why: 'a node affinity term without requirements matches no node expression (the API server rejects an empty term)', fix: "list at least one requirement, e.g. [LabelRequirement.is('node.kubernetes.io/instance-type', 'm6i.xlarge')]" });
    matches.forEach((m, j) => {
      if (!(m instanceof LabelRequirement)) problems.push({ field: `${f}.matches[${j}]`, value: m, why: 'a requirement is a LabelRequirement', fix: 'use LabelRequirement.is/in/notIn/exists/doesNotExist(...)' });
      else problems.push(...m._problems(`${f}.matches[${j}]`));
    });
    problems.push(...weightProblems(`${f}.weight`, t?.weight));
  });
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    listOf(problems, `${field}.${kind}`, p[kind]).forEach((t, i) => {
      const f = `${field}.${kind}[${i}]`;
      if (t?.podLabels !== undefined) {
        problems.push(...labelMapProblems(`${f}.podLabels`, t.podLabels));
        if (typeof t.podLabels === 'object' && t.podLabels !== null && Object.keys(t.podLabels).length === 0) problems.push({ field: `${f}.podLabels`, value: {}, why: 'an empty selector selects every pod in the namespace', fix: 'name the labels of the pods meant, or omit podLabels for the pods this placement applies to' });
      }
      problems.push(...topologyProblems(`${f}.topology`, t?.topology));
      problems.push(...weightProblems(`${f}.weight`, t?.weight));
    });
  }
  listOf(problems, `${field}.topologySpread`, p.topologySpread).forEach((s, i) => {
    const f = `${field}.topologySpread[${i}]`;
    if (s?.topology === undefined) problems.push({ field: `${f}.topology`, value: undefined, why: 'a spread constraint needs the topology domain', fix: 'set topology: PlacementTopology.ZONE (or HOSTNAME)' });
    else problems.push(...topologyProblems(`${f}.topology`, s.topology));
    if (s?.maxSkew !== undefined && (!Number.isInteger(s.maxSkew) || s.maxSkew < 1)) problems.push({ field: `${f}.maxSkew`, value: s.maxSkew, why: 'maxSkew is a whole number ≥ 1 (the API server rejects 0 and fractions)', fix: 'use 1' });
    const actions = Object.values(UnsatisfiableConstraintAction) as string[];
    if (s?.whenUnsatisfiable !== undefined && !actions.includes(s.whenUnsatisfiable)) problems.push({ field: `${f}.whenUnsatisfiable`, value: s.whenUnsatisfiable, why: `Kubernetes accepts ${actions.join(', ')}`, fix: 'use UnsatisfiableConstraintAction.SCHEDULE_ANYWAY or DO_NOT_SCHEDULE' });
    if (s?.podLabels !== undefined) problems.push(...labelMapProblems(`${f}.podLabels`, s.podLabels));
  });
  if (p.priorityClassName !== undefined && !isDns1123Subdomain(p.priorityClassName)) {
    problems.push({ field: `${field}.priorityClassName`, value: p.priorityClassName, why: 'a PriorityClass name is a DNS-1123 subdomain: lower-case alphanumerics, \'-\' and \'.\', starting and ending alphanumeric, at most 253 characters', fix: "use the PriorityClass's name, e.g. 'statefun-critical'" });
  }
  return problems;
}

function tolerationProblems(f: string, t: PodToleration): Problem[] {
  if (typeof t !== 'object' || t === null) return [{ field: f, value: t, why: 'a toleration is an object { key, operator, value, effect }', fix: "write e.g. { key: 'dedicated', value: 'flink', effect: TaintEffect.NO_SCHEDULE }" }];
  const problems: Problem[] = [];
  const operators = Object.values(TolerationOperator) as string[];
  const operator = t.operator ?? TolerationOperator.EQUAL;
  if (!operators.includes(operator)) {
    problems.push({ field: `${f}.operator`, value: t.operator, why: `Kubernetes accepts ${operators.join(', ')}`, fix: 'use TolerationOperator.EQUAL or TolerationOperator.EXISTS' });
    return problems;
  }
  if (t.key !== undefined) problems.push(...qualifiedNameProblems(`${f}.key`, t.key, 'a taint key'));
  if ((t.key === undefined || t.key === '') && operator === TolerationOperator.EQUAL) {
    problems.push({ field: `${f}.key`, value: t.key, why: 'a toleration without a key matches every taint and is only valid with operator Exists; with Equal the API server rejects the pod ("operator must be Exists when `key` is empty")', fix: "name the taint key (e.g. key: 'dedicated'), or set operator: TolerationOperator.EXISTS to tolerate every taint" });
  }
  if (operator === TolerationOperator.EXISTS && t.value !== undefined && t.value !== '') {
    problems.push({ field: `${f}.value`, value: t.value, why: 'with operator Exists the value must be empty (the API server rejects the pod)', fix: 'remove value, or use operator: TolerationOperator.EQUAL' });
  }
  if (t.value !== undefined && (typeof t.value !== 'string' || !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(t.value) || t.value.length > 63)) {
    problems.push({ field: `${f}.value`, value: t.value, why: 'a taint value is a label value: at most 63 alphanumerics, \'-\', \'_\' or \'.\', starting and ending alphanumeric', fix: "write the taint's value, e.g. 'flink'" });
  }
  const effects = Object.values(TaintEffect) as string[];
  if (t.effect !== undefined && !effects.includes(t.effect)) {
    problems.push({ field: `${f}.effect`, value: t.effect, why: `Kubernetes accepts ${effects.join(', ')}`, fix: 'use TaintEffect.NO_SCHEDULE, PREFER_NO_SCHEDULE or NO_EXECUTE' });
  }
  if (t.evictAfter !== undefined) {
    if (t.effect !== TaintEffect.NO_EXECUTE) {
      problems.push({ field: `${f}.evictAfter`, value: t.evictAfter, why: 'tolerationSeconds only applies to NoExecute taints (the API server rejects it with other effects)', fix: 'set effect: TaintEffect.NO_EXECUTE, or remove evictAfter' });
    } else if (typeof (t.evictAfter as any)?.toSeconds !== 'function' || !Number.isInteger(t.evictAfter.toSeconds()) || t.evictAfter.toSeconds() < 0) {
      problems.push({ field: `${f}.evictAfter`, value: t.evictAfter, why: 'tolerationSeconds is a whole number of seconds ≥ 0', fix: 'use e.g. Duration.minutes(5)' });
    }
  }
  return problems;
}

function topologyProblems(f: string, t: PlacementTopology | undefined): Problem[] {
  if (t === undefined) return [];
  if (!(t instanceof PlacementTopology)) return [{ field: f, value: t, why: 'a topology is a PlacementTopology', fix: 'use PlacementTopology.HOSTNAME, ZONE, REGION or custom(key)' }];
  return qualifiedNameProblems(f, t.key, 'a topology key (node label)');
}

function weightProblems(f: string, w: number | undefined): Problem[] {
  if (w === undefined) return [];
  if (!Number.isInteger(w) || w < 1 || w > 100) return [{ field: f, value: w, why: 'a preference weight is a whole number from 1 to 100', fix: 'use e.g. 100, or omit weight to make the term required' }];
  return [];
}

function listOf<T>(problems: Problem[], field: string, v: T[] | undefined): T[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    problems.push({ field, value: v, why: 'a list is expected', fix: 'wrap the value in [ ]' });
    return [];
  }
  return v;
}

function sortedMap(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}
