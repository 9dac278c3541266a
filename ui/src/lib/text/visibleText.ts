// Text from vendors (key names above all) may carry characters that change how
// the text around it reads: bidi overrides that reverse it, newlines that split
// a line, invisible marks. Wherever such text is shown, those characters are
// replaced by a visible symbol: the same rule as the exports
// (crates/keyturn-core/src/visible_text.rs).

/** Controls (C0, DEL, C1), separators, bidi marks, embeddings, overrides and isolates, invisible format characters; not the joiners U+200C/U+200D, which scripts and emoji need. */
const HIDDEN =
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB\u{E0001}\u{E0020}-\u{E007F}]/u;
const HIDDEN_ALL = new RegExp(HIDDEN.source, "gu");

const FIRST_STRONG_ISOLATE = "\u2068";
const POP_DIRECTIONAL_ISOLATE = "\u2069";

export function hasHidden(text: string): boolean {
  return HIDDEN.test(text);
}

/** `text` with each hidden character shown: a C0 control or DEL as its control picture (newline `␊`, tab `␉`), any other as `[U+202E]`. */
export function visibleText(text: string): string {
  return text.replace(HIDDEN_ALL, (c) => {
    const code = c.codePointAt(0)!;
    if (code < 0x20) return String.fromCodePoint(0x2400 + code);
    if (code === 0x7f) return "\u2421";
    return `[U+${code.toString(16).toUpperCase().padStart(4, "0")}]`;
  });
}

/**
 * Visible, and isolated from the sentence around it, for text that goes into a
 * string (a dialog title, a toast): a right-to-left name cannot reorder the
 * words beside it. In markup, an element with `dir="auto"` does the same.
 */
export function isolated(text: string): string {
  return FIRST_STRONG_ISOLATE + visibleText(text) + POP_DIRECTIONAL_ISOLATE;
}

/** How a key is named on screen: its name, or its id when it has none; made visible. */
export function keyLabel(key: { id: string; name: string | null }): string {
  return visibleText(key.name?.trim() ? key.name : key.id);
}
