// The real app with its IPC mocked, for the accessibility check (a11y/check.mjs).
// Never part of the production build: vite.config.ts builds ../index.html only.
//
// Query parameters pick a scenario:
//   ?scenario=startup-error  list_connections fails (the full-page error)
//   ?scenario=trouble        a notice banner, and the live connection has a
//                            problem: its keys cannot be listed
//   ?scenario=snoozed        one attention item snoozed from the start
//   ?scenario=live           the live connection may change keys: a revoke there
//                            asks the user to confirm (no agent: the password)
//   ?scenario=interrupted    a rotation of the API keys sandbox whose create's
//                            answer was lost, waiting to be resumed
// and window.keyturnA11y.failNext(command, error) makes the next call of a
// command reject (the check uses it for a failed refresh); menu(action) is a
// choice in the window's menu, as Rust sends it.
import { mount } from "svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type { InvokeArgs } from "@tauri-apps/api/core";
import App from "../src/App.svelte";
import "../src/app.css";
import { MENU_EVENT } from "../src/lib/bindings";
import type {
  ApiKey,
  AuditEntry,
  AuditFilter,
  AuditPage,
  CommandError,
  KeyDraft,
  KeyList,
  KeyPage,
  KeyQuery,
  MenuAction,
  ConnectionDraft,
  ConnectionSummary,
  ConnectionsView,
  RevealedKey,
  Settings,
} from "../src/lib/bindings";
import { CAPABILITIES, fakeSecret, initialKeys, connections as initialConnections } from "./fixtures";
import { rotationMock } from "./rotation";
import { attentionMock } from "./attention";
import { pageOf } from "../src/test/keysBackend";

declare global {
  interface Window {
    keyturnA11y: {
      failNext: (command: string, error: CommandError) => void;
      menu: (action: MenuAction) => Promise<void>;
      /** Commands called so far, in order. */
      calls: string[];
    };
  }
}

const scenario = new URLSearchParams(location.search).get("scenario");
const now = Date.now();
const keys = initialKeys(now);
let connections = initialConnections(scenario === "trouble").map((c) =>
  scenario === "live" && c.environment === "live" ? { ...c, readOnly: false } : c,
);
let confirmed = false;
let settings: Settings = {
  clipboardClearSeconds: 30,
  lockAfterMinutes: 15,
  attention: { expiryWindowDays: 14, staleDays: 90, neverUsedGraceDays: 7, disabledDays: 30 },
};
let nextKey = 1;
let nextReveal = 1;
const failures = new Map<string, CommandError>();
const calls: string[] = [];

window.keyturnA11y = {
  failNext: (command, error) => failures.set(command, error),
  menu: (action) => emit(MENU_EVENT, action),
  calls,
};

function arg<T>(payload: InvokeArgs | undefined, name: string): T {
  return (payload as Record<string, unknown>)[name] as T;
}

function connectionOf(payload: InvokeArgs | undefined): ConnectionSummary {
  const id = arg<string>(payload, "connectionId");
  const p = connections.find((x) => x.id === id);
  if (!p) throw { kind: "connectionNotFound", connectionId: id } satisfies CommandError;
  if (p.problem) throw { kind: "connectionUnusable", connectionId: id, problem: p.problem } satisfies CommandError;
  return p;
}

function writable(payload: InvokeArgs | undefined): ConnectionSummary {
  const p = connectionOf(payload);
  if (p.readOnly) throw { kind: "readOnly", connectionId: p.id } satisfies CommandError;
  return p;
}

function newKey(p: ConnectionSummary, draft: Partial<KeyDraft>): RevealedKey {
  const n = nextKey++;
  const id = `${p.vendor.slice(0, 2)}_new${String(n).padStart(4, "0")}`;
  const prefix = `${p.vendor.slice(0, 3)}_${n}`;
  const key: ApiKey = {
    id,
    name: draft.name ?? null,
    description: draft.description ?? null,
    maskedPrefix: prefix,
    scopes: draft.scopes ?? [],
    environment: draft.environment ?? null,
    status: "active",
    createdAt: new Date().toISOString(),
    expiresAt: draft.expiresAt ?? null,
    revokedAt: null,
    lastUsed: CAPABILITIES[p.vendor].lastUsed.at ? { state: "never" } : { state: "notReported" },
    requestCount: CAPABILITIES[p.vendor].lastUsed.requestCount ? 0 : null,
    metadata: draft.metadata ?? {},
  };
  keys[p.id] = [...(keys[p.id] ?? []), key];
  return { key, revealId: `reveal-${nextReveal++}`, secret: fakeSecret(`${prefix}_`) };
}

