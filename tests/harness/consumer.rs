//! A scripted consumer: calls the sandbox's consumer endpoint in a loop with
//! whatever key it was last handed, counting refusals. Bounded: it stops itself.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Consumer {
    key: Arc<Mutex<String>>,
    ok: Arc<AtomicUsize>,
    failed: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

const MAX_REQUESTS: usize = 5_000;

impl Consumer {
    pub fn start(base_url: &str, key: &str) -> Self {
        let key = Arc::new(Mutex::new(key.to_owned()));
        let (ok, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let stop = Arc::new(AtomicBool::new(false));
        let url = format!("{}/v1/consumer/ping", base_url.trim_end_matches('/'));
        let task = tokio::spawn({
            let (key, ok, failed, stop) = (key.clone(), ok.clone(), failed.clone(), stop.clone());
            async move {
                let http = reqwest::Client::new();
                for _ in 0..MAX_REQUESTS {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let current = key.lock().unwrap().clone();
                    let answer = http
                        .get(&url)
                        .header("X-API-Key", current)
                        .header("User-Agent", "payroll-worker/2.1")
                        .send()
                        .await;
                    match answer {
                        Ok(r) if r.status().is_success() => ok.fetch_add(1, Ordering::SeqCst),
                        _ => failed.fetch_add(1, Ordering::SeqCst),
                    };
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        });
        Self {
            key,
            ok,
            failed,
            stop,
            task,
        }
    }

    pub fn switch_to(&self, key: &str) {
        *self.key.lock().unwrap() = key.to_owned();
    }

    pub fn succeeded(&self) -> usize {
        self.ok.load(Ordering::SeqCst)
    }

    pub fn failed(&self) -> usize {
        self.failed.load(Ordering::SeqCst)
    }

    /// Waits for `n` more successful calls, so a check sees the consumer running.
    pub async fn wait_for_successes(&self, n: usize) {
        let target = self.succeeded() + n;
        for _ in 0..200 {
            if self.succeeded() >= target {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the consumer made no progress ({} ok, {} failed)",
            self.succeeded(),
            self.failed()
        );
    }

    pub async fn stop(self) -> (usize, usize) {
        self.stop.store(true, Ordering::SeqCst);
        let (ok, failed) = (self.ok.clone(), self.failed.clone());
        let _ = self.task.await;
        (ok.load(Ordering::SeqCst), failed.load(Ordering::SeqCst))
    }
}
