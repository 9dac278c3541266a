// Bundled by bench/run and run inside Keyturn's own page (JavaScriptCore): the
// UI's per-key work on a list the app just returned, timed step by step.
import type { KeyList } from "../../ui/src/lib/bindings";
import { NO_QUERY, prepareRows, selectRows } from "../../ui/src/lib/keys/keyRows";

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const out = f();
  return [out, performance.now() - t0];
}

/** Milliseconds for each step the keys view takes on `list`. */
export function run(list: KeyList): Record<string, number> {
  const [rows, prepare] = timed(() => prepareRows(list.keys, new Date()));
  const [, unfiltered] = timed(() => selectRows(rows, NO_QUERY));
  const [, search] = timed(() => selectRows(rows, { ...NO_QUERY, search: "7" }));
  const [, sortByName] = timed(() =>
    selectRows(rows, { ...NO_QUERY, sort: { column: "name", direction: "ascending" } }),
  );
  const [, sortByLastUsed] = timed(() =>
    selectRows(rows, { ...NO_QUERY, sort: { column: "lastUsed", direction: "descending" } }),
  );
  return { prepare, unfiltered, search, sortByName, sortByLastUsed };
}
