// One connection's keys as the keys view shows them: the query, the window of
// matching keys Rust answered for it, the open dialog, and one method per user
// action. Rust holds the listed keys: every keystroke, filter and sort asks it
// (query_keys), and so does scrolling past the window. Create it while a
// component initialises: its effects (loading when another connection is
// shown, asking on each change of the query, the clock) live as long as that
// component, and its end drops every revealed secret.
import { untrack } from "svelte";
import {
  revokeKey,
  forgetSecret,
  getKey,
  listKeys,
  queryKeys,
  openRotations,
  resetKeys,
  resetSandbox,
  setKeyEnabled,
} from "../commands";
import { toCommandError } from "../ipc";
import type {
  ApiKey,
  CommandError,
  KeyPage,
  KeyQuery,
  KeyStatus,
  ConnectionSummary,
  RevealedKey,
  Rotation,
  RotationView,
} from "../bindings";
import { withConfirmation } from "../lock/confirmation.svelte";
import { resumable, unreadableJournalSentence } from "../rotation/rotationResume";
import { isFinished } from "../rotation/rotationSteps";
import { keySummary } from "../text/format";
import { isolated, keyLabel } from "../text/visibleText";
import { showToast } from "../ui/toasts.svelte";
import { keyColumns, type ColumnId } from "./keyColumns";
import { nextSort, prepareRows, type SortSpec } from "./keyRows";
import { isAtLimit, revokeBlockedReason } from "./limits";

/** How many keys one answer carries: the table asks for more as it scrolls. */
export const PAGE_SIZE = 200;
const CLOCK_TICK_MS = 60_000;

/** What the user came to do, from the home view: shown once the list is known. */
export interface KeyIntent {
  keyId: string | null;
  action: "rotate" | "revoke" | "signIn" | "openRotation" | null;
}

export interface KeysControllerParams {
  connection: () => ConnectionSummary;
  /** The vendor's short name, for sentences ("Veryfi allows 2 keys…"). */
  vendorName: () => string;
  intent?: KeyIntent | null;
  /** After every listing that worked: what needs attention may have changed. */
  onlisted?: () => void;
}

export class KeysController {
  readonly #connection: () => ConnectionSummary;
  readonly #vendorName: () => string;
  /** Only a change of connection reloads, not the same summary listed again. */
  readonly #connectionId = $derived.by(() => this.connection.id);

  /** The latest answer: a window of the matching keys, and the whole list's counts. */
  page = $state.raw<KeyPage | null>(null);
  loading = $state(false);
  error = $state<CommandError | null>(null);
  actionError = $state<CommandError | null>(null);
  now = $state(new Date());
  signingIn = $state(false);

  searchInput = $state("");
  statusFilter = $state<KeyStatus | "all">("all");
  environmentFilter = $state<string>("all");
  sort = $state.raw<SortSpec | null>(null);
  selectedId = $state<string | null>(null);
  /** The selected key as Rust last gave it, for when its row is outside the window. */
  #selectedKey = $state.raw<ApiKey | null>(null);

  creating = $state(false);
  /** Holds secrets: plain (not deeply reactive) and emptied on close. */
  revealed = $state.raw<{ keys: RevealedKey[]; title: string } | null>(null);
  revoking = $state<ApiKey | null>(null);
  resetting = $state(false);
  resettingSandbox = $state(false);
  dialogBusy = $state(false);
  dialogError = $state<CommandError | null>(null);
  keyBusy = $state(false);
  /** The rotation wizard, open on a new rotation (`resume` null) or an unfinished one. */
  rotating = $state.raw<{ resume: RotationView | null } | null>(null);
  /** This connection's unfinished rotation, offered for resuming. */
  interrupted = $state.raw<Rotation | null>(null);
  /** Rotation journals skipped at the last listing, as sentences. */
  journalNotices = $state<string[]>([]);

