// One connection's keys as the keys view shows them: the list, the query over
// it, the open dialog, and one method per user action. Create it while a
// component initialises: its effects (loading when another connection is
// shown, the pause before a search, the clock) live as long as that component,
// and its end drops every revealed secret.
import { untrack } from "svelte";
import { revokeKey, forgetSecret, listKeys, openRotations, resetKeys, resetSandbox, setKeyEnabled } from "../commands";
import { toCommandError } from "../ipc";
import type {
  ApiKey,
  CommandError,
  KeyList,
  KeyStatus,
  ConnectionSummary,
  RevealedKey,
  Rotation,
  RotationView,
} from "../bindings";
import { resumable, unreadableJournalSentence } from "../rotation/rotationResume";
import { isFinished } from "../rotation/rotationSteps";
import { keySummary } from "../text/format";
import { isolated, keyLabel } from "../text/visibleText";
import { showToast } from "../ui/toasts.svelte";
import { keyColumns, type ColumnId } from "./keyColumns";
import { environmentChoices, nextSort, prepareRows, selectRows, type SortSpec } from "./keyRows";
import { isAtLimit, keysHeld, revokeBlockedReason } from "./limits";

export const SEARCH_DEBOUNCE_MS = 150;
const CLOCK_TICK_MS = 60_000;

export interface KeysControllerParams {
  connection: () => ConnectionSummary;
  /** The vendor's short name, for sentences ("Veryfi allows 2 keys…"). */
  vendorName: () => string;
}

export class KeysController {
  readonly #connection: () => ConnectionSummary;
  readonly #vendorName: () => string;
  /** Only a change of connection reloads, not the same summary listed again. */
  readonly #connectionId = $derived.by(() => this.connection.id);

  list = $state.raw<KeyList | null>(null);
  loading = $state(false);
  error = $state<CommandError | null>(null);
  actionError = $state<CommandError | null>(null);
  now = $state(new Date());
  signingIn = $state(false);

  /** Follows every keystroke; `search` takes it after a pause. */
  searchInput = $state("");
  search = $state("");
  statusFilter = $state<KeyStatus | "all">("all");
  environmentFilter = $state<string>("all");
  sort = $state<SortSpec | null>(null);
  selectedId = $state<string | null>(null);

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
  readonly caps = $derived(this.list?.capabilities ?? null);
  readonly columns = $derived(this.caps ? keyColumns(this.caps, this.connection.vendor) : []);
  readonly rows = $derived(this.list ? prepareRows(this.list.keys, this.now) : []);
  readonly shown = $derived(
    selectRows(this.rows, {
      search: this.search,
      status: this.statusFilter,
      environment: this.environmentFilter,
      sort: this.sort,
    }),
  );
  readonly filtered = $derived(this.shown.length !== this.rows.length);
  readonly environments = $derived(
    this.list && this.caps ? environmentChoices(this.caps.environments, this.list.keys) : [],
  );
  readonly selectedRow = $derived(
    this.selectedId === null ? null : (this.rows.find((r) => r.key.id === this.selectedId) ?? null),
  );
  readonly held = $derived(this.list ? keysHeld(this.list.keys) : 0);
  readonly summary = $derived(
    this.list && this.caps
      ? keySummary(this.caps.maxKeys === null ? this.list.keys.length : this.held, this.caps.maxKeys)
      : "",
  );
  readonly atLimit = $derived(this.list !== null && this.caps !== null && isAtLimit(this.list.keys, this.caps));
  readonly canRotate = $derived(this.list !== null && this.held > 0);
  /** Why the selected key may not be revoked, or null. */
  readonly revokeBlocked = $derived(
    this.selectedRow && this.list && this.caps
      ? revokeBlockedReason(this.selectedRow.key, this.list.keys, this.caps, this.vendorName)
      : null,
  );

  // Identify the latest request so a slow, stale answer never overwrites a newer one.
  #listSeq = 0;
  #rotationsSeq = 0;

  constructor(params: KeysControllerParams) {
    this.#connection = params.connection;
    this.#vendorName = params.vendorName;

    $effect(() => {
      const id = this.#connectionId;
      untrack(() => this.#show(id));
    });
    $effect(() => {
      const typed = this.searchInput;
      const t = setTimeout(() => (this.search = typed), SEARCH_DEBOUNCE_MS);
      return () => clearTimeout(t);
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
    if (this.list !== null && this.list.connectionId !== connectionId) this.list = null;
    this.interrupted = null;
    void this.fetchList(connectionId);
    void this.#findInterrupted(connectionId);
  }

  /** The one place the key list is asked for. A failed refresh keeps the list already known. */
  async fetchList(connectionId: string): Promise<void> {
    const seq = ++this.#listSeq;
    this.loading = true;
    this.error = null;
    try {
      const result = await listKeys(connectionId);
      if (seq !== this.#listSeq) return;
      this.list = result;
      this.now = new Date();
    } catch (e) {
      if (seq !== this.#listSeq) return;
      this.error = toCommandError(e);
    } finally {
      if (seq === this.#listSeq) this.loading = false;
    }
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
  }

  sortBy(column: ColumnId): void {
    this.sort = nextSort(this.sort, column);
  }

  #replaceKey(updated: ApiKey): void {
    if (!this.list) return;
    this.list = { ...this.list, keys: this.list.keys.map((k) => (k.id === updated.id ? updated : k)) };
  }

  // Creating and secrets

  /** Opens the create dialog when this connection may change keys and its list is known. */
  openCreate(): void {
    if (!this.connection.readOnly && this.list) this.creating = true;
  }

  closeCreate(): void {
    this.creating = false;
  }

  created(r: RevealedKey): void {
    this.creating = false;
    if (this.list) this.list = { ...this.list, keys: [...this.list.keys, r.key] };
    this.selectedId = r.key.id;
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
      await revokeKey(this.connection.id, key.id);
      this.revoking = null;
      showToast(`Revoked “${isolated(keyLabel(key))}”.`);
      if (this.list && this.caps && !this.caps.revokedKeysListed) {
        this.list = { ...this.list, keys: this.list.keys.filter((k) => k.id !== key.id) };
        if (this.selectedId === key.id) this.selectedId = null;
      }
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
      const fresh = await resetKeys(this.connection.id);
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
