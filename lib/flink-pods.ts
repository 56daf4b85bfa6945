import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Problem } from './errors';
import { FLINK_MAIN_CONTAINER } from './flink-configuration';
import { checkArgs } from './guard-schemas';
import { pullSecretProblems, renderPullSecrets } from './image-pull';
import { isValidImageReference } from './image-reference';
import { EnvFromSource, isAtOrUnder, mountsProblems, PodFile, PodVolume, PodVolumeMount } from './pod-files';
import { isDns1123Label, isDns1123Subdomain } from './pod-names';
import { combinePlacements, placementProblems, PodPlacement, renderPlacement } from './pod-scheduling';
import { renderQuantity } from './units';

/** A sidecar or init container next to the main container of a pod. Always runs hardened (see `image`). */
export interface ExtraContainer {
  /** Container name, a DNS label unique in the pod; never `flink-main-container` (or `function`). */
  readonly name: string;
  /**
   * Image, pinned by tag or digest (rewritten onto the app's `imageRegistry` mirror). The container runs as
   * non-root with a read-only root filesystem, no privilege escalation and every capability dropped.
   */
  readonly image: string;
  /**
   * Entrypoint.
   * @default - the image's
   */
  readonly command?: string[];
  /**
   * Arguments.
   * @default - the image's
   */
  readonly args?: string[];
  /**
   * Environment variables (values or references to Secrets/ConfigMaps via `kplus.EnvValue`).
   * @default - none
   */
  readonly env?: { [name: string]: kplus.EnvValue };
  /**
   * Volumes mounted into this container (the same rules as the pod's mounts).
   * @default - none
   */
  readonly mounts?: PodVolumeMount[];
  /**
   * Resources.
   * @default - requests cpu 50m / memory 64Mi, limits cpu 200m / memory 128Mi
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * UID to run as (≥ 1).
   * @default - the image's user (must not be root: runAsNonRoot is enforced)
   */
  readonly runAsUser?: number;
}

/** Where RocksDB keeps its working files on a TaskManager (`state.backend.rocksdb.localdir`). */
export class RocksDbLocalDirectory {
  /** An emptyDir on the node's disk (lost with the pod, which is what a local working directory needs). */
  public static emptyDir(options: RocksDbEmptyDirOptions = {}): RocksDbLocalDirectory {
    checkArgs('RocksDbLocalDirectory.emptyDir', options);
    return new RocksDbLocalDirectory('emptyDir', options.sizeLimit, undefined);
  }
  /**
   * A generic ephemeral volume: a PersistentVolumeClaim created with each TaskManager pod and deleted with it
   * (fast local or network SSDs through a storage class).
   */
  public static ephemeralVolume(options: RocksDbEphemeralVolumeOptions): RocksDbLocalDirectory {
    checkArgs('RocksDbLocalDirectory.ephemeralVolume', options);
    return new RocksDbLocalDirectory('ephemeral', options?.size, options?.storageClassName);
  }
  private constructor(
    /** `emptyDir` or `ephemeral`. */
    public readonly kind: string,
    /** Size limit (emptyDir) or requested size (ephemeral volume). */
    public readonly size?: Size,
    /** The storage class of the ephemeral volume. */
    public readonly storageClassName?: string,
  ) {}

  /** @internal */
  public _volume(): Record<string, unknown> {
    if (this.kind === 'emptyDir') return { name: ROCKSDB_VOLUME, emptyDir: { sizeLimit: this.size ? renderQuantity(this.size) : undefined } };
    return {
      name: ROCKSDB_VOLUME,
      ephemeral: {
        volumeClaimTemplate: {
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: this.storageClassName,
            resources: { requests: { storage: renderQuantity(this.size!) } },
          },
        },
      },
    };
  }

  /** @internal */
  public _problems(field: string): Problem[] {
    const problems: Problem[] = [];
    if (this.kind === 'ephemeral' && this.size === undefined) problems.push({ field: `${field}.size`, value: undefined, why: 'an ephemeral volume claim needs the storage requested', fix: 'set size, e.g. Size.gibibytes(50)' });
    if (this.size !== undefined && (typeof (this.size as any).toKibibytes !== 'function' || this.size.toKibibytes() <= 0)) problems.push({ field: `${field}.size`, value: this.size, why: 'a disk size is a positive Size', fix: 'use e.g. Size.gibibytes(50)' });
    if (this.storageClassName !== undefined && !isDns1123Subdomain(this.storageClassName)) problems.push({ field: `${field}.storageClassName`, value: this.storageClassName, why: 'a StorageClass name is a DNS-1123 subdomain', fix: "use the class's name, e.g. 'gp3'" });
    return problems;
  }
}

