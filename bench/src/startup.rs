//! One start of an app with fresh homes: session → first content, idle memory,
//! and where the start-up time went.

use std::path::Path;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::app::{Dirs, Session};
use crate::processes;

const IDLE: Duration = Duration::from_secs(6);

/// What "ready" means for each app, as a JS expression.
pub const KEYTURN_READY: &str = "document.querySelector('[data-testid=key-row]') !== null";
pub const EMPTY_READY: &str =
    "document.readyState === 'complete' && document.getElementById('title') !== null";

pub struct StartRound {
    /// Session requested → content in the page (20 ms polling, as in the issue).
    pub ready: Duration,
    /// PSS of the app and its WebKit processes after 6 s idle.
    pub pss: u64,
    /// The same by process (the app first).
    pub pss_by_process: Vec<(String, u64)>,
    pub trace: StartTrace,
}

/// Milliseconds since the session was requested, each step of the start.
#[derive(Debug, Clone, Default)]
pub struct StartTrace {
    pub exec: f64,
    pub navigation_start: f64,
    pub response_end: f64,
    pub dom_content_loaded: f64,
    pub load: f64,
    pub first_contentful_paint: Option<f64>,
    pub content_seen: Option<f64>,
    pub session_open: f64,
    pub ipc_requests: Vec<(String, f64, f64)>,
    /// The page's own marks (Keyturn's: the first IPC calls asked and answered).
    pub marks: Vec<(String, f64)>,
}

fn ms_between(later: SystemTime, earlier: SystemTime) -> f64 {
    match later.duration_since(earlier) {
        Ok(d) => d.as_secs_f64() * 1e3,
        Err(e) => -e.duration().as_secs_f64() * 1e3,
    }
}

/// Records the page time at which `condition` first holds, from the first
/// DOM change on (so a 20 ms poll does not blur the trace).
fn watch_script(condition: &str) -> String {
    format!(
        "if (!window.__benchWatch) {{
           window.__benchWatch = true;
           const check = () => {{ if (window.__benchSeen === undefined && ({condition})) window.__benchSeen = performance.now(); }};
           check();
           new MutationObserver(check).observe(document, {{ childList: true, subtree: true }});
         }}"
    )
}

const TIMINGS: &str = "
  const n = performance.getEntriesByType('navigation')[0];
  const t = performance.timing;
  const rel = (x) => x - t.navigationStart;
  const fcp = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint');
  return {
    origin: performance.timeOrigin,
    responseEnd: n ? n.responseEnd : rel(t.responseEnd),
    dcl: n ? n.domContentLoadedEventEnd : rel(t.domContentLoadedEventEnd),
    load: n ? n.loadEventEnd : rel(t.loadEventEnd),
    fcp: fcp ? fcp.startTime : null,
    seen: window.__benchSeen === undefined ? null : window.__benchSeen,
    ipc: performance.getEntriesByType('resource')
      .filter((r) => r.name.startsWith('ipc:') || r.name.includes('://ipc.'))
      .map((r) => [r.name, r.startTime, r.responseEnd]),
    marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
  };";

pub async fn round(binary: &Path, ready_condition: &str, log: &Path, homes: &Dirs) -> StartRound {
    let session = Session::start(binary, homes, log).await;
    let _ = session
        .client
        .execute(&watch_script(ready_condition), vec![])
        .await;
    let ready = session.ready(ready_condition).await;
    let pid = session.app_pid();
    let timings = session.script(TIMINGS, vec![]).await;
    let trace = trace_from(&session, pid, &timings);
    tokio::time::sleep(IDLE.saturating_sub(session.requested.elapsed() - ready)).await;
    let pss_by_process = processes::tree_pss(pid);
    session.close().await;
    StartRound {
        ready,
        pss: pss_by_process.iter().map(|(_, bytes)| bytes).sum(),
        pss_by_process,
        trace,
    }
}

fn trace_from(session: &Session, pid: i32, t: &Value) -> StartTrace {
    let origin_ms = t["origin"].as_f64().unwrap_or(0.0);
    let request_ms = ms_between(session.requested_wall, SystemTime::UNIX_EPOCH);
    let page = |v: &Value| v.as_f64().map(|x| origin_ms + x - request_ms);
    StartTrace {
        exec: ms_between(processes::started_at(pid), session.requested_wall),
        navigation_start: origin_ms - request_ms,
        response_end: page(&t["responseEnd"]).unwrap_or(f64::NAN),
        dom_content_loaded: page(&t["dcl"]).unwrap_or(f64::NAN),
        load: page(&t["load"]).unwrap_or(f64::NAN),
        first_contentful_paint: page(&t["fcp"]),
        content_seen: page(&t["seen"]),
        session_open: session.session_open.as_secs_f64() * 1e3,
        ipc_requests: t["ipc"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                (
                    r[0].as_str().unwrap_or("").to_owned(),
                    page(&r[1]).unwrap_or(f64::NAN),
                    page(&r[2]).unwrap_or(f64::NAN),
                )
            })
            .collect(),
        marks: t["marks"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| {
                (
                    m[0].as_str().unwrap_or("").to_owned(),
                    page(&m[1]).unwrap_or(f64::NAN),
                )
            })
            .collect(),
    }
}
