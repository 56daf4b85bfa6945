import * as kplus from 'cdk8s-plus-27';
import { Problem } from './errors';
import { isDns1123Subdomain, labelMapProblems } from './pod-names';

/** A TLS entry of the web UI Ingress. */
export interface FlinkWebUiTls {
  /** Hosts the certificate covers (each must be the host the template yields, or a wildcard covering it). */
  readonly hosts: string[];
  /**
   * The `kubernetes.io/tls` Secret holding the certificate.
   * @default - the ingress controller's default certificate
   */
  readonly secret?: kplus.ISecret;
}

/** Where the ingress controller runs (for the NetworkPolicy that admits it to the REST port). */
export interface IngressControllerPeer {
  /** The controller's namespace, e.g. `ingress-nginx`. */
  readonly namespace: string;
  /**
   * Labels of the controller pods.
   * @default - every pod of the namespace
   */
  readonly podLabels?: { [key: string]: string };
}

/**
 * The Flink web UI through the operator's Ingress (`spec.ingress`): the operator creates an Ingress named like
 * the FlinkDeployment with one rule to `<name>-rest` on the REST port
 * (`apache/flink-kubernetes-operator` `IngressUtils.getIngressRule`).
 */
export interface FlinkWebUiOptions {
  /**
   * URL template of the UI: `[http(s)://]host[/path]`, where `{{name}}` and `{{namespace}}` (case-insensitive)
   * are replaced by the FlinkDeployment's name and namespace. The host becomes the rule's host, the path its
   * path (pathType ImplementationSpecific), e.g. `'{{name}}.{{namespace}}.flink.example.com'` or
   * `'flink.example.com/{{namespace}}/{{name}}(/|$)(.*)'` with an nginx rewrite annotation.
   */
  readonly template: string;
  /**
   * IngressClass name.
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;
  /**
   * Annotations of the Ingress (e.g. `nginx.ingress.kubernetes.io/rewrite-target: /$2`).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Labels of the Ingress.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * TLS entries.
   * @default - no TLS section
   */
  readonly tls?: FlinkWebUiTls[];
  /**
   * The ingress controller admitted to the JobManager's REST port by the Flink pods' NetworkPolicy.
   * @default - any namespace may reach the REST port (the controller's namespace is not known)
   */
  readonly ingressController?: IngressControllerPeer;
}

/** The rendered `spec.ingress`. @internal */
export function renderWebUi(ui: FlinkWebUiOptions | undefined): Record<string, unknown> | undefined {
  if (!ui) return undefined;
  return {
    template: ui.template,
    className: ui.className,
    annotations: ui.annotations && Object.keys(ui.annotations).length > 0 ? sorted(ui.annotations) : undefined,
    labels: ui.labels && Object.keys(ui.labels).length > 0 ? sorted(ui.labels) : undefined,
    tls: ui.tls?.map((t) => ({ hosts: [...t.hosts], secretName: t.secret?.name })),
  };
}

/**
 * The host and path the operator derives from the template (`IngressUtils.getIngressUrl`: `http://` added
 * when no scheme, `{{name}}`/`{{namespace}}` replaced case-insensitively, parsed as a URL). @internal
 */
export function resolveWebUiTemplate(template: string, name: string, namespace: string): { host: string; path: string; search: string } | undefined {
  let t = /^https?:\/\//i.test(template) ? template : `http://${template}`;
  t = t.replace(/\{\{name\}\}/gi, name).replace(/\{\{namespace\}\}/gi, namespace);
  // The host and path split the way java.net.URL does for these templates (regex paths are not URL-encoded).
  const m = /^https?:\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(t);
  if (!m) return undefined;
  const host = m[1].replace(/:\d+$/, '');
  return { host, path: m[2], search: `${m[3] ?? ''}${m[4] ?? ''}` };
}

