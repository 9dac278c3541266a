import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { InvokeArgs } from "@tauri-apps/api/core";
import App from "./App.svelte";
import type { ConnectionSummary, ConnectionsView } from "./lib/bindings";
import { describeError } from "./lib/errors";
import { clearToasts } from "./lib/ui/toasts.svelte";
import { opened, rotation, rotationView } from "./test/rotation";
import {
  allByTestId,
  apiKey,
  attentionItem,
  attentionSummary,
  buttonByText,
  byTestId,
  callsOf,
  click,
  deferred,
  emitEvent,
  keyList,
  mockBackend,
  press,
  connection,
  render,
  settle,
  typeInto,
  type Handler,
  LISTED,
} from "./test/helpers";

let destroy: (() => void) | null = null;

afterEach(() => {
  destroy?.();
  destroy = null;
  clearMocks();
  clearToasts();
});

function show() {
  const r = render(App, {});
  destroy = r.destroy;
  return r.target;
}

const CONNECTIONS: ConnectionSummary[] = [
  connection({ id: "p-sandbox", name: "Acme Sandbox", environment: "sandbox" }),
  connection({ id: "p-live", name: "Acme Production", environment: "live", vendor: "kayle" }),
];

type Answer = unknown | { reject: unknown };

function view(connections: ConnectionSummary[], extra: Partial<ConnectionsView> = {}): ConnectionsView {
  return { connections, lastConnectionId: null, notice: null, ...extra };
}

/** Mocks the backend; list_connections answers come from a queue (an array is a plain list). */
function backend(connectionAnswers: Answer[], more: Record<string, Handler | unknown> = {}) {
  let connectionCalls = 0;
  return mockBackend({
    list_connections: () => {
      const answer = connectionAnswers[Math.min(connectionCalls++, connectionAnswers.length - 1)];
      if (answer && typeof answer === "object" && "reject" in answer) {
        return Promise.reject((answer as { reject: unknown }).reject);
      }
      return Array.isArray(answer) ? view(answer) : answer;
    },
    select_connection: null,
    list_keys: (payload: InvokeArgs | undefined) => {
      const id = (payload as { connectionId: string }).connectionId;
      return keyList(id, [apiKey(`${id}_key`)]);
    },
    ...more,
  });
}

const rowIds = (target: HTMLElement) => allByTestId(target, "key-row").map((r) => r.dataset.keyId);

