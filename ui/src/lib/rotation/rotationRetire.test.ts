import { describe, expect, it } from "vitest";
import { confirmationHint, confirmsKey, revokeReadiness } from "./rotationRetire";
import { keyRef, rotation, verification } from "../../test/rotation";

describe("confirmsKey", () => {
  const named = keyRef("key_01", "CI deploys");

  it("accepts the key's name or its id, exactly, around spaces", () => {
    expect(confirmsKey(named, "CI deploys")).toBe(true);
    expect(confirmsKey(named, "  key_01 ")).toBe(true);
    expect(confirmsKey(named, "ci deploys")).toBe(false);
    expect(confirmsKey(named, "CI")).toBe(false);
    expect(confirmsKey(named, "   ")).toBe(false);
    expect(confirmsKey(keyRef("key_02"), "")).toBe(false);
  });

  it("asks for the name when there is one, else the id", () => {
    expect(confirmationHint(named)).toBe("CI deploys");
    expect(confirmationHint(keyRef("key_02", "  "))).toBe("key_02");
    expect(confirmationHint(keyRef("key_03", "probe-rlo-\u202Etset-dorp"))).toBe("key_03");
    expect(confirmationHint(keyRef("key_04", "line one\nline two"))).toBe("key_04");
  });
});

describe("revokeReadiness", () => {
  const old = keyRef("key_old", "CI deploys");
  const verified = rotation({ oldKey: old, newKey: keyRef("key_new"), verification: verification({ green: true }) });

  it("deletes a verified rotation's old key once its name is typed", () => {
    expect(revokeReadiness(verified, "CI deploys", false)).toEqual({ disableFirst: false, needsForce: false, canRevoke: true });
    expect(revokeReadiness(verified, "CI", false).canRevoke).toBe(false);
  });

  it("needs the early-revoke override before verification is green", () => {
    const early = { ...verified, verification: verification({ green: false }) };
    expect(revokeReadiness(early, "CI deploys", false)).toEqual({ disableFirst: false, needsForce: true, canRevoke: false });
    expect(revokeReadiness(early, "CI deploys", true).canRevoke).toBe(true);
  });

  it("needs no override when the old key goes first (no new key yet)", () => {
    const first = rotation({ oldKey: old, retireFirst: true });
    expect(revokeReadiness(first, "key_old", false)).toEqual({ disableFirst: false, needsForce: false, canRevoke: true });
  });

  it("has the key disabled first where the vendor can disable", () => {
    const rules = { maxKeys: null, canDisable: true, lastKeyRevocable: true, usage: "requestCount" as const };
    const enabled = { ...verified, rules };
    expect(revokeReadiness(enabled, "CI deploys", true)).toEqual({ disableFirst: true, needsForce: false, canRevoke: false });
    expect(revokeReadiness({ ...enabled, oldKeyDisabled: true }, "CI deploys", false).canRevoke).toBe(true);
  });

  it("cannot delete an old key that is already deleted", () => {
    expect(revokeReadiness({ ...verified, oldKeyRevoked: true }, "CI deploys", true).canRevoke).toBe(false);
  });
});
