import { Problem } from './errors';
import { FlinkConfigurationBuilder } from './flink-configuration';
import { describeReplacement, KeyEntry, KeyStatus, lookupKey, OPERATOR_ADDED_KEYS, replacementKeys } from './flink-key-catalog';
import { optionRuleProblems } from './flink-option-rules';
import { OperatorGate, operatorHas } from './operator-feature-gates';
import { OperatorVersion, operatorRejectsOverlappingKeys } from './versions';

/** What the linter looks at. @internal */
export interface LintInput {
  /** The typed settings with their owning props. */
  readonly typed: FlinkConfigurationBuilder;
  /** The user's escape-hatch extras as given. */
  readonly extras: Record<string, unknown>;
  /** The configuration as written (typed + extras + JSON patches on the FlinkDeployment), possibly not flat. */
  readonly final: Record<string, unknown>;
  readonly operatorVersion: OperatorVersion;
}

/** `flinkConfiguration['key']`, the field every finding names. @internal */
export function configField(key: string): string {
  return `flinkConfiguration['${key}']`;
}

/**
 * Lints the final `flinkConfiguration`. Every finding names the key, why it is wrong, and the
 * replacement (a typed prop where one exists). Rules, in order:
 * 1. values are strings, keys flat dotted names;
 * 2. catalog keys: `execution.restart-strategy.*`, legacy 1.x keys, deprecated aliases, keys removed in
 *    Flink 2.0, keys the operator forbids, keys the operator derives from spec fields;
 * 3. contradictions with typed settings (same key from an extra or a patch, or a key under a prefix a
 *    typed prop owns);
 * 4. overlapping key prefixes (operator ≥ 1.12 fails the deploy; 1.11 silently drops a key).
 * @internal
 */
export function lintFlinkConfiguration(input: LintInput): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  const flat = new Map<string, string>();

  // 1. Shape: string values, flat keys.
  for (const key of Object.keys(input.final).sort()) {
    const value = input.final[key];
    if (!isFlatKey(key)) {
      problems.push({ field: configField(key), value, why: 'not a flat dotted Flink key (no spaces, no empty segments)', fix: `write it as '${key.trim().replace(/\s+/g, '').replace(/\.{2,}/g, '.').replace(/^\.|\.$/g, '')}'` });
      reported.add(key);
    }
    if (typeof value !== 'string') {
      problems.push(nonStringProblem(key, value, input.operatorVersion));
      reported.add(key);
    }
    for (const [k, v] of flatten(key, value)) flat.set(k, v);
  }

  const keys = [...flat.keys()].sort();
  for (const key of keys) {
    const value = flat.get(key)!;
    // 2. Catalog keys.
    const entry = lookupKey(key);
    if (entry) {
      problems.push(catalogProblem(key, value, entry, input.operatorVersion));
      reported.add(key);
      continue;
    }
    // 3. Contradictions with typed settings.
    const owner = input.typed.ownerOf(key);
    if (owner) {
      const typedValue = input.typed.get(key)!;
      if (Object.prototype.hasOwnProperty.call(input.extras, key)) {
        problems.push({
          field: configField(key),
          value,
          why: value === typedValue
            ? `duplicates ${ownerLabel(owner)}, which already sets it; one key, one source, or the two drift apart`
            : `contradicts ${ownerLabel(owner)}, which sets it to ${JSON.stringify(typedValue)}; the extra would silently override it`,
          fix: ownerFix(owner),
        });
        reported.add(key);
      } else if (value !== typedValue) {
        problems.push({
          field: configField(key),
          value,
          why: `a JSON patch changed it from ${JSON.stringify(typedValue)}, the value of ${ownerLabel(owner)}`,
          fix: ownerFix(owner).replace(/^remove it from flinkConfiguration and set/, 'drop the patch and set').replace(/^remove it:/, 'drop the patch:'),
        });
        reported.add(key);
      }
      continue;
    }
    const prefix = input.typed.ownedPrefixOf(key);
    if (prefix) {
      problems.push({ field: configField(key), value, why: prefix.reason, fix: `remove it and configure ${prefix.owner}` });
      reported.add(key);
    }
  }

  // 3b. Options Flink ignores or overwrites, and unknown keys (flink-option-rules.ts).
  const typedKey = (k: string) => input.typed.ownerOf(k) !== undefined || input.typed.ownedPrefixOf(k) !== undefined;
  for (const f of optionRuleProblems({ flat, reported, typedKey })) {
    problems.push(f.problem);
    reported.add(f.key);
  }

  // 4. Overlapping prefixes, including the keys the operator adds at deploy.
  const all = [...new Set([...keys, ...Object.keys(OPERATOR_ADDED_KEYS)])].sort();
  const seen = new Set<string>();
  for (const short of all) {
    const long = all.find((k) => k.startsWith(`${short}.`));
    if (!long) continue;
    const shortIsUser = flat.has(short);
    const longIsUser = flat.has(long);
    if (!shortIsUser && !longIsUser) continue;
    if (reported.has(short) || reported.has(long)) continue;
    const key = shortIsUser ? short : long;
    if (seen.has(key)) continue;
    seen.add(key);
    const by = (k: string) => (flat.has(k) ? '' : ` (set by the operator from ${OPERATOR_ADDED_KEYS[k]})`);
    problems.push({
      field: configField(key),
      value: flat.get(key),
      why: overlapWhy(short + by(short), long + by(long), short, long, input.operatorVersion),
      fix: shortIsUser
        ? `keep one of the two keys: use the Flink 2.x name of '${short}' (e.g. '${short}.type', '${short}.enabled' or '${short}.value'), or remove '${key}'`
        : `remove '${key}': the operator sets '${short}'`,
    });
  }
  return problems;
}

