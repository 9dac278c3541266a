//! `./x bench` (through bench/run, which builds both apps in release and gives
//! this a private X display, D-Bus session and keyring): Keyturn's figures as
//! ratios to the empty Tauri app, measured side by side in one run, and its
//! 100 against 10,000 key figures against seeded sandboxes.
//!
//! Usage: keyturn-bench --keyturn BIN --empty BIN [--rounds N] [--logs DIR]

mod app;
mod core_trace;
mod keylist;
mod list_trace;
mod processes;
mod report;
mod startup;

use std::path::{Path, PathBuf};

use app::{Dirs, Session};
use keylist::{Account, LARGE, SMALL};
use report::{median, megabytes, millis, seconds, spread, Row};
use startup::StartRound;

struct Args {
    keyturn: PathBuf,
    empty: PathBuf,
    rounds: usize,
    logs: PathBuf,
}

fn args() -> Args {
    let mut keyturn = None;
    let mut empty = None;
    let mut rounds = 4;
    let mut logs = std::env::temp_dir().join("keyturn-bench");
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .unwrap_or_else(|| usage(&format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--keyturn" => keyturn = Some(PathBuf::from(value())),
            "--empty" => empty = Some(PathBuf::from(value())),
            "--rounds" => {
                rounds = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--rounds takes a number"))
            }
            "--logs" => logs = PathBuf::from(value()),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    Args {
        keyturn: keyturn.unwrap_or_else(|| usage("--keyturn is required")),
        empty: empty.unwrap_or_else(|| usage("--empty is required")),
        rounds,
        logs,
    }
}

fn usage(problem: &str) -> ! {
    eprintln!("keyturn-bench: {problem}\nusage: keyturn-bench --keyturn BIN --empty BIN [--rounds N] [--logs DIR]");
    std::process::exit(2)
}

fn file_size(path: &Path) -> f64 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .len() as f64
}

/// The size with symbols stripped (`strip` on a copy), so a binary that ships
/// stripped and one that does not are compared like for like.
fn stripped_size(path: &Path) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("binary");
    std::fs::copy(path, &copy).unwrap();
    let status = std::process::Command::new("strip")
        .arg("--strip-all")
        .arg(&copy)
        .status()
        .expect("strip (binutils) is installed");
    assert!(status.success(), "strip failed on {}", path.display());
    file_size(&copy)
}

