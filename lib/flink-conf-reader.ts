import { Problem } from './errors';
import { yamlLibrary } from './yaml-library';

/**
 * Reads a Flink configuration file the way Flink does, into flat `key → string` pairs.
 *
 * - `config.yaml` (Flink 1.19+ standard YAML, the only file Flink 2.x reads) and the flat 1.x
 *   `flink-conf.yaml` are both YAML 1.2 with the core schema (apache/flink `YamlParserUtils`, snakeyaml-engine
 *   `CoreSchema`); duplicate keys are errors, as in Flink 2.x.
 * - Nested maps are flattened to dotted keys (`GlobalConfiguration.flatten`).
 * - Lists of scalars are joined with `;`: Flink keeps a list as YAML text (`[a, b]`) and a list-typed option
 *   reads either that or the `;`-separated form (`ConfigurationUtils.convertToList`, whose fallback splits on
 *   `;`); the `;` form is the one a `flinkConfiguration` string map carries, as the operator's own flattening
 *   does (`ConfigObjectNode.asFlatMap`).
 * - Scalars are stringified (`true`, `30`, `0.5`).
 *
 * What cannot be read that way is a problem naming the key, never `[object Object]` and never a dropped section:
 * a key without a value, an empty map or list, a list holding maps or lists, a list element containing `;`
 * (it would split into two), a key given twice (once nested, once dotted), a value of another YAML type.
 * @internal
 */
export function flattenFlinkConf(conf: unknown): { flat: Record<string, string>; problems: Problem[] } {
  const flat: Record<string, string> = {};
  const problems: Problem[] = [];
  const problem = (key: string, value: unknown, why: string, fix: string) => problems.push({ field: key, value: printable(value), why, fix });
  if (!isMap(conf)) {
    problem('(file)', conf, 'not a map of configuration keys', 'give the configuration as `key: value` lines or nested maps');
    return { flat, problems };
  }
  const walk = (prefix: string, value: unknown): void => {
    if (isMap(value)) {
      const keys = Object.keys(value);
      if (keys.length === 0 && prefix !== '') {
        problem(prefix, value, 'an empty map: Flink reads no option from it', 'remove it, or give its keys');
      }
      for (const k of keys) {
        if (k.trim() === '') {
          problem(prefix === '' ? '(empty key)' : `${prefix}.(empty key)`, value[k], 'an empty key', 'remove it');
          continue;
        }
        walk(prefix === '' ? k : `${prefix}.${k}`, value[k]);
      }
      return;
    }
    const text = scalarText(prefix, value, problem);
    if (text === undefined) return;
    if (Object.prototype.hasOwnProperty.call(flat, prefix)) {
      problem(prefix, value, `set twice (once as a nested key, once as a dotted key, with ${JSON.stringify(flat[prefix])} and ${JSON.stringify(text)}); Flink keeps one of them without a warning`, 'keep one of the two');
      return;
    }
    flat[prefix] = text;
  };
  walk('', conf);
  return { flat, problems };
}

type ProblemSink = (key: string, value: unknown, why: string, fix: string) => void;

function scalarText(key: string, value: unknown, problem: ProblemSink): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return String(value);
    problem(key, value, 'not a finite number (.nan or .inf)', 'write the number Flink should read');
    return undefined;
  }
  if (value === null || value === undefined) {
    problem(key, null, 'no value (YAML null): Flink cannot read an option without one', 'give it a value, or remove the key so the default applies');
    return undefined;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      problem(key, value, 'an empty list: a list-typed option reads it as one empty element', 'remove it so the default applies, or list the elements');
      return undefined;
    }
    const parts: string[] = [];
    for (const element of value) {
      if (isMap(element) || Array.isArray(element)) {
        problem(key, value, 'a list holding maps or lists: the flat configuration has no form for it', "write it as a string in the option's own syntax (e.g. 'k1:v1,k2:v2;k3:v3' for a list of maps)");
        return undefined;
      }
      const text = scalarText(key, element, problem);
      if (text === undefined) return undefined;
      if (text.includes(';')) {
        problem(key, value, `the element ${JSON.stringify(text)} contains ';', the list separator: Flink would read it as two elements`, 'split it into two elements, or write the whole value as one string');
        return undefined;
      }
      parts.push(text);
    }
    return parts.join(';');
  }
  problem(key, value, `a ${value instanceof Date ? 'date' : typeof value} value, not a string, number, boolean or list`, 'write it as a string');
  return undefined;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/** A value that renders as JSON (bigints as numbers' text). */
function printable(value: unknown): unknown {
  if (typeof value === 'bigint' || (typeof value === 'number' && !Number.isFinite(value))) return String(value);
  if (Array.isArray(value)) return value.map(printable);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v)]));
  return value;
}

/**
 * Parses the text of a `config.yaml` or `flink-conf.yaml` (YAML 1.2, core schema, duplicate keys refused).
 * Integers keep every digit (read as bigint). Problems name the line.
 * @internal
 */
export function parseFlinkConfYaml(text: string): { value: unknown; problems: Problem[] } {
  const doc = yamlLibrary().parseDocument(text, { schema: 'core', intAsBigInt: true, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      value: undefined,
      problems: doc.errors.map((e) => ({
        field: `(line ${e.linePos?.[0]?.line ?? '?'})`,
        value: undefined,
        why: `not valid YAML 1.2, which Flink 2.x fails to load: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
        fix: 'fix the YAML (a key given twice is an error in Flink 2.x too)',
      })),
    };
  }
  const value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  return { value, problems: [] };
}
