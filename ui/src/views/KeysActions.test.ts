// The keys view's actions: create, reveal once, revoke, disable, reset.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import KeysView from "./KeysView.svelte";
import type { ApiKey, Capabilities, KeyList, RevealedKey } from "../lib/bindings";
import { clearToasts, toasts } from "../lib/ui/toasts.svelte";
import {
  allByTestId,
  apiKey,
  byTestId,
  callsOf,
  capabilities,
  click,
  deferred,
  emulateFocusFixup,
  mockBackend,
  press,
  connection,
  render,
  settle,
  typeInto,
  vendorError,
  type Handler,
} from "../test/helpers";

let destroy: (() => void) | null = null;

afterEach(() => {
  destroy?.();
  destroy = null;
  clearMocks();
  clearToasts();
  stopFocusFixup?.();
  stopFocusFixup = null;
});

let stopFocusFixup: (() => void) | null = null;

const VERYFI: Partial<Capabilities> = { maxKeys: 2, canReset: true, lastKeyRevocable: false };
const KAYLE: Partial<Capabilities> = {
  maxNameLength: 120,
  canDisable: true,
  scopeChoice: "atLeastOne",
  scopes: ["sessions:read", "sessions:write"],
  createFields: [
    { field: "name", required: true },
    { field: "scopes", required: true },
    { field: "metadata", required: false },
  ],
};

function list(keys: ApiKey[], caps: Partial<Capabilities> = {}): KeyList {
  return { connectionId: "p-sandbox", keys, capabilities: capabilities(caps), fetchedAt: new Date().toISOString() };
}

function show(
  answer: KeyList | (() => KeyList),
  handlers: Record<string, Handler | unknown> = {},
  p = connection(),
  vendorName = "Veryfi",
) {
  const log = mockBackend({ list_keys: answer, forget_secret: true, ...handlers });
  const r = render(KeysView, { connection: p, vendorName });
  destroy = r.destroy;
  return { target: r.target, log };
}

const SECRET = "vk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0";

function revealedKey(id = "key_new", secret = SECRET): RevealedKey {
  return { key: apiKey(id, { name: "deploy" }), revealId: `reveal-${id}`, secret };
}

function everyStateFree(target: HTMLElement, secret: string): void {
  expect(document.body.innerHTML).not.toContain(secret);
  for (const el of Array.from(document.querySelectorAll("input"))) expect(el.value).not.toBe(secret);
  expect(target.textContent).not.toContain(secret);
}

