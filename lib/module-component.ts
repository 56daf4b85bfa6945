import { Construct } from 'constructs';
import { addProblemValidation, childPath, Problem, throwProblems } from './errors';
import type { StateFunApp } from './statefun-app';
import { typeNameProblems } from './type-name';

/** Where a component sits in module.yaml: endpoints first, then ingresses, then egresses. @internal */
export enum ComponentRole {
  ENDPOINT = 0,
  INGRESS = 1,
  EGRESS = 2,
}

/** Props every module component takes. */
export interface ModuleComponentProps {
  /** The StateFun application whose module.yaml holds this component. */
  readonly app: StateFunApp;
}

/** Props of ingresses. */
export interface IngressComponentProps extends ModuleComponentProps {
  /** The ingress identifier (`spec.id`), a TypeName `<namespace>/<name>`, unique among the app's ingresses. */
  readonly ingressId: string;
}

/** Props of egresses. */
export interface EgressComponentProps extends ModuleComponentProps {
  /** The egress identifier (`spec.id`), a TypeName `<namespace>/<name>`, unique among the app's egresses. */
  readonly egressId: string;
}

/**
 * One document of the app's `module.yaml` (`kind` + `spec`). Subclasses are typed, so a field the
 * runtime would silently ignore cannot be written.
 */
export abstract class ModuleComponent extends Construct {
  /** The application whose module holds this component. */
  public readonly app: StateFunApp;

  protected constructor(scope: Construct, id: string, props: ModuleComponentProps) {
    super(scope, id);
    if (!props || !props.app || typeof (props.app as any)._registerComponent !== 'function') {
      throwProblems(childPath(scope, id), [{ field: 'app', value: props?.app === undefined ? undefined : String(props.app), why: 'every module component belongs to a StateFunApp', fix: 'pass the StateFunApp object: { app: myStateFunApp, ... }' }]);
    }
    this.app = props.app;
    addProblemValidation(this, () => this._problems());
  }

  /** The component kind written in module.yaml, e.g. `io.statefun.kafka.v1/ingress`. */
  public abstract get kind(): string;

  /** @internal */
  public abstract get _role(): ComponentRole;

  /** Sort key within its role (the id, or the functions pattern for endpoints). @internal */
  public abstract get _sortKey(): string;

  /** The `spec` object, with keys in a fixed order. @internal */
  public abstract _renderSpec(): Record<string, unknown>;

  /** Cross-object problems found at synth (routing, duplicates, version gates). @internal */
  public _problems(): Problem[] {
    return [];
  }

  /** Registers with the app; called by subclasses once their fields are set. @internal */
  protected _register(): void {
    this.app._registerComponent(this);
  }
}

/** A function endpoint: tells StateFun where the functions of a namespace (or one function type) are served. */
export abstract class Endpoint extends ModuleComponent {
  /** The functions served, `<namespace>/<name>` or `<namespace>/*`. */
  public abstract get functions(): string;
  /** @internal */
  public get _role(): ComponentRole {
    return ComponentRole.ENDPOINT;
  }
  /** @internal */
  public get _sortKey(): string {
    return this.functions;
  }
}

/** A source of messages routed to function types. */
export abstract class Ingress extends ModuleComponent {
  /** The ingress id (`<namespace>/<name>`), unique among the app's ingresses. */
  public readonly ingressId: string;

  protected constructor(scope: Construct, id: string, props: IngressComponentProps) {
    super(scope, id, props);
    this.ingressId = props.ingressId;
    throwProblems(this.node.path, typeNameProblems('ingressId', props.ingressId, 'ingress id'));
  }

  /** @internal */
  public get _role(): ComponentRole {
    return ComponentRole.INGRESS;
  }
  /** @internal */
  public get _sortKey(): string {
    return this.ingressId;
  }

  /** Every routing target with the field path it was given at (for messages). @internal */
  public abstract _routes(): Array<{ field: string; target: string }>;

  /** @internal */
  public _problems(): Problem[] {
    return [...super._problems(), ...this.app._routingProblems(this), ...this.app._duplicateIdProblems(this)];
  }
}

/** A sink functions send messages to, addressed by its id. */
export abstract class Egress extends ModuleComponent {
  /** The egress id (`<namespace>/<name>`) functions address, unique among the app's egresses. */
  public readonly egressId: string;

  protected constructor(scope: Construct, id: string, props: EgressComponentProps) {
    super(scope, id, props);
    this.egressId = props.egressId;
    throwProblems(this.node.path, typeNameProblems('egressId', props.egressId, 'egress id'));
  }

  /** @internal */
  public get _role(): ComponentRole {
    return ComponentRole.EGRESS;
  }
  /** @internal */
  public get _sortKey(): string {
    return this.egressId;
  }

  /** @internal */
  public _problems(): Problem[] {
    return [...super._problems(), ...this.app._duplicateIdProblems(this)];
  }
}

/** Renders a string map as StateFun's "properties" form: an array of single-key maps, sorted by key. @internal */
export function renderProperties(props: { [key: string]: string } | undefined): Array<Record<string, string>> | undefined {
  if (!props || Object.keys(props).length === 0) return undefined;
  return Object.keys(props).sort().map((k) => ({ [k]: props[k] }));
}

/** A property a typed field sets: who owns it and what to write instead. @internal */
export interface OwnedProperty {
  readonly owner: string;
  readonly fix: string;
}

/**
 * Problems with a "properties" map: non-empty keys without spaces, string values, and no key that a
 * typed field owns (the runtime would silently let one of the two win). Owned keys ending in `.` are prefixes.
 * @internal
 */
export function propertiesProblems(field: string, props: { [key: string]: string } | undefined, owned: { [key: string]: OwnedProperty }): Problem[] {
  if (props === undefined) return [];
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    return [{ field, value: props, why: 'properties are a map of name to string value', fix: "write e.g. { 'max.poll.records': '500' }" }];
  }
  const problems: Problem[] = [];
  for (const key of Object.keys(props).sort()) {
    const f = `${field}['${key}']`;
    if (key.trim() === '' || /\s/.test(key)) problems.push({ field: f, value: key, why: 'a property name is non-empty and has no spaces', fix: "use the client's property name, e.g. 'max.poll.records'" });
    if (typeof props[key] !== 'string') problems.push({ field: f, value: props[key], why: 'property values are strings (the runtime reads them as text)', fix: `quote it: '${String(props[key])}'` });
    const owner = owned[key] ?? Object.keys(owned).filter((k) => k.endsWith('.') && key.startsWith(k)).map((k) => owned[k])[0];
    if (owner) problems.push({ field: f, value: props[key], why: `${owner.owner} sets this; a second value in properties would silently conflict with it`, fix: owner.fix });
  }
  return problems;
}

/** Drops undefined values so the rendered spec holds only what is set, in insertion order. @internal */
export function compact(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}
