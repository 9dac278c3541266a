import { afterEach, describe, expect, it } from "vitest";
import { dateLocale, formatCount, numberLocale } from "./locale";
import { formatCreated } from "./format";

const NOW = new Date("2026-06-01T12:00:00Z");
const MARCH = "2026-03-12T09:30:00Z";

afterEach(() => {
  delete window.__KEYTURN_LOCALE__;
});

describe("the OS locale", () => {
  it("falls back to day-month-year dates and comma-grouped counts when the shell gave none", () => {
    expect(dateLocale()).toBe("en-GB");
    expect(numberLocale()).toBe("en-US");
    expect(formatCount(12345)).toBe("12,345");
    expect(formatCreated(MARCH, NOW, "UTC").label).toBe("12 Mar 2026");
  });

  it("writes dates and counts the way the OS's locale does", () => {
    window.__KEYTURN_LOCALE__ = { dates: "de-DE", numbers: "de-DE" };
    expect(formatCount(12345)).toBe("12.345");
    expect(formatCreated(MARCH, NOW, "UTC").label).toBe("12. März 2026");
    expect(formatCreated(MARCH, NOW, "UTC").exact).toContain("09:30:00");
  });

  it("takes dates and numbers from their own settings", () => {
    window.__KEYTURN_LOCALE__ = { dates: "en-US", numbers: "fr-FR" };
    expect(formatCreated(MARCH, NOW, "UTC").label).toBe("Mar 12, 2026");
    // French groups with a narrow no-break space.
    expect(formatCount(12345)).toBe("12\u202f345");
  });

  it("falls back for a tag Intl cannot use", () => {
    window.__KEYTURN_LOCALE__ = { dates: "not a locale!", numbers: "" };
    expect(dateLocale()).toBe("en-GB");
    expect(numberLocale()).toBe("en-US");
  });
});
