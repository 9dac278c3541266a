// Unfinished rotations reopened after a restart (or left when the wizard was
// closed): which one the keys view offers to resume, and how the banner says it.
import type { Rotation, RotationView, UnreadableJournal } from "../bindings";
import { isFinished, stepLabel } from "./rotationSteps";
import { isolated, keyLabel } from "../text/visibleText";

/** The connection's most recently updated unfinished rotation, if any. */
export function resumable(views: readonly RotationView[], connectionId: string): Rotation | null {
  let best: Rotation | null = null;
  for (const { rotation } of views) {
    if (rotation.connectionId !== connectionId || isFinished(rotation.state)) continue;
    if (best === null || Date.parse(rotation.updatedAt) > Date.parse(best.updatedAt)) best = rotation;
  }
  return best;
}

/** "A key rotation was interrupted at step “Roll out and verify” (replacing “CI deploys”)." */
export function resumeSentence(rotation: Rotation): string {
  const old = rotation.oldKey;
  const replacing = old ? ` (replacing “${isolated(keyLabel(old))}”)` : "";
  return `A key rotation was interrupted at step “${stepLabel(rotation.state.step)}”${replacing}.`;
}

/** "A rotation journal could not be used and was skipped: …/rot_1.json (not valid JSON …). It was kept as …." */
export function unreadableJournalSentence(u: UnreadableJournal): string {
  const kept = u.keptAs ? ` It was kept as ${u.keptAs}.` : "";
  return `A rotation journal could not be used and was skipped: ${u.file} (${u.reason}).${kept}`;
}
