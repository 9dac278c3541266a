import { describe, expect, it } from "vitest";
import { rotationDraft, suggestedName } from "./rotationDraft";
import { apiKey, capabilities } from "../../test/helpers";

const TODAY = "2026-03-12";

describe("suggestedName", () => {
  it("adds today's date to the old key's name", () => {
    expect(suggestedName("Checkout backend", TODAY)).toBe("Checkout backend 2026-03-12");
    expect(suggestedName("  CI deploys  ", TODAY)).toBe("CI deploys 2026-03-12");
  });

  it("replaces the date a previous rotation added instead of stacking dates", () => {
    expect(suggestedName("Checkout backend 2025-09-01", TODAY)).toBe("Checkout backend 2026-03-12");
    expect(suggestedName("Checkout backend (2025-09-01)", TODAY)).toBe("Checkout backend 2026-03-12");
    expect(suggestedName("Checkout backend - 2025-09-01", TODAY)).toBe("Checkout backend 2026-03-12");
  });

  it("names a key that had no name", () => {
    expect(suggestedName(null, TODAY)).toBe("Rotated key 2026-03-12");
    expect(suggestedName("   ", TODAY)).toBe("Rotated key 2026-03-12");
    expect(suggestedName("2025-01-01", TODAY)).toBe("Rotated key 2026-03-12");
  });

  it("cuts the name, not the date, to the vendor's length", () => {
    const name = suggestedName("A very long integration name", TODAY, 20);
    expect(name).toBe("A very lo 2026-03-12");
    expect(name.length).toBe(20);
    expect(suggestedName("Short", TODAY, 20)).toBe("Short 2026-03-12");
    expect(Array.from(suggestedName("Ünïcödé name here", TODAY, 16)).length).toBe(16);
    expect(suggestedName("Anything", TODAY, 5)).toBe("2026-");
  });
});

describe("rotationDraft", () => {
  const KAYLE = capabilities({
    maxNameLength: 120,
    scopeChoice: "atLeastOne",
    scopes: ["sessions:read", "sessions:write", "webhooks:read"],
    createFields: [
      { field: "name", required: true },
      { field: "scopes", required: true },
      { field: "metadata", required: false },
    ],
  });

  it("carries the old key's permissions and metadata over, as they were", () => {
    const old = apiKey("kk_1", { scopes: ["sessions:read", "retired:scope"], metadata: { team: "mobile", tier: 2 } });
    const { draft, errors, carried } = rotationDraft(old, "Mobile app 2026-03-12", KAYLE, TODAY);
    expect(errors).toEqual({});
    expect(draft).toEqual({
      name: "Mobile app 2026-03-12",
      description: null,
      environment: null,
      scopes: ["sessions:read"],
      expiresAt: null,
      metadata: { team: "mobile", tier: 2 },
    });
    expect(carried).toEqual(["Permissions: sessions:read", "Metadata: team, tier"]);
  });

  it("reports what the vendor would refuse", () => {
    const old = apiKey("kk_1", { scopes: [] });
    const { errors } = rotationDraft(old, "", KAYLE, TODAY);
    expect(errors.name).toBe("Enter a name.");
    expect(errors.scopes).toBe("Choose at least one.");
  });

  it("keeps only one scope where the vendor takes one, and an environment the vendor offers", () => {
    const caps = capabilities({
      scopeChoice: "one",
      scopes: ["read", "read-write"],
      environments: ["live", "sandbox"],
      createFields: [
        { field: "scopes", required: false },
        { field: "environment", required: true },
        { field: "description", required: false },
      ],
    });
    const old = apiKey("ak_1", { scopes: ["read-write", "read"], environment: "live", description: "Release pipeline" });
    const { draft, errors, carried } = rotationDraft(old, "ignored", caps, TODAY);
    expect(errors).toEqual({});
    expect(draft.scopes).toEqual(["read-write"]);
    expect(draft.environment).toBe("live");
    expect(draft.name).toBeNull();
    expect(carried).toEqual(["Description: Release pipeline", "Environment: live", "Permissions: read-write"]);

    const elsewhere = rotationDraft(apiKey("ak_2", { environment: "staging" }), "", caps, TODAY);
    expect(elsewhere.draft.environment).toBeNull();
    expect(elsewhere.errors.environment).toBe("Choose an environment.");
  });

  it("sends an empty draft to a vendor that takes no options", () => {
    const { draft, errors, carried } = rotationDraft(apiKey("vk_1", { name: "x", scopes: ["a"] }), "x 2026", capabilities(), TODAY);
    expect(draft).toEqual({ name: null, description: null, environment: null, scopes: [], expiresAt: null, metadata: {} });
    expect(errors).toEqual({});
    expect(carried).toEqual([]);
  });

  it("falls back to the vendor's default scopes when the old key is not in the list", () => {
    const caps = capabilities({ ...KAYLE, defaultScopes: ["webhooks:read"] });
    expect(rotationDraft(null, "n", caps, TODAY).draft.scopes).toEqual(["webhooks:read"]);
  });
});
