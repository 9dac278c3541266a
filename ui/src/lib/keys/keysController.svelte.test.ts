import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync } from "svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { InvokeArgs } from "@tauri-apps/api/core";
import type { KeyList, KeyQuery, ConnectionSummary } from "../bindings";
import { pageOf } from "../../test/keysBackend";
import { clearToasts, toasts } from "../ui/toasts.svelte";
import {
  apiKey,
  callsOf,
  capabilities,
  deferred,
  keyList,
  LISTED,
  mockBackend,
  connection,
  settle,
  vendorError,
  type Handler,
} from "../../test/helpers";
import { opened, revealedKey, rotation, rotationView } from "../../test/rotation";
import { KeysController } from "./keysController.svelte";

// The isolates around a name in a sentence, spelt out: Svelte warns on them in a rune module.
const FSI = String.fromCodePoint(0x2068);
const PDI = String.fromCodePoint(0x2069);

let stop: (() => void) | null = null;

afterEach(() => {
  stop?.();
  stop = null;
  clearMocks();
  clearToasts();
  vi.useRealTimers();
});

/** A controller living in its own effect root, as it would inside the keys view. */
function control(first: ConnectionSummary = connection()) {
  let shown = $state(first);
  let keys!: KeysController;
  stop = $effect.root(() => {
    keys = new KeysController({ connection: () => shown, vendorName: () => "Veryfi" });
  });
  flushSync();
  return {
    keys,
    show(next: ConnectionSummary) {
      shown = next;
      flushSync();
    },
  };
}

function backend(list: KeyList | Handler, more: Record<string, unknown> = {}) {
  return mockBackend({ list_keys: list, open_rotations: opened([]), forget_secret: true, ...more });
}

const twoKeys = () => keyList("p-sandbox", [apiKey("key_a", { name: "beta" }), apiKey("key_b", { name: "alpha" })], 3);

