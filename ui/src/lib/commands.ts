// Generated from the command list in crates/keyturn-app/src/commands/list.rs by `./x bindings`. Do not edit.
import type { About, ApiKey, AttentionSummary, AuditFilter, AuditPage, ConnectionCheck, ConnectionDraft, ConnectionSummary, ConnectionsView, CopyReceipt, ExportFormat, KeyDraft, KeyLookup, KeyPage, KeyQuery, OpenRotationsView, OrganizationChoice, RemovedConnection, RevealedKey, RotationAction, RotationPolicy, RotationView, Settings, SignInStart, SignInStarted, TrayRequest } from "./bindings";
import { call } from "./ipc";

export function listConnections(): Promise<ConnectionsView> {
  return call<ConnectionsView>("list_connections");
}

export function testConnection(draft: ConnectionDraft): Promise<ConnectionCheck> {
  return call<ConnectionCheck>("test_connection", { draft });
}

export function addConnection(draft: ConnectionDraft): Promise<ConnectionSummary> {
  return call<ConnectionSummary>("add_connection", { draft });
}

/** `draft.credential` null keeps the stored credential. */
export function updateConnection(connectionId: string, draft: ConnectionDraft): Promise<ConnectionSummary> {
  return call<ConnectionSummary>("update_connection", { connectionId, draft });
}

export function removeConnection(connectionId: string): Promise<RemovedConnection> {
  return call<RemovedConnection>("remove_connection", { connectionId });
}

/** Remembers the connection as the one to open next time. */
export function selectConnection(connectionId: string): Promise<void> {
  return call<void>("select_connection", { connectionId });
}

/** The built-in sandbox back to its first-start keys. */
export function resetSandbox(): Promise<void> {
  return call<void>("reset_sandbox");
}

/** Sign-in for session vendors: the vendor emails a code to the address. */
export function startSignIn(start: SignInStart): Promise<SignInStarted> {
  return call<SignInStarted>("start_sign_in", { start });
}

/** The code from the email; the organizations the user may manage come back. */
export function verifySignInCode(signInId: string, code: string): Promise<OrganizationChoice[]> {
  return call<OrganizationChoice[]>("verify_sign_in_code", { signInId, code });
}

/** Saves the connection (`draft` for a new one; null when signing one in again). */
export function finishSignIn(signInId: string, organizationId: string, draft: ConnectionDraft | null): Promise<ConnectionSummary> {
  return call<ConnectionSummary>("finish_sign_in", { signInId, organizationId, draft });
}

export function signOut(connectionId: string): Promise<ConnectionSummary> {
  return call<ConnectionSummary>("sign_out", { connectionId });
}

/** Lists the keys from the vendor; Rust holds them and answers the first `limit` matching `query`. */
export function listKeys(connectionId: string, query: KeyQuery, limit: number): Promise<KeyPage> {
  return call<KeyPage>("list_keys", { connectionId, query, limit });
}

/** A window of the keys last listed that match `query`, without asking the vendor. */
export function queryKeys(connectionId: string, query: KeyQuery, offset: number, limit: number): Promise<KeyPage> {
  return call<KeyPage>("query_keys", { connectionId, query, offset, limit });
}

/** One key as last listed; null when the listing does not hold it. */
export function getKey(connectionId: string, keyId: string): Promise<ApiKey | null> {
  return call<ApiKey | null>("get_key", { connectionId, keyId });
}

/** One search over every connection's keys last listed (id, prefix, name, IP, client), grouped by connection; no vendor is asked. */
export function lookupKeys(search: string, limit: number): Promise<KeyLookup> {
  return call<KeyLookup>("lookup_keys", { search, limit });
}

export function createKey(connectionId: string, draft: KeyDraft): Promise<RevealedKey> {
  return call<RevealedKey>("create_key", { connectionId, draft });
}

export function revokeKey(connectionId: string, keyId: string): Promise<void> {
  return call<void>("revoke_key", { connectionId, keyId });
}

export function setKeyEnabled(connectionId: string, keyId: string, enabled: boolean): Promise<ApiKey> {
  return call<ApiKey>("set_key_enabled", { connectionId, keyId, enabled });
}

export function resetKeys(connectionId: string): Promise<RevealedKey[]> {
  return call<RevealedKey[]>("reset_keys", { connectionId });
}

/** The reveal closed: Rust zeroizes the held secret; true when it still held one. */
export function forgetSecret(revealId: string): Promise<boolean> {
  return call<boolean>("forget_secret", { revealId });
}

/** Rust puts the secret on the clipboard, marked as a password, and clears it later. */
export function copySecret(revealId: string): Promise<CopyReceipt> {
  return call<CopyReceipt>("copy_secret", { revealId });
}

