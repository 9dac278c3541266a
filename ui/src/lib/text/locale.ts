// Dates and numbers follow the OS locale: the shell reads LC_TIME and
// LC_NUMERIC (or LC_ALL, LANG) and gives them to the page before it runs, as
// `window.__KEYTURN_LOCALE__`. Without them (a "C" locale, the tests), dates
// read "12 Mar 2026" and numbers "1,234", as they always did.

import type { OsLocale } from "../bindings";

declare global {
  interface Window {
    __KEYTURN_LOCALE__?: Partial<OsLocale>;
  }
}

const FALLBACK: Readonly<{ dates: string; numbers: string }> = { dates: "en-GB", numbers: "en-US" };

/** A tag Intl knows, else the fallback: a locale the OS names but ICU lacks falls back quietly. */
function usable(tag: unknown, fallback: string): string {
  if (typeof tag !== "string" || tag === "") return fallback;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag])[0] ?? fallback;
  } catch {
    return fallback;
  }
}

const NONE: Partial<OsLocale> = {};
let resolved: { from: Partial<OsLocale>; dates: string; numbers: string } | null = null;

/** Resolved once per value the shell gave (tests give others). */
function current(): { dates: string; numbers: string } {
  const from = (typeof window !== "undefined" && window.__KEYTURN_LOCALE__) || NONE;
  if (resolved?.from !== from) {
    resolved = { from, dates: usable(from.dates, FALLBACK.dates), numbers: usable(from.numbers, FALLBACK.numbers) };
  }
  return resolved;
}

export function dateLocale(): string {
  return current().dates;
}

export function numberLocale(): string {
  return current().numbers;
}

let counts: { locale: string; format: Intl.NumberFormat } | null = null;

/** A count as the OS writes numbers: "12,345", "12.345", "12 345". */
export function formatCount(n: number): string {
  const locale = numberLocale();
  if (counts?.locale !== locale) counts = { locale, format: new Intl.NumberFormat(locale) };
  return counts.format.format(n);
}
