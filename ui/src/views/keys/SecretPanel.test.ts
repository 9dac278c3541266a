// The revealed secret: masked until asked, never selected by itself, and every
// way out of its field goes through the concealed copy.
import { afterEach, describe, expect, it } from "vitest";
import { flushSync } from "svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import SecretPanel from "./SecretPanel.svelte";
import type { RevealedKey } from "../../lib/bindings";
import { clearToasts } from "../../lib/ui/toasts.svelte";
import { apiKey, byTestId, callsOf, click, mockBackend, render, settle, type Handler } from "../../test/helpers";

const SECRET = "vk_live_5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d";

let destroy: (() => void) | null = null;

afterEach(() => {
  destroy?.();
  destroy = null;
  clearMocks();
  clearToasts();
});

function show(copySecret: Handler | unknown = { clearsAfterSeconds: 30 }) {
  const log = mockBackend({ copy_secret: copySecret });
  const revealed: RevealedKey[] = [{ key: apiKey("key_new", { name: "deploy" }), revealId: "reveal-1", secret: SECRET }];
  const r = render(SecretPanel, { revealed });
  destroy = r.destroy;
  const field = byTestId(r.target, "revealed-secret") as HTMLInputElement;
  return { target: r.target, log, field };
}

/** Nothing in the page holds the secret except the field's value. */
function onlyTheFieldHoldsIt(field: HTMLInputElement): void {
  expect(document.body.innerHTML).not.toContain(SECRET);
  expect(document.body.textContent).not.toContain(SECRET);
  const holders = Array.from(document.querySelectorAll("input, textarea")).filter(
    (el) => (el as HTMLInputElement).value.includes(SECRET),
  );
  expect(holders).toEqual([field]);
}

function fire(target: Element, type: string): Event {
  const e = new Event(type, { bubbles: true, cancelable: true });
  target.dispatchEvent(e);
  flushSync();
  return e;
}

describe("the revealed secret", () => {
  it("is masked until Show, read-only, and its value is there for the end-to-end tests", () => {
    const { target, field } = show();
    expect(field.type).toBe("password");
    expect(field.value).toBe(SECRET);
    expect(field.readOnly).toBe(true);
    expect(field.getAttribute("autocomplete")).toBe("off");
    expect(field.getAttribute("spellcheck")).toBe("false");
    onlyTheFieldHoldsIt(field);

    const toggle = byTestId(target, "show-secret")!;
    expect(toggle.textContent?.trim()).toBe("Show");
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    click(toggle);
    expect(field.type).toBe("text");
    expect(toggle.textContent?.trim()).toBe("Hide");
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    onlyTheFieldHoldsIt(field);
    click(toggle);
    expect(field.type).toBe("password");
  });

  it("does not select itself on focus", () => {
    const { field } = show();
    field.focus();
    flushSync();
    expect(document.activeElement).toBe(field);
    expect(field.selectionEnd! - field.selectionStart!).toBe(0);
  });

  it("sends Ctrl+C, cut and the context menu through the concealed copy, masked or shown", async () => {
    const { target, log, field } = show();
    for (const type of ["copy", "cut", "contextmenu"]) {
      expect(fire(field, type).defaultPrevented).toBe(true);
      await settle();
    }
    expect(callsOf(log, "copy_secret")).toEqual([{ revealId: "reveal-1" }, { revealId: "reveal-1" }, { revealId: "reveal-1" }]);
    expect(byTestId(target, "clipboard-countdown")?.textContent).toBe("Copied — clipboard clears in 30 s");

    click(byTestId(target, "show-secret"));
    expect(fire(field, "copy").defaultPrevented).toBe(true);
    await settle();
    expect(callsOf(log, "copy_secret")).toHaveLength(4);
  });

  it("after a failed copy, says to copy again, never to copy it by hand", async () => {
    const { target, field } = show(() => Promise.reject({ kind: "clipboard", detail: "no display" }));
    click(byTestId(target, "copy-secret"));
    await settle();
    const message = byTestId(target, "error-message")?.textContent ?? "";
    expect(message).toContain("press Copy again");
    expect(message).not.toMatch(/by hand|select/i);
    expect(field.type).toBe("password");
  });
});
