// The words and choices of the "Needs attention" view: what each next action
// is called, the snooze lengths offered, and how a connection's count reads.
import type { AttentionKind, ConnectionCounts, NextAction, Severity } from "../bindings";
import { DAY } from "../text/time";

const ACTION_LABELS: Record<NextAction, string> = {
  rotate: "Rotate",
  revoke: "Revoke",
  signIn: "Sign in",
  openRotation: "Open rotation",
  retry: "Try again",
  snooze: "Snooze…",
};

export function actionLabel(action: NextAction): string {
  return ACTION_LABELS[action];
}

const KIND_LABELS: Record<AttentionKind, string> = {
  expired: "Expired",
  expiring: "Expiring",
  stale: "Stale",
  neverUsed: "Never used",
  disabledLong: "Disabled",
  atKeyLimit: "At key limit",
  rotationDue: "Rotation due",
  rotationInProgress: "Rotation in progress",
  rotationStuck: "Rotation stuck",
  connectionFailing: "Connection failing",
  signedOut: "Signed out",
};

export function kindLabel(kind: AttentionKind): string {
  return KIND_LABELS[kind];
}

const SEVERITY_LABELS: Record<Severity, string> = {
  critical: "Urgent",
  warning: "Warning",
  info: "Note",
};

export function severityLabel(severity: Severity): string {
  return SEVERITY_LABELS[severity];
}

/** The lengths the snooze dialog offers, in days; the last one is the longest a snooze may be. */
export const SNOOZE_DAYS = [1, 7, 30, 90] as const;

export function snoozeLengthLabel(days: number): string {
  if (days === 1) return "1 day";
  if (days === 7) return "1 week";
  if (days === 30) return "30 days";
  return `${days} days`;
}

/** When a snooze of `days` from `now` ends, as the command takes it. */
export function snoozeUntil(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY).toISOString();
}

/** Items shown (not snoozed) for one connection. */
export function shownCount(c: ConnectionCounts | undefined): number {
  return c ? c.critical + c.warning + c.info : 0;
}

/** The worst severity a connection has shown, for the colour of its count. */
export function worstSeverity(c: ConnectionCounts | undefined): Severity | null {
  if (!c) return null;
  if (c.critical > 0) return "critical";
  if (c.warning > 0) return "warning";
  if (c.info > 0) return "info";
  return null;
}

/** "2 items need attention (1 urgent)", for a count's accessible name. */
export function countSentence(c: ConnectionCounts | undefined): string {
  const n = shownCount(c);
  if (n === 0) return "Nothing needs attention";
  const items = n === 1 ? "1 item needs attention" : `${n} items need attention`;
  return c && c.critical > 0 ? `${items} (${c.critical} urgent)` : items;
}
