import { Problem } from './errors';

/**
 * Kubernetes name and label syntax (`k8s.io/apimachinery:pkg/util/validation/validation.go`:
 * `IsDNS1123Subdomain`, `IsDNS1123Label`, `IsQualifiedName`, `IsValidLabelValue`).
 * @internal
 */
export function isDns1123Subdomain(v: unknown): boolean {
  return typeof v === 'string' && v.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(v);
}

/** @internal */
export function isDns1123Label(v: unknown): boolean {
  return typeof v === 'string' && v.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v);
}

/** `[prefix/]name`: prefix a DNS subdomain, name ≤ 63 of alphanumerics, '-', '_', '.'. @internal */
export function isQualifiedName(v: unknown): boolean {
  if (typeof v !== 'string' || v === '') return false;
  const parts = v.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && !isDns1123Subdomain(parts[0])) return false;
  return name.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name);
}

/** @internal */
export function isLabelValue(v: unknown): boolean {
  return typeof v === 'string' && v.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v);
}

/** @internal */
export function qualifiedNameProblems(field: string, v: unknown, what: string): Problem[] {
  if (isQualifiedName(v)) return [];
  return [{ field, value: v, why: `${what} is a qualified name: an optional DNS-subdomain prefix and '/', then at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric`, fix: "write e.g. 'node-role.example.com/flink'" }];
}

/** A label map (keys qualified names, values label values). @internal */
export function labelMapProblems(field: string, m: unknown): Problem[] {
  if (m === undefined) return [];
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return [{ field, value: m, why: 'labels are a map of key to value', fix: "write e.g. { 'node.kubernetes.io/pool': 'flink' }" }];
  const problems: Problem[] = [];
  for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
    problems.push(...qualifiedNameProblems(`${field}['${k}']`, k, 'a label key'));
    if (!isLabelValue(v)) problems.push({ field: `${field}['${k}']`, value: v, why: 'a label value is at most 63 alphanumerics, \'-\', \'_\' or \'.\', starting and ending alphanumeric', fix: "write e.g. 'flink'" });
  }
  return problems;
}
