import { MODULE_URI, RUNNER_JAR_URI } from '../flink-configuration';
import { ModuleImport } from '../module-import';
import { flatConfiguration } from '../operator-rules';
import { isFlinkDeployment } from './crd-schema';
import { Finding, Manifest, ManifestRule, RuleContext } from './finding';
import { fieldPath } from './paths';

/**
 * The StateFun module as the runtime finds and reads it, from the rendered manifests alone:
 *
 * - `module-name`: the FlinkDeployment names its module with the Flink key `statefun.remote.module-name`
 *   (default `classpath:module.yaml`, and the image has no module on its classpath)
 *   [kzmlabs/flink-statefun `StatefulFunctionsConfig.REMOTE_MODULE_NAME`, `ResourceLocator`];
 * - `module-path-env`: the environment variable `STATEFUN_MODULE_PATH` of the deployment guide is read
 *   by no runner, configuration class or resource locator (statefun-runtime.md §1 row 1);
 * - `module-configmap` / `module-key`: the key → the main container's mount → the pod volume → the
 *   ConfigMap and its key (the file name under the mount, or the `items` mapping);
 * - `module`: the module text parsed like the runtime parses it (lib/module-import.ts: multi-document
 *   or legacy 3.0 layout, YAML 1.1, unknown kinds and fields, the guides' wrong spellings, duplicate ids);
 * - `jar`: `spec.job.jarURI` is the runner the image holds, `/opt/flink/statefun-flink-runner.jar`
 *   (kzmlabs/flink-statefun `statefun-docker/src/main/docker/Dockerfile`; the guide's
 *   `/opt/flink/usrlib/…` and the runner example's `/opt/flink/statefun.jar` do not exist);
 * - `endpoint-service`: an endpoint URL naming an in-cluster Service (`name`, `name.ns`,
 *   `name.ns.svc[.cluster.local]`) reaches pods: the Service has the URL's port, selects pods of a
 *   workload among the manifests, and its target port is a port of their containers.
 *
 * The mount itself (present in both pods, not over /opt/flink/conf) is the pod-template family's.
 */

const FAMILY = 'statefun-module';
const MODULE_NAME_KEY = 'statefun.remote.module-name';
const MODULE_NAME_FIELD = `spec.flinkConfiguration['${MODULE_NAME_KEY}']`;
const MAIN_CONTAINER = 'flink-main-container';
const MODULE_PATH_ENV = 'STATEFUN_MODULE_PATH';
const STATEFUN_IMAGE = /(^|\/)kzmlabs\/flink-statefun[:@]/;
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];
const MOUNT_FIX = `mount the module ConfigMap at /opt/statefun in ${MAIN_CONTAINER} of spec.podTemplate and set flinkConfiguration ${MODULE_NAME_KEY}: ${MODULE_URI} (what StateFunApp renders)`;

type Json = Record<string, any>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** Two namespaces match when equal or when either is unset (Helm output often leaves it to `-n`). */
function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

function normalize(path: string): string {
  return `/${path.split('/').filter((s) => s !== '' && s !== '.').join('/')}`;
}

/** The file path a module name points at, or undefined for the classpath or another scheme. */
function moduleFile(name: string): string | undefined {
  if (name.startsWith('file://')) return normalize(name.slice('file://'.length));
  if (name.startsWith('/')) return normalize(name);
  return undefined;
}

interface Ctx {
  readonly manifests: readonly Manifest[];
  readonly object: number;
  readonly findings: Finding[];
}

function add(ctx: Ctx, rule: string, field: string, value: unknown, why: string, fix: string, severity: 'error' | 'warning' = 'error'): void {
  ctx.findings.push({ rule: `${FAMILY}/${rule}`, severity, object: ctx.object, field, value, why, fix });
}

/** The StateFun module family (see the file comment). @internal */
export const statefunModuleRule: ManifestRule = (manifests: readonly Manifest[], context: RuleContext): Finding[] => {
  const findings: Finding[] = [];
  manifests.forEach((m, object) => {
    if (!isFlinkDeployment(m) || !isObject(m.spec)) return;
    const ctx: Ctx = { manifests, object, findings };
    const spec = m.spec as Json;
    envFindings(ctx, spec);
    jarFindings(ctx, spec);
    const conf = flatConfiguration(spec.flinkConfiguration);
    const name = conf[MODULE_NAME_KEY]?.trim();
    if (!name) {
      add(ctx, 'module-name', MODULE_NAME_FIELD, undefined,
        'StateFun reads its module from this key, default classpath:module.yaml, and the image has no module.yaml on its classpath: the job fails at startup ("There are no ingress defined.")',
        `set it to the mounted module file, e.g. ${MODULE_URI}; ${MOUNT_FIX}`);
      return;
    }
    const file = moduleFile(name);
    if (!file) {
      add(ctx, 'module-name', MODULE_NAME_FIELD, name,
        name.startsWith('classpath:')
          ? 'the image has no module.yaml on its classpath: the job fails at startup ("There are no ingress defined.")'
          : 'the runtime reads a module from the classpath or from a file; the pods can read only files mounted into them',
        `point it at the mounted module file, e.g. ${MODULE_URI}; ${MOUNT_FIX}`);
      return;
    }
    const text = moduleText(ctx, m, spec, file, name);
    // A module the library rendered was checked by its components, by prop name, and some of it is
    // accepted only with an explicit prop (e.g. an exactly-once Kafka egress): not checked again here.
    if (text === undefined || context.renderedBy?.[object] !== undefined) return;
    const imported = ModuleImport.parse(text.text);
    for (const p of imported._located) {
      // `data['module.yaml'] document 2 spec.…`, the form the credentials family uses: one mistake, one line.
      const at = `data['${text.key}'] ${p.location.replace(/ \(.*\)$/, '')}`;
      findings.push({
        rule: `${FAMILY}/module`,
        severity: 'error',
        object: text.index,
        field: p.problem.field === '(document)' || p.problem.field === '(components)' ? at : `${at} ${p.problem.field}`,
        value: p.problem.value,
        why: p.problem.why,
        fix: p.problem.fix,
      });
    }
    for (const endpoint of imported.httpEndpoints) {
      endpointFindings(findings, manifests, text.index, `data['${text.key}']`, endpoint.url, m.metadata?.namespace);
    }
  });
  return findings;
};

