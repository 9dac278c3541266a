// The keys view as a list: columns, cells, badges, search, filters, sort,
// virtualization, details, export and shortcuts.
import { afterEach, describe, expect, it } from "vitest";
import { flushSync } from "svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import KeysView from "./KeysView.svelte";
import type { ApiKey, Capabilities, KeyList } from "../lib/bindings";
import { clearToasts, toasts } from "../lib/ui/toasts.svelte";
import { ROW_HEIGHT } from "./keys/KeyTable.svelte";
import {
  allByTestId,
  apiKey,
  byTestId,
  callsOf,
  capabilities,
  click,
  mockBackend,
  press,
  connection,
  render,
  settle,
  typeInto,
  wait,
  type Handler,
} from "../test/helpers";

let destroy: (() => void) | null = null;

afterEach(() => {
  destroy?.();
  destroy = null;
  clearMocks();
  clearToasts();
});

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();

function list(keys: ApiKey[], caps: Partial<Capabilities> = {}): KeyList {
  return { connectionId: "p-sandbox", keys, capabilities: capabilities(caps), fetchedAt: new Date().toISOString() };
}

function show(answer: KeyList, handlers: Record<string, Handler | unknown> = {}, p = connection()) {
  const log = mockBackend({ list_keys: answer, ...handlers });
  const r = render(KeysView, { connection: p, vendorName: "Veryfi" });
  destroy = r.destroy;
  return { target: r.target, log };
}

const toastTexts = () => toasts.items.map((t) => t.message);
const rowIds = (t: HTMLElement) => allByTestId(t, "key-row").map((r) => r.dataset.keyId);
const headers = (t: HTMLElement) => Array.from(t.querySelectorAll("th")).map((th) => th.textContent?.trim());

function cellTexts(row: HTMLElement): string[] {
  return Array.from(row.querySelectorAll("td")).map((td) => td.textContent?.trim() ?? "");
}

const FULL: Partial<Capabilities> = {
  nameLabel: "Label",
  lastUsed: { at: true, ip: true, userAgent: true, requestCount: true },
  scopeChoice: "any",
  scopes: ["read", "write"],
  environments: ["live", "sandbox"],
};

