//! Made-up but plausible names and clients for seeded keys.

pub(crate) const KEY_NAMES: [&str; 20] = [
    "Payroll sync",
    "CI deploy",
    "Staging worker",
    "Billing export",
    "Mobile app",
    "Webhook relay",
    "Data warehouse ETL",
    "Support dashboard",
    "Fraud checks",
    "Onboarding service",
    "Nightly backup",
    "Partner integration",
    "QA automation",
    "Analytics pipeline",
    "Zapier bridge",
    "Local dev",
    "Marketing site",
    "Ops runbook",
    "Cron scheduler",
    "Identity proxy",
];

pub(crate) const TEAMS: [&str; 6] = ["payments", "platform", "growth", "risk", "support", "data"];

pub(crate) const USER_AGENTS: [&str; 9] = [
    "curl/8.5.0",
    "python-requests/2.31.0",
    "Go-http-client/1.1",
    "Go-http-client/2.0",
    "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
    "Java/17.0.9",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
];
