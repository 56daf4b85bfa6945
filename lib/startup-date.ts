import { Problem } from './errors';

/**
 * Renders a Date in the pattern StateFun's Kafka and Kinesis ingresses parse,
 * `yyyy-MM-dd HH:mm:ss.SSS Z` (exactly three fraction digits, numeric offset), always in UTC.
 * ISO-8601 (`…T…Z`) is not accepted by the runtime.
 * @internal
 */
export function renderStartupDate(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${date.getUTCFullYear()}-${p(date.getUTCMonth() + 1)}-${p(date.getUTCDate())} `
    + `${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}.${p(date.getUTCMilliseconds(), 3)} +0000`;
}

/** Parses the runtime's date pattern back into a Date; undefined when the text does not match. @internal */
export function parseStartupDate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3}) ([+-])(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]);
  const offset = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) * 60_000;
  return new Date(utc - offset);
}

/**
 * Problems with a startup date: a valid Date from 1970 on, with a four-digit year (the pattern's `yyyy`).
 * @internal
 */
export function startupDateProblems(field: string, date: Date): Problem[] {
  if (!(date instanceof Date) || isNaN(date.getTime())) {
    return [{ field, value: String(date), why: 'not a valid Date', fix: "pass a valid Date, e.g. new Date('2026-04-23T00:00:00Z')" }];
  }
  const year = date.getUTCFullYear();
  if (year < 1970 || year > 9999) {
    return [{ field, value: date.toISOString(), why: 'a startup date is a point in a stream\'s retention: after 1970 and before year 10000 (the runtime\'s yyyy pattern)', fix: "use a recent date, e.g. new Date('2026-04-23T00:00:00Z')" }];
  }
  return [];
}

/**
 * Converts a date the way the deployment guides wrongly write it (ISO-8601) into the runtime's pattern,
 * for fix messages; undefined when the text is no date at all.
 * @internal
 */
export function suggestStartupDate(value: unknown): string | undefined {
  if (value instanceof Date && !isNaN(value.getTime())) return renderStartupDate(value);
  if (typeof value === 'number' && Number.isFinite(value)) return renderStartupDate(new Date(value));
  if (typeof value !== 'string') return undefined;
  const exact = parseStartupDate(value);
  if (exact) return renderStartupDate(exact);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return undefined;
  const parsed = new Date(value.trim());
  return isNaN(parsed.getTime()) ? undefined : renderStartupDate(parsed);
}
