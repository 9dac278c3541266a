import { describe, expect, it } from "vitest";
import type { ApiKey } from "../bindings";
import { environmentChoices, nextSort, NO_QUERY, prepareRows, selectRows, sortRows } from "./keyRows";
import { apiKey } from "../../test/helpers";

const NOW = new Date("2026-03-12T12:00:00Z");

function used(at: string, ip: string | null = null, userAgent: string | null = null): ApiKey["lastUsed"] {
  return { state: "used", at, ip, userAgent };
}

const KEYS: ApiKey[] = [
  apiKey("k_1", {
    name: "billing",
    maskedPrefix: "vk_live_aa",
    scopes: ["read"],
    environment: "live",
    createdAt: "2026-01-01T00:00:00Z",
    lastUsed: used("2026-03-10T00:00:00Z", "203.0.113.7", "python-requests/2.31.0"),
    requestCount: 50,
  }),
  apiKey("k_2", {
    name: "Analytics",
    maskedPrefix: "vk_test_bb",
    scopes: ["read", "write"],
    environment: "sandbox",
    status: "disabled",
    createdAt: "2026-02-01T00:00:00Z",
    lastUsed: { state: "never" },
    requestCount: 3,
  }),
  apiKey("k_3", {
    name: null,
    maskedPrefix: null,
    environment: "live",
    createdAt: null,
    expiresAt: "2026-03-01T00:00:00Z",
    lastUsed: { state: "notReported" },
    requestCount: null,
  }),
  apiKey("k_10", {
    name: "deploy",
    maskedPrefix: "vk_live_cc",
    environment: "live",
    status: "revoked",
    createdAt: "2025-12-01T00:00:00Z",
    lastUsed: used("2026-03-11T00:00:00Z", "198.51.100.2", "curl/8.5.0"),
    requestCount: 900,
  }),
];

const ROWS = prepareRows(KEYS, NOW);
const ids = (rows: { key: ApiKey }[]) => rows.map((r) => r.key.id);

describe("prepareRows", () => {
  it("derives the effective status and the client name once", () => {
    expect(ROWS.map((r) => r.status)).toEqual(["active", "disabled", "expired", "revoked"]);
    expect(ROWS[0].client).toBe("Python requests 2.31");
    expect(ROWS[1].client).toBeNull();
  });
});

describe("search", () => {
  const search = (s: string) => ids(selectRows(ROWS, { ...NO_QUERY, search: s }));

  it("matches id, name, prefix, scopes, IP and client, ignoring case", () => {
    expect(search("K_10")).toEqual(["k_10"]);
    expect(search("analytics")).toEqual(["k_2"]);
    expect(search("vk_test")).toEqual(["k_2"]);
    expect(search("write")).toEqual(["k_2"]);
    expect(search("203.0.113")).toEqual(["k_1"]);
    expect(search("curl")).toEqual(["k_10"]);
    expect(search("python requests")).toEqual(["k_1"]);
  });

  it("requires every term, each within a single field", () => {
    expect(search("live deploy")).toEqual(["k_10"]);
    expect(search("billing curl")).toEqual([]);
    // "k_1" + "billing" joined would read "k_1billing": terms never span fields.
    expect(search("1billing")).toEqual([]);
  });

  it("keeps every row for blank input", () => {
    expect(search("   ")).toEqual(["k_1", "k_2", "k_3", "k_10"]);
  });
});

describe("filters", () => {
  it("filters by effective status", () => {
    expect(ids(selectRows(ROWS, { ...NO_QUERY, status: "expired" }))).toEqual(["k_3"]);
    expect(ids(selectRows(ROWS, { ...NO_QUERY, status: "active" }))).toEqual(["k_1"]);
  });

  it("filters by environment and combines with search", () => {
    expect(ids(selectRows(ROWS, { ...NO_QUERY, environment: "live" }))).toEqual(["k_1", "k_3", "k_10"]);
    expect(ids(selectRows(ROWS, { ...NO_QUERY, environment: "live", search: "vk_live" }))).toEqual(["k_1", "k_10"]);
  });

  it("offers the vendor's environments first, then any the keys carry", () => {
    expect(environmentChoices(["live", "sandbox"], [apiKey("a", { environment: "staging" })])).toEqual([
      "live",
      "sandbox",
      "staging",
    ]);
    expect(environmentChoices([], KEYS)).toEqual(["live", "sandbox"]);
  });
});