  /** The sidebar may not know yet: a call can be the first to find the session ended. */
  readonly signedOut = $derived(
    this.connection.signedOut || this.error?.kind === "signedOut" || this.actionError?.kind === "signedOut",
  );
  readonly lastEmail = $derived(this.connection.account.email ?? "");
  readonly query = $derived<KeyQuery>({
    search: this.searchInput,
    status: this.statusFilter === "all" ? null : this.statusFilter,
    environment: this.environmentFilter === "all" ? null : this.environmentFilter,
    sort: this.sort,
  });
  readonly caps = $derived(this.page?.capabilities ?? null);
  readonly columns = $derived(this.caps ? keyColumns(this.caps, this.connection.vendor) : []);
  /** The window's rows; `index` is each one's position among the matching keys. */
  readonly rows = $derived(this.page ? prepareRows(this.page.keys, this.now, this.page.offset) : []);
  readonly matching = $derived(this.page?.matching ?? 0);
  readonly total = $derived(this.page?.total ?? 0);
  readonly filtered = $derived(this.matching !== this.total);
  readonly environments = $derived(this.page?.environments ?? []);
  readonly selectedRow = $derived.by(() => {
    if (this.selectedId === null) return null;
    const shown = this.rows.find((r) => r.key.id === this.selectedId);
    if (shown) return shown;
    const held = this.#selectedKey;
    return held?.id === this.selectedId ? prepareRows([held], this.now)[0] : null;
  });
  readonly held = $derived(this.page?.held ?? 0);
  readonly summary = $derived(
    this.page && this.caps ? keySummary(this.caps.maxKeys === null ? this.total : this.held, this.caps.maxKeys) : "",
  );
  readonly atLimit = $derived(this.caps !== null && isAtLimit(this.held, this.caps));
  readonly canRotate = $derived(this.page !== null && this.held > 0);
  /** Why the selected key may not be revoked, or null. */
  readonly revokeBlocked = $derived(
    this.selectedRow && this.page && this.caps
      ? revokeBlockedReason(this.selectedRow.key, this.page.active, this.caps, this.vendorName)
      : null,
  );

  // Identify the latest request so a slow, stale answer never overwrites a newer one.
  #listSeq = 0;
  #querySeq = 0;
  #rotationsSeq = 0;
  /** A listing is on its way: without a page shown, queries wait for it (Rust holds nothing to query). */
  #listing = false;
  /** The offset of the window asked for and not yet answered. */
  #asking: number | null = null;

  #intent: KeyIntent | null;
  readonly #onlisted: () => void;

  constructor(params: KeysControllerParams) {
    this.#connection = params.connection;
    this.#vendorName = params.vendorName;
    this.#intent = params.intent ?? null;
    this.#onlisted = params.onlisted ?? (() => undefined);
    if (this.#intent?.action === "signIn") {
      this.#intent = null;
      this.startSignIn();
    }

    $effect(() => {
      const id = this.#connectionId;
      untrack(() => this.#show(id));
    });
    $effect(() => {
      const query = this.query;
      untrack(() => {
        if (this.page !== null) void this.#ask(query, 0);
      });
    });
    $effect(() => {
      // Relative times and badges follow the clock.
      const tick = setInterval(() => (this.now = new Date()), CLOCK_TICK_MS);
      return () => clearInterval(tick);
    });
    $effect(() => () => this.closeReveal());
  }

  get connection(): ConnectionSummary {
    return this.#connection();
  }

  get vendorName(): string {
    return this.#vendorName();
  }

  #show(connectionId: string): void {
    if (this.page !== null && this.page.connectionId !== connectionId) this.page = null;
    this.interrupted = null;
    void this.fetchList(connectionId);
    if (this.page === null) void this.#showHeld(connectionId);
    void this.#findInterrupted(connectionId);
  }

