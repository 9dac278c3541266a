import { afterEach, describe, expect, it } from "vitest";
import ModalHarness from "../test/ModalHarness.svelte";
import { anyDialogOpen } from "../lib/ui/dialogs.svelte";
import { byTestId, click, press, render } from "../test/helpers";

let destroy: (() => void) | null = null;

afterEach(() => {
  destroy?.();
  destroy = null;
});

function open() {
  const r = render(ModalHarness, {});
  destroy = r.destroy;
  const opener = byTestId(r.target, "opener")!;
  opener.focus();
  click(opener);
  return { target: r.target, opener };
}

describe("Modal", () => {
  it("is a labelled modal dialog that takes focus", () => {
    const { target } = open();
    const dialog = byTestId(target, "harness-dialog")!;
    expect(dialog.getAttribute("role")).toBe("dialog");
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    const title = document.getElementById(dialog.getAttribute("aria-labelledby")!);
    expect(title?.textContent).toBe("Harness");
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(anyDialogOpen()).toBe(true);
  });

  it("closes with Esc and gives focus back to the opener", () => {
    const { target, opener } = open();
    press(document.activeElement!, "Escape");
    expect(byTestId(target, "harness-dialog")).toBeNull();
    expect(byTestId(target, "closes")?.textContent).toBe("1");
    expect(document.activeElement).toBe(opener);
    expect(anyDialogOpen()).toBe(false);
  });

  it("closes with its ✕ button, which has an accessible name", () => {
    const { target } = open();
    const close = byTestId(target, "harness-dialog-close")!;
    expect(close.getAttribute("aria-label")).toBe("Close");
    click(close);
    expect(byTestId(target, "harness-dialog")).toBeNull();
  });

  it("keeps Tab inside: from the last control to the first and back", () => {
    const { target } = open();
    const dialog = byTestId(target, "harness-dialog")!;
    const close = byTestId(dialog, "harness-dialog-close")!;
    const second = byTestId(dialog, "second")!;

    second.focus();
    const forward = press(second, "Tab");
    expect(forward.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(close);

    const back = press(close, "Tab", { shiftKey: true });
    expect(back.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(second);

    // In the middle, Tab is left to the browser.
    const first = byTestId(dialog, "first")!;
    first.focus();
    const middle = press(first, "Tab");
    expect(middle.defaultPrevented).toBe(false);
  });

  it("pulls focus back when it lands outside", () => {
    const { target, opener } = open();
    opener.focus();
    expect(byTestId(target, "harness-dialog")!.contains(document.activeElement)).toBe(true);
  });
});
