import { createHash } from 'crypto';
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Problem } from './errors';
import { MODULE_MOUNT_DIR } from './flink-configuration';
import { checkArgs } from './guard-schemas';
import { isDns1123Label, isDns1123Subdomain } from './pod-names';
import { renderQuantity } from './units';

/** Where the library mounts a Secret a `PodFile.fromSecret` names, in both Flink pods. @internal */
export const SECRET_FILES_ROOT = '/opt/flink-secrets';
/** Where the library mounts a ConfigMap a `PodFile.fromConfigMap` names. @internal */
export const CONFIGMAP_FILES_ROOT = '/opt/flink-configmaps';
/** The operator's Flink configuration mount (FlinkConfMountDecorator). @internal */
export const FLINK_CONF_DIR = '/opt/flink/conf';
/** The Flink distribution in the image. @internal */
export const FLINK_HOME = '/opt/flink';

/**
 * Paths no user volume may cover, with the reason. Mounting over the operator's configuration replaces the
 * Flink config the operator writes (`flink-kubernetes-operator` `FlinkConfMountDecorator`); mounting over the
 * module directory hides `module.yaml`; a mount at or above `/opt/flink` hides the Flink distribution (jars,
 * `bin/`, plugins); the library's own Secret and ConfigMap roots hold the files it mounts for `PodFile`.
 * @internal
 */
const RESERVED: Array<{ path: string; why: string; under: boolean; above: boolean }> = [
  { path: FLINK_CONF_DIR, why: 'the operator mounts the Flink configuration there; a volume over it replaces config.yaml and the log configuration', under: true, above: true },
  { path: MODULE_MOUNT_DIR, why: 'the module ConfigMap (module.yaml) is mounted there read-only; a volume over it hides the module and nothing can be written into it', under: true, above: true },
  { path: FLINK_HOME, why: 'the Flink distribution (lib/, bin/, plugins/) lives there; a volume over it hides the runtime', under: false, above: true },
  { path: `${FLINK_HOME}/lib`, why: 'the Flink distribution\'s jars live there', under: true, above: false },
  { path: `${FLINK_HOME}/plugins`, why: 'the filesystem and metrics plugins live there', under: true, above: false },
  { path: `${FLINK_HOME}/bin`, why: 'the Flink entry point scripts live there', under: true, above: false },
  { path: SECRET_FILES_ROOT, why: 'the library mounts the Secrets of PodFile.fromSecret there', under: true, above: true },
  { path: CONFIGMAP_FILES_ROOT, why: 'the library mounts the ConfigMaps of PodFile.fromConfigMap there', under: true, above: true },
];

/** Whether `child` is `parent` or lies below it. @internal */
export function isAtOrUnder(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith('/') ? parent : `${parent}/`);
}

/** Problems with a mount path chosen by the user (absolute, normalized, not over a reserved path). @internal */
export function mountPathProblems(field: string, path: unknown): Problem[] {
  if (typeof path !== 'string' || !/^\/[^\s:]*$/.test(path) || path.split('/').slice(1).some((s) => s === '' || s === '.' || s === '..')) {
    return [{ field, value: path, why: 'a mount path is an absolute, normalized path without spaces, \':\', \'.\' or \'..\' segments, or a trailing \'/\'', fix: "write e.g. '/etc/my-app/certs'" }];
  }
  for (const r of RESERVED) {
    const hit = path === r.path || (r.under && isAtOrUnder(path, r.path)) || (r.above && isAtOrUnder(r.path, path));
    if (hit) {
      return [{ field, value: path, why: `${path === r.path ? 'is' : isAtOrUnder(path, r.path) ? 'lies under' : 'covers'} ${r.path}: ${r.why}`, fix: "mount elsewhere, e.g. under '/etc/<name>' or '/var/lib/<name>'" }];
    }
  }
  return [];
}

/** Options of a Secret or ConfigMap volume. */
export interface PodVolumeFileOptions {
  /**
   * File mode bits of the files (octal, e.g. `0o440`).
   * @default 0o440 for Secrets (owner and group read: the Flink pods run with fsGroup 9999), 0o444 for ConfigMaps
   */
  readonly defaultMode?: number;
  /**
   * Start the pod even if the Secret or ConfigMap does not exist yet.
   * @default false
   */
  readonly optional?: boolean;
}

