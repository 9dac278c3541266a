// The new key a rotation creates: a name suggested from the old key's, and the
// old key's settings (permissions, environment, description, metadata) carried
// over as far as the vendor takes them, checked as the create dialog checks.
import type { ApiKey, Capabilities, KeyDraft } from "../bindings";
import { asksFor, toKeyDraft, validateCreateForm, type CreateForm, type FormErrors } from "../keys/keyDraft";

/** A trailing date a previous rotation added ("Checkout 2026-01-31"), to replace rather than stack. */
const TRAILING_DATE = /\s*[-–·(]?\s*\d{4}-\d{2}-\d{2}\)?$/;

/**
 * "Checkout backend 2026-03-12" for an old key named "Checkout backend" (or
 * "Checkout backend 2025-09-01") on 12 March 2026; "Rotated key 2026-03-12"
 * when the old key has no name. Cut to the vendor's length, keeping the date.
 */
export function suggestedName(oldName: string | null, today: string, maxLength: number | null = null): string {
  const base = (oldName ?? "").trim().replace(TRAILING_DATE, "").trim() || "Rotated key";
  const suffix = ` ${today}`;
  if (maxLength === null || Array.from(base + suffix).length <= maxLength) return base + suffix;
  const room = maxLength - Array.from(suffix).length;
  if (room <= 0) return Array.from(today).slice(0, maxLength).join("");
  return Array.from(base).slice(0, room).join("").trimEnd() + suffix;
}

export interface RotationDraft {
  draft: KeyDraft;
  /** Problems the vendor would refuse the create for, per field; empty when it can be sent. */
  errors: FormErrors;
  /** What is carried over from the old key, for the user to see ("Permissions: read"). */
  carried: string[];
}

function formFrom(old: ApiKey | null, name: string, caps: Capabilities): CreateForm {
  let scopes = (old?.scopes ?? []).filter((s) => caps.scopes.includes(s));
  if (caps.scopeChoice === "one") scopes = scopes.slice(0, 1);
  if (scopes.length === 0 && old === null) scopes = caps.defaultScopes.filter((s) => caps.scopes.includes(s));
  const environment = old?.environment && caps.environments.includes(old.environment) ? old.environment : "";
  return {
    name,
    description: old?.description ?? "",
    environment,
    scopes,
    expiresOn: "",
    metadata: [],
  };
}

/**
 * The draft for the new key. `old` is the key being replaced as last listed
 * (null when the list no longer has it); `today` is the local date "YYYY-MM-DD".
 */
export function rotationDraft(old: ApiKey | null, name: string, caps: Capabilities, today: string): RotationDraft {
  const form = formFrom(old, name, caps);
  const errors = validateCreateForm(form, caps, today);
  const draft = toKeyDraft(form, caps);
  if (asksFor(caps, "metadata") && old) draft.metadata = { ...old.metadata };

  const carried: string[] = [];
  if (draft.description !== null) carried.push(`Description: ${draft.description}`);
  if (draft.environment !== null) carried.push(`Environment: ${draft.environment}`);
  if (asksFor(caps, "scopes") && draft.scopes.length > 0) carried.push(`Permissions: ${draft.scopes.join(", ")}`);
  const meta = Object.keys(draft.metadata);
  if (meta.length > 0) carried.push(`Metadata: ${meta.join(", ")}`);
  return { draft, errors, carried };
}