describe("App", () => {
  it("shows a loading indicator until the connections arrive", async () => {
    const pending = deferred<ConnectionsView>();
    backend([pending.promise]);
    const target = show();
    await settle();

    expect(byTestId(target, "loading-indicator")?.getAttribute("aria-label")).toBe("Loading connections");
    expect(allByTestId(target, "connection-button")).toHaveLength(0);

    pending.resolve(view(CONNECTIONS));
    await settle();

    expect(target.textContent).not.toContain("Loading connections");
    expect(allByTestId(target, "connection-button")).toHaveLength(2);
  });

  it("lists the connections and shows the keys of the first one", async () => {
    const log = backend([CONNECTIONS]);
    const target = show();
    await settle();

    expect(target.querySelector("h1")?.textContent?.trim()).toBe("Keyturn");
    const buttons = allByTestId(target, "connection-button");
    expect(buttons.map((b) => b.textContent)).toEqual([
      expect.stringContaining("Acme Sandbox"),
      expect.stringContaining("Acme Production"),
    ]);
    expect(buttons[0].getAttribute("aria-current")).toBe("true");
    expect(buttons[1].hasAttribute("aria-current")).toBe(false);

    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Sandbox");
    expect(callsOf(log, "list_keys")).toEqual([{ connectionId: "p-sandbox", ...LISTED }]);
    expect(rowIds(target)).toEqual(["p-sandbox_key"]);
    // Opening on the first connection is not a choice to remember.
    expect(callsOf(log, "select_connection")).toEqual([]);
  });

  it("opens the last used connection", async () => {
    const log = backend([view(CONNECTIONS, { lastConnectionId: "p-live" })]);
    const target = show();
    await settle();

    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Production");
    expect(callsOf(log, "list_keys")).toEqual([{ connectionId: "p-live", ...LISTED }]);
  });

  it("switches to another connection when its button is pressed, and remembers it", async () => {
    const log = backend([CONNECTIONS]);
    const target = show();
    await settle();

    click(allByTestId(target, "connection-button")[1]);
    await settle();

    const buttons = allByTestId(target, "connection-button");
    expect(buttons[1].getAttribute("aria-current")).toBe("true");
    expect(buttons[0].hasAttribute("aria-current")).toBe(false);
    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Production");
    expect(callsOf(log, "list_keys")).toEqual([{ connectionId: "p-sandbox", ...LISTED }, { connectionId: "p-live", ...LISTED }]);
    expect(callsOf(log, "select_connection")).toEqual([{ connectionId: "p-live" }]);
    expect(rowIds(target)).toEqual(["p-live_key"]);
  });

  it("switches with Ctrl+digit, ignoring digits beyond the list", async () => {
    const log = backend([CONNECTIONS]);
    const target = show();
    await settle();

    const e = press(window, "2", { ctrlKey: true });
    await settle();
    expect(e.defaultPrevented).toBe(true);
    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Production");
    expect(callsOf(log, "select_connection")).toEqual([{ connectionId: "p-live" }]);

    press(window, "3", { ctrlKey: true });
    press(window, "1");
    await settle();
    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Production");

    press(window, "1", { ctrlKey: true });
    await settle();
    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Sandbox");
  });

  it("does not switch with Ctrl+digit while a dialog is open", async () => {
    backend([CONNECTIONS]);
    const target = show();
    await settle();

    click(byTestId(target, "add-connection"));
    await settle();
    expect(byTestId(target, "connection-dialog")).not.toBeNull();

    press(document.activeElement ?? window, "2", { ctrlKey: true });
    await settle();
    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Sandbox");
  });

  it("shows what each connection is in the sidebar", async () => {
    backend([
      [
        connection({
          id: "a",
          name: "Sandbox — Veryfi partner",
          builtin: true,
          environment: "sandbox",
          accountLabel: "sandbox · sandbox",
          account: { username: "sandbox", clientId: "sandbox" },
        }),
        connection({
          id: "b",
          name: "Verifa prod",
          vendor: "verifa",
          environment: "live",
          readOnly: true,
          accountLabel: "org_acme",
          account: { organizationId: "org_acme" },
          problem: "its credential is missing from the keychain; edit the connection and enter it again",
        }),
      ],
    ]);
    const target = show();
    await settle();

    const [builtin, verifa] = Array.from(target.querySelectorAll("nav li"));
    expect(builtin.textContent).toContain("Veryfi partner · sandbox · sandbox");
    expect(byTestId(builtin, "builtin-marker")).not.toBeNull();
    expect(byTestId(builtin, "connection-info-environment")?.textContent).toBe("Sandbox");
    expect(byTestId(builtin, "connection-info-read-only")).toBeNull();
    expect(byTestId(builtin, "connection-problem")).toBeNull();
    // Built in: neither edited nor removed.
    expect(byTestId(builtin, "connection-menu-button")).toBeNull();

    expect(verifa.textContent).toContain("Verifa · org_acme");
    const env = byTestId(verifa, "connection-info-environment");
    expect(env?.textContent).toBe("Live");
    expect(env?.classList.contains("badge-live")).toBe(true);
    expect(byTestId(verifa, "connection-info-read-only")?.textContent).toBe("Read-only");
    expect(byTestId(verifa, "builtin-marker")).toBeNull();
    const problem = byTestId(verifa, "connection-problem");
    expect(problem?.getAttribute("title")).toMatch(/^its credential is missing/);
    expect(problem?.textContent).toContain("edit the connection");
    expect(byTestId(verifa, "connection-menu-button")?.getAttribute("aria-label")).toBe("Actions for Verifa prod");
  });

  it("shows the notice about set-aside connections until it is dismissed", async () => {
    const notice = "Your saved connections could not be read; the file was set aside as connections.json.bad.";
    backend([view(CONNECTIONS, { notice })]);
    const target = show();
    await settle();

    expect(byTestId(target, "notice-banner")?.textContent).toContain(notice);
    click(byTestId(target, "notice-dismiss"));
    expect(byTestId(target, "notice-banner")).toBeNull();
  });

  it("adds a Kayle connection by signing in: email, code, organization", async () => {
    const added = connection({ id: "p-new", name: "Kayle prod", vendor: "kayle", environment: "live" });
    const organizations = [
      { id: "org-1", name: "Acme", role: "owner" },
      { id: "org-2", name: "Side project", role: "admin" },
    ];
    const log = backend([CONNECTIONS, [...CONNECTIONS, added]], {
      start_sign_in: { signInId: "s_1", email: "me@example.test" },
      verify_sign_in_code: organizations,
      finish_sign_in: added,
    });
    const target = show();
    await settle();

    click(byTestId(target, "add-connection"));
    await settle();
    typeInto(byTestId(target, "connection-vendor"), "kayle");
    await settle();
    expect(byTestId(target, "connection-credential")).toBeNull();
    expect(byTestId(target, "connection-test")).toBeNull();
    typeInto(byTestId(target, "connection-name"), "Kayle prod");
    typeInto(byTestId(target, "sign-in-email"), "me@example.test");
    click(byTestId(target, "sign-in-send-code"));
    await settle();
    expect(callsOf(log, "start_sign_in")).toEqual([
      { start: { vendor: "kayle", baseUrl: "https://api.kayle.id", email: "me@example.test", connectionId: null } },
    ]);
    expect(byTestId(target, "sign-in-notice")?.textContent).toContain("me@example.test");
    typeInto(byTestId(target, "sign-in-code"), "463994");
    click(byTestId(target, "sign-in-verify"));
    await settle();
    expect(callsOf(log, "verify_sign_in_code")).toEqual([{ signInId: "s_1", code: "463994" }]);
    expect(target.innerHTML).not.toContain("463994");
    const choices = allByTestId(target, "sign-in-organization") as HTMLInputElement[];
    expect(choices.map((c) => c.value)).toEqual(["org-1", "org-2"]);
    click(choices[1]);
    click(byTestId(target, "sign-in-finish"));
    await settle();

    const finished = callsOf(log, "finish_sign_in") as { signInId: string; organizationId: string; draft: Record<string, unknown> }[];
    expect(finished).toHaveLength(1);
    expect(finished[0].signInId).toBe("s_1");
    expect(finished[0].organizationId).toBe("org-2");
    expect(finished[0].draft).toMatchObject({ name: "Kayle prod", vendor: "kayle", environment: "live", credential: null });
    expect(callsOf(log, "add_connection")).toEqual([]);
    expect(byTestId(target, "connection-dialog")).toBeNull();
    expect(allByTestId(target, "connection-button")).toHaveLength(3);
    expect(callsOf(log, "select_connection")).toEqual([{ connectionId: "p-new" }]);
    expect(byTestId(target, "toast")?.textContent).toContain("Added “Kayle prod”.");
  });

  it("a refused code goes back to the email step and asks for a new code", async () => {
    backend([CONNECTIONS], {
      start_sign_in: { signInId: "s_1", email: "me@example.test" },
      verify_sign_in_code: () =>
        Promise.reject({
          kind: "vendor", reason: "codeRejected", status: 400, code: null, message: "burnt",
          requestId: null, retryAfterSeconds: null, orphanCandidates: [], orphanCheckFailed: false,
        }),
    });
    const target = show();
    await settle();
    click(byTestId(target, "add-connection"));
    await settle();
    typeInto(byTestId(target, "connection-vendor"), "kayle");
    await settle();
    typeInto(byTestId(target, "sign-in-email"), "me@example.test");
    click(byTestId(target, "sign-in-send-code"));
    await settle();
    typeInto(byTestId(target, "sign-in-code"), "000000");
    click(byTestId(target, "sign-in-verify"));
    await settle();
    expect(byTestId(target, "sign-in-code")).toBeNull();
    expect(byTestId(target, "sign-in-code-rejected")?.textContent).toContain("request a new code");
    expect(byTestId(target, "sign-in-send-code")?.textContent).toContain("Send a new code");
  });

  it("a signed-out connection says so and signs in again", async () => {
    const out = connection({ id: "p-out", name: "Kayle prod", vendor: "kayle", signedOut: true, problem: "Signed out — sign in again.", accountLabel: "me@example.test · Acme", account: { email: "me@example.test" } });
    const back = { ...out, signedOut: false, problem: null };
    const log = backend([[out], [back]], {
      list_keys: () => Promise.reject({ kind: "signedOut", connectionId: "p-out", message: "Signed out — sign in again." }),
      start_sign_in: { signInId: "s_2", email: "me@example.test" },
      verify_sign_in_code: [{ id: "org-1", name: "Acme", role: "owner" }],
      finish_sign_in: back,
    });
    const target = show();
    await settle();
    expect(byTestId(target, "signed-out")?.textContent).toContain("Signed out — sign in again");
    click(byTestId(target, "sign-in-again"));
    await settle();
    expect((byTestId(target, "sign-in-email") as HTMLInputElement).value).toBe("me@example.test");
    click(byTestId(target, "sign-in-send-code"));
    await settle();
    expect(callsOf(log, "start_sign_in")).toEqual([
      { start: { vendor: "kayle", baseUrl: out.baseUrl, email: "me@example.test", connectionId: "p-out" } },
    ]);
    typeInto(byTestId(target, "sign-in-code"), "123456");
    click(byTestId(target, "sign-in-verify"));
    await settle();
    click(byTestId(target, "sign-in-finish"));
    await settle();
    expect(callsOf(log, "finish_sign_in")).toEqual([{ signInId: "s_2", organizationId: "org-1", draft: null }]);
    expect(byTestId(target, "sign-in-dialog")).toBeNull();
    expect(byTestId(target, "toast")?.textContent).toContain("Signed in to “Kayle prod”.");
  });

  it("edits a connection from its menu, keeping the stored credential when left blank", async () => {
    const verifa = connection({ id: "p-v", name: "Verifa", vendor: "verifa", accountLabel: "org_acme", account: { organizationId: "org_acme" }, baseUrl: "https://api.withverifa.com" });
    const renamed = { ...verifa, name: "Verifa EU" };
    const log = backend([[verifa], [renamed]], { update_connection: renamed });
    const target = show();
    await settle();

    const menuButton = byTestId(target, "connection-menu-button")!;
    click(menuButton);
    expect(menuButton.getAttribute("aria-expanded")).toBe("true");
    click(byTestId(target, "connection-edit"));
    await settle();

    expect((byTestId(target, "connection-organization-id") as HTMLInputElement).value).toBe("org_acme");
    expect((byTestId(target, "connection-vendor") as HTMLSelectElement).disabled).toBe(true);
    expect(byTestId(target, "connection-dialog")?.textContent).toContain("Leave blank to keep the stored Admin token.");
    typeInto(byTestId(target, "connection-name"), "Verifa EU");
    click(byTestId(target, "connection-save"));
    await settle();

    expect(callsOf(log, "update_connection")).toEqual([
      {
        connectionId: "p-v",
        draft: expect.objectContaining({ name: "Verifa EU", organizationId: "org_acme", credential: null }),
      },
    ]);
    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Verifa EU");
    // The keys are listed again with the saved settings.
    expect(callsOf(log, "list_keys")).toHaveLength(2);
  });

  it("removes a connection after confirmation and says its keychain entry went too", async () => {
    const log = backend([CONNECTIONS, [CONNECTIONS[1]]], {
      remove_connection: { name: "Acme Sandbox", keychainEntryRemoved: true },
    });
    const target = show();
    await settle();

    click(allByTestId(target, "connection-menu-button")[0]);
    click(byTestId(target, "connection-remove"));
    await settle();
    expect(byTestId(target, "remove-dialog")?.textContent).toContain("Remove “Acme Sandbox”?");
    expect(callsOf(log, "remove_connection")).toEqual([]);

    click(byTestId(target, "remove-confirm"));
    await settle();

    expect(callsOf(log, "remove_connection")).toEqual([{ connectionId: "p-sandbox" }]);
    expect(byTestId(target, "remove-dialog")).toBeNull();
    expect(byTestId(target, "toast")?.textContent).toContain("Removed “Acme Sandbox” and its keychain entry.");
    expect(allByTestId(target, "connection-button")).toHaveLength(1);
    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Production");
  });

  it("signs out of a session connection from its menu; a token connection offers no sign-out", async () => {
    const signedOut = { ...CONNECTIONS[1], signedOut: true };
    const log = backend([CONNECTIONS, [CONNECTIONS[0], signedOut]], { sign_out: signedOut });
    const target = show();
    await settle();

    const [token, session] = allByTestId(target, "connection-menu-button");
    click(token);
    expect(byTestId(target, "connection-sign-out")).toBeNull();
    click(token);
    click(session);
    click(byTestId(target, "connection-sign-out"));
    await settle();

    expect(callsOf(log, "sign_out")).toEqual([{ connectionId: "p-live" }]);
    expect(byTestId(target, "toast")?.textContent).toContain("Signed out of “Acme Production”");
    click(allByTestId(target, "connection-menu-button")[1]);
    expect(byTestId(target, "connection-sign-out")).toBeNull();
  });

  it("keeps the connection when removal is cancelled", async () => {
    const log = backend([CONNECTIONS]);
    const target = show();
    await settle();

    click(allByTestId(target, "connection-menu-button")[0]);
    click(byTestId(target, "connection-remove"));
    await settle();
    click(buttonByText(byTestId(target, "remove-dialog")!, "Cancel"));
    await settle();

    expect(byTestId(target, "remove-dialog")).toBeNull();
    expect(callsOf(log, "remove_connection")).toEqual([]);
    expect(allByTestId(target, "connection-button")).toHaveLength(2);
  });

  it("shows the error and recovers with Try again when connections cannot be loaded", async () => {
    const err = { kind: "keychainUnavailable", detail: "org.freedesktop.secrets not provided" };
    const log = backend([{ reject: err }, CONNECTIONS]);
    const target = show();
    await settle();

    const alert = byTestId(target, "error-message");
    expect(alert?.getAttribute("role")).toBe("alert");
    expect(alert?.textContent).toContain(describeError({ kind: "keychainUnavailable", detail: "" }));
    expect(allByTestId(target, "connection-button")).toHaveLength(0);

    click(buttonByText(alert!, "Try again"));
    await settle();

    expect(callsOf(log, "list_connections")).toHaveLength(2);
    expect(byTestId(target, "error-message")).toBeNull();
    expect(allByTestId(target, "connection-button")).toHaveLength(2);
  });

  it("says so when there are no connections, and offers to add one", async () => {
    const log = backend([[]]);
    const target = show();
    await settle();

    expect(target.textContent).toContain("No connections yet");
    expect(log.some((c) => c.cmd === "list_keys")).toBe(false);
    expect(byTestId(target, "add-connection")).not.toBeNull();
  });

});

