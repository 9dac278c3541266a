//! The one command list (`with_commands!`) against what else names commands:
//! the main window's capability must grant only the set build.rs makes from it,
//! and the UI must call exactly them. The shell's handler, build.rs's manifest
//! and that set are made from the list itself, so they cannot drift.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use keyturn_app::commands::COMMANDS;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn listed() -> BTreeSet<String> {
    COMMANDS.iter().map(|c| c.to_string()).collect()
}

#[test]
fn the_list_names_each_command_once() {
    assert_eq!(listed().len(), COMMANDS.len(), "a command is listed twice");
}

#[test]
fn the_capability_grants_only_the_set_build_rs_makes_from_the_list() {
    let path = repo().join("src-tauri/capabilities/main-window.json");
    let capability: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(
        capability["permissions"],
        serde_json::json!(["main-window-commands"]),
        "{} grants the page nothing but the command set (src-tauri/tests/capability.rs checks the set)",
        path.display()
    );
}

/// Every `call<T>("name", …)` in the UI's non-test TypeScript.
fn called_by_the_ui(dir: &Path, found: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            called_by_the_ui(&path, found);
        } else if name.ends_with(".ts") && !name.ends_with(".test.ts") {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut rest = text.as_str();
            while let Some(at) = rest.find("call<") {
                rest = &rest[at..];
                let Some(open) = rest.find(">(\"") else { break };
                let after = &rest[open + 3..];
                let end = after.find('"').unwrap();
                found.insert(after[..end].to_owned());
                rest = &after[end..];
            }
        }
    }
}

#[test]
fn the_ui_calls_exactly_the_listed_commands() {
    let mut called = BTreeSet::new();
    called_by_the_ui(&repo().join("ui/src"), &mut called);
    let listed = listed();
    let unknown: Vec<_> = called.difference(&listed).collect();
    let uncalled: Vec<_> = listed.difference(&called).collect();
    assert!(
        unknown.is_empty() && uncalled.is_empty(),
        "the UI calls commands not in with_commands!: {unknown:?}; listed commands the UI never calls: {uncalled:?}"
    );
}
