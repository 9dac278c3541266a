//! What /proc says about the app: its process tree, the memory it holds, when it started.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

fn parent_of(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    rest.split_whitespace().nth(1)?.parse().ok()
}

fn all_pids() -> Vec<i32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect()
}

/// `root` and every process below it.
pub fn tree(root: i32) -> Vec<i32> {
    let mut children: HashMap<i32, Vec<i32>> = HashMap::new();
    for pid in all_pids() {
        if let Some(parent) = parent_of(pid) {
            children.entry(parent).or_default().push(pid);
        }
    }
    let mut out = vec![root];
    let mut at = 0;
    while at < out.len() {
        out.extend(children.get(&out[at]).into_iter().flatten().copied());
        at += 1;
    }
    out
}

pub fn descendant_running(root: i32, binary: &Path) -> Option<i32> {
    let binary = binary.canonicalize().ok()?;
    tree(root).into_iter().find(|pid| {
        std::fs::read_link(format!("/proc/{pid}/exe"))
            .ok()
            .as_deref()
            == Some(binary.as_path())
    })
}

/// Proportional set size of one process, in bytes (0 if it is gone).
fn pss(pid: i32) -> u64 {
    let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
        return 0;
    };
    rollup
        .lines()
        .find_map(|l| l.strip_prefix("Pss:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// PSS of the app and of each of its children (WebKit's web and network
/// processes), by command name.
pub fn tree_pss(app: i32) -> Vec<(String, u64)> {
    tree(app)
        .into_iter()
        .map(|pid| {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            (name.trim().to_owned(), pss(pid))
        })
        .collect()
}

/// When the process was exec'd: its start in clock ticks since boot (10 ms
/// steps) against the uptime now (/proc/stat's boot time is whole seconds).
pub fn started_at(pid: i32) -> SystemTime {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let (_, rest) = stat.rsplit_once(')').unwrap();
    // Field 22 of stat; `rest` starts at field 3.
    let ticks: u64 = rest.split_whitespace().nth(19).unwrap().parse().unwrap();
    let now = SystemTime::now();
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    now - Duration::from_secs_f64((uptime - ticks as f64 / hz).max(0.0))
}