describe("App: what needs attention", () => {
  const EXPIRING = attentionItem({
    kind: "expiring",
    connectionId: "p-sandbox",
    keyId: "p-sandbox_key",
    actions: ["rotate", "revoke", "snooze"],
    severity: "critical",
  });
  const STALE = attentionItem({ kind: "stale", connectionId: "p-live", keyId: "p-live_key", severity: "warning" });

  it("counts each connection's items in the sidebar once the first list is shown", async () => {
    const log = backend([CONNECTIONS], { attention: attentionSummary([EXPIRING, STALE, { ...STALE, id: "x", keyId: "other" }]) });
    const target = show();
    await settle();
    await settle();

    expect(callsOf(log, "attention").length).toBeGreaterThan(0);
    const counts = allByTestId(target, "connection-attention-count");
    expect(counts.map((c) => c.textContent?.replace(/\s/g, " "))).toEqual(["1 item needs attention", "2 items need attention"]);
    expect(counts[0].classList.contains("badge-danger")).toBe(true);
    expect(byTestId(target, "home-count")?.textContent?.replace(/\s/g, " ")).toBe("3 items");
  });

  it("opens the home view, and Revoke there opens the key's revoke dialog in its connection", async () => {
    backend([CONNECTIONS], { attention: attentionSummary([EXPIRING]), get_key: apiKey("p-sandbox_key", { name: "Billing" }) });
    const target = show();
    await settle();

    click(byTestId(target, "home-button"));
    await settle();
    expect(byTestId(target, "home-view")).not.toBeNull();
    expect(byTestId(target, "home-button")?.getAttribute("aria-current")).toBe("page");
    expect(target.querySelector("[data-testid=connection-button][aria-current=true]")).toBeNull();

    click(byTestId(byTestId(target, "attention-item")!, "attention-action-revoke"));
    await settle();
    await settle();
    expect(byTestId(target, "home-view")).toBeNull();
    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Sandbox");
    expect(byTestId(document.body, "revoke-dialog")?.textContent).toContain("Billing");
  });
});

