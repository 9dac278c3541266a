// Generated from the Rust types in crates/keyturn-app and crates/keyturn-core by `./x bindings`. Do not edit.

export type VendorKind = "veryfi" | "verifa" | "apiKeys" | "kayle";

export type Environment = "sandbox" | "live";

export type ConnectionSummary = { id: string, name: string, vendor: VendorKind, environment: Environment, readOnly: boolean, baseUrl: string, 
/**
 * The non-secret account identifier to show (organization id, client id), if any.
 */
accountLabel: string | null, 
/**
 * The same account as fields (client id, username, organization id, email),
 * for the edit form to fill in without reading the label back.
 */
account: AccountValues, 
/**
 * The Verifa API version the connection pins, when not Keyturn's default.
 */
apiVersion?: string, 
/**
 * Built in (the embedded sandbox): can be reset, not edited or removed.
 */
builtin: boolean, 
/**
 * Why the connection cannot connect right now, in one sentence; `None` when it can.
 */
problem: string | null, 
/**
 * Its session ended (or it never signed in): the user can sign in again.
 */
signedOut: boolean, };

export type AccountValues = { clientId?: string, username?: string, organizationId?: string, 
/**
 * Who signed in, for a session connection.
 */
email?: string, };

export type KeyStatus = "active" | "disabled" | "revoked" | "expired";

export type LastUsed = { "state": "notReported" } | { "state": "never" } | { "state": "used", at: string, ip: string | null, userAgent: string | null, };

export type MetadataValue = string | number | boolean;

export type ApiKey = { id: string, name: string | null, description: string | null, 
/**
 * The first characters of the secret as the vendor reports them, never more.
 */
maskedPrefix: string | null, scopes: Array<string>, environment: string | null, status: KeyStatus, createdAt: string | null, expiresAt: string | null, revokedAt: string | null, lastUsed: LastUsed, 
/**
 * `None` when the vendor does not report a count.
 */
requestCount: number | null, metadata: { [key in string]: MetadataValue }, 
/**
 * Why Keyturn could not read all of this key from the vendor's list, in one
 * sentence for the user; absent when it could.
 */
problem?: string, };

export type DraftField = "name" | "description" | "environment" | "scopes" | "expiresAt" | "metadata";

export type FieldSpec = { field: DraftField, required: boolean, };

export type LastUsedFields = { at: boolean, ip: boolean, userAgent: boolean, requestCount: boolean, };

export type ScopeChoice = "none" | "one" | "atLeastOne" | "any";

export type Capabilities = { 
/**
 * The word the vendor uses for a key's name ("Name", "Label").
 */
nameLabel: string, maxKeys: number | null, maxNameLength: number | null, canReset: boolean, canDisable: boolean, canRename: boolean, lastKeyRevocable: boolean, 
/**
 * Revoked keys stay in the list (status revoked) instead of disappearing.
 */
revokedKeysListed: boolean, lastUsed: LastUsedFields, scopeChoice: ScopeChoice, scopes: Array<string>, defaultScopes: Array<string>, environments: Array<string>, createFields: Array<FieldSpec>, };

export type KeyList = { connectionId: string, keys: Array<ApiKey>, capabilities: Capabilities, fetchedAt: string, };

export type KeyColumn = "name" | "key" | "scopes" | "environment" | "status" | "created" | "expires" | "lastUsed" | "ip" | "client" | "requests";

export type SortDirection = "ascending" | "descending";

export type KeySort = { column: KeyColumn, direction: SortDirection, };

export type KeyQuery = { 
/**
 * Free text: every whitespace-separated term must be found in one of a
 * key's fields (id, name, prefix, scopes, last IP, client, User-Agent).
 */
search: string, 
/**
 * Only keys with this status as of now (an active key past its expiry is
 * expired); `None` for every status.
 */
status: KeyStatus | null, 
/**
 * Only keys in this environment; `None` for every environment.
 */
environment: string | null, 
/**
 * `None` keeps the vendor's order.
 */
sort: KeySort | null, };

export type KeyPage = { connectionId: string, 
/**
 * The position of `keys[0]` among the matching keys.
 */
offset: number, keys: Array<ApiKey>, 
/**
 * How many keys match the query.
 */
matching: number, 
/**
 * How many keys were listed.
 */
total: number, 
/**
 * Keys that occupy a slot at the vendor: active or disabled as the vendor says.
 */
held: number, 
/**
 * Keys the vendor says are active.
 */
active: number, 
/**
 * The environments to filter by: the vendor's, then any others the keys carry.
 */
environments: Array<string>, capabilities: Capabilities, fetchedAt: string, };

