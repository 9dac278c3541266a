import { describe, expect, it } from "vitest";
import type { CommandError } from "../bindings";
import { newKeyTestSentence } from "./rotationKeyTest";

function vendor(reason: "unsupported" | "unauthorized" | "timeout"): CommandError {
  return {
    kind: "vendor",
    reason,
    status: null,
    code: null,
    message: "m",
    requestId: null,
    retryAfterSeconds: null,
    field: null,
    orphanCandidates: [],
    orphanCheckFailed: false,
  };
}

describe("newKeyTestSentence", () => {
  it("says the key works after a successful call", () => {
    expect(newKeyTestSentence(null)).toMatch(/works/);
  });

  it("tells apart a vendor that cannot be called, a refused key and a failed call", () => {
    const unsupported = newKeyTestSentence(vendor("unsupported"));
    const refused = newKeyTestSentence(vendor("unauthorized"));
    const failed = newKeyTestSentence(vendor("timeout"));
    expect(unsupported).toMatch(/test it from one consumer/);
    expect(refused).toMatch(/refused the new key/);
    expect(failed).toMatch(/could not be completed/);
    expect(new Set([unsupported, refused, failed]).size).toBe(3);
  });
});
