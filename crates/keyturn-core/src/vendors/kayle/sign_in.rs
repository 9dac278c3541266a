//! Signing in as Kayle ID's users do: email, the 6-digit code sent to it, then
//! one organization where the user is owner or admin. The session cookie that
//! comes out goes to the keychain and nowhere else.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use crate::http::{BaseUrlError, HttpClient, HttpOptions, Response};
use crate::secrets::Sensitive;
use crate::vendors::credential::{OrganizationChoice, Session, SessionSignIn};
use crate::vendors::error::{VendorError, VendorErrorKind};
use crate::vendors::kayle::account::{KayleAccount, KayleOrganization};
use crate::vendors::kayle::errors::{error_from, Route, SIGNED_OUT};
use crate::vendors::kayle::{session_request, SESSION_DAYS};
use crate::vendors::Account;

const SEND_CODE: &str = "v1/auth/magic/sign-in";
const VERIFY_CODE: &str = "v1/auth/magic/verify-otp";
const GET_SESSION: &str = "v1/auth/get-session";
const SET_ACTIVE: &str = "v1/auth/organization/set-active";
const SIGN_OUT: &str = "v1/auth/sign-out";
/// The cookie's name ends so; over https it starts with `__Secure-`.
const COOKIE_SUFFIX: &str = "kayle-id.session_token";
const MANAGING_ROLES: [&str; 2] = ["owner", "admin"];

pub const CODE_REJECTED: &str =
    "That code is wrong or has expired, and Kayle ID has now cancelled it: request a new code.";

pub struct KayleSignIn {
    http: HttpClient,
}

impl KayleSignIn {
    pub fn new(base_url: &str, options: HttpOptions) -> Result<Self, BaseUrlError> {
        Ok(Self {
            http: HttpClient::new(base_url, options)?,
        })
    }

    fn post(&self, path: &str, body: serde_json::Value) -> reqwest::RequestBuilder {
        self.http
            .request(Method::POST, path)
            .header(reqwest::header::ACCEPT, "application/json")
            .json(&body)
    }
}

/// The session cookie a response sets, as `name=value`, and when it ends.
fn session_from(response: &Response, fallback: Option<&Session>) -> Option<Session> {
    for header in response.headers.get_all(reqwest::header::SET_COOKIE) {
        let Ok(text) = header.to_str() else { continue };
        let mut parts = text.split(';').map(str::trim);
        let Some(pair) = parts.next() else { continue };
        let Some((name, value)) = pair.split_once('=') else {
            continue;
        };
        if !name.ends_with(COOKIE_SUFFIX) || value.is_empty() {
            continue;
        }
        let max_age = parts.find_map(|attribute| {
            let (key, value) = attribute.split_once('=')?;
            key.eq_ignore_ascii_case("max-age")
                .then(|| value.trim().parse::<i64>().ok())
                .flatten()
        });
        let expires_at = Utc::now() + Duration::seconds(max_age.unwrap_or(SESSION_DAYS * 86_400));
        return Some(Session {
            cookie: Sensitive::new(pair.to_owned()),
            expires_at,
        });
    }
    fallback.cloned()
}

fn unreadable(what: &str) -> VendorError {
    VendorError::new(
        VendorErrorKind::InvalidResponse,
        format!("Kayle ID's answer to {what} could not be read"),
    )
}

fn checked(response: Response, route: Route) -> Result<Response, VendorError> {
    if response.status.is_success() {
        Ok(response)
    } else {
        Err(error_from(&response, route))
    }
}

#[derive(Deserialize)]
struct Organization {
    id: String,
    name: Option<String>,
    slug: Option<String>,
    role: Option<String>,
}

