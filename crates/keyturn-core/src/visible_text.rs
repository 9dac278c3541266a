//! Text from vendors (key names above all) may carry characters that change how
//! the text around them reads: bidi overrides that reverse it, newlines that
//! split a line, invisible marks. Wherever such text is shown or exported, those
//! characters are replaced by a visible symbol. The UI applies the same rule
//! (`ui/src/lib/visibleText.ts`).

use std::borrow::Cow;

/// Controls (C0, DEL, C1), line and paragraph separators, bidi marks, embeddings,
/// overrides and isolates, and the invisible format characters. The joiners
/// U+200C and U+200D are left alone: scripts and emoji need them.
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1F}'
            | '\u{7F}'..='\u{9F}'
            | '\u{AD}'
            | '\u{61C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// `text` with every hidden character shown: a C0 control or DEL as its control
/// picture (newline as `␊`, tab as `␉`), anything else as `[U+202E]`.
pub fn visible_text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{0}'..='\u{1F}' => {
                out.push(char::from_u32(0x2400 + c as u32).expect("control picture"))
            }
            '\u{7F}' => out.push('\u{2421}'),
            c if is_hidden(c) => out.push_str(&format!("[U+{:04X}]", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_overrides_marks_and_controls() {
        assert_eq!(
            visible_text("probe-rlo-\u{202E}tset-dorp"),
            "probe-rlo-[U+202E]tset-dorp"
        );
        assert_eq!(
            visible_text("line one\nline two\tend\r"),
            "line one␊line two␉end␍"
        );
        assert_eq!(visible_text("a\u{0}b\u{7F}c\u{85}d"), "a␀b␡c[U+0085]d");
        assert_eq!(
            visible_text("\u{2066}x\u{2069}\u{200E}\u{200F}\u{202A}\u{FEFF}"),
            "[U+2066]x[U+2069][U+200E][U+200F][U+202A][U+FEFF]"
        );
    }

    #[test]
    fn leaves_ordinary_text_and_joiners_alone() {
        for text in [
            "deploy key",
            "Zürich ☃",
            "שלום עולם",
            "👩\u{200D}💻",
            "می\u{200C}خواهم",
        ] {
            assert_eq!(visible_text(text), text);
            assert!(matches!(visible_text(text), Cow::Borrowed(_)));
        }
    }
}