describe("App: a rotation chosen in the tray", () => {
  it("opens its connection at the rotation wizard once the window gets focus, and only once", async () => {
    const unfinished = rotation({ connectionId: "p-live", state: { step: "verifying" } as never });
    let requests = [{ connectionId: "p-live", rotationId: unfinished.id }];
    const log = backend([CONNECTIONS], {
      take_tray_request: () => requests.shift() ?? null,
      open_rotations: opened([rotationView(unfinished)]),
      poll_rotation: rotationView(unfinished),
    });
    const target = show();
    await settle();
    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Sandbox");
    expect(byTestId(document.body, "rotation-wizard")).toBeNull();

    window.dispatchEvent(new FocusEvent("focus"));
    await settle();
    await settle();
    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Production");
    expect(byTestId(document.body, "rotation-wizard")).not.toBeNull();

    // Taken once: focus again and nothing more opens.
    requests = [];
    window.dispatchEvent(new FocusEvent("focus"));
    await settle();
    expect(callsOf(log, "take_tray_request")).toHaveLength(2);
    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Production");
  });
});

describe("App: the window's menu", () => {
  const ABOUT = { version: "0.1.0", dataDir: "/home/ann/.local/share/io.keyturn.desktop", configDir: "/home/ann/.config/io.keyturn.desktop", logDir: "/home/ann/.local/share/io.keyturn.desktop/logs" };

  it("Help → About shows the version and the folders; View opens the home view and the audit log", async () => {
    const log = backend([CONNECTIONS], { about: ABOUT, attention: attentionSummary([]), list_audit: { entries: [], matching: 0, skipped: 0, connections: [] } });
    const target = show();
    await settle();

    await emitEvent("menu", "about");
    await settle();
    const about = byTestId(document.body, "about-dialog");
    expect(about?.textContent).toContain("version 0.1.0");
    expect(about?.textContent).toContain("/home/ann/.config/io.keyturn.desktop");
    expect(about?.textContent).toContain("/home/ann/.local/share/io.keyturn.desktop/logs");
    // One dialog at a time: another choice waits until it is closed.
    await emitEvent("menu", "auditLog");
    expect(byTestId(document.body, "audit-dialog")).toBeNull();
    click(buttonByText(about!, "Close"));
    await settle();
    expect(byTestId(document.body, "about-dialog")).toBeNull();

    await emitEvent("menu", "needsAttention");
    expect(byTestId(target, "home-view")).not.toBeNull();

    await emitEvent("menu", "auditLog");
    expect(byTestId(document.body, "audit-dialog")).not.toBeNull();
    expect(callsOf(log, "list_audit").length).toBeGreaterThan(0);
  });

  it("File → Create key opens the create dialog of the connection shown", async () => {
    backend([CONNECTIONS], { attention: attentionSummary([]) });
    const target = show();
    await settle();
    expect(byTestId(target, "connection-info-name")?.textContent).toBe("Acme Sandbox");

    await emitEvent("menu", "create");
    expect(byTestId(document.body, "create-dialog")).not.toBeNull();
  });

  it("File → Lock shows the lock screen (Rust has locked already)", async () => {
    const log = backend([CONNECTIONS], { lock_app: null, attention: attentionSummary([]) });
    const target = show();
    await settle();

    await emitEvent("menu", "lock");
    await settle();
    expect(byTestId(target, "lock-screen")).not.toBeNull();
    expect(allByTestId(target, "connection-button")).toHaveLength(0);
    expect(callsOf(log, "lock_app")).toHaveLength(1);
  });
});

