import { createHash } from 'crypto';
import { flatConfiguration } from '../operator-rules';
import { isFlinkDeployment } from './crd-schema';
import { Finding, Manifest, ManifestRule } from './finding';
import { fieldPath } from './paths';

/**
 * The effective JobManager and TaskManager pod templates of a FlinkDeployment, merged as the operator
 * merges them, and what must hold in each: the main container is there, it mounts the module, nothing
 * is mounted over Flink's configuration directory, the module hash annotation is there, and the pod
 * hardening is not silently undone.
 *
 * The merge: apache/flink-kubernetes-operator `FlinkUtils.mergePodTemplates` (release-1.11.0 to the 1.16
 * line, byte-identical), called by `FlinkConfigBuilder.applyPodTemplate` with `spec.podTemplate` as the
 * base and `spec.jobManager.podTemplate` / `spec.taskManager.podTemplate` merged into it
 * (flink-runtime-facts.md §7).
 */

/** The family id prefix. */
const FAMILY = 'pod-template';

/** Flink's main container name (Flink `Constants.MAIN_CONTAINER_NAME`). @internal */
export const MAIN_CONTAINER = 'flink-main-container';
/** The pod-template annotation holding the module's SHA-256 (what `StateFunApp` writes). @internal */
export const MODULE_HASH_ANNOTATION = 'cdk8s-statefun/module-sha256';
/**
 * FlinkDeployment annotation that opts out of the pod-hardening checks; its value is the reason
 * (non-empty), e.g. `log shipper reads host logs as root`. @internal
 */
export const POD_SECURITY_OPT_OUT = 'cdk8s-statefun/pod-security-opt-out';
/** The operator option that switches array merging from by-position to by-name. */
const MERGE_BY_NAME = 'kubernetes.operator.pod-template.merge-arrays-by-name';
/** Flink's `kubernetes.flink.conf.dir`, default `/opt/flink/conf` (KubernetesConfigOptions.FLINK_CONF_DIR). */
const CONF_DIR_KEY = 'kubernetes.flink.conf.dir';
const DEFAULT_CONF_DIR = '/opt/flink/conf';
const MODULE_NAME_KEY = 'statefun.remote.module-name';
/** The module volume the library renders (StateFunApp). @internal */
export const MODULE_VOLUME = 'statefun-module';
const LIBRARY_MODULE_VOLUME = MODULE_VOLUME;