/** Options of an `emptyDir` volume. */
export interface PodEmptyDirOptions {
  /**
   * Size limit; the kubelet evicts the pod above it.
   * @default - no limit (bounded by the node's ephemeral storage)
   */
  readonly sizeLimit?: Size;
  /**
   * Back the directory with memory (tmpfs); it counts against the container's memory limit.
   * @default false
   */
  readonly memory?: boolean;
}

/** A volume in a pod, by reference: a Secret, a ConfigMap, an emptyDir or a PersistentVolumeClaim. */
export class PodVolume {
  /** A Secret's keys as files (read-only). */
  public static fromSecret(secret: kplus.ISecret, options: PodVolumeFileOptions = {}): PodVolume {
    checkArgs('PodVolume.fromSecret', secret, options);
    return new PodVolume('secret', secret?.name, options, undefined);
  }
  /** A ConfigMap's keys as files (read-only). */
  public static fromConfigMap(configMap: kplus.IConfigMap, options: PodVolumeFileOptions = {}): PodVolume {
    checkArgs('PodVolume.fromConfigMap', configMap, options);
    return new PodVolume('configMap', configMap?.name, options, undefined);
  }
  /** A scratch directory that lives as long as the pod; `name` is the volume name (a DNS label). */
  public static fromEmptyDir(name: string, options: PodEmptyDirOptions = {}): PodVolume {
    checkArgs('PodVolume.fromEmptyDir', name, options);
    return new PodVolume('emptyDir', name, undefined, options);
  }
  /** An existing PersistentVolumeClaim. */
  public static fromPersistentVolumeClaim(claim: kplus.IPersistentVolumeClaim): PodVolume {
    checkArgs('PodVolume.fromPersistentVolumeClaim', claim);
    return new PodVolume('persistentVolumeClaim', claim?.name, undefined, undefined);
  }

  private constructor(
    /** `secret`, `configMap`, `emptyDir` or `persistentVolumeClaim`. */
    public readonly kind: string,
    /** The Secret, ConfigMap or claim name, or the emptyDir volume name. */
    public readonly sourceName: string,
    private readonly fileOptions: PodVolumeFileOptions | undefined,
    private readonly emptyDirOptions: PodEmptyDirOptions | undefined,
  ) {}

  /** The volume name in the pod spec. @internal */
  public get _volumeName(): string {
    switch (this.kind) {
      case 'secret': return boundedName('secret-', this.sourceName);
      case 'configMap': return boundedName('configmap-', this.sourceName);
      case 'persistentVolumeClaim': return boundedName('pvc-', this.sourceName);
      default: return this.sourceName;
    }
  }

  /** Whether the volume is mounted read-only in every case. @internal */
  public get _readOnly(): boolean {
    return this.kind === 'secret' || this.kind === 'configMap';
  }

  /** @internal */
  public _render(): Record<string, unknown> {
    const name = this._volumeName;
    const o = this.fileOptions ?? {};
    switch (this.kind) {
      case 'secret':
        return { name, secret: { secretName: this.sourceName, defaultMode: o.defaultMode ?? 0o440, optional: o.optional } };
      case 'configMap':
        return { name, configMap: { name: this.sourceName, defaultMode: o.defaultMode ?? 0o444, optional: o.optional } };
      case 'persistentVolumeClaim':
        return { name, persistentVolumeClaim: { claimName: this.sourceName } };
      default: {
        const e = this.emptyDirOptions ?? {};
        return { name, emptyDir: { medium: e.memory ? 'Memory' : undefined, sizeLimit: e.sizeLimit ? renderQuantity(e.sizeLimit) : undefined } };
      }
    }
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    const problems: Problem[] = [];
    if (this.kind === 'emptyDir') {
      if (!isDns1123Label(this.sourceName)) {problems.push({ field: `${field}.name`, value: this.sourceName, why: 'a volume name is a DNS label: lower-case alphanumerics and \'-\', at most 63 characters', fix: "write e.g. 'scratch'" });} else if (RESERVED_VOLUME_NAMES.includes(this.sourceName) || /^(secret|configmap|pvc|files-secret|files-configmap)-/.test(this.sourceName)) {
        problems.push({ field: `${field}.name`, value: this.sourceName, why: 'the library names its own volumes so (the module, RocksDB, /tmp, Secret and ConfigMap volumes); two volumes of one name are rejected', fix: "choose another name, e.g. 'scratch'" });
      }
      const limit = this.emptyDirOptions?.sizeLimit;
      if (limit !== undefined && (typeof (limit as any).toMebibytes !== 'function' || limit.toKibibytes() <= 0)) problems.push({ field: `${field}.sizeLimit`, value: limit, why: 'a size limit is a positive Size', fix: 'use e.g. Size.gibibytes(10)' });
    } else if (!isDns1123Subdomain(this.sourceName)) {
      problems.push({ field, value: this.sourceName, why: `the ${this.kind === 'persistentVolumeClaim' ? 'claim' : this.kind === 'secret' ? 'Secret' : 'ConfigMap'} is referenced by its name, a DNS-1123 subdomain`, fix: 'pass the object (e.g. Secret.fromSecretName(chart, id, name))' });
    }
    const mode = this.fileOptions?.defaultMode;
    if (mode !== undefined && (!Number.isInteger(mode) || mode < 0 || mode > 0o777)) problems.push({ field: `${field}.defaultMode`, value: mode, why: 'file mode bits are 0 to 0o777', fix: 'use e.g. 0o440' });
    return problems;
  }
}