describe("App: the window's title", () => {
  it("names the connection shown, then the home view", async () => {
    const log = backend([CONNECTIONS], { name_window: null, attention: attentionSummary([]) });
    const target = show();
    await settle();
    click(allByTestId(target, "connection-button")[1]);
    await settle();
    click(byTestId(target, "home-button"));
    await settle();

    const named = callsOf(log, "name_window").map((p) => (p as { shown: string }).shown);
    expect(named.filter((n, i) => n !== named[i - 1])).toEqual(["", "Acme Sandbox", "Acme Production", "Needs attention"]);
  });
});

describe("App: the lock", () => {
  it("Ctrl+L shows only the lock screen; the agent, then the password, unlock it", async () => {
    let asked = 0;
    const log = backend([CONNECTIONS], {
      lock_app: null,
      unlock_app: () =>
        asked++ === 0
          ? Promise.reject({ kind: "unlockRefused", detail: "No authentication agent could ask for your password.", passwordNeeded: true })
          : null,
    });
    const target = show();
    await settle();
    expect(rowIds(target)).not.toEqual([]);

    press(window, "l", { ctrlKey: true });
    await settle();
    expect(callsOf(log, "lock_app")).toHaveLength(1);
    expect(byTestId(target, "lock-screen")).not.toBeNull();
    expect(allByTestId(target, "key-row")).toHaveLength(0);
    expect(allByTestId(target, "connection-button")).toHaveLength(0);
    expect(target.textContent).not.toContain("p-sandbox_key");

    click(byTestId(target, "unlock"));
    await settle();
    expect(callsOf(log, "unlock_app")).toEqual([{ password: null }]);
    expect(byTestId(target, "error-message")?.textContent).toContain("Enter your account's password");
    typeInto(byTestId(target, "unlock-password"), "correct horse");
    click(byTestId(target, "unlock"));
    await settle();
    await settle();

    expect(callsOf(log, "unlock_app")[1]).toEqual({ password: "correct horse" });
    expect(byTestId(target, "lock-screen")).toBeNull();
    expect(rowIds(target)).not.toEqual([]);
  });
});

