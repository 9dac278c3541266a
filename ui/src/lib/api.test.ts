import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { InvokeArgs } from "@tauri-apps/api/core";
import type { CommandError, KeyList, ProfilesView } from "./bindings";
import { isCommandError, listKeys, listProfiles } from "./api";
import { apiKey, keyList, profile } from "../test/helpers";

const KEY_LIST: KeyList = keyList(
  "p1",
  [apiKey("key_1", { maskedPrefix: "ab12", createdAt: "2026-03-01T10:00:00Z" })],
  2,
  "2026-03-12T12:00:00Z",
);

const PROFILES: ProfilesView = {
  profiles: [profile({ id: "p1", name: "Acme sandbox" })],
  lastProfileId: null,
  notice: null,
};

afterEach(() => {
  clearMocks();
});

describe("listKeys", () => {
  it("invokes list_keys with the profile id and returns the list", async () => {
    const calls: Array<{ cmd: string; payload?: InvokeArgs }> = [];
    mockIPC((cmd, payload) => {
      calls.push({ cmd, payload });
      return KEY_LIST;
    });

    await expect(listKeys("p1")).resolves.toEqual(KEY_LIST);
    expect(calls).toEqual([{ cmd: "list_keys", payload: { profileId: "p1" } }]);
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
      orphanCandidates: [],
      orphanCheckFailed: false,
    };
    mockIPC(() => {
      throw err;
    });

    const caught: unknown = await listKeys("p1").catch((e: unknown) => e);
    expect(isCommandError(caught)).toBe(true);
    expect(caught).toEqual(err);
  });

  it("turns a plain string rejection into an internal error", async () => {
    mockIPC(() => Promise.reject("list_keys not allowed. Permissions associated with this command: []"));

    await expect(listKeys("p1")).rejects.toEqual({
      kind: "internal",
      detail: "list_keys not allowed. Permissions associated with this command: []",
    });
  });

  it("turns an object with an unknown kind into an internal error", async () => {
    mockIPC(() => {
      throw { kind: "somethingNew", detail: "?" };
    });

    const caught: unknown = await listKeys("p1").catch((e: unknown) => e);
    expect(caught).toMatchObject({ kind: "internal" });
  });
});

describe("listProfiles", () => {
  it("invokes list_profiles without arguments", async () => {
    const commands: string[] = [];
    mockIPC((cmd) => {
      commands.push(cmd);
      return PROFILES;
    });

    await expect(listProfiles()).resolves.toEqual(PROFILES);
    expect(commands).toEqual(["list_profiles"]);
  });

  it("passes a keychain error through typed", async () => {
    mockIPC(() => Promise.reject({ kind: "keychainUnavailable", detail: "no dbus" }));

    await expect(listProfiles()).rejects.toEqual({ kind: "keychainUnavailable", detail: "no dbus" });
  });
});

describe("isCommandError", () => {
  it("accepts every known kind and rejects everything else", () => {
    expect(isCommandError({ kind: "vendor" })).toBe(true);
    expect(isCommandError({ kind: "profileNotFound", profileId: "x" })).toBe(true);
    expect(isCommandError({ kind: "keychainUnavailable", detail: "" })).toBe(true);
    expect(isCommandError({ kind: "startup", detail: "" })).toBe(true);
    expect(isCommandError({ kind: "internal", detail: "" })).toBe(true);
    expect(isCommandError({ kind: "other" })).toBe(false);
    expect(isCommandError({ kind: 3 })).toBe(false);
    expect(isCommandError("internal")).toBe(false);
    expect(isCommandError(null)).toBe(false);
    expect(isCommandError(undefined)).toBe(false);
  });
});