/** Options of `RocksDbLocalDirectory.emptyDir`. */
export interface RocksDbEmptyDirOptions {
  /**
   * Size limit; the kubelet evicts a TaskManager whose RocksDB files grow beyond it.
   * @default - no limit
   */
  readonly sizeLimit?: Size;
}

/** Options of `RocksDbLocalDirectory.ephemeralVolume`. */
export interface RocksDbEphemeralVolumeOptions {
  /** Requested storage per TaskManager. */
  readonly size: Size;
  /**
   * StorageClass of the claim.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/** Pod controls of one Flink role (JobManager or TaskManagers), added to the shared ones. */
export interface FlinkRolePodOptions {
  /**
   * Placement of this role's pods, combined with the shared placement (lists concatenated, node selectors
   * merged, this priority class winning).
   * @default - the shared placement only
   */
  readonly placement?: PodPlacement;
  /**
   * Sidecars of this role only, after the shared ones.
   * @default - none
   */
  readonly sidecars?: ExtraContainer[];
  /**
   * Init containers of this role only, after the shared ones.
   * @default - none
   */
  readonly initContainers?: ExtraContainer[];
}

/** Pod controls of the TaskManagers. */
export interface TaskManagerPodOptions extends FlinkRolePodOptions {
  /**
   * RocksDB's working directory on a dedicated volume (mounted at `/opt/flink-rocksdb`, written as
   * `state.backend.rocksdb.localdir`). Needs the RocksDB state backend.
   * @default - RocksDB works under the TaskManager's temporary directory on the container's filesystem
   */
  readonly rocksDbLocalDirectory?: RocksDbLocalDirectory;
}

/**
 * Controls of the Flink pods (JobManager and TaskManagers): placement, registry credentials, environment and
 * files by reference, sidecars. Shared settings go to both roles; `jobManager`/`taskManager` add to them.
 */
export interface FlinkPodOptions {
  /**
   * Placement of JobManager and TaskManager pods. Affinity terms and spread constraints without `podLabels`
   * select the pods of the same role (JobManagers for JobManagers, TaskManagers for TaskManagers).
   * @default - no constraints
   */
  readonly placement?: PodPlacement;
  /**
   * Pull secrets of the Flink pods only, after the app's `imagePullSecrets`.
   * @default - none
   */
  readonly imagePullSecrets?: kplus.ISecret[];
  /**
   * Environment variables of the Flink main container (prefer `kplus.EnvValue.fromSecretValue` for anything secret).
   * @default - none
   */
  readonly env?: { [name: string]: kplus.EnvValue };
  /**
   * Every key of Secrets or ConfigMaps as environment variables of the Flink main container.
   * @default - none
   */
  readonly envFrom?: EnvFromSource[];
  /**
   * Volumes mounted into the Flink main container of both roles. Never at or under `/opt/flink/conf` or
   * `/opt/statefun`, nor over the Flink distribution.
   * @default - none
   */
  readonly mounts?: PodVolumeMount[];
  /**
   * Sidecars of both roles, after `flink-main-container` (which stays the first container).
   * @default - none
   */
  readonly sidecars?: ExtraContainer[];
  /**
   * Init containers of both roles.
   * @default - none
   */
  readonly initContainers?: ExtraContainer[];
  /**
   * JobManager-only controls.
   * @default - none
   */
  readonly jobManager?: FlinkRolePodOptions;
  /**
   * TaskManager-only controls.
   * @default - none
   */
  readonly taskManager?: TaskManagerPodOptions;
}

/** Where the RocksDB volume is mounted on TaskManagers. @internal */
export const ROCKSDB_LOCAL_DIR = '/opt/flink-rocksdb';
/** @internal */
export const ROCKSDB_VOLUME = 'rocksdb-local';

/** Problems with one list of extra containers. @internal */
export function extraContainerProblems(field: string, containers: ExtraContainer[] | undefined, reservedNames: string[]): Problem[] {
  if (containers === undefined) return [];
  if (!Array.isArray(containers)) return [{ field, value: containers, why: 'containers are a list of { name, image }', fix: "write e.g. [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9' }]" }];
  const problems: Problem[] = [];
  containers.forEach((c, i) => {
    const f = `${field}[${i}]`;
    if (typeof c !== 'object' || c === null) {
      problems.push({ field: f, value: c, why: 'a container is an object { name, image }', fix: "write e.g. { name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9' }" });
      return;
    }
    if (!isDns1123Label(c.name)) {
      problems.push({ field: `${f}.name`, value: c.name, why: 'a container name is a DNS label: lower-case alphanumerics and \'-\', at most 63 characters', fix: "write e.g. 'log-shipper'" });
    } else if (reservedNames.includes(c.name)) {
      problems.push({ field: `${f}.name`, value: c.name, why: c.name === FLINK_MAIN_CONTAINER ? 'the operator merges its settings into the container of this name; a second one would replace or displace the Flink process' : 'the name is already used by another container of the pod', fix: 'choose another name' });
    }
    if (typeof c.image !== 'string' || !isValidImageReference(c.image)) {
      problems.push({ field: `${f}.image`, value: c.image, why: 'not an image reference (registry/repository:tag or @sha256 digest)', fix: "write e.g. 'fluent/fluent-bit:3.1.9'" });
    } else if (!/[:@]/.test(c.image.slice(c.image.lastIndexOf('/') + 1)) || c.image.endsWith(':latest')) {
      problems.push({ field: `${f}.image`, value: c.image, why: 'an unpinned or `latest` image changes under a running pod on every restart', fix: 'pin a version tag or digest' });
    }
    for (const [name, list] of [['command', c.command], ['args', c.args]] as Array<[string, unknown]>) {
      if (list !== undefined && (!Array.isArray(list) || list.some((x) => typeof x !== 'string'))) problems.push({ field: `${f}.${name}`, value: list, why: `${name} is a list of strings`, fix: "write e.g. ['--config', '/etc/app/config.yaml']" });
    }
    problems.push(...envProblems(`${f}.env`, c.env));
    problems.push(...mountsProblems(`${f}.mounts`, c.mounts));
    if (c.runAsUser !== undefined && (!Number.isInteger(c.runAsUser) || c.runAsUser < 1)) problems.push({ field: `${f}.runAsUser`, value: c.runAsUser, why: 'containers run as a non-root user', fix: 'use a UID ≥ 1, e.g. 10001' });
    reservedNames.push(c.name);
  });
  return problems;
}

/** Problems with an env map of EnvValues. @internal */
export function envProblems(field: string, env: { [name: string]: kplus.EnvValue } | undefined): Problem[] {
  if (env === undefined) return [];
  if (typeof env !== 'object' || env === null || Array.isArray(env)) return [{ field, value: env, why: 'environment variables are a map of name to EnvValue', fix: "write e.g. { LOG_LEVEL: EnvValue.fromValue('info') }" }];
  const problems: Problem[] = [];
  for (const [name, v] of Object.entries(env)) {
    if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) problems.push({ field: `${field}['${name}']`, value: name, why: 'an environment variable name is letters, digits, \'_\', \'-\' or \'.\', not starting with a digit', fix: "write e.g. 'LOG_LEVEL'" });
    if (typeof v !== 'object' || v === null || (v.value === undefined && v.valueFrom === undefined)) problems.push({ field: `${field}['${name}']`, value: v, why: 'a value is an EnvValue', fix: "use EnvValue.fromValue('x') or EnvValue.fromSecretValue({ secret, key })" });
  }
  return problems;
}

