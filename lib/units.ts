import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';

const DURATION_UNITS: Array<[number, string]> = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1_000, 's'],
  [1, 'ms'],
];

/**
 * Renders a Duration in the unit syntax of Flink's `TimeUtils.parseDuration`, which both
 * `flinkConfiguration` and StateFun's module parser use: the largest exact unit (`90s`, `15min`, `250ms`).
 * @internal
 */
export function renderDuration(d: Duration): string {
  const ms = d.toMilliseconds();
  if (ms === 0) return '0ms';
  for (const [factor, unit] of DURATION_UNITS) {
    if (ms % factor === 0) return `${ms / factor}${unit}`;
  }
  return `${ms}ms`;
}

/** Milliseconds of a duration; fractional milliseconds are refused by the checks that call this. @internal */
export function millis(d: Duration): number {
  return d.toMilliseconds();
}

/**
 * Flink memory size syntax (`MemorySize.parse`, binary units): whole mebibytes as `2048m`, else kibibytes
 * or bytes. The operator parses `spec.*.resource.memory` with the same rules, so `m` is MiB, not milli.
 * @internal
 */
export function renderFlinkMemory(size: Size): string {
  const kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (Number.isInteger(kib / 1024)) return `${kib / 1024}m`;
  if (Number.isInteger(kib)) return `${kib}k`;
  return `${Math.round(kib * 1024)}b`;
}

/** Bytes in a Size (exact). @internal */
export function bytes(size: Size): number {
  return Math.round(size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024);
}

/** Kubernetes quantity for a Size: the largest exact binary unit (`512Mi`, `2Gi`). @internal */
export function renderQuantity(size: Size): string {
  const b = bytes(size);
  for (const [factor, unit] of [[1024 ** 4, 'Ti'], [1024 ** 3, 'Gi'], [1024 ** 2, 'Mi'], [1024, 'Ki']] as Array<[number, string]>) {
    if (b % factor === 0) return `${b / factor}${unit}`;
  }
  return `${b}`;
}

/** Number of cores in a cdk8s-plus Cpu (`500m` → 0.5, `2` → 2); NaN when unparsable. @internal */
export function cpuCores(cpu: Cpu): number {
  const amount = cpu.amount.trim();
  if (/^\d+(\.\d+)?m$/.test(amount)) return Number(amount.slice(0, -1)) / 1000;
  if (/^\d+(\.\d+)?$/.test(amount)) return Number(amount);
  return NaN;
}
