import { describe, expect, it } from "vitest";
import type { RotationError } from "../bindings";
import { describeError } from "../errors";
import { durationWords, problemAsError, refusalSentence } from "./rotationErrors";

const EVERY_REFUSAL: RotationError[] = [
  { reason: "notNow", step: "verifying", event: "revoke" },
  { reason: "finished" },
  { reason: "busy" },
  { reason: "unknownKey", keyId: "key_gone" },
  { reason: "keyInUse", keyId: "key_live", lastUsedAt: "2026-03-12T11:48:00Z" },
  { reason: "cannotDisable" },
  { reason: "alreadyDisabled" },
  { reason: "disableFirst" },
  { reason: "confirmationMismatch" },
  { reason: "notVerified" },
  { reason: "lastActiveKey" },
  { reason: "oldKeyRemains" },
  { reason: "noOldKey" },
  { reason: "quietWindowOutOfRange", minSecs: 60, maxSecs: 604_800 },
  { reason: "emptyConsumerName" },
];

const NOW = new Date("2026-03-12T12:00:00Z");

describe("refusalSentence", () => {
  it("has a different sentence for every reason", () => {
    const sentences = EVERY_REFUSAL.map((r) => refusalSentence(r, NOW));
    expect(new Set(sentences).size).toBe(EVERY_REFUSAL.length);
    expect(new Set(EVERY_REFUSAL.map((r) => r.reason)).size).toBe(15);
  });

  it("writes one sentence each, capitalised and ending in a full stop", () => {
    for (const r of EVERY_REFUSAL) {
      const s = refusalSentence(r, NOW);
      expect(s).toMatch(/^[A-Z].*\.$/);
      expect(s.slice(0, -1)).not.toMatch(/[.!?]\s/);
    }
  });

  it("names the action and the step a refusal came at, in words", () => {
    expect(refusalSentence(EVERY_REFUSAL[0])).toBe(
      "Revoking the old key is not possible while the rotation is at “Roll out and verify”: carry on from the step shown.",
    );
    expect(refusalSentence({ reason: "notNow", step: "x", event: "teleport" })).toContain("“teleport”");
  });

  it("says how long ago a key in use was used, and what overrides it", () => {
    const s = refusalSentence(EVERY_REFUSAL[4], NOW);
    expect(s).toContain("key_live was used 12 min ago");
    expect(s).toContain("“I know it is in use”");
    expect(refusalSentence(EVERY_REFUSAL[4])).toContain("used within the last hour");
  });

  it("explains the guards of retiring the old key", () => {
    expect(refusalSentence({ reason: "lastActiveKey" })).toMatch(/last active key/);
    expect(refusalSentence({ reason: "notVerified" })).toMatch(/early-revoke override/);
    expect(refusalSentence({ reason: "disableFirst" })).toMatch(/^Disable the old key first/);
    expect(refusalSentence({ reason: "confirmationMismatch" })).toMatch(/name or id exactly/);
    expect(refusalSentence({ reason: "unknownKey", keyId: "key_gone" })).toContain("key_gone");
  });

  it("gives the quiet window's bounds as lengths of time", () => {
    expect(refusalSentence(EVERY_REFUSAL[13])).toBe("The quiet window must be between 1 min and 7 days.");
  });

  it("is what describeError says for a rotation refusal", () => {
    expect(describeError({ kind: "rotation", refusal: { reason: "busy" } })).toBe(refusalSentence({ reason: "busy" }));
    expect(describeError({ kind: "rotationNotFound", rotationId: "rot_1" })).toMatch(/no longer open/);
  });
});

describe("durationWords", () => {
  it("reads seconds as days, hours, minutes and seconds", () => {
    expect(durationWords(0)).toBe("0 s");
    expect(durationWords(45)).toBe("45 s");
    expect(durationWords(600)).toBe("10 min");
    expect(durationWords(5400)).toBe("1 h 30 min");
    expect(durationWords(86_400)).toBe("1 day");
    expect(durationWords(604_800)).toBe("7 days");
  });
});

describe("problemAsError", () => {
  it("keeps the vendor's reason, code and request id for the error alert", () => {
    const e = problemAsError({ reason: "rateLimited", message: "slow down", code: "rate", requestId: "req_9" });
    expect(e).toMatchObject({ kind: "vendor", reason: "rateLimited", code: "rate", requestId: "req_9", message: "slow down" });
    expect(describeError(e)).toMatch(/limiting requests/);
  });
});
