import { afterEach, describe, expect, it, vi } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import ConnectionDialog from "./ConnectionDialog.svelte";
import type { ConnectionSummary } from "../lib/bindings";
import {
  byTestId,
  callsOf,
  click,
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
});

function show(editing: ConnectionSummary | null = null, handlers: Record<string, Handler | unknown> = {}) {
  const log = mockBackend(handlers);
  const onclose = vi.fn();
  const onsaved = vi.fn();
  const r = render(ConnectionDialog, { editing, onclose, onsaved });
  destroy = r.destroy;
  return { target: r.target, log, onclose, onsaved };
}

const input = (root: HTMLElement, id: string) => byTestId(root, id) as HTMLInputElement | null;

/** The label text of a control, through its `for` id. */
function labelOf(root: HTMLElement, el: HTMLElement | null): string | undefined {
  return root.querySelector(`label[for="${el?.id}"]`)?.textContent?.trim();
}

describe("ConnectionDialog", () => {
  it("asks for each vendor's own account fields and labels its credential", async () => {
    const { target } = show();
    await settle();
    const dialog = byTestId(target, "connection-dialog")!;
    expect(dialog.getAttribute("role")).toBe("dialog");

    // Veryfi first: client id and username, "API key".
    expect(input(target, "connection-base-url")?.value).toBe("https://api.veryfi.com");
    expect(input(target, "connection-client-id")).not.toBeNull();
    expect(input(target, "connection-username")).not.toBeNull();
    expect(input(target, "connection-organization-id")).toBeNull();
    const secret = input(target, "connection-credential");
    expect(secret?.type).toBe("password");
    expect(labelOf(target, secret)).toBe("API key");

    typeInto(byTestId(target, "connection-vendor"), "verifa");
    expect(input(target, "connection-base-url")?.value).toBe("https://api.withverifa.com");
    expect(input(target, "connection-client-id")).toBeNull();
    expect(labelOf(target, input(target, "connection-organization-id"))).toBe("Organization ID");
    expect(labelOf(target, input(target, "connection-credential"))).toBe("Admin token");
    const version = input(target, "connection-api-version");
    expect(labelOf(target, version)).toBe("API version (optional)");
    expect(version?.placeholder).toMatch(/blank for Keyturn's tested default/);

    typeInto(byTestId(target, "connection-vendor"), "apiKeys");
    expect(input(target, "connection-base-url")?.value).toBe("");
    expect(input(target, "connection-organization-id")).toBeNull();
    expect(target.textContent).toContain("This vendor has no single public address");
  });

  it("keeps a base URL the user typed when the vendor changes", async () => {
    const { target } = show();
    await settle();
    typeInto(byTestId(target, "connection-base-url"), "https://veryfi-proxy.acme.test");
    typeInto(byTestId(target, "connection-vendor"), "kayle");
    expect(input(target, "connection-base-url")?.value).toBe("https://veryfi-proxy.acme.test");
  });

  it("tests the connection with the form's values and says what it saw", async () => {
    const { target, log } = show(null, { test_connection: { keysSeen: 3, morePages: false } });
    await settle();
    typeInto(byTestId(target, "connection-name"), "Prod");
    typeInto(byTestId(target, "connection-client-id"), "vrf_1");
    typeInto(byTestId(target, "connection-username"), "ops");
    typeInto(byTestId(target, "connection-credential"), "apikey-123");
    typeInto(byTestId(target, "connection-environment"), "sandbox");
    click(byTestId(target, "connection-read-only"));

    click(byTestId(target, "connection-test"));
    await settle();

    expect(callsOf(log, "test_connection")).toEqual([
      {
        draft: {
          name: "Prod",
          vendor: "veryfi",
          environment: "sandbox",
          baseUrl: "https://api.veryfi.com",
          readOnly: true,
          clientId: "vrf_1",
          username: "ops",
          organizationId: null,
          credential: "apikey-123",
        },
      },
    ]);
    expect(byTestId(target, "connection-test-result")?.textContent?.trim()).toBe("Connected — 3 keys visible.");
  });

  it("mentions further pages", async () => {
    const { target } = show(null, { test_connection: { keysSeen: 100, morePages: true } });
    await settle();
    click(byTestId(target, "connection-test"));
    await settle();
    expect(byTestId(target, "connection-test-result")?.textContent?.trim()).toBe(
      "Connected — 100 keys visible, more on further pages.",
    );
  });

  it.each([
    ["unauthorized", "Bad credentials: the vendor rejected this admin token or account."],
    ["notFound", "Wrong organization: the vendor does not know this organization ID."],
    ["unreachable", "Unreachable: check the base URL and your network connection."],
  ] as const)("explains a failed test (%s)", async (reason, sentence) => {
    const { target } = show(null, { test_connection: () => Promise.reject(vendorError({ reason })) });
    await settle();
    typeInto(byTestId(target, "connection-vendor"), "verifa");
    click(byTestId(target, "connection-test"));
    await settle();
    const result = byTestId(target, "connection-test-result");
    expect(result?.textContent?.trim()).toBe(sentence);
    expect(result?.classList.contains("bad")).toBe(true);
  });

  it("puts an invalidInput error beside its field, and clears it on typing", async () => {
    const { target, onsaved } = show(null, {
      add_connection: () =>
        Promise.reject({
          kind: "invalidInput",
          field: "organizationId",
          message: "A Verifa organization ID starts with org_ followed by letters, digits or _.",
        }),
    });
    await settle();
    typeInto(byTestId(target, "connection-vendor"), "verifa");
    typeInto(byTestId(target, "connection-organization-id"), "acme");
    click(byTestId(target, "connection-save"));
    await settle();

    const field = input(target, "connection-organization-id")!;
    const error = byTestId(target, "field-error-organizationId");
    expect(error?.textContent).toMatch(/^A Verifa organization ID starts with org_/);
    // Beside its own field: in the same group, and announced with it.
    expect(field.closest(".field")?.contains(error)).toBe(true);
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(field.getAttribute("aria-describedby")).toBe(error?.id);
    expect(document.activeElement).toBe(field);
    expect(byTestId(target, "error-message")).toBeNull();
    expect(onsaved).not.toHaveBeenCalled();

    typeInto(field, "org_acme");
    expect(byTestId(target, "field-error-organizationId")).toBeNull();
  });

  it("sends the Verifa API version typed and shows Keyturn's refusal of it beside the field", async () => {
    const { target, log } = show(null, {
      add_connection: () =>
        Promise.reject({
          kind: "invalidInput",
          field: "apiVersion",
          message: "A Verifa API version is a date written YYYY-MM-DD, such as 2026-01-01.",
        }),
    });
    await settle();
    typeInto(byTestId(target, "connection-vendor"), "verifa");
    typeInto(byTestId(target, "connection-organization-id"), "org_acme");
    typeInto(byTestId(target, "connection-api-version"), " 2026-1-1 ");
    click(byTestId(target, "connection-save"));
    await settle();

    expect(callsOf(log, "add_connection")).toEqual([
      { draft: expect.objectContaining({ organizationId: "org_acme", apiVersion: "2026-1-1" }) },
    ]);
    const field = input(target, "connection-api-version")!;
    const error = byTestId(target, "field-error-apiVersion");
    expect(error?.textContent).toMatch(/^A Verifa API version is a date/);
    expect(field.closest(".field")?.contains(error)).toBe(true);
  });

  it("shows an error without a field in the dialog", async () => {
    const { target } = show(null, { add_connection: () => Promise.reject({ kind: "storage", detail: "disk full" }) });
    await settle();
    click(byTestId(target, "connection-save"));
    await settle();
    expect(byTestId(target, "error-message")?.textContent).toContain("Keyturn could not read or write a file");
  });

  it("empties the credential when closed with Esc, and keeps it out of the DOM", async () => {
    const { target, onclose } = show();
    await settle();
    const secret = input(target, "connection-credential")!;
    typeInto(secret, "very-secret-value");
    expect(secret.value).toBe("very-secret-value");

    press(secret, "Escape");
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(secret.value).toBe("");

    destroy?.();
    destroy = null;
    expect(document.body.innerHTML).not.toContain("very-secret-value");
  });

  it("empties the credential when Cancel is pressed", async () => {
    const { target, onclose } = show();
    await settle();
    const secret = input(target, "connection-credential")!;
    typeInto(secret, "cancelled-secret");
    click(Array.from(target.querySelectorAll("button")).find((b) => b.textContent?.trim() === "Cancel") ?? null);
    expect(onclose).toHaveBeenCalled();
    expect(secret.value).toBe("");
  });

  it("on edit says a blank credential keeps the stored one, and sends null for it", async () => {
    const veryfi = connection({
      id: "p1",
      name: "Veryfi",
      accountLabel: "ops@acme.test · vrf_9",
      account: { username: "ops@acme.test", clientId: "vrf_9" },
      environment: "live",
    });
    const { target, log, onsaved } = show(veryfi, { update_connection: veryfi });
    await settle();

    expect(input(target, "connection-username")?.value).toBe("ops@acme.test");
    expect(input(target, "connection-client-id")?.value).toBe("vrf_9");
    expect(input(target, "connection-credential")?.value).toBe("");
    expect(target.textContent).toContain("Leave blank to keep the stored API key.");

    click(byTestId(target, "connection-save"));
    await settle();
    expect(callsOf(log, "update_connection")).toEqual([
      { connectionId: "p1", draft: expect.objectContaining({ credential: null, clientId: "vrf_9", environment: "live" }) },
    ]);
    expect(onsaved).toHaveBeenCalledWith(veryfi);
  });

  it("asks for an explicit yes before a read-only connection becomes writable, and sends it", async () => {
    const support = connection({
      id: "p2",
      name: "Support",
      accountLabel: "ops@acme.test · vrf_9",
      account: { username: "ops@acme.test", clientId: "vrf_9" },
      readOnly: true,
    });
    const { target, log } = show(support, { update_connection: { ...support, readOnly: false } });
    await settle();
    expect(byTestId(target, "connection-allow-changes")).toBeNull();

    click(byTestId(target, "connection-read-only"));
    await settle();
    const yes = input(target, "connection-allow-changes");
    expect(yes?.checked).toBe(false);
    click(byTestId(target, "connection-save"));
    await settle();
    expect(callsOf(log, "update_connection")[0]).toEqual({
      connectionId: "p2",
      draft: expect.not.objectContaining({ allowChanges: true }),
    });

    click(yes);
    click(byTestId(target, "connection-save"));
    await settle();
    expect(callsOf(log, "update_connection")[1]).toEqual({
      connectionId: "p2",
      draft: expect.objectContaining({ readOnly: false, allowChanges: true }),
    });
  });
});