describe("KeysController", () => {
  it("lists the shown connection's keys and counts them against the limit", async () => {
    const log = backend(twoKeys());
    const { keys } = control();
    await settle();

    expect(callsOf(log, "list_keys")).toEqual([{ connectionId: "p-sandbox", ...LISTED }]);
    expect(keys.rows.map((r) => r.key.id)).toEqual(["key_a", "key_b"]);
    expect(keys.summary).toBe("2 of 3 keys");
    expect(keys.atLimit).toBe(false);
    expect(keys.canRotate).toBe(true);
    expect(keys.loading).toBe(false);
  });

  it("keeps the newest answer when an older one arrives late", async () => {
    const slow = deferred<KeyList>();
    const answers = [slow.promise, keyList("p-sandbox", [apiKey("key_new")])];
    backend(() => answers.shift());
    const { keys } = control();
    keys.refresh();
    await settle();
    slow.resolve(keyList("p-sandbox", [apiKey("key_old")]));
    await settle();

    expect(keys.page?.keys.map((k) => k.id)).toEqual(["key_new"]);
    expect(keys.loading).toBe(false);
  });

  it("keeps the known list when a refresh fails, and shows why", async () => {
    const answers = [() => twoKeys(), () => Promise.reject(vendorError({ reason: "timeout" }))];
    backend(() => answers.shift()?.());
    const { keys } = control();
    await settle();
    keys.refresh();
    await settle();

    expect(keys.page?.keys).toHaveLength(2);
    expect(keys.error).toMatchObject({ kind: "vendor", reason: "timeout" });
    expect(keys.loading).toBe(false);
  });

  it("reloads for another connection, dropping the old list, but not for the same one listed again", async () => {
    const log = backend((args) => keyList(String((args as { connectionId: string }).connectionId), [apiKey("key_1")]));
    const { keys, show } = control();
    await settle();

    show(connection({ id: "p-other" }));
    expect(keys.page).toBeNull();
    await settle();
    expect(keys.page?.connectionId).toBe("p-other");

    show(connection({ id: "p-other", name: "Renamed" }));
    await settle();
    expect(callsOf(log, "list_keys")).toEqual([{ connectionId: "p-sandbox", ...LISTED }, { connectionId: "p-other", ...LISTED }]);
  });

  it("asks Rust at every keystroke, without a pause, and sorts by the chosen column both ways", async () => {
    const log = backend(twoKeys());
    const { keys } = control();
    await settle();

    keys.searchInput = "alp";
    flushSync();
    await settle();
    expect(callsOf(log, "query_keys").at(-1)).toMatchObject({ query: { search: "alp" }, offset: 0 });
    expect(keys.rows.map((r) => r.key.id)).toEqual(["key_b"]);
    expect(keys.filtered).toBe(true);
    expect(keys.matching).toBe(1);
    expect(keys.total).toBe(2);

    keys.searchInput = "";
    flushSync();
    await settle();
    keys.sortBy("name");
    await settle();
    expect(keys.rows.map((r) => r.key.name)).toEqual(["alpha", "beta"]);
    keys.sortBy("name");
    await settle();
    expect(keys.rows.map((r) => r.key.name)).toEqual(["beta", "alpha"]);
    expect(callsOf(log, "list_keys")).toHaveLength(1);
  });

  it("shows only the answer to the latest query when an earlier one comes late", async () => {
    const held = deferred<void>();
    let asked = 0;
    const log = backend(twoKeys(), {
      query_keys: async (p: InvokeArgs | undefined) => {
        const { query, offset, limit } = p as { query: KeyQuery; offset: number; limit: number };
        // The first search, not the look at what is held when the view opens.
        if (query.search !== "" && asked++ === 0) await held.promise;
        return pageOf(twoKeys(), query, offset, limit);
      },
    });
    const { keys } = control();
    await settle();

    keys.searchInput = "bet";
    flushSync();
    keys.searchInput = "alp";
    flushSync();
    await settle();
    expect(keys.rows.map((r) => r.key.id)).toEqual(["key_b"]);
    held.resolve();
    await settle();
    expect(keys.rows.map((r) => r.key.id)).toEqual(["key_b"]);
    const searches = callsOf(log, "query_keys").filter((p) => (p as { query: KeyQuery }).query.search !== "");
    expect(searches).toHaveLength(2);
  });

  it("shows the keys Rust still holds at once on coming back, then the vendor's new listing", async () => {
    const second = deferred<KeyList>();
    const answers: Array<() => KeyList | Promise<KeyList>> = [
      () => twoKeys(),
      () => keyList("p-other", [apiKey("key_o")]),
      () => second.promise,
    ];
    backend(() => answers.shift()?.());
    const { keys, show } = control();
    await settle();
    show(connection({ id: "p-other" }));
    await settle();

    show(connection());
    await settle();
    // Listed earlier in this run: on screen before the vendor answers, marked busy.
    expect(keys.rows.map((r) => r.key.id)).toEqual(["key_a", "key_b"]);
    expect(keys.loading).toBe(true);
    expect(keys.error).toBeNull();

    second.resolve(keyList("p-sandbox", [apiKey("key_a", { name: "beta" })]));
    await settle();
    expect(keys.rows.map((r) => r.key.id)).toEqual(["key_a"]);
    expect(keys.loading).toBe(false);
  });

  it("asks the new listing for a search typed while it came, instead of showing the old query's answer", async () => {
    const second = deferred<KeyList>();
    const answers: Array<() => KeyList | Promise<KeyList>> = [() => twoKeys(), () => second.promise];
    const log = backend(() => answers.shift()?.());
    const { keys } = control();
    await settle();
    keys.refresh();
    await settle();

    keys.searchInput = "alp";
    flushSync();
    await settle();
    // Answered from what is held while the vendor is asked.
    expect(keys.rows.map((r) => r.key.id)).toEqual(["key_b"]);

    second.resolve(
      keyList("p-sandbox", [apiKey("key_b", { name: "alpha" }), apiKey("key_c", { name: "alps" }), apiKey("key_d", { name: "delta" })]),
    );
    await settle();
    expect(keys.rows.map((r) => r.key.id)).toEqual(["key_b", "key_c"]);
    expect(callsOf(log, "query_keys").at(-1)).toMatchObject({ query: { search: "alp" }, offset: 0 });
  });

  it("waits for the first listing when Rust holds nothing, without an error", async () => {
    const first = deferred<KeyList>();
    const log = backend(() => first.promise);
    const { keys } = control();
    await settle();
    expect(callsOf(log, "query_keys")).toHaveLength(1);
    expect(keys.page).toBeNull();
    expect(keys.error).toBeNull();
    expect(keys.actionError).toBeNull();

    first.resolve(twoKeys());
    await settle();
    expect(keys.rows.map((r) => r.key.id)).toEqual(["key_a", "key_b"]);
    expect(callsOf(log, "list_keys")).toHaveLength(1);
  });

  it("selects a key and says why the vendor's last active key cannot be revoked", async () => {
    backend({ ...keyList("p-sandbox", [apiKey("key_1")]), capabilities: capabilities({ lastKeyRevocable: false }) });
    const { keys } = control();
    await settle();

    keys.select("key_1");
    expect(keys.selectedRow?.key.id).toBe("key_1");
    expect(keys.revokeBlocked).toContain("Veryfi will not remove an account's last active key");
    keys.select(null);
    expect(keys.selectedRow).toBeNull();
  });

  it("opens the create dialog only where keys may change and are known", async () => {
    backend(twoKeys());
    const readOnly = control(connection({ readOnly: true }));
    await settle();
    readOnly.keys.openCreate();
    expect(readOnly.keys.creating).toBe(false);
    stop?.();

    const { keys } = control();
    keys.openCreate();
    expect(keys.creating).toBe(false);
    await settle();
    keys.openCreate();
    expect(keys.creating).toBe(true);
  });

  it("shows a created key at once, selected and revealed, then lists again", async () => {
    const log = backend(twoKeys());
    const { keys } = control();
    await settle();
    keys.openCreate();

    keys.created(revealedKey("key_c", "sk_live_secret", "gamma"));
    expect(keys.creating).toBe(false);
    expect(keys.selectedRow?.key.id).toBe("key_c");
    expect(keys.revealed?.title).toBe("Your new key");
    await settle();
    expect(callsOf(log, "list_keys")).toHaveLength(2);
  });

  it("empties a revealed secret when its dialog closes and has Rust forget it", async () => {
    const log = backend(twoKeys());
    const { keys } = control();
    await settle();
    const fresh = revealedKey("key_c", "sk_live_secret");
    keys.created(fresh);

    keys.closeReveal();
    expect(keys.revealed).toBeNull();
    expect(fresh.secret).toBe("");
    expect(callsOf(log, "forget_secret")).toEqual([{ revealId: "reveal-key_c" }]);
  });

  it("forgets a secret still shown when the view goes away", async () => {
    const log = backend(twoKeys(), {
      reset_keys: [revealedKey("key_x", "sk_one"), revealedKey("key_y", "sk_two")],
    });
    const { keys } = control();
    await settle();
    keys.openReset();
    await keys.confirmReset();
    const shown = keys.revealed?.keys ?? [];
    expect(keys.revealed?.title).toBe("Your new keys");
    expect(keys.resetting).toBe(false);

    stop?.();
    stop = null;
    expect(shown.map((r) => r.secret)).toEqual(["", ""]);
    expect(callsOf(log, "forget_secret")).toEqual([{ revealId: "reveal-key_x" }, { revealId: "reveal-key_y" }]);
  });

  it("revokes a key: gone from the list and the selection when the vendor no longer lists it", async () => {
    let listed = twoKeys();
    const log = backend(() => listed, {
      revoke_key: (p: InvokeArgs | undefined) => {
        listed = { ...listed, keys: listed.keys.filter((k) => k.id !== (p as { keyId: string }).keyId) };
        return null;
      },
    });
    const { keys } = control();
    await settle();
    keys.select("key_a");
    keys.openRevoke(keys.page!.keys[0]);

    await keys.confirmRevoke();
    expect(callsOf(log, "revoke_key")).toEqual([{ connectionId: "p-sandbox", keyId: "key_a" }]);
    expect(keys.revoking).toBeNull();
    await settle();
    expect(callsOf(log, "list_keys")).toHaveLength(2);
    expect(keys.page?.keys.map((k) => k.id)).toEqual(["key_b"]);
    expect(keys.selectedId).toBeNull();
    expect(toasts.items.map((t) => t.message)).toEqual([`Revoked “${FSI}beta${PDI}”.`]);
    expect(keys.dialogBusy).toBe(false);
  });

  it("keeps the revoke dialog open with the vendor's refusal", async () => {
    backend(twoKeys(), { revoke_key: () => Promise.reject(vendorError({ reason: "forbidden" })) });
    const { keys } = control();
    await settle();
    keys.openRevoke(keys.page!.keys[0]);

    await keys.confirmRevoke();
    expect(keys.revoking?.id).toBe("key_a");
    expect(keys.dialogError).toMatchObject({ kind: "vendor", reason: "forbidden" });
    expect(keys.page?.keys).toHaveLength(2);
    expect(keys.dialogBusy).toBe(false);

    keys.closeRevoke();
    keys.openRevoke(keys.page!.keys[1]);
    expect(keys.dialogError).toBeNull();
  });

  it("disables a key in place, and shows a failure beside the list", async () => {
    const answers = [
      () => apiKey("key_a", { name: "beta", status: "disabled" }),
      () => Promise.reject(vendorError({ reason: "server" })),
    ];
    backend(twoKeys(), { set_key_enabled: () => answers.shift()?.() });
    const { keys } = control();
    await settle();

    await keys.setEnabled(keys.page!.keys[0], false);
    expect(keys.page?.keys.map((k) => k.status)).toEqual(["disabled", "active"]);
    expect(toasts.items.map((t) => t.message)).toEqual([`Disabled “${FSI}beta${PDI}”.`]);

    await keys.setEnabled(keys.page!.keys[0], true);
    expect(keys.actionError).toMatchObject({ kind: "vendor", reason: "server" });
    expect(keys.page?.keys[0].status).toBe("disabled");
    expect(keys.keyBusy).toBe(false);
  });

  it("resets the sandbox and lists the keys again", async () => {
    const log = backend(twoKeys(), { reset_sandbox: null });
    const { keys } = control(connection({ builtin: true }));
    await settle();
    keys.openSandboxReset();

    await keys.confirmSandboxReset();
    expect(callsOf(log, "reset_sandbox")).toHaveLength(1);
    expect(keys.resettingSandbox).toBe(false);
    expect(toasts.items.map((t) => t.message)).toEqual(["The sandbox is back to its first-start keys."]);
    await settle();
    expect(callsOf(log, "list_keys")).toHaveLength(2);
  });

  it("offers this connection's unfinished rotation and resumes it", async () => {
    const unfinished = rotation({ state: { step: "verifying" } });
    backend(twoKeys(), {
      open_rotations: opened([rotationView(unfinished), rotationView(rotation({ connectionId: "p-elsewhere" }))]),
    });
    const { keys } = control();
    await settle();
    expect(keys.interrupted?.id).toBe(unfinished.id);

    keys.resumeRotation();
    expect(keys.interrupted).toBeNull();
    expect(keys.rotating?.resume?.rotation.id).toBe(unfinished.id);
  });

  it("starts a rotation from the create dialog, and offers it again when the wizard closes unfinished", async () => {
    const log = backend(twoKeys());
    const { keys } = control();
    await settle();
    keys.openCreate();

    keys.startRotation();
    expect(keys.creating).toBe(false);
    expect(keys.rotating).toEqual({ resume: null });

    const left = rotation({ state: { step: "checkingSlots" } });
    keys.rotationClosed(left);
    expect(keys.rotating).toBeNull();
    expect(keys.interrupted).toBe(left);
    await settle();
    expect(callsOf(log, "list_keys")).toHaveLength(2);

    keys.rotationClosed(rotation({ state: { step: "done" } }));
    expect(keys.interrupted).toBe(left);
  });

  it("knows the session ended from a failed call, and forgets it after signing in again", async () => {
    backend(() => Promise.reject({ kind: "signedOut", connectionId: "p-sandbox", message: "ended" }));
    const { keys } = control();
    await settle();
    expect(keys.signedOut).toBe(true);

    keys.startSignIn();
    keys.signedIn();
    expect(keys.signingIn).toBe(false);
    expect(keys.error).toBeNull();
    expect(keys.signedOut).toBe(false);
  });
});