  /**
   * What Rust still holds from this connection's last listing, shown at once
   * while the vendor is asked again: the footer says when it was listed, and
   * the list stays marked busy until the new one replaces it.
   */
  async #showHeld(connectionId: string): Promise<void> {
    const [listSeq, querySeq] = [this.#listSeq, this.#querySeq];
    try {
      const held = await queryKeys(connectionId, this.query, 0, PAGE_SIZE);
      if (listSeq !== this.#listSeq || querySeq !== this.#querySeq || !this.#listing) return;
      this.#showPage(held);
    } catch {
      // Nothing held yet (keysNotListed): the listing on its way is shown when it comes.
    }
  }

  /** The one place the keys are listed from the vendor. A failed refresh keeps the page already known. */
  async fetchList(connectionId: string): Promise<void> {
    const seq = ++this.#listSeq;
    this.#querySeq++;
    this.#listing = true;
    this.loading = true;
    this.error = null;
    const asked = this.query;
    try {
      const result = await listKeys(connectionId, asked, PAGE_SIZE);
      if (seq !== this.#listSeq) return;
      this.#querySeq++;
      this.#listing = false;
      // The held listing was shown meanwhile, and searched or scrolled: ask the new one for that.
      const shown = this.page?.connectionId === connectionId ? this.page : null;
      const moved = shown !== null && (this.query !== asked || shown.offset !== 0);
      if (!moved) this.#showPage(result);
      this.now = new Date();
      this.#followIntent();
      this.#onlisted();
      // Typed while the list was on its way: ask again for what the box says now.
      if (moved) void this.#ask(this.query, shown.offset);
      else if (this.query !== asked) void this.#ask(this.query, 0);
    } catch (e) {
      if (seq !== this.#listSeq) return;
      this.error = toCommandError(e);
    } finally {
      if (seq === this.#listSeq) {
        this.#listing = false;
        this.loading = false;
      }
    }
  }

  /** The home view's intent, once: the key selected, then its action opened. */
  #followIntent(): void {
    const intent = this.#intent;
    if (intent === null || intent.action === "openRotation") return;
    this.#intent = null;
    const connectionId = this.connection.id;
    if (intent.keyId !== null) this.select(intent.keyId);
    if (intent.action === "rotate") {
      if (!this.connection.readOnly) this.startRotation();
    } else if (intent.action === "revoke" && intent.keyId !== null && !this.connection.readOnly) {
      const id = intent.keyId;
      getKey(connectionId, id).then(
        (key) => {
          if (key && this.connection.id === connectionId && this.selectedId === id) this.openRevoke(key);
        },
        (e) => this.showActionError(toCommandError(e)),
      );
    }
  }

  /** Asks Rust for the window at `offset` of the keys matching `query`; only the latest answer is shown. */
  async #ask(query: KeyQuery, offset: number): Promise<void> {
    const page = this.page;
    if (page === null) return;
    const seq = ++this.#querySeq;
    this.#asking = offset;
    try {
      const result = await queryKeys(page.connectionId, query, offset, PAGE_SIZE);
      if (seq !== this.#querySeq) return;
      this.#showPage(result);
    } catch (e) {
      if (seq !== this.#querySeq) return;
      const error = toCommandError(e);
      if (error.kind === "keysNotListed") this.refresh();
      else this.actionError = error;
    } finally {
      if (seq === this.#querySeq) this.#asking = null;
    }
  }

  #showPage(page: KeyPage): void {
    this.page = page;
    const id = this.selectedId;
    if (id === null) return;
    const shown = page.keys.find((k) => k.id === id);
    if (shown) {
      this.#selectedKey = shown;
      return;
    }
    getKey(page.connectionId, id).then(
      (key) => {
        if (this.selectedId === id) this.#selectedKey = key;
      },
      () => undefined,
    );
  }

  /** The table shows positions `start` to `end` of the matching keys: asks for them when the window lacks them. */
  want(start: number, end: number): void {
    const page = this.page;
    if (page === null) return;
    const last = Math.min(end, page.matching);
    if (start >= page.offset && last <= page.offset + page.keys.length) return;
    const offset = Math.max(0, start - Math.floor((PAGE_SIZE - (end - start)) / 2));
    if (this.#asking === offset) return;
    void this.#ask(this.query, offset);
  }

  refresh(): void {
    void this.fetchList(this.connection.id);
  }

  /** Looks for a rotation of this connection left unfinished (Keyturn closed or crashed mid-way). */
  async #findInterrupted(connectionId: string): Promise<void> {
    const seq = ++this.#rotationsSeq;
    try {
      const found = await openRotations();
      if (seq !== this.#rotationsSeq || this.rotating !== null) return;
      this.interrupted = resumable(found.rotations, connectionId);
      if (this.#intent?.action === "openRotation" && this.interrupted) {
        this.#intent = null;
        this.resumeRotation();
      }
      this.journalNotices = found.unreadable.map(unreadableJournalSentence);
    } catch {
      // Only the offer to resume is lost; starting a rotation still works.
    }
  }

  dismissNotice(at: number): void {
    this.journalNotices = this.journalNotices.filter((_, i) => i !== at);
  }

  showActionError(e: CommandError): void {
    this.actionError = e;
  }

  // Signing in again

  startSignIn(): void {
    this.signingIn = true;
  }

  cancelSignIn(): void {
    this.signingIn = false;
  }

  signedIn(): void {
    this.signingIn = false;
    this.error = null;
    this.actionError = null;
  }

  // The list

  select(keyId: string | null): void {
    this.selectedId = keyId;
    this.#selectedKey = this.page?.keys.find((k) => k.id === keyId) ?? null;
  }

  sortBy(column: ColumnId): void {
    this.sort = nextSort(this.sort, column);
  }

  /** A key Rust changed: shown at once, then the window asked again (filters and counts follow). */
  #replaceKey(updated: ApiKey): void {
    const page = this.page;
    if (!page) return;
    this.page = { ...page, keys: page.keys.map((k) => (k.id === updated.id ? updated : k)) };
    if (this.selectedId === updated.id) this.#selectedKey = updated;
    void this.#ask(this.query, page.offset);
  }

  // Creating and secrets

  /** Opens the create dialog when this connection may change keys and its list is known. */
  openCreate(): void {
    if (!this.connection.readOnly && this.page) this.creating = true;
  }

  closeCreate(): void {
    this.creating = false;
  }

  created(r: RevealedKey): void {
    this.creating = false;
    this.selectedId = r.key.id;
    this.#selectedKey = r.key;
    this.revealed = { keys: [r], title: "Your new key" };
    this.refresh();
  }

  /** The reveal dialog closed: drop every copy of the secrets, and have Rust forget them. */
  closeReveal(): void {
    const held = this.revealed;
    this.revealed = null;
    if (!held) return;
    for (const r of held.keys) {
      r.secret = "";
      forgetSecret(r.revealId).catch(() => undefined);
    }
  }

  // Rotation

  startRotation(): void {
    this.creating = false;
    this.actionError = null;
    this.rotating = { resume: null };
  }

  resumeRotation(): void {
    const r = this.interrupted;
    if (!r) return;
    this.interrupted = null;
    this.rotating = { resume: { rotation: r, revealed: null, notice: null } };
  }

  rotationClosed(last: Rotation | null): void {
    this.rotating = null;
    if (last && !isFinished(last.state)) this.interrupted = last;
    this.refresh();
  }

  // Revoke, enable and disable, reset

  /** Runs a confirmed dialog's action: busy while it runs, its failure shown in the dialog. */
  async #confirm(action: () => Promise<void>): Promise<void> {
    this.dialogBusy = true;
    this.dialogError = null;
    try {
      await action();
    } catch (e) {
      this.dialogError = toCommandError(e);
    } finally {
      this.dialogBusy = false;
    }
  }

  openRevoke(key: ApiKey): void {
    this.dialogError = null;
    this.revoking = key;
  }

  closeRevoke(): void {
    this.revoking = null;
  }

  confirmRevoke(): Promise<void> {
    const key = this.revoking;
    if (!key) return Promise.resolve();
    return this.#confirm(async () => {
      await withConfirmation(() => revokeKey(this.connection.id, key.id));
      this.revoking = null;
      showToast(`Revoked “${isolated(keyLabel(key))}”.`);
      if (this.caps && !this.caps.revokedKeysListed && this.selectedId === key.id) this.select(null);
      this.refresh();
    });
  }

