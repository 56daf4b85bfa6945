/**
 * Field paths in findings: dotted, with array indices in brackets and keys that are not plain
 * identifiers quoted, e.g. `spec.flinkConfiguration['state.backend.type']`,
 * `spec.taskManager.podTemplate.spec.containers[0].name`.
 */

const PLAIN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Renders path segments (strings are keys, numbers array indices). @internal */
export function fieldPath(segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (PLAIN.test(s)) out += out === '' ? s : `.${s}`;
    else out += `['${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return out;
}

/** Segments of a JSON pointer (`/spec/flinkConfiguration/a~1b`), numbers where `root` has an array. @internal */
export function pointerSegments(pointer: string, root: unknown): Array<string | number> {
  if (pointer === '') return [];
  const out: Array<string | number> = [];
  let node: any = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      out.push(Number(key));
      node = node[Number(key)];
    } else {
      out.push(key);
      node = node !== null && typeof node === 'object' ? node[key] : undefined;
    }
  }
  return out;
}

/** The value at path segments, or undefined. @internal */
export function valueAt(root: unknown, segments: ReadonlyArray<string | number>): unknown {
  let node: any = root;
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[s];
  }
  return node;
}