/** Problems with the web UI options, in the operator's and the Ingress API's terms. @internal */
export function webUiProblems(field: string, ui: FlinkWebUiOptions | undefined, name: string, namespace: string | undefined): Problem[] {
  if (ui === undefined) return [];
  if (typeof ui !== 'object' || ui === null) return [{ field, value: ui, why: 'webUi is an object { template, className, annotations, tls }', fix: "write e.g. { template: '{{name}}.{{namespace}}.flink.example.com' }" }];
  const problems: Problem[] = [];
  const fix = "write e.g. '{{name}}.{{namespace}}.flink.example.com' or 'flink.example.com/{{namespace}}/{{name}}(/|$)(.*)'";
  if (typeof ui.template !== 'string' || ui.template.trim() === '') {
    return [{ field: `${field}.template`, value: ui.template, why: 'the operator refuses an ingress without a template ("Ingress template must be defined")', fix }];
  }
  const rest = ui.template.replace(/\{\{name\}\}/gi, '').replace(/\{\{namespace\}\}/gi, '');
  const resolved = resolveWebUiTemplate(ui.template, name, namespace ?? 'default');
  if (/[{}]/.test(rest)) {
    problems.push({ field: `${field}.template`, value: ui.template, why: 'the operator substitutes only {{name}} and {{namespace}}; other braces stay in the URL', fix });
  } else if (!resolved) {
    problems.push({ field: `${field}.template`, value: ui.template, why: 'not a URL the operator can parse ("Unable to process the Ingress template")', fix });
  } else {
    const { host, path, search } = resolved;
    if (host !== '' && !(host.startsWith('*.') ? isDns1123Subdomain(host.slice(2)) : isDns1123Subdomain(host))) {
      problems.push({ field: `${field}.template`, value: ui.template, why: `the Ingress host '${host}' is not a lower-case DNS name (the API server rejects the Ingress the operator creates)`, fix });
    } else if (host.split('.').some((l) => l.length > 63)) {
      problems.push({ field: `${field}.template`, value: ui.template, why: `a label of the host '${host}' is longer than 63 characters`, fix: 'use a shorter host, or move {{name}}/{{namespace}} into the path' });
    }
    if (search !== '') problems.push({ field: `${field}.template`, value: ui.template, why: 'a query or fragment is dropped by the operator (only the host and path reach the Ingress rule)', fix: 'remove the part from ? or #' });
    if (host === '' && path === '') problems.push({ field: `${field}.template`, value: ui.template, why: 'the template yields neither a host nor a path', fix });
  }
  if (ui.className !== undefined && !isDns1123Subdomain(ui.className)) problems.push({ field: `${field}.className`, value: ui.className, why: 'an IngressClass name is a DNS-1123 subdomain', fix: "use the class's name, e.g. 'nginx'" });
  if (ui.annotations !== undefined && (typeof ui.annotations !== 'object' || ui.annotations === null || Object.values(ui.annotations).some((v) => typeof v !== 'string'))) {
    problems.push({ field: `${field}.annotations`, value: ui.annotations, why: 'annotations are a map of key to string value', fix: "write e.g. { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' }" });
  }
  problems.push(...labelMapProblems(`${field}.labels`, ui.labels));
  (Array.isArray(ui.tls) ? ui.tls : ui.tls === undefined ? [] : [ui.tls as any]).forEach((t: FlinkWebUiTls, i: number) => {
    const f = `${field}.tls[${i}]`;
    if (!Array.isArray(t?.hosts) || t.hosts.length === 0) {
      problems.push({ field: `${f}.hosts`, value: t?.hosts, why: 'a TLS entry without hosts covers nothing', fix: 'list the host the template yields' });
      return;
    }
    if (t.secret !== undefined && !isDns1123Subdomain(t.secret.name)) problems.push({ field: `${f}.secret`, value: t.secret.name, why: 'the TLS Secret is referenced by its name, a DNS-1123 subdomain', fix: "pass the Secret, e.g. Secret.fromSecretName(chart, 'ui-tls', 'flink-ui-tls')" });
    const host = resolved?.host;
    t.hosts.forEach((h, j) => {
      const covers = host !== undefined && (h === host || (h.startsWith('*.') && host.endsWith(h.slice(1)) && !host.slice(0, -h.length + 1).includes('.')));
      if (namespace !== undefined && host && !covers) problems.push({ field: `${f}.hosts[${j}]`, value: h, why: `the Ingress rule's host is '${host}', so this TLS host is never served`, fix: `write '${host}'` });
    });
  });
  if (ui.ingressController !== undefined) {
    const c = ui.ingressController;
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(c?.namespace ?? '')) problems.push({ field: `${field}.ingressController.namespace`, value: c?.namespace, why: 'a namespace name is a DNS label', fix: "write e.g. 'ingress-nginx'" });
    problems.push(...labelMapProblems(`${field}.ingressController.podLabels`, c?.podLabels));
  }
  return problems;
}

function sorted(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}