export type About = { version: string, 
/**
 * Connections' keys journal, the audit log, the sandbox's state.
 */
dataDir: string, 
/**
 * Connections, settings, snoozes.
 */
configDir: string, logDir: string, };

export type OsLocale = { 
/**
 * From LC_TIME.
 */
dates: string | null, 
/**
 * From LC_NUMERIC.
 */
numbers: string | null, };

export type MenuAction = "create" | "rotate" | "lock" | "needsAttention" | "search" | "refresh" | "auditLog" | "about";

export type TrayRequest = { connectionId: string, rotationId: string, };

export type LookupGroup = { connectionId: string, 
/**
 * The first matches, in the vendor's order.
 */
keys: Array<ApiKey>, 
/**
 * How many keys match, shown or not.
 */
matching: number, 
/**
 * When the keys searched were listed.
 */
fetchedAt: string, };

export type KeyLookup = { 
/**
 * Connections with a match, in the sidebar's order.
 */
groups: Array<LookupGroup>, 
/**
 * Connections whose keys are not known this run, so not searched.
 */
notListed: Array<string>, };

export type KeyDraft = { name: string | null, description: string | null, environment: string | null, scopes: Array<string>, expiresAt: string | null, metadata: { [key in string]: MetadataValue }, };

export type KeyUpdate = { name: string | null, enabled: boolean | null, };

export type VendorErrorKind = "unauthorized" | "credentialExpired" | "signedOut" | "codeRejected" | "forbidden" | "notFound" | "keyLimitReached" | "lastKeyProtected" | "invalidRequest" | "rateLimited" | "server" | "timeout" | "unreachable" | "certificate" | "connectionLost" | "invalidResponse" | "unsupported" | "notSent" | "invalidDraft";

export type CommandError = { "kind": "vendor", reason: VendorErrorKind, status: number | null, code: string | null, message: string, requestId: string | null, retryAfterSeconds: number | null, 
/**
 * The draft field the vendor's rules refused, for an `invalidDraft`:
 * the form shows the message beside it.
 */
field: DraftField | null, 
/**
 * After a create whose answer was lost: keys that appeared, secret unknown.
 */
orphanCandidates: Array<ApiKey>, orphanCheckFailed: boolean, } | { "kind": "signedOut", connectionId: string | null, message: string, } | { "kind": "connectionNotFound", connectionId: string, } | { "kind": "readOnly", connectionId: string, } | { "kind": "connectionUnusable", connectionId: string, problem: string, } | { "kind": "invalidInput", field: string | null, message: string, } | { "kind": "keychainUnavailable", detail: string, } | { "kind": "rotation", refusal: RotationError, } | { "kind": "rotationNotFound", rotationId: string, } | { "kind": "keysNotListed", connectionId: string, } | { "kind": "secretGone" } | { "kind": "locked" } | { "kind": "confirmNeeded", action: string, } | { "kind": "unlockRefused", detail: string, passwordNeeded: boolean, } | { "kind": "clipboard", detail: string, } | { "kind": "storage", detail: string, } | { "kind": "startup", detail: string, } | { "kind": "internal", detail: string, };

export type VendorInfo = { vendor: VendorKind, 
/**
 * "Veryfi partner": in the vendor picker and the sidebar.
 */
displayName: string, 
/**
 * "Veryfi": in sentences ("Veryfi allows 2 keys").
 */
shortName: string, 
/**
 * What the vendor calls a key's scopes ("Scopes", "Permissions").
 */
scopesLabel: string, 
/**
 * Prefilled in the form; `None` when the vendor has no single public address.
 */
defaultBaseUrl: string | null, 
/**
 * The form's account fields, in order.
 */
accountFields: Array<AccountField>, 
/**
 * What the vendor calls the credential that goes to the keychain.
 */
credentialLabel: string, 
/**
 * A pasted token, or a session made by signing in.
 */
credential: CredentialKind, };

export type AccountField = "clientId" | "username" | "organizationId" | "apiVersion";

export type CredentialKind = { "kind": "staticToken" } | { "kind": "session", steps: Array<SignInStep>, lifetimeDays: number, };

