import { describe, expect, it } from "vitest";
import { DAY, endOfLocalDay, HOUR, localDate, MINUTE, relativeTime } from "./time";

const NOW = new Date("2026-03-12T12:00:00Z");

function at(offsetMs: number): string {
  return new Date(NOW.getTime() + offsetMs).toISOString();
}

function label(offsetMs: number): string {
  return relativeTime(at(offsetMs), NOW, "UTC").label;
}

describe("relativeTime", () => {
  it("says 'not reported' without a time, and gives no tooltip", () => {
    expect(relativeTime(null, NOW)).toEqual({ label: "not reported", exact: null });
  });

  it("says 'just now' within a minute either way", () => {
    expect(label(0)).toBe("just now");
    expect(label(-59_999)).toBe("just now");
    expect(label(59_999)).toBe("just now");
  });

  it("counts minutes, hours and days in the past", () => {
    expect(label(-MINUTE)).toBe("1 min ago");
    expect(label(-(HOUR - 1))).toBe("59 min ago");
    expect(label(-HOUR)).toBe("1 h ago");
    expect(label(-(DAY - 1))).toBe("23 h ago");
    expect(label(-DAY)).toBe("1 day ago");
    expect(label(-(30 * DAY - 1))).toBe("29 days ago");
  });

  it("counts minutes, hours and days in the future", () => {
    expect(label(MINUTE)).toBe("in 1 min");
    expect(label(5 * HOUR)).toBe("in 5 h");
    expect(label(DAY)).toBe("in 1 day");
    expect(label(13 * DAY + 5 * HOUR)).toBe("in 13 days");
  });

  it("shows the date from 30 days away on", () => {
    expect(label(-30 * DAY)).toBe("10 Feb 2026");
    expect(label(30 * DAY)).toBe("11 Apr 2026");
  });

  it("gives the exact time in the requested zone for the tooltip", () => {
    const t = relativeTime("2026-03-10T08:05:09Z", NOW, "UTC");
    expect(t.label).toBe("2 days ago");
    expect(t.exact).toBe("10 Mar 2026, 08:05:09 UTC");
  });

  it("shows an unreadable time as it came", () => {
    expect(relativeTime("yesterday-ish", NOW)).toEqual({ label: "yesterday-ish", exact: "yesterday-ish" });
  });
});

describe("local dates", () => {
  it("reads the local calendar date of an instant", () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });

  it("turns a date into the last second of that local day", () => {
    expect(endOfLocalDay("2026-04-01")).toBe(new Date(2026, 3, 1, 23, 59, 59).toISOString());
  });

  it("rejects malformed and impossible dates", () => {
    expect(endOfLocalDay("2026-4-1")).toBeNull();
    expect(endOfLocalDay("2026-02-30")).toBeNull();
    expect(endOfLocalDay("")).toBeNull();
  });
});
