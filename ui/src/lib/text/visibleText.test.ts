import { describe, expect, it } from "vitest";
import { hasHidden, isolated, keyLabel, visibleText } from "./visibleText";

describe("visibleText", () => {
  it("shows overrides, marks and controls as symbols", () => {
    expect(visibleText("probe-rlo-\u202Etset-dorp")).toBe("probe-rlo-[U+202E]tset-dorp");
    expect(visibleText("line one\nline two\tend\r")).toBe("line one␊line two␉end␍");
    expect(visibleText("a\u0000b\u007Fc\u0085d")).toBe("a␀b␡c[U+0085]d");
    expect(visibleText("\u2066x\u2069\u200E\u200F\u202A\uFEFF")).toBe("[U+2066]x[U+2069][U+200E][U+200F][U+202A][U+FEFF]");
    expect(visibleText("tag\u{E0041}")).toBe("tag[U+E0041]");
  });

  it("leaves ordinary text and joiners alone", () => {
    for (const text of ["deploy key", "Zürich ☃", "שלום עולם", "👩\u200D💻", "می\u200Cخواهم"]) {
      expect(visibleText(text)).toBe(text);
      expect(hasHidden(text)).toBe(false);
    }
  });

  it("tells which text has a hidden character", () => {
    expect(hasHidden("a\nb")).toBe(true);
    expect(hasHidden("probe-rlo-\u202Etset-dorp")).toBe(true);
    expect(hasHidden("x\u2067")).toBe(true);
  });
});

describe("isolated", () => {
  it("wraps the visible text in a first-strong isolate", () => {
    expect(isolated("a\u202Eb")).toBe("\u2068a[U+202E]b\u2069");
  });
});

describe("keyLabel", () => {
  it("is the visible name, or the id when there is none", () => {
    expect(keyLabel({ id: "key_1", name: "evil\u202Eeman" })).toBe("evil[U+202E]eman");
    expect(keyLabel({ id: "key_1", name: "  " })).toBe("key_1");
    expect(keyLabel({ id: "key_1", name: null })).toBe("key_1");
  });
});
