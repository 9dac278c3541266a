import { describe, expect, it } from "vitest";
import type { RotationStep } from "../bindings";
import { canCancel, doneSentence, isBusy, isFinished, screenOf, stageOf, stagesOf, stepLabel, type Screen } from "./rotationSteps";
import { keyRef, rotation } from "../../test/rotation";
import { apiKey } from "../../test/helpers";

const orphanFound = (revoking: string | null = null): RotationStep => ({
  step: "orphanFound",
  orphans: [keyRef("key_x")],
  reason: "createAnswerLost",
  explanation: "lost",
  revoking,
});

/** Every step the machine has, with the screen that shows it. */
const EVERY_STEP: Array<[RotationStep, Screen]> = [
  [{ step: "checkingSlots" }, "slots"],
  [{ step: "chooseRetiring", keys: [apiKey("key_1")], inUseKeyIds: [] }, "slots"],
  [{ step: "readyToCreate" }, "create"],
  [
    {
      step: "listingBeforeCreate",
      draft: { name: "n", description: null, environment: null, scopes: [], expiresAt: null, metadata: {} },
    },
    "create",
  ],
  [{ step: "creating", preCreateKeyIds: ["key_1"] }, "create"],
  [{ step: "created" }, "reveal"],
  [orphanFound(), "orphans"],
  [{ step: "verifying" }, "verify"],
  [{ step: "retiring", action: null }, "retire"],
  [{ step: "retiring", action: "revoking" }, "retire"],
  [{ step: "done" }, "done"],
  [{ step: "cancelled" }, "cancelled"],
];

describe("screenOf", () => {
  it.each(EVERY_STEP)("shows %o on the %s screen", (step, screen) => {
    expect(screenOf(step)).toBe(screen);
  });

  it("covers all eleven steps of the machine", () => {
    expect(new Set(EVERY_STEP.map(([s]) => s.step)).size).toBe(11);
  });
});

describe("stagesOf", () => {
  const statuses = (state: RotationStep, retireFirst = false) =>
    stagesOf(rotation({ state, retireFirst })).map((s) => `${s.stage}:${s.status}`);

  it("marks the stages before the current one complete, in create-first order", () => {
    expect(statuses({ step: "verifying" })).toEqual([
      "slots:complete",
      "create:complete",
      "verify:current",
      "retire:upcoming",
      "done:upcoming",
    ]);
  });

  it("counts the reveal and a lost create as part of creating", () => {
    expect(statuses({ step: "created" })[1]).toBe("create:current");
    expect(statuses(orphanFound())[1]).toBe("create:current");
  });

  it("puts Retire second when the account is full", () => {
    expect(statuses({ step: "retiring", action: null }, true)).toEqual([
      "slots:complete",
      "retire:current",
      "create:upcoming",
      "verify:upcoming",
      "done:upcoming",
    ]);
    expect(statuses({ step: "readyToCreate" }, true).slice(0, 3)).toEqual([
      "slots:complete",
      "retire:complete",
      "create:current",
    ]);
  });

  it("marks every stage complete when done, and none current when cancelled", () => {
    expect(statuses({ step: "done" }).every((s) => s.endsWith(":complete"))).toBe(true);
    expect(statuses({ step: "cancelled" }).some((s) => s.endsWith(":current"))).toBe(false);
    expect(stageOf("cancelled")).toBeNull();
  });

  it("labels each stage for people", () => {
    expect(stagesOf(rotation()).map((s) => s.label)).toEqual([
      "Check slots",
      "Create",
      "Roll out and verify",
      "Retire",
      "Done",
    ]);
  });
});

describe("what the machine allows", () => {
  it("is busy only while a vendor call is pending", () => {
    const busy = EVERY_STEP.filter(([s]) => isBusy(s)).map(([s]) => s.step);
    expect(busy).toEqual(["listingBeforeCreate", "retiring"]);
    expect(isBusy(orphanFound("key_x"))).toBe(true);
    expect(isBusy({ step: "retiring", action: null })).toBe(false);
  });

  it("offers Cancel everywhere except when finished, busy, or while a create's outcome is unknown", () => {
    const cancellable = EVERY_STEP.filter(([s]) => canCancel(s)).map(([s]) => s.step);
    expect(cancellable).toEqual([
      "checkingSlots",
      "chooseRetiring",
      "readyToCreate",
      "created",
      "orphanFound",
      "verifying",
      "retiring",
    ]);
    expect(canCancel(orphanFound("key_x"))).toBe(false);
  });

  it("is finished only when done or cancelled", () => {
    expect(EVERY_STEP.filter(([s]) => isFinished(s)).map(([s]) => s.step)).toEqual(["done", "cancelled"]);
  });
});

describe("stepLabel", () => {
  it("names each step for people, and passes unknown names through", () => {
    expect(stepLabel("verifying")).toBe("Roll out and verify");
    expect(stepLabel("created")).toBe("Store the new secret");
    expect(stepLabel("somethingNew")).toBe("somethingNew");
    for (const [s] of EVERY_STEP) expect(stepLabel(s.step)).not.toBe(s.step);
  });
});

describe("doneSentence", () => {
  const done: RotationStep = { step: "done" };

  it("names the deleted key and the key that replaces it, a space between each word", () => {
    const r = rotation({ state: done, oldKey: keyRef("key_3", "old deploy"), newKey: keyRef("key_4") });
    expect(doneSentence(r)).toBe("The old key \u2068old deploy\u2069 is revoked and \u2068key_4\u2069 replaces it.");
  });

  it("says what it can when a key is not known", () => {
    expect(doneSentence(rotation({ state: done, oldKey: keyRef("key_3"), newKey: null }))).toBe(
      "The old key \u2068key_3\u2069 is revoked.",
    );
    expect(doneSentence(rotation({ state: done, oldKey: null, newKey: keyRef("key_4", "new") }))).toBe(
      "The rotation is complete and \u2068new\u2069 replaces it.",
    );
  });

  it("shows a hostile name's override as a symbol", () => {
    const r = rotation({ state: done, oldKey: keyRef("key_3", "probe-rlo-\u202Etset-dorp"), newKey: null });
    expect(doneSentence(r)).toBe("The old key \u2068probe-rlo-[U+202E]tset-dorp\u2069 is revoked.");
  });
});