export type SignInStep = "email" | "code" | "organization";

export type OrganizationChoice = { id: string, name: string, 
/**
 * The user's role there, as the vendor names it ("owner", "admin").
 */
role: string, };

export type SignInStart = { vendor: VendorKind, baseUrl: string, email: string, 
/**
 * Set to sign an existing connection in again; its vendor and address are used.
 */
connectionId: string | null, };

export type SignInStarted = { signInId: string, email: string, };

export type ConnectionDraft = { name: string, vendor: VendorKind, environment: Environment, baseUrl: string, readOnly: boolean, clientId: string | null, username: string | null, organizationId: string | null, 
/**
 * Verifa's `Verifa-Version`, `YYYY-MM-DD`; empty or absent for Keyturn's default.
 */
apiVersion?: string, 
/**
 * Required when adding; `null` when editing keeps the stored credential.
 */
credential: string | null, 
/**
 * The user's explicit yes to turning a read-only connection writable.
 */
allowChanges?: boolean, };

export type ConnectionCheck = { 
/**
 * Keys on the first page of the account's list.
 */
keysSeen: number, morePages: boolean, };

export type RemovedConnection = { name: string, keychainEntryRemoved: boolean, };

export type ConnectionsView = { connections: Array<ConnectionSummary>, lastConnectionId: string | null, 
/**
 * A sentence for the user when saved connections had to be set aside.
 */
notice: string | null, };

export type RevealedKey = { key: ApiKey, revealId: string, 
/**
 * Shown in the reveal dialog, never again; the copy goes through `reveal_id`.
 */
secret: string, };

export type Settings = { 
/**
 * Seconds until a copied secret is cleared from the clipboard; `null` = never.
 */
clipboardClearSeconds: number | null, 
/**
 * Minutes without input before Keyturn locks; `null` = never. Files
 * written before the lock existed get the default.
 */
lockAfterMinutes: number | null, 
/**
 * When a key's expiry, disuse or disabling is shown as needing attention.
 */
attention: AttentionSettings, };

export type AuditAction = "create" | "revoke" | "disable" | "enable" | "reset" | "connectionAdded" | "connectionEdited" | "connectionRemoved" | "signedIn" | "signedOut" | "keyCopied" | "export" | "rotationStarted" | "rotationAdvanced" | "rotationCancelled" | "rotationFinished";

export type RotationView = { rotation: Rotation, 
/**
 * The new key and its secret, the one time it exists.
 */
revealed: RevealedKey | null, 
/**
 * A sentence when the journal could not be written or an answer was odd.
 */
notice: string | null, };

export type AuditEntry = { at: string, 
/**
 * The OS user Keyturn ran as; "unknown" in entries written before it was recorded.
 */
user: string, 
/**
 * Null when the action has no single connection: the inventory report of
 * every connection, or a connection whose add failed before it had an id.
 * Entries written before "connection" was the one word say `profileId` and `profileName`.
 */
connectionId: string | null, connectionName: string | null, vendor: VendorKind | null, action: AuditAction, 
/**
 * The key acted on; for a create, the new key's id when it is known.
 */
keyId: string | null, 
/**
 * What was done beyond the key: what was exported ("csv, 12 keys"), the rotation and its step.
 */
detail: string | null, 
/**
 * "ok", or the failure in a few words (its kind and the vendor's code).
 */
outcome: string, };

export type AuditFilter = { 
/**
 * Entries of this connection only (so none without a connection).
 */
connectionId?: string, 
/**
 * Entries of these actions only; an empty list matches none.
 */
actions?: Array<AuditAction>, 
/**
 * From this instant on (the UI sends the start of the first day chosen).
 */
from?: string, 
/**
 * Before this instant (the UI sends the start of the day after the last day chosen).
 */
before?: string, };

export type AuditConnection = { id: string, name: string, };

export type AuditPage = { 
/**
 * Newest first, from the offset asked for.
 */
entries: Array<AuditEntry>, 
/**
 * How many entries the filter matches in all.
 */
matching: number, 
/**
 * Every connection the log names, sorted by name, whatever the filter.
 */
connections: Array<AuditConnection>, 
/**
 * Line numbers, from 1, of the lines of the log that could not be read.
 */
skippedLines: Array<number>, };

