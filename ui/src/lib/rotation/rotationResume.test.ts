import { describe, expect, it } from "vitest";
import { resumable, resumeSentence } from "./rotationResume";
import { keyRef, rotation, rotationView } from "../../test/rotation";

describe("resumable", () => {
  const at = (min: number) => new Date(Date.UTC(2026, 2, 12, 12, min)).toISOString();

  it("offers the connection's most recently updated unfinished rotation", () => {
    const views = [
      rotationView(rotation({ id: "rot_a", updatedAt: at(1), state: { step: "verifying" } })),
      rotationView(rotation({ id: "rot_b", updatedAt: at(5), state: { step: "readyToCreate" } })),
      rotationView(rotation({ id: "rot_c", updatedAt: at(3), state: { step: "created" } })),
    ];
    expect(resumable(views, "p-sandbox")?.id).toBe("rot_b");
  });

  it("skips other connections' rotations and finished ones", () => {
    const views = [
      rotationView(rotation({ id: "rot_other", connectionId: "p-live", state: { step: "verifying" } })),
      rotationView(rotation({ id: "rot_done", state: { step: "done" } })),
      rotationView(rotation({ id: "rot_cancelled", state: { step: "cancelled" } })),
    ];
    expect(resumable(views, "p-sandbox")).toBeNull();
    expect(resumable(views, "p-live")?.id).toBe("rot_other");
    expect(resumable([], "p-sandbox")).toBeNull();
  });
});

describe("resumeSentence", () => {
  it("says the step it stopped at and the key it replaces", () => {
    expect(resumeSentence(rotation({ state: { step: "verifying" }, oldKey: keyRef("key_1", "CI deploys") }))).toBe(
      "A key rotation was interrupted at step “Roll out and verify” (replacing “\u2068CI deploys\u2069”).",
    );
    expect(resumeSentence(rotation({ state: { step: "retiring", action: null }, oldKey: keyRef("key_1") }))).toBe(
      "A key rotation was interrupted at step “Retire the old key” (replacing “\u2068key_1\u2069”).",
    );
    expect(resumeSentence(rotation({ state: { step: "chooseRetiring", keys: [], inUseKeyIds: [] } }))).toBe(
      "A key rotation was interrupted at step “Choose the key to replace”.",
    );
  });
});