describe("create and reveal", () => {
  it("creates, shows the secret once, copies it with a countdown, and forgets it when done", async () => {
    const created = revealedKey();
    const { target, log } = show(list([apiKey("key_1")], VERYFI), {
      create_key: created,
      copy_secret: { clearsAfterSeconds: 30 },
    });
    await settle();

    click(byTestId(target, "create-key"));
    await settle();
    expect(byTestId(target, "create-dialog")?.textContent).toContain("Veryfi creates a key with no options");
    click(byTestId(target, "create-submit"));
    await settle();

    expect(callsOf(log, "create_key")).toEqual([
      {
        connectionId: "p-sandbox",
        draft: { name: null, description: null, environment: null, scopes: [], expiresAt: null, metadata: {} },
      },
    ]);
    expect(byTestId(target, "create-dialog")).toBeNull();
    const dialog = byTestId(target, "reveal-dialog")!;
    expect(dialog.textContent).toContain("shown only now");
    const field = byTestId(dialog, "revealed-secret") as HTMLInputElement;
    expect(field.value).toBe(SECRET);
    expect(field.readOnly).toBe(true);
    expect(field.type).toBe("password");
    expect(field.classList.contains("mono")).toBe(true);
    // Only the field's value holds the secret: no attribute, no text.
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(document.body.textContent).not.toContain(SECRET);

    click(byTestId(dialog, "copy-secret"));
    await settle();
    expect(callsOf(log, "copy_secret")).toEqual([{ revealId: "reveal-key_new" }]);
    expect(byTestId(dialog, "clipboard-countdown")?.textContent).toBe("Copied — clipboard clears in 30 s");
    expect(toasts.items.map((t) => t.message)).toEqual(["Secret copied."]);

    click(byTestId(dialog, "reveal-done"));
    await settle();
    expect(byTestId(target, "reveal-dialog")).toBeNull();
    expect(callsOf(log, "forget_secret")).toEqual([{ revealId: "reveal-key_new" }]);
    // The secret is in no state that renders, and the object that carried it was emptied.
    expect(created.secret).toBe("");
    everyStateFree(target, SECRET);
    // The new key is in the list (refreshed after the create).
    expect(callsOf(log, "list_keys")).toHaveLength(2);
  });

  it("counts the clipboard down each second", async () => {
    const { target } = show(list([apiKey("key_1")], VERYFI), {
      create_key: revealedKey(),
      copy_secret: { clearsAfterSeconds: 10 },
    });
    await settle();
    click(byTestId(target, "create-key"));
    await settle();
    click(byTestId(target, "create-submit"));
    await settle();
    click(byTestId(target, "copy-secret"));
    await settle();
    expect(byTestId(target, "clipboard-countdown")?.textContent).toBe("Copied — clipboard clears in 10 s");
    await new Promise((r) => setTimeout(r, 1100));
    await settle();
    expect(byTestId(target, "clipboard-countdown")?.textContent).toBe("Copied — clipboard clears in 9 s");
  });

  it("asks before closing with Esc or ✕ when the secret was not copied", async () => {
    const { target, log } = show(list([apiKey("key_1")], VERYFI), { create_key: revealedKey() });
    await settle();
    click(byTestId(target, "create-key"));
    await settle();
    click(byTestId(target, "create-submit"));
    await settle();

    const dialog = byTestId(target, "reveal-dialog")!;
    press(document.activeElement!, "Escape");
    expect(byTestId(target, "reveal-dialog")).not.toBeNull();
    expect(byTestId(target, "reveal-confirm-panel")?.textContent).toContain("You have not copied the secret");
    expect(callsOf(log, "forget_secret")).toEqual([]);

    click(byTestId(target, "reveal-keep-open"));
    expect(byTestId(target, "reveal-confirm-panel")).toBeNull();
    expect((byTestId(dialog, "revealed-secret") as HTMLInputElement).value).toBe(SECRET);

    click(byTestId(dialog, "reveal-dialog-close"));
    expect(byTestId(target, "reveal-dialog")).not.toBeNull();
    click(byTestId(target, "reveal-confirm-close"));
    await settle();

    expect(byTestId(target, "reveal-dialog")).toBeNull();
    expect(callsOf(log, "forget_secret")).toEqual([{ revealId: "reveal-key_new" }]);
    everyStateFree(target, SECRET);
  });

  it("closes with Esc without asking once the secret was copied", async () => {
    const { target, log } = show(list([apiKey("key_1")], VERYFI), {
      create_key: revealedKey(),
      copy_secret: { clearsAfterSeconds: null },
    });
    await settle();
    click(byTestId(target, "create-key"));
    await settle();
    click(byTestId(target, "create-submit"));
    await settle();
    click(byTestId(target, "copy-secret"));
    await settle();
    expect(byTestId(target, "clipboard-countdown")?.textContent).toBe("Copied — Keyturn will not clear the clipboard.");

    press(document.activeElement!, "Escape");
    await settle();
    expect(byTestId(target, "reveal-dialog")).toBeNull();
    expect(byTestId(target, "reveal-confirm-panel")).toBeNull();
    expect(callsOf(log, "forget_secret")).toEqual([{ revealId: "reveal-key_new" }]);
  });

  it("at the vendor's limit explains instead of calling the server", async () => {
    const { target, log } = show(list([apiKey("key_1"), apiKey("key_2")], VERYFI), { create_key: revealedKey() });
    await settle();
    expect(byTestId(target, "key-summary")?.textContent).toBe("2 of 2 keys — at the limit");

    click(byTestId(target, "create-key"));
    await settle();
    expect(byTestId(target, "create-limit")?.textContent).toBe(
      "Veryfi allows 2 keys; this account has 2. Revoke one first, or rotate a key.",
    );
    expect(byTestId(target, "create-submit")).toBeNull();
    // Rotating is the way on (RotationWizard.test.ts follows it into the wizard).
    const rotate = byTestId(target, "rotate-key") as HTMLButtonElement;
    expect(rotate.disabled).toBe(false);
    expect(rotate.title).toMatch(/rotation wizard/);
    expect(callsOf(log, "create_key")).toEqual([]);
  });

  it("validates the vendor's fields before sending, beside each field", async () => {
    const { target, log } = show(list([apiKey("key_1")], KAYLE), { create_key: revealedKey() }, connection({ vendor: "kayle" }), "Kayle");
    await settle();
    click(byTestId(target, "create-key"));
    await settle();

    const dialog = byTestId(target, "create-dialog")!;
    expect(dialog.querySelector("legend")?.textContent).toContain("Permissions");
    typeInto(byTestId(dialog, "create-name"), "x".repeat(121));
    click(byTestId(dialog, "create-submit"));
    await settle();

    const name = byTestId(dialog, "create-name")!;
    expect(byTestId(dialog, "create-error-name")?.textContent).toBe("Keep the name to 120 characters (now 121).");
    expect(name.closest(".field")?.contains(byTestId(dialog, "create-error-name"))).toBe(true);
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(byTestId(dialog, "create-error-scopes")?.textContent).toBe("Choose at least one.");
    expect(document.activeElement).toBe(name);
    expect(callsOf(log, "create_key")).toEqual([]);

    typeInto(name, "session service");
    click(allByTestId(dialog, "create-scope")[1]);
    click(byTestId(dialog, "create-metadata-add"));
    const [mk, mv] = Array.from(byTestId(dialog, "create-metadata-row")!.querySelectorAll("input"));
    typeInto(mk, "team");
    typeInto(mv, "identity");
    click(byTestId(dialog, "create-submit"));
    await settle();

    expect(callsOf(log, "create_key")).toEqual([
      {
        connectionId: "p-sandbox",
        draft: {
          name: "session service",
          description: null,
          environment: null,
          scopes: ["sessions:write"],
          expiresAt: null,
          metadata: { team: "identity" },
        },
      },
    ]);
  });

  it("shows a server's field error beside the field and the vendor's words for an invalid request", async () => {
    let answer: unknown = { kind: "invalidInput", field: "name", message: "That name is taken." };
    const { target } = show(list([apiKey("key_1")], KAYLE), { create_key: () => Promise.reject(answer) }, connection({ vendor: "kayle" }), "Kayle");
    await settle();
    click(byTestId(target, "create-key"));
    await settle();
    typeInto(byTestId(target, "create-name"), "svc");
    click(allByTestId(target, "create-scope")[0]);
    click(byTestId(target, "create-submit"));
    await settle();
    expect(byTestId(target, "create-error-name")?.textContent).toBe("That name is taken.");
    expect(byTestId(target, "error-message")).toBeNull();

    answer = vendorError({ reason: "invalidRequest", status: 422, message: "metadata keys must be lowercase" });
    click(byTestId(target, "create-submit"));
    await settle();
    const alert = byTestId(byTestId(target, "create-dialog")!, "error-message");
    expect(alert?.textContent).toContain("The vendor rejected the request as invalid");
    expect(byTestId(alert!, "error-detail")?.textContent).toBe("The vendor said: “metadata keys must be lowercase”");
  });

  it("shows a vendor's refusal of a draft field beside that field", async () => {
    const refusal = vendorError({ reason: "invalidDraft", field: "scopes", message: "Choose one permission for the new key." });
    const { target } = show(list([apiKey("key_1")], KAYLE), { create_key: () => Promise.reject(refusal) }, connection({ vendor: "kayle" }), "Kayle");
    await settle();
    click(byTestId(target, "create-key"));
    await settle();
    typeInto(byTestId(target, "create-name"), "svc");
    click(allByTestId(target, "create-scope")[0]);
    click(byTestId(target, "create-submit"));
    await settle();

    const dialog = byTestId(target, "create-dialog")!;
    const beside = byTestId(dialog, "create-error-scopes");
    expect(beside?.textContent).toBe("Choose one permission for the new key.");
    expect(byTestId(dialog, "create-scopes")?.contains(beside)).toBe(true);
    expect(byTestId(dialog, "error-message")).toBeNull();
  });

  it("lists the orphan keys after a create whose answer was lost, and offers to revoke them", async () => {
    const orphan = apiKey("key_orphan", { maskedPrefix: "vk_or" });
    const { target, log } = show(list([apiKey("key_1")], VERYFI), {
      create_key: () => Promise.reject(vendorError({ reason: "connectionLost", orphanCandidates: [orphan] })),
      revoke_key: null,
    });
    await settle();
    click(byTestId(target, "create-key"));
    await settle();
    click(byTestId(target, "create-submit"));
    await settle();

    const panel = byTestId(target, "orphan-candidates")!;
    expect(panel.textContent).toContain("A key appeared during the failed create");
    expect(panel.textContent).toContain("secret was never seen");
    expect(allByTestId(panel, "orphan-key").map((li) => li.dataset.keyId)).toEqual(["key_orphan"]);
    expect(byTestId(target, "reveal-dialog")).toBeNull();
    // The list is refreshed so the orphan shows there too.
    expect(callsOf(log, "list_keys")).toHaveLength(2);

    click(byTestId(panel, "orphan-revoke"));
    await settle();
    expect(callsOf(log, "revoke_key")).toEqual([{ connectionId: "p-sandbox", keyId: "key_orphan" }]);
    expect(panel.textContent).toContain("revoked");
    expect(byTestId(panel, "orphan-revoke")).toBeNull();
  });

  it("says when it could not check for orphans", async () => {
    const { target } = show(list([apiKey("key_1")], VERYFI), {
      create_key: () => Promise.reject(vendorError({ reason: "timeout", orphanCheckFailed: true })),
    });
    await settle();
    click(byTestId(target, "create-key"));
    await settle();
    click(byTestId(target, "create-submit"));
    await settle();
    expect(byTestId(target, "orphan-check-failed")?.textContent).toContain("could not check");
  });

  it("keeps focus in the dialog through a refused create, so Esc still closes it", async () => {
    stopFocusFixup = emulateFocusFixup();
    const answer = deferred<RevealedKey>();
    const { target } = show(list([apiKey("key_1")], VERYFI), { create_key: () => answer.promise });
    await settle();
    click(byTestId(target, "create-key"));
    await settle();
    const dialog = byTestId(target, "create-dialog")!;
    const submit = byTestId(dialog, "create-submit")!;
    submit.focus();
    click(submit);
    await settle();
    expect(submit.textContent?.trim()).toBe("Creating…");
    expect(dialog.contains(document.activeElement)).toBe(true);

    answer.reject(vendorError({ reason: "server" }));
    await settle();
    expect(byTestId(dialog, "error-message")).not.toBeNull();
    expect(dialog.contains(document.activeElement)).toBe(true);
    press(document.activeElement!, "Escape");
    expect(byTestId(target, "create-dialog")).toBeNull();
  });

  it("sends one create however often the button is pressed while it runs", async () => {
    const answer = deferred<RevealedKey>();
    const { target, log } = show(list([apiKey("key_1")], VERYFI), { create_key: () => answer.promise });
    await settle();
    click(byTestId(target, "create-key"));
    await settle();
    click(byTestId(target, "create-submit"));
    click(byTestId(target, "create-submit"));
    await settle();
    expect(callsOf(log, "create_key")).toHaveLength(1);
    expect(byTestId(target, "create-submit")?.getAttribute("aria-disabled")).toBe("true");
    answer.reject(vendorError({ reason: "server" }));
    await settle();
    expect(byTestId(target, "create-submit")?.getAttribute("aria-disabled")).toBeNull();
  });

  it("opens with Ctrl+N", async () => {
    const { target } = show(list([apiKey("key_1")], VERYFI));
    await settle();
    const e = press(window, "n", { ctrlKey: true });
    await settle();
    expect(e.defaultPrevented).toBe(true);
    expect(byTestId(target, "create-dialog")).not.toBeNull();
  });
});

