import { describe, expect, it } from "vitest";
import { formatClock, formatCreated, keySummary, maskedPrefix } from "./format";

const NOW = new Date("2026-03-12T12:00:00Z");
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function ago(ms: number): string {
  return new Date(NOW.getTime() - ms).toISOString();
}

function label(ms: number): string {
  return formatCreated(ago(ms), NOW, "UTC").label;
}

describe("formatCreated", () => {
  it("says 'not reported' for a missing date", () => {
    expect(formatCreated(null, NOW, "UTC")).toEqual({
      label: "not reported",
      exact: "not reported",
    });
  });

  it("says 'just now' for under a minute", () => {
    expect(label(0)).toBe("just now");
    expect(label(59 * SECOND)).toBe("just now");
  });

  it("counts minutes from one minute up to the hour", () => {
    expect(label(MINUTE)).toBe("1 min ago");
    expect(label(5 * MINUTE + 30 * SECOND)).toBe("5 min ago");
    expect(label(HOUR - SECOND)).toBe("59 min ago");
  });

  it("counts hours from one hour up to the day", () => {
    expect(label(HOUR)).toBe("1 h ago");
    expect(label(3 * HOUR + 59 * MINUTE)).toBe("3 h ago");
    expect(label(DAY - SECOND)).toBe("23 h ago");
  });

  it("counts days up to a week", () => {
    expect(label(DAY)).toBe("1 day ago");
    expect(label(2 * DAY)).toBe("2 days ago");
    expect(label(7 * DAY - SECOND)).toBe("6 days ago");
  });

  it("shows the date from a week on", () => {
    expect(label(7 * DAY)).toBe("5 Mar 2026");
    expect(formatCreated("2025-01-02T08:00:00Z", NOW, "UTC").label).toBe("2 Jan 2025");
  });

  it("tolerates small clock skew but dates far-future timestamps", () => {
    expect(label(-30 * SECOND)).toBe("just now");
    expect(label(-2 * HOUR)).toBe("12 Mar 2026");
  });

  it("gives the exact date-time in the requested time zone", () => {
    const iso = "2026-03-12T11:55:07Z";
    expect(formatCreated(iso, NOW, "UTC").exact).toBe("12 Mar 2026, 11:55:07 UTC");
    // Tokyo is already on the next day.
    expect(formatCreated("2026-03-04T16:00:00Z", NOW, "UTC").label).toBe("4 Mar 2026");
    expect(formatCreated("2026-03-04T16:00:00Z", NOW, "Asia/Tokyo")).toEqual({
      label: "5 Mar 2026",
      exact: "5 Mar 2026, 01:00:00 GMT+9",
    });
  });

  it("passes an unreadable timestamp through instead of inventing a date", () => {
    expect(formatCreated("yesterday-ish", NOW, "UTC")).toEqual({
      label: "yesterday-ish",
      exact: "yesterday-ish",
    });
  });
});

describe("formatClock", () => {
  it("formats a 24-hour wall-clock time with seconds", () => {
    expect(formatClock("2026-03-12T14:03:09Z", "UTC")).toBe("14:03:09");
    expect(formatClock("2026-03-12T00:00:01Z", "UTC")).toBe("00:00:01");
    expect(formatClock("2026-03-12T14:03:09Z", "Asia/Tokyo")).toBe("23:03:09");
  });
});

describe("maskedPrefix", () => {
  it("appends eight bullets to the reported prefix", () => {
    expect(maskedPrefix("ab12")).toBe("ab12••••");
    expect(maskedPrefix("sk_live_")).toBe("sk_live_••••");
  });

  it("says 'not reported' when the vendor gives no prefix", () => {
    expect(maskedPrefix(null)).toBe("not reported");
  });
});

describe("keySummary", () => {
  it("counts against the limit when there is one", () => {
    expect(keySummary(1, 2)).toBe("1 of 2 keys");
    expect(keySummary(0, 5)).toBe("0 of 5 keys");
  });

  it("flags reaching the limit", () => {
    expect(keySummary(2, 2)).toBe("2 of 2 keys — at the limit");
    expect(keySummary(1, 1)).toBe("1 of 1 key — at the limit");
  });

  it("flags going over the limit", () => {
    expect(keySummary(3, 2)).toBe("3 of 2 keys — over the limit");
  });

  it("just counts when there is no limit", () => {
    expect(keySummary(0, null)).toBe("0 keys");
    expect(keySummary(1, null)).toBe("1 key");
    expect(keySummary(7, null)).toBe("7 keys");
  });
});
