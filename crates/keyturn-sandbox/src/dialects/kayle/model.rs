use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::accounts::{Org, Session, User};
use super::ids::{is_uuid, uuid_for};
use crate::ordered::{self, Ordered};
use crate::secret::is_sha256_hex;

pub(crate) const PERMISSIONS: [&str; 5] = [
    "webhooks:read",
    "webhooks:write",
    "sessions:read",
    "sessions:write",
    "analytics:read",
];

/// The user and organization that own the seeded keys and keys from version 2 state files.
pub(crate) const SANDBOX_EMAIL: &str = "sandbox@example.test";
pub(crate) const SANDBOX_ORG_SLUG: &str = "sandbox";

#[derive(Default, Serialize, Deserialize)]
pub(crate) struct KayleState {
    /// Ordered by id, as the real server lists them.
    keys: Vec<KayleKey>,
    /// Deleted keys are gone from the list; the consumer endpoint still says why they fail.
    #[serde(default)]
    deleted: Vec<DeletedKey>,
    #[serde(default)]
    users: Vec<User>,
    #[serde(default)]
    orgs: Vec<Org>,
    #[serde(default)]
    sessions: Vec<Session>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct KayleKey {
    pub id: String,
    /// Empty only in keys read from a version 2 state file, until `adopt_legacy`.
    #[serde(default)]
    pub org_id: String,
    pub name: String,
    pub enabled: bool,
    pub permissions: Vec<String>,
    pub metadata: Map<String, Value>,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct DeletedKey {
    pub id: String,
    pub sha256: String,
}

impl Ordered for KayleKey {
    fn id(&self) -> &str {
        &self.id
    }
    fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
}

impl KayleState {
    /// The organization's keys whose id is after `after`, in id order.
    pub fn keys_after<'a>(
        &'a self,
        org_id: &'a str,
        after: Option<&'a str>,
    ) -> impl Iterator<Item = &'a KayleKey> + 'a {
        let start = after.map_or(0, |after| {
            self.keys.partition_point(|k| k.id.as_str() <= after)
        });
        self.keys[start..]
            .iter()
            .filter(move |k| k.org_id == org_id)
    }

    pub fn find(&self, org_id: &str, id: &str) -> Option<&KayleKey> {
        self.keys
            .binary_search_by(|key| key.id.as_str().cmp(id))
            .ok()
            .map(|index| &self.keys[index])
            .filter(|key| key.org_id == org_id)
    }

    pub fn find_by_hash(&self, sha256: &str) -> Option<&KayleKey> {
        self.keys.iter().find(|key| key.sha256 == sha256)
    }

    pub fn is_deleted_hash(&self, sha256: &str) -> bool {
        self.deleted.iter().any(|key| key.sha256 == sha256)
    }

    pub fn put(&mut self, key: KayleKey) {
        match self.keys.binary_search_by(|k| k.id.cmp(&key.id)) {
            Ok(index) => self.keys[index] = key,
            Err(index) => self.keys.insert(index, key),
        }
    }

    pub fn delete(&mut self, id: &str) {
        if let Ok(index) = self.keys.binary_search_by(|k| k.id.as_str().cmp(id)) {
            let key = self.keys.remove(index);
            self.deleted.push(DeletedKey {
                id: key.id,
                sha256: key.sha256,
            });
        }
    }

    /// Replaces every key; they are put in id order.
    pub fn replace_all(&mut self, mut keys: Vec<KayleKey>) {
        keys.sort_by(|a, b| a.id.cmp(&b.id));
        self.keys = keys;
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|user| user.id == id)
    }

    pub fn user_by_email(&self, email: &str) -> Option<&User> {
        self.users.iter().find(|user| user.email == email)
    }

    pub fn org(&self, id: &str) -> Option<&Org> {
        self.orgs.iter().find(|org| org.id == id)
    }

