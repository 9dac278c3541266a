// Shared helpers for component tests (not a test file itself).
import { flushSync, mount, unmount, type Component } from "svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type { InvokeArgs } from "@tauri-apps/api/core";
import type {
  ApiKey,
  AttentionItem,
  AttentionSummary,
  Capabilities,
  CommandError,
  KeyList,
  ConnectionSummary,
} from "../lib/bindings";
import { PAGE_SIZE } from "../lib/keys/keysController.svelte";
import { HeldKeys, NO_KEY_QUERY } from "./keysBackend";

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Let pending promises (IPC mocks, component handlers) run, then flush Svelte updates. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
}

export function render<Props extends Record<string, unknown>>(
  component: Component<Props>,
  props: Props,
): { target: HTMLElement; destroy: () => void } {
  const target = document.createElement("div");
  document.body.appendChild(target);
  const instance = mount(component, { target, props });
  flushSync();
  return {
    target,
    destroy: () => {
      void unmount(instance);
      target.remove();
    },
  };
}

export function click(el: Element | null): void {
  if (!(el instanceof HTMLElement)) throw new Error("click target missing");
  el.click();
  flushSync();
}

export function byTestId(root: ParentNode, id: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
}

export function allByTestId(root: ParentNode, id: string): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
}

export function connection(overrides: Partial<ConnectionSummary> = {}): ConnectionSummary {
  return {
    id: "p-sandbox",
    name: "Acme Sandbox",
    vendor: "veryfi",
    environment: "sandbox",
    readOnly: false,
    baseUrl: "https://vendor.example.invalid",
    accountLabel: null,
    account: {},
    builtin: false,
    problem: null,
    signedOut: false,
    ...overrides,
  };
}

export function apiKey(id: string, overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id,
    name: null,
    description: null,
    maskedPrefix: `${id.slice(-2)}pk`,
    scopes: [],
    environment: null,
    status: "active",
    createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    expiresAt: null,
    revokedAt: null,
    lastUsed: { state: "notReported" },
    requestCount: null,
    metadata: {},
    ...overrides,
  };
}

export function attentionItem(overrides: Partial<AttentionItem> = {}): AttentionItem {
  const kind = overrides.kind ?? "expiring";
  const connectionId = overrides.connectionId ?? "p-sandbox";
  const keyId = overrides.keyId === undefined ? "k1" : overrides.keyId;
  return {
    id: `${kind}:${connectionId}:${keyId ?? "-"}`,
    kind,
    severity: "warning",
    connectionId,
    connectionName: "Acme Sandbox",
    keyId,
    keyName: keyId === null ? null : `Key ${keyId}`,
    rotationId: null,
    why: "It expires in 5 days (9 Dec 2026).",
    deadline: null,
    actions: ["rotate", "snooze"],
    asOf: new Date().toISOString(),
    ...overrides,
  };
}

/** The summary the backend would answer for `items`, with counts worked out. */
export function attentionSummary(items: AttentionItem[], snoozed: AttentionSummary["snoozed"] = []): AttentionSummary {
  const counts = new Map<string, AttentionSummary["connections"][number]>();
  const of = (id: string) => {
    let c = counts.get(id);
    if (!c) counts.set(id, (c = { connectionId: id, critical: 0, warning: 0, info: 0, snoozed: 0, more: 0 }));
    return c;
  };
  for (const i of items) of(i.connectionId)[i.severity]++;
  for (const s of snoozed) of(s.item.connectionId).snoozed++;
  return { items, snoozed, connections: [...counts.values()] };
}

export function capabilities(overrides: Partial<Capabilities> = {}): Capabilities {
  return {
    nameLabel: "Name",
    maxKeys: null,
    maxNameLength: null,
    canReset: false,
    canDisable: false,
    canRename: false,
    lastKeyRevocable: true,
    revokedKeysListed: false,
    lastUsed: { at: false, ip: false, userAgent: false, requestCount: false },
    scopeChoice: "none",
    scopes: [],
    defaultScopes: [],
    environments: [],
    createFields: [],
    ...overrides,
  };
}

export function keyList(
  connectionId: string,
  keys: ApiKey[],
  maxKeys: number | null = null,
  fetchedAt: string = new Date().toISOString(),
): KeyList {
  return {
    connectionId,
    keys,
    capabilities: capabilities({ maxKeys }),
    fetchedAt,
  };
}

export function vendorError(
  overrides: Partial<Extract<CommandError, { kind: "vendor" }>> = {},
): CommandError {
  return {
    kind: "vendor",
    reason: "server",
    status: null,
    code: null,
    message: "vendor said something",
    requestId: null,
    retryAfterSeconds: null,
    field: null,
    orphanCandidates: [],
    orphanCheckFailed: false,
    ...overrides,
  };
}

/** What the keys view sends with list_keys besides the connection: no query, one page. */
export const LISTED = { query: NO_KEY_QUERY, limit: PAGE_SIZE } as const;

export type Handler = (payload: InvokeArgs | undefined) => unknown;

export interface Call {
  cmd: string;
  payload?: InvokeArgs;
}

/**
 * Mocks the backend with one handler (or fixed answer) per command; any
 * other command rejects. The keys commands work as Rust's (see keysBackend.ts):
 * a list_keys answer may be a whole `KeyList`. Returns the log of every call.
 */
export function mockBackend(given: Record<string, Handler | unknown>): Call[] {
  const log: Call[] = [];
  const handlers = new HeldKeys().around(given);
  mockIPC((cmd, payload) => {
    log.push({ cmd, payload });
    if (!(cmd in handlers)) return Promise.reject(`unexpected command ${cmd}`);
    const h = handlers[cmd];
    return typeof h === "function" ? (h as Handler)(payload) : h;
  }, { shouldMockEvents: true });
  return log;
}

/** What Rust sends the page as an event, e.g. the window menu's choice. */
export async function emitEvent(event: string, payload: unknown): Promise<void> {
  await emit(event, payload);
  await settle();
}

export function callsOf(log: Call[], cmd: string): Array<InvokeArgs | undefined> {
  return log.filter((c) => c.cmd === cmd).map((c) => c.payload);
}

/** Fires a keydown on `target` (bubbling, like a real key press). */
export function press(
  target: EventTarget,
  key: string,
  mods: Partial<Pick<KeyboardEventInit, "ctrlKey" | "metaKey" | "shiftKey" | "altKey">> = {},
): KeyboardEvent {
  const e = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...mods });
  target.dispatchEvent(e);
  flushSync();
  return e;
}

/**
 * Browsers move focus to the body when the focused element becomes disabled
 * (the HTML focus fixup rule); jsdom leaves it there. Returns a function that stops.
 */
export function emulateFocusFixup(): () => void {
  const observer = new MutationObserver(() => {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !active.hasAttribute("disabled")) return;
    // jsdom will not blur a disabled element: enable it for the moment it takes.
    active.removeAttribute("disabled");
    active.blur();
    active.setAttribute("disabled", "");
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ["disabled"], subtree: true });
  return () => observer.disconnect();
}

/** Types `value` into an input, select or textarea the way a user would (input + change events). */
export function typeInto(el: Element | null, value: string): void {
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)) {
    throw new Error("typeInto target is not a form control");
  }
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
  flushSync();
}

export function buttonByText(root: ParentNode, text: string): HTMLButtonElement | null {
  return (
    Array.from(root.querySelectorAll<HTMLButtonElement>("button")).find((b) => b.textContent?.trim() === text) ?? null
  );
}

export function wait(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