#[tokio::main]
async fn main() {
    let args = args();
    std::fs::create_dir_all(&args.logs).unwrap();
    for var in ["DISPLAY", "DBUS_SESSION_BUS_ADDRESS"] {
        if std::env::var_os(var).is_none() {
            usage(&format!(
                "{var} is not set: run through bench/run (./x bench)"
            ));
        }
    }

    // Start-up and memory: alternating rounds, each app with fresh homes; one
    // warm-up round each is not counted (disk cache, first keychain entry).
    let mut keyturn_rounds: Vec<StartRound> = Vec::new();
    let mut empty_rounds: Vec<StartRound> = Vec::new();
    for round in 0..=args.rounds {
        eprintln!("start-up round {round} of {}", args.rounds);
        let log = args.logs.join(format!("empty-{round}.log"));
        let e = startup::round(&args.empty, startup::EMPTY_READY, &log, &Dirs::new()).await;
        let log = args.logs.join(format!("keyturn-{round}.log"));
        let k = startup::round(&args.keyturn, startup::KEYTURN_READY, &log, &Dirs::new()).await;
        if round > 0 {
            empty_rounds.push(e);
            keyturn_rounds.push(k);
        }
    }

    eprintln!("key list: seeding sandboxes with {SMALL} and {LARGE} keys");
    let small = Account::start(SMALL).await;
    let large = Account::start(LARGE).await;
    let list = key_list_rounds(&args, &small, &large).await;
    let rust_small = list_trace::measure(&small).await;
    let rust_large = list_trace::measure(&large).await;
    small.stop().await;
    large.stop().await;
    let core = core_trace::measure().await;

    let ready_k: Vec<f64> = keyturn_rounds
        .iter()
        .map(|r| r.ready.as_secs_f64() * 1e3)
        .collect();
    let ready_e: Vec<f64> = empty_rounds
        .iter()
        .map(|r| r.ready.as_secs_f64() * 1e3)
        .collect();
    let pss_k: Vec<f64> = keyturn_rounds.iter().map(|r| r.pss as f64).collect();
    let pss_e: Vec<f64> = empty_rounds.iter().map(|r| r.pss as f64).collect();
    let (size_k, size_e) = (file_size(&args.keyturn), file_size(&args.empty));
    let (stripped_k, stripped_e) = (stripped_size(&args.keyturn), stripped_size(&args.empty));

    let rows = [
        Row {
            figure: "(a) WebDriver session → key rows painted ÷ empty app's session → page loaded",
            measured: format!(
                "{} vs {}",
                seconds(median(&ready_k)),
                seconds(median(&ready_e))
            ),
            value: median(&ready_k) / median(&ready_e),
            goal: 1.3,
            ratio: true,
        },
        Row {
            figure: "(b) idle PSS of app + WebKit processes after 6 s ÷ empty app's",
            measured: format!(
                "{} vs {}",
                megabytes(median(&pss_k)),
                megabytes(median(&pss_e))
            ),
            value: median(&pss_k) / median(&pss_e),
            goal: 1.1,
            ratio: true,
        },
        Row {
            figure: "(c) release binary ÷ empty app's, symbols stripped from both",
            measured: format!(
                "{} vs {} (as built: {} vs {})",
                megabytes(stripped_k),
                megabytes(stripped_e),
                megabytes(size_k),
                megabytes(size_e)
            ),
            value: stripped_k / stripped_e,
            goal: 1.3,
            ratio: true,
        },
        Row {
            figure: "(d) click a connection → rows painted, 10,000 keys ÷ 100 keys",
            measured: format!(
                "{} vs {}",
                millis(median(&list.open_large)),
                millis(median(&list.open_small))
            ),
            value: median(&list.open_large) / median(&list.open_small),
            goal: 1.5,
            ratio: true,
        },
        Row {
            figure: "(e) `list_keys` IPC round trip, 10,000 keys",
            measured: format!(
                "{} (100 keys: {})",
                spread(&list.ipc_large, millis),
                millis(median(&list.ipc_small))
            ),
            value: median(&list.ipc_large),
            goal: 100.0,
            ratio: false,
        },
        Row {
            figure: "(f) keystroke in search → filtered rows painted, 10,000 keys",
            measured: spread(&list.search_large, millis),
            value: median(&list.search_large),
            goal: 50.0,
            ratio: false,
        },
    ];
    report::print(
        &format!(
            "Keyturn beside the empty Tauri app: release builds, medians of {} alternating rounds",
            args.rounds
        ),
        &rows,
    );

    println!("Start-up, ms after the session request (medians; Keyturn | empty app)");
    println!();
    let step = |name: &str, f: &dyn Fn(&StartRound) -> Option<f64>| {
        let pick = |rs: &[StartRound]| median(&rs.iter().filter_map(f).collect::<Vec<_>>());
        println!(
            "| {name} | {:.0} | {:.0} |",
            pick(&keyturn_rounds),
            pick(&empty_rounds)
        );
    };
    println!("| step | Keyturn | empty |");
    println!("|---|---:|---:|");
    step("app exec'd (10 ms steps)", &|r| Some(r.trace.exec));
    step("page navigation starts", &|r| {
        Some(r.trace.navigation_start)
    });
    step("page's HTML in (responseEnd)", &|r| {
        Some(r.trace.response_end)
    });
    step("DOMContentLoaded done", &|r| {
        Some(r.trace.dom_content_loaded)
    });
    step("load event done", &|r| Some(r.trace.load));
    step("first contentful paint", &|r| {
        r.trace.first_contentful_paint
    });
    step("WebDriver session answered", &|r| {
        Some(r.trace.session_open)
    });
    step("content in the DOM (key rows / page)", &|r| {
        r.trace.content_seen
    });
    step("ready seen by the 20 ms poll", &|r| {
        Some(r.ready.as_secs_f64() * 1e3)
    });
    println!();
    if let Some(first) = keyturn_rounds.first() {
        if !first.trace.marks.is_empty() {
            println!("Keyturn's page, step by step (its marks, first round, ms after the session request):");
            println!();
            for (name, at) in &first.trace.marks {
                println!("  {at:>6.0}  {name}");
            }
            println!();
        }
        if !first.trace.ipc_requests.is_empty() {
            println!("Keyturn's IPC requests seen by resource timing (first round, ms after the request):");
            for (name, start, end) in &first.trace.ipc_requests {
                println!("  {start:>6.0} → {end:>6.0}  {name}");
            }
            println!();
        }
    }

    println!("Idle PSS by process (MB, medians; the app first, then WebKit's)");
    println!();
    for (name, rounds) in [("Keyturn", &keyturn_rounds), ("empty app", &empty_rounds)] {
        let mut names: Vec<&str> = Vec::new();
        for (process, _) in &rounds[0].pss_by_process {
            if !names.contains(&process.as_str()) {
                names.push(process);
            }
        }
        let parts: Vec<String> = names
            .iter()
            .map(|process| {
                let values: Vec<f64> = rounds
                    .iter()
                    .map(|r| {
                        r.pss_by_process
                            .iter()
                            .filter(|(n, _)| n == process)
                            .map(|(_, b)| *b as f64)
                            .sum()
                    })
                    .collect();
                format!("{process} {:.1}", median(&values) / 1e6)
            })
            .collect();
        println!("- {name}: {}", parts.join(", "));
    }
    println!();

    println!("Keyturn's Rust start, without the window (medians, ms)");
    println!();
    println!("| step | ms |");
    println!("|---|---:|");
    println!(
        "| sandbox token read from the keychain | {:.1} |",
        core.keychain_read_ms
    );
    println!(
        "| sandbox started on a fresh state file (6 keys a dialect) | {:.1} |",
        core.sandbox_start_ms
    );
    println!(
        "| the embedded sandbox with its four connections (token, start, Kayle sign-in) | {:.1} |",
        core.embedded_sandbox_ms
    );
    println!(
        "| Keyturn::open, all of it (what the first command waits for) | {:.1} |",
        core.open_ms
    );
    println!(
        "| then the first list (Veryfi, 1 key) | {:.1} |",
        core.first_list_ms
    );
    println!();

    println!("One list, step by step (medians; 100 keys | 10,000 keys)");
    println!();
    println!("| step | 100 | 10,000 |");
    println!("|---|---:|---:|");
    println!(
        "| sandbox answers GET /v1/api-keys (bytes) | {} | {} |",
        rust_small.sandbox_bytes, rust_large.sandbox_bytes
    );
    println!(
        "| sandbox answers GET /v1/api-keys (ms, plain reqwest) | {:.1} | {:.1} |",
        rust_small.sandbox_ms, rust_large.sandbox_ms
    );
    println!(
        "| Keyturn's client: GET + parse + ApiKey (ms) | {:.1} | {:.1} |",
        rust_small.client_ms, rust_large.client_ms
    );
    println!(
        "| KeyList → JSON for IPC (ms) | {:.1} | {:.1} |",
        rust_small.serialize_ms, rust_large.serialize_ms
    );
    println!(
        "| KeyList JSON (bytes) | {} | {} |",
        rust_small.ipc_bytes, rust_large.ipc_bytes
    );
    println!(
        "| list_keys from the page, whole round trip (ms) | {:.1} | {:.1} |",
        median(&list.ipc_small),
        median(&list.ipc_large)
    );
    println!(
        "| of which JSON.parse in the page (ms) | {:.1} | {:.1} |",
        median(&list.parse_small),
        median(&list.parse_large)
    );
    for (step, small_ms, large_ms) in &list.probe {
        println!("| query_keys: {step}, round trip (ms) | {small_ms:.1} | {large_ms:.1} |");
    }
    println!(
        "| click → rows painted (ms) | {:.0} | {:.0} |",
        median(&list.open_small),
        median(&list.open_large)
    );
    println!(
        "| keystroke → filtered rows painted (ms) | {:.0} | {:.0} |",
        median(&list.search_small),
        median(&list.search_large)
    );
    for (at, phase) in keylist::KEYSTROKE_PHASES.iter().enumerate() {
        let of = |runs: &[[f64; 4]]| median(&runs.iter().map(|r| r[at]).collect::<Vec<_>>());
        println!(
            "| of which {phase} (ms) | {:.1} | {:.1} |",
            of(&list.search_phases_small),
            of(&list.search_phases_large)
        );
    }
    println!();
}