function envFindings(ctx: Ctx, spec: Json): void {
  const templates: Array<[Array<string | number>, unknown]> = [
    [['spec', 'podTemplate'], spec.podTemplate],
    [['spec', 'jobManager', 'podTemplate'], spec.jobManager?.podTemplate],
    [['spec', 'taskManager', 'podTemplate'], spec.taskManager?.podTemplate],
  ];
  for (const [path, template] of templates) {
    if (!isObject(template) || !isObject(template.spec)) continue;
    for (const kind of ['initContainers', 'containers']) {
      const containers = Array.isArray(template.spec[kind]) ? template.spec[kind] : [];
      containers.forEach((c: unknown, ci: number) => {
        if (!isObject(c)) return;
        (Array.isArray(c.env) ? c.env : []).forEach((e: unknown, ei: number) => {
          if (!isObject(e) || e.name !== MODULE_PATH_ENV) return;
          add(ctx, 'module-path-env', fieldPath([...path, 'spec', kind, ci, 'env', ei, 'name']), MODULE_PATH_ENV,
            `no StateFun code reads ${MODULE_PATH_ENV} (the deployment guide's variable): the runtime finds its module only through flinkConfiguration ${MODULE_NAME_KEY}`,
            `remove it and set ${MODULE_NAME_KEY} to the mounted module file, e.g. ${MODULE_URI}`);
        });
      });
    }
  }
}

function jarFindings(ctx: Ctx, spec: Json): void {
  if (!isObject(spec.job)) return;
  const jar = spec.job.jarURI;
  if (jar === RUNNER_JAR_URI) return;
  const statefunImage = typeof spec.image === 'string' && STATEFUN_IMAGE.test(spec.image);
  add(ctx, 'jar', 'spec.job.jarURI', jar,
    `the StateFun image holds its runner at ${RUNNER_JAR_URI.slice('local://'.length)}${statefunImage ? '; there is no such file in it and the job does not start' : '; an image built on it has it there unless it moved it'}`,
    `write jarURI: ${RUNNER_JAR_URI}`, statefunImage ? 'error' : 'warning');
}

/** The main container of the common pod template, where the module must be mounted for both pods. */
function mainContainer(spec: Json): Json | undefined {
  return list(spec.podTemplate?.spec?.containers).find((c) => c.name === MAIN_CONTAINER);
}

/** Finds the module text through mount → volume → ConfigMap; reports a missing ConfigMap or key. */
interface ModuleText {
  readonly text: string;
  /** Index of the ConfigMap. */
  readonly index: number;
  readonly key: string;
}

function moduleText(ctx: Ctx, deployment: Manifest, spec: Json, file: string, name: string): ModuleText | undefined {
  const main = mainContainer(spec);
  if (!main) return undefined; // the pod-template family reports the missing main container
  const mount = list(main.volumeMounts).find((vm) => typeof vm.mountPath === 'string'
    && (normalize(vm.mountPath) === file || file.startsWith(`${normalize(vm.mountPath)}/`)));
  if (!mount) return undefined; // the pod-template family reports the missing mount
  const volume = list(spec.podTemplate?.spec?.volumes).find((v) => v.name === mount.name);
  if (!volume || !isObject(volume.configMap) || typeof volume.configMap.name !== 'string') return undefined; // other sources cannot be read here
  const configMapName: string = volume.configMap.name;
  const namespace = deployment.metadata?.namespace;
  const index = ctx.manifests.findIndex((o) => o.kind === 'ConfigMap' && o.metadata?.name === configMapName && sameNamespace(o.metadata?.namespace, namespace));
  if (index < 0) {
    add(ctx, 'module-configmap', MODULE_NAME_FIELD, name,
      `the module is ConfigMap ${configMapName} (volume ${mount.name}), which is not among the checked manifests, so the module was not checked`,
      `lint the ConfigMap ${configMapName} together with the FlinkDeployment`, 'warning');
    return undefined;
  }
  // The key: the path under the mount (with subPath, the subPath itself), mapped back through items.
  const relative = typeof mount.subPath === 'string' && mount.subPath !== ''
    ? mount.subPath
    : file.slice(normalize(mount.mountPath).length + 1);
  const items = list(volume.configMap.items);
  const key = items.length > 0 ? items.find((i) => typeof i.path === 'string' && normalize(i.path) === normalize(relative))?.key : relative;
  const data = (ctx.manifests[index] as Json).data;
  const text = typeof key === 'string' && isObject(data) ? data[key] : undefined;
  if (typeof text !== 'string') {
    add(ctx, 'module-key', MODULE_NAME_FIELD, name,
      `the mount of ConfigMap ${configMapName} has no file ${file}${key !== undefined ? ` (the ConfigMap has no key ${key})` : ' (no items entry maps a key to it)'}: the job fails at startup ("There are no ingress defined.")`,
      `put the module under key ${key ?? 'module.yaml'} of ConfigMap ${configMapName}, or point ${MODULE_NAME_KEY} at the file the mount holds`);
    return undefined;
  }
  return { text, index, key: key as string };
}

