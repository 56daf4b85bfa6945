/**
 * Rule family `filesystem-scheme`: every URI Flink opens from a rendered FlinkDeployment (checkpoint,
 * savepoint, HA and changelog directories, `spec.job.initialSavepointPath`) uses a scheme a filesystem
 * plugin of the image serves (`../filesystem-schemes.ts` for the rule and its sources).
 *
 * The schemes come from the construct that rendered the object (its image and checkpoint store); for
 * YAML from other writers they are known only for the Kzmlabs image (`ghcr.io/kzmlabs/flink-statefun`,
 * also behind a registry mirror), and other images are not checked. As for flink-memory, what the
 * unpatched rendering has too is reported by the StateFunApp by prop name.
 */
import { deploymentSchemeProblems, KZMLABS_FILESYSTEM_SCHEMES } from '../filesystem-schemes';
import { flatConfiguration } from '../operator-rules';
import { isFlinkDeployment } from './crd-schema';
import { Finding, Manifest, ManifestRule, RuleContext } from './finding';
import { configurationField, onlyPatched } from './flink-memory';

const KZMLABS_IMAGE = /(^|\/)kzmlabs\/flink-statefun(:[^/@]+)?(@sha256:[a-f0-9]{64})?$/;

function objectFindings(m: Manifest, object: number, context: RuleContext): Finding[] {
  if (!isFlinkDeployment(m)) return [];
  const spec = (m.spec ?? {}) as any;
  const rendered = context.renderedBy?.[object];
  const image = typeof spec.image === 'string' ? spec.image : '';
  const schemes = rendered?.fileSystemSchemes ?? (KZMLABS_IMAGE.test(image) ? KZMLABS_FILESYSTEM_SCHEMES : undefined);
  if (!schemes) return [];
  return deploymentSchemeProblems(spec, flatConfiguration(spec.flinkConfiguration), schemes, rendered?.imageLabel ?? `the image ${image}`,
    configurationField, 'spec.job.initialSavepointPath')
    .map((p) => ({ rule: 'filesystem-scheme/uri', severity: 'error', object, field: p.field, value: p.value, why: p.why, fix: p.fix }));
}

/** @internal */
export const fileSystemSchemeRule: ManifestRule = (manifests, context) => {
  const findings: Finding[] = [];
  const of = (m: Manifest, object: number) => objectFindings(m, object, context);
  manifests.forEach((m, object) => findings.push(...onlyPatched(of(m, object), object, context, of)));
  return findings;
};