describe("App: a revoke on a live connection", () => {
  it("asks the operating system to confirm the user, then revokes; Cancel revokes nothing", async () => {
    let revokes = 0;
    const log = backend([CONNECTIONS], {
      revoke_key: () =>
        revokes++ < 2 ? Promise.reject({ kind: "confirmNeeded", action: "revoke" }) : null,
      confirm_user: null,
    });
    const target = show();
    await settle();
    click(allByTestId(target, "connection-button")[1]);
    await settle();

    const revoke = async () => {
      click(allByTestId(target, "key-row")[0]);
      await settle();
      click(byTestId(target, "revoke-key"));
      await settle();
      typeInto(byTestId(document.body, "revoke-confirm-input"), "p-live_key");
      click(byTestId(document.body, "revoke-confirm"));
      await settle();
    };

    await revoke();
    expect(byTestId(document.body, "confirm-user-dialog")?.textContent).toContain("Revoking a key of a live connection");
    click(buttonByText(byTestId(document.body, "confirm-user-dialog")!, "Cancel"));
    await settle();
    expect(callsOf(log, "confirm_user")).toEqual([]);
    expect(callsOf(log, "revoke_key")).toHaveLength(1);
    expect(byTestId(document.body, "revoke-dialog")?.textContent).toContain("confirm it is you");

    click(byTestId(document.body, "revoke-confirm"));
    await settle();
    click(byTestId(document.body, "confirm-user"));
    await settle();
    await settle();
    expect(callsOf(log, "confirm_user")).toEqual([{ password: null }]);
    expect(callsOf(log, "revoke_key")).toHaveLength(3);
    expect(byTestId(document.body, "confirm-user-dialog")).toBeNull();
    expect(byTestId(document.body, "revoke-dialog")).toBeNull();
  });
});