describe("the rotation policy", () => {
  it("shows the connection's policy and saves a new one; a refusal puts the old one back", async () => {
    let refuse = false;
    const { target, log } = show(list([apiKey("key_1")], VERYFI), {
      get_rotation_policy: { everyDays: 90 },
      set_rotation_policy: (p: unknown) =>
        refuse
          ? Promise.reject({ kind: "invalidInput", field: "everyDays", message: "Rotating every 0 days is not possible." })
          : (p as { policy: unknown }).policy,
    });
    await settle();
    const select = byTestId(target, "rotation-policy") as HTMLSelectElement;
    expect(select.value).toBe("90");

    typeInto(select, "off");
    await settle();
    expect(callsOf(log, "set_rotation_policy")).toEqual([{ connectionId: "p-sandbox", policy: { everyDays: null } }]);
    expect(select.value).toBe("off");

    refuse = true;
    typeInto(select, "30");
    await settle();
    expect(select.value).toBe("off");
    expect(byTestId(target, "error-message")?.textContent).toContain("Rotating every 0 days");
  });
});

describe("Ctrl+T", () => {
  it("opens the rotation wizard where keys may change, and not on a read-only connection", async () => {
    const handlers = { start_rotation: () => new Promise(() => undefined), open_rotations: { rotations: [], unreadable: [] } };
    const { log } = show(list([apiKey("key_1")], VERYFI), handlers);
    await settle();
    const e = press(window, "t", { ctrlKey: true });
    await settle();
    expect(e.defaultPrevented).toBe(true);
    expect(byTestId(document.body, "rotation-wizard")).not.toBeNull();
    expect(callsOf(log, "start_rotation")).toHaveLength(1);
    destroy?.();
    destroy = null;

    const readOnly = show(list([apiKey("key_1")], VERYFI), handlers, connection({ readOnly: true }));
    await settle();
    press(window, "t", { ctrlKey: true });
    await settle();
    expect(byTestId(document.body, "rotation-wizard")).toBeNull();
    expect(callsOf(readOnly.log, "start_rotation")).toHaveLength(0);
  });
});

