import { describe, expect, it } from "vitest";
import { isAtLimit, keysHeld, limitSentence, revokeBlockedReason, revokeConfirmationText } from "./limits";
import { apiKey, capabilities } from "../../test/helpers";

describe("the key limit", () => {
  const veryfi = capabilities({ maxKeys: 2, lastKeyRevocable: false });

  it("counts active and disabled keys, not revoked or expired ones", () => {
    const keys = [
      apiKey("a"),
      apiKey("b", { status: "disabled" }),
      apiKey("c", { status: "revoked" }),
      apiKey("d", { status: "expired" }),
    ];
    expect(keysHeld(keys)).toBe(2);
  });

  it("is reached at the maximum, not below it, and never without one", () => {
    expect(isAtLimit(keysHeld([apiKey("a"), apiKey("b")]), veryfi)).toBe(true);
    expect(isAtLimit(keysHeld([apiKey("a"), apiKey("b", { status: "revoked" })]), veryfi)).toBe(false);
    expect(isAtLimit(1, veryfi)).toBe(false);
    expect(isAtLimit(50, capabilities())).toBe(false);
  });

  it("explains the limit in the vendor's name", () => {
    expect(limitSentence("Veryfi", veryfi, 2)).toBe(
      "Veryfi allows 2 keys; this account has 2. Revoke one first, or rotate a key.",
    );
    expect(limitSentence("Acme", capabilities({ maxKeys: 1 }), 1)).toBe(
      "Acme allows 1 key; this account has 1. Revoke it first, or rotate it.",
    );
    expect(limitSentence("Kayle", capabilities({ maxKeys: null }), 9)).toBeNull();
  });
});

describe("revokeBlockedReason", () => {
  const protectedCaps = capabilities({ lastKeyRevocable: false });

  it("blocks the only active key where the vendor protects the last key", () => {
    const only = apiKey("a");
    const reason = revokeBlockedReason(only, 1, protectedCaps, "Veryfi");
    expect(reason).toMatch(/^Veryfi will not remove an account's last active key/);
  });

  it("allows it once another active key exists", () => {
    const a = apiKey("a");
    expect(revokeBlockedReason(a, 2, protectedCaps, "Veryfi")).toBeNull();
  });

  it("allows the last key where the vendor lets it go", () => {
    const a = apiKey("a");
    expect(revokeBlockedReason(a, 1, capabilities({ lastKeyRevocable: true }), "Kayle")).toBeNull();
  });

  it("says a revoked key is already revoked", () => {
    const k = apiKey("a", { status: "revoked" });
    expect(revokeBlockedReason(k, 0, capabilities(), "Verifa")).toBe("This key is already revoked.");
  });
});

describe("revokeConfirmationText", () => {
  it("asks for the name, or the id of an unnamed key", () => {
    expect(revokeConfirmationText(apiKey("key_1", { name: "CI deploy" }))).toBe("CI deploy");
    expect(revokeConfirmationText(apiKey("key_1", { name: "  " }))).toBe("key_1");
    expect(revokeConfirmationText(apiKey("key_1", { name: null }))).toBe("key_1");
    expect(revokeConfirmationText(apiKey("key_1", { name: "probe-rlo-\u202Etset-dorp" }))).toBe("key_1");
    expect(revokeConfirmationText(apiKey("key_1", { name: "line one\nline two" }))).toBe("key_1");
    expect(revokeConfirmationText(apiKey("key_1", { name: "tab\there" }))).toBe("key_1");
  });
});
