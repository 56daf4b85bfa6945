/**
 * The last gate's credentials family: no credential in plain text anywhere in the output — Flink
 * configuration keys, JVM options, Kafka and Kinesis client properties in `module.yaml`, container
 * environment values, and user info in URLs. Secrets (`kind: Secret`) are where credentials belong
 * and are not read. The helpers are shared with the constructs' prop checks, so a prop is refused at
 * construction with the same words the gate uses on rendered objects.
 */
import { isAwsIssuedKeyId, isLocalEndpoint } from '../local-endpoint';
import { Finding, ManifestRule } from './finding';
import { podSpecsOf } from './names';
import { yamlLibrary } from '../yaml-library';

/** Why a value is a plain-text credential and what to do instead. @internal */
export interface CredentialHit {
  readonly why: string;
  readonly fix: string;
  /** The value is a reference, not a secret, so messages may show it. */
  readonly reference?: boolean;
}

/** A value that is a reference resolved elsewhere (`${env:X}`, `${dir:/d:key}`, `${file:/f:key}`), not a literal. */
const REFERENCE = /^\$\{[A-Za-z][\w.-]*:[^}]*\}$/;

/** The value as shown in messages: never the secret itself. @internal */
export function hidden(value: unknown): string {
  return typeof value === 'string' ? `(plain text, ${value.length} characters, hidden)` : '(plain text, hidden)';
}

const literal = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && !REFERENCE.test(value.trim());

const STORED = 'stored in plain text in the FlinkDeployment and in the flink-config-<name> ConfigMap the operator writes, readable by anyone who may read either';

const S3_FIX = 'remove it: give the checkpoint store its keys from a Secret (CheckpointStore.s3Compatible({ credentials: S3Credentials.fromSecret(secret) })) or use IRSA (CheckpointStore.s3({ irsaRoleArn })); the keys then reach the pods as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the Secret';
const AZURE_FIX = 'remove it: use CheckpointStore.azure({ credentials: AzureCredentials.accountKeyFromSecret(secret) }) (the key reaches the pods as AZURE_STORAGE_KEY from the Secret) or AzureCredentials.workloadIdentity(...)';
const GENERIC_FIX = 'keep the value in a Kubernetes Secret and give it to the Flink pods from there (StateFunApp.addFlinkEnvironment(NAME, EnvValue.fromSecretValue({ secret, key })) for a component that reads it from the environment)';

/** Key suffixes that name where a credential is, or its type, not the credential. */
const NOT_A_VALUE = /(\.|-)(class|type|path|file|location|provider|providers|algorithm|enabled)$/;

/** Keys Flink's S3 (presto, Hadoop S3A) and Azure filesystem plugins read as credentials (lower-case). */
function isFileSystemCredentialKey(k: string): boolean {
  return ['s3.access-key', 's3.secret-key', 's3.access.key', 's3.secret.key'].includes(k)
    || (k.startsWith('fs.s3a.') && /key|token|secret/.test(k) && !NOT_A_VALUE.test(k))
    || k.startsWith('fs.azure.account.key.') || k.startsWith('fs.azure.sas.');
}

/**
 * Whether a `flinkConfiguration` entry holds a plain-text credential: `s3.access-key`/`s3.secret-key`
 * (Flink's S3 plugins), `fs.s3a.*key*`/`*token*` (Hadoop S3A), `fs.azure.account.key.*` and `fs.azure.sas.*`
 * (ABFS/WASB), and any key naming a password, a secret or a private key. Whole-value references
 * (`${env:...}`, `${dir:...}`) and empty values are not credentials.
 * @internal
 */