/** Renders an EnvValue map as a sorted env list. @internal */
export function renderEnv(env: { [name: string]: kplus.EnvValue } | undefined): Array<Record<string, unknown>> | undefined {
  if (!env || Object.keys(env).length === 0) return undefined;
  return Object.keys(env).sort().map((name) => ({ name, value: env[name].value, valueFrom: env[name].valueFrom }));
}

/** A rendered container and the volumes its mounts need. @internal */
export interface RenderedContainer {
  readonly container: Record<string, unknown>;
  readonly volumes: Array<Record<string, unknown>>;
}

/** A volumeMount entry (Secrets and ConfigMaps always read-only, others read-only unless asked). @internal */
export function renderMount(m: PodVolumeMount): Record<string, unknown> {
  return { name: m.volume._volumeName, mountPath: m.path, readOnly: m.volume._readOnly ? true : (m.readOnly ?? true) };
}

/** Renders an extra container (hardened) and the volumes its mounts need. @internal */
export function renderExtraContainer(c: ExtraContainer, mirror: (image: string) => string): RenderedContainer {
  const mounts = c.mounts ?? [];
  const r = c.resources ?? {
    cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) },
    memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
  };
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  if (r.cpu?.request) requests.cpu = r.cpu.request.amount;
  if (r.cpu?.limit) limits.cpu = r.cpu.limit.amount;
  if (r.memory?.request) requests.memory = renderQuantity(r.memory.request);
  if (r.memory?.limit) limits.memory = renderQuantity(r.memory.limit);
  if (r.ephemeralStorage?.request) requests['ephemeral-storage'] = renderQuantity(r.ephemeralStorage.request);
  if (r.ephemeralStorage?.limit) limits['ephemeral-storage'] = renderQuantity(r.ephemeralStorage.limit);
  return {
    container: {
      name: c.name,
      image: mirror(c.image),
      imagePullPolicy: 'IfNotPresent',
      command: c.command,
      args: c.args,
      env: renderEnv(c.env),
      resources: { requests: Object.keys(requests).length ? requests : undefined, limits: Object.keys(limits).length ? limits : undefined },
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        runAsUser: c.runAsUser,
      },
      volumeMounts: mounts.length ? mounts.map(renderMount) : undefined,
    },
    volumes: mounts.map((m) => m.volume._render()),
  };
}

