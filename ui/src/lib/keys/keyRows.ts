// A key row's derived values (status, badges, client name), and the rules of
// search, filter and sort. Rust answers the keys view's queries by these rules
// (crates/keyturn-core/src/keys/inventory.rs); here they serve the tests' and
// the accessibility check's in-memory backend (ui/src/test/keysBackend.ts).
import type { ApiKey, KeyStatus } from "../bindings";
import { parseTime } from "../text/format";
import { effectiveStatus, keyBadges, type KeyBadges } from "./keyStatus";
import type { ColumnId } from "./keyColumns";
import { clientName } from "../text/userAgent";

export interface KeyRow {
  key: ApiKey;
  /** Position in the list prepared (the vendor's order; a page's rows: in the query's order). */
  index: number;
  status: KeyStatus;
  badges: KeyBadges;
  client: string | null;
  /** Lower-cased searchable fields, separated so a term never spans two fields. */
  haystack: string;
}

const SEP = "\u0000";

/** `offset`: the position of `keys[0]` in the whole list. */
export function prepareRows(keys: readonly ApiKey[], now: Date, offset = 0): KeyRow[] {
  const clients = new Map<string, string | null>();
  return keys.map((key, index) => {
    let client: string | null = null;
    let ua: string | null = null;
    let ip: string | null = null;
    if (key.lastUsed.state === "used") {
      ua = key.lastUsed.userAgent;
      ip = key.lastUsed.ip;
      if (ua !== null) {
        if (!clients.has(ua)) clients.set(ua, clientName(ua));
        client = clients.get(ua) ?? null;
      }
    }
    const haystack = [key.id, key.name, key.maskedPrefix, ...key.scopes, ip, client, ua]
      .filter((s): s is string => s !== null && s !== "")
      .join(SEP)
      .toLowerCase();
    return {
      key,
      index: offset + index,
      status: effectiveStatus(key, now),
      badges: keyBadges(key, now),
      client,
      haystack,
    };
  });
}

export type SortDirection = "ascending" | "descending";

export interface SortSpec {
  column: ColumnId;
  direction: SortDirection;
}

export interface RowQuery {
  /** Free text: every whitespace-separated term must match some field. */
  search: string;
  status: KeyStatus | "all";
  environment: string | "all";
  sort: SortSpec | null;
}

export const NO_QUERY: RowQuery = { search: "", status: "all", environment: "all", sort: null };

/** The search terms of a query string, lower-cased. */
export function searchTerms(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter((t) => t !== "");
}

export function matchesSearch(row: KeyRow, terms: readonly string[]): boolean {
  for (const t of terms) if (!row.haystack.includes(t)) return false;
  return true;
}

const STATUS_ORDER: Record<KeyStatus, number> = { active: 0, disabled: 1, expired: 2, revoked: 3 };

function time(iso: string | null): number | null {
  return iso === null ? null : (parseTime(iso)?.getTime() ?? null);
}

type SortValue = string | number | null;

/** The value a column sorts by; null sorts last in both directions. */
export function sortValue(row: KeyRow, column: ColumnId): SortValue {
  const k = row.key;
  switch (column) {
    case "name":
      return k.name || k.id;
    case "key":
      return k.maskedPrefix;
    case "scopes":
      return k.scopes.length > 0 ? k.scopes.join(", ") : null;
    case "environment":
      return k.environment;
    case "status":
      return STATUS_ORDER[row.status];
    case "created":
      return time(k.createdAt);
    case "expires":
      return time(k.expiresAt);
    case "lastUsed":
      // Never used sorts as the oldest use; not reported sorts last.
      if (k.lastUsed.state === "never") return -1;
      return k.lastUsed.state === "used" ? time(k.lastUsed.at) : null;
    case "ip":
      return k.lastUsed.state === "used" ? k.lastUsed.ip : null;
    case "client":
      return row.client;
    case "requests":
      return k.requestCount;
  }
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

export function sortRows(rows: readonly KeyRow[], sort: SortSpec): KeyRow[] {
  const sign = sort.direction === "ascending" ? 1 : -1;
  // Decorate once, so the comparator never recomputes a value.
  const decorated = rows.map((row) => ({ row, value: sortValue(row, sort.column) }));
  decorated.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return a.row.index - b.row.index;
      return a.value === null ? 1 : -1;
    }
    return sign * compareValues(a.value, b.value) || a.row.index - b.row.index;
  });
  return decorated.map((d) => d.row);
}

/** The rows matching the query, in the query's order (the vendor's order without a sort). */
export function selectRows(rows: readonly KeyRow[], query: RowQuery): KeyRow[] {
  const terms = searchTerms(query.search);
  const filtered = rows.filter(
    (r) =>
      (query.status === "all" || r.status === query.status) &&
      (query.environment === "all" || r.key.environment === query.environment) &&
      (terms.length === 0 || matchesSearch(r, terms)),
  );
  return query.sort === null ? filtered : sortRows(filtered, query.sort);
}

/** Clicking a header: a new column sorts ascending, the same column flips. */
export function nextSort(current: SortSpec | null, column: ColumnId): SortSpec {
  if (current?.column === column) {
    return { column, direction: current.direction === "ascending" ? "descending" : "ascending" };
  }
  return { column, direction: "ascending" };
}

/** The environments to offer in the filter: the vendor's, then any others the keys carry. */
export function environmentChoices(vendorEnvironments: readonly string[], keys: readonly ApiKey[]): string[] {
  const seen = new Set(vendorEnvironments);
  const out = [...vendorEnvironments];
  for (const k of keys) {
    if (k.environment !== null && !seen.has(k.environment)) {
      seen.add(k.environment);
      out.push(k.environment);
    }
  }
  return out;
}