function removeKey(p: ConnectionSummary, id: string): void {
  const revokedAt = new Date().toISOString();
  keys[p.id] = CAPABILITIES[p.vendor].revokedKeysListed
    ? keys[p.id].map((k) => (k.id === id ? { ...k, status: "revoked", revokedAt } : k))
    : keys[p.id].filter((k) => k.id !== id);
}

function setStatus(p: ConnectionSummary, id: string, status: ApiKey["status"]): void {
  keys[p.id] = keys[p.id].map((k): ApiKey => (k.id === id ? { ...k, status } : k));
}

const rotations = rotationMock({
  keys,
  capabilities: (p) => CAPABILITIES[p.vendor],
  writable: (connectionId) => writable({ connectionId }),
  createKey: newKey,
  revokeKey: removeKey,
  setStatus,
});
if (scenario === "interrupted") rotations.interruptedCreate("sandbox-api-keys", "ak_9d2c41f0b7");

function summaryOf(draft: ConnectionDraft, id: string): ConnectionSummary {
  const account: ConnectionSummary["account"] = {};
  if (draft.clientId) account.clientId = draft.clientId;
  if (draft.username) account.username = draft.username;
  if (draft.organizationId) account.organizationId = draft.organizationId;
  const accountLabel =
    draft.username && draft.clientId ? `${draft.username} · ${draft.clientId}` : (draft.organizationId ?? null);
  return {
    id,
    name: draft.name,
    vendor: draft.vendor,
    environment: draft.environment,
    readOnly: draft.readOnly,
    baseUrl: draft.baseUrl,
    accountLabel,
    account,
    builtin: false,
    problem: null,
    signedOut: false,
  };
}

/** The audit log: a success, a vendor failure, a refusal, a key without an id, and an export of every connection. */
const auditLog: AuditEntry[] = [
  { at: new Date(now - 4 * 60_000).toISOString(), user: "user", connectionId: "sandbox-api-keys", connectionName: "Sandbox — API keys (/v1/api-keys)", vendor: "apiKeys", action: "create", keyId: "ak_new0001", detail: null, outcome: "ok" },
  { at: new Date(now - 5 * 60_000).toISOString(), user: "user", connectionId: "sandbox-api-keys", connectionName: "Sandbox — API keys (/v1/api-keys)", vendor: "apiKeys", action: "keyCopied", keyId: "ak_new0001", detail: null, outcome: "ok" },
  { at: new Date(now - 52 * 60_000).toISOString(), user: "user", connectionId: "sandbox-veryfi", connectionName: "Sandbox — Veryfi partner", vendor: "veryfi", action: "revoke", keyId: "vk_b21e0d4490", detail: null, outcome: "failed: vendor rateLimited (429 rate_limited)" },
  { at: new Date(now - 2 * 3_600_000).toISOString(), user: "user", connectionId: null, connectionName: null, vendor: null, action: "export", keyId: null, detail: "inventory csv, 4 connections, 18 keys", outcome: "ok" },
  { at: new Date(now - 3 * 3_600_000).toISOString(), user: "admin", connectionId: "acme-live", connectionName: "Acme Production", vendor: "verifa", action: "disable", keyId: "vf_live_7781", detail: null, outcome: "refused: read-only connection" },
  { at: new Date(now - 26 * 3_600_000).toISOString(), user: "unknown", connectionId: "sandbox-kayle", connectionName: "Sandbox — Kayle ID", vendor: "kayle", action: "rotationStarted", keyId: "kk_f0c4e822", detail: "rotation r_1: chooseRetiring", outcome: "ok" },
  { at: new Date(now - 9 * 86_400_000).toISOString(), user: "unknown", connectionId: "sandbox-veryfi", connectionName: "Sandbox — Veryfi partner", vendor: "veryfi", action: "reset", keyId: null, detail: null, outcome: "ok" },
];

