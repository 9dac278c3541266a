// Retiring the old key: what revoking it needs at this moment (a typed
// confirmation, the key disabled first where the vendor can, verification green
// or the early-revoke override), mirroring the machine's guards in the same order.
import type { KeyRef, Rotation } from "../bindings";
import { hasHidden } from "../text/visibleText";

/** The typed confirmation a delete needs: the key's name or its id, exactly (KeyRef::is_confirmed_by). */
export function confirmsKey(key: KeyRef, typed: string): boolean {
  const t = typed.trim();
  return t !== "" && (t === key.id || key.name?.trim() === t);
}

/**
 * What to ask the user to type: the name when the key has one that can be typed
 * and seen as it is, else its id (a newline does not fit a one-line field, an
 * override cannot be seen).
 */
export function confirmationHint(key: KeyRef): string {
  const name = key.name?.trim();
  return name && !hasHidden(name) ? name : key.id;
}

export interface RevokeReadiness {
  /** The vendor can disable and the old key is not disabled yet. */
  disableFirst: boolean;
  /** A new key exists and is not verified: revoking needs the early-revoke override. */
  needsForce: boolean;
  /** Everything the UI can check holds; the vendor's last-key rule is the machine's. */
  canRevoke: boolean;
}

export function revokeReadiness(
  rotation: Pick<Rotation, "rules" | "oldKey" | "oldKeyDisabled" | "oldKeyRevoked" | "newKey" | "verification">,
  typed: string,
  force: boolean,
): RevokeReadiness {
  const old = rotation.oldKeyRevoked ? null : rotation.oldKey;
  const disableFirst = rotation.rules.canDisable && !rotation.oldKeyDisabled;
  const needsForce = rotation.newKey !== null && rotation.verification?.green !== true;
  const canRevoke = old !== null && confirmsKey(old, typed) && !disableFirst && (!needsForce || force);
  return { disableFirst, needsForce, canRevoke };
}
