import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Problem } from './errors';

/**
 * An endpoint URL naming a cluster-local Service (`svc`, `svc.ns`, `svc.ns.svc`,
 * `svc.ns.svc.cluster.local`) in a namespace the cdk8s App renders, while the App renders no such
 * Service on that port: StateFun would fail every invocation with an unknown host or a refused
 * connection. Endpoints marked as served outside the App are not checked.
 */

/** The Service a URL host names in cluster-local form, or undefined. @internal */
export function clusterLocalService(url: string, ownNamespace: string | undefined): { service: string; namespace: string; port: number } | undefined {
  const m = /^(https?):\/\/([^/?#@]*@)?([^/?#:]+)(:(\d+))?/i.exec(url);
  if (!m) return undefined;
  const host = m[3].toLowerCase().replace(/\.$/, '');
  const port = m[5] ? Number(m[5]) : m[1].toLowerCase() === 'https' ? 443 : 80;
  const labels = host.split('.');
  if (/^\d+(\.\d+){3}$/.test(host) || host === 'localhost') return undefined;
  if (labels.length === 1) return { service: labels[0], namespace: ownNamespace ?? '', port };
  if (labels.length === 2) return { service: labels[0], namespace: labels[1], port };
  if (labels.length === 3 && labels[2] === 'svc') return { service: labels[0], namespace: labels[1], port };
  if (labels.length === 5 && labels.slice(2).join('.') === 'svc.cluster.local') return { service: labels[0], namespace: labels[1], port };
  return undefined;
}

interface RenderedService {
  readonly name: string;
  readonly namespace: string;
  readonly ports: number[];
}

/** The Services and namespaces rendered by the cdk8s App `root`. */
function renderedServices(root: IConstruct): { services: RenderedService[]; namespaces: Set<string> } {
  const services: RenderedService[] = [];
  const namespaces = new Set<string>();
  for (const c of root.node.findAll()) {
    if (!(c instanceof ApiObject)) continue;
    const namespace = c.metadata.namespace ?? '';
    namespaces.add(namespace);
    if (c.kind === 'Namespace') namespaces.add(c.name);
    if (c.kind !== 'Service' || c.apiVersion !== 'v1') continue;
    const spec = (c.toJson() as any).spec ?? {};
    const ports = (Array.isArray(spec.ports) ? spec.ports : []).map((p: any) => Number(p?.port)).filter((p: number) => Number.isInteger(p));
    services.push({ name: c.name, namespace, ports });
  }
  return { services, namespaces };
}

/**
 * The problem with an endpoint URL that names a cluster-local Service the App should render but does not.
 * @internal
 */
export function missingServiceProblems(scope: IConstruct, field: string, url: string, appNamespace: string | undefined): Problem[] {
  if (typeof url !== 'string') return [];
  const target = clusterLocalService(url, appNamespace);
  if (!target) return [];
  const { services, namespaces } = renderedServices(scope.node.root);
  if (!namespaces.has(target.namespace)) return [];
  const named = services.find((s) => s.name === target.service && s.namespace === target.namespace);
  if (named && named.ports.includes(target.port)) return [];
  const ns = target.namespace || '(no namespace)';
  const onPort = services.filter((s) => s.namespace === target.namespace && s.ports.includes(target.port)).map((s) => s.name).sort();
  const why = named
    ? `Service '${target.service}' in namespace ${ns} does not expose port ${target.port} (its ports: ${named.ports.join(', ') || 'none'}), so StateFun's calls would be refused`
    : `the host names Service '${target.service}' in namespace ${ns}, which this app renders, but no Service '${target.service}' is rendered there, so every invocation would fail with an unknown host (Services on port ${target.port} in ${ns}: ${onPort.length ? onPort.join(', ') : 'none'})`;
  return [{
    field,
    value: url,
    why,
    fix: 'point the URL at a rendered Service (or deploy the function with RemoteFunction), or set servedOutsideApp: true when the Service is managed outside this app',
  }];
}
