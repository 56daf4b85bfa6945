import { Problem } from './errors';
import { checkArgs } from './guard-schemas';
import { kindOf } from './guards';
import { notPodFileProblem, PodFile, SECRET_FILES_ROOT } from './pod-files';

/**
 * Kafka SASL/SSL with credentials from Secrets, never in `module.yaml`.
 *
 * StateFun passes a Kafka ingress's or egress's `properties` unchanged to kafka-clients 3.9.1
 * (`kzmlabs/flink-statefun` `KafkaSourceProvider`/`KafkaSinkProvider`; Flink's KafkaSource/KafkaSink copy the
 * whole map into every client, JobManager enumerator included). kafka-clients resolves `${dir:<dir>:<key>}`
 * in any string value when `config.providers` names the `DirectoryConfigProvider` in the same map
 * (`apache/kafka:clients/.../common/config/AbstractConfig.java` `resolveConfigVariables`, KIP-421/KIP-632).
 * So the library writes placeholders into the module and mounts the Secret read-only at
 * `/opt/flink-secrets/<secret>` in JobManager and TaskManagers (the shared pod template).
 *
 * Traps handled here: an unresolvable placeholder is left as literal text and silently becomes the password
 * (`ConfigTransformer`), so every placeholder must point at a mounted Secret key; the provider reads the file
 * exactly (`DirectoryConfigProvider`, no trimming), so a Secret value with a trailing newline fails SCRAM/PLAIN
 * authentication; a password containing `"` or `\` breaks the inline JAAS line (use `jaasConfig` then).
 */

/** SASL mechanisms with a username and password. */
export enum KafkaSaslMechanism {
  /** PLAIN (`PlainLoginModule`); use only over TLS. */
  PLAIN = 'PLAIN',
  /** SCRAM-SHA-256 (`ScramLoginModule`). */
  SCRAM_SHA_256 = 'SCRAM-SHA-256',
  /** SCRAM-SHA-512 (`ScramLoginModule`), e.g. Strimzi `KafkaUser` with `scram-sha-512`. */
  SCRAM_SHA_512 = 'SCRAM-SHA-512',
}

/** The format of a Kafka trust or key store file. */
export enum KafkaStoreType {
  /** PEM certificates (and, for a key store, a PKCS#8 key); no store password. */
  PEM = 'PEM',
  /** PKCS#12. */
  PKCS12 = 'PKCS12',
  /** Java key store. */
  JKS = 'JKS',
}

/** SASL credentials: a username with a password from a Secret key, or a whole JAAS line from a Secret key. */
export interface KafkaSaslCredentials {
  /** The mechanism. */
  readonly mechanism: KafkaSaslMechanism;
  /**
   * The username (not a secret; written into the JAAS line). No `"` or `\`.
   * @default - none: `jaasConfig` holds the whole line
   */
  readonly username?: string;
  /**
   * The password: a Secret key (`PodFile.fromSecret(secret, 'password')`), written as `${dir:…}`. The key's
   * bytes are the password exactly: create it without a trailing newline.
   * @default - none: `jaasConfig` holds the whole line
   */
  readonly password?: PodFile;
  /**
   * A Secret key holding the complete `sasl.jaas.config` line (Strimzi `KafkaUser` Secrets carry one as
   * `sasl.jaas.config`); use it when the password may contain `"` or `\`.
   * @default - built from username and password
   */
  readonly jaasConfig?: PodFile;
}

/** TLS towards the brokers: trust store (server authentication) and optional key store (mutual TLS). */
export interface KafkaTlsOptions {
  /**
   * CA certificates the brokers' certificates chain to (a Secret or ConfigMap key, mounted by the library).
   * @default - the JVM's trust store
   */
  readonly trustStore?: PodFile;
  /**
   * Format of the trust store.
   * @default KafkaStoreType.PEM
   */
  readonly trustStoreType?: KafkaStoreType;
  /**
   * Trust store password (PKCS12/JKS only; a Secret key).
   * @default - none (integrity not checked)
   */
  readonly trustStorePassword?: PodFile;
  /**
   * Client key store for mutual TLS (Strimzi TLS users: `user.p12`).
   * @default - no client certificate
   */
  readonly keyStore?: PodFile;
  /**
   * Format of the key store.
   * @default KafkaStoreType.PKCS12
   */
  readonly keyStoreType?: KafkaStoreType;
  /**
   * Key store password (required for PKCS12/JKS; a Secret key, e.g. Strimzi's `user.password`).
   * @default - none
   */
  readonly keyStorePassword?: PodFile;
  /**
   * Password of the private key (a Secret key), if it differs from the store's or the PEM key is encrypted.
   * @default - none
   */
  readonly keyPassword?: PodFile;
}