/** Why two keys with one a dot-prefix of the other break, worded for the target operator. @internal */
export function overlapWhy(shortLabel: string, longLabel: string, short: string, long: string, operator: OperatorVersion): string {
  const head = `'${shortLabel}' is a dot-prefix of '${longLabel}'`;
  return operatorRejectsOverlappingKeys(operator)
    ? `${head}: on Flink 2.x operator ${operator} fails the deploy ("Overlapping key prefixes detected (${short} -> ${long}), please replace with Flink v2 compatible, non-deprecated keys.")`
    : `${head}: on Flink 2.x operator ${operator} writes config.yaml as nested YAML, where a key cannot hold both a value and sub-keys, and silently drops one of them`;
}

function catalogProblem(key: string, value: string, entry: KeyEntry, operator: OperatorVersion): Problem {
  const field = configField(key);
  const fix = describeReplacement(entry, key);
  switch (entry.status) {
    case KeyStatus.NOT_AN_OPTION:
      return { field, value, why: `not a Flink option: ${entry.note}`, fix };
    case KeyStatus.LEGACY: {
      const collides = replacementKeys(key, entry).some((r) => r.startsWith(`${key}.`));
      const consequence = !collides ? '' : operatorRejectsOverlappingKeys(operator)
        ? `; next to any of them operator ${operator} fails the deploy on Flink 2.x ("Overlapping key prefixes detected")`
        : `; next to any of them operator ${operator} silently drops one key on Flink 2.x`;
      return { field, value, why: `legacy Flink 1.x key, ${entry.note}${consequence}`, fix };
    }
    case KeyStatus.DEPRECATED: {
      const repl = replacementKeys(key, entry).join(', ');
      return { field, value, why: `deprecated alias of ${repl} (${entry.note}): Flink 2.x reads it only while ${repl} is unset, and the library writes every key in its 2.x form`, fix };
    }
    case KeyStatus.REMOVED:
      return { field, value, why: `removed in Flink 2.0${entry.note ? ` (${entry.note})` : ''}: Flink ignores it silently`, fix };
    case KeyStatus.FORBIDDEN:
      return {
        field,
        value,
        why: `the operator rejects the FlinkDeployment ("Forbidden Flink config key: ${key}"); it sets the key itself`,
        fix: key === 'kubernetes.namespace' ? "remove it: the namespace is the chart's" : 'remove it: the cluster id is the app name (the name prop)',
      };
    case KeyStatus.SPEC_DERIVED:
      return { field, value, why: `the operator writes this key ${entry.note}, overriding the configuration`, fix };
  }
}

function nonStringProblem(key: string, value: unknown, operator: OperatorVersion): Problem {
  const structured = operatorHas(operator, OperatorGate.STRUCTURED_FLINK_CONFIGURATION);
  const why = structured
    ? `not a string: operator ${operator} would flatten it, but only flat keys with string values mean the same on every operator and can be linted`
    : `not a string: operator ${operator}'s CRD accepts only a string-to-string map, so the API server rejects the FlinkDeployment`;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const [first] = flatten(key, value);
    return { field: configField(key), value, why, fix: first ? `write flat keys with string values, e.g. '${first[0]}': ${JSON.stringify(first[1])}` : 'remove the empty map' };
  }
  const text = Array.isArray(value) ? value.map(String).join(';') : String(value);
  return { field: configField(key), value, why, fix: `write it as a string: ${JSON.stringify(text)}` };
}

function ownerLabel(owner: string): string {
  return owner.startsWith('(') ? `a setting the library fixes ${owner}` : `the typed prop ${owner}`;
}

function ownerFix(owner: string): string {
  return owner.startsWith('(') ? `remove it: the library sets it ${owner}` : `remove it from flinkConfiguration and set ${owner}`;
}

function isFlatKey(key: string): boolean {
  return key.length > 0 && !/\s/.test(key) && !key.startsWith('.') && !key.endsWith('.') && !key.includes('..');
}

/** Flattens like the operator's ConfigObjectNode.asFlatMap: nested maps joined with '.', arrays ';'-joined. @internal */
export function flatten(key: string, value: unknown): Array<[string, string]> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.keys(value as object).sort().flatMap((k) => flatten(`${key}.${k}`, (value as any)[k]));
  }
  if (Array.isArray(value)) return [[key, value.map(String).join(';')]];
  return [[key, String(value)]];
}
