// A revoke or reset on a live connection that Rust refused with
// `confirmNeeded`: the user confirms with the operating system (the dialog
// this drives), then the same call runs once more. Cancelling keeps the
// refusal, so nothing is revoked.
import { confirmUser } from "../commands";
import { toCommandError } from "../ipc";
import type { CommandError } from "../bindings";

class Confirmation {
  /** The action waiting ("revoke", "reset"); null when nothing asks. */
  asking = $state<string | null>(null);
  busy = $state(false);
  error = $state<CommandError | null>(null);
  passwordNeeded = $state(false);
  #answer: ((confirmed: boolean) => void) | null = null;

  ask(action: string): Promise<boolean> {
    this.#answer?.(false);
    this.asking = action;
    this.error = null;
    this.passwordNeeded = false;
    return new Promise((resolve) => (this.#answer = resolve));
  }

  async confirm(password: string | null): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await confirmUser(password);
      this.#end(true);
    } catch (e) {
      const error = toCommandError(e);
      this.error = error;
      if (error.kind === "unlockRefused" && error.passwordNeeded) this.passwordNeeded = true;
    } finally {
      this.busy = false;
    }
  }

  cancel(): void {
    this.#end(false);
  }

  #end(confirmed: boolean): void {
    const answer = this.#answer;
    this.#answer = null;
    this.asking = null;
    answer?.(confirmed);
  }
}

export const confirmation = new Confirmation();

/** Runs `run`; on `confirmNeeded`, asks the user to confirm and runs it once more. */
export async function withConfirmation<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (toCommandError(e).kind !== "confirmNeeded") throw e;
    const action = (toCommandError(e) as Extract<CommandError, { kind: "confirmNeeded" }>).action;
    if (!(await confirmation.ask(action))) throw e;
    return await run();
  }
}
