import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { InvokeArgs } from "@tauri-apps/api/core";
import type { CommandError, KeyList, ConnectionsView } from "./bindings";
import * as commands from "./commands";
import { listKeys, listConnections } from "./commands";
import { isCommandError } from "./ipc";
import { apiKey, keyList, connection } from "../test/helpers";
import { NO_KEY_QUERY } from "../test/keysBackend";

const KEY_LIST: KeyList = keyList(
  "p1",
  [apiKey("key_1", { maskedPrefix: "ab12", createdAt: "2026-03-01T10:00:00Z" })],
  2,
  "2026-03-12T12:00:00Z",
);

const CONNECTIONS: ConnectionsView = {
  connections: [connection({ id: "p1", name: "Acme sandbox" })],
  lastConnectionId: null,
  notice: null,
};

afterEach(() => {
  clearMocks();
});

describe("listKeys", () => {
  it("invokes list_keys with the connection id, the query and the limit, and returns the answer", async () => {
    const calls: Array<{ cmd: string; payload?: InvokeArgs }> = [];
    mockIPC((cmd, payload) => {
      calls.push({ cmd, payload });
      return KEY_LIST;
    });

    await expect(listKeys("p1", NO_KEY_QUERY, 200)).resolves.toEqual(KEY_LIST);
    expect(calls).toEqual([{ cmd: "list_keys", payload: { connectionId: "p1", query: NO_KEY_QUERY, limit: 200 } }]);
  });

  it("passes a CommandError rejection through unchanged", async () => {
    const err: CommandError = {
      kind: "vendor",
      reason: "unauthorized",
      status: 401,
      code: "bad_key",
      message: "nope",
      requestId: "req_1",
      retryAfterSeconds: null,
      field: null,
      orphanCandidates: [],
      orphanCheckFailed: false,
    };
    mockIPC(() => {
      throw err;
    });

    const caught: unknown = await listKeys("p1", NO_KEY_QUERY, 200).catch((e: unknown) => e);
    expect(isCommandError(caught)).toBe(true);
    expect(caught).toEqual(err);
  });

  it("turns a plain string rejection into an internal error", async () => {
    mockIPC(() => Promise.reject("list_keys not allowed. Permissions associated with this command: []"));

    await expect(listKeys("p1", NO_KEY_QUERY, 200)).rejects.toEqual({
      kind: "internal",
      detail: "list_keys not allowed. Permissions associated with this command: []",
    });
  });

  it("turns an object with an unknown kind into an internal error", async () => {
    mockIPC(() => {
      throw { kind: "somethingNew", detail: "?" };
    });

    const caught: unknown = await listKeys("p1", NO_KEY_QUERY, 200).catch((e: unknown) => e);
    expect(caught).toMatchObject({ kind: "internal" });
  });
});

describe("listConnections", () => {
  it("invokes list_connections without arguments", async () => {
    const commands: string[] = [];
    mockIPC((cmd) => {
      commands.push(cmd);
      return CONNECTIONS;
    });

    await expect(listConnections()).resolves.toEqual(CONNECTIONS);
    expect(commands).toEqual(["list_connections"]);
  });

  it("passes a keychain error through typed", async () => {
    mockIPC(() => Promise.reject({ kind: "keychainUnavailable", detail: "no dbus" }));

    await expect(listConnections()).rejects.toEqual({ kind: "keychainUnavailable", detail: "no dbus" });
  });
});

