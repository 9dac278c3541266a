import { describe, expect, it } from "vitest";
import { COMMAND_ERROR_KINDS } from "./bindings";
import { isCommandError, toCommandError } from "./ipc";

describe("isCommandError", () => {
  it("accepts every known kind and rejects everything else", () => {
    expect(isCommandError({ kind: "vendor" })).toBe(true);
    expect(isCommandError({ kind: "connectionNotFound", connectionId: "x" })).toBe(true);
    expect(isCommandError({ kind: "keychainUnavailable", detail: "" })).toBe(true);
    expect(isCommandError({ kind: "secretGone" })).toBe(true);
    expect(isCommandError({ kind: "clipboard", detail: "" })).toBe(true);
    expect(isCommandError({ kind: "startup", detail: "" })).toBe(true);
    expect(isCommandError({ kind: "internal", detail: "" })).toBe(true);
    expect(isCommandError({ kind: "rotation", refusal: { reason: "busy" } })).toBe(true);
    expect(isCommandError({ kind: "rotationNotFound", rotationId: "rot_1" })).toBe(true);
    expect(isCommandError({ kind: "other" })).toBe(false);
    expect(isCommandError({ kind: 3 })).toBe(false);
    expect(isCommandError("internal")).toBe(false);
    expect(isCommandError(null)).toBe(false);
    expect(isCommandError(undefined)).toBe(false);
  });
});

describe("toCommandError", () => {
  it("keeps a CommandError and wraps anything else as internal", () => {
    expect(toCommandError({ kind: "secretGone" })).toEqual({ kind: "secretGone" });
    expect(toCommandError(new Error("boom"))).toEqual({ kind: "internal", detail: "Error: boom" });
  });

  it("knows every kind the Rust side generates", () => {
    for (const kind of COMMAND_ERROR_KINDS) expect(isCommandError({ kind })).toBe(true);
  });
});