describe("columns", () => {
  it("heads the name column with the vendor's word and shows every column", async () => {
    const { target } = show(list([apiKey("k1")], FULL));
    await settle();
    expect(headers(target)).toEqual([
      "Label",
      "Key",
      "Scopes",
      "Environment",
      "Status",
      "Created",
      "Expires",
      "Last used",
      "Last IP",
      "Client",
      "Requests",
    ]);
  });

  it("says 'not reported' where the vendor reports nothing, never a blank", async () => {
    const { target } = show(list([apiKey("k1", { maskedPrefix: "ab12" })]));
    await settle();
    const [name, key, scopes, env, status, , expires, lastUsed, ip, client, requests] = cellTexts(
      allByTestId(target, "key-row")[0],
    );
    expect(name).toContain("k1");
    expect(key).toBe("ab12••••");
    expect([scopes, env, lastUsed, ip, client, requests]).toEqual(Array(6).fill("not reported"));
    expect(status).toBe("Active");
    expect(expires).toBe("no expiry");
  });

  it("shows the last use relative with the exact time, and a readable client with the full User-Agent", async () => {
    const ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    const { target } = show(
      list(
        [
          apiKey("k1", {
            name: "web",
            scopes: ["read"],
            environment: "live",
            lastUsed: { state: "used", at: ago(3 * DAY + 60_000), ip: "203.0.113.5", userAgent: ua },
            requestCount: 1234567,
          }),
          apiKey("k2", { lastUsed: { state: "never" }, requestCount: 0 }),
        ],
        FULL,
      ),
    );
    await settle();
    const [used, never] = allByTestId(target, "key-row");
    const cells = cellTexts(used);
    expect(cells.slice(2, 4)).toEqual(["read", "live"]);
    expect(cells.slice(7)).toEqual(["3 days ago", "203.0.113.5", "Chrome 126", "1,234,567"]);
    const tds = used.querySelectorAll("td");
    expect(tds[7].querySelector("[title]")?.getAttribute("title")).toMatch(/\d{4}, \d{2}:\d{2}:\d{2}/);
    expect(tds[9].querySelector("[title]")?.getAttribute("title")).toBe(ua);

    expect(cellTexts(never).slice(7)).toEqual(["never", "never", "never", "0"]);
  });

  it("marks stale, expiring and expired keys", async () => {
    const { target } = show(
      list(
        [
          apiKey("stale", { lastUsed: { state: "used", at: ago(91 * DAY), ip: null, userAgent: null } }),
          apiKey("unused", { lastUsed: { state: "never" }, createdAt: ago(31 * DAY) }),
          apiKey("soon", { expiresAt: ahead(5 * DAY) }),
          apiKey("gone", { expiresAt: ago(DAY) }),
          apiKey("fine", { lastUsed: { state: "used", at: ago(DAY), ip: null, userAgent: null } }),
        ],
        FULL,
      ),
    );
    await settle();
    const row = (id: string) => target.querySelector<HTMLElement>(`[data-key-id="${id}"]`)!;
    expect(byTestId(row("stale"), "badge-stale")).not.toBeNull();
    expect(byTestId(row("unused"), "badge-stale")).not.toBeNull();
    expect(byTestId(row("soon"), "badge-expiring")).not.toBeNull();
    expect(byTestId(row("gone"), "key-status")?.textContent).toBe("Expired");
    expect(byTestId(row("fine"), "badge-stale")).toBeNull();
    expect(byTestId(row("fine"), "badge-expiring")).toBeNull();
    expect(byTestId(row("fine"), "key-status")?.textContent).toBe("Active");
  });

  it("flags a row Keyturn could not fully read, with the reason, and leaves the others alone", async () => {
    const why = "Keyturn could not read all of this key's details from Veryfi: its creation date \"x\".";
    const { target } = show(list([apiKey("odd", { problem: why }), apiKey("fine")], FULL));
    await settle();
    const row = (id: string) => target.querySelector<HTMLElement>(`[data-key-id="${id}"]`)!;
    expect(byTestId(row("odd"), "badge-problem")?.getAttribute("title")).toBe(why);
    expect(byTestId(row("fine"), "badge-problem")).toBeNull();
    click(row("odd"));
    await settle();
    expect(byTestId(target, "detail-problem")?.textContent).toBe(why);
  });
});

