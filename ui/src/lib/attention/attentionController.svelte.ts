// What needs attention across every connection, as the home view and the
// sidebar's counts show it: one summary, asked for when the app starts (after
// the first key list has had its turn), whenever the home view opens, after a
// change, and every few minutes while Keyturn runs. A failed refresh keeps the
// summary already known.
import { attention, snoozeItem, unsnoozeItem } from "../commands";
import { toCommandError } from "../ipc";
import type { AttentionItem, AttentionSummary, CommandError, ConnectionCounts } from "../bindings";
import { MINUTE } from "../text/time";
import { snoozeUntil } from "./attentionText";

export const REFRESH_EVERY_MS = 5 * MINUTE;

export class AttentionController {
  summary = $state.raw<AttentionSummary | null>(null);
  loading = $state(false);
  error = $state<CommandError | null>(null);
  /** When the summary shown was answered. */
  answeredAt = $state<Date | null>(null);

  /** The item whose snooze dialog is open. */
  snoozing = $state.raw<AttentionItem | null>(null);
  snoozeBusy = $state(false);
  snoozeError = $state<CommandError | null>(null);

  #seq = 0;

  readonly total = $derived(this.summary?.items.length ?? 0);

  counts(connectionId: string): ConnectionCounts | undefined {
    return this.summary?.connections.find((c) => c.connectionId === connectionId);
  }

  /** `relist` lists every connection from its vendor again first. Only the latest answer is shown. */
  async refresh(relist = false): Promise<void> {
    const seq = ++this.#seq;
    this.loading = true;
    try {
      const summary = await attention(relist);
      if (seq !== this.#seq) return;
      this.#show(summary);
      this.error = null;
    } catch (e) {
      if (seq === this.#seq) this.error = toCommandError(e);
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  /** Refreshes now and then every `every` ms; the returned function stops it. */
  keepFresh(every = REFRESH_EVERY_MS): () => void {
    const timer = setInterval(() => void this.refresh(), every);
    return () => clearInterval(timer);
  }

  openSnooze(item: AttentionItem): void {
    this.snoozeError = null;
    this.snoozing = item;
  }

  closeSnooze(): void {
    this.snoozing = null;
  }

  async confirmSnooze(days: number, reason: string, now = new Date()): Promise<void> {
    const item = this.snoozing;
    if (!item) return;
    this.snoozeBusy = true;
    this.snoozeError = null;
    try {
      const summary = await snoozeItem(item.id, snoozeUntil(now, days), reason);
      this.#seq++;
      this.#show(summary);
      this.snoozing = null;
    } catch (e) {
      this.snoozeError = toCommandError(e);
    } finally {
      this.snoozeBusy = false;
    }
  }

  async unsnooze(itemId: string): Promise<void> {
    try {
      const summary = await unsnoozeItem(itemId);
      this.#seq++;
      this.#show(summary);
      this.error = null;
    } catch (e) {
      this.error = toCommandError(e);
    }
  }

  #show(summary: AttentionSummary): void {
    this.summary = summary;
    this.answeredAt = new Date();
  }
}
