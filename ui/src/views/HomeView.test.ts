// The home view: every connection's items, their next actions, and snoozing.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { AttentionItem, NextAction } from "../lib/bindings";
import { AttentionController } from "../lib/attention/attentionController.svelte";
import HomeView from "./HomeView.svelte";
import { clearToasts, toasts } from "../lib/ui/toasts.svelte";
import {
  allByTestId,
  attentionItem,
  attentionSummary,
  byTestId,
  callsOf,
  click,
  apiKey,
  connection,
  deferred,
  mockBackend,
  render,
  settle,
  typeInto,
} from "../test/helpers";

let destroy: (() => void) | null = null;

afterEach(() => {
  destroy?.();
  destroy = null;
  clearMocks();
  clearToasts();
});

const EXPIRING = attentionItem({ kind: "expiring", keyId: "k1", severity: "critical" });
const AT_LIMIT = attentionItem({
  kind: "atKeyLimit",
  keyId: null,
  connectionId: "p-veryfi",
  connectionName: "Veryfi \u202Egnp.exe",
  why: "The account holds 2 of its 2 keys: a new key needs one revoked or a rotation.",
  actions: ["rotate", "snooze"],
});
const SIGNED_OUT = attentionItem({
  kind: "signedOut",
  keyId: null,
  connectionId: "p-kayle",
  why: "The session ended: sign in again to see and change its keys.",
  actions: ["signIn"],
  severity: "info",
});

function show(
  followed: Array<[AttentionItem, NextAction | null]> = [],
  opened: Array<[string, string]> = [],
  openedConnections: string[] = [],
) {
  const attention = new AttentionController();
  const r = render(HomeView, {
    attention,
    connections: [connection({ id: "p-sandbox" }), connection({ id: "p-veryfi", name: "Veryfi" }), connection({ id: "p-kayle", name: "Kayle" })],
    onfollow: (i: AttentionItem, a: NextAction | null) => void followed.push([i, a]),
    onopenkey: (c: string, k: string) => void opened.push([c, k]),
    onopenconnection: (c: string) => void openedConnections.push(c),
  });
  destroy = r.destroy;
  return { target: r.target, attention };
}