/** Appends volumes not yet in the list (by name). @internal */
export function addVolumes(target: Array<Record<string, unknown>>, volumes: Array<Record<string, unknown>>): void {
  for (const v of volumes) if (!target.some((t) => t.name === v.name)) target.push(v);
}

/** What the Flink pod controls need from the app. @internal */
export interface FlinkPodsInput {
  readonly options: FlinkPodOptions;
  /** The app's `imagePullSecrets` (also used by its functions). */
  readonly appPullSecrets?: kplus.ISecret[];
  /** Labels of every Flink pod of the app. */
  readonly podLabels: Record<string, string>;
  readonly mirror: (image: string) => string;
}

/** Flink's own pod labels per role (`flink:flink-kubernetes` `KubernetesUtils.getJobManagerSelectors`/`getTaskManagerLabels`: `component`). */
const ROLE_COMPONENT = { jobManager: 'jobmanager', taskManager: 'taskmanager' } as const;

/**
 * Renders the Flink pod controls into the operator's three pod templates.
 *
 * The operator merges `spec.jobManager.podTemplate`/`spec.taskManager.podTemplate` into `spec.podTemplate`
 * (`apache/flink-kubernetes-operator` `FlinkUtils.mergePodTemplates`): objects recursively, arrays by position
 * unless `kubernetes.operator.pod-template.merge-arrays-by-name` is set. So a role template here repeats every
 * array of the shared template it extends, element for element, and appends its own: merged by position or by
 * name, `flink-main-container` stays at index 0 and shared sidecars, volumes and mounts keep their place.
 * Scheduling fields are rendered only into the role templates (the effective placement of each role), never into
 * the shared one, so no toleration or affinity term is ever merged into another.
 * @internal
 */
export class FlinkPodControls {
  constructor(private readonly input: FlinkPodsInput) {}

  private get o(): FlinkPodOptions {
    return this.input.options;
  }

