import { Problem } from './errors';
import {
  envCredential, flinkConfigCredential, hidden, jvmOptionCredential, kafkaPropertyCredential, kinesisPropertyCredential,
  URL_USER_INFO, urlWithUserInfo,
} from './rules/credentials';

/**
 * Construction-time checks that no prop carries a credential in plain text: the same judgement the
 * last gate's credentials family makes on rendered objects, reported with the prop's name. The
 * offending value is never echoed.
 */

/** `flinkConfiguration` extras holding a credential or a URL with a password. @internal */
export function flinkConfigurationCredentialProblems(field: string, configuration: unknown): Problem[] {
  if (!configuration || typeof configuration !== 'object' || Array.isArray(configuration)) return [];
  const problems: Problem[] = [];
  for (const key of Object.keys(configuration).sort()) {
    const value = (configuration as Record<string, unknown>)[key];
    const f = `${field}['${key}']`;
    const hit = flinkConfigCredential(key, value);
    if (hit) problems.push({ field: f, value: hidden(value), why: hit.why, fix: hit.fix });
    const jvm = key.startsWith('env.java.opts') ? jvmOptionCredential(value) : undefined;
    if (jvm) problems.push({ field: f, value: jvm.option, why: jvm.hit.why, fix: jvm.hit.fix });
    const url = urlWithUserInfo(value);
    if (url) problems.push({ field: f, value: url, ...URL_USER_INFO });
  }
  return problems;
}

/** `jvmOptions` entries setting a credential as a system property. @internal */
export function jvmOptionsCredentialProblems(field: string, options: unknown): Problem[] {
  if (!Array.isArray(options)) return [];
  const problems: Problem[] = [];
  options.forEach((o, i) => {
    const jvm = jvmOptionCredential(o);
    if (jvm) problems.push({ field: `${field}[${i}]`, value: jvm.option, why: jvm.hit.why, fix: jvm.hit.fix });
  });
  return problems;
}

/**
 * Kafka client `properties` with a plain-text password or an unresolvable provider reference, except
 * fields `alreadyReported` (the typed security's own checks name the typed prop), so one mistake is one line.
 * @internal
 */
export function kafkaPropertiesCredentialProblems(field: string, properties: unknown, alreadyReported: Problem[] = []): Problem[] {
  if (!properties || typeof properties !== 'object' || Array.isArray(properties)) return [];
  const props = properties as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const key of Object.keys(props).sort()) {
    if (alreadyReported.some((p) => p.field === `${field}['${key}']`)) continue;
    const hit = kafkaPropertyCredential(key, props[key], props);
    if (hit) problems.push({ field: `${field}['${key}']`, value: hit.reference ? props[key] : hidden(props[key]), why: hit.why, fix: hit.fix });
    const url = urlWithUserInfo(props[key]);
    if (url) problems.push({ field: `${field}['${key}']`, value: url, ...URL_USER_INFO });
  }
  return problems;
}

/** Kinesis `clientConfigProperties` holding an AWS credential. @internal */
export function kinesisPropertiesCredentialProblems(field: string, properties: unknown): Problem[] {
  if (!properties || typeof properties !== 'object' || Array.isArray(properties)) return [];
  const props = properties as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const key of Object.keys(props).sort()) {
    // aws.credentials.provider.* belongs to the typed credentials and is refused as an owned key already.
    if (key.startsWith('aws.credentials.provider')) continue;
    const hit = kinesisPropertyCredential(key, props[key]);
    if (hit) problems.push({ field: `${field}['${key}']`, value: hidden(props[key]), why: hit.why, fix: hit.fix });
  }
  return problems;
}

/** Container environment variables (`{ NAME: EnvValue }`) whose literal value is a credential. @internal */
export function envCredentialProblems(field: string, env: unknown): Problem[] {
  if (!env || typeof env !== 'object' || Array.isArray(env)) return [];
  const problems: Problem[] = [];
  for (const name of Object.keys(env).sort()) {
    const value = (env as Record<string, any>)[name]?.value;
    const hit = envCredential(name, value);
    if (hit) problems.push({ field: `${field}.${name}`, value: hidden(value), why: hit.why, fix: hit.fix });
    const url = urlWithUserInfo(value);
    if (url) problems.push({ field: `${field}.${name}`, value: url, ...URL_USER_INFO });
  }
  return problems;
}

/** A URL prop with a password in its user info. @internal */
export function urlCredentialProblems(field: string, url: unknown): Problem[] {
  const masked = urlWithUserInfo(url);
  return masked ? [{ field, value: masked, ...URL_USER_INFO }] : [];
}