#[derive(Deserialize)]
struct CurrentSession {
    #[serde(default)]
    organizations: Vec<Organization>,
    session: Option<SessionTimes>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionTimes {
    expires_at: Option<DateTime<Utc>>,
}

/// When Kayle says the session ends now (it extends sessions in use); `None`
/// when it no longer knows the session.
pub(crate) async fn current_expiry(
    http: &HttpClient,
    session: &Session,
) -> Result<Option<DateTime<Utc>>, VendorError> {
    let asked = http
        .send_idempotent(|| session_request(http, Method::GET, GET_SESSION, session))
        .await?;
    let current: Option<CurrentSession> = checked(asked.response, Route::Session)?.json()?;
    Ok(current.and_then(|c| c.session).and_then(|s| s.expires_at))
}

#[async_trait]
impl SessionSignIn for KayleSignIn {
    async fn send_code(&self, email: &str) -> Result<(), VendorError> {
        let request = self.post(SEND_CODE, json!({"email": email, "type": "sign-in"}));
        checked(self.http.send(request).await?, Route::Session).map(drop)
    }

    async fn verify_code(
        &self,
        email: &str,
        code: &Sensitive<String>,
    ) -> Result<Session, VendorError> {
        let body = json!({"email": email, "otp": code.expose(), "type": "sign-in"});
        let response = self.http.send(self.post(VERIFY_CODE, body)).await?;
        if response.status.as_u16() == 400 {
            let mut error = VendorError::new(VendorErrorKind::CodeRejected, CODE_REJECTED);
            error.status = Some(400);
            return Err(error);
        }
        let response = checked(response, Route::Session)?;
        if response
            .json::<serde_json::Value>()
            .ok()
            .and_then(|v| v.get("twoFactorRedirect").cloned())
            .is_some_and(|v| v == true)
        {
            return Err(VendorError::new(
                VendorErrorKind::Unsupported,
                "This Kayle ID account uses two-factor sign-in, which Keyturn cannot complete yet.",
            ));
        }
        session_from(&response, None).ok_or_else(|| unreadable("the code (no session cookie)"))
    }

    /// Kayle's dashboard reads the same answer: the session and every organization
    /// with the user's role in it.
    async fn organizations(
        &self,
        session: &Session,
    ) -> Result<Vec<OrganizationChoice>, VendorError> {
        let asked = self
            .http
            .send_idempotent(|| session_request(&self.http, Method::GET, GET_SESSION, session))
            .await?;
        let current: Option<CurrentSession> = checked(asked.response, Route::Session)?.json()?;
        let current =
            current.ok_or_else(|| VendorError::new(VendorErrorKind::SignedOut, SIGNED_OUT))?;
        Ok(current
            .organizations
            .into_iter()
            .filter_map(|organization| {
                let role = organization
                    .role
                    .filter(|r| MANAGING_ROLES.contains(&r.as_str()))?;
                Some(OrganizationChoice {
                    name: organization
                        .name
                        .filter(|n| !n.trim().is_empty())
                        .or(organization.slug)
                        .unwrap_or_else(|| organization.id.clone()),
                    id: organization.id,
                    role,
                })
            })
            .collect())
    }

    async fn choose_organization(
        &self,
        session: Session,
        organization_id: &str,
    ) -> Result<Session, VendorError> {
        let request = session_request(&self.http, Method::POST, SET_ACTIVE, &session)
            .json(&json!({"organizationId": organization_id}));
        let response = checked(self.http.send(request).await?, Route::Session)?;
        Ok(session_from(&response, Some(&session)).unwrap_or(session))
    }

    fn account(&self, email: &str, organization: &OrganizationChoice) -> Account {
        Account::Kayle(KayleAccount {
            email: Some(email.to_owned()),
            organization: Some(KayleOrganization {
                id: organization.id.clone(),
                name: organization.name.clone(),
            }),
        })
    }

    async fn sign_out(&self, session: &Session) -> Result<(), VendorError> {
        let request = session_request(&self.http, Method::POST, SIGN_OUT, session).json(&json!({}));
        checked(self.http.send(request).await?, Route::Session).map(drop)
    }
}
