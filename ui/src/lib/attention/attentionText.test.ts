import { describe, expect, it } from "vitest";
import { countSentence, shownCount, snoozeUntil, worstSeverity } from "./attentionText";

const counts = (critical: number, warning: number, info: number, snoozed = 0) => ({
  connectionId: "c",
  critical,
  warning,
  info,
  snoozed,
  more: 0,
});

describe("attention text", () => {
  it("counts what is shown, not what is snoozed", () => {
    expect(shownCount(counts(1, 2, 3, 4))).toBe(6);
    expect(shownCount(undefined)).toBe(0);
  });

  it("colours a count by the worst item", () => {
    expect(worstSeverity(counts(1, 2, 0))).toBe("critical");
    expect(worstSeverity(counts(0, 2, 5))).toBe("warning");
    expect(worstSeverity(counts(0, 0, 1))).toBe("info");
    expect(worstSeverity(counts(0, 0, 0, 3))).toBeNull();
  });

  it("says how many items need attention and how many are urgent", () => {
    expect(countSentence(counts(0, 1, 0))).toBe("1 item needs attention");
    expect(countSentence(counts(2, 1, 0))).toBe("3 items need attention (2 urgent)");
    expect(countSentence(undefined)).toBe("Nothing needs attention");
  });

  it("ends a snooze whole days after now", () => {
    expect(snoozeUntil(new Date("2026-12-04T10:00:00Z"), 7)).toBe("2026-12-11T10:00:00.000Z");
  });
});
