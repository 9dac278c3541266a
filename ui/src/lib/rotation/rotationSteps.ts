// Which wizard screen shows each step of a rotation, the stages of the step
// indicator, and what the machine allows at a step (crates/keyturn-core/src/rotation/
// machine.rs is the authority; this only mirrors it so buttons are not offered
// where the machine would refuse them).
import type { Rotation, RotationStep } from "../bindings";
import { isolated, keyLabel } from "../text/visibleText";

export type StepName = RotationStep["step"];

/** One screen per job; a step always maps to exactly one. */
export type Screen = "slots" | "create" | "reveal" | "orphans" | "verify" | "retire" | "done" | "cancelled";

/** The stages of the step indicator. */
export type Stage = "slots" | "create" | "verify" | "retire" | "done";

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  slots: "Check slots",
  create: "Create",
  verify: "Roll out and verify",
  retire: "Retire",
  done: "Done",
};

function assertNever(x: never): never {
  throw new Error(`Unhandled step: ${JSON.stringify(x)}`);
}

export function screenOf(step: RotationStep): Screen {
  switch (step.step) {
    case "checkingSlots":
    case "chooseRetiring":
      return "slots";
    case "readyToCreate":
    case "listingBeforeCreate":
    case "creating":
      return "create";
    case "created":
      return "reveal";
    case "orphanFound":
      return "orphans";
    case "verifying":
      return "verify";
    case "retiring":
      return "retire";
    case "done":
      return "done";
    case "cancelled":
      return "cancelled";
    default:
      return assertNever(step);
  }
}

/** The stage a screen belongs to; null for a cancelled rotation (no stage is current). */
export function stageOf(screen: Screen): Stage | null {
  switch (screen) {
    case "slots":
      return "slots";
    case "create":
    case "reveal":
    case "orphans":
      return "create";
    case "verify":
      return "verify";
    case "retire":
      return "retire";
    case "done":
      return "done";
    case "cancelled":
      return null;
  }
}

/**
 * The order the stages come in: at the key limit the old key goes before the
 * new one is created (`retireFirst`), so Retire comes second.
 */
export function stageOrder(retireFirst: boolean): Stage[] {
  return retireFirst ? ["slots", "retire", "create", "verify", "done"] : ["slots", "create", "verify", "retire", "done"];
}

export interface StageItem {
  stage: Stage;
  label: string;
  status: "complete" | "current" | "upcoming";
}

export function stagesOf(rotation: Pick<Rotation, "retireFirst" | "state">): StageItem[] {
  const order = stageOrder(rotation.retireFirst);
  const stage = stageOf(screenOf(rotation.state));
  const at = stage === null ? -1 : order.indexOf(stage);
  return order.map((s, i) => ({
    stage: s,
    label: STAGE_LABELS[s],
    status: stage === "done" || i < at ? "complete" : i === at ? "current" : "upcoming",
  }));
}

const STEP_LABELS: Readonly<Record<StepName, string>> = {
  checkingSlots: "Check slots",
  chooseRetiring: "Choose the key to replace",
  readyToCreate: "Create the new key",
  listingBeforeCreate: "Create the new key",
  creating: "Create the new key",
  created: "Store the new secret",
  orphanFound: "Keys from a lost create",
  verifying: "Roll out and verify",
  retiring: "Retire the old key",
  done: "Done",
  cancelled: "Cancelled",
};

/** A step's name for people; the machine's own name when it is one we do not know. */
export function stepLabel(step: string): string {
  return (STEP_LABELS as Record<string, string>)[step] ?? step;
}

export function isFinished(step: RotationStep): boolean {
  return step.step === "done" || step.step === "cancelled";
}

/** A vendor call is under way that another action must not race (RotationStep::is_busy). */
export function isBusy(step: RotationStep): boolean {
  switch (step.step) {
    case "listingBeforeCreate":
      return true;
    case "retiring":
      return step.action !== null;
    case "orphanFound":
      return step.revoking !== null;
    default:
      return false;
  }
}

/**
 * Whether the machine accepts Cancel now: not once finished, not while a
 * vendor call is pending, and not while a create's outcome is unknown (the
 * snapshot that finds a lost create's key would be forgotten).
 */
export function canCancel(step: RotationStep): boolean {
  return !isFinished(step) && !isBusy(step) && step.step !== "creating";
}

/** The Done screen's sentence: "The old key “a” is revoked and “b” replaces it." */
export function doneSentence(rotation: Rotation): string {
  const done = rotation.oldKey
    ? `The old key ${isolated(keyLabel(rotation.oldKey))} is revoked`
    : "The rotation is complete";
  const replaced = rotation.newKey ? ` and ${isolated(keyLabel(rotation.newKey))} replaces it` : "";
  return `${done}${replaced}.`;
}