describe("search, filters and sort", () => {
  const KEYS = [
    apiKey("key_a", { name: "billing", environment: "live", lastUsed: { state: "used", at: ago(DAY), ip: "198.51.100.7", userAgent: "curl/8.5.0" } }),
    apiKey("key_b", { name: "analytics", environment: "sandbox", status: "disabled" }),
    apiKey("key_c", { name: "deploy", environment: "live", status: "revoked" }),
  ];

  it("searches after a short pause, across name, IP and client", async () => {
    const { target } = show(list(KEYS, FULL));
    await settle();
    const box = byTestId(target, "key-search") as HTMLInputElement;

    typeInto(box, "curl");
    // Typing does not filter at once…
    expect(rowIds(target)).toEqual(["key_a", "key_b", "key_c"]);
    await wait(200);
    flushSync();
    expect(rowIds(target)).toEqual(["key_a"]);
    expect(byTestId(target, "filter-count")?.textContent?.trim()).toBe("Showing 1 of 3");

    typeInto(box, "198.51.100");
    await wait(200);
    flushSync();
    expect(rowIds(target)).toEqual(["key_a"]);

    typeInto(box, "nothing-like-this");
    await wait(200);
    flushSync();
    expect(rowIds(target)).toEqual([]);
    expect(byTestId(target, "no-matches")).not.toBeNull();
  });

  it("filters by status and environment", async () => {
    const { target } = show(list(KEYS, FULL));
    await settle();
    typeInto(byTestId(target, "filter-status"), "disabled");
    await settle();
    expect(rowIds(target)).toEqual(["key_b"]);
    typeInto(byTestId(target, "filter-status"), "all");
    await settle();
    typeInto(byTestId(target, "filter-environment"), "live");
    await settle();
    expect(rowIds(target)).toEqual(["key_a", "key_c"]);
  });

  it("hides the environment filter when no key has one", async () => {
    const { target } = show(list([apiKey("k")]));
    await settle();
    expect(byTestId(target, "filter-environment")).toBeNull();
    expect(byTestId(target, "filter-status")).not.toBeNull();
  });

  it("sorts by a clicked header, flips on the second click, and says so with aria-sort", async () => {
    const { target } = show(list(KEYS, FULL));
    await settle();
    const th = byTestId(target, "column-name")!;
    expect(th.getAttribute("aria-sort")).toBe("none");

    click(byTestId(target, "sort-name"));
    await settle();
    expect(rowIds(target)).toEqual(["key_b", "key_a", "key_c"]);
    expect(th.getAttribute("aria-sort")).toBe("ascending");

    click(byTestId(target, "sort-name"));
    await settle();
    expect(rowIds(target)).toEqual(["key_c", "key_a", "key_b"]);
    expect(th.getAttribute("aria-sort")).toBe("descending");

    click(byTestId(target, "sort-status"));
    await settle();
    expect(th.getAttribute("aria-sort")).toBe("none");
    expect(byTestId(target, "column-status")?.getAttribute("aria-sort")).toBe("ascending");
    expect(rowIds(target)).toEqual(["key_a", "key_b", "key_c"]);
  });
});

describe("10,000 keys", () => {
  const MANY = Array.from({ length: 10_000 }, (_, i) =>
    apiKey(`key_${String(i).padStart(5, "0")}`, { name: `svc-${String(9_999 - i).padStart(5, "0")}` }),
  );

  function scroller(target: HTMLElement): HTMLElement {
    return byTestId(target, "key-table")!.parentElement!;
  }

  it("renders only a window of rows, and the summary counts them all", async () => {
    const { target } = show(list(MANY));
    await settle();
    const rows = allByTestId(target, "key-row");
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0].dataset.keyId).toBe("key_00000");
    expect(byTestId(target, "key-table")?.getAttribute("aria-rowcount")).toBe("10001");
    expect(byTestId(target, "key-summary")?.textContent).toBe("10000 keys");
    // Spacer rows keep the scroll height of the full list.
    const spacer = target.querySelector<HTMLElement>("tbody tr.spacer:last-child");
    expect(parseInt(spacer!.style.height, 10)).toBe((10_000 - rows.length) * ROW_HEIGHT);
  });

  it("renders the rows under the scroll position", async () => {
    const { target } = show(list(MANY));
    await settle();
    const s = scroller(target);
    s.scrollTop = 5_000 * ROW_HEIGHT;
    s.dispatchEvent(new Event("scroll"));
    flushSync();
    await settle();
    const ids = rowIds(target);
    expect(ids).toContain("key_05000");
    expect(ids).not.toContain("key_00000");
    expect(ids.length).toBeLessThan(60);
    const first = allByTestId(target, "key-row")[0];
    expect(Number(first.getAttribute("aria-rowindex"))).toBe(Number(ids[0]!.slice(4)) + 2);
  });

  it("sorting changes the first row", async () => {
    const { target } = show(list(MANY));
    await settle();
    click(byTestId(target, "sort-name"));
    await settle();
    expect(rowIds(target)[0]).toBe("key_09999");
    click(byTestId(target, "sort-name"));
    await settle();
    expect(rowIds(target)[0]).toBe("key_00000");
    expect(allByTestId(target, "key-row").length).toBeLessThan(60);
  });

  it("moves the selection with the keyboard and scrolls to it", async () => {
    const { target } = show(list(MANY));
    await settle();
    const table = byTestId(target, "key-table")!;
    table.focus();

    press(table, "ArrowDown");
    await settle();
    expect(target.querySelector("[aria-selected=true]")?.getAttribute("data-key-id")).toBe("key_00000");
    expect(byTestId(target, "key-detail")?.textContent).toContain("key_00000");
    press(table, "ArrowDown");
    await settle();
    expect(target.querySelector("[aria-selected=true]")?.getAttribute("data-key-id")).toBe("key_00001");

    press(table, "End");
    await settle();
    await settle();
    expect(scroller(target).scrollTop).toBeGreaterThan(9_000 * ROW_HEIGHT);
    const selected = target.querySelector("[aria-selected=true]");
    expect(selected?.getAttribute("data-key-id")).toBe("key_09999");
    expect(table.getAttribute("aria-activedescendant")).toBe(selected?.id);

    press(table, "Home");
    await settle();
    expect(scroller(target).scrollTop).toBe(0);
    expect(target.querySelector("[aria-selected=true]")?.getAttribute("data-key-id")).toBe("key_00000");
  });
});

