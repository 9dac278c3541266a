//! The real X clipboard, read back with xclip (always under a timeout: xclip can
//! hang when the owner does not answer).

use std::process::Command;

fn xclip(args: &[&str]) -> Option<String> {
    let output = Command::new("timeout")
        .args(["5", "xclip", "-o", "-selection", "clipboard"])
        .args(args)
        .output()
        .expect("xclip is installed (./x test installs it)");
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The clipboard's text, `None` when it holds nothing.
pub fn clipboard_text() -> Option<String> {
    xclip(&[]).filter(|text| !text.is_empty())
}

/// The formats the clipboard owner offers (e.g. `x-kde-passwordManagerHint`).
pub fn clipboard_targets() -> Vec<String> {
    xclip(&["-t", "TARGETS"])
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The X11 PRIMARY selection's text (what a middle click pastes), `None` when empty.
pub fn primary_text() -> Option<String> {
    let output = Command::new("timeout")
        .args(["5", "xclip", "-o", "-selection", "primary"])
        .output()
        .expect("xclip is installed (./x test installs it)");
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
        .filter(|text| !text.is_empty())
}
