import { describe, expect, it } from "vitest";
import { VENDOR_CATALOG, type VendorInfo } from "../bindings";
import {
  connectionCheckSentence,
  connectionErrorSentence,
  connectionFieldOf,
  emptyConnectionForm,
  formFromConnection,
  toConnectionDraft,
  withVendor,
} from "./connectionForm";
import { describeError } from "../errors";
import { connection, vendorError } from "../../test/helpers";

const vendor = (kind: VendorInfo["vendor"]): VendorInfo => VENDOR_CATALOG.find((v) => v.vendor === kind)!;
const VERYFI = vendor("veryfi");
const VERIFA = vendor("verifa");
const API_KEYS = vendor("apiKeys");

describe("the connection form", () => {
  it("starts with the vendor's default address", () => {
    expect(emptyConnectionForm(VERYFI).baseUrl).toBe("https://api.veryfi.com");
    expect(emptyConnectionForm(API_KEYS).baseUrl).toBe("");
  });

  it("follows the vendor's address until the user types their own", () => {
    const f = emptyConnectionForm(VERYFI);
    expect(withVendor(f, VERYFI, VERIFA).baseUrl).toBe("https://api.withverifa.com");
    expect(withVendor({ ...f, baseUrl: "https://proxy.example" }, VERYFI, VERIFA).baseUrl).toBe("https://proxy.example");
    expect(withVendor(f, VERYFI, API_KEYS).baseUrl).toBe("");
  });

  it("fills the account fields in from a saved connection's account, not its label", () => {
    const veryfi = formFromConnection(
      connection({ vendor: "veryfi", accountLabel: "shown · only", account: { username: "ops@acme.test", clientId: "vrf_123" } }),
    );
    expect(veryfi).toMatchObject({ username: "ops@acme.test", clientId: "vrf_123", credential: "" });
    const verifa = formFromConnection(
      connection({ vendor: "verifa", account: { organizationId: "org_abc" }, environment: "live", readOnly: true }),
    );
    expect(verifa).toMatchObject({ organizationId: "org_abc", environment: "live", readOnly: true });
  });

  it("sends only the vendor's own account fields", () => {
    const f = { ...emptyConnectionForm(VERIFA), name: " Prod ", organizationId: " org_1 ", clientId: "stray", credential: "tok" };
    expect(toConnectionDraft(f, VERIFA, false)).toEqual({
      name: "Prod",
      vendor: "verifa",
      environment: "live",
      baseUrl: "https://api.withverifa.com",
      readOnly: false,
      clientId: null,
      username: null,
      organizationId: "org_1",
      apiVersion: "",
      credential: "tok",
    });
  });

  it("sends Verifa's API version trimmed, blank for the default, and no version for other vendors", () => {
    const verifa = { ...emptyConnectionForm(VERIFA), organizationId: "org_1", apiVersion: " 2025-06-01 " };
    expect(toConnectionDraft(verifa, VERIFA, false).apiVersion).toBe("2025-06-01");
    expect(toConnectionDraft(emptyConnectionForm(VERIFA), VERIFA, false).apiVersion).toBe("");
    const veryfi = { ...emptyConnectionForm(VERYFI), apiVersion: "2025-06-01" };
    expect("apiVersion" in toConnectionDraft(veryfi, VERYFI, false)).toBe(false);
  });

  it("reads a pinned API version back, and none as blank", () => {
    const pinned = formFromConnection(connection({ vendor: "verifa", account: { organizationId: "org_abc" }, apiVersion: "2025-06-01" }));
    expect(pinned.apiVersion).toBe("2025-06-01");
    expect(formFromConnection(connection({ vendor: "verifa", account: { organizationId: "org_abc" } })).apiVersion).toBe("");
  });

  it("keeps the stored credential when editing with a blank credential, but not when adding", () => {
    const f = { ...emptyConnectionForm(VERYFI), credential: "  " };
    expect(toConnectionDraft(f, VERYFI, true).credential).toBeNull();
    expect(toConnectionDraft(f, VERYFI, false).credential).toBe("  ");
  });

  it("places invalidInput beside a known field only", () => {
    expect(connectionFieldOf({ kind: "invalidInput", field: "baseUrl", message: "x" })).toBe("baseUrl");
    expect(connectionFieldOf({ kind: "invalidInput", field: "apiVersion", message: "x" })).toBe("apiVersion");
    expect(connectionFieldOf({ kind: "invalidInput", field: "bogus", message: "x" })).toBeNull();
    expect(connectionFieldOf({ kind: "invalidInput", field: null, message: "x" })).toBeNull();
    expect(connectionFieldOf(vendorError())).toBeNull();
  });
});

describe("test connection sentences", () => {
  it("counts the keys it saw", () => {
    expect(connectionCheckSentence({ keysSeen: 3, morePages: false })).toBe("Connected — 3 keys visible.");
    expect(connectionCheckSentence({ keysSeen: 1, morePages: false })).toBe("Connected — 1 key visible.");
    expect(connectionCheckSentence({ keysSeen: 100, morePages: true })).toBe(
      "Connected — 100 keys visible, more on further pages.",
    );
  });

  it("names the likely cause of a failure", () => {
    expect(connectionErrorSentence(vendorError({ reason: "unauthorized" }), VERYFI)).toBe(
      "Bad credentials: the vendor rejected this API key or account.",
    );
    expect(connectionErrorSentence(vendorError({ reason: "unauthorized" }), API_KEYS)).toBe(
      "Bad credentials: the vendor rejected this bearer token.",
    );
    expect(connectionErrorSentence(vendorError({ reason: "notFound" }), VERIFA)).toBe(
      "Wrong organization: the vendor does not know this organization ID.",
    );
    expect(connectionErrorSentence(vendorError({ reason: "unreachable" }), VERIFA)).toMatch(/^Unreachable/);
    expect(connectionErrorSentence(vendorError({ reason: "certificate" }), VERIFA)).toMatch(/certificate/);
    expect(connectionErrorSentence(vendorError({ reason: "credentialExpired" }), VERIFA)).toBe(
      "This admin token has expired: get a fresh one from the vendor's dashboard and paste it here.",
    );
  });

  it("falls back to the general sentence", () => {
    const limited = vendorError({ reason: "rateLimited", retryAfterSeconds: 5 });
    expect(connectionErrorSentence(limited, VERYFI)).toBe(describeError(limited));
    const storage = { kind: "storage", detail: "disk full" } as const;
    expect(connectionErrorSentence(storage, VERYFI)).toBe(describeError(storage));
  });
});
