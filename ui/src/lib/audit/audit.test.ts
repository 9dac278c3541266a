import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../bindings";
import { actionLabel, connectionsOf, filterByConnection, outcomeKind, skippedSentence } from "./audit";

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: "2026-03-12T12:00:00Z",
    connectionId: "p-a",
    connectionName: "Alpha",
    vendor: "veryfi",
    action: "create",
    keyId: "k1",
    outcome: "ok",
    ...overrides,
  };
}

describe("actionLabel", () => {
  it("gives each action its own readable verb", () => {
    expect(actionLabel("create")).toBe("Created");
    expect(actionLabel("revoke")).toBe("Revoked");
    expect(actionLabel("disable")).toBe("Disabled");
    expect(actionLabel("enable")).toBe("Enabled");
    expect(actionLabel("reset")).toBe("Reset");
  });
});

describe("outcomeKind", () => {
  it("treats only 'ok' as a success", () => {
    expect(outcomeKind("ok")).toBe("ok");
    expect(outcomeKind("OK ")).toBe("ok");
    expect(outcomeKind("okay-ish")).toBe("failed");
  });

  it("tells a refusal from a failure", () => {
    expect(outcomeKind("refused: read-only connection")).toBe("refused");
    expect(outcomeKind("failed: vendor 429 rate_limited")).toBe("failed");
    expect(outcomeKind("")).toBe("failed");
  });
});

describe("connectionsOf", () => {
  it("lists each connection once, by name, with the newest name it had", () => {
    const list = connectionsOf([
      entry({ connectionId: "p-b", connectionName: "Bravo (renamed)" }),
      entry({ connectionId: "p-a", connectionName: "Alpha" }),
      entry({ connectionId: "p-b", connectionName: "Bravo" }),
    ]);
    expect(list).toEqual([
      { id: "p-a", name: "Alpha" },
      { id: "p-b", name: "Bravo (renamed)" },
    ]);
  });

  it("keeps two connections of the same name apart", () => {
    const list = connectionsOf([entry({ connectionId: "x2", connectionName: "Same" }), entry({ connectionId: "x1", connectionName: "Same" })]);
    expect(list.map((c) => c.id)).toEqual(["x1", "x2"]);
  });
});

describe("filterByConnection", () => {
  const log = [
    entry({ connectionId: "p-a", keyId: "a1" }),
    entry({ connectionId: "p-b", keyId: "b1" }),
    entry({ connectionId: "p-a", keyId: "a2" }),
  ];

  it("keeps one connection's entries in their order", () => {
    expect(filterByConnection(log, "p-a").map((e) => e.keyId)).toEqual(["a1", "a2"]);
    expect(filterByConnection(log, "p-b").map((e) => e.keyId)).toEqual(["b1"]);
    expect(filterByConnection(log, "p-missing")).toEqual([]);
  });

  it("keeps everything without a connection, as a copy", () => {
    expect(filterByConnection(log, "").map((e) => e.keyId)).toEqual(["a1", "b1", "a2"]);
    const all = filterByConnection(log, null);
    expect(all).toEqual(log);
    expect(all).not.toBe(log);
  });
});

describe("skippedSentence", () => {
  it("says nothing when every line was read", () => {
    expect(skippedSentence([])).toBeNull();
  });

  it("counts the skipped lines and names them", () => {
    expect(skippedSentence([7])).toBe("1 line of the audit log could not be read and is left out (line 7).");
    expect(skippedSentence([2, 4])).toBe("2 lines of the audit log could not be read and are left out (lines 2, 4).");
    const many = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(skippedSentence(many)).toBe(
      "12 lines of the audit log could not be read and are left out (lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more).",
    );
  });
});
