// The support lookup as the home view shows it: the text typed, and Rust's
// answer for it from every connection's held keys. Each keystroke asks; only
// the latest answer is shown. Blank text shows no answer.
import { lookupKeys } from "../commands";
import { toCommandError } from "../ipc";
import type { CommandError, KeyLookup } from "../bindings";

/** How many keys each connection's group shows. */
export const LOOKUP_PER_CONNECTION = 20;

export class LookupController {
  text = $state("");
  result = $state.raw<KeyLookup | null>(null);
  error = $state<CommandError | null>(null);
  #seq = 0;

  readonly active = $derived(this.text.trim() !== "");
  readonly found = $derived(this.result?.groups.reduce((n, g) => n + g.matching, 0) ?? 0);

  async search(text: string): Promise<void> {
    this.text = text;
    const seq = ++this.#seq;
    if (text.trim() === "") {
      this.result = null;
      this.error = null;
      return;
    }
    try {
      const result = await lookupKeys(text, LOOKUP_PER_CONNECTION);
      if (seq !== this.#seq) return;
      this.result = result;
      this.error = null;
    } catch (e) {
      if (seq === this.#seq) this.error = toCommandError(e);
    }
  }

  clear(): void {
    void this.search("");
  }
}
