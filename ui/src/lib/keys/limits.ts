// The vendor's rules about how many keys an account may hold and which key
// may not be removed, as sentences the UI can show before trying.
import type { ApiKey, Capabilities } from "../bindings";
import { hasHidden } from "../text/visibleText";

/** Keys that still occupy a slot at the vendor: neither revoked nor expired. */
export function keysHeld(keys: readonly ApiKey[]): number {
  let n = 0;
  for (const k of keys) if (k.status === "active" || k.status === "disabled") n++;
  return n;
}

/** `held`: the keys occupying a slot (`keysHeld`, or a page's `held`). */
export function isAtLimit(held: number, caps: Capabilities): boolean {
  return caps.maxKeys !== null && held >= caps.maxKeys;
}

function keys(n: number): string {
  return n === 1 ? "1 key" : `${n} keys`;
}

/**
 * "Veryfi allows 2 keys; this account has 2. Revoke one first, or rotate a key."
 * Null when the vendor sets no limit.
 */
export function limitSentence(vendorName: string, caps: Capabilities, held: number): string | null {
  if (caps.maxKeys === null) return null;
  const what = caps.maxKeys === 1 ? "Revoke it first, or rotate it." : "Revoke one first, or rotate a key.";
  return `${vendorName} allows ${keys(caps.maxKeys)}; this account has ${held}. ${what}`;
}

/**
 * Why `key` cannot be revoked right now, before asking the vendor; null when it can.
 * `active`: how many of the account's keys the vendor says are active.
 */
export function revokeBlockedReason(
  key: ApiKey,
  active: number,
  caps: Capabilities,
  vendorName: string,
): string | null {
  if (key.status === "revoked") return "This key is already revoked.";
  if (caps.lastKeyRevocable || key.status !== "active") return null;
  if (active > 1) return null;
  return `${vendorName} will not remove an account's last active key: create its replacement first, then revoke this one.`;
}

/**
 * What the user must type to confirm revoking: the key's name, or its id when it
 * has none or its name holds a hidden character (a newline does not fit a
 * one-line field, an override cannot be seen).
 */
export function revokeConfirmationText(key: ApiKey): string {
  const name = key.name?.trim();
  return name && !hasHidden(name) ? name : key.id;
}
