// Pure, user-facing wording for `CommandError`s. Only fields of the error are
// ever shown; the vendor's free-text `message` and internal `detail` strings
// are deliberately left out of the sentence.
import type { CommandError, VendorErrorKind } from "./bindings";
import { refusalSentence } from "./rotation/rotationErrors";

type VendorError = Extract<CommandError, { kind: "vendor" }>;

function assertNever(x: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(x)}`);
}

function describeVendor(e: VendorError): string {
  const reason: VendorErrorKind = e.reason;
  switch (reason) {
    case "unauthorized":
      return "The vendor rejected the credentials: check them in the connection.";
    case "credentialExpired":
      return "The connection's credential has expired: get a fresh one from the vendor's dashboard and paste it into the connection.";
    case "signedOut":
      return "Signed out — sign in again.";
    case "codeRejected":
      return "That code is wrong or has expired, and it cannot be used again: request a new code.";
    case "forbidden":
      return "The vendor accepted the credentials but refused this action: check that the account is allowed to manage API keys.";
    case "notFound":
      return "The vendor could not find the key or account: refresh the list and try again.";
    case "keyLimitReached":
      return "The account is at its key limit: delete or rotate an existing key first.";
    case "lastKeyProtected":
      return "The vendor will not remove the account's last key: create a replacement key first.";
    case "invalidRequest":
      return "The vendor rejected the request as invalid: check the connection settings, then try again.";
    case "rateLimited":
      return e.retryAfterSeconds != null && e.retryAfterSeconds > 0
        ? `The vendor is limiting requests: try again in ${Math.ceil(e.retryAfterSeconds)} s.`
        : "The vendor is limiting requests: wait a moment, then try again.";
    case "server":
      return "The vendor's service is failing: retry later.";
    case "timeout":
      return "The vendor did not answer in time: retry later.";
    case "unreachable":
      return "The vendor is unreachable: check your network connection and the connection's address, then retry.";
    case "certificate":
      return "The vendor's TLS certificate is not trusted: check the connection's address; if it is right, your network may be intercepting the connection.";
    case "connectionLost":
      return "The connection to the vendor broke before its answer arrived: refresh to see whether the action took effect.";
    case "invalidResponse":
      return "The vendor sent a response Keyturn could not read: retry later, and report it if it keeps happening.";
    case "unsupported":
      return "The vendor does not support this action for this account: use the vendor's own dashboard instead.";
    case "notSent":
      return "Keyturn did not contact the vendor, because it could not first save its progress to disk: free some space or check the data folder's permissions, then retry.";
    case "invalidDraft":
      return "Keyturn did not send this to the vendor, because the vendor's rules would refuse it: change what the detail below names, then try again.";
    default:
      return assertNever(reason);
  }
}

/** One sentence: what happened and what to do about it. */
export function describeError(e: CommandError): string {
  switch (e.kind) {
    case "vendor":
      return describeVendor(e);
    case "signedOut":
      return "Signed out — sign in again.";
    case "connectionNotFound":
      return "This connection no longer exists: pick another connection from the list.";
    case "readOnly":
      return "This connection is read-only: keys can be looked at but not created, revoked, rotated or reset.";
    case "connectionUnusable":
      return `This connection cannot be used: ${e.problem}.`;
    case "invalidInput":
      return e.message;
    case "rotation":
      return refusalSentence(e.refusal);
    case "rotationNotFound":
      return "This rotation is no longer open in Keyturn: close the wizard and resume it from the keys view, or start it again.";
    case "keysNotListed":
      return "Keyturn no longer holds this connection's list of keys: press Refresh to list them again.";
    case "secretGone":
      return "This secret is no longer held by Keyturn: it was shown once and cannot be copied again.";
    case "locked":
      return "Keyturn is locked: unlock it to see or change keys.";
    case "confirmNeeded":
      return "This change to a live connection needs your operating system to confirm it is you: try again and confirm.";
    case "unlockRefused":
      return e.passwordNeeded
        ? `${e.detail} Enter your account's password to unlock.`
        : `${e.detail} Try again to unlock.`;
    case "clipboard":
      return "Keyturn could not use the clipboard: press Copy again, and if it keeps failing, keep this open, check that your desktop's clipboard works and press Copy once more.";
    case "storage":
      return `Keyturn could not read or write a file (${e.detail}): check that the folder is writable and has free space, then try again.`;
    case "keychainUnavailable":
      return "No keychain service is reachable: start your desktop keyring (Secret Service) and unlock it, then restart Keyturn.";
    case "startup":
      return "Keyturn could not start correctly: check its configuration, then restart Keyturn.";
    case "internal":
      return "Keyturn hit an unexpected problem: try again, and restart Keyturn if it keeps happening.";
    default:
      return assertNever(e);
  }
}

/**
 * A short support reference for vendor errors, e.g.
 * "code rate_limit · request id req_123 · HTTP 429". Only parts that are
 * present are included; null when there is nothing to show.
 */
export function errorReference(e: CommandError): string | null {
  if (e.kind !== "vendor") return null;
  const parts: string[] = [];
  if (e.code) parts.push(`code ${e.code}`);
  if (e.requestId) parts.push(`request id ${e.requestId}`);
  if (e.status != null) parts.push(`HTTP ${e.status}`);
  return parts.length > 0 ? parts.join(" · ") : null;
}

/**
 * The vendor's own words, shown as a secondary line where they help the user
 * fix the request (invalid requests, refusals), or Keyturn's sentence naming
 * the rule a refused draft broke; null otherwise. Vendors' messages never
 * contain a secret.
 */
export function vendorDetail(e: CommandError): string | null {
  if (e.kind !== "vendor") return null;
  if (e.reason !== "invalidRequest" && e.reason !== "forbidden" && e.reason !== "invalidDraft") return null;
  const message = e.message.trim();
  return message === "" ? null : message;
}
