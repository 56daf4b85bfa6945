import { Problem } from './errors';
import { FlinkConfigurationBuilder } from './flink-configuration';
import { OperatorVersion, operatorRejectsOverlappingKeys } from './versions';

/** What the linter looks at. @internal */
export interface LintInput {
  /** The typed settings with their owning props. */
  readonly typed: FlinkConfigurationBuilder;
  /** The user's escape-hatch extras as given. */
  readonly extras: Record<string, string>;
  /** The configuration as written (typed + extras + JSON patches). */
  readonly final: Record<string, string>;
  readonly operatorVersion: OperatorVersion;
}

/**
 * Lints the final `flinkConfiguration`. Every finding names the key, why it is wrong, and the replacement.
 * @internal
 */
export function lintFlinkConfiguration(input: LintInput): Problem[] {
  const problems: Problem[] = [];
  const field = (key: string) => `flinkConfiguration['${key}']`;

  for (const [key, value] of Object.entries(input.extras)) {
    const owner = input.typed.ownerOf(key);
    if (owner) {
      problems.push({ field: field(key), value, why: `the key is set by the typed prop ${owner} (to ${JSON.stringify(input.typed.get(key))}); a second source for one key is how configurations drift`, fix: owner.startsWith('(') ? 'remove it: the library sets it to what StateFun requires' : `remove it from flinkConfiguration and set ${owner}` });
    }
  }

  for (const [key, value] of Object.entries(input.final)) {
    if (typeof value !== 'string') {
      problems.push({ field: field(key), value, why: 'operator 1.11/1.12 CRDs accept only string values', fix: `write it as a string, e.g. "${String(value)}"` });
    }
    if (key.startsWith('execution.restart-strategy')) {
      problems.push({ field: field(key), value, why: 'execution.restart-strategy.* is not a Flink option: Flink ignores it and restarts forever with exponential delay', fix: 'use the restartStrategy prop (writes restart-strategy.type and restart-strategy.<type>.*)' });
    }
  }

  // Overlapping prefixes: ≥1.12 fails the deploy, 1.11 silently drops keys.
  const keys = Object.keys(input.final).sort();
  for (const key of keys) {
    const longer = keys.find((k) => k.startsWith(`${key}.`));
    if (longer) {
      problems.push({
        field: field(key),
        value: input.final[key],
        why: operatorRejectsOverlappingKeys(input.operatorVersion)
          ? `'${key}' is a prefix of '${longer}': on Flink 2.x the operator fails the deploy ("Overlapping key prefixes detected")`
          : `'${key}' is a prefix of '${longer}': on Flink 2.x operator 1.11 writes nested YAML and silently drops one of them`,
        fix: `use the Flink 2.x key ('${key}.type' or the typed prop) instead of '${key}'`,
      });
    }
  }
  return problems;
}