/** Options of `KafkaSecurity.saslSsl`. */
export interface KafkaSaslSslOptions extends KafkaSaslCredentials {
  /**
   * TLS settings.
   * @default - TLS with the JVM's trust store
   */
  readonly tls?: KafkaTlsOptions;
}

/** The DirectoryConfigProvider class (kafka-clients ≥ 2.7, KIP-632). @internal */
export const KAFKA_DIR_PROVIDER = 'org.apache.kafka.common.config.provider.DirectoryConfigProvider';

const LOGIN_MODULE: Record<string, string> = {
  'PLAIN': 'org.apache.kafka.common.security.plain.PlainLoginModule',
  'SCRAM-SHA-256': 'org.apache.kafka.common.security.scram.ScramLoginModule',
  'SCRAM-SHA-512': 'org.apache.kafka.common.security.scram.ScramLoginModule',
};

/** How a Kafka ingress or egress authenticates and encrypts, with every credential read from a Secret. */
export class KafkaSecurity {
  /** SASL over TLS (`security.protocol: SASL_SSL`). */
  public static saslSsl(options: KafkaSaslSslOptions): KafkaSecurity {
    checkArgs('KafkaSecurity.saslSsl', options);
    return new KafkaSecurity('SASL_SSL', options, options?.tls ?? {});
  }
  /** SASL without TLS (`SASL_PLAINTEXT`): only inside a trusted network, and never with PLAIN. */
  public static saslPlaintext(options: KafkaSaslCredentials): KafkaSecurity {
    checkArgs('KafkaSecurity.saslPlaintext', options);
    return new KafkaSecurity('SASL_PLAINTEXT', options, undefined);
  }
  /** TLS only (`SSL`): server authentication, and mutual TLS with a key store. */
  public static ssl(options: KafkaTlsOptions = {}): KafkaSecurity {
    checkArgs('KafkaSecurity.ssl', options);
    return new KafkaSecurity('SSL', undefined, options);
  }

  private constructor(
    /** The `security.protocol`. */
    public readonly protocol: string,
    private readonly sasl: KafkaSaslCredentials | undefined,
    private readonly tls: KafkaTlsOptions | undefined,
  ) {}

  /** The client properties this renders (placeholders only, never a secret value). @internal */
  public _properties(): Record<string, string> {
    const out: Record<string, string> = { 'security.protocol': this.protocol };
    const s = this.sasl;
    if (s) {
      out['sasl.mechanism'] = s.mechanism;
      out['sasl.jaas.config'] = s.jaasConfig
        ? placeholder(s.jaasConfig)
        : `${LOGIN_MODULE[s.mechanism]} required username="${s.username}" password="${placeholder(s.password!)}";`;
    }
    const t = this.tls;
    if (t?.trustStore) {
      out['ssl.truststore.type'] = t.trustStoreType ?? KafkaStoreType.PEM;
      out['ssl.truststore.location'] = t.trustStore.path;
      if (t.trustStorePassword) out['ssl.truststore.password'] = placeholder(t.trustStorePassword);
    }
    if (t?.keyStore) {
      out['ssl.keystore.type'] = t.keyStoreType ?? KafkaStoreType.PKCS12;
      out['ssl.keystore.location'] = t.keyStore.path;
      if (t.keyStorePassword) out['ssl.keystore.password'] = placeholder(t.keyStorePassword);
    }
    if (t?.keyPassword) out['ssl.key.password'] = placeholder(t.keyPassword);
    const dirs = [...new Set(this._secretValues().map((f) => f.directory!))].sort();
    if (dirs.length > 0) {
      out['config.providers'] = 'dir';
      out['config.providers.dir.class'] = KAFKA_DIR_PROVIDER;
      // Hardening (kafka-clients ≥ 3.8, KAFKA-14822): the provider reads only the mounted Secret directories.
      out['config.providers.dir.param.allowed.paths'] = dirs.join(',');
    }
    return out;
  }

