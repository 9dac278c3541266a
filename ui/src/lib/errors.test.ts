import { describe, expect, it } from "vitest";
import type { CommandError, VendorErrorKind } from "./bindings";
import { describeError, errorReference, vendorDetail } from "./errors";

const VENDOR_REASONS: VendorErrorKind[] = [
  "unauthorized",
  "credentialExpired",
  "forbidden",
  "notFound",
  "keyLimitReached",
  "lastKeyProtected",
  "invalidRequest",
  "rateLimited",
  "server",
  "timeout",
  "unreachable",
  "certificate",
  "connectionLost",
  "invalidResponse",
  "unsupported",
  "notSent",
  "invalidDraft",
];

function vendor(
  reason: VendorErrorKind,
  extra: Partial<Extract<CommandError, { kind: "vendor" }>> = {},
): CommandError {
  return {
    kind: "vendor",
    reason,
    status: null,
    code: null,
    message: "SECRET-vendor-message sk_live_abcdef",
    requestId: null,
    retryAfterSeconds: null,
    field: null,
    orphanCandidates: [],
    orphanCheckFailed: false,
    ...extra,
  };
}

const OTHER_ERRORS: CommandError[] = [
  { kind: "connectionNotFound", connectionId: "prof-1" },
  { kind: "keychainUnavailable", detail: "SECRET-detail dbus" },
  { kind: "secretGone" },
  { kind: "rotation", refusal: { reason: "lastActiveKey" } },
  { kind: "rotationNotFound", rotationId: "rot_SECRET" },
  { kind: "clipboard", detail: "SECRET-detail no display" },
  { kind: "startup", detail: "SECRET-detail config" },
  { kind: "internal", detail: "SECRET-detail panic" },
];

const ALL_ERRORS: CommandError[] = [...VENDOR_REASONS.map((r) => vendor(r)), ...OTHER_ERRORS];

describe("describeError", () => {
  it("tells the user to copy again after a clipboard failure, never to copy the secret by hand", () => {
    const s = describeError({ kind: "clipboard", detail: "no display" });
    expect(s).toMatch(/press Copy again/);
    expect(s).not.toMatch(/by hand|select/i);
  });


  it("gives every kind and vendor reason its own non-empty sentence", () => {
    const sentences = ALL_ERRORS.map(describeError);
    for (const s of sentences) {
      expect(s.trim().length).toBeGreaterThan(10);
    }
    expect(new Set(sentences).size).toBe(ALL_ERRORS.length);
  });

  it("writes exactly one sentence, ending in a full stop", () => {
    for (const e of ALL_ERRORS) {
      const s = describeError(e);
      expect(s).toMatch(/^[A-Z].*\.$/);
      expect(s.slice(0, -1)).not.toMatch(/[.!?]\s/);
    }
  });

  it("never repeats the vendor's message or internal details", () => {
    for (const e of ALL_ERRORS) {
      expect(describeError(e)).not.toContain("SECRET");
    }
  });

  it("tells the user what to do for the common vendor failures", () => {
    expect(describeError(vendor("unauthorized"))).toMatch(/credentials/i);
    expect(describeError(vendor("unauthorized"))).toMatch(/connection/i);
    expect(describeError(vendor("keyLimitReached"))).toMatch(/key limit/i);
    expect(describeError(vendor("keyLimitReached"))).toMatch(/delete or rotate/i);
    expect(describeError(vendor("invalidResponse"))).toMatch(/could not read/i);
    for (const r of ["server", "timeout"] as const) {
      expect(describeError(vendor(r))).toMatch(/retry later/i);
    }
  });

  it("mentions the wait when the vendor says when to retry", () => {
    const s = describeError(vendor("rateLimited", { retryAfterSeconds: 30 }));
    expect(s).toContain("try again in 30 s");
  });

  it("does not invent a wait when the vendor gave none", () => {
    const s = describeError(vendor("rateLimited"));
    expect(s).not.toMatch(/\d/);
    expect(s).toMatch(/try again/i);
  });

  it("explains how to fix an unreachable keychain", () => {
    expect(describeError({ kind: "keychainUnavailable", detail: "x" })).toBe(
      "No keychain service is reachable: start your desktop keyring (Secret Service) and unlock it, then restart Keyturn.",
    );
  });
});

describe("errorReference", () => {
  it("joins code, request id and HTTP status in that order", () => {
    const e = vendor("server", { code: "upstream_down", requestId: "req_42", status: 503 });
    expect(errorReference(e)).toBe("code upstream_down · request id req_42 · HTTP 503");
  });

  it("includes only the parts that are present", () => {
    expect(errorReference(vendor("server", { status: 503 }))).toBe("HTTP 503");
    expect(errorReference(vendor("server", { requestId: "req_1" }))).toBe("request id req_1");
    expect(errorReference(vendor("server", { code: "c1", status: 500 }))).toBe("code c1 · HTTP 500");
  });

  it("is null when a vendor error carries no reference", () => {
    expect(errorReference(vendor("unreachable"))).toBeNull();
  });

  it("is null for errors that do not come from a vendor", () => {
    for (const e of OTHER_ERRORS) {
      expect(errorReference(e)).toBeNull();
    }
  });

  it("never includes the vendor's message", () => {
    const e = vendor("server", { code: "c", requestId: "r", status: 500 });
    expect(errorReference(e)).not.toContain("SECRET");
  });
});

describe("vendorDetail", () => {
  it("gives the vendor's words for invalid requests and refusals", () => {
    expect(vendorDetail(vendor("invalidRequest", { message: "label must be at most 200 characters" }))).toBe(
      "label must be at most 200 characters",
    );
    expect(vendorDetail(vendor("forbidden", { message: " scope keys:manage required " }))).toBe(
      "scope keys:manage required",
    );
  });

  it("gives nothing for other reasons, blank messages and non-vendor errors", () => {
    expect(vendorDetail(vendor("server"))).toBeNull();
    expect(vendorDetail(vendor("unauthorized"))).toBeNull();
    expect(vendorDetail(vendor("forbidden", { message: "  " }))).toBeNull();
    expect(vendorDetail({ kind: "internal", detail: "x" })).toBeNull();
  });
});

describe("a request Keyturn did not send", () => {
  it("is not blamed on the vendor or the network", () => {
    const sentence = describeError(vendor("notSent"));
    expect(sentence).toMatch(/did not contact the vendor/);
    expect(sentence).not.toMatch(/unreachable|network/i);
  });
});

describe("a draft Keyturn refused", () => {
  it("is not blamed on the vendor, and its detail says what to change", () => {
    const e = vendor("invalidDraft", { message: "Keep the Kayle ID key's name to 120 characters." });
    expect(describeError(e)).toMatch(/did not send this to the vendor/);
    expect(describeError(e)).not.toMatch(/vendor rejected/);
    expect(vendorDetail(e)).toBe("Keep the Kayle ID key's name to 120 characters.");
  });
});
