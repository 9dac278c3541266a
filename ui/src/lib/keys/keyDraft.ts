// The create-key form: which fields the vendor asks for, the same checks the
// vendor makes (so mistakes show before a request), and the KeyDraft it sends.
import type { Capabilities, CommandError, DraftField, Environment, KeyDraft, MetadataValue } from "../bindings";
import { endOfLocalDay } from "../text/time";

export interface MetadataRow {
  key: string;
  value: string;
}

export interface CreateForm {
  name: string;
  description: string;
  environment: string;
  scopes: string[];
  /** A local calendar date "YYYY-MM-DD", or "" for no expiry. */
  expiresOn: string;
  metadata: MetadataRow[];
}

export type FormErrors = Partial<Record<DraftField, string>>;

export function asksFor(caps: Capabilities, field: DraftField): boolean {
  return caps.createFields.some((f) => f.field === field);
}

export function requires(caps: Capabilities, field: DraftField): boolean {
  return caps.createFields.some((f) => f.field === field && f.required);
}

/** A fresh form: default scopes checked, and the connection's environment when the vendor offers it. */
export function initialCreateForm(caps: Capabilities, connectionEnvironment: Environment): CreateForm {
  const scopes =
    caps.scopeChoice === "one" ? caps.defaultScopes.slice(0, 1) : caps.defaultScopes.filter((s) => caps.scopes.includes(s));
  return {
    name: "",
    description: "",
    environment: caps.environments.includes(connectionEnvironment) ? connectionEnvironment : "",
    scopes,
    expiresOn: "",
    metadata: [],
  };
}

function length(s: string): number {
  return Array.from(s).length;
}

function filledMetadata(rows: readonly MetadataRow[]): MetadataRow[] {
  return rows.filter((r) => r.key.trim() !== "" || r.value.trim() !== "");
}

/**
 * The problems with a form, per field; empty when it can be sent. `today` is
 * the local date "YYYY-MM-DD": an expiry must fall after it.
 */
export function validateCreateForm(form: CreateForm, caps: Capabilities, today: string): FormErrors {
  const errors: FormErrors = {};
  const label = caps.nameLabel;

  if (asksFor(caps, "name")) {
    const name = form.name.trim();
    if (name === "" && requires(caps, "name")) {
      errors.name = `Enter a ${label.toLowerCase()}.`;
    } else if (caps.maxNameLength !== null && length(name) > caps.maxNameLength) {
      errors.name = `Keep the ${label.toLowerCase()} to ${caps.maxNameLength} characters (now ${length(name)}).`;
    }
  }

  if (asksFor(caps, "description") && requires(caps, "description") && form.description.trim() === "") {
    errors.description = "Enter a description.";
  }

  if (asksFor(caps, "environment")) {
    if (form.environment === "") {
      if (requires(caps, "environment")) errors.environment = "Choose an environment.";
    } else if (!caps.environments.includes(form.environment)) {
      errors.environment = `Choose one of: ${caps.environments.join(", ")}.`;
    }
  }

  if (asksFor(caps, "scopes")) {
    const unknown = form.scopes.filter((s) => !caps.scopes.includes(s));
    const needed = requires(caps, "scopes") || caps.scopeChoice === "atLeastOne";
    if (unknown.length > 0) {
      errors.scopes = `Unknown: ${unknown.join(", ")}.`;
    } else if (caps.scopeChoice === "one" && form.scopes.length > 1) {
      errors.scopes = "Choose exactly one.";
    } else if (needed && form.scopes.length === 0) {
      errors.scopes = caps.scopeChoice === "one" ? "Choose one." : "Choose at least one.";
    }
  }

  if (asksFor(caps, "expiresAt")) {
    if (form.expiresOn === "") {
      if (requires(caps, "expiresAt")) errors.expiresAt = "Choose an expiry date.";
    } else if (endOfLocalDay(form.expiresOn) === null) {
      errors.expiresAt = "Enter a date such as 2026-12-31.";
    } else if (form.expiresOn <= today) {
      errors.expiresAt = "Choose a date after today.";
    }
  }

  if (asksFor(caps, "metadata")) {
    const rows = filledMetadata(form.metadata);
    const seen = new Set<string>();
    for (const r of rows) {
      const k = r.key.trim();
      if (k === "") {
        errors.metadata = "Every value needs a key.";
        break;
      }
      if (seen.has(k)) {
        errors.metadata = `The key “${k}” appears twice.`;
        break;
      }
      seen.add(k);
    }
    if (!errors.metadata && requires(caps, "metadata") && rows.length === 0) {
      errors.metadata = "Add at least one entry.";
    }
  }

  return errors;
}

export function hasErrors(errors: FormErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** The draft to send; fields the vendor does not ask for stay empty. */
export function toKeyDraft(form: CreateForm, caps: Capabilities): KeyDraft {
  const text = (field: DraftField, value: string) => {
    const v = value.trim();
    return asksFor(caps, field) && v !== "" ? v : null;
  };
  const metadata: Record<string, MetadataValue> = {};
  if (asksFor(caps, "metadata")) {
    for (const r of filledMetadata(form.metadata)) metadata[r.key.trim()] = r.value;
  }
  return {
    name: text("name", form.name),
    description: text("description", form.description),
    environment: text("environment", form.environment),
    scopes: asksFor(caps, "scopes") ? [...form.scopes] : [],
    expiresAt: asksFor(caps, "expiresAt") && form.expiresOn !== "" ? endOfLocalDay(form.expiresOn) : null,
    metadata,
  };
}

const DRAFT_FIELDS: ReadonlySet<string> = new Set<DraftField>([
  "name",
  "description",
  "environment",
  "scopes",
  "expiresAt",
  "metadata",
]);

/** The form field a server-side `invalidInput` names, if it is one of ours. */
export function draftFieldOf(field: string | null): DraftField | null {
  return field !== null && DRAFT_FIELDS.has(field) ? (field as DraftField) : null;
}

/**
 * The form's errors for a refusal that names one of the fields the form shows:
 * Keyturn's `invalidInput`, or a vendor's `invalidDraft` with the field its
 * rules refused. `null` when the refusal belongs beside no field.
 */
export function fieldErrorsOf(err: CommandError, caps: Capabilities): FormErrors | null {
  if (err.kind !== "invalidInput" && err.kind !== "vendor") return null;
  const field = err.kind === "invalidInput" ? draftFieldOf(err.field) : err.field;
  return field !== null && asksFor(caps, field) ? { [field]: err.message } : null;
}
