import { describe, expect, it } from "vitest";
import { shortcutOf } from "./shortcuts";

const key = (k: string, mods: Partial<Record<"ctrlKey" | "metaKey" | "altKey" | "shiftKey", boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("shortcutOf", () => {
  it("maps Ctrl+1…9 to the connection positions", () => {
    expect(shortcutOf(key("1", { ctrlKey: true }))).toEqual({ kind: "connection", index: 0 });
    expect(shortcutOf(key("9", { metaKey: true }))).toEqual({ kind: "connection", index: 8 });
    expect(shortcutOf(key("0", { ctrlKey: true }))).toBeNull();
  });

  it("maps Ctrl+F, Ctrl+R and Ctrl+N in either case", () => {
    expect(shortcutOf(key("f", { ctrlKey: true }))).toEqual({ kind: "search" });
    expect(shortcutOf(key("R", { ctrlKey: true }))).toEqual({ kind: "refresh" });
    expect(shortcutOf(key("n", { ctrlKey: true }))).toEqual({ kind: "create" });
  });

  it("maps Ctrl+T to rotate and Ctrl+L to lock", () => {
    expect(shortcutOf(key("t", { ctrlKey: true }))).toEqual({ kind: "rotate" });
    expect(shortcutOf(key("L", { metaKey: true }))).toEqual({ kind: "lock" });
    expect(shortcutOf(key("t", { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it("maps Ctrl+Q and Cmd+Q to quit", () => {
    expect(shortcutOf(key("q", { ctrlKey: true }))).toEqual({ kind: "quit" });
    expect(shortcutOf(key("Q", { metaKey: true }))).toEqual({ kind: "quit" });
    expect(shortcutOf(key("q"))).toBeNull();
  });

  it("ignores plain keys and other modifier combinations", () => {
    expect(shortcutOf(key("1"))).toBeNull();
    expect(shortcutOf(key("f"))).toBeNull();
    expect(shortcutOf(key("r", { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutOf(key("2", { ctrlKey: true, altKey: true }))).toBeNull();
  });
});