/** A plain copy of something that is not a secret (an id, a prefix). */
export function copyText(text: string): Promise<void> {
  return call<void>("copy_text", { text });
}

/** Quits the way every exit does (Ctrl+Q): the secret off the clipboard first. */
export function quitApp(): Promise<void> {
  return call<void>("quit_app");
}

/** Locks now: nothing that shows or changes keys runs until unlocked; revealed secrets are forgotten, the clipboard cleared. */
export function lockApp(): Promise<void> {
  return call<void>("lock_app");
}

/** Unlocks once the operating system confirms the user: `password`, the account's, or (null) the desktop's authentication agent. */
export function unlockApp(password: string | null): Promise<void> {
  return call<void>("unlock_app", { password });
}

export function isLocked(): Promise<boolean> {
  return call<boolean>("is_locked");
}

/** What the user last chose in the tray's menu (a rotation to open), once; asked when the window gets focus. */
export function takeTrayRequest(): Promise<TrayRequest | null> {
  return call<TrayRequest | null>("take_tray_request");
}

/** Confirms the user as unlocking does, for a revoke or reset on a live connection that answered `confirmNeeded`. */
export function confirmUser(password: string | null): Promise<void> {
  return call<void>("confirm_user", { password });
}

/** The window's title names what it shows: a connection, or "Needs attention". */
export function nameWindow(shown: string): Promise<void> {
  return call<void>("name_window", { shown });
}

/** Keyturn's version and where it keeps its files, for About. */
export function about(): Promise<About> {
  return call<About>("about");
}

export function getSettings(): Promise<Settings> {
  return call<Settings>("get_settings");
}

export function setSettings(settings: Settings): Promise<Settings> {
  return call<Settings>("set_settings", { settings });
}

/** Asks where to save and writes the key inventory (no secrets): the path, or null if cancelled. */
export function exportKeys(connectionId: string, format: ExportFormat): Promise<string | null> {
  return call<string | null>("export_keys", { connectionId, format });
}

/** Asks where to save and writes every connection's keys in one report (no secrets): the path, or null if cancelled. */
export function exportInventory(format: ExportFormat): Promise<string | null> {
  return call<string | null>("export_inventory", { format });
}

/** `limit` of the entries `filter` matches from `offset` on, newest first; how many match; the connections the log names; the lines that could not be read. */
export function listAudit(filter: AuditFilter, offset: number, limit: number): Promise<AuditPage> {
  return call<AuditPage>("list_audit", { filter, offset, limit });
}

/** Asks where to save and writes every entry `filter` matches as CSV: the path, or null if cancelled. */
export function exportAudit(filter: AuditFilter): Promise<string | null> {
  return call<string | null>("export_audit", { filter });
}

export function startRotation(connectionId: string): Promise<RotationView> {
  return call<RotationView>("start_rotation", { connectionId });
}

export function rotationAction(rotationId: string, action: RotationAction): Promise<RotationView> {
  return call<RotationView>("rotation_action", { rotationId, action });
}

/** One look at the keys' last use while verifying. */
export function pollRotation(rotationId: string): Promise<RotationView> {
  return call<RotationView>("poll_rotation", { rotationId });
}

/** Unfinished rotations to resume, and the journal files skipped with why. */
export function openRotations(): Promise<OpenRotationsView> {
  return call<OpenRotationsView>("open_rotations");
}

/** One real call made with the new key, while its secret is still held for the reveal. */
export function testNewKey(connectionId: string, revealId: string): Promise<void> {
  return call<void>("test_new_key", { connectionId, revealId });
}

/** What needs attention across every connection. A connection not listed this run, or listed too long ago, is listed now; `relist` lists every one again. */
export function attention(relist: boolean): Promise<AttentionSummary> {
  return call<AttentionSummary>("attention", { relist });
}

/** Hides the item until `until` (at most the snooze limit ahead); `reason` is required. Answers the new summary. */
export function snoozeItem(itemId: string, until: string, reason: string): Promise<AttentionSummary> {
  return call<AttentionSummary>("snooze_item", { itemId, until, reason });
}

/** The connection's "rotate every N days"; `everyDays` null is off. */
export function getRotationPolicy(connectionId: string): Promise<RotationPolicy> {
  return call<RotationPolicy>("get_rotation_policy", { connectionId });
}

export function setRotationPolicy(connectionId: string, policy: RotationPolicy): Promise<RotationPolicy> {
  return call<RotationPolicy>("set_rotation_policy", { connectionId, policy });
}

/** Shows a snoozed item again. Answers the new summary. */
export function unsnoozeItem(itemId: string): Promise<AttentionSummary> {
  return call<AttentionSummary>("unsnooze_item", { itemId });
}
