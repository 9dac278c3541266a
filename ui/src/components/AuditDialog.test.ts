import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import type { AuditEntry, AuditRead } from "../lib/bindings";
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
  { at: ago(5 * MIN), connectionId: "p-a", connectionName: "Alpha", vendor: "veryfi", action: "revoke", keyId: "ka_1", outcome: "ok" },
  { at: ago(65 * MIN), connectionId: "p-b", connectionName: "Bravo", vendor: "kayle", action: "create", keyId: null, outcome: "failed: vendor 500" },
  { at: ago(3 * 60 * MIN), connectionId: "p-a", connectionName: "Alpha", vendor: "veryfi", action: "disable", keyId: "ka_2", outcome: "refused: read-only" },
];

const read = (entries: AuditEntry[], skippedLines: number[] = []): AuditRead => ({ entries, skippedLines });

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
  it("opens from the sidebar and lists the latest 200 entries", async () => {
    const log = backend({ list_audit: read(LOG) });
    const dialog = await openAudit();
    expect(callsOf(log, "list_audit")).toEqual([{ limit: 200 }]);
    expect(dialog.getAttribute("role")).toBe("dialog");
    expect(dialog.querySelector("h2")?.textContent).toBe("Audit log");

    const rows = allByTestId(dialog, "audit-row");
    expect(rows.map(cells)).toEqual([
      ["5 min ago", "Alpha", "Revoked", "ka_1", "OK"],
      ["1 h ago", "Bravo", "Created", "—", "failed: vendor 500"],
      ["3 h ago", "Alpha", "Disabled", "ka_2", "refused: read-only"],
    ]);
    const time = rows[0].querySelector("time")!;
    expect(time.getAttribute("title")).toBeTruthy();
    expect(time.getAttribute("title")).not.toBe("5 min ago");

    const outcomes = allByTestId(dialog, "audit-outcome");
    expect(outcomes[0].classList.contains("badge-success")).toBe(true);
    expect(outcomes.map((o) => o.dataset.outcome)).toEqual(["ok", "failed", "refused"]);
    expect(outcomes[1].classList.contains("outcome-error")).toBe(true);
    expect(outcomes[2].classList.contains("outcome-error")).toBe(true);
  });

  it("narrows the rows to one connection", async () => {
    backend({ list_audit: read(LOG) });
    const dialog = await openAudit();
    const select = byTestId(dialog, "audit-filter") as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(["All connections", "Alpha", "Bravo"]);
    expect(select.value).toBe("");

    typeInto(select, "p-a");
    expect(allByTestId(dialog, "audit-row").map((r) => cells(r)[3])).toEqual(["ka_1", "ka_2"]);
    typeInto(select, "p-b");
    expect(allByTestId(dialog, "audit-row").map((r) => cells(r)[2])).toEqual(["Created"]);
    typeInto(select, "");
    expect(allByTestId(dialog, "audit-row")).toHaveLength(3);
  });

  it("exports as CSV and tells where it was saved; nothing when cancelled", async () => {
    const answers: Array<string | null> = ["/home/me/keyturn-audit.csv", null];
    const log = backend({ list_audit: read(LOG), export_audit: () => answers.shift() });
    const dialog = await openAudit();

    click(byTestId(dialog, "export-audit"));
    await settle();
    expect(callsOf(log, "export_audit")).toHaveLength(1);
    expect(allByTestId(document.body, "toast").map((t) => t.textContent?.trim())).toEqual([
      "Saved to /home/me/keyturn-audit.csv",
    ]);

    click(byTestId(dialog, "export-audit"));
    await settle();
    expect(callsOf(log, "export_audit")).toHaveLength(2);
    expect(allByTestId(document.body, "toast")).toHaveLength(1);
  });

  it("shows why an export failed", async () => {
    backend({
      list_audit: read(LOG),
      export_audit: () => Promise.reject({ kind: "storage", detail: "disk full" }),
    });
    const dialog = await openAudit();
    click(byTestId(dialog, "export-audit"));
    await settle();
    expect(byTestId(dialog, "error-message")).not.toBeNull();
    expect(allByTestId(document.body, "toast")).toHaveLength(0);
    expect(allByTestId(dialog, "audit-row")).toHaveLength(3);
  });

  it("says so when there is no audit yet", async () => {
    backend({ list_audit: read([]) });
    const dialog = await openAudit();
    expect(byTestId(dialog, "audit-empty")?.textContent).toBe("No key actions yet.");
    expect(allByTestId(dialog, "audit-row")).toHaveLength(0);
    expect(byTestId(dialog, "audit-filter")).toBeNull();
  });

  it("shows loading, then a load error with a retry that works", async () => {
    const first = deferred<AuditRead>();
    let calls = 0;
    backend({ list_audit: () => (calls++ === 0 ? first.promise : read(LOG)) });
    const dialog = await openAudit();
    expect(byTestId(dialog, "loading-indicator")).not.toBeNull();

    first.reject({ kind: "storage", detail: "audit log unreadable" });
    await settle();
    expect(byTestId(dialog, "loading-indicator")).toBeNull();
    const alert = byTestId(dialog, "error-message")!;
    click(Array.from(alert.querySelectorAll("button")).find((b) => b.textContent?.trim() === "Try again")!);
    await settle();
    expect(byTestId(dialog, "error-message")).toBeNull();
    expect(allByTestId(dialog, "audit-row")).toHaveLength(3);
  });

  it("lists what it could read and says which lines of the log it skipped", async () => {
    backend({ list_audit: read(LOG, [2, 5]) });
    const dialog = await openAudit();
    expect(allByTestId(dialog, "audit-row")).toHaveLength(3);
    expect(byTestId(dialog, "audit-skipped")?.textContent).toBe(
      "2 lines of the audit log could not be read and are left out (lines 2, 5).",
    );
    expect(byTestId(dialog, "error-message")).toBeNull();
  });

  it("mentions no skipped line when every line was read", async () => {
    backend({ list_audit: read(LOG) });
    const dialog = await openAudit();
    expect(byTestId(dialog, "audit-skipped")).toBeNull();
  });

  it("closes on Escape and gives focus back to the Audit button", async () => {
    backend({ list_audit: read(LOG) });
    const dialog = await openAudit();
    press(dialog, "Escape");
    expect(byTestId(document.body, "audit-dialog")).toBeNull();
    expect(document.activeElement).toBe(byTestId(document.body, "open-audit"));
  });
});