/** A volume mounted into a container at a path. */
export interface PodVolumeMount {
  /** The volume. */
  readonly volume: PodVolume;
  /**
   * Absolute path in the container. Never at or under `/opt/flink/conf` (the operator's configuration),
   * `/opt/statefun` (the module), the Flink distribution's `lib/`, `bin/`, `plugins/`, or at or above `/opt/flink`.
   */
  readonly path: string;
  /**
   * Mount read-only (Secrets and ConfigMaps always are).
   * @default true
   */
  readonly readOnly?: boolean;
}

/** Problems with a list of mounts (types, paths, duplicate paths, one name for two volumes). @internal */
export function mountsProblems(field: string, mounts: PodVolumeMount[] | undefined): Problem[] {
  if (mounts === undefined) return [];
  if (!Array.isArray(mounts)) return [{ field, value: mounts, why: 'mounts are a list of { volume, path }', fix: "write e.g. [{ volume: PodVolume.fromSecret(secret), path: '/etc/my-app/certs' }]" }];
  const problems: Problem[] = [];
  const paths = new Map<string, number>();
  const names = new Map<string, PodVolume>();
  mounts.forEach((m, i) => {
    const f = `${field}[${i}]`;
    if (!(m?.volume instanceof PodVolume)) {
      problems.push({ field: `${f}.volume`, value: m?.volume === undefined ? undefined : String(m.volume), why: 'a mount needs a PodVolume', fix: 'use PodVolume.fromSecret/fromConfigMap/fromEmptyDir/fromPersistentVolumeClaim(...)' });
      return;
    }
    problems.push(...m.volume._problems(`${f}.volume`));
    problems.push(...mountPathProblems(`${f}.path`, m.path));
    if (m.readOnly === false && m.volume._readOnly) problems.push({ field: `${f}.readOnly`, value: false, why: 'Secret and ConfigMap volumes are always read-only (the kubelet projects them)', fix: 'remove readOnly, or use an emptyDir volume for a writable directory' });
    const earlier = paths.get(m.path);
    if (earlier !== undefined) problems.push({ field: `${f}.path`, value: m.path, why: `already mounted by ${field}[${earlier}]; the second mount would hide the first`, fix: 'use a distinct path per mount' });
    else paths.set(m.path, i);
    const other = names.get(m.volume._volumeName);
    if (other && other !== m.volume && JSON.stringify(other._render()) !== JSON.stringify(m.volume._render())) {
      problems.push({ field: `${f}.volume`, value: m.volume._volumeName, why: 'another volume with different settings has the same name', fix: 'reuse the same PodVolume object for both mounts, or give the emptyDir another name' });
    }
    names.set(m.volume._volumeName, m.volume);
  });
  for (const [a, ia] of paths) {
    for (const [b, ib] of paths) {
      if (a !== b && b.startsWith(`${a}/`)) {
        problems.push({ field: `${field}[${ib}].path`, value: b, why: `lies under ${a}, mounted by ${field}[${ia}]; nested mounts depend on mount order`, fix: 'mount at sibling paths instead' });
      }
    }
  }
  return problems;
}

/** Environment from every key of a Secret or ConfigMap (`envFrom`). */
export class EnvFromSource {
  /** Every key of the Secret as an environment variable. */
  public static secret(secret: kplus.ISecret, prefix?: string): EnvFromSource {
    checkArgs('EnvFromSource.secret', secret, prefix);
    return new EnvFromSource('secret', secret?.name, prefix);
  }
  /** Every key of the ConfigMap as an environment variable. */
  public static configMap(configMap: kplus.IConfigMap, prefix?: string): EnvFromSource {
    checkArgs('EnvFromSource.configMap', configMap, prefix);
    return new EnvFromSource('configMap', configMap?.name, prefix);
  }
  private constructor(
    /** `secret` or `configMap`. */
    public readonly kind: string,
    /** The Secret or ConfigMap name. */
    public readonly sourceName: string,
    /** Prefix prepended to every key. */
    public readonly prefix?: string,
  ) {}

