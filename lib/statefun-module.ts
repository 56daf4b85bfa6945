import { createHash } from 'crypto';
import { stringify } from 'yaml';
import { ComponentRole, ModuleComponent } from './module-component';

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

  public add(component: ModuleComponent): void {
    this.components.push(component);
  }

  public get all(): readonly ModuleComponent[] {
    return this.components;
  }

  public byRole(role: ComponentRole): ModuleComponent[] {
    return this.sorted().filter((c) => c._role === role);
  }

  /** Components in output order: role, then sort key, then construct path (stable for equal keys). */
  public sorted(): ModuleComponent[] {
    return [...this.components].sort((a, b) =>
      a._role - b._role || compare(a._sortKey, b._sortKey) || compare(a.node.path, b.node.path));
  }

  public documents(): ModuleDocument[] {
    return this.sorted().map((c) => ({ kind: c.kind, spec: c._renderSpec() }));
  }

  /** The module.yaml text: one `---`-separated document per component. */
  public render(): string {
    return renderModuleDocuments(this.documents());
  }

  /** SHA-256 of the rendered module, written into the pod template so a changed module rolls the job. */
  public sha256(): string {
    return createHash('sha256').update(this.render()).digest('hex');
  }
}

/** Renders documents as a YAML stream with a fixed style (no line folding, quoted strings only where needed). @internal */
export function renderModuleDocuments(docs: ModuleDocument[]): string {
  return docs
    .map((d) => '---\n' + stringify({ kind: d.kind, spec: d.spec }, { lineWidth: 0, minContentWidth: 0 }))
    .join('');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
