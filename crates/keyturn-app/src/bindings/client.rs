//! The UI's client of the command list: `ui/src/lib/commands.ts` must equal
//! `typescript()`, one camelCase function per command calling it through
//! `ipc.ts`'s `call`. Its types are the ts-rs names bindings.ts exports.

use std::collections::BTreeSet;

use crate::commands::{Signature, SIGNATURES};

pub const HEADER: &str =
    "// Generated from the command list in crates/keyturn-app/src/commands/list.rs by `./x bindings`. Do not edit.\n";

pub fn typescript() -> String {
    let mut imported = BTreeSet::new();
    let functions: Vec<String> = SIGNATURES
        .iter()
        .map(|command| function(command, &mut imported))
        .collect();
    let mut out = String::from(HEADER);
    if !imported.is_empty() {
        let names: Vec<&str> = imported.iter().map(String::as_str).collect();
        out.push_str(&format!(
            "import type {{ {} }} from \"./bindings\";\n",
            names.join(", ")
        ));
    }
    out.push_str("import { call } from \"./ipc\";\n");
    for function in functions {
        out.push('\n');
        out.push_str(&function);
    }
    out
}

fn function(command: &Signature, imported: &mut BTreeSet<String>) -> String {
    let params: Vec<String> = command
        .args
        .iter()
        .map(|(name, rust)| format!("{}: {}", camel(name), ts_type(rust, imported)))
        .collect();
    let answer = ts_type(command.answer, imported);
    let args = if command.args.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = command.args.iter().map(|(name, _)| camel(name)).collect();
        format!(", {{ {} }}", names.join(", "))
    };
    format!(
        "{}export function {}({}): Promise<{answer}> {{\n  return call<{answer}>(\"{}\"{args});\n}}\n",
        doc(command.docs),
        camel(command.name),
        params.join(", "),
        command.name,
    )
}

fn doc(lines: &[&str]) -> String {
    match lines {
        [] => String::new(),
        [line] => format!("/** {} */\n", line.trim()),
        lines => {
            let body: String = lines
                .iter()
                .map(|line| format!(" * {}\n", line.trim()))
                .collect();
            format!("/**\n{body} */\n")
        }
    }
}

/// `connection_id` → `connectionId`: the key Tauri turns back into the Rust name.
fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The TypeScript type of a Rust type as the list writes it; named types are
/// bindings.ts's, recorded in `imported`.
fn ts_type(rust: &str, imported: &mut BTreeSet<String>) -> String {
    let rust: String = rust.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(inner) = generic(&rust, "Option") {
        return format!("{} | null", ts_type(inner, imported));
    }
    if let Some(inner) = generic(&rust, "Vec") {
        let item = ts_type(inner, imported);
        return if item.contains(' ') {
            format!("({item})[]")
        } else {
            format!("{item}[]")
        };
    }
    if let Some(inner) = generic(&rust, "Sensitive") {
        return ts_type(inner, imported);
    }
    match rust.as_str() {
        "()" => "void".into(),
        // An RFC 3339 string, as ts-rs writes chrono's times.
        "String" | "DateTime<Utc>" => "string".into(),
        "bool" => "boolean".into(),
        "u8" | "u16" | "u32" | "i8" | "i16" | "i32" | "f32" | "f64" => "number".into(),
        name => {
            assert!(
                name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "the command list names `{name}`: name the type as commands::types exports it"
            );
            imported.insert(name.to_owned());
            name.to_owned()
        }
    }
}

/// `Option<X>` → `X` for `wrapper` `Option`.
fn generic<'a>(rust: &'a str, wrapper: &str) -> Option<&'a str> {
    rust.strip_prefix(wrapper)?
        .strip_prefix('<')?
        .strip_suffix('>')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(rust: &str) -> (String, BTreeSet<String>) {
        let mut imported = BTreeSet::new();
        (ts_type(rust, &mut imported), imported)
    }

    #[test]
    fn rust_types_become_the_typescript_the_ui_sees() {
        assert_eq!(ts("String").0, "string");
        assert_eq!(ts("bool").0, "boolean");
        assert_eq!(ts("u32").0, "number");
        assert_eq!(ts("()").0, "void");
        assert_eq!(ts("Sensitive < String >").0, "string");
        assert_eq!(ts("Option<String>").0, "string | null");
        assert_eq!(ts("Vec<Option<u32>>").0, "(number | null)[]");
        let (named, imported) = ts("Vec<RevealedKey>");
        assert_eq!(named, "RevealedKey[]");
        assert_eq!(imported, BTreeSet::from(["RevealedKey".to_owned()]));
    }

    #[test]
    fn a_command_calls_its_snake_case_name_with_camel_case_arguments() {
        let command = Signature {
            name: "set_key_enabled",
            docs: &[" Pauses or resumes a key."],
            shell: false,
            asynchronous: true,
            args: &[
                ("connection_id", "String"),
                ("key_id", "String"),
                ("enabled", "bool"),
            ],
            answer: "ApiKey",
        };
        assert_eq!(
            function(&command, &mut BTreeSet::new()),
            "/** Pauses or resumes a key. */\n\
             export function setKeyEnabled(connectionId: string, keyId: string, enabled: boolean): Promise<ApiKey> {\n  \
             return call<ApiKey>(\"set_key_enabled\", { connectionId, keyId, enabled });\n}\n"
        );
    }

    #[test]
    fn a_command_without_arguments_sends_none() {
        let command = Signature {
            name: "open_rotations",
            docs: &[],
            shell: false,
            asynchronous: true,
            args: &[],
            answer: "OpenRotationsView",
        };
        assert!(function(&command, &mut BTreeSet::new())
            .contains("return call<OpenRotationsView>(\"open_rotations\");"));
    }

    #[test]
    fn every_named_type_is_exported_by_the_bindings() {
        let types = super::super::typescript();
        let mut imported = BTreeSet::new();
        for command in SIGNATURES {
            for (_, rust) in command.args {
                ts_type(rust, &mut imported);
            }
            ts_type(command.answer, &mut imported);
        }
        for name in imported {
            assert!(
                types.contains(&format!("export type {name} =")),
                "the command list names {name}, which bindings.ts does not declare"
            );
        }
    }
}
