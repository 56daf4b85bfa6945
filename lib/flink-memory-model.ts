/**
 * Flink's memory model, as Flink 2.x derives it when a JobManager or TaskManager starts: the pools
 * that must fit into the process memory the operator sets from `spec.*.resource.memory`
 * (`*.memory.process.size`), computed from Flink's defaults plus every memory key the configuration sets.
 *
 * The operator's validator does not run this derivation when the spec sets memory; it runs at deploy
 * time inside the operator (`NativeFlinkService` → `KubernetesClusterClientFactory.getClusterSpecification`)
 * and the FlinkDeployment fails with Flink's `IllegalConfigurationException`
 * (flink-runtime-facts.md §2). Checked here at synth instead.
 *
 * Sources (apache/flink, flink-runtime/src/main/java/org/apache/flink/runtime/util/config/memory/):
 * - `ProcessMemoryUtils` (`memoryProcessSpecFromConfig`, `deriveJvmMetaspaceAndOverheadWithTotalProcessMemory`,
 *   `deriveJvmMetaspaceAndOverheadFromTotalFlinkMemory`, `sanityCheckJvmOverhead`, `getRangeFraction`,
 *   `deriveWithFraction`, `deriveWithInverseFraction`);
 * - `taskmanager/TaskExecutorFlinkMemoryUtils` (`deriveFromInternalMemory`, `deriveFromTotalFlinkMemory`);
 * - `jobmanager/JobManagerFlinkMemoryUtils` (`deriveFromRequiredFineGrainedOptions`, `deriveFromTotalFlinkMemory`);
 * - `RangeFraction` (min ≤ max, fraction in [0, 1));
 * - defaults: apache/flink `flink-core/.../configuration/TaskManagerOptions.java` and `JobManagerOptions.java`;
 * - `MemorySize.multiply` truncates (BigDecimal product, `longValue()`); fractions are Java floats.
 *
 * Pure functions of a flat configuration map: no construct is imported, so the last gate's rules use them too.
 */
import { Problem } from './errors';

const KIB = 1024;
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
/** `MemorySize.MAX_VALUE` (Long.MAX_VALUE bytes), the network max default ("infinite"). */
const INFINITE = Number.MAX_SAFE_INTEGER;

/** The two Flink processes the operator sizes. @internal */
export type FlinkProcess = 'TaskManager' | 'JobManager';

/** A Flink memory option: key and default (bytes), as in TaskManagerOptions / JobManagerOptions. */
interface SizeOption { readonly key: string; readonly default?: number }
interface FractionOption { readonly key: string; readonly default: number }

const TM = {
  process: { key: 'taskmanager.memory.process.size' },
  flink: { key: 'taskmanager.memory.flink.size' },
  frameworkHeap: { key: 'taskmanager.memory.framework.heap.size', default: 128 * MIB },
  frameworkOffHeap: { key: 'taskmanager.memory.framework.off-heap.size', default: 128 * MIB },
  taskHeap: { key: 'taskmanager.memory.task.heap.size' },
  taskOffHeap: { key: 'taskmanager.memory.task.off-heap.size', default: 0 },
  managedSize: { key: 'taskmanager.memory.managed.size' },
  managedFraction: { key: 'taskmanager.memory.managed.fraction', default: 0.4 },
  networkMin: { key: 'taskmanager.memory.network.min', default: 64 * MIB },
  networkMax: { key: 'taskmanager.memory.network.max', default: INFINITE },
  networkFraction: { key: 'taskmanager.memory.network.fraction', default: 0.1 },
  metaspace: { key: 'taskmanager.memory.jvm-metaspace.size', default: 256 * MIB },
  overheadMin: { key: 'taskmanager.memory.jvm-overhead.min', default: 192 * MIB },
  overheadMax: { key: 'taskmanager.memory.jvm-overhead.max', default: GIB },
  overheadFraction: { key: 'taskmanager.memory.jvm-overhead.fraction', default: 0.1 },
};

const JM = {
  process: { key: 'jobmanager.memory.process.size' },
  flink: { key: 'jobmanager.memory.flink.size' },
  heap: { key: 'jobmanager.memory.heap.size' },
  offHeap: { key: 'jobmanager.memory.off-heap.size', default: 128 * MIB },
  metaspace: { key: 'jobmanager.memory.jvm-metaspace.size', default: 256 * MIB },
  overheadMin: { key: 'jobmanager.memory.jvm-overhead.min', default: 192 * MIB },
  overheadMax: { key: 'jobmanager.memory.jvm-overhead.max', default: GIB },
  overheadFraction: { key: 'jobmanager.memory.jvm-overhead.fraction', default: 0.1 },
};

