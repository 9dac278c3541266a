use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use keyturn_sandbox::{start, SandboxOptions};

const DEFAULT_LISTEN: &str = "127.0.0.1:8787";
const TOKEN_ENV: &str = "KEYTURN_SANDBOX_ADMIN_TOKEN";

const USAGE: &str = "\
Usage: keyturn-sandbox [--listen ADDR] [--state FILE] [--admin-token TOKEN]

Runs a local stand-in for the Veryfi partner key API.

Options:
  --listen ADDR         address to listen on (default 127.0.0.1:8787)
  --state FILE          keep the keys in FILE between runs (default: in memory only)
  --admin-token TOKEN   secret accepted in `AUTHORIZATION: apikey sandbox:TOKEN`;
                        or set KEYTURN_SANDBOX_ADMIN_TOKEN so it does not show in `ps`
  -h, --help            print this help";

struct Args {
    listen: SocketAddr,
    state: Option<PathBuf>,
    admin_token: Option<String>,
}

enum Parsed {
    Run(Args),
    Help,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut listen = None;
    let mut state = None;
    let mut admin_token = None;
    while let Some(arg) = args.next() {
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value)),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(Parsed::Help);
        }
        if !matches!(flag.as_str(), "--listen" | "--state" | "--admin-token") {
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
                let addr = value.parse().map_err(|_| {
                    format!("`--listen {value}` is not an address like {DEFAULT_LISTEN}")
                })?;
                listen = Some(addr);
            }
            "--state" => state = Some(PathBuf::from(value)),
            _ => admin_token = Some(value),
        }
    }
    Ok(Parsed::Run(Args {
        listen: listen.unwrap_or_else(|| DEFAULT_LISTEN.parse().expect("valid default")),
        state,
        admin_token,
    }))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Parsed::Run(args)) => args,
        Ok(Parsed::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("keyturn-sandbox: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let admin_token = args
        .admin_token
        .or_else(|| std::env::var(TOKEN_ENV).ok())
        .filter(|token| !token.is_empty());
    let Some(admin_token) = admin_token else {
        eprintln!(
            "keyturn-sandbox: no admin token; pass --admin-token TOKEN or set {TOKEN_ENV}=TOKEN"
        );
        return ExitCode::from(2);
    };

    let options = SandboxOptions {
        admin_token,
        state_file: args.state,
    };
    let sandbox = match start(args.listen, options).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("keyturn-sandbox: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "keyturn-sandbox listening on {} (Veryfi partner API at /api/v8/partner/client-keys)",
        sandbox.base_url()
    );
    wait_for_stop_signal().await;
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