  async setEnabled(key: ApiKey, enabled: boolean): Promise<void> {
    this.keyBusy = true;
    this.actionError = null;
    try {
      this.#replaceKey(await setKeyEnabled(this.connection.id, key.id, enabled));
      showToast(`${enabled ? "Enabled" : "Disabled"} “${isolated(keyLabel(key))}”.`);
    } catch (e) {
      this.actionError = toCommandError(e);
    } finally {
      this.keyBusy = false;
    }
  }

  openReset(): void {
    this.dialogError = null;
    this.resetting = true;
  }

  closeReset(): void {
    this.resetting = false;
  }

  confirmReset(): Promise<void> {
    return this.#confirm(async () => {
      const fresh = await withConfirmation(() => resetKeys(this.connection.id));
      this.resetting = false;
      this.revealed = { keys: fresh, title: fresh.length === 1 ? "Your new key" : "Your new keys" };
      this.refresh();
    });
  }

  openSandboxReset(): void {
    this.dialogError = null;
    this.resettingSandbox = true;
  }

  closeSandboxReset(): void {
    this.resettingSandbox = false;
  }

  confirmSandboxReset(): Promise<void> {
    return this.#confirm(async () => {
      await resetSandbox();
      this.resettingSandbox = false;
      showToast("The sandbox is back to its first-start keys.");
      this.refresh();
    });
  }
}