/** The memory keys of each process (what the model reads from `flinkConfiguration`). @internal */
export const MEMORY_KEYS: Record<FlinkProcess, string[]> = {
  TaskManager: Object.values(TM).map((o) => o.key),
  JobManager: Object.values(JM).map((o) => o.key),
};

/** The derived pools of a process, bytes. @internal */
export interface MemoryBreakdown {
  readonly [pool: string]: number;
}

/** The outcome of the derivation for one process size. @internal */
export interface MemoryDerivation {
  /** Pools in bytes when Flink accepts the configuration. */
  readonly pools?: MemoryBreakdown;
  /** Flink's reason when it does not (its IllegalConfigurationException text, sizes in MiB). */
  readonly failure?: string;
  /** The key whose value is wrong on its own (a malformed size or fraction, min > max); absent when the process size is the problem. */
  readonly badKey?: string;
}

/** Thrown inside the derivation; turned into a `MemoryDerivation.failure`. */
class MemoryConfigError extends Error {
  constructor(message: string, readonly badKey?: string) {
    super(message);
  }
}

/**
 * Bytes of a `MemorySize` string as Flink parses it (`MemorySize.parse`): a whole number, optional
 * whitespace, a binary unit (b/bytes, k/kb/kibibytes, m/mb/mebibytes, g/gb/gibibytes, t/tb/tebibytes);
 * no unit = bytes. Undefined when Flink would refuse it.
 * @internal
 */