/** The audit log as Rust answers a query: filtered, newest first, a window of it. */
function auditPage(payload: InvokeArgs | undefined): AuditPage {
  const filter = arg<AuditFilter>(payload, "filter");
  const offset = arg<number>(payload, "offset");
  const limit = arg<number>(payload, "limit");
  const matched = auditLog.filter(
    (e) =>
      (!filter.connectionId || e.connectionId === filter.connectionId) &&
      (!filter.actions || filter.actions.includes(e.action)) &&
      (!filter.from || e.at >= filter.from) &&
      (!filter.before || e.at < filter.before),
  );
  const connections = new Map<string, string>();
  for (const e of auditLog) if (e.connectionId && !connections.has(e.connectionId)) connections.set(e.connectionId, e.connectionName ?? e.connectionId);
  return {
    entries: matched.slice(offset, offset + limit),
    matching: matched.length,
    connections: [...connections].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    skippedLines: [],
  };
}

function listOf(payload: InvokeArgs | undefined): KeyList {
  const p = connectionOf(payload);
  return { connectionId: p.id, keys: keys[p.id] ?? [], capabilities: CAPABILITIES[p.vendor], fetchedAt: new Date().toISOString() };
}

const attention = attentionMock(now);
if (scenario === "snoozed") attention.snoozeOne();

