//! What Better Auth's answers look like: users, sessions and organizations.

use chrono::Duration;
use serde_json::{json, Value};

use super::accounts::{Org, Session, User};
use crate::clock::rfc3339;

/// How long the real server waits before deleting a frozen organization.
const DELETION_GRACE_DAYS: i64 = 2;

pub(crate) fn user(user: &User) -> Value {
    json!({
        "name": user.name,
        "email": user.email,
        "emailVerified": user.email_verified,
        "image": null,
        "createdAt": rfc3339(&user.created_at),
        "updatedAt": rfc3339(&user.updated_at),
        "twoFactorEnabled": false,
        "id": user.id,
    })
}

pub(crate) fn session(session: &Session, token: &str) -> Value {
    let mut view = json!({
        "id": session.id,
        "ipAddress": session.ip,
        "userAgent": session.user_agent,
        "expiresAt": rfc3339(&session.expires_at),
        "userId": session.user_id,
        "token": token,
        "createdAt": rfc3339(&session.created_at),
        "updatedAt": rfc3339(&session.updated_at),
    });
    if let Some(org) = &session.active_org {
        view["activeOrganizationId"] = json!(org);
    }
    view
}

fn deletion(org: &Org) -> (Value, Value, Value) {
    match org.frozen_at {
        None => (Value::Null, Value::Null, Value::Null),
        Some(at) => (
            json!(rfc3339(&(at + Duration::days(DELETION_GRACE_DAYS)))),
            json!(rfc3339(&at)),
            json!(org.owner_id),
        ),
    }
}

/// As `organization/list` and `organization/set-active` give it.
pub(crate) fn org(org: &Org) -> Value {
    let (at, requested_at, requested_by) = deletion(org);
    json!({
        "name": org.name,
        "slug": org.slug,
        "logo": null,
        "createdAt": rfc3339(&org.created_at),
        "metadata": null,
        "pendingDeletionAt": at,
        "pendingDeletionRequestedAt": requested_at,
        "pendingDeletionRequestedBy": requested_by,
        "verifiedAt": null,
        "businessType": null,
        "businessJurisdiction": null,
        "businessName": null,
        "businessRegistrationNumber": null,
        "verificationTermsAcceptedAt": null,
        "verificationTermsAcceptedBy": null,
        "id": org.id,
    })
}

/// As `get-session` lists it, with the caller's role.
pub(crate) fn membership(org: &Org) -> Value {
    let (at, requested_at, requested_by) = deletion(org);
    json!({
        "id": org.id,
        "name": org.name,
        "slug": org.slug,
        "logo": null,
        "role": "owner",
        "pendingDeletionAt": at,
        "pendingDeletionRequestedAt": requested_at,
        "pendingDeletionRequestedBy": requested_by,
        "verifiedAt": null,
        "verificationTermsAcceptedAt": null,
        "verificationTermsAcceptedBy": null,
    })
}