  /** @internal */
  public _render(): Record<string, unknown> {
    const ref = this.kind === 'secret' ? { secretRef: { name: this.sourceName } } : { configMapRef: { name: this.sourceName } };
    return this.prefix !== undefined ? { prefix: this.prefix, ...ref } : ref;
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    const problems: Problem[] = [];
    if (!isDns1123Subdomain(this.sourceName)) problems.push({ field, value: this.sourceName, why: `the ${this.kind === 'secret' ? 'Secret' : 'ConfigMap'} is referenced by its name, a DNS-1123 subdomain`, fix: 'pass the object (e.g. Secret.fromSecretName(chart, id, name))' });
    if (this.prefix !== undefined && (typeof this.prefix !== 'string' || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(this.prefix))) problems.push({ field: `${field}.prefix`, value: this.prefix, why: 'an environment variable prefix is letters, digits, \'_\', \'-\' or \'.\', not starting with a digit', fix: "write e.g. 'KAFKA_'" });
    return problems;
  }
}

/**
 * A file the Flink pods read (a TLS trust store, client certificate or key, a key password, Kafka
 * credentials), by reference. From a Secret or ConfigMap key, the library mounts the object read-only in
 * JobManager and TaskManagers and writes the path; the file holds the key's bytes exactly, so a value created
 * from a file with a trailing newline keeps it (harmless for PEM, part of the password for a password file).
 */
export class PodFile {
  /** A key of a Secret, mounted by the library at `/opt/flink-secrets/<secret>/<key>` in both Flink pods. */
  public static fromSecret(secret: kplus.ISecret, key: string): PodFile {
    checkArgs('PodFile.fromSecret', secret, key);
    return new PodFile('secret', secret?.name, key, undefined);
  }
  /** A key of a ConfigMap (public material such as a CA bundle), mounted at `/opt/flink-configmaps/<configmap>/<key>`. */
  public static fromConfigMap(configMap: kplus.IConfigMap, key: string): PodFile {
    checkArgs('PodFile.fromConfigMap', configMap, key);
    return new PodFile('configMap', configMap?.name, key, undefined);
  }
  /**
   * A file of a Secret or ConfigMap named only by its name (module import of the library's own layout). @internal
   */
  public static _named(kind: 'secret' | 'configMap', name: string, key: string): PodFile {
    return new PodFile(kind, name, key, undefined);
  }

  /**
   * A file at an absolute path that a volume of the app's `flinkPods.mounts` provides (checked at synth:
   * a path no volume provides is refused).
   */
  public static atPath(path: string): PodFile {
    checkArgs('PodFile.atPath', path);
    return new PodFile('path', undefined, undefined, path);
  }
  /** A resource on the runtime's classpath (`classpath:<resource>`), e.g. baked into a custom image's jar. */
  public static classpath(resource: string): PodFile {
    checkArgs('PodFile.classpath', resource);
    return new PodFile('classpath', undefined, undefined, resource);
  }

  private constructor(
    /** `secret`, `configMap`, `path` or `classpath`. */
    public readonly kind: string,
    /** The Secret or ConfigMap name. */
    public readonly sourceName: string | undefined,
    /** The Secret or ConfigMap key. */
    public readonly key: string | undefined,
    private readonly location: string | undefined,
  ) {}

  /** The directory the library mounts the Secret or ConfigMap at (undefined for paths and classpath). */
  public get directory(): string | undefined {
    if (this.kind === 'secret') return `${SECRET_FILES_ROOT}/${this.sourceName}`;
    if (this.kind === 'configMap') return `${CONFIGMAP_FILES_ROOT}/${this.sourceName}`;
    return undefined;
  }

  /** The location written into the module: the absolute path, or `classpath:<resource>`. */
  public get path(): string {
    if (this.kind === 'classpath') return `classpath:${this.location}`;
    if (this.kind === 'path') return this.location!;
    return `${this.directory}/${this.key}`;
  }

