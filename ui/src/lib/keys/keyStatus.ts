// What a key's state means right now: its effective status and the badges
// that call for attention. Pure: `now` is passed in.
import type { ApiKey, KeyStatus } from "../bindings";
import { parseTime } from "../text/format";
import { DAY } from "../text/time";

/** A key not used for this long is stale. */
export const STALE_AFTER_DAYS = 90;
/** A key never used this long after its creation is stale. */
export const NEVER_USED_STALE_DAYS = 30;
/** A key expiring within this many days is flagged. */
export const EXPIRING_WITHIN_DAYS = 14;

function time(iso: string | null): number | null {
  if (iso === null) return null;
  return parseTime(iso)?.getTime() ?? null;
}

/** The vendor's status, except that an active key whose expiry has passed is expired. */
export function effectiveStatus(key: ApiKey, now: Date): KeyStatus {
  if (key.status !== "active") return key.status;
  const expires = time(key.expiresAt);
  return expires !== null && expires <= now.getTime() ? "expired" : "active";
}

export interface KeyBadges {
  stale: boolean;
  expiringSoon: boolean;
  expired: boolean;
}

export function keyBadges(key: ApiKey, now: Date): KeyBadges {
  const status = effectiveStatus(key, now);
  const t = now.getTime();
  let stale = false;
  if (status === "active") {
    if (key.lastUsed.state === "used") {
      const at = time(key.lastUsed.at);
      stale = at !== null && t - at >= STALE_AFTER_DAYS * DAY;
    } else if (key.lastUsed.state === "never") {
      const created = time(key.createdAt);
      stale = created !== null && t - created >= NEVER_USED_STALE_DAYS * DAY;
    }
  }
  const expires = time(key.expiresAt);
  const expiringSoon =
    status === "active" && expires !== null && expires - t <= EXPIRING_WITHIN_DAYS * DAY;
  return { stale, expiringSoon, expired: status === "expired" };
}

const STATUS_LABELS: Record<KeyStatus, string> = {
  active: "Active",
  disabled: "Disabled",
  revoked: "Revoked",
  expired: "Expired",
};

export function statusLabel(status: KeyStatus): string {
  return STATUS_LABELS[status];
}
