import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import type { AuditEntry, AuditPage } from "../lib/bindings";
import { clearToasts } from "../lib/ui/toasts.svelte";
import {
  allByTestId,
  byTestId,
  callsOf,
  click,
  deferred,
  mockBackend,
  press,
  render,
  settle,
  typeInto,
  type Handler,
} from "../test/helpers";

let destroy: (() => void) | null = null;

afterEach(() => {
  destroy?.();
  destroy = null;
  clearMocks();
  clearToasts();
});

const MIN = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

const LOG: AuditEntry[] = [
  { at: ago(5 * MIN), user: "ada", connectionId: "p-a", connectionName: "Alpha", vendor: "veryfi", action: "revoke", keyId: "ka_1", detail: null, outcome: "ok" },
  { at: ago(65 * MIN), user: "bob", connectionId: "p-b", connectionName: "Bravo", vendor: "kayle", action: "create", keyId: null, detail: null, outcome: "failed: vendor 500" },
  { at: ago(2 * 60 * MIN), user: "ada", connectionId: null, connectionName: null, vendor: null, action: "export", keyId: null, detail: "inventory csv, 2 connections, 9 keys", outcome: "ok" },
  { at: ago(3 * 60 * MIN), user: "unknown", connectionId: "p-a", connectionName: "Alpha", vendor: "veryfi", action: "disable", keyId: "ka_2", detail: null, outcome: "refused: read-only" },
];

const CONNECTIONS = [
  { id: "p-a", name: "Alpha" },
  { id: "p-b", name: "Bravo" },
];

const page = (entries: AuditEntry[], skippedLines: number[] = [], matching = entries.length): AuditPage => ({
  entries,
  matching,
  connections: entries.length ? CONNECTIONS : [],
  skippedLines,
});

/** `count` copies, answered a window at a time as Rust does. */
function paged(count: number): Handler {
  const all = Array.from({ length: count }, (_, i) => ({ ...LOG[0], keyId: `k_${i}` }));
  return (payload) => {
    const { offset, limit } = payload as { offset: number; limit: number };
    return { ...page(all.slice(offset, offset + limit)), matching: count };
  };
}

function backend(more: Record<string, Handler | unknown>) {
  return mockBackend({
    list_connections: { connections: [], lastConnectionId: null, notice: null },
    ...more,
  });
}

async function openAudit(): Promise<HTMLElement> {
  const r = render(App, {});
  destroy = r.destroy;
  await settle();
  const button = byTestId(document.body, "open-audit")!;
  expect(button.textContent?.trim()).toBe("Audit log");
  expect(byTestId(document.body, "audit-dialog")).toBeNull();
  button.focus();
  click(button);
  await settle();
  const dialog = byTestId(document.body, "audit-dialog");
  expect(dialog).not.toBeNull();
  return dialog!;
}

const cells = (row: HTMLElement) => Array.from(row.querySelectorAll("td")).map((td) => td.textContent?.trim());

