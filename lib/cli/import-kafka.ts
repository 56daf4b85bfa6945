import { KAFKA_SECURITY_KEYS, KafkaSaslMechanism, KafkaSecurity } from '../kafka-security';
import { PodFile, SECRET_FILES_ROOT } from '../pod-files';

/**
 * The inverse of `KafkaSecurity._properties()` (lib/kafka-security.ts) for `cdk8s-statefun import`: a Kafka
 * ingress's or egress's client properties whose security keys (`security.protocol`, `sasl.*`, `ssl.*`,
 * `config.providers*`) are exactly what a typed `KafkaSecurity` with Secret keys renders become that
 * `security` prop; the other properties stay. Read: SASL_SSL (TLS with the JVM trust store), SASL_PLAINTEXT and
 * SSL without stores, with a username and a `${dir:/opt/flink-secrets/<secret>:<key>}` password or a whole
 * JAAS line from a Secret key. Anything else (trust/key stores, other providers) is left in the properties,
 * which render the same.
 */

/** The typed security read from a component's properties. @internal */
export interface ImportedKafkaSecurity {
  /** The `KafkaSecurity.…(…)` expression; Secrets are named by the variables `secretVariable` gives. */
  readonly code: string;
  /** The Secrets the expression reads, by name. */
  readonly secrets: string[];
  /** The properties left (the non-security keys), or undefined when none is left. */
  readonly properties?: { [key: string]: string };
}

function lit(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function canonical(m: Record<string, string>): string {
  return JSON.stringify(Object.keys(m).sort().map((k) => [k, m[k]]));
}

/** The variable name generated for a Secret (`payments-msk-scram` → `paymentsMskScramSecret`). @internal */
export function secretVariable(name: string): string {
  const words = name.split(/[^a-zA-Z0-9]+/).filter(Boolean);
  return `${words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('')}Secret`.replace(/^(\d)/, '_$1');
}

/** Reads the typed security from client properties, or undefined if they hold none the typed prop renders the same. @internal */
export function importKafkaSecurity(properties: { [key: string]: string } | undefined): ImportedKafkaSecurity | undefined {
  if (!properties) return undefined;
  const isSecurityKey = (k: string) => KAFKA_SECURITY_KEYS.some((p) => k === p || (p.endsWith('.') ? k.startsWith(p) : k.startsWith(`${p}.`)));
  const security: Record<string, string> = {};
  const rest: Record<string, string> = {};
  for (const [k, v] of Object.entries(properties)) (isSecurityKey(k) ? security : rest)[k] = v;
  const protocol = security['security.protocol'];
  if (protocol === undefined) return undefined;
  const secretFile = (placeholder: string): { secret: string; key: string } | undefined => {
    const m = new RegExp(`^\\$\\{dir:${SECRET_FILES_ROOT}/([a-z0-9.-]+):([-._a-zA-Z0-9]+)\\}$`).exec(placeholder);
    return m ? { secret: m[1], key: m[2] } : undefined;
  };
  const secrets: string[] = [];
  const file = (f: { secret: string; key: string }): [string, PodFile] => {
    if (!secrets.includes(f.secret)) secrets.push(f.secret);
    return [`PodFile.fromSecret(${secretVariable(f.secret)}, ${lit(f.key)})`, PodFile._named('secret', f.secret, f.key)];
  };
  try {
    let code: string;
    let value: KafkaSecurity;
    if (protocol === 'SSL') {
      code = 'KafkaSecurity.ssl()';
      value = KafkaSecurity.ssl();
    } else if (protocol === 'SASL_SSL' || protocol === 'SASL_PLAINTEXT') {
      const mechanism = Object.keys(KafkaSaslMechanism).find((k) => (KafkaSaslMechanism as any)[k] === security['sasl.mechanism']);
      const jaas = security['sasl.jaas.config'] ?? '';
      if (!mechanism) return undefined;
      const whole = secretFile(jaas);
      const inline = /^\S+ required username="([^"\\]*)" password="(\$\{[^}]*\})";$/.exec(jaas);
      const parts: string[] = [`mechanism: KafkaSaslMechanism.${mechanism}`];
      const options: Record<string, unknown> = { mechanism: (KafkaSaslMechanism as any)[mechanism] };
      if (whole) {
        const [c, f] = file(whole);
        parts.push(`jaasConfig: ${c}`);
        options.jaasConfig = f;
      } else if (inline && secretFile(inline[2])) {
        const [c, f] = file(secretFile(inline[2])!);
        parts.push(`username: ${lit(inline[1])}`, `password: ${c}`);
        options.username = inline[1];
        options.password = f;
      } else {
        return undefined;
      }
      code = `KafkaSecurity.${protocol === 'SASL_SSL' ? 'saslSsl' : 'saslPlaintext'}({ ${parts.join(', ')} })`;
      value = protocol === 'SASL_SSL' ? KafkaSecurity.saslSsl(options as any) : KafkaSecurity.saslPlaintext(options as any);
    } else {
      return undefined;
    }
    // Only what renders back exactly is read.
    if (canonical(value._properties()) !== canonical(security)) return undefined;
    return { code, secrets, properties: Object.keys(rest).length > 0 ? rest : undefined };
  } catch {
    return undefined;
  }
}
