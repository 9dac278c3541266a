import { describe, expect, it } from "vitest";
import type { Capabilities, DraftField } from "../bindings";
import {
  asksFor,
  draftFieldOf,
  fieldErrorsOf,
  hasErrors,
  initialCreateForm,
  toKeyDraft,
  validateCreateForm,
  type CreateForm,
} from "./keyDraft";
import { capabilities, vendorError } from "../../test/helpers";

const TODAY = "2026-03-12";

function fields(...specs: Array<[DraftField, boolean]>): Capabilities["createFields"] {
  return specs.map(([field, required]) => ({ field, required }));
}

// The capabilities the four adapters declare.
const VERYFI = capabilities({ maxKeys: 2 });
const VERIFA = capabilities({
  nameLabel: "Label",
  maxNameLength: 200,
  scopeChoice: "any",
  scopes: ["documents:read", "documents:write", "keys:manage"],
  defaultScopes: ["documents:read", "documents:write"],
  environments: ["live", "sandbox"],
  createFields: fields(["name", true], ["environment", true], ["scopes", false], ["expiresAt", false]),
});
const API_KEYS = capabilities({
  maxNameLength: 100,
  scopeChoice: "one",
  scopes: ["read", "read-write"],
  defaultScopes: ["read"],
  createFields: fields(["name", true], ["description", false], ["scopes", false], ["expiresAt", false]),
});
const KAYLE = capabilities({
  maxNameLength: 120,
  scopeChoice: "atLeastOne",
  scopes: ["sessions:read", "sessions:write", "webhooks:manage"],
  createFields: fields(["name", true], ["scopes", true], ["metadata", false]),
});

function form(caps: Capabilities, overrides: Partial<CreateForm> = {}): CreateForm {
  return { ...initialCreateForm(caps, "sandbox"), ...overrides };
}

describe("initialCreateForm", () => {
  it("preselects the default scopes and the connection's environment", () => {
    expect(initialCreateForm(VERIFA, "sandbox")).toMatchObject({
      environment: "sandbox",
      scopes: ["documents:read", "documents:write"],
    });
    expect(initialCreateForm(API_KEYS, "live")).toMatchObject({ environment: "", scopes: ["read"] });
    expect(initialCreateForm(KAYLE, "live").scopes).toEqual([]);
  });
});

describe("validateCreateForm", () => {
  it("asks Veryfi for nothing and finds nothing wrong", () => {
    expect(asksFor(VERYFI, "name")).toBe(false);
    expect(validateCreateForm(form(VERYFI), VERYFI, TODAY)).toEqual({});
  });

  it("requires the name in the vendor's own word", () => {
    expect(validateCreateForm(form(VERIFA, { name: "  " }), VERIFA, TODAY).name).toBe("Enter a label.");
    expect(validateCreateForm(form(KAYLE), KAYLE, TODAY).name).toBe("Enter a name.");
  });

  it("allows exactly the maximum name length, counting characters, not bytes", () => {
    const at = "é".repeat(100);
    expect(validateCreateForm(form(API_KEYS, { name: at }), API_KEYS, TODAY).name).toBeUndefined();
    expect(validateCreateForm(form(API_KEYS, { name: `${at}x` }), API_KEYS, TODAY).name).toBe(
      "Keep the name to 100 characters (now 101).",
    );
  });

  it("requires Verifa's environment and only its own", () => {
    expect(validateCreateForm(form(VERIFA, { name: "a", environment: "" }), VERIFA, TODAY).environment).toBe(
      "Choose an environment.",
    );
    expect(validateCreateForm(form(VERIFA, { name: "a", environment: "prod" }), VERIFA, TODAY).environment).toMatch(
      /live, sandbox/,
    );
  });

  it("lets Verifa keys have no scopes but Kayle keys need at least one", () => {
    expect(validateCreateForm(form(VERIFA, { name: "a", scopes: [] }), VERIFA, TODAY)).toEqual({});
    expect(validateCreateForm(form(KAYLE, { name: "a", scopes: [] }), KAYLE, TODAY).scopes).toBe("Choose at least one.");
    expect(validateCreateForm(form(KAYLE, { name: "a", scopes: ["sessions:read"] }), KAYLE, TODAY)).toEqual({});
  });

  it("allows at most one scope where the vendor takes one", () => {
    expect(
      validateCreateForm(form(API_KEYS, { name: "a", scopes: ["read", "read-write"] }), API_KEYS, TODAY).scopes,
    ).toBe("Choose exactly one.");
    expect(validateCreateForm(form(API_KEYS, { name: "a", scopes: [] }), API_KEYS, TODAY)).toEqual({});
  });

  it("rejects scopes the vendor does not offer", () => {
    expect(validateCreateForm(form(KAYLE, { name: "a", scopes: ["admin"] }), KAYLE, TODAY).scopes).toBe(
      "Unknown: admin.",
    );
  });

  it("wants an expiry after today", () => {
    const v = (expiresOn: string) => validateCreateForm(form(VERIFA, { name: "a", expiresOn }), VERIFA, TODAY).expiresAt;
    expect(v("2026-03-12")).toBe("Choose a date after today.");
    expect(v("2025-12-31")).toBe("Choose a date after today.");
    expect(v("2026-03-13")).toBeUndefined();
    expect(v("2026-02-30")).toBe("Enter a date such as 2026-12-31.");
    expect(v("")).toBeUndefined();
  });

  it("wants metadata keys present and unique, ignoring empty rows", () => {
    const v = (metadata: CreateForm["metadata"]) =>
      validateCreateForm(form(KAYLE, { name: "a", scopes: ["sessions:read"], metadata }), KAYLE, TODAY).metadata;
    expect(v([{ key: "team", value: "ops" }, { key: "", value: "" }])).toBeUndefined();
    expect(v([{ key: " ", value: "ops" }])).toBe("Every value needs a key.");
    expect(v([{ key: "team", value: "a" }, { key: "team ", value: "b" }])).toBe("The key “team” appears twice.");
  });

  it("reports nothing for fields the vendor does not ask for", () => {
    const errors = validateCreateForm(form(KAYLE, { name: "a", scopes: ["sessions:read"], expiresOn: "1999-01-01" }), KAYLE, TODAY);
    expect(hasErrors(errors)).toBe(false);
  });
});

