import * as fs from 'fs';
import * as path from 'path';
import { isMap, isSeq, LineCounter, parseAllDocuments, Document, Node as YamlNode } from 'yaml';
import { Manifest } from '../rules/finding';

/** One Kubernetes object read from a file, with where it came from. @internal */
export interface SourcedManifest {
  /** The file as named on the command line (or `-` for standard input). */
  readonly file: string;
  /** 0-based index of the YAML document in the file (`kind: List` items share their document's index). */
  readonly document: number;
  readonly manifest: Manifest;
  /** The 1-based line of a finding's field in the file (the object's first line when the field is not found). */
  lineOf(field: string): number;
}

/** A file or document that could not be read as Kubernetes objects. @internal */
export interface InputProblem {
  readonly file: string;
  readonly document?: number;
  readonly line?: number;
  readonly message: string;
}

/** What the linter read. @internal */
export interface ManifestSources {
  readonly manifests: SourcedManifest[];
  readonly problems: InputProblem[];
  /** The files read, in order. */
  readonly files: string[];
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/**
 * Reads YAML/JSON files, folders (recursively, `.yaml`/`.yml`/`.json`, in name order) and `-` (standard
 * input), multi-document, into Kubernetes objects. `kind: List` is expanded into its items.
 * @internal
 */
export function readManifestSources(paths: readonly string[], readStdin: () => string): ManifestSources {
  const manifests: SourcedManifest[] = [];
  const problems: InputProblem[] = [];
  const files: string[] = [];
  const read = (file: string, text: string) => {
    files.push(file);
    parseFile(file, text, manifests, problems);
  };
  for (const p of paths) {
    if (p === '-') {
      read('-', readStdin());
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      problems.push({ file: p, message: 'no such file or folder' });
      continue;
    }
    const list = stat.isDirectory() ? filesUnder(p) : [p];
    if (stat.isDirectory() && list.length === 0) problems.push({ file: p, message: 'the folder holds no .yaml, .yml or .json file' });
    for (const file of list) read(file, fs.readFileSync(file, 'utf8'));
  }
  return { manifests, problems, files };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...filesUnder(full));
    } else if (MANIFEST_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
      out.push(full);
    }
  }
  return out;
}

function parseFile(file: string, text: string, manifests: SourcedManifest[], problems: InputProblem[]): void {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: true });
  if (!Array.isArray(documents)) return; // an empty stream
  documents.forEach((doc, document) => {
    const line = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problems.push({ file, document, line: line(e.pos[0]), message: `not valid YAML: ${e.message.split('\n')[0]}` });
      return;
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return; // an empty document (e.g. a trailing `---`)
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ file, document, line: line(doc.contents?.range?.[0]), message: 'not a Kubernetes object (expected a mapping with apiVersion and kind)' });
      return;
    }
    const root = doc.contents as YamlNode | null;
    if (value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item: unknown, i: number) => {
        const itemNode = isMap(root) ? (root.get('items', true) as YamlNode | undefined) : undefined;
        const node = isSeq(itemNode) ? (itemNode.items[i] as YamlNode | undefined) : undefined;
        pushObject(item, node ?? root);
      });
      return;
    }
    pushObject(value, root);

    function pushObject(object: unknown, node: YamlNode | null | undefined) {
      if (!object || typeof object !== 'object' || Array.isArray(object)) {
        problems.push({ file, document, line: line(node?.range?.[0]), message: 'not a Kubernetes object (expected a mapping with apiVersion and kind)' });
        return;
      }
      manifests.push({
        file,
        document,
        manifest: object as Manifest,
        lineOf: (field: string) => line(locate(doc, node, field)),
      });
    }
  });
}

/**
 * The offset of a finding's field inside an object. Field paths are dotted with `[i]` for list items,
 * and Flink keys contain dots themselves (`spec.flinkConfiguration.state.backend.type`), so at each
 * mapping the longest run of segments that is a key wins.
 */
function locate(_doc: Document, node: YamlNode | null | undefined, field: string): number | undefined {
  const start = node?.range?.[0];
  const segments = field.split(/\.|(?=\[)/).filter((s) => s.length > 0);
  let current: unknown = node;
  let offset = start;
  let i = 0;
  while (i < segments.length && current) {
    const seg = segments[i];
    const item = /^\[(\d+)\]$/.exec(seg);
    if (item && isSeq(current)) {
      current = current.items[Number(item[1])];
      i++;
    } else if (isMap(current)) {
      let matched = false;
      for (let j = segments.length; j > i; j--) {
        const key = segments.slice(i, j).join('.');
        const pair = current.items.find((p: any) => (p.key as any)?.value === key);
        if (pair) {
          current = pair.value ?? pair.key;
          const keyRange = (pair.key as any)?.range;
          if (keyRange) offset = keyRange[0];
          i = j;
          matched = true;
          break;
        }
      }
      if (!matched) break;
      continue;
    } else {
      break;
    }
    const r = (current as any)?.range;
    if (r) offset = r[0];
  }
  return offset;
}