describe("HomeView", () => {
  it("says how many more items a connection has than the summary carries, and opens its keys", async () => {
    const summary = attentionSummary([EXPIRING, AT_LIMIT]);
    summary.connections = summary.connections.map((c) => (c.connectionId === "p-veryfi" ? { ...c, more: 7450 } : c));
    mockBackend({ attention: summary });
    const openedConnections: string[] = [];
    const { target } = show([], [], openedConnections);
    await settle();

    const more = allByTestId(target, "attention-more");
    expect(more).toHaveLength(1);
    expect(more[0].textContent?.replace(/\s+/g, " ")).toContain("has 7,450 more items");
    click(byTestId(more[0], "attention-more-open"));
    expect(openedConnections).toEqual(["p-veryfi"]);
  });

  it("lists every connection's items in the order Rust gave, with their actions", async () => {
    mockBackend({ attention: attentionSummary([EXPIRING, AT_LIMIT, SIGNED_OUT]) });
    const { target } = show();
    await settle();

    const items = allByTestId(target, "attention-item");
    expect(items.map((i) => i.dataset.kind)).toEqual(["expiring", "atKeyLimit", "signedOut"]);
    expect(byTestId(items[0], "attention-why")?.textContent).toBe(EXPIRING.why);
    expect(byTestId(items[0], "attention-open-key")?.textContent).toBe("Key k1");
    expect(byTestId(items[1], "attention-open-key")).toBeNull();
    // A vendor's name cannot reorder the line around it.
    expect(byTestId(items[1], "attention-connection")?.textContent).toBe("Veryfi [U+202E]gnp.exe");
    expect(allByTestId(items[2], "attention-action-signIn")).toHaveLength(1);
    expect(byTestId(target, "home-subtitle")?.textContent).toContain("Across 3 connections");
  });

  it("sends the user to the key with the action chosen; snooze stays here", async () => {
    mockBackend({ attention: attentionSummary([EXPIRING, SIGNED_OUT]) });
    const followed: Array<[AttentionItem, NextAction | null]> = [];
    const { target } = show(followed);
    await settle();

    const [expiring, signedOut] = allByTestId(target, "attention-item");
    click(byTestId(expiring, "attention-action-rotate"));
    click(byTestId(expiring, "attention-open-key"));
    click(byTestId(signedOut, "attention-action-signIn"));
    expect(followed.map(([i, a]) => [i.id, a])).toEqual([
      [EXPIRING.id, "rotate"],
      [EXPIRING.id, null],
      [SIGNED_OUT.id, "signIn"],
    ]);
    click(byTestId(expiring, "attention-action-snooze"));
    expect(followed).toHaveLength(3);
    expect(byTestId(document.body, "snooze-dialog")).not.toBeNull();
  });

  it("snoozes only with a reason, for the length chosen, and shows it apart", async () => {
    const snoozed = {
      item: EXPIRING,
      snooze: { itemId: EXPIRING.id, until: "2026-12-11T10:00:00Z", reason: "renewal on the 15th", snoozedAt: "2026-12-04T10:00:00Z" },
    };
    const log = mockBackend({
      attention: attentionSummary([EXPIRING, AT_LIMIT]),
      snooze_item: attentionSummary([AT_LIMIT], [snoozed]),
      unsnooze_item: attentionSummary([EXPIRING, AT_LIMIT]),
    });
    const { target } = show();
    await settle();

    click(byTestId(allByTestId(target, "attention-item")[0], "attention-action-snooze"));
    const dialog = byTestId(document.body, "snooze-dialog")!;
    click(byTestId(dialog, "snooze-confirm"));
    await settle();
    expect(callsOf(log, "snooze_item")).toEqual([]);
    expect(dialog.textContent).toContain("Say why");

    click(byTestId(dialog, "snooze-days-30"));
    typeInto(byTestId(dialog, "snooze-reason"), "  renewal on the 15th ");
    const before = Date.now();
    click(byTestId(dialog, "snooze-confirm"));
    await settle();

    const [call] = callsOf(log, "snooze_item") as Array<{ itemId: string; until: string; reason: string }>;
    expect(call.itemId).toBe(EXPIRING.id);
    expect(call.reason).toBe("renewal on the 15th");
    const days = (new Date(call.until).getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);
    expect(byTestId(document.body, "snooze-dialog")).toBeNull();
    expect(allByTestId(target, "attention-item").map((i) => i.dataset.kind)).toEqual(["atKeyLimit"]);
    expect(byTestId(target, "snoozed-reason")?.textContent).toBe("renewal on the 15th");

    click(byTestId(target, "unsnooze"));
    await settle();
    expect(callsOf(log, "unsnooze_item")).toEqual([{ itemId: EXPIRING.id }]);
    expect(allByTestId(target, "attention-item")).toHaveLength(2);
    expect(byTestId(target, "snoozed")).toBeNull();
  });

  it("keeps the items it knows when a refresh fails, and says so", async () => {
    let calls = 0;
    const log = mockBackend({
      attention: () =>
        calls++ === 0 ? attentionSummary([EXPIRING]) : Promise.reject({ kind: "storage", detail: "disk full" }),
    });
    const { target } = show();
    await settle();
    click(byTestId(target, "home-refresh"));
    await settle();

    expect(byTestId(target, "error-message")).not.toBeNull();
    expect(allByTestId(target, "attention-item")).toHaveLength(1);
    // Opening answers from what is held; Refresh lists every connection again.
    expect(callsOf(log, "attention")).toEqual([{ relist: false }, { relist: true }]);
  });

  it("marks facts that are old, and says when nothing needs attention", async () => {
    const old = attentionItem({ asOf: new Date(Date.now() - 3 * 3_600_000).toISOString() });
    let answer = attentionSummary([old]);
    mockBackend({ attention: () => answer });
    const { target, attention } = show();
    await settle();
    expect(byTestId(target, "attention-as-of")?.textContent).toContain("3 h ago");

    answer = attentionSummary([]);
    await attention.refresh();
    await settle();
    expect(byTestId(target, "home-all-clear")).not.toBeNull();
  });

  it("looks up a key in every connection, grouped, with its last use; only the latest answer shows", async () => {
    const used = (ip: string) => ({ state: "used" as const, at: new Date(Date.now() - 3_600_000).toISOString(), ip, userAgent: "payroll-sync/2.1.0" });
    const slow = deferred<unknown>();
    let asked = 0;
    const log = mockBackend({
      attention: attentionSummary([EXPIRING]),
      lookup_keys: () =>
        asked++ === 0
          ? slow.promise
          : {
              groups: [
                { connectionId: "p-sandbox", keys: [apiKey("k1", { name: "Payroll", lastUsed: used("10.0.0.4") })], matching: 1, fetchedAt: new Date().toISOString() },
                { connectionId: "p-kayle", keys: [apiKey("k9", { lastUsed: used("10.0.0.4") })], matching: 25, fetchedAt: new Date().toISOString() },
              ],
              notListed: ["p-veryfi"],
            },
    });
    const opened: Array<[string, string]> = [];
    const { target } = show([], opened);
    await settle();

    typeInto(byTestId(target, "lookup-input"), "10.0.0");
    typeInto(byTestId(target, "lookup-input"), "10.0.0.4");
    await settle();
    slow.resolve({ groups: [], notListed: [] });
    await settle();

    expect(callsOf(log, "lookup_keys")).toEqual([
      { search: "10.0.0", limit: 20 },
      { search: "10.0.0.4", limit: 20 },
    ]);
    expect(byTestId(target, "attention-items")).toBeNull();
    const groups = allByTestId(target, "lookup-group");
    expect(groups.map((g) => g.dataset.connectionId)).toEqual(["p-sandbox", "p-kayle"]);
    expect(groups[1].querySelector("h3")?.textContent).toContain("Kayle");
    expect(groups[1].textContent).toContain("5 more");
    expect(byTestId(groups[0], "lookup-ip")?.textContent).toBe("10.0.0.4");
    expect(groups[0].textContent).toContain("payroll-sync 2.1");
    expect(byTestId(target, "lookup-summary")?.textContent).toContain("26 keys in 2 connections");
    expect(byTestId(target, "lookup-summary")?.textContent).toContain("not searched (not listed yet): Veryfi");

    click(byTestId(groups[0], "lookup-open-key"));
    expect(opened).toEqual([["p-sandbox", "k1"]]);

    typeInto(byTestId(target, "lookup-input"), "  ");
    await settle();
    expect(callsOf(log, "lookup_keys")).toHaveLength(2);
    expect(byTestId(target, "attention-items")).not.toBeNull();
  });

  it("exports the report of every connection in the format chosen, and says where", async () => {
    const log = mockBackend({
      attention: attentionSummary([]),
      export_inventory: (p: unknown) =>
        (p as { format: string }).format === "csv" ? "/home/user/keyturn-inventory.csv" : Promise.reject({ kind: "storage", detail: "read-only file system" }),
    });
    const { target } = show();
    await settle();

    click(byTestId(target, "export-inventory"));
    click(byTestId(target, "export-csv"));
    await settle();
    expect(callsOf(log, "export_inventory")).toEqual([{ format: "csv" }]);
    expect(toasts.items.map((t) => t.message)).toContain("Exported to /home/user/keyturn-inventory.csv");

    click(byTestId(target, "export-inventory"));
    click(byTestId(target, "export-json"));
    await settle();
    expect(byTestId(target, "error-message")?.textContent).toContain("read-only file system");
  });
});
