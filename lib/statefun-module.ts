import { createHash } from 'crypto';
import { ComponentRole, Endpoint, ModuleComponent } from './module-component';
import { PassMemo } from './synth-pass';
import { yamlLibrary } from './yaml-library';

/** One module.yaml document. @internal */
export interface ModuleDocument {
  readonly kind: string;
  readonly spec: Record<string, unknown>;
}

/**
 * The app's module: the components registered with it, rendered as the multi-document
 * `module.yaml` StateFun reads (endpoints, then ingresses, then egresses; each sorted by id).
 * @internal
 */
export class StateFunModule {
  private readonly components: ModuleComponent[] = [];
  // Synth-time checks ask once per component (so O(n²) if rebuilt each time), and one synth renders the
  // module several times (ConfigMap, pod-template hash, linting the patched FlinkDeployment). Role, sort
  // key, path and pattern of a component never change once registered, so the index is only dropped by add().
  private index?: ModuleIndex;
  private rendered?: { readonly key: string; readonly text: string; sha256?: string };
  /** Within one synth call the module is rendered once (even the JSON comparison is skipped). */
  private readonly renderedInPass = new PassMemo<{ readonly text: string; sha256?: string }>();

  public add(component: ModuleComponent): void {
    this.components.push(component);
    this.index = undefined;
  }

  public get all(): readonly ModuleComponent[] {
    return this.components;
  }

  public byRole(role: ComponentRole): ModuleComponent[] {
    return this.indexed().sorted.filter((c) => c._role === role);
  }

  /** Components in output order: role, then sort key, then construct path (stable for equal keys). */
  public sorted(): ModuleComponent[] {
    return [...this.indexed().sorted];
  }

  /** Whether an endpoint serves a function type: the `patternServes` rule, by lookup instead of a scan. */
  public serves(typeName: string): boolean {
    const [ns, name] = typeName.split('/');
    const names = this.indexed().endpointNames.get(ns);
    return names !== undefined && (names.has('*') || names.has(name));
  }

  /** Components with the same role and sort key (id), in registration order. */
  public sameKey(component: ModuleComponent): readonly ModuleComponent[] {
    return this.indexed().byKey.get(roleKey(component)) ?? [];
  }

  /** The first endpoint registered before this one whose pattern overlaps it (the `patternsOverlap` rule), if any. */
  public earlierOverlap(endpoint: Endpoint): Endpoint | undefined {
    const index = this.indexed();
    const position = index.endpointPosition.get(endpoint) ?? index.endpointCount - 1;
    const [ns, name] = endpoint.functions.split('/');
    const bucket = index.endpointsByNamespace.get(ns);
    if (!bucket) return undefined;
    // '*' overlaps every pattern of its namespace; a name overlaps '*' and itself.
    const candidates = name === '*' ? [bucket.first] : [bucket.firstWildcard, bucket.firstByName.get(name)];
    let earliest: IndexedEndpoint | undefined;
    for (const c of candidates) {
      if (c && c.position < position && (!earliest || c.position < earliest.position)) earliest = c;
    }
    return earliest?.endpoint;
  }

  public documents(): ModuleDocument[] {
    return this.sorted().map((c) => ({ kind: c.kind, spec: c._renderSpec() }));
  }

  /** The module.yaml text: one `---`-separated document per component. */
  public render(): string {
    return this.renderedNow().text;
  }

  /** SHA-256 of the rendered module, written into the pod template so a changed module rolls the job. */
  public sha256(): string {
    const rendered = this.renderedNow();
    rendered.sha256 ??= createHash('sha256').update(rendered.text).digest('hex');
    return rendered.sha256;
  }

  private renderedNow(): { readonly text: string; sha256?: string } {
    return this.renderedInPass.get(() => {
      // Specs are plain data: equal JSON means equal YAML, and JSON is far cheaper than the YAML writer.
      const docs = this.documents();
      const key = JSON.stringify(docs);
      if (this.rendered?.key !== key) this.rendered = { key, text: renderModuleDocuments(docs) };
      return this.rendered;
    });
  }

  private indexed(): ModuleIndex {
    this.index ??= buildIndex(this.components);
    return this.index;
  }
}

interface IndexedEndpoint {
  readonly endpoint: Endpoint;
  /** Position among the endpoints, in registration order. */
  readonly position: number;
}

interface NamespaceEndpoints {
  readonly first: IndexedEndpoint;
  firstWildcard?: IndexedEndpoint;
  readonly firstByName: Map<string, IndexedEndpoint>;
}

interface ModuleIndex {
  readonly sorted: readonly ModuleComponent[];
  readonly byKey: Map<string, ModuleComponent[]>;
  /** Pattern names (`*` or a function name) served per namespace. */
  readonly endpointNames: Map<string, Set<string>>;
  readonly endpointsByNamespace: Map<string, NamespaceEndpoints>;
  readonly endpointPosition: Map<Endpoint, number>;
  readonly endpointCount: number;
}

function roleKey(c: ModuleComponent): string {
  return `${c._role}\u0000${c._sortKey}`;
}

function buildIndex(components: readonly ModuleComponent[]): ModuleIndex {
  const withPath = components.map((c) => ({ c, role: c._role, key: c._sortKey, path: c.node.path }));
  withPath.sort((a, b) => a.role - b.role || compare(a.key, b.key) || compare(a.path, b.path));
  const byKey = new Map<string, ModuleComponent[]>();
  const endpointNames = new Map<string, Set<string>>();
  const endpointsByNamespace = new Map<string, NamespaceEndpoints>();
  const endpointPosition = new Map<Endpoint, number>();
  for (const c of components) {
    const key = roleKey(c);
    const same = byKey.get(key);
    if (same) same.push(c);
    else byKey.set(key, [c]);
    if (c._role !== ComponentRole.ENDPOINT) continue;
    const endpoint = c as Endpoint;
    const entry = { endpoint, position: endpointPosition.size };
    endpointPosition.set(endpoint, entry.position);
    const [ns, name] = endpoint.functions.split('/');
    let names = endpointNames.get(ns);
    if (!names) endpointNames.set(ns, names = new Set());
    names.add(name);
    let bucket = endpointsByNamespace.get(ns);
    if (!bucket) endpointsByNamespace.set(ns, bucket = { first: entry, firstByName: new Map() });
    if (name === '*') bucket.firstWildcard ??= entry;
    if (!bucket.firstByName.has(name)) bucket.firstByName.set(name, entry);
  }
  return { sorted: withPath.map((x) => x.c), byKey, endpointNames, endpointsByNamespace, endpointPosition, endpointCount: endpointPosition.size };
}

/**
 * Renders documents as a YAML stream with a fixed style (no line folding, quoted strings only where
 * needed). Quoting follows YAML 1.1, the dialect of the runtime's parser, so strings such as `on`,
 * `yes` or `12:30` stay strings there too.
 * @internal
 */
export function renderModuleDocuments(docs: ModuleDocument[]): string {
  return docs
    .map((d) => '---\n' + yamlLibrary().stringify({ kind: d.kind, spec: d.spec }, { lineWidth: 0, minContentWidth: 0, version: '1.1' }))
    .join('');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