  /** Every file the Flink pods must provide, with its prop path. @internal */
  public _files(field: string): Array<{ field: string; file: PodFile }> {
    const out: Array<{ field: string; file: PodFile }> = [];
    const add = (name: string, f: PodFile | undefined) => {
      if (f instanceof PodFile) out.push({ field: `${field}.${name}`, file: f });
    };
    add('password', this.sasl?.password);
    add('jaasConfig', this.sasl?.jaasConfig);
    for (const name of ['trustStore', 'trustStorePassword', 'keyStore', 'keyStorePassword', 'keyPassword'] as const) add(`tls.${name}`, this.tls?.[name]);
    return out;
  }

  private _secretValues(): PodFile[] {
    const t = this.tls ?? {};
    const all = [this.sasl?.password, this.sasl?.jaasConfig, t.trustStorePassword, t.keyStorePassword, t.keyPassword];
    return all.filter((f): f is PodFile => f instanceof PodFile);
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    const problems: Problem[] = [];
    const s = this.sasl;
    if (this.protocol !== 'SSL') {
      if (typeof s !== 'object' || s === null) return [{ field, value: s, why: 'SASL needs the mechanism and credentials', fix: "write KafkaSecurity.saslSsl({ mechanism: KafkaSaslMechanism.SCRAM_SHA_512, username: 'statefun', password: PodFile.fromSecret(secret, 'password') })" }];
      const mechanisms = Object.values(KafkaSaslMechanism) as string[];
      if (!mechanisms.includes(s.mechanism)) problems.push({ field: `${field}.mechanism`, value: s.mechanism, why: `the supported username/password mechanisms are ${mechanisms.join(', ')}`, fix: 'use KafkaSaslMechanism.SCRAM_SHA_512 (or SCRAM_SHA_256, PLAIN)' });
      if (this.protocol === 'SASL_PLAINTEXT' && s.mechanism === KafkaSaslMechanism.PLAIN) problems.push({ field: `${field}.mechanism`, value: s.mechanism, why: 'PLAIN without TLS sends the password in clear text over the network', fix: 'use KafkaSecurity.saslSsl(...), or a SCRAM mechanism' });
      if (s.jaasConfig !== undefined) {
        if (s.username !== undefined || s.password !== undefined) problems.push({ field: `${field}.jaasConfig`, value: 'jaasConfig with username/password', why: 'the JAAS line from the Secret already names the user and password; the two would contradict each other', fix: 'set either jaasConfig, or username and password' });
        problems.push(...secretValueProblems(`${field}.jaasConfig`, s.jaasConfig));
      } else {
        if (typeof s.username !== 'string' || s.username === '' || /["\\\s]/.test(s.username)) problems.push({ field: `${field}.username`, value: s.username, why: 'the username goes into the JAAS line: non-empty, without quotes, backslashes or spaces', fix: "write the user name, e.g. 'statefun', or put the whole line in a Secret key (jaasConfig)" });
        if (s.password === undefined) problems.push({ field: `${field}.password`, value: undefined, why: 'SASL needs the password', fix: "take it from a Secret: PodFile.fromSecret(secret, 'password')" });
        else problems.push(...secretValueProblems(`${field}.password`, s.password));
      }
    }
    const t = this.tls;
    if (t !== undefined && (typeof t !== 'object' || t === null)) return [...problems, { field: `${field}.tls`, value: t, why: 'tls is an object { trustStore, keyStore, ... }', fix: "write e.g. { trustStore: PodFile.fromSecret(secret, 'ca.crt') }" }];
    if (t) {
      const types = Object.values(KafkaStoreType) as string[];
      for (const name of ['trustStoreType', 'keyStoreType'] as const) {
        if (t[name] !== undefined && !types.includes(t[name]!)) problems.push({ field: `${field}.tls.${name}`, value: t[name], why: `Kafka reads ${types.join(', ')} stores`, fix: 'use KafkaStoreType.PEM, PKCS12 or JKS' });
      }
      for (const name of ['trustStore', 'keyStore'] as const) {
        const f = t[name];
        if (f !== undefined && !(f instanceof PodFile)) problems.push(notPodFileProblem(`${field}.tls.${name}`, f, `the store is a file in the Flink pods, named by reference (a PodFile), not ${kindOf(f)}`, "use PodFile.fromSecret(secret, 'ca.crt')"));
        else if (f) problems.push(...f._problems(`${field}.tls.${name}`));
      }
      for (const name of ['trustStorePassword', 'keyStorePassword', 'keyPassword'] as const) {
        if (t[name] !== undefined) problems.push(...secretValueProblems(`${field}.tls.${name}`, t[name]));
      }
      const trustType = t.trustStoreType ?? KafkaStoreType.PEM;
      if (t.trustStorePassword !== undefined && trustType === KafkaStoreType.PEM) problems.push({ field: `${field}.tls.trustStorePassword`, value: 'PEM', why: 'Kafka refuses a password on a PEM store (DefaultSslEngineFactory: "SSL trust store password cannot be specified for PEM format")', fix: 'remove trustStorePassword, or set trustStoreType to PKCS12/JKS' });
      if (t.trustStorePassword !== undefined && t.trustStore === undefined) problems.push({ field: `${field}.tls.trustStorePassword`, value: 'no trustStore', why: 'a password without a trust store is never read', fix: 'set trustStore, or remove trustStorePassword' });
      const keyType = t.keyStoreType ?? KafkaStoreType.PKCS12;
      if (t.keyStore !== undefined && keyType !== KafkaStoreType.PEM && t.keyStorePassword === undefined) problems.push({ field: `${field}.tls.keyStorePassword`, value: undefined, why: `Kafka requires the password of a ${keyType} key store`, fix: "take it from a Secret: PodFile.fromSecret(secret, 'user.password')" });
      if (t.keyStore !== undefined && keyType === KafkaStoreType.PEM && t.keyStorePassword !== undefined) problems.push({ field: `${field}.tls.keyStorePassword`, value: 'PEM', why: 'Kafka refuses a store password on a PEM key store', fix: 'remove keyStorePassword (use keyPassword for an encrypted PEM key)' });
      if (t.keyStore === undefined && (t.keyStorePassword !== undefined || t.keyPassword !== undefined)) problems.push({ field: `${field}.tls.keyStore`, value: undefined, why: 'key store passwords without a key store are never read', fix: 'set keyStore, or remove the passwords' });
    }
    return problems;
  }
}

/** The `${dir:<dir>:<key>}` placeholder of a Secret key. */
function placeholder(f: PodFile): string {
  return `\${dir:${f.directory}:${f.key}}`;
}

/** A credential must be a Secret key: the DirectoryConfigProvider reads it from the mounted Secret. */
function secretValueProblems(field: string, f: unknown): Problem[] {
  if (f instanceof PodFile && f.kind === 'secret') return f._problems(field);
  // The one check of these fields' type (the KafkaSecurity factories leave them here): a literal is never echoed.
  const literal = typeof f === 'string';
  return [{
    field,
    value: literal ? '(a literal value)' : f instanceof PodFile ? f.path : f,
    why: literal
      ? 'a credential written as a literal ends up in module.yaml, a ConfigMap anyone who can read the namespace can read'
      : f instanceof PodFile
        ? 'credentials are read by the Kafka client from a mounted Secret key (the ${dir:...} config provider); a ConfigMap, path or classpath file is not a Secret'
        : `a credential is a Secret key named by a PodFile, not ${kindOf(f)}: the Kafka client reads it from the mounted Secret (the \${dir:...} config provider)`,
    fix: "keep it in a Secret and reference the key: PodFile.fromSecret(secret, 'password')",
  }];
}

/** Keys the typed security owns in `properties`. @internal */
export const KAFKA_SECURITY_KEYS = ['security.protocol', 'sasl.', 'ssl.', 'config.providers'];

/**
 * Problems with credentials in user-written Kafka `properties`: literal passwords (in `sasl.jaas.config` or
 * `ssl.*.password`/`ssl.keystore.key`), typed-security keys set twice, and placeholders without the provider
 * configured (kafka-clients then keeps the placeholder text as the value).
 * @internal
 */
export function kafkaPropertyCredentialProblems(field: string, properties: { [key: string]: string } | undefined, typed: boolean): Problem[] {
  if (!properties || typeof properties !== 'object') return [];
  const problems: Problem[] = [];
  const fix = 'use the typed security prop: security: KafkaSecurity.saslSsl({ mechanism, username, password: PodFile.fromSecret(secret, \'password\') })';
  for (const key of Object.keys(properties).sort()) {
    const value = properties[key];
    if (typeof value !== 'string') continue;
    const f = `${field}['${key}']`;
    if (typed && KAFKA_SECURITY_KEYS.some((k) => key === k || (k.endsWith('.') && key.startsWith(k)) || key.startsWith(`${k}.`))) {
      problems.push({ field: f, value, why: 'the typed security prop sets the security, SASL, SSL and config provider properties; a second value would silently conflict with it', fix: 'remove the property and express it through security' });
      continue;
    }
    const literalPassword = /password\s*=\s*"(?!\$\{(dir|file|env):)[^"]*"/i.test(value) || /password\s*=\s*[^"\s;$][^\s;]*/i.test(value);
    if (key === 'sasl.jaas.config' && literalPassword) {
      problems.push({ field: f, value: '(a JAAS line with a literal password)', why: 'the password would be written in plain text into module.yaml, a ConfigMap', fix });
    } else if (/^ssl\.(.*\.)?password$|^ssl\.keystore\.key$/.test(key) && !/^\$\{(dir|file|env):[^}]+\}$/.test(value)) {
      problems.push({ field: f, value: '(a literal value)', why: 'the credential would be written in plain text into module.yaml, a ConfigMap', fix: "use security: KafkaSecurity.ssl({ ..., keyStorePassword: PodFile.fromSecret(secret, 'user.password') })" });
    }
    for (const m of value.matchAll(/\$\{(dir|file|env):/g)) {
      const provider = m[1];
      const providers = (properties['config.providers'] ?? '').split(',').map((p) => p.trim());
      if (!typed && !providers.includes(provider)) {
        problems.push({ field: f, value: `\${${provider}:...}`, why: `config.providers does not name '${provider}', so kafka-clients keeps the placeholder text as the value (a wrong password, not an error)`, fix: `set 'config.providers' to include '${provider}' and 'config.providers.${provider}.class', or use the typed security prop` });
        break;
      }
    }
  }
  return problems;
}

