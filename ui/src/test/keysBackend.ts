// An in-memory stand-in for the keys Rust holds (crates/keyturn-app/src/listed_keys.rs):
// list_keys holds the list a test answers with and returns its first page,
// query_keys and get_key answer from what is held, and creating, revoking,
// enabling and resetting change it in place, as Rust does. Queries follow the
// UI's rules (lib/keys/keyRows.ts), which Rust's inventory ports.
import type { InvokeArgs } from "@tauri-apps/api/core";
import type { ApiKey, CommandError, KeyList, KeyPage, KeyQuery, RevealedKey } from "../lib/bindings";
import { environmentChoices, prepareRows, selectRows } from "../lib/keys/keyRows";
import { keysHeld } from "../lib/keys/limits";

export const NO_KEY_QUERY: KeyQuery = { search: "", status: null, environment: null, sort: null };
/** Rust's cap on one page (MAX_PAGE_KEYS). */
const MAX_PAGE_KEYS = 1000;

/** The window of `list`'s keys matching `query` at `offset`, with the whole list's counts. */
export function pageOf(list: KeyList, query: KeyQuery, offset: number, limit: number, now = new Date()): KeyPage {
  const rows = selectRows(prepareRows(list.keys, now), {
    search: query.search,
    status: query.status ?? "all",
    environment: query.environment ?? "all",
    sort: query.sort,
  });
  const start = Math.min(offset, rows.length);
  return {
    connectionId: list.connectionId,
    offset: start,
    keys: rows.slice(start, start + Math.min(limit, MAX_PAGE_KEYS)).map((r) => r.key),
    matching: rows.length,
    total: list.keys.length,
    held: keysHeld(list.keys),
    active: list.keys.filter((k) => k.status === "active").length,
    environments: environmentChoices(list.capabilities.environments, list.keys),
    capabilities: list.capabilities,
    fetchedAt: list.fetchedAt,
  };
}

function isKeyList(x: unknown): x is KeyList {
  return typeof x === "object" && x !== null && "keys" in x && "capabilities" in x && !("total" in x);
}

function arg<T>(payload: InvokeArgs | undefined, name: string): T {
  return (payload as Record<string, unknown> | undefined)?.[name] as T;
}

type Handler = (payload: InvokeArgs | undefined) => unknown;

/** The listings held per connection. */
export class HeldKeys {
  readonly #lists = new Map<string, KeyList>();

  hold(list: KeyList, query: KeyQuery = NO_KEY_QUERY, limit = MAX_PAGE_KEYS): KeyPage {
    this.#lists.set(list.connectionId, list);
    return pageOf(list, query, 0, limit);
  }

  #held(connectionId: string): KeyList {
    const list = this.#lists.get(connectionId);
    if (!list) throw { kind: "keysNotListed", connectionId } satisfies CommandError;
    return list;
  }

  query(connectionId: string, query: KeyQuery, offset: number, limit: number): KeyPage {
    return pageOf(this.#held(connectionId), query, offset, limit);
  }

  get(connectionId: string, keyId: string): ApiKey | null {
    return this.#held(connectionId).keys.find((k) => k.id === keyId) ?? null;
  }

  #change(connectionId: string, change: (keys: ApiKey[], list: KeyList) => ApiKey[]): void {
    const list = this.#lists.get(connectionId);
    if (list) this.#lists.set(connectionId, { ...list, keys: change(list.keys, list) });
  }

  upsert(connectionId: string, key: ApiKey): void {
    this.#change(connectionId, (keys) =>
      keys.some((k) => k.id === key.id) ? keys.map((k) => (k.id === key.id ? key : k)) : [...keys, key],
    );
  }

  revoked(connectionId: string, keyId: string): void {
    this.#change(connectionId, (keys, list) =>
      list.capabilities.revokedKeysListed
        ? keys.map((k) => (k.id === keyId ? { ...k, status: "revoked" } : k))
        : keys.filter((k) => k.id !== keyId),
    );
  }

  replace(connectionId: string, keys: ApiKey[]): void {
    this.#change(connectionId, () => keys);
  }

  /**
   * `handlers` with the keys commands answered as Rust does: a list_keys
   * answering a `KeyList` is held and answered with its first page; query_keys
   * and get_key (unless given) answer from what is held; the key actions'
   * answers change it.
   */
  around(handlers: Record<string, Handler | unknown>): Record<string, Handler | unknown> {
    const out = { ...handlers };
    const answer = (cmd: string, payload: InvokeArgs | undefined): Promise<unknown> => {
      const h = handlers[cmd];
      return Promise.resolve(typeof h === "function" ? (h as Handler)(payload) : h);
    };
    const connection = (payload: InvokeArgs | undefined) => arg<string>(payload, "connectionId");
    const safely = (run: () => unknown) => {
      try {
        return Promise.resolve(run());
      } catch (e) {
        return Promise.reject(e);
      }
    };
    if ("list_keys" in handlers) {
      out.list_keys = async (payload: InvokeArgs | undefined) => {
        const listed = await answer("list_keys", payload);
        if (!isKeyList(listed)) return listed;
        return this.hold(listed, arg<KeyQuery>(payload, "query") ?? NO_KEY_QUERY, arg<number>(payload, "limit") ?? MAX_PAGE_KEYS);
      };
    }
    out.query_keys ??= (payload: InvokeArgs | undefined) =>
      safely(() =>
        this.query(connection(payload), arg<KeyQuery>(payload, "query"), arg<number>(payload, "offset"), arg<number>(payload, "limit")),
      );
    out.get_key ??= (payload: InvokeArgs | undefined) => safely(() => this.get(connection(payload), arg<string>(payload, "keyId")));
    // A rotation policy sits in the keys view's footer: off unless a test says otherwise.
    out.get_rotation_policy ??= { everyDays: null };
    out.set_rotation_policy ??= (payload: InvokeArgs | undefined) => arg<unknown>(payload, "policy");
    const after = (cmd: string, apply: (payload: InvokeArgs | undefined, result: unknown) => void) => {
      if (!(cmd in handlers)) return;
      out[cmd] = async (payload: InvokeArgs | undefined) => {
        const result = await answer(cmd, payload);
        apply(payload, result);
        return result;
      };
    };
    after("create_key", (p, r) => this.upsert(connection(p), (r as RevealedKey).key));
    after("revoke_key", (p) => this.revoked(connection(p), arg<string>(p, "keyId")));
    after("set_key_enabled", (p, r) => this.upsert(connection(p), r as ApiKey));
    after("reset_keys", (p, r) => this.replace(connection(p), (r as RevealedKey[]).map((k) => k.key)));
    return out;
  }
}
