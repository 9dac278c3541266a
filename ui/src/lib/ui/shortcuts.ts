// Keyboard shortcuts: Ctrl (Cmd on macOS) + 1…9 switches connection,
// Ctrl+F searches, Ctrl+R refreshes, Ctrl+N creates a key, Ctrl+T rotates a
// key, Ctrl+L locks, Ctrl+Q quits.

export type Shortcut =
  | { kind: "connection"; index: number }
  | { kind: "search" }
  | { kind: "refresh" }
  | { kind: "create" }
  | { kind: "rotate" }
  | { kind: "lock" }
  | { kind: "quit" };

type KeyLike = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">;

export function shortcutOf(e: KeyLike): Shortcut | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  if (/^[1-9]$/.test(e.key)) return { kind: "connection", index: Number(e.key) - 1 };
  switch (e.key.toLowerCase()) {
    case "f":
      return { kind: "search" };
    case "r":
      return { kind: "refresh" };
    case "n":
      return { kind: "create" };
    case "t":
      return { kind: "rotate" };
    case "l":
      return { kind: "lock" };
    case "q":
      return { kind: "quit" };
    default:
      return null;
  }
}
