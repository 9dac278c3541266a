use std::sync::Mutex;

use axum::http::Method;
use serde::Serialize;

use super::spec::{FaultKind, FaultSpec};
use crate::secret::random_id;

/// Faults never apply to the sandbox's own routes, so they can always be cleared.
const OWN_ROUTES: &str = "/_sandbox/";

/// Faults waiting for matching requests, in order of installation.
pub(crate) struct FaultRegistry {
    pending: Mutex<Vec<Pending>>,
}

#[derive(Clone, Serialize)]
pub(crate) struct Pending {
    id: String,
    method: Option<String>,
    path_prefix: String,
    remaining: u32,
    fault: FaultKind,
}

impl FaultRegistry {
    pub fn new(initial: Vec<FaultSpec>) -> Self {
        let registry = Self {
            pending: Mutex::new(Vec::new()),
        };
        for spec in initial {
            registry.install(spec);
        }
        registry
    }

    pub fn install(&self, spec: FaultSpec) -> String {
        let id = random_id("flt_", 16);
        self.lock().push(Pending {
            id: id.clone(),
            method: spec.method.map(|method| method.to_string()),
            path_prefix: spec.path_prefix,
            remaining: spec.count,
            fault: spec.kind,
        });
        id
    }

    /// The first pending fault that matches, used up by one.
    pub fn take(&self, method: &Method, path: &str) -> Option<FaultKind> {
        if path.starts_with(OWN_ROUTES) {
            return None;
        }
        let mut pending = self.lock();
        let index = pending.iter().position(|fault| {
            fault
                .method
                .as_deref()
                .is_none_or(|wanted| wanted == method.as_str())
                && path.starts_with(&fault.path_prefix)
        })?;
        let fault = &mut pending[index];
        fault.remaining -= 1;
        let kind = fault.fault.clone();
        if fault.remaining == 0 {
            pending.remove(index);
        }
        Some(kind)
    }

    pub fn list(&self) -> Vec<Pending> {
        self.lock().clone()
    }

    /// Removes every pending fault and says how many there were.
    pub fn clear(&self) -> usize {
        std::mem::take(&mut *self.lock()).len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Pending>> {
        self.pending
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_apply_in_order_and_run_out() {
        let registry = FaultRegistry::new(vec![
            "POST /v1 drop x2".parse().unwrap(),
            "* /v1 truncated".parse().unwrap(),
        ]);
        assert_eq!(
            registry.take(&Method::GET, "/v1/x"),
            Some(FaultKind::Truncated)
        );
        assert_eq!(registry.take(&Method::GET, "/v1/x"), None);
        assert_eq!(registry.take(&Method::POST, "/v2"), None);
        assert_eq!(registry.take(&Method::POST, "/v1/x"), Some(FaultKind::Drop));
        assert_eq!(registry.list().len(), 1);
        assert_eq!(registry.take(&Method::POST, "/v1"), Some(FaultKind::Drop));
        assert!(registry.list().is_empty());
    }

    #[test]
    fn own_routes_are_exempt_and_clear_empties() {
        let registry = FaultRegistry::new(vec!["* / drop x5".parse().unwrap()]);
        assert_eq!(registry.take(&Method::DELETE, "/_sandbox/faults"), None);
        assert_eq!(registry.clear(), 1);
        assert_eq!(registry.take(&Method::GET, "/"), None);
    }
}
