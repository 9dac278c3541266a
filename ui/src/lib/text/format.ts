// Pure formatting helpers. Nothing here reads the clock: `now` is passed in,
// and the time zone may be passed in (tests) or left to the system default.
import { VENDOR_CATALOG, type Environment, type VendorInfo, type VendorKind } from "../bindings";
import { dateLocale } from "./locale";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export const NOT_REPORTED = "not reported";

export function parseTime(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

// Building an Intl formatter is costly; rows are rendered often, so keep them.
const formatters = new Map<string, Intl.DateTimeFormat>();

function cached(kind: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions) {
  const id = `${kind}|${dateLocale()}|${timeZone ?? ""}`;
  let f = formatters.get(id);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(dateLocale(), { ...options, timeZone });
    formatters.set(id, f);
  }
  return f;
}

export function exactFormatter(timeZone?: string): Intl.DateTimeFormat {
  return cached("exact", timeZone, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  });
}

export function dateFormatter(timeZone?: string): Intl.DateTimeFormat {
  return cached("date", timeZone, { day: "numeric", month: "short", year: "numeric" });
}

/**
 * Relative label ("just now", "5 min ago", "3 h ago", "2 days ago", else a
 * date such as "12 Mar 2026") plus the exact local date-time for a tooltip.
 */
export function formatCreated(
  iso: string | null,
  now: Date,
  timeZone?: string,
): { label: string; exact: string } {
  if (iso === null) return { label: NOT_REPORTED, exact: NOT_REPORTED };
  const when = parseTime(iso);
  if (when === null) return { label: iso, exact: iso };

  const exact = exactFormatter(timeZone).format(when);
  const diff = now.getTime() - when.getTime();

  let label: string;
  if (diff < -MINUTE || diff >= WEEK) {
    // Far past, or in the future beyond clock skew: show the date itself.
    label = dateFormatter(timeZone).format(when);
  } else if (diff < MINUTE) {
    label = "just now";
  } else if (diff < HOUR) {
    label = `${Math.floor(diff / MINUTE)} min ago`;
  } else if (diff < DAY) {
    label = `${Math.floor(diff / HOUR)} h ago`;
  } else {
    const days = Math.floor(diff / DAY);
    label = days === 1 ? "1 day ago" : `${days} days ago`;
  }
  return { label, exact };
}

/** Wall-clock time "HH:MM:SS" of an ISO instant; the input itself if unreadable. */
export function formatClock(iso: string, timeZone?: string): string {
  const when = parseTime(iso);
  if (when === null) return iso;
  return cached("clock", timeZone, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(when);
}

/** "ab12••••" for a reported prefix, "not reported" otherwise. */
export function maskedPrefix(prefix: string | null): string {
  if (prefix === null) return NOT_REPORTED;
  return `${prefix}••••`;
}

/** "1 of 2 keys", "2 of 2 keys — at the limit", or "3 keys" without a limit. */
export function keySummary(count: number, maxKeys: number | null): string {
  if (maxKeys === null) return count === 1 ? "1 key" : `${count} keys`;
  const noun = maxKeys === 1 ? "key" : "keys";
  const base = `${count} of ${maxKeys} ${noun}`;
  if (count > maxKeys) return `${base} — over the limit`;
  if (count === maxKeys) return `${base} — at the limit`;
  return base;
}

export function environmentLabel(env: Environment): string {
  return env === "live" ? "Live" : "Sandbox";
}

/** What the Rust catalog says about a vendor (generated into bindings.ts). */
export function vendorInfo(vendor: VendorKind): VendorInfo | undefined {
  return VENDOR_CATALOG.find((v) => v.vendor === vendor);
}

/** The vendor's short name, for sentences ("Veryfi allows 2 keys"). */
export function vendorLabel(vendor: VendorKind): string {
  return vendorInfo(vendor)?.shortName ?? vendor;
}