describe("read-only connections", () => {
  it("show no button that changes keys", async () => {
    const { target } = show(
      list([apiKey("key_1", { status: "active" }), apiKey("key_2", { status: "disabled" })], { ...VERYFI, canDisable: true }),
      {},
      connection({ readOnly: true }),
    );
    await settle();
    click(allByTestId(target, "key-row")[0]);
    expect(byTestId(target, "key-detail")).not.toBeNull();
    for (const id of ["create-key", "reset-keys", "revoke-key", "disable-key"]) {
      expect(byTestId(target, id), id).toBeNull();
    }
    click(allByTestId(target, "key-row")[1]);
    expect(byTestId(target, "enable-key")).toBeNull();
    expect(byTestId(target, "read-only-badge")).not.toBeNull();

    press(window, "n", { ctrlKey: true });
    await settle();
    expect(byTestId(target, "create-dialog")).toBeNull();
    // Looking is still fine.
    expect(byTestId(target, "export-keys")).not.toBeNull();
    expect(byTestId(target, "refresh-button")).not.toBeNull();
  });
});

describe("revoke", () => {
  it("asks for the key's name and keeps the button disabled until it matches", async () => {
    const keys = [apiKey("key_1", { name: "CI deploy" }), apiKey("key_2")];
    const { target, log } = show(list(keys), { revoke_key: null });
    await settle();
    click(allByTestId(target, "key-row")[0]);
    click(byTestId(target, "revoke-key"));
    await settle();

    const dialog = byTestId(target, "revoke-dialog")!;
    const confirm = byTestId(dialog, "revoke-confirm") as HTMLButtonElement;
    const typed = byTestId(dialog, "revoke-confirm-input") as HTMLInputElement;
    expect(document.activeElement).toBe(typed);
    expect(confirm.disabled).toBe(true);
    typeInto(typed, "CI");
    expect(confirm.disabled).toBe(true);
    typeInto(typed, "ci deploy");
    expect(confirm.disabled).toBe(true);
    typeInto(typed, "CI deploy");
    expect(confirm.disabled).toBe(false);
    click(confirm);
    await settle();

    expect(callsOf(log, "revoke_key")).toEqual([{ connectionId: "p-sandbox", keyId: "key_1" }]);
    expect(byTestId(target, "revoke-dialog")).toBeNull();
    expect(toasts.items.map((t) => t.message)).toEqual(["Revoked “\u2068CI deploy\u2069”."]);
  });

  it("shows a name with a right-to-left override as a symbol, isolated, and asks for the id", async () => {
    const name = "probe-rlo-\u202Etset-dorp";
    const shown = "probe-rlo-[U+202E]tset-dorp";
    const { target, log } = show(list([apiKey("key_rlo", { name }), apiKey("key_2")]), { revoke_key: null });
    await settle();
    const row = allByTestId(target, "key-row")[0];
    const cell = row.querySelector(".name")!;
    expect(cell.textContent).toBe(shown);
    expect(cell.getAttribute("dir")).toBe("auto");
    click(row);
    const detail = byTestId(target, "key-detail")!;
    expect(detail.querySelector("h3")?.textContent).toBe(shown);
    expect(Array.from(detail.querySelectorAll("dd")).map((dd) => dd.textContent?.trim())).toContain(shown);
    click(byTestId(target, "revoke-key"));
    await settle();

    const dialog = byTestId(target, "revoke-dialog")!;
    expect(dialog.querySelector("h2")?.textContent).toBe(`Revoke “\u2068${shown}\u2069”?`);
    expect(dialog.querySelector(".expected")?.textContent).toBe("key_rlo");
    expect(document.body.textContent).not.toContain("\u202E");
    const confirm = byTestId(dialog, "revoke-confirm") as HTMLButtonElement;
    typeInto(byTestId(dialog, "revoke-confirm-input"), shown);
    expect(confirm.disabled).toBe(true);
    typeInto(byTestId(dialog, "revoke-confirm-input"), "key_rlo");
    click(confirm);
    await settle();
    expect(callsOf(log, "revoke_key")).toEqual([{ connectionId: "p-sandbox", keyId: "key_rlo" }]);
    expect(toasts.items.map((t) => t.message)).toEqual([`Revoked “\u2068${shown}\u2069”.`]);
  });

  it("revokes a key whose name holds a newline, confirmed by its id", async () => {
    const { target, log } = show(list([apiKey("key_nl", { name: "line one\nline two" }), apiKey("key_2")]), {
      revoke_key: null,
    });
    await settle();
    const row = allByTestId(target, "key-row")[0];
    expect(row.querySelector(".name")?.textContent).toBe("line one␊line two");
    click(row);
    click(byTestId(target, "revoke-key"));
    await settle();
    const dialog = byTestId(target, "revoke-dialog")!;
    expect(dialog.querySelector(".expected")?.textContent).toBe("key_nl");
    expect(document.body.textContent).not.toContain("line one\nline two");
    typeInto(byTestId(dialog, "revoke-confirm-input"), "key_nl");
    click(byTestId(dialog, "revoke-confirm"));
    await settle();
    expect(callsOf(log, "revoke_key")).toEqual([{ connectionId: "p-sandbox", keyId: "key_nl" }]);
  });

  it("asks for the id of an unnamed key", async () => {
    const { target, log } = show(list([apiKey("key_7"), apiKey("key_8")]), { revoke_key: null });
    await settle();
    click(allByTestId(target, "key-row")[0]);
    click(byTestId(target, "revoke-key"));
    await settle();
    typeInto(byTestId(target, "revoke-confirm-input"), "key_7");
    click(byTestId(target, "revoke-confirm"));
    await settle();
    expect(callsOf(log, "revoke_key")).toEqual([{ connectionId: "p-sandbox", keyId: "key_7" }]);
  });

  it("explains before trying why the vendor's last key cannot be revoked", async () => {
    const { target } = show(list([apiKey("key_1"), apiKey("key_2", { status: "revoked" })], VERYFI));
    await settle();
    click(allByTestId(target, "key-row")[0]);
    const button = byTestId(target, "revoke-key") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.title).toMatch(/^Veryfi will not remove an account's last active key/);
    expect(byTestId(target, "revoke-blocked-reason")?.textContent).toBe(button.title);
  });

  it("allows it when another active key exists", async () => {
    const { target } = show(list([apiKey("key_1"), apiKey("key_2")], VERYFI));
    await settle();
    click(allByTestId(target, "key-row")[0]);
    expect((byTestId(target, "revoke-key") as HTMLButtonElement).disabled).toBe(false);
    expect(byTestId(target, "revoke-blocked-reason")).toBeNull();
  });

  it("keeps focus in the dialog through a refused revoke, so Esc still closes it", async () => {
    stopFocusFixup = emulateFocusFixup();
    const answer = deferred<null>();
    const { target, log } = show(list([apiKey("key_1"), apiKey("key_2")]), { revoke_key: () => answer.promise });
    await settle();
    click(allByTestId(target, "key-row")[0]);
    click(byTestId(target, "revoke-key"));
    await settle();
    const dialog = byTestId(target, "revoke-dialog")!;
    typeInto(byTestId(dialog, "revoke-confirm-input"), "key_1");
    const confirm = byTestId(dialog, "revoke-confirm")!;
    confirm.focus();
    click(confirm);
    click(confirm);
    await settle();
    expect(callsOf(log, "revoke_key")).toHaveLength(1);
    expect(dialog.contains(document.activeElement)).toBe(true);
    answer.reject(vendorError({ reason: "server" }));
    await settle();
    expect(byTestId(dialog, "error-message")).not.toBeNull();
    expect(dialog.contains(document.activeElement)).toBe(true);
    press(document.activeElement!, "Escape");
    expect(byTestId(target, "revoke-dialog")).toBeNull();
  });

  it("shows the vendor's refusal in the dialog", async () => {
    const { target } = show(list([apiKey("key_1"), apiKey("key_2")]), {
      revoke_key: () => Promise.reject(vendorError({ reason: "lastKeyProtected" })),
    });
    await settle();
    click(allByTestId(target, "key-row")[0]);
    click(byTestId(target, "revoke-key"));
    await settle();
    typeInto(byTestId(target, "revoke-confirm-input"), "key_1");
    click(byTestId(target, "revoke-confirm"));
    await settle();
    expect(byTestId(byTestId(target, "revoke-dialog")!, "error-message")?.textContent).toContain(
      "will not remove the account's last key",
    );
  });
});