export function parseMemorySize(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const factors: Record<string, number> = {
    '': 1,
    'b': 1,
    'bytes': 1,
    'k': KIB,
    'kb': KIB,
    'kibibytes': KIB,
    'm': MIB,
    'mb': MIB,
    'mebibytes': MIB,
    'g': GIB,
    'gb': GIB,
    'gibibytes': GIB,
    't': 1024 * GIB,
    'tb': 1024 * GIB,
    'tebibytes': 1024 * GIB,
  };
  const unit = m[2].toLowerCase();
  if (!(unit in factors)) return undefined;
  const n = Number(m[1]) * factors[unit];
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A size as Flink prints it in its messages, but in MiB: `981 MiB`, or `533.333 MiB (559240533 bytes)`. @internal */
export function humanSize(bytes: number): string {
  if (bytes >= INFINITE) return 'infinite';
  if (bytes % MIB === 0) return `${bytes / MIB} MiB`;
  return `${(bytes / MIB).toFixed(3)} MiB (${bytes} bytes)`;
}

/** `floor(bytes × fraction)` with the fraction as a Java float widened to double, exactly (BigInt). */
function multiply(bytes: number, fraction: number): number {
  const f = Math.fround(fraction);
  if (f === 0) return 0;
  // Every float in [0, 1) is an integer multiple of 2^-149, so f·2^149 is an exact integer.
  const scale = 149n;
  const numerator = BigInt(f * 2 ** 149);
  return Number((BigInt(bytes) * numerator) / (2n ** scale));
}

/** Reads the configuration the way Flink's `Configuration.get` would, remembering which keys were set. */
class Reader {
  constructor(private readonly conf: Record<string, string>) {}

  public has(o: { key: string }): boolean {
    return this.conf[o.key] !== undefined;
  }

  public size(o: SizeOption): number {
    const raw = this.conf[o.key];
    if (raw === undefined) {
      if (o.default === undefined) throw new MemoryConfigError(`Cannot read memory size from config option '${o.key}'`, o.key);
      return o.default;
    }
    const bytes = raw.trim().toLowerCase() === 'infinite' ? undefined : parseMemorySize(raw);
    if (bytes === undefined) {
      throw new MemoryConfigError(`Cannot read memory size from config option '${o.key}' (a MemorySize is a whole number with a binary unit, e.g. 256m)`, o.key);
    }
    return bytes;
  }

  public fraction(o: FractionOption): number {
    const raw = this.conf[o.key];
    if (raw === undefined) return o.default;
    const text = raw.trim();
    const f = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?$/.test(text) ? Number(text.replace(/[fFdD]$/, '')) : NaN;
    if (Number.isNaN(f)) throw new MemoryConfigError(`Could not parse value '${raw}' for key '${o.key}' (a float, e.g. 0.1)`, o.key);
    return f;
  }

  /** `ProcessMemoryUtils.getRangeFraction` → `RangeFraction` (min ≤ max, 0 ≤ fraction < 1). */
  public range(min: SizeOption, max: SizeOption, fraction: FractionOption): { min: number; max: number; fraction: number } {
    const lo = this.size(min);
    const hi = this.size(max);
    const f = this.fraction(fraction);
    const inconsistent = (why: string, badKey: string) => new MemoryConfigError(
      `Inconsistently configured ${fraction.key} (${f}) and its min (${humanSize(lo)}), max (${humanSize(hi)}) value: ${why}`, badKey);
    if (lo > hi) throw inconsistent('min memory must be less than or equal to max memory', this.has(min) ? min.key : max.key);
    if (!(f >= 0 && f < 1)) throw inconsistent('fraction must be in range [0, 1)', fraction.key);
    return { min: lo, max: hi, fraction: f };
  }
}

function cap(value: number, r: { min: number; max: number }): number {
  return Math.min(Math.max(value, r.min), r.max);
}

/** `deriveJvmMetaspaceAndOverheadWithTotalProcessMemory` then the process-specific `deriveFromTotalFlinkMemory`, or the explicit paths. */
function derive(process: FlinkProcess, processBytes: number, r: Reader): MemoryBreakdown {
  const o = process === 'TaskManager' ? TM : JM;
  const metaspace = r.size(o.metaspace);
  const overheadRange = r.range(o.overheadMin, o.overheadMax, o.overheadFraction);
  const fineGrained = process === 'TaskManager' ? r.has(TM.taskHeap) && r.has(TM.managedSize) : r.has(JM.heap);

  if (fineGrained || r.has(o.flink)) {
    // Total Flink memory comes from the explicit options; the overhead is what is left of the process size.
    const flinkPools = process === 'TaskManager'
      ? (fineGrained ? tmFromInternal(r) : tmFromTotalFlink(r, r.size(TM.flink)))
      : (fineGrained ? jmFromHeap(r) : jmFromTotalFlink(r, r.size(JM.flink)));
    const total = flinkPools.totalFlink;
    const overhead = processBytes - total - metaspace;
    if (overhead > overheadRange.max || overhead < overheadRange.min) {
      throw new MemoryConfigError(`Derived JVM Overhead size (${humanSize(overhead)}) is not in configured JVM Overhead range [${humanSize(overheadRange.min)}, ${humanSize(overheadRange.max)}]`
        + ` (process ${humanSize(processBytes)} − Total Flink Memory ${humanSize(total)} from ${fineGrained ? 'the explicit pool sizes' : o.flink.key} − JVM Metaspace ${humanSize(metaspace)})`);
    }
    return { ...flinkPools, metaspace, overhead };
  }

  const overhead = cap(multiply(processBytes, overheadRange.fraction), overheadRange);
  if (metaspace + overhead > processBytes) {
    throw new MemoryConfigError(`Sum of configured JVM Metaspace (${humanSize(metaspace)}) and JVM Overhead (${humanSize(overhead)}) exceed configured Total Process Memory (${humanSize(processBytes)})`);
  }
  const totalFlink = processBytes - metaspace - overhead;
  const pools = process === 'TaskManager' ? tmFromTotalFlink(r, totalFlink) : jmFromTotalFlink(r, totalFlink);
  return { ...pools, metaspace, overhead };
}

/** `TaskExecutorFlinkMemoryUtils.deriveFromTotalFlinkMemory`. */
function tmFromTotalFlink(r: Reader, totalFlink: number): MemoryBreakdown & { totalFlink: number } {
  const frameworkHeap = r.size(TM.frameworkHeap);
  const frameworkOffHeap = r.size(TM.frameworkOffHeap);
  const taskOffHeap = r.size(TM.taskOffHeap);
  const managed = r.has(TM.managedSize) ? r.size(TM.managedSize)
    : cap(multiply(totalFlink, r.range({ key: 'managed (min)', default: 0 }, { key: 'managed (max)', default: INFINITE }, TM.managedFraction).fraction), { min: 0, max: INFINITE });
  if (r.has(TM.taskHeap)) {
    const taskHeap = r.size(TM.taskHeap);
    const excludingNetwork = frameworkHeap + frameworkOffHeap + taskHeap + taskOffHeap + managed;
    if (excludingNetwork > totalFlink) {
      throw new MemoryConfigError(`Sum of configured Framework Heap Memory (${humanSize(frameworkHeap)}), Framework Off-Heap Memory (${humanSize(frameworkOffHeap)}), Task Heap Memory (${humanSize(taskHeap)}), Task Off-Heap Memory (${humanSize(taskOffHeap)}) and Managed Memory (${humanSize(managed)}) exceed configured Total Flink Memory (${humanSize(totalFlink)})`);
    }
    const network = totalFlink - excludingNetwork;
    const range = r.range(TM.networkMin, TM.networkMax, TM.networkFraction);
    if (network > range.max || network < range.min) {
      throw new MemoryConfigError(`Derived Network Memory size (${humanSize(network)}) is not in configured Network Memory range [${humanSize(range.min)}, ${humanSize(range.max)}] (Task Heap Memory is explicit, so Network Memory is the rest of Total Flink Memory)`);
    }
    return { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed, network, totalFlink };
  }
  const networkRange = r.range(TM.networkMin, TM.networkMax, TM.networkFraction);
  const network = cap(multiply(totalFlink, networkRange.fraction), networkRange);
  const excludingTaskHeap = frameworkHeap + frameworkOffHeap + taskOffHeap + managed + network;
  if (excludingTaskHeap > totalFlink) {
    throw new MemoryConfigError(`Sum of configured Framework Heap Memory (${humanSize(frameworkHeap)}), Framework Off-Heap Memory (${humanSize(frameworkOffHeap)}), Task Off-Heap Memory (${humanSize(taskOffHeap)}), Managed Memory (${humanSize(managed)}) and Network Memory (${humanSize(network)}) exceed configured Total Flink Memory (${humanSize(totalFlink)})`);
  }
  return { frameworkHeap, frameworkOffHeap, taskHeap: totalFlink - excludingTaskHeap, taskOffHeap, managed, network, totalFlink };
}

/** `TaskExecutorFlinkMemoryUtils.deriveFromInternalMemory` (task heap and managed size both set, no total Flink size). */
function tmFromInternal(r: Reader): MemoryBreakdown & { totalFlink: number } {
  if (r.has(TM.flink)) return tmFromTotalFlink(r, r.size(TM.flink));
  const frameworkHeap = r.size(TM.frameworkHeap);
  const frameworkOffHeap = r.size(TM.frameworkOffHeap);
  const taskHeap = r.size(TM.taskHeap);
  const taskOffHeap = r.size(TM.taskOffHeap);
  const managed = r.size(TM.managedSize);
  const excludingNetwork = frameworkHeap + frameworkOffHeap + taskHeap + taskOffHeap + managed;
  const range = r.range(TM.networkMin, TM.networkMax, TM.networkFraction);
  const network = cap(multiply(excludingNetwork, range.fraction / (1 - range.fraction)), range);
  return { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed, network, totalFlink: excludingNetwork + network };
}

/** `JobManagerFlinkMemoryUtils.deriveFromTotalFlinkMemory`. */
function jmFromTotalFlink(r: Reader, totalFlink: number): MemoryBreakdown & { totalFlink: number } {
  const offHeap = r.size(JM.offHeap);
  // compareTo(...) < 1: equality fails too.
  if (totalFlink <= offHeap) {
    throw new MemoryConfigError(`The configured Total Flink Memory (${humanSize(totalFlink)}) is less than the configured Off-heap Memory (${humanSize(offHeap)})`);
  }
  return { heap: totalFlink - offHeap, offHeap, totalFlink };
}

/** `JobManagerFlinkMemoryUtils.deriveFromRequiredFineGrainedOptions`. */
function jmFromHeap(r: Reader): MemoryBreakdown & { totalFlink: number } {
  const heap = r.size(JM.heap);
  const offHeap = r.size(JM.offHeap);
  if (r.has(JM.flink) && heap + offHeap !== r.size(JM.flink)) {
    throw new MemoryConfigError(`Sum of the configured JVM Heap Memory (${humanSize(heap)}) and the configured or default Off-heap Memory (${humanSize(offHeap)}) exceeds the configured Total Flink Memory (${humanSize(r.size(JM.flink))})`, JM.flink.key);
  }
  return { heap, offHeap, totalFlink: heap + offHeap };
}

/**
 * Runs Flink's derivation for one process size and configuration (flat keys; `*.memory.process.size`
 * in `conf` is ignored: the operator overwrites it from the spec).
 * @internal
 */
export function deriveMemory(process: FlinkProcess, processBytes: number, conf: Record<string, string>): MemoryDerivation {
  try {
    return { pools: derive(process, processBytes, new Reader(conf)) };
  } catch (e) {
    if (e instanceof MemoryConfigError) return { failure: e.message, badKey: e.badKey };
    throw e;
  }
}

/**
 * The smallest process size (whole MiB) Flink accepts with this configuration, or undefined when none
 * does (a key is wrong on its own, or explicit pools fix the process size to a range the search does
 * not reach). With Flink's defaults: 982 MiB for a TaskManager, 577 MiB for a JobManager.
 * @internal
 */
export function minimumProcessMiB(process: FlinkProcess, conf: Record<string, string>): number | undefined {
  const ok = (mib: number) => deriveMemory(process, mib * MIB, conf).pools !== undefined;
  const r = new Reader(conf);
  const o = process === 'TaskManager' ? TM : JM;
  const explicit = process === 'TaskManager' ? (r.has(TM.taskHeap) && r.has(TM.managedSize)) || r.has(TM.flink) : r.has(JM.heap) || r.has(JM.flink);
  if (explicit) {
    // The process size must lie in [Flink + metaspace + overhead min, … + overhead max]: the lower end is the minimum.
    for (let mib = 1; mib <= 64 * 1024; mib++) if (ok(mib)) return mib;
    return undefined;
  }
  void o;
  // On the process-size path every pool grows with the process size, so acceptance is monotone.
  let hi = 1;
  while (!ok(hi)) {
    hi *= 2;
    if (hi > 1024 * 1024) return undefined;
  }
  let lo = 0;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid; else lo = mid;
  }
  return hi;
}

