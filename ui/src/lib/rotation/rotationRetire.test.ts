import { describe, expect, it } from "vitest";
import { confirmationHint, confirmsKey, deleteReadiness } from "./rotationRetire";
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

describe("deleteReadiness", () => {
  const old = keyRef("key_old", "CI deploys");
  const verified = rotation({ oldKey: old, newKey: keyRef("key_new"), verification: verification({ green: true }) });

  it("deletes a verified rotation's old key once its name is typed", () => {
    expect(deleteReadiness(verified, "CI deploys", false)).toEqual({ disableFirst: false, needsForce: false, canDelete: true });
    expect(deleteReadiness(verified, "CI", false).canDelete).toBe(false);
  });

  it("needs the early-delete override before verification is green", () => {
    const early = { ...verified, verification: verification({ green: false }) };
    expect(deleteReadiness(early, "CI deploys", false)).toEqual({ disableFirst: false, needsForce: true, canDelete: false });
    expect(deleteReadiness(early, "CI deploys", true).canDelete).toBe(true);
  });

  it("needs no override when the old key goes first (no new key yet)", () => {
    const first = rotation({ oldKey: old, retireFirst: true });
    expect(deleteReadiness(first, "key_old", false)).toEqual({ disableFirst: false, needsForce: false, canDelete: true });
  });

  it("has the key disabled first where the vendor can disable", () => {
    const rules = { maxKeys: null, canDisable: true, lastKeyDeletable: true, usage: "requestCount" as const };
    const enabled = { ...verified, rules };
    expect(deleteReadiness(enabled, "CI deploys", true)).toEqual({ disableFirst: true, needsForce: false, canDelete: false });
    expect(deleteReadiness({ ...enabled, oldKeyDisabled: true }, "CI deploys", false).canDelete).toBe(true);
  });

  it("cannot delete an old key that is already deleted", () => {
    expect(deleteReadiness({ ...verified, oldKeyDeleted: true }, "CI deploys", true).canDelete).toBe(false);
  });
});
