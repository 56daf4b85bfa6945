import { crdSchemaRule } from './crd-schema';
import { credentialsRule } from './credentials';
import { fileSystemSchemeRule } from './filesystem-schemes';
import { Finding, Manifest, ManifestRule, RuleContext } from './finding';
import { flinkMemoryRule } from './flink-memory';
import { namesRule } from './names';
import { operatorValidatorRule } from './operator-validator';
import { patchRule } from './patches';
import { podTemplateRule } from './pod-template';
import { statefunModuleRule } from './statefun-module';
import { upgradePathRule } from './upgrade-paths';

/**
 * The last gate: every rule family that runs over the rendered manifests at synth. Each entry is a
 * pure function of the manifests (one file per family under `lib/rules/`); append new families here.
 * @internal
 */
export const GATE_RULES: ManifestRule[] = [
  crdSchemaRule,
  patchRule,
  podTemplateRule,
  // Before operator-validator: for a module-name both flag, this family's message fits YAML the library did not write.
  statefunModuleRule,
  operatorValidatorRule,
  flinkMemoryRule,
  fileSystemSchemeRule,
  upgradePathRule,
  namesRule,
  credentialsRule,
];

/**
 * Runs every rule over the rendered manifests. Findings come back in a fixed order (object, field,
 * rule) so messages are deterministic; when two families flag the same field of the same object only
 * the first one (in `GATE_RULES` order) is kept, so one mistake reads as one line.
 * @internal
 */
export function runGate(manifests: readonly Manifest[], context: RuleContext, rules: readonly ManifestRule[] = GATE_RULES): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const rule of rules) {
    for (const f of rule(manifests, context)) {
      const key = `${f.object}\u0000${f.field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  }
  return out.sort((a, b) => a.object - b.object || compare(a.field, b.field) || compare(a.rule, b.rule));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
