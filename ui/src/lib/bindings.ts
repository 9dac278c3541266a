// Generated from the Rust types in src-tauri/core by `./x bindings`. Do not edit.

export type VendorKind = "veryfi" | "verifa" | "apiKeys" | "kayle";

export type Environment = "sandbox" | "live";

export type ProfileSummary = { id: string, name: string, vendor: VendorKind, environment: Environment, readOnly: boolean, baseUrl: string, };

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
requestCount: number | null, metadata: { [key in string]: MetadataValue }, };

export type DraftField = "name" | "description" | "environment" | "scopes" | "expiresAt" | "metadata";

export type FieldSpec = { field: DraftField, required: boolean, };

export type LastUsedFields = { at: boolean, ip: boolean, userAgent: boolean, requestCount: boolean, };

export type ScopeChoice = "none" | "one" | "atLeastOne" | "any";

export type Capabilities = { 
/**
 * The word the vendor uses for a key's name ("Name", "Label").
 */
nameLabel: string, maxKeys: number | null, maxNameLength: number | null, canReset: boolean, canDisable: boolean, canRename: boolean, lastKeyDeletable: boolean, 
/**
 * Revoked keys stay in the list (status revoked) instead of disappearing.
 */
revokedKeysListed: boolean, lastUsed: LastUsedFields, scopeChoice: ScopeChoice, scopes: Array<string>, defaultScopes: Array<string>, environments: Array<string>, createFields: Array<FieldSpec>, };

export type KeyList = { profileId: string, keys: Array<ApiKey>, capabilities: Capabilities, fetchedAt: string, };

export type KeyDraft = { name: string | null, description: string | null, environment: string | null, scopes: Array<string>, expiresAt: string | null, metadata: { [key in string]: MetadataValue }, };

export type KeyUpdate = { name: string | null, enabled: boolean | null, };

export type VendorErrorKind = "unauthorized" | "forbidden" | "notFound" | "keyLimitReached" | "lastKeyProtected" | "invalidRequest" | "rateLimited" | "server" | "timeout" | "unreachable" | "certificate" | "connectionLost" | "invalidResponse" | "unsupported";

export type CommandError = { "kind": "vendor", reason: VendorErrorKind, status: number | null, code: string | null, message: string, requestId: string | null, retryAfterSeconds: number | null, 
/**
 * After a create whose answer was lost: keys that appeared, secret unknown.
 */
orphanCandidates: Array<ApiKey>, orphanCheckFailed: boolean, } | { "kind": "profileNotFound", profileId: string, } | { "kind": "keychainUnavailable", detail: string, } | { "kind": "startup", detail: string, } | { "kind": "internal", detail: string, };
