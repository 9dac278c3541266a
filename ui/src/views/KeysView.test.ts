import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { InvokeArgs } from "@tauri-apps/api/core";
import KeysView from "./KeysView.svelte";
import type { KeyList } from "../lib/bindings";
import { describeError } from "../lib/errors";
import {
  allByTestId,
  apiKey,
  byTestId,
  click,
  deferred,
  keyList,
  LISTED,
  mockBackend,
  connection,
  render,
  settle,
  vendorError,
} from "../test/helpers";

let destroy: (() => void) | null = null;

afterEach(() => {
  destroy?.();
  destroy = null;
  clearMocks();
});

function show(p = connection()) {
  const r = render(KeysView, { connection: p, vendorName: "Veryfi" });
  destroy = r.destroy;
  return r.target;
}

/** Mocks list_keys with a queue of answers (a value, an Error-like rejection, or a promise). */
function mockListKeys(...answers: Array<KeyList | { reject: unknown } | Promise<KeyList>>) {
  const calls: Array<InvokeArgs | undefined> = [];
  mockBackend({
    list_keys: (payload: InvokeArgs | undefined) => {
      calls.push(payload);
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
      if (answer && typeof answer === "object" && "reject" in answer) {
        return Promise.reject(answer.reject);
      }
      return answer;
    },
  });
  return calls;
}

function rowIds(target: HTMLElement): string[] {
  return allByTestId(target, "key-row").map((r) => r.dataset.keyId ?? "");
}

