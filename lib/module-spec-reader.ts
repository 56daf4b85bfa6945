import { Duration } from 'cdk8s';
import { Problem } from './errors';
import { parseFlinkDuration } from './module-duration';

/** A field the runtime does not read, with the explanation and the fix of a known mistake. @internal */
export interface KnownMistake {
  readonly why: string;
  readonly fix: string;
}

/**
 * Reads one object of an untrusted module.yaml spec. Every read marks the key as known; `finish()`
 * reports the keys nobody read, because the runtime ignores unknown fields silently. Problems carry
 * the full field path (`spec.startupPosition.type`).
 * @internal
 */
export class SpecReader {
  /** A reader over `value` when it is a mapping; otherwise records a problem and returns undefined. */
  public static of(path: string, value: unknown, problems: Problem[], what = 'a mapping'): SpecReader | undefined {
    if (!isMapping(value)) {
      problems.push({ field: path, value: describe(value), why: `expected ${what}`, fix: `write ${path} as a mapping of fields` });
      return undefined;
    }
    return new SpecReader(path, value, problems);
  }

  private readonly read = new Set<string>();

  private constructor(
    public readonly path: string,
    public readonly node: Record<string, unknown>,
    public readonly problems: Problem[],
  ) {}

  /** `path.key`. */
  public field(key: string): string {
    return `${this.path}.${key}`;
  }

  public has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.node, key) && this.node[key] !== null && this.node[key] !== undefined;
  }

  /** The raw value (undefined for missing or null), marking the key as known. */
  public raw(key: string): unknown {
    this.read.add(key);
    const v = this.node[key];
    return v === null ? undefined : v;
  }

  public problem(key: string, value: unknown, why: string, fix: string): void {
    this.problems.push({ field: this.field(key), value: describe(value), why, fix });
  }

  /** A string field; numbers and booleans are refused (the runtime reads text nodes). */
  public string(key: string, required?: { fix: string }): string | undefined {
    const v = this.raw(key);
    if (v === undefined) {
      if (required) this.problem(key, undefined, 'required', required.fix);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.problem(key, v, 'expected a string', `quote the value: ${key}: "${String(v instanceof Date ? v.toISOString() : v)}"`);
      return undefined;
    }
    return v;
  }

  /** A whole number (a YAML integer or a string of digits). */
  public int(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
      this.problem(key, v, 'expected a whole number', `write a number, e.g. ${key}: 1000`);
      return undefined;
    }
    return n;
  }

  public bool(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') {
      this.problem(key, v, 'expected true or false', `write ${key}: true or ${key}: false`);
      return undefined;
    }
    return v;
  }

  /** A duration in Flink's syntax (`30s`, `15min`, a bare number = milliseconds). */
  public duration(key: string): Duration | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    const parsed = parseFlinkDuration(v);
    if (parsed.error) {
      this.problem(key, v, parsed.error, `write e.g. ${key}: 30s`);
      return undefined;
    }
    return parsed.duration;
  }

  /** A nested mapping. */
  public object(key: string, required?: { fix: string }): SpecReader | undefined {
    const v = this.raw(key);
    if (v === undefined) {
      if (required) this.problem(key, undefined, 'required', required.fix);
      return undefined;
    }
    return SpecReader.of(this.field(key), v, this.problems);
  }

  /** A sequence. */
  public list(key: string, required?: { fix: string }): unknown[] | undefined {
    const v = this.raw(key);
    if (v === undefined) {
      if (required) this.problem(key, undefined, 'required', required.fix);
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.problem(key, v, 'expected a list', `write ${key} as a YAML list ('- item' lines)`);
      return undefined;
    }
    return v;
  }

  /** A list of strings (e.g. targets). */
  public stringList(key: string, required?: { fix: string }): string[] | undefined {
    const items = this.list(key, required);
    if (!items) return undefined;
    const out: string[] = [];
    items.forEach((item, i) => {
      if (typeof item !== 'string') {
        this.problems.push({ field: `${this.field(key)}[${i}]`, value: describe(item), why: 'expected a string', fix: 'write each entry as <namespace>/<name>' });
      } else {
        out.push(item);
      }
    });
    return out;
  }

  /**
   * A "properties" list: single-key mappings (`- max.poll.records: "2000"`), values read as text like
   * the runtime's `asText()`.
   */
  public properties(key: string): { [key: string]: string } | undefined {
    const items = this.list(key);
    if (!items) return undefined;
    const out: { [key: string]: string } = {};
    items.forEach((item, i) => {
      const f = `${this.field(key)}[${i}]`;
      if (!isMapping(item) || Object.keys(item).length !== 1) {
        this.problems.push({ field: f, value: describe(item), why: 'each property is a single-key mapping', fix: `write '- some.property: "value"' per property under ${key}` });
        return;
      }
      const [name, value] = Object.entries(item)[0];
      if (value === null || value === undefined || typeof value === 'object') {
        this.problems.push({ field: `${f}.${name}`, value: describe(value), why: 'a property value is a scalar (read as text)', fix: `write '- ${name}: "value"'` });
        return;
      }
      if (Object.prototype.hasOwnProperty.call(out, name)) {
        this.problems.push({ field: f, value: name, why: 'the property is listed twice and only one value is used', fix: 'keep one entry per property' });
        return;
      }
      out[name] = String(value);
    });
    return out;
  }

  /**
   * Reports every key that was not read: the runtime ignores it silently. A known mistake gets its own
   * explanation; other keys get a did-you-mean suggestion from the keys that were read.
   */
  public finish(mistakes: { [key: string]: KnownMistake } = {}): void {
    for (const key of Object.keys(this.node)) {
      if (this.read.has(key)) continue;
      const known = mistakes[key];
      if (known) {
        this.problems.push({ field: this.field(key), value: describe(this.node[key]), why: known.why, fix: known.fix });
        continue;
      }
      const candidates = [...this.read];
      const suggestion = closest(key, candidates);
      this.problems.push({
        field: this.field(key),
        value: describe(this.node[key]),
        why: 'unknown field: the runtime ignores it silently',
        fix: suggestion ? `did you mean '${suggestion}'? Rename it, or remove it` : `remove it (known fields here: ${candidates.join(', ')})`,
      });
    }
  }
}

/** Whether a parsed YAML value is a mapping. @internal */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A YAML value as problem messages show it (dates as the ISO text that was written). @internal */
export function describe(value: unknown): unknown {
  if (value instanceof Date) return isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof Map) return Object.fromEntries(value);
  return value;
}

/** The candidate within edit distance 2 (or differing only in case and separators), if any. @internal */
export function closest(key: string, candidates: string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_.\s]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = norm(c) === norm(key) ? 0 : editDistance(key.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.min(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const dp: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