  /** The volume the library mounts for this file, if any. @internal */
  public _volume(): { volume: Record<string, unknown>; mountPath: string } | undefined {
    if (this.kind === 'secret') return { volume: { name: boundedName('files-secret-', this.sourceName!), secret: { secretName: this.sourceName, defaultMode: 0o440 } }, mountPath: this.directory! };
    if (this.kind === 'configMap') return { volume: { name: boundedName('files-configmap-', this.sourceName!), configMap: { name: this.sourceName, defaultMode: 0o444 } }, mountPath: this.directory! };
    return undefined;
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    if (this.kind === 'secret' || this.kind === 'configMap') {
      const what = this.kind === 'secret' ? 'Secret' : 'ConfigMap';
      const problems: Problem[] = [];
      if (!isDns1123Subdomain(this.sourceName)) problems.push({ field, value: this.sourceName ?? '(no object)', why: `the ${what} is referenced by its name, a DNS-1123 subdomain`, fix: `pass the ${what} object (e.g. ${what}.from${what}Name(chart, id, name))` });
      if (typeof this.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(this.key) || this.key.length > 253 || this.key === '.' || this.key === '..') {
        problems.push({ field, value: this.key, why: `a ${what} key is 1-253 characters of letters, digits, '-', '_' and '.'`, fix: "name the key holding the file, e.g. 'ca.crt'" });
      }
      return problems;
    }
    if (this.kind === 'classpath') {
      if (typeof this.location !== 'string' || this.location === '' || /\s/.test(this.location)) return [{ field, value: this.location, why: 'a classpath resource name is non-empty without spaces', fix: "write e.g. PodFile.classpath('certs/ca.pem')" }];
      return [];
    }
    if (typeof this.location !== 'string' || !/^\/[^\s]*$/.test(this.location)) {
      return [{ field, value: this.location, why: 'the file is read inside the Flink pods, so it must be an absolute path', fix: 'use PodFile.fromSecret(secret, key) and let the library mount it, or an absolute path a flinkPods.mounts volume provides' }];
    }
    return [];
  }
}

/**
 * The problem of a value that is not a `PodFile` where one is expected (a JavaScript caller's string path,
 * number or object), with the fix for its kind: a path string gets `PodFile.atPath(...)`, a `classpath:`
 * string `PodFile.classpath(...)`. `fix` is the general fix.
 * @internal
 */
export function notPodFileProblem(field: string, value: unknown, why: string, fix: string): Problem {
  if (typeof value === 'string' && value.startsWith('classpath:')) return { field, value, why, fix: `write PodFile.classpath('${value.slice('classpath:'.length)}')` };
  if (typeof value === 'string' && value.startsWith('/')) {
    return { field, value, why, fix: `write PodFile.atPath('${value}') for a file a flinkPods.mounts volume provides, or PodFile.fromSecret(secret, key) to let the library mount the Secret` };
  }
  return { field, value, why, fix };
}

/**
 * Problems with a `PodFile.atPath` no mount of the Flink pods provides. `mounts` are the absolute mount
 * paths of the Flink main container.
 * @internal
 */
export function unprovidedPathProblems(field: string, file: PodFile | undefined, mounts: string[]): Problem[] {
  if (!file || file.kind !== 'path') return [];
  const path = file.path;
  if (mounts.some((m) => path.startsWith(`${m}/`))) return [];
  const module = isAtOrUnder(path, MODULE_MOUNT_DIR) ? ` (${MODULE_MOUNT_DIR} is the read-only module mount: it holds only module.yaml)` : '';
  return [{
    field,
    value: path,
    why: `no volume of the Flink pods provides this path${module}, so the runtime fails to open it when it first calls the endpoint or starts the client`,
    fix: 'use PodFile.fromSecret(secret, key) (the library mounts the Secret and writes the path), or mount a volume containing it with flinkPods.mounts',
  }];
}

/**
 * `prefix` + name as a DNS label. A name with dots (`a.b` and `a-b` would both read `a-b`) or too long for
 * 63 characters gets a stable hash of the original, so two objects never share a volume name.
 * @internal
 */
export function boundedName(prefix: string, name: string): string {
  const raw = `${prefix}${name}`;
  const label = raw.replace(/\./g, '-');
  if (label === raw && raw.length <= 63) return raw;
  const suffix = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  return `${label.slice(0, 54).replace(/-+$/, '')}-${suffix}`;
}

/** Volume names the library uses in the Flink and function pods. @internal */
const RESERVED_VOLUME_NAMES = ['statefun-module', 'rocksdb-local', 'tmp'];
