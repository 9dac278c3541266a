//! The one command list (`with_commands!` in src/commands/list.rs) against what
//! else could name commands on its own.
//!
//! What is made from the list cannot drift and is not checked here: the shell's
//! thin commands and handler and every listed command's `App` method (the
//! compiler refuses a list entry without its method, or with other argument
//! types), build.rs's manifest and permission set, and the UI's client
//! `ui/src/lib/commands.ts` (the bindings test fails when it is stale). Left to
//! check: the main window's capability grants only that set, and the UI reaches
//! the Rust side only through the generated client, using every command of it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use keyturn_app::commands::COMMANDS;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_list_names_each_command_once() {
    let listed: BTreeSet<_> = COMMANDS.iter().collect();
    assert_eq!(listed.len(), COMMANDS.len(), "a command is listed twice");
}

#[test]
fn the_capability_grants_only_the_set_build_rs_makes_from_the_list() {
    let path = repo().join("src-tauri/capabilities/main-window.json");
    let capability: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    // Besides the commands, only listening to what Rust sends (the window menu's
    // choices): the page may not send events of its own.
    assert_eq!(
        capability["permissions"],
        serde_json::json!([
            "main-window-commands",
            "core:event:allow-listen",
            "core:event:allow-unlisten"
        ]),
        "{} grants the page nothing but the command set and listening (src-tauri/tests/capability.rs checks both)",
        path.display()
    );
}

/// The UI's non-test sources (`.ts`, `.svelte`) under `dir`, as (path, text).
fn ui_sources(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "test" {
                ui_sources(&path, found);
            }
        } else if (name.ends_with(".ts") || name.ends_with(".svelte")) && !name.contains(".test.") {
            found.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

fn lib(file: &str) -> PathBuf {
    repo().join("ui/src/lib").join(file)
}

/// The names inside every `import { … } from "…/commands"` of `text`.
fn imported_from_commands(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("import {") {
        rest = &rest[at + "import {".len()..];
        let Some(close) = rest.find('}') else { break };
        let from = rest[close..].trim_start_matches(['}', ' ']);
        let module = from
            .strip_prefix("from \"")
            .and_then(|m| m.split('"').next())
            .unwrap_or("");
        if module.ends_with("/commands") {
            names.extend(
                rest[..close]
                    .split(',')
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty()),
            );
        }
        rest = &rest[close..];
    }
    names
}

/// True when `text` calls `call<…>(…)` or `call(…)`, the way commands.ts does.
fn calls_by_name(text: &str) -> bool {
    text.match_indices("call").any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + 4..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
            && matches!(after, Some('<' | '('))
    })
}

#[test]
fn only_the_generated_client_calls_commands() {
    let mut sources = Vec::new();
    ui_sources(&repo().join("ui/src"), &mut sources);
    for (path, text) in &sources {
        if *path != lib("ipc.ts") {
            assert!(
                !text.contains("@tauri-apps/api/core"),
                "{} reaches Tauri's invoke itself: call the generated functions in lib/commands.ts",
                path.display()
            );
        }
        if *path != lib("commands.ts") && *path != lib("ipc.ts") {
            assert!(
                !calls_by_name(text),
                "{} calls a command by name: add it to the list and use lib/commands.ts",
                path.display()
            );
        }
    }
}

/// Listed commands no view calls yet.
const NO_BUTTON_YET: &[&str] = &[];

#[test]
fn the_ui_uses_every_generated_command() {
    let client = std::fs::read_to_string(lib("commands.ts")).unwrap();
    let generated: BTreeSet<String> = client
        .lines()
        .filter_map(|l| l.strip_prefix("export function "))
        .map(|l| l[..l.find('(').unwrap()].to_owned())
        .collect();
    assert_eq!(generated.len(), COMMANDS.len(), "commands.ts is stale");
    let mut sources = Vec::new();
    ui_sources(&repo().join("ui/src"), &mut sources);
    let used: BTreeSet<String> = sources
        .iter()
        .flat_map(|(_, text)| imported_from_commands(text))
        .collect();
    let unused: BTreeSet<&str> = generated.difference(&used).map(String::as_str).collect();
    assert_eq!(
        unused,
        NO_BUTTON_YET.iter().copied().collect(),
        "listed commands the UI never calls: remove them from the list (or, once called, from NO_BUTTON_YET)"
    );
}

#[test]
fn a_call_by_name_is_told_from_other_calls() {
    assert!(calls_by_name("return call<KeyList>(\"list_keys\");"));
    assert!(calls_by_name("await call(\"quit_app\")"));
    assert!(!calls_by_name("recall(x); f.call(this); callback()"));
}

#[test]
fn imports_are_read_as_written() {
    let text = "import { a, b } from \"../lib/commands\";\nimport { c } from \"./ipc\";\nimport {\n  d,\n} from \"./commands\";";
    assert_eq!(
        imported_from_commands(text),
        BTreeSet::from(["a".to_owned(), "b".to_owned(), "d".to_owned()])
    );
}
