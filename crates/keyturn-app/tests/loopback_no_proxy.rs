//! Proxy variables set without NO_PROXY (a corporate default) must not carry
//! loopback traffic, the sandbox and its admin token included, to the proxy in
//! clear text. A test binary of its own: the variables stay out of other tests.

use std::io::Read;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use keyturn_app::Keyturn;
use keyturn_core::http::{HttpClient, HttpOptions};
use keyturn_core::MemoryStore;
use reqwest::Method;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A "proxy" that records every connection that reaches it and answers none.
fn recorder() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let reached = Arc::new(AtomicUsize::new(0));
    let count = reached.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            count.fetch_add(1, Ordering::SeqCst);
            let mut stream = stream;
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf);
        }
    });
    (address, reached)
}

static REACHED: OnceLock<Arc<AtomicUsize>> = OnceLock::new();

/// Every proxy variable pointed at the recorder, once for the whole binary.
fn proxy_everything() -> Arc<AtomicUsize> {
    REACHED
        .get_or_init(|| {
            let (address, reached) = recorder();
            for name in [
                "HTTP_PROXY",
                "http_proxy",
                "HTTPS_PROXY",
                "https_proxy",
                "ALL_PROXY",
                "all_proxy",
            ] {
                std::env::set_var(name, &address);
            }
            for name in ["NO_PROXY", "no_proxy"] {
                std::env::remove_var(name);
            }
            reached
        })
        .clone()
}

#[tokio::test]
async fn a_request_to_loopback_goes_straight_there() {
    let reached = proxy_everything();
    let vendor = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/keys"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .expect(1)
        .mount(&vendor)
        .await;
    let http = HttpClient::new(&vendor.uri(), HttpOptions::default()).unwrap();
    let response = http.send(http.request(Method::GET, "keys")).await.unwrap();
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(
        reached.load(Ordering::SeqCst),
        0,
        "nothing reached the proxy"
    );
}

#[tokio::test]
async fn the_sandbox_reset_goes_straight_to_the_sandbox() {
    let reached = proxy_everything();
    let dirs = tempfile::tempdir().unwrap();
    let keyturn = Keyturn::open(
        Arc::new(MemoryStore::new()),
        &dirs.path().join("data"),
        &dirs.path().join("config"),
    )
    .await
    .unwrap();
    keyturn.reset_sandbox().await.unwrap();
    assert_eq!(
        reached.load(Ordering::SeqCst),
        0,
        "nothing reached the proxy"
    );
}