describe("App: confirming without an agent", () => {
  it("asks for the account's password in the confirm dialog's own words, then revokes", async () => {
    let confirmed = false;
    const log = backend([CONNECTIONS], {
      revoke_key: () => (confirmed ? null : Promise.reject({ kind: "confirmNeeded", action: "revoke" })),
      confirm_user: (p: unknown) => {
        if ((p as { password: string | null }).password === null) {
          return Promise.reject({ kind: "unlockRefused", detail: "No authentication agent could ask for your password.", passwordNeeded: true });
        }
        confirmed = true;
        return null;
      },
    });
    const target = show();
    await settle();
    click(allByTestId(target, "connection-button")[1]);
    await settle();
    click(allByTestId(target, "key-row")[0]);
    await settle();
    click(byTestId(target, "revoke-key"));
    await settle();
    typeInto(byTestId(document.body, "revoke-confirm-input"), "p-live_key");
    click(byTestId(document.body, "revoke-confirm"));
    await settle();
    click(byTestId(document.body, "confirm-user"));
    await settle();

    const dialog = byTestId(document.body, "confirm-user-dialog")!;
    expect(byTestId(dialog, "error-message")?.textContent).toContain("Enter your account's password to confirm.");
    typeInto(byTestId(dialog, "confirm-user-password"), "hunter2");
    click(byTestId(dialog, "confirm-user"));
    await settle();
    await settle();
    expect(callsOf(log, "confirm_user")).toEqual([{ password: null }, { password: "hunter2" }]);
    expect(callsOf(log, "revoke_key")).toHaveLength(2);
    expect(byTestId(document.body, "confirm-user-dialog")).toBeNull();
    expect(byTestId(document.body, "revoke-dialog")).toBeNull();
  });
});
