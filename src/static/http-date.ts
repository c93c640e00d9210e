/**
 * HTTP dates (RFC 9110 §5.6.7): formatting as IMF-fixdate and strict parsing of the three formats a
 * recipient must accept. `Date.parse` is not used because it accepts almost anything ("1" → 2001).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Captures are normalised to [day, month, year, hour, minute, second].
const FORMATS: Array<{ pattern: RegExp; order: [number, number, number, number, number, number] }> = [
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  { pattern: /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/, order: [1, 2, 3, 4, 5, 6] },
  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
  { pattern: /^[A-Z][a-z]+, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/, order: [1, 2, 3, 4, 5, 6] },
  // asctime: Sun Nov  6 08:49:37 1994
  { pattern: /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/, order: [2, 1, 6, 3, 4, 5] },
];

/** `Sun, 06 Nov 1994 08:49:37 GMT` for a time in milliseconds. */
export function formatHttpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Milliseconds since the epoch, or undefined for anything that is not a valid HTTP date. */
export function parseHttpDate(value: string, now: Date = new Date()): number | undefined {
  for (const { pattern, order } of FORMATS) {
    const match = pattern.exec(value.trim());
    if (!match) continue;
    const [day, monthName, yearText, hour, minute, second] = order.map((i) => match[i]!);
    const month = MONTHS.indexOf(monthName!);
    const year = fullYear(Number(yearText), yearText!.length, now);
    const ms = Date.UTC(year, month, Number(day), Number(hour), Number(minute), Number(second));
    const date = new Date(ms);
    // Reject 31 Feb, 25:00 and friends instead of letting Date roll them over.
    const valid =
      month >= 0 &&
      date.getUTCFullYear() === year &&
      date.getUTCDate() === Number(day) &&
      date.getUTCMonth() === month &&
      date.getUTCHours() === Number(hour) &&
      date.getUTCMinutes() === Number(minute) &&
      date.getUTCSeconds() === Number(second);
    return valid ? ms : undefined;
  }
  return undefined;
}

/** RFC 850's two-digit years: more than 50 years ahead means the previous century (as Django). */
function fullYear(year: number, digits: number, now: Date): number {
  if (digits > 2) return year;
  const current = now.getUTCFullYear();
  const century = current - (current % 100);
  return year - (current % 100) > 50 ? century - 100 + year : century + year;
}
