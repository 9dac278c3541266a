import { describe, expect, it } from "vitest";
import { CLEAR_DELAY_CHOICES, countdownText, delayLabel, durationLabel } from "./clipboard";

describe("clipboard delay", () => {
  it("offers 10 s to 5 min, and never", () => {
    expect(CLEAR_DELAY_CHOICES[0]).toBe(10);
    expect(CLEAR_DELAY_CHOICES.filter((c) => c !== null).every((c) => c! >= 10 && c! <= 300)).toBe(true);
    expect(CLEAR_DELAY_CHOICES).toContain(300);
    expect(CLEAR_DELAY_CHOICES).toContain(null);
  });

  it("reads seconds and minutes", () => {
    expect(durationLabel(30)).toBe("30 s");
    expect(durationLabel(60)).toBe("1 min");
    expect(durationLabel(90)).toBe("1 min 30 s");
    expect(delayLabel(300)).toBe("5 min");
    expect(delayLabel(null)).toBe("never");
  });

  it("counts down after a copy", () => {
    expect(countdownText(30)).toBe("Copied — clipboard clears in 30 s");
    expect(countdownText(1)).toBe("Copied — clipboard clears in 1 s");
    expect(countdownText(0)).toBe("Clipboard cleared.");
    expect(countdownText(null)).toBe("Copied — Keyturn will not clear the clipboard.");
  });
});
