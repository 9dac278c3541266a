import { describe, expect, it } from "vitest";
import { navigate, revealRow, visibleWindow } from "./virtualWindow";

describe("visibleWindow", () => {
  const base = { viewportHeight: 400, rowHeight: 40, count: 10_000, overscan: 5 };

  it("renders the visible rows plus overscan at the top", () => {
    expect(visibleWindow({ ...base, scrollTop: 0 })).toEqual({
      start: 0,
      end: 16,
      padTop: 0,
      padBottom: (10_000 - 16) * 40,
    });
  });

  it("renders overscan on both sides in the middle, with padding for the rest", () => {
    const w = visibleWindow({ ...base, scrollTop: 4000 });
    expect(w.start).toBe(95);
    expect(w.end).toBe(116);
    expect(w.padTop).toBe(95 * 40);
    expect(w.padTop + (w.end - w.start) * 40 + w.padBottom).toBe(10_000 * 40);
  });

  it("stops at the end of the list", () => {
    const w = visibleWindow({ ...base, scrollTop: 10_000 * 40 });
    expect(w.end).toBe(10_000);
    expect(w.padBottom).toBe(0);
    expect(w.start).toBeLessThan(10_000);
  });

  it("handles an empty list and a short one", () => {
    expect(visibleWindow({ ...base, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
    expect(visibleWindow({ ...base, count: 3, scrollTop: 0 })).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
  });
});

describe("revealRow", () => {
  it("scrolls up to a row above the view", () => {
    expect(revealRow(2, 400, 400, 40, 40)).toBe(80);
  });

  it("scrolls down just enough for a row below the view, under the header", () => {
    expect(revealRow(20, 0, 400, 40, 40)).toBe(21 * 40 - 360);
  });

  it("leaves a visible row where it is", () => {
    expect(revealRow(3, 0, 400, 40, 40)).toBe(0);
  });
});

describe("navigate", () => {
  it("moves by one, by a page, and to either end", () => {
    expect(navigate("ArrowDown", 3, 100, 10)).toBe(4);
    expect(navigate("ArrowUp", 3, 100, 10)).toBe(2);
    expect(navigate("PageDown", 3, 100, 10)).toBe(13);
    expect(navigate("PageUp", 3, 100, 10)).toBe(0);
    expect(navigate("Home", 50, 100, 10)).toBe(0);
    expect(navigate("End", 0, 100, 10)).toBe(99);
  });

  it("starts at the first row without a selection and stays within the list", () => {
    expect(navigate("ArrowDown", null, 100, 10)).toBe(0);
    expect(navigate("ArrowUp", null, 100, 10)).toBe(0);
    expect(navigate("ArrowDown", 99, 100, 10)).toBe(99);
    expect(navigate("PageDown", 95, 100, 10)).toBe(99);
  });

  it("ignores other keys and empty lists", () => {
    expect(navigate("a", 3, 100, 10)).toBeNull();
    expect(navigate("ArrowDown", null, 0, 10)).toBeNull();
  });
});
