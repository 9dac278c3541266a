//! The command line of the `keyturn-sandbox` binary.

use std::net::SocketAddr;
use std::path::PathBuf;

use keyturn_sandbox::{FaultSpec, DEFAULT_SEED};

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8787";
pub const TOKEN_ENV: &str = "KEYTURN_SANDBOX_ADMIN_TOKEN";

pub const USAGE: &str = "\
Usage: keyturn-sandbox [--listen ADDR] [--state FILE] [--admin-token TOKEN]
                       [--seed-keys N] [--seed S] [--fault SPEC]...

Runs a local stand-in for the key APIs of Veryfi, Verifa, the generic /v1/api-keys
and Kayle ID. See crates/keyturn-sandbox/README.md for the routes.

Options:
  --listen ADDR         address to listen on (default 127.0.0.1:8787)
  --state FILE          keep the keys in FILE between runs (default: in memory only)
  --admin-token TOKEN   the admin credential of every dialect; or set
                        KEYTURN_SANDBOX_ADMIN_TOKEN so it does not show in `ps`
  --seed-keys N         on a fresh state, give Verifa (org_sandbox), /v1/api-keys and
                        Kayle N made-up keys each
  --seed S              a whole number that fixes the seeded keys' ids, names and
                        dates (default: a fixed seed)
  --fault SPEC          inject a fault, e.g. 'POST /v1/api-keys status:503 x2'; SPEC is
                        'METHOD PATH_PREFIX KIND[:ARG] [xN]' with METHOD * for any and
                        KIND one of latency:MS, status:CODE[:RETRY_AFTER],
                        malformed_json, truncated, drop, drop_after; repeatable
  -h, --help            print this help";

pub struct Args {
    pub listen: SocketAddr,
    pub state: Option<PathBuf>,
    pub admin_token: Option<String>,
    pub seed_keys: usize,
    pub seed: u64,
    pub faults: Vec<FaultSpec>,
}

pub enum Parsed {
    Run(Args),
    Help,
}

const FLAGS_WITH_VALUES: [&str; 6] = [
    "--listen",
    "--state",
    "--admin-token",
    "--seed-keys",
    "--seed",
    "--fault",
];

pub fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut parsed = Args {
        listen: DEFAULT_LISTEN.parse().expect("valid default"),
        state: None,
        admin_token: None,
        seed_keys: 0,
        seed: DEFAULT_SEED,
        faults: Vec::new(),
    };
    while let Some(arg) = args.next() {
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value)),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(Parsed::Help);
        }
        if !FLAGS_WITH_VALUES.contains(&flag.as_str()) {
            return Err(format!("unknown argument `{arg}`"));
        }
        let value = match inline_value {
            Some(value) => value.to_string(),
            None => args
                .next()
                .ok_or_else(|| format!("`{flag}` needs a value"))?,
        };
        match flag.as_str() {
            "--listen" => {
                parsed.listen = value.parse().map_err(|_| {
                    format!("`--listen {value}` is not an address like {DEFAULT_LISTEN}")
                })?;
            }
            "--state" => parsed.state = Some(PathBuf::from(value)),
            "--admin-token" => parsed.admin_token = Some(value),
            "--seed-keys" => {
                parsed.seed_keys = value
                    .parse()
                    .map_err(|_| format!("`--seed-keys {value}` is not a whole number"))?;
            }
            "--seed" => {
                parsed.seed = value
                    .parse()
                    .map_err(|_| format!("`--seed {value}` is not a whole number"))?;
            }
            _ => parsed.faults.push(
                value
                    .parse()
                    .map_err(|problem| format!("--fault {problem}"))?,
            ),
        }
    }
    Ok(Parsed::Run(parsed))
}