describe("KeysView", () => {
  it("lists the keys returned for the connection", async () => {
    const calls = mockListKeys(
      keyList("p-sandbox", [
        apiKey("key_101", { maskedPrefix: "ab12" }),
        apiKey("key_202", { maskedPrefix: null, createdAt: null }),
      ]),
    );
    const target = show();
    await settle();

    expect(calls).toEqual([{ connectionId: "p-sandbox", ...LISTED }]);
    expect(rowIds(target)).toEqual(["key_101", "key_202"]);
    expect(allByTestId(target, "key-id").map((c) => c.textContent)).toEqual(["key_101", "key_202"]);

    const [first, second] = allByTestId(target, "key-row");
    expect(first.textContent).toContain("ab12••••");
    expect(first.textContent).toContain("5 min ago");
    const created = first.querySelector("[title]");
    expect(created?.getAttribute("title")).toMatch(/\d{4}, \d{2}:\d{2}:\d{2}/);
    expect(second.textContent).toContain("not reported");
    expect(second.textContent).not.toContain("•");
  });

  it("shows the connection name and environment", async () => {
    mockListKeys(keyList("p-live", []));
    const target = show(connection({ id: "p-live", name: "Acme Production", environment: "live" }));
    await settle();

    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Production");
    expect(byTestId(target, "environment-badge")?.textContent).toBe("Live");
  });

  it("shows a loading indicator until the keys arrive", async () => {
    const pending = deferred<KeyList>();
    mockListKeys(pending.promise);
    const target = show();
    await settle();

    const indicator = byTestId(target, "loading-indicator");
    expect(indicator).not.toBeNull();
    expect(indicator?.getAttribute("aria-label")).toBe("Loading keys");
    expect((byTestId(target, "refresh-button") as HTMLButtonElement).disabled).toBe(true);
    expect(rowIds(target)).toEqual([]);

    pending.resolve(keyList("p-sandbox", [apiKey("key_1")]));
    await settle();

    expect(byTestId(target, "loading-indicator")).toBeNull();
    expect((byTestId(target, "refresh-button") as HTMLButtonElement).disabled).toBe(false);
    expect(rowIds(target)).toEqual(["key_1"]);
  });

  it("shows a readable alert with the support reference when the vendor fails", async () => {
    const err = vendorError({
      reason: "unauthorized",
      status: 401,
      code: "bad_credentials",
      requestId: "req_77",
    });
    mockListKeys({ reject: err });
    const target = show();
    await settle();

    const alert = byTestId(target, "error-message");
    expect(alert?.getAttribute("role")).toBe("alert");
    expect(alert?.textContent).toContain(describeError(err));
    expect(alert?.textContent).toContain("code bad_credentials · request id req_77 · HTTP 401");
    expect(alert?.textContent).not.toContain("vendor said something");
    expect(rowIds(target)).toEqual([]);
    expect(byTestId(target, "loading-indicator")).toBeNull();
  });

  it("treats a non-CommandError rejection as an internal error", async () => {
    mockListKeys({ reject: "command list_keys not allowed" });
    const target = show();
    await settle();

    expect(byTestId(target, "error-message")?.textContent).toContain(
      describeError({ kind: "internal", detail: "" }),
    );
  });

  it("loads again when Refresh is pressed", async () => {
    const calls = mockListKeys(
      keyList("p-sandbox", [apiKey("key_1")]),
      keyList("p-sandbox", [apiKey("key_1"), apiKey("key_2")]),
    );
    const target = show();
    await settle();
    expect(calls).toHaveLength(1);

    const refresh = byTestId(target, "refresh-button");
    expect(refresh?.getAttribute("aria-label")).toBe("Refresh keys");
    click(refresh);
    expect(byTestId(target, "loading-indicator")).not.toBeNull();
    await settle();

    expect(calls).toEqual([{ connectionId: "p-sandbox", ...LISTED }, { connectionId: "p-sandbox", ...LISTED }]);
    expect(rowIds(target)).toEqual(["key_1", "key_2"]);
  });

  it("keeps the rows it has when a refresh fails, and shows the error above them", async () => {
    mockListKeys(
      keyList("p-sandbox", [apiKey("key_1"), apiKey("key_2")], 5),
      { reject: vendorError({ reason: "rateLimited", retryAfterSeconds: 12 }) },
    );
    const target = show();
    await settle();
    expect(rowIds(target)).toEqual(["key_1", "key_2"]);

    click(byTestId(target, "refresh-button"));
    await settle();

    const alert = byTestId(target, "error-message");
    expect(alert?.textContent).toContain("try again in 12 s");
    expect(rowIds(target)).toEqual(["key_1", "key_2"]);
    expect(byTestId(target, "key-summary")?.textContent).toBe("2 of 5 keys");
    const table = target.querySelector("table");
    expect(table).not.toBeNull();
    expect(alert!.compareDocumentPosition(table!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("clears the error once Try again succeeds", async () => {
    const calls = mockListKeys(
      { reject: vendorError({ reason: "timeout" }) },
      keyList("p-sandbox", [apiKey("key_9")]),
    );
    const target = show();
    await settle();
    expect(byTestId(target, "error-message")).not.toBeNull();

    const retry = Array.from(target.querySelectorAll("button")).find(
      (b) => b.textContent?.trim() === "Try again",
    );
    click(retry ?? null);
    await settle();

    expect(calls).toHaveLength(2);
    expect(byTestId(target, "error-message")).toBeNull();
    expect(rowIds(target)).toEqual(["key_9"]);
  });

  it("says when the account is at its key limit", async () => {
    mockListKeys(keyList("p-sandbox", [apiKey("key_1"), apiKey("key_2")], 2));
    const target = show();
    await settle();

    expect(byTestId(target, "key-summary")?.textContent).toBe("2 of 2 keys — at the limit");
  });

  it("counts against the limit below it, and plainly without one", async () => {
    mockListKeys(
      keyList("p-sandbox", [apiKey("key_1")], 2),
      keyList("p-sandbox", [apiKey("key_1"), apiKey("key_2"), apiKey("key_3")], null),
    );
    const target = show();
    await settle();
    expect(byTestId(target, "key-summary")?.textContent).toBe("1 of 2 keys");

    click(byTestId(target, "refresh-button"));
    await settle();
    expect(byTestId(target, "key-summary")?.textContent).toBe("3 keys");
  });

  it("says so when the account has no keys", async () => {
    mockListKeys(keyList("p-sandbox", []));
    const target = show();
    await settle();

    expect(target.textContent).toContain("This account has no keys.");
    expect(target.querySelector("table")).toBeNull();
    expect(byTestId(target, "key-summary")?.textContent).toBe("0 keys");
  });

  it("shows when the list was fetched", async () => {
    const fetchedAt = new Date(2026, 2, 12, 14, 3, 9).toISOString();
    mockListKeys(keyList("p-sandbox", [apiKey("key_1")], null, fetchedAt));
    const target = show();
    await settle();

    expect(byTestId(target, "last-refreshed")?.textContent).toBe("Last refreshed 14:03:09");
  });
});