    pub fn orgs_of<'a>(&'a self, user_id: &'a str) -> impl Iterator<Item = &'a Org> + 'a {
        self.orgs.iter().filter(move |org| org.owner_id == user_id)
    }

    pub fn slug_taken(&self, slug: &str) -> bool {
        self.orgs.iter().any(|org| org.slug == slug)
    }

    pub fn session(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|session| session.id == id)
    }

    pub fn session_by_cookie(&self, cookie_sha256: &str) -> Option<&Session> {
        self.sessions
            .iter()
            .find(|session| session.cookie_sha256 == cookie_sha256)
    }

    pub fn put_user(&mut self, user: User) {
        upsert_by(&mut self.users, user, |u| &u.id);
    }

    pub fn put_org(&mut self, org: Org) {
        upsert_by(&mut self.orgs, org, |o| &o.id);
    }

    pub fn put_session(&mut self, session: Session) {
        upsert_by(&mut self.sessions, session, |s| &s.id);
    }

    /// Version 2 kept keys in creation order; lookups need id order.
    pub fn sort_legacy(&mut self) {
        self.keys.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// Gives keys from a version 2 state file (made under the admin token, in no
    /// organization, with `kk_<hex>` ids) a UUID and the sandbox organization.
    pub fn adopt_legacy(&mut self, now: DateTime<Utc>) {
        if self.keys.iter().all(|key| !key.org_id.is_empty()) {
            return;
        }
        let org_id = self.sandbox_org(now);
        let mut keys = std::mem::take(&mut self.keys);
        for key in keys.iter_mut().filter(|key| key.org_id.is_empty()) {
            key.org_id = org_id.clone();
            if !is_uuid(&key.id) {
                key.id = uuid_for(&key.id);
            }
        }
        self.replace_all(keys);
    }

    /// The id of the sandbox organization, made (with its owner) if missing.
    pub fn sandbox_org(&mut self, now: DateTime<Utc>) -> String {
        if let Some(org) = self.orgs.iter().find(|o| o.slug == SANDBOX_ORG_SLUG) {
            return org.id.clone();
        }
        let owner = match self.user_by_email(SANDBOX_EMAIL) {
            Some(user) => user.id.clone(),
            None => {
                let user = User {
                    id: uuid_for(SANDBOX_EMAIL),
                    email: SANDBOX_EMAIL.to_string(),
                    name: "Sandbox".to_string(),
                    email_verified: true,
                    password_sha256: None,
                    created_at: now,
                    updated_at: now,
                };
                let id = user.id.clone();
                self.put_user(user);
                id
            }
        };
        let org = Org {
            id: uuid_for(SANDBOX_ORG_SLUG),
            name: "Sandbox".to_string(),
            slug: SANDBOX_ORG_SLUG.to_string(),
            owner_id: owner,
            created_at: now,
            frozen_at: None,
        };
        let id = org.id.clone();
        self.put_org(org);
        id
    }

    pub fn check(&self) -> Result<(), String> {
        ordered::check_unique("Kayle", &self.keys, |key| &key.sha256)?;
        if !self.keys.windows(2).all(|pair| pair[0].id < pair[1].id) {
            return Err("the Kayle keys are not in id order".to_string());
        }
        if let Some(key) = self
            .keys
            .iter()
            .find(|key| !is_uuid(&key.id) || self.org(&key.org_id).is_none())
        {
            return Err(format!(
                "the Kayle key {} has no valid id or organization",
                key.id
            ));
        }
        if let Some(org) = self
            .orgs
            .iter()
            .find(|org| self.user(&org.owner_id).is_none())
        {
            return Err(format!("the Kayle organization {} has no owner", org.id));
        }
        if let Some(session) = self
            .sessions
            .iter()
            .find(|s| self.user(&s.user_id).is_none() || !is_sha256_hex(&s.cookie_sha256))
        {
            return Err(format!("the Kayle session {} is malformed", session.id));
        }
        match self.deleted.iter().find(|key| !is_sha256_hex(&key.sha256)) {
            Some(key) => Err(format!("the deleted Kayle key {} is malformed", key.id)),
            None => Ok(()),
        }
    }
}

fn upsert_by<T>(items: &mut Vec<T>, item: T, id: impl Fn(&T) -> &String) {
    match items.iter().position(|existing| id(existing) == id(&item)) {
        Some(index) => items[index] = item,
        None => items.push(item),
    }
}
