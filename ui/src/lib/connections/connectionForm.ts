// The add/edit connection form: its fields per vendor, the ConnectionDraft it
// sends, and the one-sentence result of "Test connection".
import type {
  AccountField,
  CommandError,
  ConnectionCheck,
  Environment,
  ConnectionDraft,
  ConnectionSummary,
  VendorInfo,
  VendorKind,
} from "../bindings";
import { describeError } from "../errors";

export interface ConnectionForm {
  vendor: VendorKind;
  name: string;
  environment: Environment;
  baseUrl: string;
  clientId: string;
  username: string;
  organizationId: string;
  /** Verifa's API version; blank for Keyturn's tested default. */
  apiVersion: string;
  /** Blank on edit keeps the stored credential. */
  credential: string;
  readOnly: boolean;
  /** The explicit yes to turning a read-only connection writable. */
  allowChanges: boolean;
}

export type ConnectionField = keyof ConnectionForm;

export const ACCOUNT_FIELD_LABELS: Record<AccountField, string> = {
  clientId: "Client ID",
  username: "Username",
  organizationId: "Organization ID",
  apiVersion: "API version (optional)",
};

/** Shown in an empty field: what leaving it blank means. */
export const ACCOUNT_FIELD_PLACEHOLDERS: Partial<Record<AccountField, string>> = {
  apiVersion: "YYYY-MM-DD; blank for Keyturn's tested default",
};

export function emptyConnectionForm(vendor: VendorInfo): ConnectionForm {
  return {
    vendor: vendor.vendor,
    name: "",
    environment: "live",
    baseUrl: vendor.defaultBaseUrl ?? "",
    clientId: "",
    username: "",
    organizationId: "",
    apiVersion: "",
    credential: "",
    readOnly: false,
    allowChanges: false,
  };
}

/** The form for editing a saved connection, its account fields as the summary holds them. */
export function formFromConnection(p: ConnectionSummary): ConnectionForm {
  const form: ConnectionForm = {
    vendor: p.vendor,
    name: p.name,
    environment: p.environment,
    baseUrl: p.baseUrl,
    clientId: p.account.clientId ?? "",
    username: p.account.username ?? "",
    organizationId: p.account.organizationId ?? "",
    apiVersion: p.apiVersion ?? "",
    credential: "",
    readOnly: p.readOnly,
    allowChanges: false,
  };
  return form;
}

/** Switching vendor: the address follows unless the user typed their own. */
export function withVendor(form: ConnectionForm, from: VendorInfo | undefined, to: VendorInfo): ConnectionForm {
  const typedOwn = form.baseUrl.trim() !== "" && form.baseUrl !== (from?.defaultBaseUrl ?? "");
  return { ...form, vendor: to.vendor, baseUrl: typedOwn ? form.baseUrl : (to.defaultBaseUrl ?? "") };
}

/** What is sent: only the vendor's own account fields; a blank credential is null when editing. */
export function toConnectionDraft(form: ConnectionForm, vendor: VendorInfo, editing: boolean): ConnectionDraft {
  const field = (f: AccountField) => (vendor.accountFields.includes(f) ? form[f].trim() : null);
  const signsIn = vendor.credential.kind === "session";
  const credential = signsIn || (form.credential.trim() === "" && editing) ? null : form.credential;
  const apiVersion = vendor.accountFields.includes("apiVersion") ? { apiVersion: form.apiVersion.trim() } : {};
  return {
    name: form.name.trim(),
    vendor: form.vendor,
    environment: form.environment,
    baseUrl: form.baseUrl.trim(),
    readOnly: form.readOnly,
    clientId: field("clientId"),
    username: field("username"),
    organizationId: field("organizationId"),
    ...apiVersion,
    credential,
    ...(form.allowChanges ? { allowChanges: true } : {}),
  };
}

const FORM_FIELDS: ReadonlySet<string> = new Set<ConnectionField>([
  "vendor",
  "name",
  "environment",
  "baseUrl",
  "clientId",
  "username",
  "organizationId",
  "apiVersion",
  "credential",
  "readOnly",
]);

/** The form field an `invalidInput` error belongs beside, if any. */
export function connectionFieldOf(e: CommandError): ConnectionField | null {
  if (e.kind !== "invalidInput" || e.field === null) return null;
  return FORM_FIELDS.has(e.field) ? (e.field as ConnectionField) : null;
}

export function connectionCheckSentence(check: ConnectionCheck): string {
  const keys = check.keysSeen === 1 ? "1 key" : `${check.keysSeen} keys`;
  return check.morePages
    ? `Connected — ${keys} visible, more on further pages.`
    : `Connected — ${keys} visible.`;
}

/** "Admin token" → "admin token", but "API key" stays. */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
}

/** Why a test failed, in words about the form the user is filling in. */
export function connectionErrorSentence(e: CommandError, vendor: VendorInfo | undefined): string {
  if (e.kind !== "vendor") return describeError(e);
  const secret = vendor ? inSentence(vendor.credentialLabel) : "credential";
  switch (e.reason) {
    case "unauthorized":
      return `Bad credentials: the vendor rejected this ${secret}${vendor && vendor.accountFields.length > 0 ? " or account" : ""}.`;
    case "credentialExpired":
      return `This ${secret} has expired: get a fresh one from the vendor's dashboard and paste it here.`;
    case "forbidden":
      return `The vendor accepted the ${secret} but it may not manage API keys: use an admin credential.`;
    case "notFound":
      return vendor?.accountFields.includes("organizationId")
        ? "Wrong organization: the vendor does not know this organization ID."
        : "The vendor answered “not found”: check the base URL and the account fields.";
    case "unreachable":
      return "Unreachable: check the base URL and your network connection.";
    case "certificate":
      return "The server's TLS certificate is not trusted: check the base URL; your network may be intercepting the connection.";
    default:
      return describeError(e);
  }
}