  /** Construction-time problems of `flinkPods` (and the app's pull secrets). */
  public problems(field: string, rocksDb: boolean): Problem[] {
    const o = this.o;
    if (typeof o !== 'object' || o === null) return [{ field, value: o, why: 'flinkPods is an object of pod controls', fix: 'write e.g. { placement: { ... }, mounts: [ ... ] }' }];
    const problems: Problem[] = [];
    for (const role of ['jobManager', 'taskManager'] as const) {
      const r = o[role];
      if (r !== undefined && (typeof r !== 'object' || r === null || Array.isArray(r))) {
        return [{ field: `${field}.${role}`, value: r, why: `${role} holds the ${role === 'jobManager' ? 'JobManager' : 'TaskManager'}-only pod controls, an object`, fix: 'write e.g. { placement: { ... }, sidecars: [ ... ] }' }];
      }
    }
    problems.push(...placementProblems(`${field}.placement`, o.placement));
    problems.push(...placementProblems(`${field}.jobManager.placement`, o.jobManager?.placement));
    problems.push(...placementProblems(`${field}.taskManager.placement`, o.taskManager?.placement));
    problems.push(...pullSecretProblems(`${field}.imagePullSecrets`, o.imagePullSecrets));
    problems.push(...envProblems(`${field}.env`, o.env));
    if (o.envFrom !== undefined) {
      if (!Array.isArray(o.envFrom)) problems.push({ field: `${field}.envFrom`, value: o.envFrom, why: 'envFrom is a list', fix: 'write e.g. [EnvFromSource.configMap(cm)]' });
      else o.envFrom.forEach((e, i) => problems.push(...(e instanceof EnvFromSource ? e._problems(`${field}.envFrom[${i}]`) : [{ field: `${field}.envFrom[${i}]`, value: e, why: 'not an EnvFromSource', fix: 'use EnvFromSource.secret(secret) or EnvFromSource.configMap(configMap)' }])));
    }
    problems.push(...mountsProblems(`${field}.mounts`, o.mounts));
    const shared = [FLINK_MAIN_CONTAINER];
    problems.push(...extraContainerProblems(`${field}.sidecars`, o.sidecars, shared));
    problems.push(...extraContainerProblems(`${field}.initContainers`, o.initContainers, shared));
    for (const role of ['jobManager', 'taskManager'] as const) {
      const names = [...shared];
      problems.push(...extraContainerProblems(`${field}.${role}.sidecars`, o[role]?.sidecars, names));
      problems.push(...extraContainerProblems(`${field}.${role}.initContainers`, o[role]?.initContainers, names));
    }
    problems.push(...this.volumeNameClashes(field));
    const local = o.taskManager?.rocksDbLocalDirectory;
    if (local !== undefined) {
      if (!(local instanceof RocksDbLocalDirectory)) {problems.push({ field: `${field}.taskManager.rocksDbLocalDirectory`, value: local, why: 'not a RocksDbLocalDirectory', fix: 'use RocksDbLocalDirectory.emptyDir() or RocksDbLocalDirectory.ephemeralVolume({ size })' });} else {
        problems.push(...local._problems(`${field}.taskManager.rocksDbLocalDirectory`));
        if (!rocksDb) problems.push({ field: `${field}.taskManager.rocksDbLocalDirectory`, value: local.kind, why: 'the state backend is hashmap, so RocksDB never uses the directory', fix: 'use StateBackend.ROCKSDB, or remove rocksDbLocalDirectory' });
      }
    }
    return problems;
  }

  /** Two different volumes of one name across the pod's mounts and its extra containers' mounts. */
  private volumeNameClashes(field: string): Problem[] {
    const o = this.o;
    const lists: Array<[string, PodVolumeMount[] | undefined]> = [[`${field}.mounts`, o.mounts]];
    const containers = (f: string, cs: ExtraContainer[] | undefined) => (Array.isArray(cs) ? cs : []).forEach((c, i) => lists.push([`${f}[${i}].mounts`, c?.mounts]));
    containers(`${field}.sidecars`, o.sidecars);
    containers(`${field}.initContainers`, o.initContainers);
    for (const role of ['jobManager', 'taskManager'] as const) {
      containers(`${field}.${role}.sidecars`, o[role]?.sidecars);
      containers(`${field}.${role}.initContainers`, o[role]?.initContainers);
    }
    const seen = new Map<string, { render: string; at: string }>();
    const problems: Problem[] = [];
    for (const [f, mounts] of lists) {
      (Array.isArray(mounts) ? mounts : []).forEach((m, i) => {
        if (!(m?.volume instanceof PodVolume)) return;
        const name = m.volume._volumeName;
        const render = JSON.stringify(m.volume._render());
        const earlier = seen.get(name);
        if (earlier && earlier.render !== render) problems.push({ field: `${f}[${i}].volume`, value: name, why: `${earlier.at} already uses a different volume of this name; the pod would keep only one of them`, fix: 'reuse the same PodVolume, or name the emptyDir differently' });
        else if (!earlier) seen.set(name, { render, at: `${f}[${i}]` });
      });
    }
    return problems;
  }

  /** The `state.backend.rocksdb.localdir` value, when a RocksDB volume is configured. */
  public get rocksDbLocalDir(): string | undefined {
    return this.o.taskManager?.rocksDbLocalDirectory ? ROCKSDB_LOCAL_DIR : undefined;
  }

  /** Absolute mount paths of the Flink main container from user mounts (for PodFile.atPath checks). */
  public userMountPaths(): string[] {
    return (this.o.mounts ?? []).map((m) => m.path);
  }

