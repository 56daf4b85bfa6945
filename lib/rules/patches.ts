import { isFlinkDeployment } from './crd-schema';
import { Finding, Manifest, ManifestRule, RuleContext } from './finding';
import { fieldPath } from './paths';

/**
 * Patches are honoured or refused, never dropped: on an object the library rendered, a JSON patch may
 * add what the typed API lacks (and the other families check the result), but a field a typed prop
 * renders is the prop's. A patch that changes one is refused, naming the prop, because the rest of the
 * library (feature checks by image release, the RBAC of the ServiceAccount it creates, the upgrade
 * rules, the linter's view of the configuration) still believes the prop. The `flinkConfiguration`
 * keys typed props own are the configuration linter's (operator-validator family).
 */

const FAMILY = 'patch';
const MAIN_CONTAINER = 'flink-main-container';
const IMAGE_FIX = 'set the image prop (StateFunImage.kzmlabs(tag), or StateFunImage.fromImage(image, basedOnTag) for your own build) and imageRegistry for a mirror';

/** FlinkDeployment fields a typed prop of StateFunApp renders: path → the prop (or how to change it). */
const OWNED_FIELDS: ReadonlyArray<{ readonly path: ReadonlyArray<string>; readonly prop: string }> = [
  { path: ['metadata', 'name'], prop: 'set the name prop' },
  { path: ['spec', 'image'], prop: IMAGE_FIX },
  { path: ['spec', 'imagePullPolicy'], prop: 'set the imagePullPolicy prop' },
  { path: ['spec', 'flinkVersion'], prop: 'set the flinkVersion prop' },
  { path: ['spec', 'serviceAccount'], prop: 'pass the serviceAccount prop (the Role and RoleBinding the app creates are bound to its own ServiceAccount)' },
  { path: ['spec', 'restartNonce'], prop: 'set the restartNonce prop' },
  { path: ['spec', 'logConfiguration'], prop: 'set the logging prop (FlinkLogging.json() or FlinkLogging.logback(xml))' },
  { path: ['spec', 'jobManager', 'replicas'], prop: 'set jobManager.replicas' },
  { path: ['spec', 'jobManager', 'resource'], prop: 'set jobManager.resources' },
  { path: ['spec', 'taskManager', 'replicas'], prop: 'set taskManager.replicas' },
  { path: ['spec', 'taskManager', 'resource'], prop: 'set taskManager.resources' },
  { path: ['spec', 'job', 'jarURI'], prop: '' }, // the runner jar: no prop
  { path: ['spec', 'job', 'parallelism'], prop: 'set the parallelism prop (or taskManager.replicas)' },
  { path: ['spec', 'job', 'state'], prop: 'set the jobState prop' },
  { path: ['spec', 'job', 'upgradeMode'], prop: 'set the upgradeMode prop' },
  { path: ['spec', 'job', 'initialSavepointPath'], prop: 'set the initialSavepointPath prop' },
  { path: ['spec', 'job', 'allowNonRestoredState'], prop: 'set the allowNonRestoredState prop' },
];

function at(root: unknown, path: ReadonlyArray<string>): unknown {
  let node: any = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[key];
  }
  return node;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The patch family: typed-prop fields of a rendered FlinkDeployment changed by a JSON patch. @internal */
export const patchRule: ManifestRule = (manifests: readonly Manifest[], context: RuleContext): Finding[] => {
  const findings: Finding[] = [];
  manifests.forEach((m, object) => {
    const unpatched = context.renderedBy?.[object]?.unpatched;
    if (!unpatched || !isFlinkDeployment(m)) return;
    for (const { path, prop } of OWNED_FIELDS) {
      const before = at(unpatched, path);
      const after = at(m, path);
      if (same(before, after)) continue;
      findings.push({
        rule: `${FAMILY}/owned-field`,
        severity: 'error',
        object,
        field: fieldPath(path),
        value: after,
        why: prop
          ? `a JSON patch changed it from ${before === undefined ? '(not set)' : JSON.stringify(before)}, which the library renders from a typed prop; the rest of the app would still follow the prop`
          : `a JSON patch changed it from ${JSON.stringify(before)}, which the library fixes`,
        fix: prop ? `drop the patch and ${prop}` : 'drop the patch: the job is the StateFun runner of the image (local:///opt/flink/statefun-flink-runner.jar); no other jar runs the module',
      });
    }
    // The main container's own image would replace spec.image in the pods.
    for (const template of [['spec', 'podTemplate'], ['spec', 'jobManager', 'podTemplate'], ['spec', 'taskManager', 'podTemplate']]) {
      const containers = at(m, [...template, 'spec', 'containers']);
      if (!Array.isArray(containers)) continue;
      containers.forEach((c, i) => {
        if (c?.name !== MAIN_CONTAINER || c.image === undefined) return;
        const before = at(unpatched, [...template, 'spec', 'containers', String(i), 'image']);
        if (same(before, c.image)) return;
        findings.push({
          rule: `${FAMILY}/owned-field`,
          severity: 'error',
          object,
          field: fieldPath([...template, 'spec', 'containers', i, 'image']),
          value: c.image,
          why: `an image on ${MAIN_CONTAINER} replaces spec.image, which the library renders from the image prop; the feature checks would still follow the prop`,
          fix: `drop the patch and ${IMAGE_FIX}`,
        });
      });
    }
  });
  return findings;
};
