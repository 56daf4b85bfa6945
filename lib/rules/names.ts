/**
 * The last gate's names family: Kubernetes object names as the API server validates them, one object
 * per kind/namespace/name, no object under a name the operator or Flink create for a FlinkDeployment,
 * no labels that make them treat an object as their own, and no Secret referenced across namespaces.
 * Pure functions of rendered manifests; the helpers are shared with the constructs' prop checks.
 */
import { Finding, Manifest, ManifestRule } from './finding';

// ---------------------------------------------------------------------------
// API server name rules
// ---------------------------------------------------------------------------

/** Which name validation the API server applies to a kind. @internal */
export type NameRule = 'DNS-1123 label' | 'DNS-1035 label' | 'DNS-1123 subdomain';

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL = new RegExp(`^${LABEL}$`);
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = new RegExp(`^${LABEL}(\\.${LABEL})*$`);

/**
 * The rule per kind (kubernetes/kubernetes `pkg/apis/core/validation/validation.go`: `ValidateNamespaceName`
 * = `NameIsDNSLabel`, `ValidateServiceName` = `NameIsDNS1035Label`, `ValidateConfigMapName`,
 * `ValidateSecretName`, `ValidateServiceAccountName` = `NameIsDNSSubdomain`; `pkg/apis/apps/validation`
 * `ValidateDeploymentName`, autoscaling, policy, networking: `NameIsDNSSubdomain`; custom resources:
 * apiextensions-apiserver `customResourceValidator` with `NameIsDNSSubdomain`). Kinds not listed (RBAC
 * objects accept any path segment) are not checked.
 */
const NAME_RULES: Record<string, NameRule> = {
  Namespace: 'DNS-1123 label',
  Service: 'DNS-1035 label',
  ConfigMap: 'DNS-1123 subdomain',
  Secret: 'DNS-1123 subdomain',
  ServiceAccount: 'DNS-1123 subdomain',
  Deployment: 'DNS-1123 subdomain',
  StatefulSet: 'DNS-1123 subdomain',
  DaemonSet: 'DNS-1123 subdomain',
  Job: 'DNS-1123 subdomain',
  Pod: 'DNS-1123 subdomain',
  HorizontalPodAutoscaler: 'DNS-1123 subdomain',
  PodDisruptionBudget: 'DNS-1123 subdomain',
  NetworkPolicy: 'DNS-1123 subdomain',
  Ingress: 'DNS-1123 subdomain',
  FlinkDeployment: 'DNS-1123 subdomain',
  FlinkSessionJob: 'DNS-1123 subdomain',
  ServiceMonitor: 'DNS-1123 subdomain',
  PodMonitor: 'DNS-1123 subdomain',
  PrometheusRule: 'DNS-1123 subdomain',
};

/** The name rule the API server applies to objects of `kind`, if the library knows it. @internal */
export function nameRuleFor(kind: string | undefined): NameRule | undefined {
  return kind === undefined ? undefined : NAME_RULES[kind];
}

/**
 * Why `name` breaks `rule` (apimachinery `pkg/util/validation/validation.go`: `IsDNS1123Label`, 63
 * characters; `IsDNS1035Label`, 63; `IsDNS1123Subdomain`, 253), or undefined when it is valid.
 * @internal
 */
export function kubernetesNameProblem(rule: NameRule, name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'a name is required';
  const max = rule === 'DNS-1123 subdomain' ? 253 : 63;
  const shape = rule === 'DNS-1123 label' ? DNS1123_LABEL : rule === 'DNS-1035 label' ? DNS1035_LABEL : DNS1123_SUBDOMAIN;
  if (name.length <= max && shape.test(name)) return undefined;
  const what = rule === 'DNS-1123 label'
    ? "lower-case alphanumerics and '-', starting and ending with an alphanumeric"
    : rule === 'DNS-1035 label'
      ? "lower-case alphanumerics and '-', starting with a letter and ending with an alphanumeric"
      : "lower-case alphanumerics, '-' and '.', each dot-separated part starting and ending with an alphanumeric";
  return `the API server requires a ${rule}: ${what}, at most ${max} characters${name.length > max ? ` (this one has ${name.length})` : ''}`;
}

