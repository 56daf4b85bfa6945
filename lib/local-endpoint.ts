/**
 * Whether an endpoint URL points at a local emulator: localhost, a single-label or in-cluster Service
 * name (`*.svc`, `*.svc.cluster.local`), or `<service>.<namespace>` for the chart's own namespace
 * (`'*'` when the namespace is not known yet, as when a module.yaml is parsed before `addTo`).
 * Literal emulator keys are accepted only there, so a real cloud endpoint never receives them.
 * @internal
 */
export function isLocalEndpoint(endpoint: string, namespace?: string): boolean {
  const host = String(endpoint).replace(/^https?:\/\//, '').replace(/[:/].*$/, '').toLowerCase();
  const labels = host.split('.');
  return host === 'localhost' || host === '127.0.0.1' || host === 'host.docker.internal' || labels.length === 1
    || host.endsWith('.svc') || host.endsWith('.svc.cluster.local') || host.endsWith('.localhost')
    || (namespace !== undefined && labels.length === 2 && (namespace === '*' || labels[1] === namespace.toLowerCase()));
}

/** AWS-issued access key ids (long-term `AKIA…`, temporary `ASIA…`): never emulator keys. @internal */
export function isAwsIssuedKeyId(accessKeyId: string): boolean {
  return /^(AKIA|ASIA)[A-Z0-9]{12,}$/.test(accessKeyId);
}