const handlers: Record<string, (payload: InvokeArgs | undefined) => unknown> = {
  attention: () => attention.attention(),
  snooze_item: (payload) =>
    attention.snooze_item({ itemId: arg<string>(payload, "itemId"), until: arg<string>(payload, "until"), reason: arg<string>(payload, "reason") }),
  unsnooze_item: (payload) => attention.unsnooze_item({ itemId: arg<string>(payload, "itemId") }),
  lookup_keys: (payload) => {
    const terms = arg<string>(payload, "search").toLowerCase().split(/\s+/).filter(Boolean);
    const limit = arg<number>(payload, "limit");
    const groups = connections.flatMap((c) => {
      const found = (keys[c.id] ?? []).filter((k) => {
        const used = k.lastUsed.state === "used" ? `${k.lastUsed.ip ?? ""} ${k.lastUsed.userAgent ?? ""}` : "";
        const hay = `${k.id} ${k.name ?? ""} ${k.maskedPrefix ?? ""} ${used}`.toLowerCase();
        return terms.every((t) => hay.includes(t));
      });
      return found.length === 0 ? [] : [{ connectionId: c.id, keys: found.slice(0, limit), matching: found.length, fetchedAt: new Date(now).toISOString() }];
    });
    return { groups, notListed: [] };
  },
  list_connections: (): ConnectionsView => {
    if (scenario === "startup-error") {
      throw { kind: "keychainUnavailable", detail: "org.freedesktop.secrets was not provided by any .service files" } satisfies CommandError;
    }
    return {
      connections,
      lastConnectionId: null,
      notice:
        scenario === "trouble"
          ? "One saved connection could not be read and was set aside: its file was renamed to connections.json.bad."
          : null,
    };
  },
  select_connection: () => null,
  name_window: () => null,
  lock_app: () => null,
  confirm_user: (payload) => {
    if (arg<string | null>(payload, "password") === null) {
      throw { kind: "unlockRefused", detail: "No authentication agent could ask for your password.", passwordNeeded: true } satisfies CommandError;
    }
    confirmed = true;
    return null;
  },
  get_rotation_policy: () => ({ everyDays: null }),
  set_rotation_policy: (payload) => arg<unknown>(payload, "policy"),
  about: () => ({
    version: "0.1.0",
    dataDir: "/home/user/.local/share/io.keyturn.desktop",
    configDir: "/home/user/.config/io.keyturn.desktop",
    logDir: "/home/user/.local/share/io.keyturn.desktop/logs",
  }),
  is_locked: () => false,
  unlock_app: (payload) => {
    if (arg<string | null>(payload, "password") === null) {
      throw { kind: "unlockRefused", detail: "No authentication agent could ask for your password.", passwordNeeded: true } satisfies CommandError;
    }
    return null;
  },
  test_connection: () => ({ keysSeen: 3, morePages: false }),
  add_connection: (payload) => {
    const p = summaryOf(arg<ConnectionDraft>(payload, "draft"), `connection-${connections.length + 1}`);
    connections = [...connections, p];
    keys[p.id] = [];
    return p;
  },
  update_connection: (payload) => {
    const id = arg<string>(payload, "connectionId");
    const p = summaryOf(arg<ConnectionDraft>(payload, "draft"), id);
    connections = connections.map((x) => (x.id === id ? p : x));
    return p;
  },
  remove_connection: (payload) => {
    const id = arg<string>(payload, "connectionId");
    const p = connections.find((x) => x.id === id);
    connections = connections.filter((x) => x.id !== id);
    return { name: p?.name ?? id, keychainEntryRemoved: true };
  },
  list_keys: (payload): KeyPage => pageOf(listOf(payload), arg<KeyQuery>(payload, "query"), 0, arg<number>(payload, "limit")),
  query_keys: (payload): KeyPage =>
    pageOf(listOf(payload), arg<KeyQuery>(payload, "query"), arg<number>(payload, "offset"), arg<number>(payload, "limit")),
  get_key: (payload): ApiKey | null => keys[connectionOf(payload).id]?.find((k) => k.id === arg<string>(payload, "keyId")) ?? null,
  create_key: (payload) => newKey(writable(payload), arg<KeyDraft>(payload, "draft")),
  revoke_key: (payload) => {
    const p = writable(payload);
    if (p.environment === "live" && !confirmed) throw { kind: "confirmNeeded", action: "revoke" } satisfies CommandError;
    removeKey(p, arg<string>(payload, "keyId"));
    return null;
  },
  set_key_enabled: (payload) => {
    const p = writable(payload);
    const id = arg<string>(payload, "keyId");
    setStatus(p, id, arg<boolean>(payload, "enabled") ? "active" : "disabled");
    return keys[p.id].find((k) => k.id === id);
  },
  reset_keys: (payload) => {
    const p = writable(payload);
    const count = Math.max(1, keys[p.id].filter((k) => k.status === "active").length);
    keys[p.id] = [];
    return Array.from({ length: count }, () => newKey(p, {}));
  },
  forget_secret: () => true,
  copy_secret: () => ({ clearsAfterSeconds: settings.clipboardClearSeconds }),
  copy_text: () => null,
  export_keys: (payload) => `/home/user/Documents/keyturn-${arg<string>(payload, "connectionId")}.${arg<string>(payload, "format")}`,
  start_rotation: (payload) => rotations.handlers.start_rotation(payload as Record<string, unknown>),
  rotation_action: (payload) => rotations.handlers.rotation_action(payload as Record<string, unknown>),
  poll_rotation: (payload) => rotations.handlers.poll_rotation(payload as Record<string, unknown>),
  open_rotations: () => rotations.handlers.open_rotations(),
  list_audit: auditPage,
  export_audit: () => "/home/user/Documents/keyturn-audit.csv",
  export_inventory: (payload) => `/home/user/Documents/keyturn-inventory.${arg<string>(payload, "format")}`,
  get_settings: () => settings,
  set_settings: (payload) => {
    settings = arg<Settings>(payload, "settings");
    return settings;
  },
};

mockIPC(async (cmd, payload) => {
  calls.push(cmd);
  const failure = failures.get(cmd);
  if (failure) {
    failures.delete(cmd);
    throw failure;
  }
  const handler = handlers[cmd];
  if (!handler) throw { kind: "internal", detail: `the mock has no ${cmd}` } satisfies CommandError;
  return handler(payload);
}, { shouldMockEvents: true });

const target = document.getElementById("app");
if (!target) throw new Error("Keyturn: #app element missing from index.html");
mount(App, { target });