export function flinkConfigCredential(key: string, value: unknown): CredentialHit | undefined {
  const k = key.toLowerCase();
  if (typeof value === 'string' && REFERENCE.test(value.trim()) && isFileSystemCredentialKey(k)) {
    // Only Kafka clients resolve `${provider:…}` (through config.providers); Flink hands filesystem
    // options to the S3 and Azure plugins as written (Flink's Configuration has no substitution).
    return {
      why: `Flink resolves no \${…} reference in its configuration and passes the option to the filesystem plugin as written, so the text ${value.trim()} itself would be used as the ${k.startsWith('fs.azure.') ? 'Azure storage key' : 'S3 credential'}`,
      fix: k.startsWith('fs.azure.') ? AZURE_FIX : S3_FIX,
    };
  }
  if (!literal(value)) return undefined;
  if (k === 'kubernetes.secrets' || k.startsWith('kubernetes.env.secretkeyref') || NOT_A_VALUE.test(k)) return undefined;
  if (isFileSystemCredentialKey(k)) {
    return k.startsWith('fs.azure.')
      ? { why: `an Azure storage key is ${STORED}`, fix: AZURE_FIX }
      : { why: `an S3 credential is ${STORED}`, fix: S3_FIX };
  }
  if (/password|passwd|secret|private[.-]key/.test(k)) {
    return { why: `a credential is ${STORED}`, fix: GENERIC_FIX };
  }
  // Kafka client properties passed through the Flink configuration (`properties.sasl.jaas.config` of
  // Flink's Kafka connector, or any other `….sasl.jaas.config`): the key names no password, its value does.
  if (k === 'sasl.jaas.config' || k.endsWith('.sasl.jaas.config')) {
    const option = jaasLiteralSecret(value);
    if (option) {
      return {
        why: `the JAAS line carries a plain-text ${option} and is ${STORED}`,
        fix: "remove it: StateFun's Kafka ingresses and egresses take their client settings from module.yaml, not from the Flink configuration; use their typed security prop (security: KafkaSecurity.saslSsl({ mechanism, username, password: PodFile.fromSecret(secret, 'password') })), which keeps the password in a Secret",
      };
    }
  }
  return undefined;
}

/** JVM options (`env.java.opts.*`, `jvmOptions`) that set a credential as a system property. @internal */
export function jvmOptionCredential(value: unknown): { option: string; hit: CredentialHit } | undefined {
  if (typeof value !== 'string') return undefined;
  for (const m of value.matchAll(/-D([\w.-]+)=(\S+)/g)) {
    const [, name, v] = m;
    if (/password|passwd|secret|sessiontoken|private[.-]?key/i.test(name) && literal(v)) {
      return { option: `-D${name}=…`, hit: { why: 'a system property set on the command line is a plain-text credential in the FlinkDeployment (and visible in the process list of every node)', fix: GENERIC_FIX } };
    }
  }
  return undefined;
}

const KAFKA_FIX = "use the typed security prop (security: KafkaSecurity.saslSsl({ mechanism, username, password: PodFile.fromSecret(secret, 'password') }), or KafkaSecurity.ssl({ ... })), which keeps the value in a Secret read through Kafka's DirectoryConfigProvider; for an option it does not cover, mount the Secret and write a ${dir:<mount>:<key>} placeholder with 'config.providers': 'dir'";
const PROVIDER_CLASSES: Record<string, string> = {
  dir: 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
  env: 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
  file: 'org.apache.kafka.common.config.provider.FileConfigProvider',
};

/**
 * Whether a Kafka client property holds a plain-text credential (`sasl.jaas.config` with a literal
 * password, `ssl.*.password`, an inline `ssl.keystore.key`, any key naming a password or secret), or a
 * `${provider:...}` reference to a provider not listed in `config.providers` — Kafka's ConfigTransformer
 * leaves those as literal text, so the client would send `${...}` as the password.
 * @internal
 */
export function kafkaPropertyCredential(key: string, value: unknown, properties: Record<string, unknown>): CredentialHit | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const k = key.toLowerCase();
  const providers = String(properties['config.providers'] ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  for (const m of value.matchAll(/\$\{([A-Za-z][\w.-]*):[^}]*\}/g)) {
    if (!providers.includes(m[1])) {
      const cls = PROVIDER_CLASSES[m[1]];
      return {
        reference: true,
        why: `the reference \${${m[1]}:...} names no provider in config.providers (${providers.length ? providers.join(', ') : 'none'}); Kafka's ConfigTransformer leaves it as literal text, so the client would use '\${...}' itself`,
        fix: `add 'config.providers': '${[...providers, m[1]].join(',')}' and 'config.providers.${m[1]}.class': '${cls ?? '<the ConfigProvider class>'}'`,
      };
    }
  }
  if (k === 'sasl.jaas.config') {
    const option = jaasLiteralSecret(value);
    return option ? { why: `the JAAS line carries a plain-text ${option}, written into the module ConfigMap that anyone who may read ConfigMaps in the namespace can read`, fix: KAFKA_FIX } : undefined;
  }
  if (NOT_A_VALUE.test(k) || !literal(value)) return undefined;
  if (/^ssl\..*password$/.test(k) || k === 'ssl.keystore.key' || /password|passwd|secret|basic\.auth\.user\.info/.test(k)) {
    return { why: 'a plain-text credential would be written into the module ConfigMap that anyone who may read ConfigMaps in the namespace can read', fix: KAFKA_FIX };
  }
  return undefined;
}

