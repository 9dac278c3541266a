import { describe, expect, it } from "vitest";
import { cellOf, keyColumns } from "./keyColumns";
import { apiKey, capabilities } from "../../test/helpers";

const NOW = new Date("2026-03-12T12:00:00Z");
const veryfi = capabilities({ maxKeys: 2 });
const full = capabilities({
  nameLabel: "Label",
  lastUsed: { at: true, ip: true, userAgent: true, requestCount: true },
  scopeChoice: "any",
  scopes: ["read", "write"],
  environments: ["live", "sandbox"],
});

describe("keyColumns", () => {
  it("heads the name column with the vendor's word and marks unreported columns", () => {
    const cols = keyColumns(veryfi, "veryfi");
    expect(cols[0]).toMatchObject({ id: "name", label: "Name" });
    const unreported = cols.filter((c) => !c.reported).map((c) => c.id);
    expect(unreported).toEqual(["scopes", "environment", "lastUsed", "ip", "client", "requests"]);
  });

  it("reports everything the vendor says it reports", () => {
    const cols = keyColumns(full, "verifa");
    expect(cols[0].label).toBe("Label");
    expect(cols.every((c) => c.reported)).toBe(true);
  });

  it("calls Kayle's scopes permissions", () => {
    expect(keyColumns(full, "kayle").find((c) => c.id === "scopes")?.label).toBe("Permissions");
  });
});

describe("cellOf", () => {
  it("says 'not reported' — never blank, never 'never' — for values the vendor does not give", () => {
    const k = apiKey("k", { lastUsed: { state: "notReported" }, requestCount: null, maskedPrefix: null });
    for (const col of ["lastUsed", "ip", "client", "requests", "scopes", "environment", "key"] as const) {
      expect(cellOf(k, col, NOW, veryfi)).toMatchObject({ text: "not reported", muted: true });
    }
  });

  it("says 'never' for a key the vendor reports as never used", () => {
    const k = apiKey("k", { lastUsed: { state: "never" } });
    expect(cellOf(k, "lastUsed", NOW, full).text).toBe("never");
    expect(cellOf(k, "client", NOW, full).text).toBe("never");
  });

  it("shows the last use relative, with the exact time as tooltip", () => {
    const k = apiKey("k", {
      lastUsed: { state: "used", at: "2026-03-09T12:00:00Z", ip: "203.0.113.9", userAgent: "curl/8.5.0" },
      requestCount: 12345,
    });
    const used = cellOf(k, "lastUsed", NOW, full);
    expect(used.text).toBe("3 days ago");
    expect(used.title).toMatch(/9 Mar 2026/);
    expect(cellOf(k, "ip", NOW, full).text).toBe("203.0.113.9");
    expect(cellOf(k, "client", NOW, full)).toEqual({ text: "curl 8.5", title: "curl/8.5.0", muted: false });
    expect(cellOf(k, "requests", NOW, full).text).toBe("12,345");
  });

  it("says 'none' when a scoped vendor's key has no scopes", () => {
    expect(cellOf(apiKey("k"), "scopes", NOW, full).text).toBe("none");
    expect(cellOf(apiKey("k", { scopes: ["read", "write"] }), "scopes", NOW, full).text).toBe("read, write");
  });

  it("masks the prefix and says when a key has no expiry", () => {
    expect(cellOf(apiKey("k", { maskedPrefix: "vk_ab" }), "key", NOW, full).text).toBe("vk_ab••••");
    expect(cellOf(apiKey("k"), "expires", NOW, full).text).toBe("no expiry");
    expect(cellOf(apiKey("k", { expiresAt: "2026-03-15T12:00:00Z" }), "expires", NOW, full).text).toBe("in 3 days");
  });
});
