// Generated from the Rust types in src-tauri/core by `./x bindings`. Do not edit.

export type VendorKind = "veryfi" | "verifa" | "apiKeys" | "kayle";

export type Environment = "sandbox" | "live";

export type ProfileSummary = { id: string, name: string, vendor: VendorKind, environment: Environment, readOnly: boolean, baseUrl: string, };

export type KeyStatus = "active" | "disabled" | "revoked" | "expired";

export type LastUsed = { "state": "notReported" } | { "state": "never" } | { "state": "used", at: string, ip: string | null, userAgent: string | null, };

export type ApiKey = { id: string, name: string | null, 
/**
 * The first characters of the secret as the vendor reports them, never more.
 */
maskedPrefix: string | null, status: KeyStatus, createdAt: string | null, lastUsed: LastUsed, };

export type Capabilities = { maxKeys: number | null, canReset: boolean, canDisable: boolean, lastKeyDeletable: boolean, reportsLastUsed: boolean, };

export type KeyList = { profileId: string, keys: Array<ApiKey>, capabilities: Capabilities, fetchedAt: string, };

export type KeyDraft = { name: string | null, };

export type VendorErrorKind = "unauthorized" | "forbidden" | "notFound" | "keyLimitReached" | "lastKeyProtected" | "invalidRequest" | "rateLimited" | "server" | "timeout" | "network" | "invalidResponse" | "unsupported";

export type CommandError = { "kind": "vendor", reason: VendorErrorKind, status: number | null, code: string | null, message: string, requestId: string | null, retryAfterSeconds: number | null, } | { "kind": "profileNotFound", profileId: string, } | { "kind": "keychainUnavailable", detail: string, } | { "kind": "startup", detail: string, } | { "kind": "internal", detail: string, };