describe("disable and enable", () => {
  it("offers Disable before Revoke where the vendor can, and Enable for a disabled key", async () => {
    const k1 = apiKey("key_1", { name: "a" });
    const { target, log } = show(list([k1, apiKey("key_2")], KAYLE), {
      set_key_enabled: (p: unknown) => {
        const { keyId, enabled } = p as { keyId: string; enabled: boolean };
        return apiKey(keyId, { name: "a", status: enabled ? "active" : "disabled" });
      },
    });
    await settle();
    click(allByTestId(target, "key-row")[0]);
    const disable = byTestId(target, "disable-key")!;
    expect(disable.compareDocumentPosition(byTestId(target, "revoke-key")!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    click(disable);
    await settle();
    expect(callsOf(log, "set_key_enabled")).toEqual([{ connectionId: "p-sandbox", keyId: "key_1", enabled: false }]);
    expect(byTestId(allByTestId(target, "key-row")[0], "key-status")?.textContent).toBe("Disabled");
    expect(byTestId(target, "disable-key")).toBeNull();

    click(byTestId(target, "enable-key"));
    await settle();
    expect(callsOf(log, "set_key_enabled")[1]).toEqual({ connectionId: "p-sandbox", keyId: "key_1", enabled: true });
    expect(byTestId(allByTestId(target, "key-row")[0], "key-status")?.textContent).toBe("Active");
  });

  it("offers neither where the vendor cannot disable", async () => {
    const { target } = show(list([apiKey("key_1"), apiKey("key_2")], VERYFI));
    await settle();
    click(allByTestId(target, "key-row")[0]);
    expect(byTestId(target, "disable-key")).toBeNull();
    expect(byTestId(target, "revoke-key")).not.toBeNull();
  });
});

describe("reset", () => {
  it("asks for a typed confirmation, then shows each new secret with its own Copy", async () => {
    const fresh = [revealedKey("key_n1", "secret-one-aaaaaaaa"), revealedKey("key_n2", "secret-two-bbbbbbbb")];
    const { target, log } = show(list([apiKey("key_1"), apiKey("key_2")], VERYFI), {
      reset_keys: fresh,
      copy_secret: { clearsAfterSeconds: 30 },
    });
    await settle();
    click(byTestId(target, "reset-keys"));
    await settle();
    const dialog = byTestId(target, "reset-dialog")!;
    expect(dialog.textContent).toContain("stops working immediately");
    expect((byTestId(dialog, "reset-confirm") as HTMLButtonElement).disabled).toBe(true);
    typeInto(byTestId(dialog, "reset-confirm-input"), "reset");
    click(byTestId(dialog, "reset-confirm"));
    await settle();

    expect(callsOf(log, "reset_keys")).toEqual([{ connectionId: "p-sandbox" }]);
    const reveal = byTestId(target, "reveal-dialog")!;
    expect(allByTestId(reveal, "revealed-secret").map((i) => (i as HTMLInputElement).value)).toEqual([
      "secret-one-aaaaaaaa",
      "secret-two-bbbbbbbb",
    ]);
    const copies = allByTestId(reveal, "copy-secret");
    expect(copies).toHaveLength(2);
    click(copies[1]);
    await settle();
    expect(callsOf(log, "copy_secret")).toEqual([{ revealId: "reveal-key_n2" }]);

    // One of two copied: closing still asks.
    press(document.activeElement!, "Escape");
    expect(byTestId(target, "reveal-confirm-panel")).not.toBeNull();
    click(byTestId(target, "reveal-done"));
    await settle();
    expect(callsOf(log, "forget_secret")).toEqual([{ revealId: "reveal-key_n1" }, { revealId: "reveal-key_n2" }]);
    everyStateFree(target, "secret-one-aaaaaaaa");
    everyStateFree(target, "secret-two-bbbbbbbb");
  });

  it("is not offered where the vendor cannot reset", async () => {
    const { target } = show(list([apiKey("key_1")], KAYLE));
    await settle();
    expect(byTestId(target, "reset-keys")).toBeNull();
  });
});

describe("reset sandbox", () => {
  it("is offered only on built-in connections and resets after a typed confirmation", async () => {
    const { target: own } = show(list([apiKey("key_1")], VERYFI), {}, connection({ builtin: false }));
    await settle();
    expect(byTestId(own, "reset-sandbox")).toBeNull();
    destroy?.();

    let listed = 0;
    const { target, log } = show(
      () => {
        listed += 1;
        return list([apiKey("key_1")], VERYFI);
      },
      { reset_sandbox: null },
      connection({ builtin: true }),
    );
    await settle();
    click(byTestId(target, "reset-sandbox"));
    await settle();
    const dialog = byTestId(target, "reset-sandbox-dialog")!;
    expect((byTestId(dialog, "reset-sandbox-confirm") as HTMLButtonElement).disabled).toBe(true);
    typeInto(byTestId(dialog, "reset-sandbox-input"), "reset");
    const before = listed;
    click(byTestId(dialog, "reset-sandbox-confirm"));
    await settle();

    expect(callsOf(log, "reset_sandbox")).toHaveLength(1);
    expect(byTestId(target, "reset-sandbox-dialog")).toBeNull();
    expect(listed).toBeGreaterThan(before);
  });
});