export type CopyReceipt = { clearsAfterSeconds: number | null, };

export type ExportFormat = "csv" | "json";

export type KeyRef = { id: string, name: string | null, createdAt: string | null, };

export type UsageSignal = "lastUsedAt" | "requestCount" | "checklist";

export type RotationRules = { maxKeys: number | null, canDisable: boolean, lastKeyRevocable: boolean, usage: UsageSignal, };

export type OrphanReason = "createAnswerLost" | "secretNotConfirmed";

export type RetireAction = "disabling" | "revoking";

export type RotationProblem = { reason: VendorErrorKind, message: string, code: string | null, requestId: string | null, };

export type KeyUse = { at: string, ip: string | null, userAgent: string | null, };

export type ConsumerCheck = { name: string, checked: boolean, };

export type VerificationStatus = { signal: UsageSignal, since: string, lastObservedAt: string | null, newKeyFirstUsed: KeyUse | null, oldKeyLastUsed: string | null, 
/**
 * No use of the old key is known after this time.
 */
oldQuietSince: string | null, oldQuietForSecs: number | null, 
/**
 * The old key is not (or no longer) at the vendor, so it cannot be in use.
 */
oldKeyGone: boolean, consumers: Array<ConsumerCheck>, newKeyTested: boolean | null, green: boolean, };

export type RotationStep = { "step": "checkingSlots" } | { "step": "chooseRetiring", keys: Array<ApiKey>, 
/**
 * Keys used within the last hour.
 */
inUseKeyIds: Array<string>, } | { "step": "readyToCreate" } | { "step": "listingBeforeCreate", draft: KeyDraft, } | { "step": "creating", preCreateKeyIds: Array<string>, } | { "step": "created" } | { "step": "orphanFound", orphans: Array<KeyRef>, reason: OrphanReason, explanation: string, revoking: string | null, } | { "step": "verifying" } | { "step": "retiring", action: RetireAction | null, } | { "step": "done" } | { "step": "cancelled" };

export type Rotation = { id: string, connectionId: string, vendor: VendorKind, rules: RotationRules, quietWindowSecs: number, startedAt: string, updatedAt: string, 
/**
 * The account was full: the old key goes before the new one is created.
 */
retireFirst: boolean, oldKey: KeyRef | null, oldKeyDisabled: boolean, oldKeyRevoked: boolean, newKey: KeyRef | null, 
/**
 * From the moment the user confirms storing the new secret.
 */
verification: VerificationStatus | null, problem: RotationProblem | null, state: RotationStep, };

export type RotationAction = { "action": "choose", keyId: string, overrideInUse: boolean, } | { "action": "create", draft: KeyDraft, } | { "action": "secretStored" } | { "action": "consumerChecked", name: string, checked: boolean, } | { "action": "consumerRemoved", name: string, } | { "action": "testedNewKey", ok: boolean, } | { "action": "setQuietWindow", seconds: number, } | { "action": "retire" } | { "action": "disable" } | { "action": "revoke", confirmation: string, force: boolean, } | { "action": "finish" } | { "action": "revokeOrphan", keyId: string, } | { "action": "dismissOrphans" } | { "action": "refresh" } | { "action": "cancel" };

export type RotationError = { "reason": "notNow", step: string, event: string, } | { "reason": "finished" } | { "reason": "busy" } | { "reason": "unknownKey", keyId: string, } | { "reason": "keyInUse", keyId: string, lastUsedAt: string, } | { "reason": "cannotDisable" } | { "reason": "alreadyDisabled" } | { "reason": "disableFirst" } | { "reason": "confirmationMismatch" } | { "reason": "notVerified" } | { "reason": "lastActiveKey" } | { "reason": "oldKeyRemains" } | { "reason": "noOldKey" } | { "reason": "quietWindowOutOfRange", minSecs: number, maxSecs: number, } | { "reason": "emptyConsumerName" };

export type UnreadableJournal = { file: string, reason: string, keptAs: string | null, };

export type OpenRotationsView = { rotations: Array<RotationView>, unreadable: Array<UnreadableJournal>, };

export type Severity = "critical" | "warning" | "info";

export type AttentionKind = "expired" | "expiring" | "stale" | "neverUsed" | "disabledLong" | "atKeyLimit" | "rotationDue" | "rotationInProgress" | "rotationStuck" | "connectionFailing" | "signedOut";

