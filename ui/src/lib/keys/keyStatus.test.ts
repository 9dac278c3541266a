import { describe, expect, it } from "vitest";
import type { ApiKey } from "../bindings";
import { effectiveStatus, keyBadges, statusLabel } from "./keyStatus";
import { DAY } from "../text/time";
import { apiKey } from "../../test/helpers";

const NOW = new Date("2026-03-12T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const ahead = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

function usedAgo(ms: number): ApiKey["lastUsed"] {
  return { state: "used", at: ago(ms), ip: null, userAgent: null };
}

describe("effectiveStatus", () => {
  it("keeps the vendor's status", () => {
    expect(effectiveStatus(apiKey("k", { status: "disabled" }), NOW)).toBe("disabled");
    expect(effectiveStatus(apiKey("k", { status: "revoked", expiresAt: ago(DAY) }), NOW)).toBe("revoked");
  });

  it("treats an active key whose expiry has passed as expired, from the exact instant", () => {
    expect(effectiveStatus(apiKey("k", { expiresAt: ago(0) }), NOW)).toBe("expired");
    expect(effectiveStatus(apiKey("k", { expiresAt: ahead(1) }), NOW)).toBe("active");
    expect(effectiveStatus(apiKey("k", { expiresAt: null }), NOW)).toBe("active");
  });
});

describe("keyBadges", () => {
  it("flags a key unused for 90 days as stale, not one unused for a second less", () => {
    expect(keyBadges(apiKey("k", { lastUsed: usedAgo(90 * DAY) }), NOW).stale).toBe(true);
    expect(keyBadges(apiKey("k", { lastUsed: usedAgo(90 * DAY - 1000) }), NOW).stale).toBe(false);
  });

  it("flags a never-used key 30 days after its creation", () => {
    const never = { state: "never" } as const;
    expect(keyBadges(apiKey("k", { lastUsed: never, createdAt: ago(30 * DAY) }), NOW).stale).toBe(true);
    expect(keyBadges(apiKey("k", { lastUsed: never, createdAt: ago(30 * DAY - 1000) }), NOW).stale).toBe(false);
    expect(keyBadges(apiKey("k", { lastUsed: never, createdAt: null }), NOW).stale).toBe(false);
  });

  it("does not call a key stale when the vendor does not report use", () => {
    const k = apiKey("k", { lastUsed: { state: "notReported" }, createdAt: ago(400 * DAY) });
    expect(keyBadges(k, NOW).stale).toBe(false);
  });

  it("does not call revoked or disabled keys stale", () => {
    expect(keyBadges(apiKey("k", { status: "revoked", lastUsed: usedAgo(200 * DAY) }), NOW).stale).toBe(false);
    expect(keyBadges(apiKey("k", { status: "disabled", lastUsed: usedAgo(200 * DAY) }), NOW).stale).toBe(false);
  });

  it("flags expiry within 14 days, inclusive, and not beyond", () => {
    expect(keyBadges(apiKey("k", { expiresAt: ahead(14 * DAY) }), NOW).expiringSoon).toBe(true);
    expect(keyBadges(apiKey("k", { expiresAt: ahead(14 * DAY + 1000) }), NOW).expiringSoon).toBe(false);
    expect(keyBadges(apiKey("k", { expiresAt: ahead(1000) }), NOW).expiringSoon).toBe(true);
  });

  it("calls a passed expiry expired, not expiring", () => {
    const b = keyBadges(apiKey("k", { expiresAt: ago(1000) }), NOW);
    expect(b).toEqual({ stale: false, expiringSoon: false, expired: true });
    expect(keyBadges(apiKey("k", { status: "expired" }), NOW).expired).toBe(true);
  });

  it("does not flag a revoked key's coming expiry", () => {
    expect(keyBadges(apiKey("k", { status: "revoked", expiresAt: ahead(DAY) }), NOW).expiringSoon).toBe(false);
  });
});

describe("statusLabel", () => {
  it("capitalises every status", () => {
    expect(["active", "disabled", "revoked", "expired"].map((s) => statusLabel(s as ApiKey["status"]))).toEqual([
      "Active",
      "Disabled",
      "Revoked",
      "Expired",
    ]);
  });
});
