import * as fs from 'fs';
import * as path from 'path';

/**
 * The option catalog: every configuration option Flink 2.x, the Flink Kubernetes Operator and StateFun
 * declare, with its type and default, as generated into `lib/data/flink-options.json` by
 * `scripts/flink-option-catalog.ts` from the projects' own generated option tables (apache/flink and
 * apache/flink-kubernetes-operator `docs/layouts/shortcodes/generated/*.html`, kzmlabs/flink-statefun
 * `StatefulFunctionsConfig`). The file names the commits it was read from.
 *
 * Loaded on first use (not at package load): synthesizing an app reads it once.
 */

/** One option of the catalog. @internal */
export interface OptionFact {
  /** The key as declared; `<name>`-style placeholders stand for a part the user chooses. */
  readonly key: string;
  /** The type as the option table names it (`Duration`, `List<String>`, `Enum`, …). */
  readonly type: string;
  /** The default as the option table renders it, or undefined when there is none. */
  readonly defaultValue?: string;
}

interface Catalog {
  readonly exact: Map<string, OptionFact>;
  readonly patterns: Array<{ fact: OptionFact; re: RegExp; catchAll: boolean }>;
  readonly sources: string[];
}

let catalog: Catalog | undefined;

/** Where the JSON is: next to the compiled module (copied by the compile task), else the repository's lib/data. */
function catalogFile(): string {
  const candidates = [path.join(__dirname, 'data', 'flink-options.json'), path.join(__dirname, '..', '..', 'lib', 'data', 'flink-options.json')];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`cdk8s-statefun: the option catalog is missing (looked for ${candidates.join(', ')}); reinstall the package`);
  return found;
}

function load(): Catalog {
  if (catalog) return catalog;
  const json = JSON.parse(fs.readFileSync(catalogFile(), 'utf8')) as { sources: string[]; options: Array<[string, string, string | null]> };
  const exact = new Map<string, OptionFact>();
  const patterns: Catalog['patterns'] = [];
  for (const [key, type, def] of json.options) {
    const fact: OptionFact = { key, type, defaultValue: def ?? undefined };
    if (!key.includes('<')) {
      exact.set(key, fact);
      continue;
    }
    const segments = key.split('.');
    const source = segments.map((s, i) => {
      if (/^<[^>]+>$/.test(s)) return i === segments.length - 1 ? '.+' : '[^.]+';
      return s.split(/<[^>]+>/).map(escapeRegExp).join('[^.]+');
    }).join('\\.');
    // `metrics.reporter.<name>.<parameter>` stands for any reporter-specific parameter.
    patterns.push({ fact, re: new RegExp(`^${source}$`), catchAll: /<parameter>$/.test(key) });
  }
  // A specific pattern wins over the reporter catch-all.
  patterns.sort((a, b) => Number(a.catchAll) - Number(b.catchAll));
  catalog = { exact, patterns, sources: json.sources };
  return catalog;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The catalog entry for `key`: the option itself, or the option whose placeholders it fills in.
 * With `specific`, a catch-all such as `metrics.reporter.<name>.<parameter>` does not count.
 * @internal
 */
export function knownOption(key: string, specific = false): OptionFact | undefined {
  const c = load();
  return c.exact.get(key) ?? c.patterns.find((p) => (!specific || !p.catchAll) && p.re.test(key))?.fact;
}

/** The commits the catalog was generated from. @internal */
export function optionCatalogSources(): string[] {
  return [...load().sources];
}

/** Number of options in the catalog (for tests). @internal */
export function optionCatalogSize(): number {
  const c = load();
  return c.exact.size + c.patterns.length;
}

/**
 * The known option `key` most likely misspells: at most two edits away (one for keys under 12
 * characters), same first segment, and the only one that close. Undefined when there is none.
 * @internal
 */
export function suggestOption(key: string): string | undefined {
  const c = load();
  const first = key.split('.')[0];
  const limit = key.length < 12 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  const candidates: string[] = [...c.exact.keys()];
  // Placeholders filled with the user's own part (e.g. the reporter name) are candidates too.
  for (const p of c.patterns) {
    if (p.catchAll) continue;
    const filled = fillPlaceholders(p.fact.key, key);
    if (filled) candidates.push(filled);
  }
  for (const candidate of candidates) {
    if (candidate === key || candidate.split('.')[0] !== first) continue;
    if (Math.abs(candidate.length - key.length) > limit) continue;
    const d = editDistance(key, candidate, limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && candidate !== best) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

/** `metrics.reporter.<name>.factory.class` filled from `metrics.reporter.prom.factory.clas` → `metrics.reporter.prom.factory.class`. */
function fillPlaceholders(pattern: string, key: string): string | undefined {
  const ps = pattern.split('.');
  const ks = key.split('.');
  if (ps.length !== ks.length) return undefined;
  return ps.map((p, i) => (/^<[^>]+>$/.test(p) ? ks[i] : p)).join('.');
}

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps), capped at limit + 1. */
function editDistance(a: string, b: string, limit: number): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2][j - 2] + 1);
      rows[i][j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
  }
  return rows[a.length][b.length];
}
