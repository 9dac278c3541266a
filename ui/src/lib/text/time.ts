// Relative times in both directions ("3 days ago", "in 5 days") with the exact
// local date-time for a tooltip. `now` is always passed in.
import { dateFormatter, exactFormatter, NOT_REPORTED, parseTime } from "./format";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Beyond this distance from now, a plain date reads better than a count of days. */
const RELATIVE_LIMIT = 30 * DAY;

export interface TimeLabel {
  label: string;
  /** The exact local date-time, for `title`; null when there is no time. */
  exact: string | null;
}

function count(n: number, unit: string, plural = `${unit}s`): string {
  return `${n} ${n === 1 ? unit : plural}`;
}

function distance(ms: number): string {
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h`;
  return count(Math.floor(ms / DAY), "day");
}

/**
 * "just now", "5 min ago", "3 h ago", "2 days ago", "in 4 h", "in 12 days";
 * a date such as "12 Mar 2026" from 30 days away on; "not reported" for null.
 */
export function relativeTime(iso: string | null, now: Date, timeZone?: string): TimeLabel {
  if (iso === null) return { label: NOT_REPORTED, exact: null };
  const when = parseTime(iso);
  if (when === null) return { label: iso, exact: iso };
  const exact = exactFormatter(timeZone).format(when);
  const diff = now.getTime() - when.getTime();
  const abs = Math.abs(diff);
  if (abs < MINUTE) return { label: "just now", exact };
  if (abs >= RELATIVE_LIMIT) return { label: dateFormatter(timeZone).format(when), exact };
  return { label: diff > 0 ? `${distance(abs)} ago` : `in ${distance(abs)}`, exact };
}

/** The local calendar date "YYYY-MM-DD" of `now` (what a date input compares with). */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The last second of a local calendar date "YYYY-MM-DD", as an ISO instant; null if unreadable. */
export function endOfLocalDay(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  if (d.getMonth() !== Number(m[2]) - 1) return null;
  return d.toISOString();
}
