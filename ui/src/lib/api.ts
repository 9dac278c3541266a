// The only module that talks to the Rust side. Every command rejection is
// normalised to a `CommandError` so views never see raw IPC failures.
import { invoke } from "@tauri-apps/api/core";
import type { CommandError, KeyList, ProfilesView } from "./bindings";

const KNOWN_KINDS: ReadonlySet<string> = new Set<CommandError["kind"]>([
  "vendor",
  "profileNotFound",
  "readOnly",
  "profileUnusable",
  "invalidInput",
  "keychainUnavailable",
  "storage",
  "startup",
  "internal",
]);

/** True when `x` looks like a `CommandError` sent by a Keyturn command. */
export function isCommandError(x: unknown): x is CommandError {
  if (typeof x !== "object" || x === null) return false;
  const kind = (x as { kind?: unknown }).kind;
  return typeof kind === "string" && KNOWN_KINDS.has(kind);
}

/** Turn any rejection into a `CommandError`. */
export function toCommandError(e: unknown): CommandError {
  if (isCommandError(e)) return e;
  return { kind: "internal", detail: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toCommandError(e);
  }
}

export function listProfiles(): Promise<ProfilesView> {
  return call<ProfilesView>("list_profiles");
}

export function listKeys(profileId: string): Promise<KeyList> {
  return call<KeyList>("list_keys", { profileId });
}
