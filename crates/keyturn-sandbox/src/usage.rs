use std::net::IpAddr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the consumer endpoint records on a key each time the key is used.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Usage {
    pub last_used_at: Option<DateTime<Utc>>,
    pub last_used_ip: Option<String>,
    pub last_used_user_agent: Option<String>,
    pub request_count: u64,
}

/// One use of a key by a consumer.
pub(crate) struct Use {
    pub at: DateTime<Utc>,
    pub ip: IpAddr,
    pub user_agent: Option<String>,
}

impl Usage {
    pub fn record(&mut self, one: &Use) {
        self.last_used_at = Some(one.at);
        self.last_used_ip = Some(one.ip.to_string());
        self.last_used_user_agent = one.user_agent.clone();
        self.request_count += 1;
    }
}