struct ListRounds {
    open_small: Vec<f64>,
    open_large: Vec<f64>,
    ipc_small: Vec<f64>,
    ipc_large: Vec<f64>,
    parse_small: Vec<f64>,
    parse_large: Vec<f64>,
    search_small: Vec<f64>,
    search_large: Vec<f64>,
    search_phases_small: Vec<[f64; 4]>,
    search_phases_large: Vec<[f64; 4]>,
    /// The UI's per-key steps in the page: (step, ms at 100, ms at 10,000).
    probe: Vec<(String, f64, f64)>,
}

async fn key_list_rounds(args: &Args, small: &Account, large: &Account) -> ListRounds {
    let homes = Dirs::new();
    keylist::save_connections(&homes, &[small, large], small);
    let session = Session::start(&args.keyturn, &homes, &keylist::log_path(&args.logs)).await;
    keylist::wait_shown(&session, small).await;
    let mut out = ListRounds {
        open_small: vec![],
        open_large: vec![],
        ipc_small: vec![],
        ipc_large: vec![],
        parse_small: vec![],
        parse_large: vec![],
        search_small: vec![],
        search_large: vec![],
        search_phases_small: vec![],
        search_phases_large: vec![],
        probe: vec![],
    };
    // Warm-up: each list once, uncounted.
    keylist::open(&session, large).await;
    keylist::open(&session, small).await;
    for round in 1..=args.rounds {
        eprintln!("key list round {round} of {}", args.rounds);
        out.open_large.push(keylist::open(&session, large).await);
        let typed = keylist::search_keystroke(&session).await;
        out.search_large.push(typed.total);
        out.search_phases_large.push(typed.phases);
        out.open_small.push(keylist::open(&session, small).await);
        let typed = keylist::search_keystroke(&session).await;
        out.search_small.push(typed.total);
        out.search_phases_small.push(typed.phases);
        let (ms, n) = keylist::ipc_round_trip(&session, large).await;
        assert_eq!(n, LARGE, "list_keys held every key");
        out.ipc_large.push(ms);
        out.ipc_small
            .push(keylist::ipc_round_trip(&session, small).await.0);
        out.parse_large
            .push(keylist::page_parse(&session, large).await.1);
        out.parse_small
            .push(keylist::page_parse(&session, small).await.1);
    }
    {
        let mut small_steps = Vec::new();
        let mut large_steps = Vec::new();
        for _ in 0..args.rounds {
            small_steps.push(keylist::probe(&session, small).await);
            large_steps.push(keylist::probe(&session, large).await);
        }
        for (step, _) in &small_steps[0] {
            let pick = |runs: &[Vec<(String, f64)>]| {
                median(
                    &runs
                        .iter()
                        .flat_map(|r| r.iter().filter(|(s, _)| s == step).map(|(_, ms)| *ms))
                        .collect::<Vec<_>>(),
                )
            };
            out.probe
                .push((step.clone(), pick(&small_steps), pick(&large_steps)));
        }
    }
    // A script of one's own on the 10,000-key list (say, to split a frame's cost): its answer on stderr.
    if let Ok(path) = std::env::var("KEYTURN_BENCH_PROBE") {
        let script = std::fs::read_to_string(&path).expect("KEYTURN_BENCH_PROBE names a script");
        keylist::open(&session, large).await;
        eprintln!(
            "probe {path}: {}",
            session.script_async(&script, vec![]).await
        );
    }
    session.close().await;
    out
}
