// Keyturn's lock as the window holds it: locked after the user's idle delay
// (no pointer, key or wheel input) or on demand, and unlocked only when Rust
// says the operating system confirmed the user. Rust may lock by itself (the
// desktop locked its screen): each check asks it. While locked the window
// shows the lock screen and nothing else, so no key data is in the page.
import { isLocked, lockApp, unlockApp } from "../commands";
import { toCommandError } from "../ipc";
import type { CommandError } from "../bindings";
import { MINUTE } from "../text/time";

const CHECK_EVERY_MS = 5_000;
const INPUT_EVENTS = ["pointermove", "pointerdown", "keydown", "wheel", "touchstart"] as const;

export class LockController {
  locked = $state(false);
  busy = $state(false);
  error = $state<CommandError | null>(null);
  /** The desktop had no agent to ask: the account password is wanted. */
  passwordNeeded = $state(false);
  /** Minutes without input before locking; null never locks by itself. */
  lockAfterMinutes = $state<number | null>(15);
  #lastInput = Date.now();

  /** Watches input on `target` and locks when idle; the returned function stops. */
  watch(target: Window, now: () => number = Date.now): () => void {
    const touched = () => (this.#lastInput = now());
    for (const e of INPUT_EVENTS) target.addEventListener(e, touched, { passive: true });
    const timer = setInterval(() => {
      if (this.locked) return;
      const after = this.lockAfterMinutes;
      if (after !== null && now() - this.#lastInput >= after * MINUTE) {
        void this.lock();
        return;
      }
      isLocked().then(
        (locked) => {
          if (locked && !this.locked) this.#lockedByRust();
        },
        () => undefined,
      );
    }, CHECK_EVERY_MS);
    return () => {
      for (const e of INPUT_EVENTS) target.removeEventListener(e, touched);
      clearInterval(timer);
    };
  }

  /** The window locks first, whatever Rust answers: nothing waits on showing the lock screen. */
  async lock(): Promise<void> {
    this.locked = true;
    this.error = null;
    this.passwordNeeded = false;
    try {
      await lockApp();
    } catch (e) {
      this.error = toCommandError(e);
    }
  }

  #lockedByRust(): void {
    this.locked = true;
    this.error = null;
    this.passwordNeeded = false;
  }

  async unlock(password: string | null): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await unlockApp(password);
      this.locked = false;
      this.passwordNeeded = false;
      this.#lastInput = Date.now();
    } catch (e) {
      const error = toCommandError(e);
      this.error = error;
      if (error.kind === "unlockRefused" && error.passwordNeeded) this.passwordNeeded = true;
    } finally {
      this.busy = false;
    }
  }
}