  /** Problems with `PodFile`s the module needs that collide with user mounts. */
  public fileProblems(field: string, file: PodFile | undefined): Problem[] {
    if (!file) return [];
    const dir = file.directory;
    if (!dir) return [];
    return (this.o.mounts ?? []).filter((m) => isAtOrUnder(dir, m.path) || isAtOrUnder(m.path, dir))
      .map((m) => ({ field, value: file.path, why: `the library mounts ${dir} for this file, and flinkPods.mounts also mounts ${m.path} there`, fix: 'mount the volume elsewhere' }));
  }

  /**
   * Adds the shared controls to the shared pod template (mutates it): pull secrets, envFrom, mounts and the
   * volumes of `files`, sidecars, init containers.
   */
  public decorateShared(template: any, files: PodFile[]): void {
    const o = this.o;
    const spec = template.spec;
    const main = spec.containers[0];
    const pull = renderPullSecrets(this.input.appPullSecrets, o.imagePullSecrets);
    if (pull) spec.imagePullSecrets = pull;
    if (o.envFrom && o.envFrom.length > 0) main.envFrom = o.envFrom.map((e) => e._render());
    const volumes: Array<Record<string, unknown>> = spec.volumes;
    const mounts: Array<Record<string, unknown>> = main.volumeMounts;
    for (const m of o.mounts ?? []) {
      addVolumes(volumes, [m.volume._render()]);
      mounts.push(renderMount(m));
    }
    // One volume per Secret/ConfigMap a module file names, mounted once at its directory (both roles).
    const byDir = new Map<string, { volume: Record<string, unknown>; mountPath: string }>();
    for (const f of files) {
      const v = f._volume();
      if (v && !byDir.has(v.mountPath)) byDir.set(v.mountPath, v);
    }
    for (const dir of [...byDir.keys()].sort()) {
      const v = byDir.get(dir)!;
      addVolumes(volumes, [v.volume]);
      mounts.push({ name: v.volume.name, mountPath: dir, readOnly: true });
    }
    this.appendContainers(spec, 'containers', o.sidecars);
    this.appendContainers(spec, 'initContainers', o.initContainers);
  }

  /**
   * The role's pod template, extending `shared` (already decorated) so the operator's merge yields the role's
   * effective pod under either array-merge mode; undefined when the role adds nothing.
   */
  public roleTemplate(role: 'jobManager' | 'taskManager', shared: any): any | undefined {
    const own = this.o[role];
    const placement = combinePlacements(this.o.placement, own?.placement);
    const roleLabels = { ...this.input.podLabels, component: ROLE_COMPONENT[role] };
    const scheduling = renderPlacement(placement, roleLabels);
    const spec: Record<string, any> = { ...scheduling };
    const local = role === 'taskManager' ? this.o.taskManager?.rocksDbLocalDirectory : undefined;
    const sharedSpec = shared.spec;
    if ((own?.sidecars?.length ?? 0) > 0 || local) {
      // Every shared container repeated in place (flink-main-container first), then this role's sidecars.
      const containers = clone(sharedSpec.containers);
      if (local) containers[0].volumeMounts = [...(containers[0].volumeMounts ?? []), { name: ROCKSDB_VOLUME, mountPath: ROCKSDB_LOCAL_DIR }];
      spec.containers = containers;
      this.appendContainers(spec, 'containers', own?.sidecars, sharedSpec.volumes);
    }
    if ((own?.initContainers?.length ?? 0) > 0) {
      spec.initContainers = clone(sharedSpec.initContainers ?? []);
      this.appendContainers(spec, 'initContainers', own?.initContainers, sharedSpec.volumes);
    }
    if (local) {
      spec.volumes = spec.volumes ?? clone(sharedSpec.volumes);
      addVolumes(spec.volumes, [local._volume()]);
    }
    if (Object.keys(spec).length === 0) return undefined;
    return { spec };
  }

  /** Appends rendered extra containers to `spec[key]`, and their volumes (after `baseVolumes`, if the role adds any). */
  private appendContainers(spec: Record<string, any>, key: 'containers' | 'initContainers', extra: ExtraContainer[] | undefined, baseVolumes?: Array<Record<string, unknown>>): void {
    if (!extra || extra.length === 0) return;
    spec[key] = spec[key] ?? [];
    for (const c of extra) {
      const r = renderExtraContainer(c, this.input.mirror);
      spec[key].push(r.container);
      if (r.volumes.length > 0) {
        if (!spec.volumes) spec.volumes = clone(baseVolumes ?? []);
        addVolumes(spec.volumes, r.volumes);
      }
    }
  }
}

function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}