/** `name`, `name.ns`, `name.ns.svc`, `name.ns.svc.cluster.local` → the Service; anything else is not in-cluster. */
function serviceOf(host: string, namespace: string | undefined): { name: string; namespace: string | undefined } | undefined {
  const m = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?:\.([a-z0-9]([-a-z0-9]*[a-z0-9])?))?(\.svc(\.cluster\.local)?)?$/.exec(host.toLowerCase());
  if (!m) return undefined;
  // `a.b` without .svc is ambiguous with an external host; only bare names and .svc names are in-cluster for sure.
  if (m[3] !== undefined && m[5] === undefined) return undefined;
  if (m[3] === undefined && m[5] !== undefined) return undefined;
  return { name: m[1], namespace: m[3] ?? namespace };
}

function endpointFindings(findings: Finding[], manifests: readonly Manifest[], object: number, at: string, url: unknown,
  namespace: string | undefined): void {
  if (typeof url !== 'string') return;
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{function\.name\}/g, 'fn'));
  } catch {
    return; // the module family reports a URL the runtime cannot read
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return;
  const target = serviceOf(parsed.hostname, namespace);
  if (!target) return;
  const field = `${at} endpoint ${url}`;
  const report = (rule: string, value: unknown, why: string, fix: string, severity: 'error' | 'warning' = 'error') =>
    findings.push({ rule: `${FAMILY}/${rule}`, severity, object, field, value, why, fix });
  const serviceIndex = manifests.findIndex((o) => o.kind === 'Service' && o.metadata?.name === target.name && sameNamespace(o.metadata?.namespace, target.namespace));
  if (serviceIndex < 0) return; // served by a Service deployed elsewhere: nothing to check here
  const service = manifests[serviceIndex] as Json;
  const port = parsed.port !== '' ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  const servicePort = list(service.spec?.ports).find((p) => p.port === port);
  const serviceName = `Service ${target.name}`;
  if (!servicePort) {
    report('endpoint-service', url, `${serviceName} has no port ${port} (it has ${list(service.spec?.ports).map((p) => p.port).join(', ') || 'none'}): every call fails to connect`,
      `use a port of ${serviceName} in the URL, or add port ${port} to the Service`);
    return;
  }
  if (service.spec?.type === 'ExternalName') return;
  const selector = service.spec?.selector;
  if (!isObject(selector) || Object.keys(selector).length === 0) return; // endpoints managed by hand
  const workloads = manifests.filter((o) => WORKLOAD_KINDS.includes(o.kind ?? '') && sameNamespace(o.metadata?.namespace, service.metadata?.namespace));
  const selected = workloads.filter((w) => {
    const labels = (w as Json).spec?.template?.metadata?.labels;
    return isObject(labels) && Object.entries(selector).every(([k, v]) => labels[k] === v);
  });
  if (selected.length === 0) {
    if (workloads.length === 0) return; // the workloads are not among the manifests
    report('endpoint-service', selector, `${serviceName} selects the pods of no workload among the manifests (${workloads.map((w) => `${w.kind}/${w.metadata?.name}`).join(', ')}): the endpoint has no backends`,
      'make the Service selector match the function pods\' labels');
    return;
  }
  const targetPort = servicePort.targetPort ?? servicePort.port;
  const serves = selected.some((w) => list((w as Json).spec?.template?.spec?.containers).some((c) =>
    typeof targetPort === 'number'
      ? list(c.ports).some((p) => p.containerPort === targetPort) || list(c.ports).length === 0
      : list(c.ports).some((p) => p.name === targetPort)));
  if (!serves) {
    report('endpoint-service', targetPort, `${serviceName} forwards port ${port} to ${targetPort}, which no container of ${selected.map((w) => `${w.kind}/${w.metadata?.name}`).join(', ')} declares: every call fails to connect`,
      'set the Service targetPort to the port the function listens on');
  }
}
