// The audit log as the Audit dialog shows it: readable verbs, the outcome's
// kind, the filter Rust is asked for, and the sentences around the list. Pure:
// no IPC, no clock.
import type { AuditAction, AuditEntry, AuditFilter } from "../bindings";

/** How many entries the dialog asks for at a time. */
export const AUDIT_PAGE = 200;

const VERBS: Record<AuditAction, string> = {
  create: "Key created",
  revoke: "Key revoked",
  disable: "Key disabled",
  enable: "Key enabled",
  reset: "Keys reset",
  keyCopied: "Key copied",
  connectionAdded: "Connection added",
  connectionEdited: "Connection edited",
  connectionRemoved: "Connection removed",
  signedIn: "Signed in",
  signedOut: "Signed out",
  export: "Exported",
  rotationStarted: "Rotation started",
  rotationAdvanced: "Rotation step",
  rotationCancelled: "Rotation cancelled",
  rotationFinished: "Rotation finished",
};

export function actionLabel(action: AuditAction): string {
  return VERBS[action] ?? action;
}

/** The actions to filter by, grouped as the select shows them. */
export const ACTION_GROUPS: ReadonlyArray<{ label: string; actions: readonly AuditAction[] }> = [
  { label: "Keys", actions: ["create", "keyCopied", "revoke", "disable", "enable", "reset"] },
  { label: "Connections", actions: ["connectionAdded", "connectionEdited", "connectionRemoved", "signedIn", "signedOut"] },
  { label: "Rotations", actions: ["rotationStarted", "rotationAdvanced", "rotationCancelled", "rotationFinished"] },
  { label: "Files", actions: ["export"] },
];

export type OutcomeKind = "ok" | "failed" | "refused";

/** "ok" is a success; "refused: …" a refusal; anything else a failure. */
export function outcomeKind(outcome: string): OutcomeKind {
  const o = outcome.trim().toLowerCase();
  if (o === "ok") return "ok";
  if (o.startsWith("refused")) return "refused";
  return "failed";
}

/** What the dialog's filter fields hold: "" for "any". Dates are the inputs' YYYY-MM-DD. */
export interface AuditChoices {
  connectionId: string;
  action: AuditAction | "";
  from: string;
  to: string;
}

export const NO_CHOICES: AuditChoices = { connectionId: "", action: "", from: "", to: "" };

/** Local midnight starting `date` (YYYY-MM-DD), `days` later; null for an unusable date. */
function localMidnight(date: string, days = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const when = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  return Number.isNaN(when.getTime()) ? null : when.toISOString();
}

/**
 * The query for Rust: the days are the user's local days, "to" included (so
 * the filter's `before` is the start of the day after it).
 */
export function filterOf(choices: AuditChoices): AuditFilter {
  const filter: AuditFilter = {};
  if (choices.connectionId) filter.connectionId = choices.connectionId;
  if (choices.action) filter.actions = [choices.action];
  const from = localMidnight(choices.from);
  if (from) filter.from = from;
  const before = localMidnight(choices.to, 1);
  if (before) filter.before = before;
  return filter;
}

export function anyChosen(choices: AuditChoices): boolean {
  return Boolean(choices.connectionId || choices.action || choices.from || choices.to);
}

/** "1 action", "230 actions", "200 of 230 actions shown". */
export function countSentence(shown: number, matching: number): string {
  const actions = matching === 1 ? "1 action" : `${matching} actions`;
  return shown < matching ? `${shown} of ${actions} shown` : actions;
}

/** The connection cell: its name; for an entry of no single connection, says so. */
export function connectionLabel(entry: AuditEntry): string {
  if (entry.connectionId === null && entry.connectionName === null) return "All connections";
  if (entry.connectionId === null) return `${entry.connectionName} (not saved)`;
  return entry.connectionName ?? entry.connectionId;
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
