//! 100 keys against 10,000: two seeded /v1/api-keys sandboxes, each saved as a
//! connection of one Keyturn, measured inside the page (performance.now()).

use std::path::Path;

use keyturn_sandbox::{Sandbox, SandboxOptions};
use serde_json::{json, Value};

use crate::app::{Dirs, Session};

pub const SMALL: usize = 100;
pub const LARGE: usize = 10_000;
const KEYCHAIN_SERVICE: &str = "io.keyturn.desktop";

/// A seeded sandbox saved as a Keyturn connection.
pub struct Account {
    pub keys: usize,
    pub connection_id: String,
    pub name: String,
    pub base_url: String,
    pub token: String,
    /// The first key the vendor lists: the table's first row once this account is shown.
    pub first_key_id: String,
    sandbox: Sandbox,
}

impl Account {
    pub async fn start(keys: usize) -> Self {
        let token = format!("bench-{keys}-{}", std::process::id());
        let sandbox = keyturn_sandbox::start(
            ([127, 0, 0, 1], 0).into(),
            SandboxOptions {
                admin_token: token.clone(),
                seed_keys: keys,
                // Different seeds, so the two accounts share no key id.
                seed: keys as u64,
                ..SandboxOptions::default()
            },
        )
        .await
        .expect("the sandbox starts");
        let base_url = sandbox.base_url();
        let listed: Value = reqwest::Client::new()
            .get(format!("{base_url}/v1/api-keys"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let first_key_id = listed["data"][0]["id"]
            .as_str()
            .expect("a seeded key")
            .to_owned();
        Self {
            keys,
            connection_id: format!("p_bench{keys}"),
            name: format!("Bench — {keys} keys"),
            base_url,
            token,
            first_key_id,
            sandbox,
        }
    }

    fn stored_connection(&self) -> Value {
        json!({
            "id": self.connection_id,
            "name": self.name,
            "environment": "sandbox",
            "baseUrl": self.base_url,
            "readOnly": true,
            "account": { "vendor": "apiKeys" },
        })
    }

    pub async fn stop(self) {
        let _ = keyring::Entry::new(KEYCHAIN_SERVICE, &format!("profile/{}", self.connection_id))
            .and_then(|e| e.delete_credential());
        self.sandbox.shutdown().await;
    }
}

/// Saves the accounts as Keyturn's connections (file and keychain), `open` shown at start.
pub fn save_connections(homes: &Dirs, accounts: &[&Account], open: &Account) {
    let dir = homes.config().join("io.keyturn.desktop");
    std::fs::create_dir_all(&dir).unwrap();
    let file = json!({
        "version": 3,
        "connections": accounts.iter().map(|a| a.stored_connection()).collect::<Vec<_>>(),
        "lastConnectionId": open.connection_id,
    });
    std::fs::write(
        dir.join("connections.json"),
        serde_json::to_vec_pretty(&file).unwrap(),
    )
    .unwrap();
    for a in accounts {
        keyring::Entry::new(KEYCHAIN_SERVICE, &format!("profile/{}", a.connection_id))
            .and_then(|e| e.set_password(&a.token))
            .expect("the keychain takes the connection's token");
    }
}

/// JS: `account` is on screen: its heading and its first key's row.
fn shown(account: &Account) -> String {
    format!(
        "(document.querySelector('[data-testid=connection-info-name]')?.textContent === {name} && \
          document.querySelector('[data-key-id=\"{id}\"]') !== null)",
        name = json!(account.name),
        id = account.first_key_id,
    )
}

/// Resolves with the time from `start()` to the first frame painted after `until` holds.
fn timed(start: &str, until: &str) -> String {
    format!(
        "const done = arguments[arguments.length - 1];
         const until = () => {until};
         let finished = false;
         const t0 = performance.now();
         const finish = () => {{
           if (finished || !until()) return;
           finished = true;
           observer.disconnect();
           // The frame that shows the change, then the task after its paint.
           requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
         }};
         const observer = new MutationObserver(finish);
         observer.observe(document, {{ childList: true, subtree: true, characterData: true }});
         setTimeout(() => {{ if (!finished) {{ observer.disconnect(); done(-1); }} }}, 30000);
         {start};
         finish();"
    )
}

fn ms(value: Value, what: &str) -> f64 {
    let v = value.as_f64().unwrap_or(-1.0);
    assert!(v >= 0.0, "{what}: the page never showed it");
    v
}

/// Click on the account's sidebar entry → its rows painted, in ms. The view may
/// show the keys Rust held from an earlier listing while it lists them again:
/// this returns once that listing is done too, so the next step sees a settled list.
pub async fn open(session: &Session, account: &Account) -> f64 {
    let click = format!(
        "[...document.querySelectorAll('[data-testid=connection-button]')]
           .find((b) => (b.getAttribute('title') ?? '').startsWith({name})).click()",
        name = json!(account.name),
    );
    let painted = ms(
        session
            .script_async(&timed(&click, &shown(account)), vec![])
            .await,
        "open",
    );
    session.ready(SETTLED).await;
    painted
}

/// JS: no listing on its way (the keys card is not busy).
const SETTLED: &str = "document.querySelector('[aria-busy=true]') === null";

pub async fn wait_shown(session: &Session, account: &Account) {
    session.ready(&shown(account)).await;
}

/// The first page the keys view asks for (ui/src/lib/keys/keysController.svelte.ts).
const LIST_ARGS: &str =
    "query: { search: '', status: null, environment: null, sort: null }, limit: 200";

/// `list_keys` called from the page as the UI calls it: ms and how many keys the
/// vendor listed (the page holds the first 200 of them).
pub async fn ipc_round_trip(session: &Session, account: &Account) -> (f64, usize) {
    let js = format!(
        "const done = arguments[arguments.length - 1];
         const t0 = performance.now();
         window.__TAURI_INTERNALS__.invoke('list_keys', {{ connectionId: arguments[0], {LIST_ARGS} }})
           .then((r) => done([performance.now() - t0, r.total]), (e) => done([-1, String(e)]));"
    );
    let v = session
        .script_async(&js, vec![json!(account.connection_id)])
        .await;
    (
        ms(v[0].clone(), "list_keys"),
        v[1].as_u64().unwrap_or(0) as usize,
    )
}

/// The page's own share of a list: its JSON size and JSON.parse of it, in ms.
pub async fn page_parse(session: &Session, account: &Account) -> (usize, f64) {
    let js = format!(
        "const done = arguments[arguments.length - 1];
         window.__TAURI_INTERNALS__.invoke('list_keys', {{ connectionId: arguments[0], {LIST_ARGS} }}).then((r) => {{
           const text = JSON.stringify(r);
           const t0 = performance.now();
           JSON.parse(text);
           done([text.length, performance.now() - t0]);
         }});"
    );
    let v = session
        .script_async(&js, vec![json!(account.connection_id)])
        .await;
    (
        v[0].as_u64().unwrap_or(0) as usize,
        v[1].as_f64().unwrap_or(f64::NAN),
    )
}

/// The queries the keys view sends as the user searches, sorts and scrolls,
/// answered by Rust from the keys it holds: each `query_keys` round trip in ms.
pub async fn probe(session: &Session, account: &Account) -> Vec<(String, f64)> {
    let js = "const done = arguments[arguments.length - 1];
              const base = { search: '', status: null, environment: null, sort: null };
              const steps = [
                ['unfiltered', base, 0],
                ['search \\'7\\'', { ...base, search: '7' }, 0],
                ['sort by name', { ...base, sort: { column: 'name', direction: 'ascending' } }, 0],
                ['sort by last used', { ...base, sort: { column: 'lastUsed', direction: 'descending' } }, 0],
                ['scroll to the middle', base, 5000],
              ];
              (async () => {
                const out = {};
                for (const [name, query, offset] of steps) {
                  const t0 = performance.now();
                  await window.__TAURI_INTERNALS__.invoke('query_keys', { connectionId: arguments[0], query, offset, limit: 200 });
                  out[name] = performance.now() - t0;
                }
                return out;
              })().then(done, (e) => done({ failed: String(e) }));";
    let v = session
        .script_async(js, vec![json!(account.connection_id)])
        .await;
    v.as_object()
        .expect("the query steps")
        .iter()
        .map(|(step, ms)| (step.clone(), ms.as_f64().unwrap_or(f64::NAN)))
        .collect()
}

/// One keystroke's time, and where it went.
pub struct Keystroke {
    /// keydown → the first frame painted with the filtered rows.
    pub total: f64,
    /// keydown → the `query_keys` call, the call → its answer, the answer →
    /// the count in the DOM, the DOM → that frame painted.
    pub phases: [f64; 4],
}

pub const KEYSTROKE_PHASES: [&str; 4] = [
    "keydown → query_keys called",
    "query_keys round trip",
    "answer → rows and count in the DOM",
    "DOM → frame painted",
];

/// A real keystroke in the search box → the filtered rows painted, from the
/// keydown the page saw; then the search is cleared again.
pub async fn search_keystroke(session: &Session) -> Keystroke {
    const COUNT: &str = "document.querySelector('[data-testid=filter-count]') !== null";
    let arm = format!(
        "window.__benchKey = {{}};
         // Tauri's IPC is a fetch of ipc://localhost/<command> (its invoke cannot be wrapped).
         if (!window.__benchWrapped) {{
           const fetch = window.fetch;
           window.fetch = function (input, ...rest) {{
             const k = window.__benchKey;
             const answer = fetch.call(this, input, ...rest);
             if (String(input?.url ?? input).endsWith('/query_keys') && k.t0 !== undefined && k.asked === undefined) {{
               k.asked = performance.now();
               answer.then(() => (k.answered = performance.now()), () => undefined);
             }}
             return answer;
           }};
           window.__benchWrapped = true;
         }}
         const box = document.querySelector('[data-testid=key-search]');
         box.focus();
         box.addEventListener('keydown', () => {{
           const k = window.__benchKey;
           k.t0 = performance.now();
           const observer = new MutationObserver(() => {{
             if (!({COUNT})) return;
             observer.disconnect();
             k.dom = performance.now();
             requestAnimationFrame(() => setTimeout(() => (k.t1 = performance.now()), 0));
           }});
           observer.observe(document, {{ childList: true, subtree: true, characterData: true }});
         }}, {{ once: true, capture: true }});"
    );
    session.script(&arm, vec![]).await;
    // A digit: it matches a part of the seeded keys (ids are hex), never none, never all.
    // Typed as a keyboard types it, through the X server (XTEST) to GTK to WebKit:
    // WebDriver's own keys hold back the page's next frame by 80–500 ms, which
    // a person at a keyboard never waits for.
    let typed = std::process::Command::new("xdotool")
        .args([
            "search",
            "--onlyvisible",
            "--name",
            "Keyturn$",
            "windowfocus",
            "--sync",
            "key",
            "7",
        ])
        .status()
        .expect("xdotool is installed (./x test installs it)");
    assert!(
        typed.success(),
        "xdotool could not type in Keyturn's window"
    );
    let times = loop {
        let v = session
            .script(
                "const k = window.__benchKey;
                 return k.t1 === undefined ? null : [k.t0, k.asked ?? NaN, k.answered ?? NaN, k.dom, k.t1];",
                vec![],
            )
            .await;
        if let Some(times) = v.as_array() {
            break times
                .iter()
                .map(|t| t.as_f64().unwrap_or(f64::NAN))
                .collect::<Vec<_>>();
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    session
        .script(
            "const box = document.querySelector('[data-testid=key-search]');
             box.value = '';
             box.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await;
    session.ready(&format!("!({COUNT})")).await;
    Keystroke {
        total: times[4] - times[0],
        phases: [
            times[1] - times[0],
            times[2] - times[1],
            times[3] - times[2],
            times[4] - times[3],
        ],
    }
}

pub fn log_path(dir: &Path) -> std::path::PathBuf {
    dir.join("keyturn-keylist.log")
}