/** A suggestion for the fix text: the name lower-cased with invalid characters replaced. @internal */
export function suggestKubernetesName(name: unknown, max = 63): string {
  const s = String(name ?? '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, max).replace(/-+$/, '');
  return s || 'my-name';
}

// ---------------------------------------------------------------------------
// Objects the operator and Flink create for a FlinkDeployment
// ---------------------------------------------------------------------------

/** An object the operator or Flink creates for a FlinkDeployment. @internal */
export interface FlinkOwnedObject {
  readonly kind: string;
  /** The name, or a pattern for names with a generated part. */
  readonly name: string | RegExp;
  /** How the name is written in messages, e.g. `orders-rest`. */
  readonly display: string;
  /** What it is and who creates it, with the source. */
  readonly what: string;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What the operator and Flink create in the namespace of FlinkDeployment `name`
 * (`flink-runtime-facts.md` §3, with its sources). Listed whatever the current settings, since a
 * change of HA, mode or ingress later would otherwise clash with an object already applied.
 * @internal
 */
export function flinkOwnedObjects(name: string): FlinkOwnedObject[] {
  const n = esc(name);
  return [
    { kind: 'Deployment', name, display: name, what: 'the JobManager Deployment (Flink KubernetesJobManagerFactory, KubernetesUtils.getDeploymentName)' },
    { kind: 'Deployment', name: `${name}-taskmanager`, display: `${name}-taskmanager`, what: 'the TaskManager Deployment of standalone mode (operator StandaloneKubernetesUtils)' },
    { kind: 'Service', name, display: name, what: "the JobManager's internal Service (Flink InternalServiceDecorator)" },
    { kind: 'Service', name: `${name}-rest`, display: `${name}-rest`, what: 'the REST Service (Flink ExternalServiceDecorator, suffix -rest)' },
    { kind: 'Ingress', name, display: name, what: 'the REST Ingress of spec.ingress (operator IngressUtils)' },
    { kind: 'ConfigMap', name: `flink-config-${name}`, display: `flink-config-${name}`, what: "Flink's configuration ConfigMap (Flink Constants.CONFIG_MAP_PREFIX, FlinkConfMountDecorator)" },
    { kind: 'ConfigMap', name: `pod-template-${name}`, display: `pod-template-${name}`, what: 'the TaskManager pod-template ConfigMap (Flink PodTemplateMountDecorator)' },
    { kind: 'ConfigMap', name: `hadoop-config-${name}`, display: `hadoop-config-${name}`, what: 'the Hadoop configuration ConfigMap (Flink Constants.HADOOP_CONF_CONFIG_MAP_PREFIX)' },
    { kind: 'ConfigMap', name: `kerberos-krb5conf-${name}`, display: `kerberos-krb5conf-${name}`, what: 'the Kerberos krb5.conf ConfigMap (Flink KerberosMountDecorator)' },
    { kind: 'Secret', name: `kerberos-keytab-${name}`, display: `kerberos-keytab-${name}`, what: 'the Kerberos keytab Secret (Flink KerberosMountDecorator)' },
    { kind: 'ConfigMap', name: `${name}-cluster-config-map`, display: `${name}-cluster-config-map`, what: 'the HA leader ConfigMap (Flink KubernetesMultipleComponentLeaderElectionHaServices.getClusterConfigMap)' },
    { kind: 'ConfigMap', name: new RegExp(`^${n}-[0-9a-f]{32}-config-map$`), display: `${name}-<jobId>-config-map`, what: 'the HA checkpoint ConfigMap of a job (Flink KubernetesLeaderElectionHaServices.getJobSpecificConfigMap)' },
    { kind: 'ConfigMap', name: new RegExp(`^${n}-(dispatcher|resourcemanager|restserver|.+-jobmanager)-leader$`), display: `${name}-*-leader`, what: 'a leader ConfigMap the operator still recognises as HA metadata (operator FlinkUtils.isValidHaConfigMap)' },
    { kind: 'ConfigMap', name: `autoscaler-${name}`, display: `autoscaler-${name}`, what: "the autoscaler's state ConfigMap (operator ConfigMapStore)" },
    { kind: 'Pod', name: new RegExp(`^${n}-taskmanager-\\d+-\\d+$`), display: `${name}-taskmanager-<attempt>-<index>`, what: 'a TaskManager pod (Flink KubernetesResourceManagerDriver TASK_MANAGER_POD_FORMAT)' },
    { kind: 'FlinkStateSnapshot', name: new RegExp(`^${n}-(savepoint|checkpoint)-(manual|periodic|upgrade|unknown)-\\d+$`), display: `${name}-<savepoint|checkpoint>-<trigger>-<epochMillis>`, what: 'a snapshot resource (operator FlinkStateSnapshotUtils.getFlinkStateSnapshotName)' },
  ];
}

/** The object of FlinkDeployment `deployment` a `kind`/`name` collides with, if any. @internal */
export function flinkOwnedCollision(kind: string, name: string, deployment: string | FlinkOwnedObject[]): FlinkOwnedObject | undefined {
  // Every owned name starts or ends with the deployment name: most names are ruled out without building the table.
  if (typeof deployment === 'string' && !name.includes(deployment)) return undefined;
  const owned = typeof deployment === 'string' ? flinkOwnedObjects(deployment) : deployment;
  return owned.find((o) => o.kind === kind && (typeof o.name === 'string' ? o.name === name : o.name.test(name)));
}

/** The labels Flink and the operator select their own objects by (Flink KubernetesUtils.getCommonLabels). @internal */
export const FLINK_TYPE_LABEL = 'type';
/** @internal */
export const FLINK_NATIVE_TYPE = 'flink-native-kubernetes';

/** Why labels make Flink or the operator take an object as theirs, or undefined. @internal */
export function flinkOwnerLabelsProblem(labels: unknown): string | undefined {
  if (!labels || typeof labels !== 'object') return undefined;
  const l = labels as Record<string, unknown>;
  if (l[FLINK_TYPE_LABEL] !== FLINK_NATIVE_TYPE || typeof l.app !== 'string') return undefined;
  return `type=${FLINK_NATIVE_TYPE} with app=${l.app} are the labels Flink puts on the objects of cluster '${l.app}' (KubernetesUtils.getCommonLabels): the operator deletes every ConfigMap carrying them when it cleans up HA metadata (FlinkUtils.deleteKubernetesHAMetadata), and Flink's ResourceManager adopts pods carrying them as TaskManagers`;
}

// ---------------------------------------------------------------------------
// Reading manifests
// ---------------------------------------------------------------------------

const group = (m: Manifest) => {
  const v = String(m.apiVersion ?? '');
  return v.includes('/') ? v.slice(0, v.indexOf('/')) : '';
};
const ns = (m: Manifest) => m.metadata?.namespace ?? '';
const isFlinkDeployment = (m: Manifest) => m.kind === 'FlinkDeployment' && group(m) === 'flink.apache.org';

/** A pod spec inside a manifest and where it is. @internal */
export interface PodSpecAt {
  readonly field: string;
  readonly spec: any;
  readonly labelsField?: string;
  readonly labels?: unknown;
}

/** The pod specs of a workload, a Pod or a FlinkDeployment's pod templates. @internal */
export function podSpecsOf(m: Manifest): PodSpecAt[] {
  const out: PodSpecAt[] = [];
  const spec = (m as any).spec;
  if (!spec || typeof spec !== 'object') return out;
  if (m.kind === 'Pod') {
    out.push({ field: 'spec', spec });
  } else if (isFlinkDeployment(m)) {
    addPodTemplate(out, 'spec.podTemplate', spec.podTemplate);
    addPodTemplate(out, 'spec.jobManager.podTemplate', spec.jobManager?.podTemplate);
    addPodTemplate(out, 'spec.taskManager.podTemplate', spec.taskManager?.podTemplate);
  } else if (m.kind === 'CronJob') {
    addPodTemplate(out, 'spec.jobTemplate.spec.template', spec.jobTemplate?.spec?.template);
  } else {
    addPodTemplate(out, 'spec.template', spec.template);
  }
  return out;
}

/** Declared outside podSpecsOf: the gate calls it for every object, several times per synth. */
function addPodTemplate(out: PodSpecAt[], field: string, template: any): void {
  if (template && typeof template === 'object' && template.spec && typeof template.spec === 'object') {
    out.push({ field: `${field}.spec`, spec: template.spec, labelsField: `${field}.metadata.labels`, labels: template.metadata?.labels });
  }
}

/** Every Secret name a pod spec references, with its field. @internal */
export function secretReferences(at: PodSpecAt): Array<{ field: string; name: unknown }> {
  const refs: Array<{ field: string; name: unknown }> = [];
  const s = at.spec;
  const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
  for (const kind of ['initContainers', 'containers']) {
    list(s[kind]).forEach((c, i) => {
      list(c?.env).forEach((e, j) => {
        const ref = e?.valueFrom?.secretKeyRef;
        if (ref) refs.push({ field: `${at.field}.${kind}[${i}].env[${j}].valueFrom.secretKeyRef.name`, name: ref.name });
      });
      list(c?.envFrom).forEach((e, j) => {
        if (e?.secretRef) refs.push({ field: `${at.field}.${kind}[${i}].envFrom[${j}].secretRef.name`, name: e.secretRef.name });
      });
    });
  }
  list(s.volumes).forEach((v, i) => {
    if (v?.secret) refs.push({ field: `${at.field}.volumes[${i}].secret.secretName`, name: v.secret.secretName });
    list(v?.projected?.sources).forEach((src, j) => {
      if (src?.secret) refs.push({ field: `${at.field}.volumes[${i}].projected.sources[${j}].secret.name`, name: src.secret.name });
    });
  });
  list(s.imagePullSecrets).forEach((p, i) => refs.push({ field: `${at.field}.imagePullSecrets[${i}].name`, name: p?.name }));
  return refs;
}

// ---------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------

/** `names/invalid`: metadata.name per kind and metadata.namespace as the API server validates them. */
export const invalidNameRule: ManifestRule = (manifests) => {
  const findings: Finding[] = [];
  manifests.forEach((m, object) => {
    // A FlinkDeployment's name is checked by the operator's stricter rule (45 characters, a leading letter).
    const rule = isFlinkDeployment(m) ? undefined : nameRuleFor(m.kind);
    const name = m.metadata?.name;
    const why = rule && kubernetesNameProblem(rule, name);
    if (rule && why) {
      findings.push({ rule: 'names/invalid', severity: 'error', object, field: 'metadata.name', value: name, why: `${why}, or it refuses the ${m.kind}`, fix: `rename it, e.g. '${suggestKubernetesName(name, rule === 'DNS-1123 subdomain' ? 253 : 63)}'` });
    }
    // Names the pods reference: Secrets, ConfigMaps and the ServiceAccount (ValidateSecretName,
    // ValidateConfigMapName, ValidateServiceAccountName in the pod validation).
    for (const at of podSpecsOf(m)) {
      const refs: Array<{ field: string; name: unknown; kind: string }> = secretReferences(at).map((r) => ({ ...r, kind: 'Secret' }));
      (Array.isArray(at.spec.volumes) ? at.spec.volumes : []).forEach((v: any, i: number) => {
        if (v?.configMap) refs.push({ field: `${at.field}.volumes[${i}].configMap.name`, name: v.configMap.name, kind: 'ConfigMap' });
      });
      if (at.spec.serviceAccountName !== undefined) refs.push({ field: `${at.field}.serviceAccountName`, name: at.spec.serviceAccountName, kind: 'ServiceAccount' });
      for (const ref of refs) {
        const refWhy = kubernetesNameProblem('DNS-1123 subdomain', ref.name);
        if (refWhy) findings.push({ rule: 'names/invalid', severity: 'error', object, field: ref.field, value: ref.name, why: `${refWhy} (${ref.kind} names), so the pod is refused`, fix: `reference the ${ref.kind} by its name, e.g. '${suggestKubernetesName(ref.name, 253)}'` });
      }
    }
    if (isFlinkDeployment(m) && (m as any).spec?.serviceAccount !== undefined) {
      const sa = (m as any).spec.serviceAccount;
      const saWhy = kubernetesNameProblem('DNS-1123 subdomain', sa);
      if (saWhy) findings.push({ rule: 'names/invalid', severity: 'error', object, field: 'spec.serviceAccount', value: sa, why: `${saWhy} (ServiceAccount names), so the operator cannot create the pods`, fix: `name an existing ServiceAccount, e.g. '${suggestKubernetesName(sa, 253)}'` });
    }
    const namespace = m.metadata?.namespace;
    const nsWhy = namespace !== undefined ? kubernetesNameProblem('DNS-1123 label', namespace) : undefined;
    if (nsWhy) {
      findings.push({ rule: 'names/invalid', severity: 'error', object, field: 'metadata.namespace', value: namespace, why: `${nsWhy} (namespace names), or it refuses the object`, fix: `set the chart's namespace to e.g. '${suggestKubernetesName(namespace)}'` });
    }
  });
  return findings;
};

/**
 * `names/duplicate`: two objects of one group, kind, namespace and name (the later apply overwrites the
 * earlier). The duplicates sharing a namespace and name (a function's Deployment, Service, autoscaler, …)
 * are reported as one finding, on the first of them.
 */
export const duplicateObjectRule: ManifestRule = (manifests) => {
  const seen = new Set<string>();
  const byName = new Map<string, { object: number; kinds: string[] }>();
  manifests.forEach((m, object) => {
    if (m.kind === undefined || typeof m.metadata?.name !== 'string') return;
    const key = `${group(m)}\u0000${m.kind}\u0000${ns(m)}\u0000${m.metadata.name}`;
    if (!seen.has(key)) {
      seen.add(key);
      return;
    }
    const nameKey = `${ns(m)}\u0000${m.metadata.name}`;
    const entry = byName.get(nameKey) ?? { object, kinds: [] };
    if (!entry.kinds.includes(m.kind)) entry.kinds.push(m.kind);
    byName.set(nameKey, entry);
  });
  return [...byName.values()].map(({ object, kinds }) => {
    const m = manifests[object];
    return {
      rule: 'names/duplicate',
      severity: 'error' as const,
      object,
      field: 'metadata.name',
      value: m.metadata!.name,
      why: `${kinds.join(', ')} '${m.metadata!.name}' ${kinds.length > 1 ? 'are' : 'is'} rendered twice in ${ns(m) ? `namespace ${ns(m)}` : 'the default namespace'}; one apply would silently replace the other`,
      fix: 'give one of the two constructs another name (or put it in another namespace)',
    };
  });
};

/** `names/flink-owned`: an object under a name the operator or Flink create for a FlinkDeployment of the same namespace. */
export const flinkOwnedNameRule: ManifestRule = (manifests) => {
  const deployments = manifests.filter(isFlinkDeployment).filter((d) => typeof d.metadata?.name === 'string')
    .map((d) => ({ d, owned: flinkOwnedObjects(d.metadata!.name!) }));
  if (deployments.length === 0) return [];
  const findings: Finding[] = [];
  manifests.forEach((m, object) => {
    const name = m.metadata?.name;
    if (typeof name !== 'string' || m.kind === undefined) return;
    for (const { d, owned } of deployments) {
      if (ns(d) !== ns(m) || !name.includes(d.metadata!.name!)) continue;
      const hit = flinkOwnedCollision(m.kind, name, owned);
      if (!hit) continue;
      findings.push({
        rule: 'names/flink-owned',
        severity: 'error',
        object,
        field: 'metadata.name',
        value: name,
        why: `${hit.kind} ${hit.display} is ${hit.what} for FlinkDeployment '${d.metadata!.name}' in namespace ${ns(d) || '(default)'}; the two would overwrite each other`,
        fix: `rename this ${m.kind} (or the app) so no object is named like what the operator and Flink create (${hit.display})`,
      });
      break;
    }
  });
  return findings;
};

/** `names/flink-labels`: `type: flink-native-kubernetes` + `app` on an object or pod template that is not Flink's. */
export const flinkOwnerLabelsRule: ManifestRule = (manifests) => {
  const findings: Finding[] = [];
  manifests.forEach((m, object) => {
    if (isFlinkDeployment(m)) return;
    const places: Array<{ field: string; labels: unknown }> = [{ field: 'metadata.labels', labels: m.metadata?.labels }];
    for (const p of podSpecsOf(m)) if (p.labelsField) places.push({ field: p.labelsField, labels: p.labels });
    for (const p of places) {
      const why = flinkOwnerLabelsProblem(p.labels);
      if (why) {
        findings.push({ rule: 'names/flink-labels', severity: 'error', object, field: p.field, value: { type: FLINK_NATIVE_TYPE, app: (p.labels as any).app }, why, fix: `remove the '${FLINK_TYPE_LABEL}: ${FLINK_NATIVE_TYPE}' label (select your objects with your own labels, e.g. app.kubernetes.io/name)` });
      }
    }
  });
  return findings;
};

/** `names/secret-namespace`: a pod referencing a Secret that is rendered only in other namespaces. */
export const secretNamespaceRule: ManifestRule = (manifests) => {
  const secrets = new Map<string, Set<string>>();
  for (const m of manifests) {
    if (m.kind === 'Secret' && group(m) === '' && typeof m.metadata?.name === 'string') {
      const set = secrets.get(m.metadata.name) ?? new Set<string>();
      set.add(ns(m));
      secrets.set(m.metadata.name, set);
    }
  }
  if (secrets.size === 0) return [];
  const findings: Finding[] = [];
  manifests.forEach((m, object) => {
    const podNs = m.metadata?.namespace;
    // Without a namespace the pods land wherever the manifests are applied: nothing to compare.
    if (!podNs) return;
    // One finding per Secret and object: the first reference names it.
    const reported = new Set<string>();
    for (const at of podSpecsOf(m)) {
      for (const ref of secretReferences(at)) {
        const where = typeof ref.name === 'string' ? secrets.get(ref.name) : undefined;
        if (!where || where.has(podNs) || reported.has(ref.name as string)) continue;
        reported.add(ref.name as string);
        const others = [...where].map((w) => w || '(no namespace)').sort();
        findings.push({
          rule: 'names/secret-namespace',
          severity: 'error',
          object,
          field: ref.field,
          value: ref.name,
          why: `pods read Secrets from their own namespace only, and Secret '${ref.name}' is rendered in ${others.join(', ')}, not in ${podNs}; the pods would fail with CreateContainerConfigError or stay Pending`,
          fix: `create the Secret in namespace ${podNs} (the chart of the pods), or reference one that exists there`,
        });
      }
    }
  });
  return findings;
};

/** The names family as one rule. */
export const namesRule: ManifestRule = (manifests, context) => [
  ...invalidNameRule(manifests, context),
  ...duplicateObjectRule(manifests, context),
  ...flinkOwnedNameRule(manifests, context),
  ...flinkOwnerLabelsRule(manifests, context),
  ...secretNamespaceRule(manifests, context),
];
