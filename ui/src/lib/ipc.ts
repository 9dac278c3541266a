// The only module that talks to the Rust side: the generated client
// (commands.ts) calls every command through `call`, which normalises each
// rejection to a `CommandError` so views never see raw IPC failures.
// Nothing here keeps a reference to what passes through: a revealed secret
// lives only in the reveal dialog's state until it closes.
import { invoke } from "@tauri-apps/api/core";
import { COMMAND_ERROR_KINDS, type CommandError } from "./bindings";

const KNOWN_KINDS: ReadonlySet<string> = new Set(COMMAND_ERROR_KINDS);

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

/** Invokes a command by its Rust name; a rejection is always a `CommandError`. */
export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  mark(`${cmd} asked`);
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toCommandError(e);
  } finally {
    mark(`${cmd} answered`);
  }
}

// The first calls are marked for the start-up trace (`./x bench` reads them);
// then no more, so marks do not pile up.
let marksLeft = 40;
function mark(name: string): void {
  if (marksLeft <= 0 || typeof performance?.mark !== "function") return;
  marksLeft--;
  performance.mark(name);
}
