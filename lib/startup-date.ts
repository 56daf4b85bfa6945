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