/**
 * The JAAS option holding a literal secret: password="…" (PLAIN, SCRAM), clientSecret="…" (OAUTHBEARER),
 * or any other option naming a password or secret, unless its value is a `${provider:…}` reference.
 */
function jaasLiteralSecret(value: string): string | undefined {
  for (const m of value.matchAll(/\b(\w*(?:password|secret)\w*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s;"']+))/gi)) {
    const secret = m[3] ?? m[4] ?? m[5];
    if (secret !== undefined && secret !== '' && !/\$\{[^}]+\}/.test(secret)) return m[1];
  }
  return undefined;
}

const KINESIS_FIX = 'remove it: use awsCredentials: AwsCredentials.fromSecret(secret) (AWS_* variables from the Secret) or AwsCredentials.defaultProviderChain() with IRSA';

/** Whether a Kinesis client property (`clientConfigProperties`) holds a plain-text AWS credential. @internal */
export function kinesisPropertyCredential(key: string, value: unknown): CredentialHit | undefined {
  if (!literal(value)) return undefined;
  const k = key.toLowerCase();
  if (NOT_A_VALUE.test(k)) return undefined;
  if (/secret|password|accesskeyid|access\.key|session\.?token|sessiontoken/.test(k) || isAwsIssuedKeyId(value)) {
    return { why: 'a plain-text AWS credential would be written into the module ConfigMap that anyone who may read ConfigMaps in the namespace can read', fix: KINESIS_FIX };
  }
  return undefined;
}

const ENV_FIX = 'take it from a Secret (EnvValue.fromSecretValue({ secret, key }), rendered as valueFrom.secretKeyRef), or for AWS use IRSA / EKS Pod Identity';

/**
 * Whether a container environment variable holds a plain-text credential: an AWS secret key or session
 * token, an AWS-issued access key id (`AKIA…`/`ASIA…`), an Azure storage key or client secret, or a
 * variable named like a password, a secret key, a token or an API key. Only literal `value`s count; `valueFrom` is the right way.
 * @internal
 */
export function envCredential(name: string, value: unknown): CredentialHit | undefined {
  if (!literal(value)) return undefined;
  const n = name.toUpperCase();
  if (isAwsIssuedKeyId(value.trim())) {
    return { why: 'this is an AWS-issued access key id in plain text in the pod spec, readable by anyone who may read the workload', fix: ENV_FIX };
  }
  if (/(^|_)(AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AZURE_STORAGE_KEY|AZURE_CLIENT_SECRET)$/.test(n) || /PASSWORD|PASSWD|SECRET_KEY|_SECRET$|^SECRET$|_TOKEN$|(^|_)API_?KEY$/.test(n)) {
    return { why: 'a credential in plain text in the pod spec, readable by anyone who may read the workload', fix: ENV_FIX };
  }
  // JVM options in the environment (JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, *_OPTS): -D…password=….
  const jvm = jvmOptionCredential(value);
  if (jvm) {
    return { why: `${jvm.option} sets a credential as a system property in plain text in the pod spec (and in the process list of every node)`, fix: ENV_FIX };
  }
  // FLINK_PROPERTIES: `key: value` lines the Flink image's entry point appends to the configuration.
  if (n === 'FLINK_PROPERTIES') {
    for (const line of value.split('\n')) {
      const m = /^\s*([^:#\s][^:]*?)\s*:\s*(.*?)\s*$/.exec(line);
      if (m && flinkConfigCredential(m[1], m[2])) {
        return { why: `the line for ${m[1]} carries a credential in plain text in the pod spec, readable by anyone who may read the workload`, fix: ENV_FIX };
      }
    }
  }
  return undefined;
}

const USER_INFO = /([A-Za-z][A-Za-z0-9+.-]*):\/\/([^\s/?#@:]*):([^\s/?#@]*)@/;

/**
 * A URL with a password in its user info (`scheme://user:password@host`) inside `value`, with the
 * password masked; undefined when there is none (`container@account` forms without a password pass).
 * @internal
 */
export function urlWithUserInfo(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = USER_INFO.exec(value);
  if (!m || m[3] === '' || REFERENCE.test(m[3])) return undefined;
  return `${m[1]}://${m[2]}:***@…`;
}

/** The hit for a URL with user info. @internal */
export const URL_USER_INFO: CredentialHit = {
  why: 'the URL carries a password in its user info, in plain text in the manifests (and in every log line that prints the URL)',
  fix: 'remove the user info from the URL and authenticate from a Secret (for S3 stores S3Credentials.fromSecret, for Kafka a config provider reference, for HTTP endpoints mutual TLS with EndpointTransport clientCert/clientKey files from a Secret)',
};

// ---------------------------------------------------------------------------
// The gate rule
// ---------------------------------------------------------------------------

const MODULE_KEY = 'module.yaml';
const KAFKA_KINDS = ['io.statefun.kafka.v1/ingress', 'io.statefun.kafka.v1/egress'];
const KINESIS_KINDS = ['io.statefun.kinesis.v1/ingress', 'io.statefun.kinesis.v1/egress'];

/** A StateFun "properties" list (single-key maps) or a plain map, as one record. */
function propertyMap(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(value)) {
    for (const item of value) if (item && typeof item === 'object') Object.assign(out, item);
  } else if (value && typeof value === 'object') {
    Object.assign(out, value);
  }
  return out;
}

function flattenConfiguration(prefix: string, value: unknown, out: Array<[string, unknown]>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flattenConfiguration(prefix ? `${prefix}.${k}` : k, v, out);
  } else {
    out.push([prefix, value]);
  }
}

/**
 * The strings in `value` that could hold a URL with user info (an '@' after a '://'), with their dotted
 * paths. Paths are built only for those, so a walk over large manifests allocates next to nothing.
 */
function userInfoCandidates(value: unknown, path: Array<string | number>, out: Array<[string, string]>): void {
  if (typeof value === 'string') {
    const at = value.indexOf('@');
    if (at > 0 && value.lastIndexOf('://', at) >= 0) out.push([renderPath(path), value]);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      userInfoCandidates(value[i], path, out);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      path.push(k);
      userInfoCandidates((value as Record<string, unknown>)[k], path, out);
      path.pop();
    }
  }
}

function renderPath(path: Array<string | number>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[\w-]+$/.test(p)) out += out ? `.${p}` : p;
    else out += `['${p}']`;
  }
  return out;
}