describe("details", () => {
  it("shows everything known about the selected key and copies its id", async () => {
    const { target, log } = show(
      list(
        [
          apiKey("key_42", {
            name: "ci",
            description: "GitHub Actions deploys",
            maskedPrefix: "vk_live_4",
            metadata: { team: "platform" },
            lastUsed: { state: "used", at: ago(DAY), ip: "192.0.2.1", userAgent: "python-requests/2.31.0" },
          }),
        ],
        FULL,
      ),
      { copy_text: null },
    );
    await settle();
    click(allByTestId(target, "key-row")[0]);

    const detail = byTestId(target, "key-detail")!;
    expect(detail.textContent).toContain("GitHub Actions deploys");
    expect(detail.textContent).toContain("192.0.2.1");
    expect(detail.textContent).toContain("Python requests 2.31");
    expect(byTestId(detail, "detail-user-agent")?.textContent).toBe("python-requests/2.31.0");
    expect(detail.textContent).toContain("team: platform");

    click(byTestId(detail, "copy-key-id"));
    await settle();
    expect(callsOf(log, "copy_text")).toEqual([{ text: "key_42" }]);
    expect(toastTexts()).toEqual(["Key ID copied."]);

    click(byTestId(detail, "key-detail-close"));
    expect(byTestId(target, "key-detail")).toBeNull();
  });
});

describe("export", () => {
  it("exports as CSV and tells where the file went", async () => {
    const { target, log } = show(list([apiKey("k")]), { export_keys: "/home/ops/keys.csv" });
    await settle();
    click(byTestId(target, "export-keys"));
    click(byTestId(target, "export-csv"));
    await settle();
    expect(callsOf(log, "export_keys")).toEqual([{ connectionId: "p-sandbox", format: "csv" }]);
    expect(toastTexts()).toEqual(["Exported to /home/ops/keys.csv"]);
  });

  it("says nothing when the save dialog is cancelled", async () => {
    const { target, log } = show(list([apiKey("k")]), { export_keys: null });
    await settle();
    click(byTestId(target, "export-keys"));
    click(byTestId(target, "export-json"));
    await settle();
    expect(callsOf(log, "export_keys")).toEqual([{ connectionId: "p-sandbox", format: "json" }]);
    expect(toastTexts()).toEqual([]);
  });
});

describe("shortcuts", () => {
  it("Ctrl+F focuses the search box and Ctrl+R refreshes", async () => {
    const { target, log } = show(list([apiKey("k")]));
    await settle();

    const f = press(window, "f", { ctrlKey: true });
    expect(f.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(byTestId(target, "key-search"));

    const r = press(window, "r", { ctrlKey: true });
    expect(r.defaultPrevented).toBe(true);
    await settle();
    expect(callsOf(log, "list_keys")).toHaveLength(2);
  });
});
