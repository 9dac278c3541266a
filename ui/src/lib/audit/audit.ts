// The audit (audit) log as the Audit dialog shows it: readable verbs,
// the outcome's kind, and the filter by connection. Pure: no IPC, no clock.
import type { AuditAction, AuditEntry } from "../bindings";

/** How many entries the dialog asks for. */
export const AUDIT_LIMIT = 200;

const VERBS: Record<AuditAction, string> = {
  create: "Created",
  revoke: "Revoked",
  disable: "Disabled",
  enable: "Enabled",
  reset: "Reset",
};

export function actionLabel(action: AuditAction): string {
  return VERBS[action] ?? action;
}

export type OutcomeKind = "ok" | "failed" | "refused";

/** "ok" is a success; "refused: …" a refusal; anything else a failure. */
export function outcomeKind(outcome: string): OutcomeKind {
  const o = outcome.trim().toLowerCase();
  if (o === "ok") return "ok";
  if (o.startsWith("refused")) return "refused";
  return "failed";
}

export interface ConnectionChoice {
  id: string;
  name: string;
}

/** The connections the entries mention, once each, by name (the latest name seen). */
export function connectionsOf(entries: readonly AuditEntry[]): ConnectionChoice[] {
  const seen = new Map<string, string>();
  for (const e of entries) if (!seen.has(e.connectionId)) seen.set(e.connectionId, e.connectionName);
  return [...seen]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The entries of one connection (by id), in their order; all of them for null or "". */
export function filterByConnection(entries: readonly AuditEntry[], connectionId: string | null): AuditEntry[] {
  if (!connectionId) return [...entries];
  return entries.filter((e) => e.connectionId === connectionId);
}

const SKIPPED_SHOWN = 10;

/**
 * "2 lines of the audit log could not be read and are left out (lines 2, 4)."
 * Null when every line was read.
 */
export function skippedSentence(lines: readonly number[]): string | null {
  if (lines.length === 0) return null;
  const shown = lines.slice(0, SKIPPED_SHOWN).join(", ");
  const more = lines.length > SKIPPED_SHOWN ? ` and ${lines.length - SKIPPED_SHOWN} more` : "";
  if (lines.length === 1) return `1 line of the audit log could not be read and is left out (line ${shown}).`;
  return `${lines.length} lines of the audit log could not be read and are left out (lines ${shown}${more}).`;
}
