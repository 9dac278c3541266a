// The verification step's lines: when the new key was first used and by what,
// when the old one was last used, how long it has been quiet, when Keyturn last
// looked. `now` is always passed in.
import type { ApiKey, KeyUse, VerificationStatus } from "../bindings";
import { durationWords } from "./rotationErrors";
import { parseTime } from "../text/format";
import { MINUTE, relativeTime } from "../text/time";
import { clientName } from "../text/userAgent";
import { formatCount } from "../text/locale";

export const DEFAULT_QUIET_WINDOW_SECS = 10 * 60;
export const MIN_QUIET_WINDOW_SECS = 60;
export const MAX_QUIET_WINDOW_SECS = 7 * 24 * 60 * 60;

/** "12 s ago" under a minute, else the keys view's relative time ("3 min ago", "2 h ago"). */
export function agoText(iso: string, now: Date): string {
  const when = parseTime(iso);
  if (when === null) return iso;
  const diff = now.getTime() - when.getTime();
  if (diff < 1000) return "just now";
  if (diff < MINUTE) return `${Math.floor(diff / 1000)} s ago`;
  return relativeTime(iso, now).label;
}

/** " from 10.0.0.4 (curl 8.5)", " from 10.0.0.4", " (curl 8.5)" or "". */
function origin(ip: string | null, userAgent: string | null): string {
  const client = clientName(userAgent);
  return `${ip ? ` from ${ip}` : ""}${client ? ` (${client})` : ""}`;
}

export function useLine(use: KeyUse, now: Date): string {
  return `${agoText(use.at, now)}${origin(use.ip, use.userAgent)}`;
}

/** "New key first used 12 s ago from 10.0.0.4 (curl 8.5)", or that it has not been yet. */
export function newKeyLine(v: VerificationStatus, now: Date): string {
  if (v.newKeyFirstUsed === null) return "New key not used yet";
  return `New key first used ${useLine(v.newKeyFirstUsed, now)}`;
}

/** "Old key last used 3 min ago", or that it is gone or has not been used while watched. */
export function oldKeyLine(v: VerificationStatus, now: Date): string {
  if (v.oldKeyGone) return "Old key no longer at the vendor";
  if (v.oldKeyLastUsed !== null) return `Old key last used ${agoText(v.oldKeyLastUsed, now)}`;
  if (v.lastObservedAt === null) return "Old key not checked yet";
  return v.signal === "requestCount" ? "Old key not used since Keyturn started watching" : "Old key never used";
}

/** "Quiet for 4 min of the 10 min window"; null when the old key is gone or not checked yet. */
export function quietLine(v: VerificationStatus, quietWindowSecs: number): string | null {
  if (v.oldKeyGone || v.oldQuietForSecs === null) return null;
  if (v.oldQuietForSecs >= quietWindowSecs) return `Quiet for the whole ${durationWords(quietWindowSecs)} window`;
  return `Quiet for ${durationWords(v.oldQuietForSecs)} of the ${durationWords(quietWindowSecs)} window`;
}

/** "checked 3 s ago", "checked 2 min ago", "not checked yet". */
export function checkedAgo(lastObservedAt: string | null, now: Date): string {
  return lastObservedAt === null ? "not checked yet" : `checked ${agoText(lastObservedAt, now)}`;
}

/** What verified means, once it is. */
export function greenSentence(v: VerificationStatus, quietWindowSecs: number): string {
  if (v.signal === "checklist") return "Verified: every consumer is on the new key, and you tested it.";
  if (v.oldKeyGone) return "Verified: the new key is in use and the old key is gone.";
  return `Verified: the new key is in use and the old key has been quiet for ${durationWords(quietWindowSecs)}.`;
}

/** What is still missing before verification is green; empty once it is. */
export function verificationTodo(v: VerificationStatus, quietWindowSecs: number): string[] {
  if (v.green) return [];
  if (v.signal === "checklist") {
    const todo: string[] = [];
    if (v.consumers.length === 0) todo.push("Add each consumer that uses the key.");
    else if (v.consumers.some((c) => !c.checked)) todo.push("Tick each consumer once it runs on the new key.");
    if (v.newKeyTested !== true) todo.push("Test the new key.");
    return todo;
  }
  const todo: string[] = [];
  if (v.newKeyFirstUsed === null) todo.push("Waiting for the new key's first use.");
  if (!v.oldKeyGone && (v.oldQuietForSecs ?? 0) < quietWindowSecs) {
    todo.push(`Waiting for the old key to stay unused for ${durationWords(quietWindowSecs)}.`);
  }
  return todo;
}

/** Beside each key to choose from: "last used 12 min ago from 10.0.0.4 (curl 8.5)", "never used", … */
export function lastUseLine(key: ApiKey, now: Date): string {
  switch (key.lastUsed.state) {
    case "used":
      return `last used ${agoText(key.lastUsed.at, now)}${origin(key.lastUsed.ip, key.lastUsed.userAgent)}`;
    case "never":
      return "never used";
    case "notReported":
      if (key.requestCount !== null) {
        return key.requestCount === 1 ? "1 request" : `${formatCount(key.requestCount)} requests`;
      }
      return "last use not reported by the vendor";
  }
}

/** The quiet window's input in whole minutes. */
export function quietWindowMinutes(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}

/** The quiet window typed in minutes, as seconds; or what is wrong with it. */
export function parseQuietWindow(input: string): { seconds: number } | { error: string } {
  const text = input.trim();
  if (!/^\d+$/.test(text)) return { error: "Enter a whole number of minutes." };
  const seconds = Number(text) * 60;
  if (seconds < MIN_QUIET_WINDOW_SECS || seconds > MAX_QUIET_WINDOW_SECS) {
    return {
      error: `Enter between ${MIN_QUIET_WINDOW_SECS / 60} and ${MAX_QUIET_WINDOW_SECS / 60} minutes (${durationWords(MAX_QUIET_WINDOW_SECS)}).`,
    };
  }
  return { seconds };
}