describe("every command", () => {
  const draft = {
    name: "P",
    vendor: "veryfi" as const,
    environment: "live" as const,
    baseUrl: "https://x.invalid",
    readOnly: false,
    clientId: "c",
    username: "u",
    organizationId: null,
    credential: "s",
  };
  const keyDraft = { name: "k", description: null, environment: null, scopes: [], expiresAt: null, metadata: {} };
  const cases: Array<[string, () => Promise<unknown>, string, InvokeArgs | undefined]> = [
    ["testConnection", () => commands.testConnection(draft), "test_connection", { draft }],
    ["addConnection", () => commands.addConnection(draft), "add_connection", { draft }],
    ["updateConnection", () => commands.updateConnection("p1", draft), "update_connection", { connectionId: "p1", draft }],
    ["removeConnection", () => commands.removeConnection("p1"), "remove_connection", { connectionId: "p1" }],
    ["selectConnection", () => commands.selectConnection("p1"), "select_connection", { connectionId: "p1" }],
    ["createKey", () => commands.createKey("p1", keyDraft), "create_key", { connectionId: "p1", draft: keyDraft }],
    ["revokeKey", () => commands.revokeKey("p1", "k1"), "revoke_key", { connectionId: "p1", keyId: "k1" }],
    [
      "setKeyEnabled",
      () => commands.setKeyEnabled("p1", "k1", false),
      "set_key_enabled",
      { connectionId: "p1", keyId: "k1", enabled: false },
    ],
    ["resetKeys", () => commands.resetKeys("p1"), "reset_keys", { connectionId: "p1" }],
    ["forgetSecret", () => commands.forgetSecret("r1"), "forget_secret", { revealId: "r1" }],
    ["copySecret", () => commands.copySecret("r1"), "copy_secret", { revealId: "r1" }],
    ["copyText", () => commands.copyText("key_1"), "copy_text", { text: "key_1" }],
    ["quitApp", () => commands.quitApp(), "quit_app", undefined],
    ["exportKeys", () => commands.exportKeys("p1", "csv"), "export_keys", { connectionId: "p1", format: "csv" }],
    ["getSettings", () => commands.getSettings(), "get_settings", undefined],
    ["startRotation", () => commands.startRotation("p1"), "start_rotation", { connectionId: "p1" }],
    [
      "rotationAction",
      () => commands.rotationAction("rot_1", { action: "revoke", confirmation: "CI deploys", force: true }),
      "rotation_action",
      { rotationId: "rot_1", action: { action: "revoke", confirmation: "CI deploys", force: true } },
    ],
    ["pollRotation", () => commands.pollRotation("rot_1"), "poll_rotation", { rotationId: "rot_1" }],
    ["openRotations", () => commands.openRotations(), "open_rotations", undefined],
    [
      "setSettings",
      () => commands.setSettings({ clipboardClearSeconds: 45, lockAfterMinutes: 5, attention: { expiryWindowDays: 14, staleDays: 90, neverUsedGraceDays: 7, disabledDays: 30 } }),
      "set_settings",
      { settings: { clipboardClearSeconds: 45, lockAfterMinutes: 5, attention: { expiryWindowDays: 14, staleDays: 90, neverUsedGraceDays: 7, disabledDays: 30 } } },
    ],
  ];

  it.each(cases)("%s invokes its command with camelCase arguments", async (_name, run, cmd, args) => {
    const calls: Array<{ cmd: string; payload?: InvokeArgs }> = [];
    mockIPC((c, payload) => {
      calls.push({ cmd: c, payload });
      return "answer";
    });
    await expect(run()).resolves.toBe("answer");
    expect(calls).toHaveLength(1);
    expect(calls[0].cmd).toBe(cmd);
    if (args === undefined) {
      expect(calls[0].payload ?? {}).toEqual({});
    } else {
      expect(calls[0].payload).toEqual(args);
    }
  });

  it("normalises rejections for every command", async () => {
    mockIPC(() => Promise.reject("boom"));
    await expect(commands.copySecret("r1")).rejects.toEqual({ kind: "internal", detail: "boom" });
    await expect(commands.exportKeys("p1", "json")).rejects.toEqual({ kind: "internal", detail: "boom" });
  });

  it("passes a rotation refusal through typed, for the wizard to word", async () => {
    const refusal = { kind: "rotation", refusal: { reason: "keyInUse", keyId: "k1", lastUsedAt: "2026-03-12T11:59:00Z" } };
    mockIPC(() => Promise.reject(refusal));
    await expect(commands.rotationAction("rot_1", { action: "choose", keyId: "k1", overrideInUse: false })).rejects.toEqual(refusal);
  });
});
