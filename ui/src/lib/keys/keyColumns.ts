// The columns of the key table and what each cell says. A value the vendor
// does not report reads "not reported", never a blank that would look like
// "never used"; a key the vendor reports as never used reads "never".
import type { ApiKey, Capabilities, KeyColumn, VendorKind } from "../bindings";
import { maskedPrefix, NOT_REPORTED, vendorInfo } from "../text/format";
import { clientName } from "../text/userAgent";
import { relativeTime, type TimeLabel } from "../text/time";
import { visibleText } from "../text/visibleText";
import { formatCount } from "../text/locale";

/** The columns Rust sorts by. */
export type ColumnId = KeyColumn;

export interface Column {
  id: ColumnId;
  label: string;
  /** False when the vendor never reports this value: its cells say "not reported". */
  reported: boolean;
  /** Width in pixels (the table has a fixed layout so rows keep their height). */
  width: number;
}

/** What the vendor calls scopes. */
export function scopesLabel(vendor: VendorKind): string {
  return vendorInfo(vendor)?.scopesLabel ?? "Scopes";
}

export function keyColumns(caps: Capabilities, vendor: VendorKind): Column[] {
  const scoped = caps.scopeChoice !== "none" || caps.scopes.length > 0;
  return [
    { id: "name", label: caps.nameLabel, reported: true, width: 220 },
    { id: "key", label: "Key", reported: true, width: 150 },
    { id: "scopes", label: scopesLabel(vendor), reported: scoped, width: 170 },
    { id: "environment", label: "Environment", reported: caps.environments.length > 0, width: 120 },
    { id: "status", label: "Status", reported: true, width: 190 },
    { id: "created", label: "Created", reported: true, width: 120 },
    { id: "expires", label: "Expires", reported: true, width: 120 },
    { id: "lastUsed", label: "Last used", reported: caps.lastUsed.at, width: 120 },
    { id: "ip", label: "Last IP", reported: caps.lastUsed.ip, width: 130 },
    { id: "client", label: "Client", reported: caps.lastUsed.userAgent, width: 150 },
    { id: "requests", label: "Requests", reported: caps.lastUsed.requestCount, width: 100 },
  ];
}

export interface Cell {
  text: string;
  /** Tooltip: the exact time or the full User-Agent. */
  title: string | null;
  /** Shown muted: "not reported", "never", "none". */
  muted: boolean;
}

function plain(text: string): Cell {
  return { text, title: null, muted: false };
}

function muted(text: string): Cell {
  return { text, title: null, muted: true };
}

function timeCell(t: TimeLabel): Cell {
  return { text: t.label, title: t.exact, muted: t.exact === null };
}


/** The text of one cell (the name and status cells are rendered richer by the table). */
export function cellOf(key: ApiKey, column: ColumnId, now: Date, caps: Capabilities): Cell {
  const used = key.lastUsed;
  switch (column) {
    case "name":
      return key.name ? plain(visibleText(key.name)) : muted("unnamed");
    case "key":
      return key.maskedPrefix === null ? muted(NOT_REPORTED) : plain(maskedPrefix(key.maskedPrefix));
    case "scopes": {
      if (key.scopes.length > 0) return plain(key.scopes.join(", "));
      const scoped = caps.scopeChoice !== "none" || caps.scopes.length > 0;
      return muted(scoped ? "none" : NOT_REPORTED);
    }
    case "environment":
      return key.environment ? plain(key.environment) : muted(NOT_REPORTED);
    case "status":
      return plain(key.status);
    case "created":
      return timeCell(relativeTime(key.createdAt, now));
    case "expires":
      if (key.expiresAt === null) return muted("no expiry");
      return timeCell(relativeTime(key.expiresAt, now));
    case "lastUsed":
      if (used.state === "notReported") return muted(NOT_REPORTED);
      if (used.state === "never") return muted("never");
      return timeCell(relativeTime(used.at, now));
    case "ip":
      if (used.state === "notReported") return muted(NOT_REPORTED);
      if (used.state === "never") return muted("never");
      return used.ip ? plain(used.ip) : muted(NOT_REPORTED);
    case "client": {
      if (used.state === "notReported") return muted(NOT_REPORTED);
      if (used.state === "never") return muted("never");
      const name = clientName(used.userAgent);
      return name === null ? muted(NOT_REPORTED) : { text: name, title: used.userAgent, muted: false };
    }
    case "requests":
      return key.requestCount === null ? muted(NOT_REPORTED) : plain(formatCount(key.requestCount));
  }
}