/** Where the check reports: the prop and the value the user wrote. @internal */
export interface ProcessMemoryInput {
  readonly process: FlinkProcess;
  /** The process size in bytes (from the spec), or undefined when unset or unparsable (reported elsewhere). */
  readonly processBytes: number | undefined;
  /** The prop the size comes from, e.g. `taskManager.resources.memory`. */
  readonly field: string;
  /** The size as written, e.g. `512m`. */
  readonly value: unknown;
  /** How to name a configuration key in a finding, e.g. `flinkConfiguration['<key>']`. */
  readonly keyField: (key: string) => string;
}

/**
 * Flink's memory model for one process as problems: a key Flink refuses on its own (malformed size,
 * fraction outside [0, 1), min > max) is reported on that key; a process size the pools do not fit
 * into is reported on the size prop, naming Flink's reason (the pool that does not fit) and the
 * computed minimum.
 * @internal
 */
export function processMemoryProblems(input: ProcessMemoryInput, conf: Record<string, string>): Problem[] {
  if (input.processBytes === undefined) return [];
  const d = deriveMemory(input.process, input.processBytes, conf);
  if (!d.failure) return [];
  if (d.badKey) {
    return [{
      field: input.keyField(d.badKey),
      value: conf[d.badKey],
      why: `Flink refuses the ${input.process} memory configuration at deploy ("${d.failure}")`,
      fix: badKeyFix(d.badKey),
    }];
  }
  const min = minimumProcessMiB(input.process, conf);
  const own = MEMORY_KEYS[input.process].filter((k) => conf[k] !== undefined && !k.endsWith('.process.size'));
  const tail = own.length ? ` with the memory keys set here (${own.join(', ')})` : " with Flink's default memory pools";
  return [{
    field: input.field,
    value: input.value,
    why: `Flink cannot fit the ${input.process}'s memory pools into ${humanSize(input.processBytes)} ("${d.failure}"); the operator deploys it anyway and the deployment fails`
      + (min !== undefined ? `. The minimum${tail} is ${min} MiB` : `; no process size fits${tail}`),
    fix: min !== undefined
      ? `set ${input.process === 'TaskManager' ? 'taskManager' : 'jobManager'}.resources.memory to at least Size.mebibytes(${min})${own.length ? `, or reduce ${own.join(', ')}` : ''}`
      : `remove or correct ${own.join(', ') || 'the memory keys'}`,
  }];
}