describe("sortRows", () => {
  const sorted = (column: Parameters<typeof sortRows>[1]["column"], direction: "ascending" | "descending") =>
    ids(sortRows(ROWS, { column, direction }));

  it("sorts names case-insensitively, an unnamed key by its id", () => {
    expect(sorted("name", "ascending")).toEqual(["k_2", "k_1", "k_10", "k_3"]);
    expect(sorted("name", "descending")).toEqual(["k_3", "k_10", "k_1", "k_2"]);
  });

  it("sorts numbers numerically and puts missing values last in both directions", () => {
    expect(sorted("requests", "ascending")).toEqual(["k_2", "k_1", "k_10", "k_3"]);
    expect(sorted("requests", "descending")).toEqual(["k_10", "k_1", "k_2", "k_3"]);
    expect(sorted("created", "descending")).toEqual(["k_2", "k_1", "k_10", "k_3"]);
  });

  it("sorts never-used keys as the oldest use, unreported last", () => {
    expect(sorted("lastUsed", "descending")).toEqual(["k_10", "k_1", "k_2", "k_3"]);
    expect(sorted("lastUsed", "ascending")).toEqual(["k_2", "k_1", "k_10", "k_3"]);
  });

  it("sorts status by meaning and keeps the vendor's order between equals", () => {
    expect(sorted("status", "ascending")).toEqual(["k_1", "k_2", "k_3", "k_10"]);
    const same = prepareRows([apiKey("b"), apiKey("a"), apiKey("c")], NOW);
    expect(ids(sortRows(same, { column: "status", direction: "descending" }))).toEqual(["b", "a", "c"]);
  });

  it("sorts ids with numbers in natural order", () => {
    const rows = prepareRows([apiKey("key_10"), apiKey("key_9"), apiKey("key_100")], NOW);
    expect(ids(sortRows(rows, { column: "name", direction: "ascending" }))).toEqual(["key_9", "key_10", "key_100"]);
  });

  it("does not change the input array", () => {
    const before = ids(ROWS);
    sortRows(ROWS, { column: "name", direction: "ascending" });
    expect(ids(ROWS)).toEqual(before);
  });

  it("sorts 10,000 keys correctly and quickly", () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      apiKey(`key_${i}`, { requestCount: (i * 7919) % 10_007, name: `n${(i * 31) % 10_000}` }),
    );
    const rows = prepareRows(many, NOW);
    const t0 = performance.now();
    const out = selectRows(rows, { ...NO_QUERY, search: "n1", sort: { column: "requests", direction: "descending" } });
    const elapsed = performance.now() - t0;
    for (let i = 1; i < out.length; i++) {
      expect(out[i - 1].key.requestCount!).toBeGreaterThanOrEqual(out[i].key.requestCount!);
    }
    expect(out.every((r) => r.haystack.includes("n1"))).toBe(true);
    expect(out.length).toBe(rows.filter((r) => r.haystack.includes("n1")).length);
    expect(elapsed).toBeLessThan(500);
  });
});

describe("nextSort", () => {
  it("starts a new column ascending and flips the same column", () => {
    expect(nextSort(null, "name")).toEqual({ column: "name", direction: "ascending" });
    expect(nextSort({ column: "name", direction: "ascending" }, "name")).toEqual({
      column: "name",
      direction: "descending",
    });
    expect(nextSort({ column: "name", direction: "descending" }, "name").direction).toBe("ascending");
    expect(nextSort({ column: "name", direction: "descending" }, "created").direction).toBe("ascending");
  });
});
