import { Duration } from 'cdk8s';
import { Problem } from './errors';
import { fitsJavaLongMillis, JAVA_LONG_WHY } from './value-rules';

/** Whole milliseconds of a Duration, or NaN when it is not a Duration or has a fractional millisecond. @internal */
export function wholeMillis(d: Duration): number {
  if (!d || typeof (d as any).toMilliseconds !== 'function') return NaN;
  try {
    return d.toMilliseconds();
  } catch {
    return NaN;
  }
}

/** Options of `durationProblems`. @internal */
export interface DurationRule {
  /** Zero is meaningful (e.g. "disabled"). */
  readonly allowZero?: boolean;
  /** The largest accepted value. */
  readonly max?: Duration;
  /** Why the maximum exists. */
  readonly maxWhy?: string;
  /** An example value for the fix text. */
  readonly example: string;
}

/**
 * Problems with a Duration written into module.yaml: whole milliseconds (the runtime's
 * TimeUtils has no fractions), positive unless zero is allowed, and within an optional maximum.
 * @internal
 */
export function durationProblems(field: string, d: Duration | undefined, rule: DurationRule): Problem[] {
  if (d === undefined) return [];
  const ms = wholeMillis(d);
  if (!Number.isInteger(ms) || ms < 0 || (!rule.allowZero && ms === 0)) {
    return [{
      field,
      value: typeof (d as any)?.toHumanString === 'function' ? d : String(d),
      why: rule.allowZero
        ? 'the runtime reads whole milliseconds, zero or more'
        : 'the runtime refuses zero and reads whole milliseconds only',
      fix: `use a positive Duration such as ${rule.example}`,
    }];
  }
  if (!fitsJavaLongMillis(ms)) {
    return [{ field, value: d, why: JAVA_LONG_WHY, fix: `use a shorter Duration such as ${rule.example}` }];
  }
  if (rule.max && ms > rule.max.toMilliseconds()) {
    return [{ field, value: d, why: rule.maxWhy ?? `at most ${rule.max.toHumanString()} is allowed`, fix: `use at most ${rule.max.toHumanString()}, e.g. ${rule.example}` }];
  }
  return [];
}

// Flink TimeUtils.parseDuration labels (matched after lower-casing, like Flink does). Note: no `mins`.
const UNIT_MILLIS: Record<string, number> = {
  ns: 1e-6,
  nano: 1e-6,
  nanos: 1e-6,
  nanosecond: 1e-6,
  nanoseconds: 1e-6,
  µs: 1e-3,
  micro: 1e-3,
  micros: 1e-3,
  microsecond: 1e-3,
  microseconds: 1e-3,
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1_000,
  sec: 1_000,
  secs: 1_000,
  second: 1_000,
  seconds: 1_000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** The result of reading a duration written in module.yaml. @internal */
export interface ParsedDuration {
  readonly duration?: Duration;
  readonly error?: string;
}

/**
 * Reads a duration as the runtime does (Flink `TimeUtils.parseDuration`): a whole number and an
 * optional unit (`30s`, `10 sec`, `1minute`, `15min`), a bare number meaning milliseconds.
 * @internal
 */
export function parseFlinkDuration(value: unknown): ParsedDuration {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? { duration: Duration.millis(value) } : { error: 'not a whole number of milliseconds' };
  }
  if (typeof value !== 'string') return { error: 'not a duration (a number with a unit, e.g. 30s)' };
  const m = /^(\d+)\s*([a-zA-Zµ]*)$/.exec(value.trim());
  if (!m) return { error: 'not a duration: a whole number followed by a unit (ms, s, min, h, d), e.g. 30s' };
  const unit = m[2].toLowerCase();
  const factor = unit === '' ? 1 : UNIT_MILLIS[unit];
  if (factor === undefined) return { error: `unknown time unit '${m[2]}' (use ms, s, min, h or d)` };
  const ms = Number(m[1]) * factor;
  if (!Number.isSafeInteger(Math.round(ms))) return { error: 'too large' };
  if (Math.abs(ms - Math.round(ms)) > 1e-9) return { error: 'not a whole number of milliseconds' };
  return { duration: Duration.millis(Math.round(ms)) };
}

/** How a Duration is written in fix messages, e.g. `Duration.seconds(30)`. @internal */
export function durationExpression(d: Duration): string {
  const ms = d.toMilliseconds();
  for (const [factor, fn] of [[86_400_000, 'days'], [3_600_000, 'hours'], [60_000, 'minutes'], [1_000, 'seconds']] as Array<[number, string]>) {
    if (ms !== 0 && ms % factor === 0) return `Duration.${fn}(${ms / factor})`;
  }
  return `Duration.millis(${ms})`;
}