export type NextAction = "rotate" | "revoke" | "signIn" | "openRotation" | "retry" | "snooze";

export type AttentionItem = { 
/**
 * `<kind>:<connectionId>:<keyId or ->`, the same from one look to the next.
 */
id: string, kind: AttentionKind, severity: Severity, connectionId: string, connectionName: string, keyId: string | null, 
/**
 * As the vendor has it; the UI shows it through its visible-text guard.
 */
keyName: string | null, rotationId: string | null, 
/**
 * Why, in one plain sentence.
 */
why: string, 
/**
 * When it is or was due (expiry, rotation policy), for ordering and the UI's own date.
 */
deadline: string | null, actions: Array<NextAction>, 
/**
 * When the facts it comes from were gathered: the key list's time, or the
 * rotation's last change; `None` when the connection was never listed.
 */
asOf: string | null, };

export type AttentionSettings = { 
/**
 * A key expiring within this many days is shown.
 */
expiryWindowDays: number, 
/**
 * An active key unused for this many days is stale.
 */
staleDays: number, 
/**
 * A key never used this many days after it was created is shown.
 */
neverUsedGraceDays: number, 
/**
 * A key disabled (or out of use while disabled) this long is shown.
 */
disabledDays: number, };

export type RotationPolicy = { everyDays: number | null, };

export type Snooze = { 
/**
 * An `AttentionItem`'s id.
 */
itemId: string, until: string, reason: string, snoozedAt: string, };

export type SnoozedItem = { item: AttentionItem, snooze: Snooze, };

export type ConnectionCounts = { connectionId: string, critical: number, warning: number, info: number, 
/**
 * Hidden by a snooze; not in the three above.
 */
snoozed: number, 
/**
 * Counted above but left out of `items` (see [`AttentionSummary::capped`]).
 */
more: number, };

export type AttentionSummary = { 
/**
 * Not snoozed, in the order shown.
 */
items: Array<AttentionItem>, 
/**
 * Snoozed, in the same order.
 */
snoozed: Array<SnoozedItem>, 
/**
 * By connection id.
 */
connections: Array<ConnectionCounts>, };

/** Every `kind` a `CommandError` can have. */
export const COMMAND_ERROR_KINDS: readonly CommandError["kind"][] = ["vendor", "signedOut", "connectionNotFound", "readOnly", "connectionUnusable", "invalidInput", "keychainUnavailable", "rotation", "rotationNotFound", "keysNotListed", "secretGone", "locked", "confirmNeeded", "unlockRefused", "clipboard", "storage", "startup", "internal"];

/** Every vendor, in the order the form offers them (`catalog::vendors()`). */
export const VENDOR_CATALOG: readonly VendorInfo[] = [
  {
    "vendor": "veryfi",
    "displayName": "Veryfi partner",
    "shortName": "Veryfi",
    "scopesLabel": "Scopes",
    "defaultBaseUrl": "https://api.veryfi.com",
    "accountFields": [
      "clientId",
      "username"
    ],
    "credentialLabel": "API key",
    "credential": {
      "kind": "staticToken"
    }
  },
  {
    "vendor": "verifa",
    "displayName": "Verifa",
    "shortName": "Verifa",
    "scopesLabel": "Scopes",
    "defaultBaseUrl": "https://api.withverifa.com",
    "accountFields": [
      "organizationId",
      "apiVersion"
    ],
    "credentialLabel": "Admin token",
    "credential": {
      "kind": "staticToken"
    }
  },
  {
    "vendor": "apiKeys",
    "displayName": "API keys (/v1/api-keys)",
    "shortName": "API Keys",
    "scopesLabel": "Scopes",
    "defaultBaseUrl": null,
    "accountFields": [],
    "credentialLabel": "Bearer token",
    "credential": {
      "kind": "staticToken"
    }
  },
  {
    "vendor": "kayle",
    "displayName": "Kayle ID",
    "shortName": "Kayle",
    "scopesLabel": "Permissions",
    "defaultBaseUrl": "https://api.kayle.id",
    "accountFields": [],
    "credentialLabel": "Session",
    "credential": {
      "kind": "session",
      "steps": [
        "email",
        "code",
        "organization"
      ],
      "lifetimeDays": 7
    }
  }
];

/** The event the window's menu sends the page a `MenuAction` with. */
export const MENU_EVENT = "menu";
