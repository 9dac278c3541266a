import { afterEach, describe, expect, it, vi } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { LockController } from "./lockController.svelte";
import { callsOf, mockBackend } from "../../test/helpers";

afterEach(() => {
  vi.useRealTimers();
  clearMocks();
});

describe("LockController", () => {
  it("locks after the idle delay, and input puts it off", async () => {
    vi.useFakeTimers();
    const log = mockBackend({ lock_app: null, is_locked: false });
    let now = 0;
    const target = new EventTarget() as unknown as Window;
    const lock = new LockController();
    lock.lockAfterMinutes = 1;
    const stop = lock.watch(target, () => now);

    now = 50_000;
    target.dispatchEvent(new Event("keydown"));
    now = 100_000;
    vi.advanceTimersByTime(5_000);
    expect(lock.locked).toBe(false);

    now = 110_000;
    vi.advanceTimersByTime(5_000);
    expect(lock.locked).toBe(true);
    expect(callsOf(log, "lock_app")).toHaveLength(1);
    stop();
  });

  it("never locks by itself when the delay is never", () => {
    vi.useFakeTimers();
    mockBackend({ lock_app: null, is_locked: false });
    let now = 0;
    const lock = new LockController();
    lock.lockAfterMinutes = null;
    const stop = lock.watch(new EventTarget() as unknown as Window, () => now);
    now = 10 * 3_600_000;
    vi.advanceTimersByTime(60_000);
    expect(lock.locked).toBe(false);
    stop();
  });

  it("shows the lock screen when Rust locked by itself (the desktop locked its screen)", async () => {
    vi.useFakeTimers();
    let rustLocked = false;
    const log = mockBackend({ lock_app: null, is_locked: () => rustLocked });
    const lock = new LockController();
    lock.lockAfterMinutes = null;
    const stop = lock.watch(new EventTarget() as unknown as Window, () => 0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(lock.locked).toBe(false);
    rustLocked = true;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(lock.locked).toBe(true);
    expect(callsOf(log, "lock_app")).toHaveLength(0);
    stop();
  });
});