/** One `credentials/*` finding (declared outside the rule: it runs for every object at every synth). */
function credentialFinding(object: number, rule: string, field: string, value: unknown, hit: CredentialHit): Finding {
  return { rule: `credentials/${rule}`, severity: 'error', object, field, value, why: hit.why, fix: hit.fix };
}

/** `credentials/*`: no plain-text credential in any rendered object (Secrets excepted). */
export const credentialsRule: ManifestRule = (manifests) => {
  const findings: Finding[] = [];
  for (let object = 0; object < manifests.length; object++) {
    const m = manifests[object];
    if (m.kind === 'Secret') continue;
    const spec: any = (m as any).spec;

    if (m.kind === 'FlinkDeployment' && spec?.flinkConfiguration) {
      const entries: Array<[string, unknown]> = [];
      flattenConfiguration('', spec.flinkConfiguration, entries);
      for (const [key, value] of entries) {
        const field = `spec.flinkConfiguration['${key}']`;
        const hit = flinkConfigCredential(key, value);
        if (hit) findings.push(credentialFinding(object, 'flink-configuration', field, hidden(value), hit));
        const jvm = key.startsWith('env.java.opts') ? jvmOptionCredential(value) : undefined;
        if (jvm) findings.push(credentialFinding(object, 'flink-configuration', field, jvm.option, jvm.hit));
      }
    }

    for (const at of podSpecsOf(m)) {
      for (const kind of ['initContainers', 'containers']) {
        const containers = Array.isArray(at.spec[kind]) ? at.spec[kind] : [];
        for (let i = 0; i < containers.length; i++) {
          const env: any[] = Array.isArray(containers[i]?.env) ? containers[i].env : [];
          for (let j = 0; j < env.length; j++) {
            const e = env[j];
            const hit = e && typeof e.name === 'string' ? envCredential(e.name, e.value) : undefined;
            if (hit) findings.push(credentialFinding(object, 'env', `${at.field}.${kind}[${i}].env[${j}].value`, `${e.name}=${hidden(e.value)}`, hit));
          }
        }
      }
    }

    // Other ConfigMap entries named like credentials (what envFrom turns into environment variables).
    const data: any = m.kind === 'ConfigMap' ? (m as any).data : undefined;
    if (data && typeof data === 'object') {
      for (const key of Object.keys(data).sort()) {
        if (key === MODULE_KEY || !envCredential(key, data[key])) continue;
        findings.push(credentialFinding(object, 'configmap', `data['${key}']`, `${key}=${hidden(data[key])}`, {
          why: 'a credential in plain text in a ConfigMap, readable by anyone who may read ConfigMaps in the namespace (and by every pod that takes the ConfigMap as environment)',
          fix: 'keep it in a Secret instead and reference that (EnvFromSource.secret(secret) for flinkPods.envFrom, EnvValue.fromSecretValue({ secret, key }) for one variable)',
        }));
      }
    }

    const moduleText = m.kind === 'ConfigMap' ? (m as any).data?.[MODULE_KEY] : undefined;
    if (typeof moduleText === 'string') findings.push(...moduleFindings(moduleText, object, m.metadata?.namespace));

    const all: Array<[string, string]> = [];
    userInfoCandidates(m, [], all);
    for (const [field, value] of all) {
      if (moduleText !== undefined && field === `data['${MODULE_KEY}']`) continue;
      const url = urlWithUserInfo(value);
      if (url) findings.push(credentialFinding(object, 'url-user-info', field, url, URL_USER_INFO));
    }
  }
  return findings;
};