type Path = Array<string | number>;
type Json = Record<string, any>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A merged template with the provenance of every node and key, so a finding names the field the user
 * wrote (in `spec.podTemplate` or the component's template), not a path in a tree nobody wrote.
 */
class Provenance {
  private readonly nodes = new WeakMap<object, Path>();
  private readonly keys = new WeakMap<object, Map<string, Path>>();

  public copy(node: unknown, path: Path): any {
    if (Array.isArray(node)) {
      const out = node.filter((v) => v !== null && v !== undefined).map((v, i) => this.copy(v, [...path, i]));
      this.nodes.set(out, path);
      return out;
    }
    if (!isObject(node)) return node;
    const out: Json = {};
    this.nodes.set(out, path);
    for (const [k, v] of Object.entries(node)) {
      if (v === null || v === undefined) continue;
      out[k] = this.copy(v, [...path, k]);
      this.setKey(out, k, [...path, k]);
    }
    return out;
  }

  /** Where a node came from. */
  public of(node: object): Path {
    return this.nodes.get(node) ?? [];
  }

  /** Where the value under `key` of `node` came from. */
  public ofKey(node: object, key: string): Path {
    return this.keys.get(node)?.get(key) ?? [...this.of(node), key];
  }

  public setKey(node: object, key: string, path: Path): void {
    let m = this.keys.get(node);
    if (!m) {
      m = new Map();
      this.keys.set(node, m);
    }
    m.set(key, path);
  }
}

/**
 * `FlinkUtils.mergeInto`: objects merge recursively; arrays merge by name when `byName` and every
 * element of both arrays has a name, else by position (element i into element i, surplus appended);
 * anything else is replaced. As in the operator, merging a non-object into an object, or into an array
 * element that is not an object, changes nothing (Jackson iterates the field names of the source node).
 */
function mergeInto(to: Json, from: Json, fromPath: Path, byName: boolean, p: Provenance): void {
  for (const [key, fromChild] of Object.entries(from)) {
    if (fromChild === null || fromChild === undefined) continue;
    const toChild = to[key];
    const childPath = [...fromPath, key];
    if (Array.isArray(toChild) && Array.isArray(fromChild)) {
      const named = (a: unknown[]) => a.every((e) => isObject(e) && typeof e.name === 'string');
      if (byName && named(toChild) && named(fromChild)) {
        fromChild.forEach((f: Json, i: number) => {
          const match = toChild.find((t: Json) => t.name === f.name);
          if (match) mergeInto(match, f, [...childPath, i], byName, p);
          else toChild.push(p.copy(f, [...childPath, i]));
        });
      } else {
        fromChild.forEach((f: unknown, i: number) => {
          if (f === null || f === undefined) return;
          if (toChild.length <= i) toChild.push(p.copy(f, [...childPath, i]));
          else if (isObject(toChild[i]) && isObject(f)) mergeInto(toChild[i], f, [...childPath, i], byName, p);
        });
      }
    } else if (isObject(toChild)) {
      if (isObject(fromChild)) mergeInto(toChild, fromChild, childPath, byName, p);
    } else {
      to[key] = p.copy(fromChild, childPath);
      p.setKey(to, key, childPath);
    }
  }
}

/** The pods of one component, as the operator builds their template. */
interface EffectiveTemplate {
  readonly role: 'JobManager' | 'TaskManager';
  readonly template: Json;
  /** The component's own template path, e.g. `spec.taskManager.podTemplate` (it may be absent). */
  readonly componentPath: Path;
}

/** The effective JobManager and TaskManager pod templates of a FlinkDeployment spec. @internal */
export function effectivePodTemplates(spec: Json, byName: boolean, p: Provenance = new Provenance()): EffectiveTemplate[] {
  const common = isObject(spec.podTemplate) ? spec.podTemplate : undefined;
  return (['jobManager', 'taskManager'] as const).map((key) => {
    const component = isObject(spec[key]) && isObject(spec[key].podTemplate) ? spec[key].podTemplate : undefined;
    const componentPath: Path = ['spec', key, 'podTemplate'];
    let template: Json;
    if (common) {
      template = p.copy(common, ['spec', 'podTemplate']);
      if (component) mergeInto(template, component, componentPath, byName, p);
    } else {
      template = component ? p.copy(component, componentPath) : p.copy({}, ['spec', 'podTemplate']);
    }
    return { role: key === 'jobManager' ? 'JobManager' : 'TaskManager', template, componentPath };
  });
}

/** Where the module file is, from `statefun.remote.module-name` (`file:///dir/module.yaml` or a path). */
function modulePathOf(conf: Record<string, string>): string | undefined {
  const name = conf[MODULE_NAME_KEY]?.trim();
  if (!name) return undefined;
  if (name.startsWith('file://')) return name.slice('file://'.length);
  return name.startsWith('/') ? name : undefined;
}

function normalize(path: string): string {
  return `/${path.split('/').filter((s) => s !== '' && s !== '.').join('/')}`;
}

function under(path: string, dir: string): boolean {
  const p = normalize(path);
  const d = normalize(dir);
  return p === d || p.startsWith(`${d}/`);
}

interface Draft {
  readonly rule: string;
  readonly field: Path;
  readonly value: unknown;
  readonly why: (roles: string) => string;
  readonly fix: string;
}

/**
 * The pod-template family (see the file comment). Findings about a field both components inherit
 * (from `spec.podTemplate`) are reported once, naming both.
 * @internal
 */
export const podTemplateRule: ManifestRule = (manifests: readonly Manifest[]): Finding[] => {
  const findings: Finding[] = [];
  manifests.forEach((m, object) => {
    if (!isFlinkDeployment(m) || !isObject(m.spec)) return;
    const spec = m.spec as Json;
    const conf = flatConfiguration(spec.flinkConfiguration);
    const byName = (conf[MERGE_BY_NAME] ?? '').trim().toLowerCase() === 'true';
    const optOut = (m.metadata?.annotations?.[POD_SECURITY_OPT_OUT] ?? '').trim() !== '';
    const p = new Provenance();
    const drafts = new Map<string, { draft: Draft; roles: string[] }>();
    const add = (role: string, d: Draft) => {
      const key = `${d.rule} ${fieldPath(d.field)}`;
      const seen = drafts.get(key);
      if (seen) seen.roles.push(role);
      else drafts.set(key, { draft: d, roles: [role] });
    };
    for (const t of effectivePodTemplates(spec, byName, p)) {
      for (const d of templateDrafts(t, spec, conf, byName, optOut, manifests, m, p)) add(t.role, d);
    }
    for (const { draft, roles } of drafts.values()) {
      findings.push({
        rule: `${FAMILY}/${draft.rule}`,
        severity: 'error',
        object,
        field: fieldPath(draft.field),
        value: draft.value,
        why: draft.why(roles.join(' and ')),
        fix: draft.fix,
      });
    }
  });
  return findings;
};

function templateDrafts(t: EffectiveTemplate, spec: Json, conf: Record<string, string>, byName: boolean,
  optOut: boolean, manifests: readonly Manifest[], deployment: Manifest, p: Provenance): Draft[] {
  const out: Draft[] = [];
  // A template without a spec: findings still name the full path (spec.podTemplate.spec.…).
  const podSpec: Json = isObject(t.template.spec) ? t.template.spec : p.copy({}, [...p.of(t.template), 'spec']);
  const containers: Json[] = Array.isArray(podSpec.containers) ? podSpec.containers.filter(isObject) : [];
  const main = containers.find((c) => c.name === MAIN_CONTAINER);

  // 1. The main container.
  if (!main) {
    out.push(missingMainContainer(t, spec, byName, containers, p));
  }

  // 2. The module mounted in the main container.
  const modulePath = modulePathOf(conf);
  const volumes: Json[] = Array.isArray(podSpec.volumes) ? podSpec.volumes.filter(isObject) : [];
  const mounts: Json[] = main && Array.isArray(main.volumeMounts) ? main.volumeMounts.filter(isObject) : [];
  const libraryVolume = volumes.find((v) => v.name === LIBRARY_MODULE_VOLUME);
  if (main && (modulePath || libraryVolume)) {
    const moduleMount = modulePath
      ? mounts.find((vm) => typeof vm.mountPath === 'string' && (normalize(vm.mountPath) === normalize(modulePath) || under(modulePath, vm.mountPath)))
      : mounts.find((vm) => vm.name === LIBRARY_MODULE_VOLUME);
    const where = modulePath ? `${modulePath} (${MODULE_NAME_KEY})` : `the ${LIBRARY_MODULE_VOLUME} volume`;
    if (!moduleMount) {
      out.push({
        rule: 'module-mount',
        field: main.volumeMounts ? p.of(main.volumeMounts) : [...p.of(main), 'volumeMounts'],
        value: mounts.map((vm) => vm.mountPath),
        why: (roles) => `${MAIN_CONTAINER} of the ${roles} pods does not mount the module at ${where}: StateFun finds no module and the job fails at startup ("There are no ingress defined.")`,
        fix: 'keep the module mount the library renders (do not patch or merge it away)',
      });
    } else {
      const volume = volumes.find((v) => v.name === moduleMount.name);
      if (!volume) {
        out.push({
          rule: 'module-volume',
          field: p.ofKey(moduleMount, 'name'),
          value: moduleMount.name,
          why: (roles) => `the module mount of the ${roles} pods names a volume the pod template does not have: the pods are not created`,
          fix: `keep the ${LIBRARY_MODULE_VOLUME} volume the library renders`,
        });
      } else {
        out.push(...moduleHashDrafts(t, volume, modulePath, manifests, deployment, p));
      }
    }
  }

  // 3. Nothing over Flink's configuration directory.
  const confDir = conf[CONF_DIR_KEY]?.trim() || DEFAULT_CONF_DIR;
  for (const vm of mounts) {
    if (typeof vm.mountPath === 'string' && under(vm.mountPath, confDir)) {
      out.push({
        rule: 'conf-dir',
        field: p.ofKey(vm, 'mountPath'),
        value: vm.mountPath,
        why: (roles) => `Flink mounts its configuration (ConfigMap flink-config-<name>: config.yaml and the logging files) at ${confDir} in ${MAIN_CONTAINER}; a volume at or under it in the ${roles} pods hides or clashes with that mount, so Flink runs without its configuration or the pod is not created`,
        fix: 'mount it elsewhere (e.g. /opt/flink/extra) and point Flink at it with a typed prop or a flinkConfiguration key',
      });
    }
  }

  // 5. Hardening (unless opted out by name).
  if (!optOut) out.push(...hardeningDrafts(podSpec, main, p));
  return out;
}

function missingMainContainer(t: EffectiveTemplate, spec: Json, byName: boolean, containers: Json[], p: Provenance): Draft {
  const common = spec.podTemplate?.spec?.containers;
  const component = spec[t.role === 'JobManager' ? 'jobManager' : 'taskManager']?.podTemplate?.spec?.containers;
  const mainIndex = Array.isArray(common) ? common.findIndex((c: Json) => isObject(c) && c.name === MAIN_CONTAINER) : -1;
  const renamer = mainIndex >= 0 && Array.isArray(component) && isObject(component[mainIndex]) ? component[mainIndex] : undefined;
  const effects = 'Flink then adds a bare main container without the module mount, the environment and the hardening, and the job fails without its module';
  if (renamer && typeof renamer.name === 'string') {
    return {
      rule: 'main-container',
      field: [...t.componentPath, 'spec', 'containers', mainIndex, 'name'],
      value: renamer.name,
      why: (roles) => `the operator merges pod-template arrays by position (${byName ? 'not every container has a name' : `${MERGE_BY_NAME} is not "true"`}), so this container is merged into ${MAIN_CONTAINER} of spec.podTemplate and renames it: the ${roles} pods have no ${MAIN_CONTAINER}; ${effects}`,
      fix: `list ${MAIN_CONTAINER} at position ${mainIndex} of this containers array (only the fields to change), or set flinkConfiguration '${MERGE_BY_NAME}': 'true' and name every container and volume`,
    };
  }
  return {
    rule: 'main-container',
    field: Array.isArray(t.template.spec?.containers) ? p.of(t.template.spec.containers) : ['spec', 'podTemplate', 'spec', 'containers'],
    value: containers.map((c) => c.name),
    why: (roles) => `no container named ${MAIN_CONTAINER} in the ${roles} pod template; ${effects}`,
    fix: `keep the ${MAIN_CONTAINER} container the library renders in spec.podTemplate`,
  };
}

function moduleHashDrafts(t: EffectiveTemplate, volume: Json, modulePath: string | undefined, manifests: readonly Manifest[],
  deployment: Manifest, p: Provenance): Draft[] {
  const metadata: Json = isObject(t.template.metadata) ? t.template.metadata : {};
  const annotations: Json = isObject(metadata.annotations) ? metadata.annotations : {};
  const hash = annotations[MODULE_HASH_ANNOTATION];
  const field: Path = isObject(metadata.annotations)
    ? p.ofKey(metadata.annotations, MODULE_HASH_ANNOTATION)
    : [...(isObject(t.template.metadata) ? p.of(t.template.metadata) : ['spec', 'podTemplate', 'metadata']), 'annotations', MODULE_HASH_ANNOTATION];
  if (typeof hash !== 'string' || hash === '') {
    return [{
      rule: 'module-hash',
      field,
      value: hash,
      why: (roles) => `without the module's hash in the ${roles} pod template a changed module.yaml does not change the FlinkDeployment spec: the operator does not restart the job and the pods keep running the old module`,
      fix: 'keep the annotation the library writes (do not patch the pod-template metadata)',
    }];
  }
  // When the mounted ConfigMap is among the manifests, the hash must be that of its module file.
  const cmName = isObject(volume.configMap) ? volume.configMap.name : undefined;
  const namespace = deployment.metadata?.namespace;
  const cm = manifests.find((o) => o.kind === 'ConfigMap' && o.metadata?.name === cmName && o.metadata?.namespace === namespace);
  const fileName = modulePath ? modulePath.slice(modulePath.lastIndexOf('/') + 1) : 'module.yaml';
  const text = isObject(cm?.data) ? (cm!.data as Json)[fileName] : undefined;
  if (typeof text !== 'string') return [];
  const expected = createHash('sha256').update(text).digest('hex');
  if (expected === hash) return [];
  return [{
    rule: 'module-hash',
    field,
    value: hash,
    why: (roles) => `not the SHA-256 of ${fileName} in ConfigMap ${cmName} (${expected}): a module change would not restart the ${roles} pods`,
    fix: 'keep the annotation the library writes (do not patch the pod-template metadata)',
  }];
}

function hardeningDrafts(podSpec: Json, main: Json | undefined, p: Provenance): Draft[] {
  const out: Draft[] = [];
  const optOut = `opt out by name: annotate the FlinkDeployment with ${POD_SECURITY_OPT_OUT}: "<reason>" (app.flinkDeployment.metadata.addAnnotation(...))`;
  const fix = `remove it; if the pods really need it, ${optOut}`;
  // A field that is not set (YAML the library did not write, or a patch that removed it): say what to set.
  const fixUnset = (value: unknown, setting: string) => (value === undefined ? `set ${setting}; if the pods really must run without it, ${optOut}` : fix);
  const psc: Json | undefined = isObject(podSpec.securityContext) ? podSpec.securityContext : undefined;
  const fieldOf = (node: Json | undefined, parent: Json, parentKey: string, key: string): Path =>
    node ? p.ofKey(node, key) : [...p.of(parent), parentKey, key];

  if (psc?.runAsNonRoot !== true) {
    out.push({
      rule: 'run-as-non-root',
      field: fieldOf(psc, podSpec, 'securityContext', 'runAsNonRoot'),
      value: psc?.runAsNonRoot,
      why: (roles) => `the ${roles} pods would no longer be required to run as a non-root user (the library sets runAsNonRoot: true; the Flink image runs as uid 9999)`,
      fix: fixUnset(psc?.runAsNonRoot, 'runAsNonRoot: true'),
    });
  }
  const seccomp = psc && isObject(psc.seccompProfile) ? psc.seccompProfile : undefined;
  if (!seccomp || !['RuntimeDefault', 'Localhost'].includes(seccomp.type)) {
    out.push({
      rule: 'seccomp',
      field: seccomp ? p.ofKey(seccomp, 'type') : fieldOf(psc, podSpec, 'securityContext', 'seccompProfile'),
      value: seccomp ? seccomp.type : undefined,
      why: (roles) => `the ${roles} pods would run without a seccomp profile (the library sets RuntimeDefault, what the restricted Pod Security Standard requires)`,
      fix: fixUnset(seccomp ? seccomp.type : undefined, 'seccompProfile: { type: RuntimeDefault }'),
    });
  }
  if (psc?.runAsUser === 0) {
    out.push({ rule: 'run-as-root', field: p.ofKey(psc, 'runAsUser'), value: 0, why: (roles) => `the ${roles} pods would run as root`, fix });
  }
  for (const listKey of ['initContainers', 'containers']) {
    const list = Array.isArray(podSpec[listKey]) ? podSpec[listKey].filter(isObject) : [];
    for (const c of list) {
      const sc: Json | undefined = isObject(c.securityContext) ? c.securityContext : undefined;
      const who = `container ${c.name ?? '(unnamed)'} of the`;
      if (sc?.privileged === true) out.push({ rule: 'privileged', field: p.ofKey(sc, 'privileged'), value: true, why: (roles) => `${who} ${roles} pods would run privileged (full access to the node)`, fix });
      if (sc?.runAsUser === 0) out.push({ rule: 'run-as-root', field: p.ofKey(sc, 'runAsUser'), value: 0, why: (roles) => `${who} ${roles} pods would run as root`, fix });
      if (sc?.runAsNonRoot === false) out.push({ rule: 'run-as-non-root', field: p.ofKey(sc, 'runAsNonRoot'), value: false, why: (roles) => `${who} ${roles} pods would be allowed to run as root`, fix });
      if (isObject(sc?.seccompProfile) && sc!.seccompProfile.type === 'Unconfined') out.push({ rule: 'seccomp', field: p.ofKey(sc!.seccompProfile, 'type'), value: 'Unconfined', why: (roles) => `${who} ${roles} pods would run without a seccomp profile`, fix });
      const added = isObject(sc?.capabilities) && Array.isArray(sc!.capabilities.add) ? sc!.capabilities.add : [];
      if (added.length > 0) out.push({ rule: 'capabilities', field: p.of(sc!.capabilities.add), value: added, why: (roles) => `${who} ${roles} pods would gain Linux capabilities (the library drops all)`, fix });
      const isMain = c === main;
      if (sc?.allowPrivilegeEscalation === true || (isMain && sc?.allowPrivilegeEscalation !== false)) {
        out.push({
          rule: 'privilege-escalation',
          field: sc ? p.ofKey(sc, 'allowPrivilegeEscalation') : [...p.of(c), 'securityContext', 'allowPrivilegeEscalation'],
          value: sc?.allowPrivilegeEscalation,
          why: (roles) => `${who} ${roles} pods would allow privilege escalation (the library sets allowPrivilegeEscalation: false)`,
          fix: fixUnset(sc?.allowPrivilegeEscalation, 'allowPrivilegeEscalation: false'),
        });
      }
      if (isMain) {
        const drop = isObject(sc?.capabilities) && Array.isArray(sc!.capabilities.drop) ? sc!.capabilities.drop : [];
        if (!drop.includes('ALL')) {
          out.push({
            rule: 'capabilities',
            field: isObject(sc?.capabilities) ? p.ofKey(sc!.capabilities, 'drop') : [...(sc ? p.of(sc) : [...p.of(c), 'securityContext']), 'capabilities', 'drop'],
            value: isObject(sc?.capabilities) ? sc!.capabilities.drop : undefined,
            why: (roles) => `${who} ${roles} pods would keep the runtime's default Linux capabilities (the library drops ALL)`,
            fix: fixUnset(isObject(sc?.capabilities) ? sc!.capabilities.drop : undefined, 'capabilities: { drop: [ALL] }'),
          });
        }
      }
    }
  }
  return out;
}
