import { describe, expect, it } from "vitest";
import type { AuditAction, AuditEntry } from "../bindings";
import {
  ACTION_GROUPS,
  NO_CHOICES,
  actionLabel,
  anyChosen,
  connectionLabel,
  countSentence,
  filterOf,
  outcomeKind,
  skippedSentence,
} from "./audit";

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: "2026-03-12T12:00:00Z",
    user: "ada",
    connectionId: "p-a",
    connectionName: "Alpha",
    vendor: "veryfi",
    action: "create",
    keyId: "k1",
    detail: null,
    outcome: "ok",
    ...overrides,
  };
}

const EVERY_ACTION: AuditAction[] = [
  "create", "revoke", "disable", "enable", "reset", "connectionAdded", "connectionEdited", "connectionRemoved",
  "signedIn", "signedOut", "keyCopied", "export", "rotationStarted", "rotationAdvanced", "rotationCancelled",
  "rotationFinished",
];

describe("actionLabel", () => {
  it("gives each action its own readable words", () => {
    expect(actionLabel("create")).toBe("Key created");
    expect(actionLabel("revoke")).toBe("Key revoked");
    expect(actionLabel("keyCopied")).toBe("Key copied");
    expect(actionLabel("connectionRemoved")).toBe("Connection removed");
    expect(actionLabel("rotationCancelled")).toBe("Rotation cancelled");
    const labels = EVERY_ACTION.map(actionLabel);
    expect(new Set(labels).size).toBe(EVERY_ACTION.length);
    expect(labels.every((l, i) => l !== EVERY_ACTION[i])).toBe(true);
  });
});

describe("ACTION_GROUPS", () => {
  it("offers every action once", () => {
    const offered = ACTION_GROUPS.flatMap((g) => g.actions);
    expect([...offered].sort()).toEqual([...EVERY_ACTION].sort());
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

describe("filterOf", () => {
  it("asks for everything when nothing is chosen", () => {
    expect(filterOf(NO_CHOICES)).toEqual({});
    expect(anyChosen(NO_CHOICES)).toBe(false);
  });

  it("sends the connection, the action as a set, and local days with the last one included", () => {
    const choices = { connectionId: "p-a", action: "revoke" as const, from: "2026-03-03", to: "2026-03-05" };
    expect(filterOf(choices)).toEqual({
      connectionId: "p-a",
      actions: ["revoke"],
      from: new Date(2026, 2, 3).toISOString(),
      before: new Date(2026, 2, 6).toISOString(),
    });
    expect(anyChosen(choices)).toBe(true);
  });

  it("crosses a month's end and leaves out a date it cannot read", () => {
    expect(filterOf({ ...NO_CHOICES, to: "2026-01-31" })).toEqual({ before: new Date(2026, 1, 1).toISOString() });
    expect(filterOf({ ...NO_CHOICES, from: "03/03/2026" })).toEqual({});
  });
});

describe("countSentence", () => {
  it("counts the matches and says when only some are shown", () => {
    expect(countSentence(1, 1)).toBe("1 action");
    expect(countSentence(0, 0)).toBe("0 actions");
    expect(countSentence(200, 230)).toBe("200 of 230 actions shown");
    expect(countSentence(230, 230)).toBe("230 actions");
  });
});

describe("connectionLabel", () => {
  it("names the connection, the report of every connection, and a connection never saved", () => {
    expect(connectionLabel(entry())).toBe("Alpha");
    expect(connectionLabel(entry({ connectionId: null, connectionName: null, vendor: null }))).toBe("All connections");
    expect(connectionLabel(entry({ connectionId: null, connectionName: "Beta" }))).toBe("Beta (not saved)");
    expect(connectionLabel(entry({ connectionName: null }))).toBe("p-a");
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