/**
 * Problems with `${env:NAME}` placeholders naming a variable the Flink pods do not set (kafka-clients would
 * keep the placeholder text as the value). `names` undefined means the environment is not fully known
 * (an `envFrom` source), and nothing is checked.
 * @internal
 */
export function envPlaceholderProblems(field: string, properties: { [key: string]: string } | undefined, names: string[] | undefined): Problem[] {
  if (!properties || typeof properties !== 'object' || names === undefined) return [];
  const problems: Problem[] = [];
  for (const key of Object.keys(properties).sort()) {
    const value = properties[key];
    if (typeof value !== 'string') continue;
    for (const m of value.matchAll(/\$\{env:(?:[^:}]*:)?([^}]+)\}/g)) {
      if (!names.includes(m[1])) {
        problems.push({ field: `${field}['${key}']`, value: m[0], why: `the Flink pods set no environment variable ${m[1]}, so kafka-clients keeps the placeholder text as the value`, fix: `set it from a Secret: flinkPods.env { ${m[1]}: EnvValue.fromSecretValue({ secret, key }) }, or use the typed security prop` });
      }
    }
  }
  return problems;
}

/**
 * The files user-written `${dir:…}`/`${file:…}` placeholders read, as `PodFile`s: the library's Secret layout
 * (`/opt/flink-secrets/<secret>:<key>`) mounts the Secret; any other path must be provided by a mount.
 * `${env:…}` placeholders are not checked.
 * @internal
 */
export function placeholderFiles(field: string, properties: { [key: string]: string } | undefined): Array<{ field: string; file: PodFile }> {
  if (!properties || typeof properties !== 'object') return [];
  const out: Array<{ field: string; file: PodFile }> = [];
  for (const key of Object.keys(properties).sort()) {
    const value = properties[key];
    if (typeof value !== 'string') continue;
    for (const m of value.matchAll(/\$\{(dir|file):([^:}]+):([^}]+)\}/g)) {
      const [, provider, path, k] = m;
      const own = new RegExp(`^${SECRET_FILES_ROOT}/([^/]+)$`).exec(path);
      const file = provider === 'dir' && own ? PodFile._named('secret', own[1], k) : PodFile.atPath(provider === 'dir' ? `${path}/${k}` : path);
      out.push({ field: `${field}['${key}']`, file });
    }
  }
  return out;
}