/**
 * Words without which no module finding is possible (credential-like keys, provider references, basic
 * keys, AWS key ids, user info): a module without any of them is not parsed, which keeps large modules fast.
 */
const MODULE_SUSPECT = /password|passwd|secret|jaas|basic|ssl\.keystore\.key|accesskeyid|access\.key|session|AKIA|ASIA|\$\{|:\/\/[^\s/?#@:]*:[^\s/?#@]*@/i;

function moduleFindings(text: string, object: number, namespace: string | undefined): Finding[] {
  const findings: Finding[] = [];
  if (!MODULE_SUSPECT.test(text)) return findings;
  let docs: unknown[];
  try {
    docs = yamlLibrary().parseAllDocuments(text).map((d) => (d.errors.length ? undefined : d.toJS()));
  } catch {
    return findings;
  }
  docs.forEach((doc: any, i) => {
    if (!doc || typeof doc !== 'object') return;
    const at = `data['${MODULE_KEY}'] document ${i + 1}`;
    const add = (rule: string, field: string, value: unknown, hit: CredentialHit) => findings.push({ rule: `credentials/${rule}`, severity: 'error', object, field: `${at} ${field}`, value, why: hit.why, fix: hit.fix });
    const spec = doc.spec ?? {};
    if (KAFKA_KINDS.includes(doc.kind)) {
      const props = propertyMap(spec.properties);
      for (const key of Object.keys(props).sort()) {
        const hit = kafkaPropertyCredential(key, props[key], props);
        if (hit) add('kafka-properties', `spec.properties['${key}']`, hit.reference ? props[key] : hidden(props[key]), hit);
      }
    }
    if (KINESIS_KINDS.includes(doc.kind)) {
      const props = propertyMap(spec.clientConfigProperties);
      for (const key of Object.keys(props).sort()) {
        const hit = kinesisPropertyCredential(key, props[key]);
        if (hit) add('kinesis-properties', `spec.clientConfigProperties['${key}']`, hidden(props[key]), hit);
      }
      const creds = spec.awsCredentials;
      if (creds && creds.type === 'basic') {
        const region = spec.awsRegion ?? {};
        const keyId = String(creds.accessKeyId ?? '');
        const emulator = region.type === 'custom-endpoint' && typeof region.endpoint === 'string'
          && isLocalEndpoint(region.endpoint, namespace) && !isAwsIssuedKeyId(keyId);
        if (!emulator) {
          add('kinesis-basic', 'spec.awsCredentials', { type: 'basic', secretAccessKey: hidden(creds.secretAccessKey) }, {
            why: 'type: basic writes the AWS keys into the module ConfigMap; the library accepts that only for a local emulator (awsRegion type custom-endpoint at an in-cluster or localhost address, and no AWS-issued key id)',
            fix: KINESIS_FIX,
          });
        }
      }
    }
    const all: Array<[string, string]> = [];
    userInfoCandidates(doc, [], all);
    for (const [field, value] of all) {
      const url = urlWithUserInfo(value);
      if (url) add('url-user-info', field, url, URL_USER_INFO);
    }
  });
  return findings;
}