describe("toKeyDraft", () => {
  it("sends trimmed values for the fields the vendor asks for, nothing else", () => {
    const draft = toKeyDraft(
      form(API_KEYS, { name: "  CI  ", description: " ", environment: "live", scopes: ["read-write"], expiresOn: "2026-04-01" }),
      API_KEYS,
    );
    expect(draft).toEqual({
      name: "CI",
      description: null,
      environment: null,
      scopes: ["read-write"],
      expiresAt: new Date(2026, 3, 1, 23, 59, 59).toISOString(),
      metadata: {},
    });
  });

  it("sends Kayle's metadata as an object, skipping empty rows", () => {
    const draft = toKeyDraft(
      form(KAYLE, {
        name: "svc",
        scopes: ["sessions:read"],
        metadata: [
          { key: " team ", value: "ops" },
          { key: "", value: "" },
        ],
      }),
      KAYLE,
    );
    expect(draft.metadata).toEqual({ team: "ops" });
    expect(draft.expiresAt).toBeNull();
  });

  it("sends an empty draft for Veryfi", () => {
    expect(toKeyDraft(form(VERYFI, { name: "ignored" }), VERYFI)).toEqual({
      name: null,
      description: null,
      environment: null,
      scopes: [],
      expiresAt: null,
      metadata: {},
    });
  });
});

describe("draftFieldOf", () => {
  it("places server errors beside known fields only", () => {
    expect(draftFieldOf("name")).toBe("name");
    expect(draftFieldOf("expiresAt")).toBe("expiresAt");
    expect(draftFieldOf("baseUrl")).toBeNull();
    expect(draftFieldOf(null)).toBeNull();
  });
});

describe("fieldErrorsOf", () => {
  const caps = capabilities({ createFields: [{ field: "name", required: true }, { field: "scopes", required: false }] });

  it("puts a vendor's refusal of a draft field beside that field", () => {
    const refused = vendorError({ reason: "invalidDraft", field: "scopes", message: "Choose one scope." });
    expect(fieldErrorsOf(refused, caps)).toEqual({ scopes: "Choose one scope." });
  });

  it("puts Keyturn's own field error beside its field", () => {
    expect(fieldErrorsOf({ kind: "invalidInput", field: "name", message: "Taken." }, caps)).toEqual({ name: "Taken." });
  });

  it("leaves a refusal without a field, or of a field the form does not show, to the alert", () => {
    expect(fieldErrorsOf(vendorError({ reason: "invalidDraft", field: null }), caps)).toBeNull();
    expect(fieldErrorsOf(vendorError({ reason: "invalidDraft", field: "metadata" }), caps)).toBeNull();
    expect(fieldErrorsOf({ kind: "invalidInput", field: "baseUrl", message: "x" }, caps)).toBeNull();
  });
});