function badKeyFix(key: string): string {
  if (key.endsWith('.fraction')) return 'use a fraction in [0, 1), e.g. 0.1, or remove the key to use Flink\'s default';
  if (key.endsWith('.min') || key.endsWith('.max')) return 'keep min ≤ max (sizes like 192m and 1g), or remove the key to use Flink\'s default';
  return 'write a MemorySize such as 256m (a whole number with a binary unit), or remove the key';
}

/**
 * Where the operator reads a FlinkDeployment component's memory: with any request or limit in
 * `resources` (operator 1.16 line, FLINK-33548), `resources.requests.memory`, else `resources.limits.memory`
 * — never the deprecated `resource` then; otherwise `resource.memory` (apache/flink-kubernetes-operator
 * `FlinkConfigBuilder.applyResourceConfig`, `ResourceConfigUtils.hasResourceRequirements`/`getRequestOrLimit`).
 * The path below the component, or undefined when the operator finds no memory.
 * @internal
 */
export function specMemoryPath(component: any): string | undefined {
  const set = (v: unknown) => v !== undefined && v !== null;
  const rs = component?.resources;
  if (hasResourceRequirements(rs)) {
    if (set(rs.requests?.memory)) return 'resources.requests.memory';
    return set(rs.limits?.memory) ? 'resources.limits.memory' : undefined;
  }
  return set(component?.resource?.memory) ? 'resource.memory' : undefined;
}

