/** A key prefix a typed prop owns: extras under it contradict the typed setting. @internal */
export interface OwnedPrefix {
  readonly prefix: string;
  /** The typed prop. */
  readonly owner: string;
  /** Why an extra under the prefix is wrong, e.g. `the state backend is hashmap: RocksDB options have no effect`. */
  readonly reason: string;
}

/**
 * The `flinkConfiguration` being assembled, with the typed prop that owns each key, so the linter
 * can tell a user extra that contradicts a typed setting from one that only adds a key.
 * @internal
 */
export class FlinkConfigurationBuilder {
  private readonly entries = new Map<string, { value: string; owner: string }>();
  private readonly prefixes: OwnedPrefix[] = [];

  /** Sets a key owned by a typed prop (`owner` is the prop path shown in messages). */
  public set(key: string, value: string | number | boolean, owner: string): void {
    this.entries.set(key, { value: String(value), owner });
  }

  /** Claims every key under `prefix` for a typed prop (keys it did not set there are contradictions). */
  public ownPrefix(prefix: string, owner: string, reason: string): void {
    this.prefixes.push({ prefix, owner, reason });
  }

  public get(key: string): string | undefined {
    return this.entries.get(key)?.value;
  }

  public ownerOf(key: string): string | undefined {
    return this.entries.get(key)?.owner;
  }

  /** The owned prefix a key falls under, if any (only for keys the typed settings did not set). */
  public ownedPrefixOf(key: string): OwnedPrefix | undefined {
    if (this.entries.has(key)) return undefined;
    return this.prefixes.find((p) => key.startsWith(p.prefix));
  }

  public has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The key prefixes typed props own (for the last gate, which rebuilds the builder from plain data). */
  public ownedPrefixes(): OwnedPrefix[] {
    return [...this.prefixes];
  }

  public keys(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Flat string map with keys sorted, the form valid for every operator CRD. */
  public toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of this.keys()) out[key] = this.entries.get(key)!.value;
    return out;
  }
}

/** Keys every StateFun deployment needs, independent of user settings. @internal */
export const STATEFUN_PARENT_FIRST_PATTERNS = ['org.apache.flink.statefun', 'org.apache.kafka', 'com.google.protobuf'];

/** Where the module ConfigMap is mounted in the Flink pods (never under /opt/flink/conf, the operator's). @internal */
export const MODULE_MOUNT_DIR = '/opt/statefun';

/** The module file the runtime reads through `statefun.remote.module-name`. @internal */
export const MODULE_FILE = 'module.yaml';

/** The `statefun.remote.module-name` value pointing at the mounted module. @internal */
export const MODULE_URI = `file://${MODULE_MOUNT_DIR}/${MODULE_FILE}`;

/** Ports the Flink processes already listen on (TaskManager RPC, JobManager RPC, blob server, REST). @internal */
export const FLINK_RESERVED_PORTS = [6122, 6123, 6124, 8081];

/** The runner jar inside every Kzmlabs image. @internal */
export const RUNNER_JAR_URI = 'local:///opt/flink/statefun-flink-runner.jar';

/** The Flink container name the operator merges pod templates into. @internal */
export const FLINK_MAIN_CONTAINER = 'flink-main-container';

/** UID/GID of the `flink` user in Flink images. @internal */
export const FLINK_UID = 9999;

/** Java 21 module flags the StateFun image needs (Kryo/Protobuf reflection, Kerberos, RMI). @internal */
export const JAVA21_MODULE_FLAGS: string[] = [
  '--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED',
  ...['java.lang', 'java.net', 'java.io', 'java.nio', 'sun.nio.ch', 'java.lang.reflect', 'java.text', 'java.time',
    'java.util', 'java.util.concurrent', 'java.util.concurrent.atomic', 'java.util.concurrent.locks']
    .map((pkg) => `--add-opens=java.base/${pkg}=ALL-UNNAMED`),
];
