import * as kplus from 'cdk8s-plus-27';
import { Problem } from './errors';
import { isDns1123Subdomain } from './pod-names';

/**
 * Image pull secrets (`imagePullSecrets`): `kubernetes.io/dockerconfigjson` Secrets in the pods' namespace
 * naming the registry credentials. Names are Secret names, DNS-1123 subdomains
 * (`kubernetes/kubernetes:pkg/apis/core/validation/validation.go` `validateImagePullSecrets` →
 * `ValidateSecretName`).
 * @internal
 */
export function pullSecretProblems(field: string, secrets: kplus.ISecret[] | undefined): Problem[] {
  if (secrets === undefined) return [];
  if (!Array.isArray(secrets)) {
    return [{ field, value: secrets, why: 'pull secrets are a list of Secrets', fix: "write e.g. [Secret.fromSecretName(chart, 'registry', 'registry-credentials')]" }];
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  secrets.forEach((s, i) => {
    const name = (s as any)?.name;
    if (!isDns1123Subdomain(name)) {
      problems.push({ field: `${field}[${i}]`, value: typeof name === 'string' ? name : s, why: 'an image pull secret is a Secret (kplus.ISecret) whose name is a DNS-1123 subdomain: lower-case alphanumerics, \'-\' and \'.\', starting and ending alphanumeric, at most 253 characters', fix: "reference the registry Secret by its name, e.g. Secret.fromSecretName(chart, 'registry', 'registry-credentials')" });
      return;
    }
    if (seen.has(name)) problems.push({ field: `${field}[${i}]`, value: name, why: 'the Secret is listed twice', fix: 'list each pull secret once' });
    seen.add(name);
  });
  return problems;
}

/** The rendered `imagePullSecrets` of app-wide and own secrets, in order, without duplicates. @internal */
export function renderPullSecrets(...lists: Array<kplus.ISecret[] | undefined>): Array<{ name: string }> | undefined {
  const names: string[] = [];
  for (const list of lists) for (const s of list ?? []) if (!names.includes(s.name)) names.push(s.name);
  return names.length > 0 ? names.map((name) => ({ name })) : undefined;
}