/** Whether `resources` has any request or limit (`ResourceConfigUtils.hasResourceRequirements`). @internal */
export function hasResourceRequirements(resources: any): boolean {
  const nonEmpty = (m: unknown) => !!m && typeof m === 'object' && Object.keys(m as object).length > 0;
  return !!resources && (nonEmpty(resources.requests) || nonEmpty(resources.limits));
}

/**
 * Bytes of a memory string as the operator parses `spec.*.resource.memory`: Flink's MemorySize syntax
 * (binary units b, k/kb, m/mb, g/gb, t/tb), else a Kubernetes quantity. Undefined when unparsable.
 * @internal
 */
export function parseFlinkMemory(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (m) {
    const unit = m[2].toLowerCase();
    const factors: Record<string, number> = {
      '': 1,
      'b': 1,
      'bytes': 1,
      'k': 1024,
      'kb': 1024,
      'kibibytes': 1024,
      'm': 1024 ** 2,
      'mb': 1024 ** 2,
      'mebibytes': 1024 ** 2,
      'g': 1024 ** 3,
      'gb': 1024 ** 3,
      'gibibytes': 1024 ** 3,
      't': 1024 ** 4,
      'tb': 1024 ** 4,
      'tebibytes': 1024 ** 4,
    };
    if (unit in factors) return Number(m[1]) * factors[unit];
  }
  // The operator's fallback: upper-case, strip a trailing B, parse as a Kubernetes quantity.
  let q = text.trim().toUpperCase();
  if (q.endsWith('B')) q = q.slice(0, -1);
  if (q.endsWith('I')) q = `${q.slice(0, -1)}i`;
  return parseQuantity(q);
}

/** Bytes of a Kubernetes quantity (`10Gi`, `500M`, `1e9`); undefined when unparsable. @internal */
export function parseQuantity(text: string): number | undefined {
  const m = /^([+]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m|[eE][+-]?\d+)?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
  const decimal: Record<string, number> = { '': 1, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18 };
  if (suffix in binary) return n * binary[suffix];
  if (suffix in decimal) return n * decimal[suffix];
  return n * Math.pow(10, Number(suffix.slice(1)));
}


/**
 * Flink's memory model over a FlinkDeployment spec: JobManager and TaskManager process sizes (as the
 * operator reads them from the spec) against the memory keys of the flat `flinkConfiguration`.
 * Unset or unparsable sizes are the operator rules' business and are skipped here.
 * @param sizeField names the size in a finding, from the component (`jobManager`) and the path below it
 * @param keyField names a configuration key in a finding
 * @internal
 */
export function deploymentMemoryProblems(
  spec: any,
  conf: Record<string, string>,
  sizeField: (component: string, path: string) => string,
  keyField: (key: string) => string,
): Problem[] {
  const problems: Problem[] = [];
  for (const [process, prop] of [['JobManager', 'jobManager'], ['TaskManager', 'taskManager']] as Array<[FlinkProcess, string]>) {
    const path = specMemoryPath(spec?.[prop]);
    if (path === undefined) continue;
    const raw = path.split('.').reduce((o: any, k) => o?.[k], spec[prop]);
    problems.push(...processMemoryProblems({
      process,
      processBytes: toWholeBytes(parseFlinkMemory(String(raw))),
      field: sizeField(prop, path),
      value: raw,
      keyField,
    }, conf));
  }
  return problems;
}

/** Flink's `MemorySize` holds whole bytes; a fractional quantity is truncated, a non-positive one is the operator rules' business. */
function toWholeBytes(bytes: number | undefined): number | undefined {
  return bytes === undefined || !Number.isFinite(bytes) || bytes <= 0 ? undefined : Math.floor(bytes);
}
