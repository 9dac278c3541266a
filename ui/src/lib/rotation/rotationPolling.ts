// How often the verification step looks at the keys' last use: every 3 s while
// things change, backing off to 15 s after repeated failures or when nothing
// has changed for a while.
import type { Rotation } from "../bindings";

export const POLL_FAST_MS = 3_000;
export const POLL_SLOW_MS = 15_000;

/** Polls in a row that failed, and that succeeded without any change. */
export interface PollStreak {
  failures: number;
  unchanged: number;
}

export const FRESH_STREAK: PollStreak = { failures: 0, unchanged: 0 };

export type PollOutcome = "changed" | "unchanged" | "failed";

export function nextStreak(streak: PollStreak, outcome: PollOutcome): PollStreak {
  switch (outcome) {
    case "changed":
      return FRESH_STREAK;
    case "unchanged":
      return { failures: 0, unchanged: streak.unchanged + 1 };
    case "failed":
      return { failures: streak.failures + 1, unchanged: streak.unchanged };
  }
}

/**
 * The wait before the next poll: 3 s for the first two quiet or failed polls
 * in a row, then 6 s, 12 s, and 15 s from the fifth on.
 */
export function pollDelayMs(streak: PollStreak): number {
  const n = Math.max(streak.failures, streak.unchanged);
  if (n <= 2) return POLL_FAST_MS;
  return Math.min(POLL_SLOW_MS, POLL_FAST_MS * 2 ** (n - 2));
}

/**
 * Whether to keep looking: while verifying (or retiring with no vendor call
 * pending) and the vendor reports usage; a checklist is ticked by hand.
 */
export function shouldPoll(rotation: Rotation): boolean {
  const v = rotation.verification;
  if (v === null || v.signal === "checklist") return false;
  const step = rotation.state;
  return step.step === "verifying" || (step.step === "retiring" && step.action === null);
}

/**
 * What counts as a change between two polls: anything shown except the clock
 * (when it was checked, how long the old key has been quiet).
 */
export function pollSignature(rotation: Rotation): string {
  const v = rotation.verification;
  return JSON.stringify([
    rotation.state.step,
    rotation.oldKeyDisabled,
    rotation.oldKeyRevoked,
    rotation.problem?.reason ?? null,
    v?.newKeyFirstUsed ?? null,
    v?.oldKeyLastUsed ?? null,
    v?.oldKeyGone ?? null,
    v?.green ?? null,
  ]);
}
