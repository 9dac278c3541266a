mod cli;

use std::process::ExitCode;

use cli::{parse_args, Parsed, TOKEN_ENV, USAGE};
use keyturn_sandbox::{start, SandboxOptions};

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
        seed_keys: args.seed_keys,
        seed: args.seed,
        faults: args.faults,
    };
    let sandbox = match start(args.listen, options).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("keyturn-sandbox: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "keyturn-sandbox listening on {} (Veryfi /api/v8/partner/client-keys, \
         Verifa /api/v1/organizations/{{org_id}}/keys, API keys /v1/api-keys, \
         Kayle ID /v1/auth/api-keys)",
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