describe("Audit dialog", () => {
  it("opens from the sidebar and lists the first 200 entries, who did each", async () => {
    const log = backend({ list_audit: page(LOG) });
    const dialog = await openAudit();
    expect(callsOf(log, "list_audit")).toEqual([{ filter: {}, offset: 0, limit: 200 }]);
    expect(dialog.getAttribute("role")).toBe("dialog");
    expect(dialog.querySelector("h2")?.textContent).toBe("Audit log");

    const rows = allByTestId(dialog, "audit-row");
    expect(rows.map(cells)).toEqual([
      ["5 min ago", "ada", "Alpha", "Key revoked", "ka_1", "—", "OK"],
      ["1 h ago", "bob", "Bravo", "Key created", "—", "—", "failed: vendor 500"],
      ["2 h ago", "ada", "All connections", "Exported", "—", "inventory csv, 2 connections, 9 keys", "OK"],
      ["3 h ago", "unknown", "Alpha", "Key disabled", "ka_2", "—", "refused: read-only"],
    ]);
    expect(Array.from(dialog.querySelectorAll("th")).map((th) => th.textContent)).toContain("Who");
    const time = rows[0].querySelector("time")!;
    expect(time.getAttribute("title")).toBeTruthy();
    expect(time.getAttribute("title")).not.toBe("5 min ago");
    expect(byTestId(dialog, "audit-count")?.textContent).toBe("4 actions");

    const outcomes = allByTestId(dialog, "audit-outcome");
    expect(outcomes[0].classList.contains("badge-success")).toBe(true);
    expect(outcomes.map((o) => o.dataset.outcome)).toEqual(["ok", "failed", "ok", "refused"]);
    expect(byTestId(dialog, "audit-more")).toBeNull();
  });

  it("asks Rust again for each filter: connection, action, from and to days", async () => {
    const log = backend({ list_audit: page(LOG) });
    const dialog = await openAudit();
    const select = byTestId(dialog, "audit-filter") as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(["All connections", "Alpha", "Bravo"]);
    expect(dialog.querySelector(`label[for="${select.id}"]`)?.textContent).toBe("Connection");

    typeInto(select, "p-a");
    await settle();
    const action = byTestId(dialog, "audit-action") as HTMLSelectElement;
    expect(dialog.querySelector(`label[for="${action.id}"]`)?.textContent).toBe("Action");
    typeInto(action, "keyCopied");
    await settle();
    typeInto(byTestId(dialog, "audit-from"), "2026-03-03");
    await settle();
    typeInto(byTestId(dialog, "audit-to"), "2026-03-05");
    await settle();
    expect(callsOf(log, "list_audit").slice(1)).toEqual([
      { filter: { connectionId: "p-a" }, offset: 0, limit: 200 },
      { filter: { connectionId: "p-a", actions: ["keyCopied"] }, offset: 0, limit: 200 },
      { filter: { connectionId: "p-a", actions: ["keyCopied"], from: new Date(2026, 2, 3).toISOString() }, offset: 0, limit: 200 },
      {
        filter: {
          connectionId: "p-a",
          actions: ["keyCopied"],
          from: new Date(2026, 2, 3).toISOString(),
          before: new Date(2026, 2, 6).toISOString(),
        },
        offset: 0,
        limit: 200,
      },
    ]);

    click(byTestId(dialog, "audit-clear"));
    await settle();
    expect(callsOf(log, "list_audit").at(-1)).toEqual({ filter: {}, offset: 0, limit: 200 });
    expect(select.value).toBe("");
    expect(byTestId(dialog, "audit-clear")).toBeNull();
  });

  it("keeps the filters when nothing matches them", async () => {
    const filtered = (payload: unknown) => Object.keys((payload as { filter: object }).filter).length > 0;
    backend({ list_audit: (payload: unknown) => (filtered(payload) ? { ...page([]), connections: CONNECTIONS } : page(LOG)) });
    const dialog = await openAudit();
    typeInto(byTestId(dialog, "audit-action"), "signedOut");
    await settle();
    expect(byTestId(dialog, "audit-none")?.textContent).toBe("No actions match these filters.");
    expect(byTestId(dialog, "audit-empty")).toBeNull();
    expect(byTestId(dialog, "audit-filter")).not.toBeNull();
    expect(byTestId(dialog, "audit-count")?.textContent).toBe("0 actions");
  });

  it("pages past the first 200 with the same filter", async () => {
    const log = backend({ list_audit: paged(230) });
    const dialog = await openAudit();
    expect(allByTestId(dialog, "audit-row")).toHaveLength(200);
    expect(byTestId(dialog, "audit-count")?.textContent).toBe("200 of 230 actions shown");
    typeInto(byTestId(dialog, "audit-filter"), "p-a");
    await settle();

    const more = byTestId(dialog, "audit-more")!;
    expect(more.textContent?.trim()).toBe("Show 30 more");
    click(more);
    await settle();
    expect(callsOf(log, "list_audit").at(-1)).toEqual({ filter: { connectionId: "p-a" }, offset: 200, limit: 200 });
    const rows = allByTestId(dialog, "audit-row");
    expect(rows).toHaveLength(230);
    expect(cells(rows[229])[4]).toBe("k_229");
    expect(byTestId(dialog, "audit-count")?.textContent).toBe("230 actions");
    expect(byTestId(dialog, "audit-more")).toBeNull();
  });

  it("exports the filtered view as CSV and tells where it was saved; nothing when cancelled", async () => {
    const answers: Array<string | null> = ["/home/me/keyturn-audit.csv", null];
    const log = backend({ list_audit: page(LOG), export_audit: () => answers.shift() });
    const dialog = await openAudit();

    click(byTestId(dialog, "export-audit"));
    await settle();
    expect(callsOf(log, "export_audit")).toEqual([{ filter: {} }]);
    expect(allByTestId(document.body, "toast").map((t) => t.textContent?.trim())).toEqual([
      "Saved to /home/me/keyturn-audit.csv",
    ]);

    typeInto(byTestId(dialog, "audit-filter"), "p-b");
    await settle();
    typeInto(byTestId(dialog, "audit-action"), "create");
    await settle();
    click(byTestId(dialog, "export-audit"));
    await settle();
    expect(callsOf(log, "export_audit")[1]).toEqual({ filter: { connectionId: "p-b", actions: ["create"] } });
    expect(allByTestId(document.body, "toast")).toHaveLength(1);
  });

  it("shows why an export failed", async () => {
    backend({
      list_audit: page(LOG),
      export_audit: () => Promise.reject({ kind: "storage", detail: "disk full" }),
    });
    const dialog = await openAudit();
    click(byTestId(dialog, "export-audit"));
    await settle();
    expect(byTestId(dialog, "error-message")).not.toBeNull();
    expect(allByTestId(document.body, "toast")).toHaveLength(0);
    expect(allByTestId(dialog, "audit-row")).toHaveLength(4);
  });

  it("says so when there is no audit yet", async () => {
    backend({ list_audit: page([]) });
    const dialog = await openAudit();
    expect(byTestId(dialog, "audit-empty")?.textContent).toBe("No actions yet.");
    expect(allByTestId(dialog, "audit-row")).toHaveLength(0);
    expect(byTestId(dialog, "audit-filter")).toBeNull();
  });

  it("shows loading, then a load error with a retry that works", async () => {
    const first = deferred<AuditPage>();
    let calls = 0;
    backend({ list_audit: () => (calls++ === 0 ? first.promise : page(LOG)) });
    const dialog = await openAudit();
    expect(byTestId(dialog, "loading-indicator")).not.toBeNull();

    first.reject({ kind: "storage", detail: "audit log unreadable" });
    await settle();
    expect(byTestId(dialog, "loading-indicator")).toBeNull();
    const alert = byTestId(dialog, "error-message")!;
    click(Array.from(alert.querySelectorAll("button")).find((b) => b.textContent?.trim() === "Try again")!);
    await settle();
    expect(byTestId(dialog, "error-message")).toBeNull();
    expect(allByTestId(dialog, "audit-row")).toHaveLength(4);
  });

  it("lists what it could read and says which lines of the log it skipped", async () => {
    backend({ list_audit: page(LOG, [2, 5]) });
    const dialog = await openAudit();
    expect(allByTestId(dialog, "audit-row")).toHaveLength(4);
    expect(byTestId(dialog, "audit-skipped")?.textContent).toBe(
      "2 lines of the audit log could not be read and are left out (lines 2, 5).",
    );
    expect(byTestId(dialog, "error-message")).toBeNull();
  });

  it("mentions no skipped line when every line was read", async () => {
    backend({ list_audit: page(LOG) });
    const dialog = await openAudit();
    expect(byTestId(dialog, "audit-skipped")).toBeNull();
  });

  it("closes on Escape and gives focus back to the Audit button", async () => {
    backend({ list_audit: page(LOG) });
    const dialog = await openAudit();
    press(dialog, "Escape");
    expect(byTestId(document.body, "audit-dialog")).toBeNull();
    expect(document.activeElement).toBe(byTestId(document.body, "open-audit"));
  });
});
