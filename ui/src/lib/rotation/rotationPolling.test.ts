import { describe, expect, it } from "vitest";
import {
  FRESH_STREAK,
  nextStreak,
  pollDelayMs,
  pollSignature,
  shouldPoll,
  type PollOutcome,
} from "./rotationPolling";
import { rotation, verification } from "../../test/rotation";

/** The wait after each of `outcomes`, polled in a row. */
function schedule(outcomes: PollOutcome[]): number[] {
  let streak = FRESH_STREAK;
  return outcomes.map((o) => {
    streak = nextStreak(streak, o);
    return pollDelayMs(streak);
  });
}

describe("poll backoff", () => {
  it("starts at 3 s", () => {
    expect(pollDelayMs(FRESH_STREAK)).toBe(3000);
  });

  it("keeps 3 s while things change", () => {
    expect(schedule(["changed", "changed", "changed", "changed", "changed", "changed"])).toEqual([
      3000, 3000, 3000, 3000, 3000, 3000,
    ]);
  });

  it("backs off to 15 s when nothing changes", () => {
    expect(schedule(Array<PollOutcome>(7).fill("unchanged"))).toEqual([3000, 3000, 6000, 12000, 15000, 15000, 15000]);
  });

  it("backs off to 15 s after repeated failures", () => {
    expect(schedule(Array<PollOutcome>(6).fill("failed"))).toEqual([3000, 3000, 6000, 12000, 15000, 15000]);
  });

  it("goes back to 3 s as soon as something changes", () => {
    expect(schedule(["unchanged", "unchanged", "unchanged", "unchanged", "unchanged", "changed"])).toEqual([
      3000, 3000, 6000, 12000, 15000, 3000,
    ]);
  });

  it("resets the failures on a success, but a failure does not forget how quiet it was", () => {
    expect(schedule(["failed", "failed", "failed", "unchanged"])).toEqual([3000, 3000, 6000, 3000]);
    expect(schedule(["unchanged", "unchanged", "unchanged", "failed"])).toEqual([3000, 3000, 6000, 6000]);
  });
});

describe("shouldPoll", () => {
  const watched = verification({ signal: "lastUsedAt" });

  it("polls while verifying, and while retiring with no vendor call pending", () => {
    expect(shouldPoll(rotation({ state: { step: "verifying" }, verification: watched }))).toBe(true);
    expect(shouldPoll(rotation({ state: { step: "retiring", action: null }, verification: watched }))).toBe(true);
    expect(shouldPoll(rotation({ state: { step: "retiring", action: "revoking" }, verification: watched }))).toBe(false);
  });

  it("does not poll a checklist, a rotation without verification, or other steps", () => {
    expect(shouldPoll(rotation({ state: { step: "verifying" }, verification: verification({ signal: "checklist" }) }))).toBe(false);
    expect(shouldPoll(rotation({ state: { step: "verifying" }, verification: null }))).toBe(false);
    expect(shouldPoll(rotation({ state: { step: "done" }, verification: watched }))).toBe(false);
    expect(
      shouldPoll(rotation({ state: { step: "verifying" }, verification: verification({ signal: "requestCount" }) })),
    ).toBe(true);
  });
});

describe("pollSignature", () => {
  const base = rotation({ state: { step: "verifying" }, verification: verification({ lastObservedAt: "2026-03-12T12:00:00Z" }) });

  it("ignores the clock: when it was checked and how long the old key has been quiet", () => {
    const later = { ...base, verification: { ...base.verification!, lastObservedAt: "2026-03-12T12:00:03Z", oldQuietForSecs: 93 } };
    expect(pollSignature(later)).toBe(pollSignature(base));
  });

  it("changes with a first use, a new last use, green, or another step", () => {
    const used = { ...base, verification: { ...base.verification!, newKeyFirstUsed: { at: "2026-03-12T12:00:01Z", ip: null, userAgent: null } } };
    const oldUsed = { ...base, verification: { ...base.verification!, oldKeyLastUsed: "2026-03-12T12:00:02Z" } };
    const green = { ...base, verification: { ...base.verification!, green: true } };
    const done = { ...base, state: { step: "done" as const } };
    for (const r of [used, oldUsed, green, done]) expect(pollSignature(r)).not.toBe(pollSignature(base));
  });
});
