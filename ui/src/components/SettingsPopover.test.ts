import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import SettingsPopover from "./SettingsPopover.svelte";
import { byTestId, callsOf, click, mockBackend, press, render, settle, typeInto } from "../test/helpers";

const ATTENTION = { expiryWindowDays: 14, staleDays: 90, neverUsedGraceDays: 7, disabledDays: 30 };

let destroy: (() => void) | null = null;

afterEach(() => {
  destroy?.();
  destroy = null;
  clearMocks();
});

describe("SettingsPopover", () => {
  it("shows the saved clipboard delay and saves a new one", async () => {
    const log = mockBackend({
      get_settings: { clipboardClearSeconds: 30, lockAfterMinutes: 15, attention: ATTENTION },
      set_settings: (p: unknown) => (p as { settings: unknown }).settings,
    });
    const r = render(SettingsPopover, {});
    destroy = r.destroy;
    const button = byTestId(r.target, "settings-button")!;
    expect(byTestId(r.target, "settings-popover")).toBeNull();

    click(button);
    await settle();
    expect(button.getAttribute("aria-expanded")).toBe("true");
    const select = byTestId(r.target, "clipboard-clear-delay") as HTMLSelectElement;
    expect(select.value).toBe("30");
    const labels = Array.from(select.options).map((o) => o.textContent);
    expect(labels[0]).toBe("10 s");
    expect(labels).toContain("5 min");
    expect(labels[labels.length - 1]).toBe("never");

    typeInto(select, "never");
    await settle();
    expect(callsOf(log, "set_settings")).toEqual([{ settings: { clipboardClearSeconds: null, lockAfterMinutes: 15, attention: ATTENTION } }]);
    expect(byTestId(r.target, "settings-popover")?.textContent).toContain("Saved.");

    typeInto(select, "120");
    await settle();
    expect(callsOf(log, "set_settings")[1]).toEqual({ settings: { clipboardClearSeconds: 120, lockAfterMinutes: 15, attention: ATTENTION } });

    press(select, "Escape");
    expect(byTestId(r.target, "settings-popover")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("saves the lock delay without touching the clipboard delay, and says so to its owner", async () => {
    const log = mockBackend({
      get_settings: { clipboardClearSeconds: 45, lockAfterMinutes: 15, attention: ATTENTION },
      set_settings: (p: unknown) => (p as { settings: unknown }).settings,
    });
    const seen: unknown[] = [];
    const r = render(SettingsPopover, { onsaved: (s: unknown) => void seen.push(s) });
    destroy = r.destroy;
    click(byTestId(r.target, "settings-button"));
    await settle();
    const select = byTestId(r.target, "lock-after") as HTMLSelectElement;
    expect(select.value).toBe("15");
    expect(Array.from(select.options).map((o) => o.textContent)).toContain("1 hour");

    typeInto(select, "never");
    await settle();
    expect(callsOf(log, "set_settings")).toEqual([{ settings: { clipboardClearSeconds: 45, lockAfterMinutes: null, attention: ATTENTION } }]);
    expect(seen).toEqual([{ clipboardClearSeconds: 45, lockAfterMinutes: null, attention: ATTENTION }]);
  });

  it("saves a threshold of Needs attention, keeping the others", async () => {
    const log = mockBackend({
      get_settings: { clipboardClearSeconds: 30, lockAfterMinutes: 15, attention: ATTENTION },
      set_settings: (p: unknown) => (p as { settings: unknown }).settings,
    });
    const r = render(SettingsPopover, {});
    destroy = r.destroy;
    click(byTestId(r.target, "settings-button"));
    await settle();
    expect((byTestId(r.target, "stale-days") as HTMLSelectElement).value).toBe("90");
    typeInto(byTestId(r.target, "stale-days"), "180");
    await settle();
    typeInto(byTestId(r.target, "expiry-window"), "30");
    await settle();
    const sent = callsOf(log, "set_settings") as Array<{ settings: { attention: typeof ATTENTION } }>;
    expect(sent[0].settings.attention).toEqual({ ...ATTENTION, staleDays: 180 });
    expect(sent[1].settings.attention).toEqual({ ...ATTENTION, staleDays: 180, expiryWindowDays: 30 });
  });

  it("says which version runs and where Keyturn keeps its files", async () => {
    mockBackend({
      get_settings: { clipboardClearSeconds: 30, lockAfterMinutes: 15, attention: ATTENTION },
      about: { version: "0.1.0", dataDir: "/home/a/.local/share/io.keyturn.desktop", configDir: "/home/a/.config/io.keyturn.desktop", logDir: "/home/a/.local/share/io.keyturn.desktop/logs" },
    });
    const r = render(SettingsPopover, {});
    destroy = r.destroy;
    click(byTestId(r.target, "settings-button"));
    await settle();
    const text = byTestId(r.target, "about")?.textContent ?? "";
    expect(text).toContain("version 0.1.0");
    expect(text).toContain("/home/a/.config/io.keyturn.desktop");
    expect(text).toContain("/home/a/.local/share/io.keyturn.desktop/logs");
  });

  it("shows why settings could not be saved", async () => {
    mockBackend({
      get_settings: { clipboardClearSeconds: 30, lockAfterMinutes: 15, attention: ATTENTION },
      set_settings: () => Promise.reject({ kind: "storage", detail: "read-only fs" }),
    });
    const r = render(SettingsPopover, {});
    destroy = r.destroy;
    click(byTestId(r.target, "settings-button"));
    await settle();
    typeInto(byTestId(r.target, "clipboard-clear-delay"), "60");
    await settle();
    expect(byTestId(r.target, "error-message")?.textContent).toContain("Keyturn could not read or write a file");
  });
});
