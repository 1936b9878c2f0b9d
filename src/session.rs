//! Who is signed in: the session, provided once at the root and read through [`use_session`].
//!
//! The token and its expiry are kept in `localStorage`, so a reload keeps the reader signed in;
//! at start the stored session is restored (unless expired) and `GET /me` refreshes the account.
//! A shared computer's session (这是公用电脑) is kept in `sessionStorage` instead, so that it ends
//! with the tab, and ends in the page too after 15 minutes without an answered request (the
//! server's rule): the page then leaves for 我的, signed out, and says why.
//! Browsing needs no session; an action that needs one sends the reader to
//! [`login_href`]`(where they were)` and back.

use chrono::{DateTime, FixedOffset, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use station_wire::accounts::{Me, Role, RoleGrant, Session, SHARED_DEVICE_IDLE_MINUTES};
use station_wire::signups::{Signup, SignupStatus};
use std::time::Duration;

use crate::api::Api;

/// The key of the stored session (in `localStorage`; a shared computer's in `sessionStorage`).
pub const STORAGE_KEY: &str = "station.session";
/// The `sessionStorage` key of when a shared computer's session ends unless a request is
/// answered first (milliseconds since the epoch).
pub const IDLE_KEY: &str = "station.session.idle_until";

/// A signed-in session as the app holds it. `account` is `None` until `GET /me` has answered
/// after a restore.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionState {
    pub token: String,
    pub expires_at: DateTime<FixedOffset>,
    pub account: Option<Me>,
    /// Signed in on a shared computer: kept for this tab only, and ended after 15 idle minutes.
    pub shared: bool,
}

impl From<Session> for SessionState {
    fn from(session: Session) -> Self {
        Self {
            token: session.token,
            expires_at: session.expires_at,
            account: Some(session.account),
            shared: session.shared_device,
        }
    }
}

/// What is written to `localStorage`: the token and its expiry, nothing personal.
#[derive(Serialize, Deserialize)]
struct Stored {
    token: String,
    #[serde(with = "station_wire::time::rfc3339")]
    expires_at: DateTime<FixedOffset>,
}

/// `sessionStorage` for a shared computer's session, else `localStorage`.
fn storage(shared: bool) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    if shared {
        window.session_storage().ok()?
    } else {
        window.local_storage().ok()?
    }
}

/// The stored session, if there is one that has not expired at `now`: a shared computer's
/// first (it is the one this tab signed in with), then this browser's. A shared computer's
/// lives by its idle deadline, which answered requests move on as the server moves its expiry
/// (the `expires_at` it was signed in with is 15 minutes after signing in); the server ends it
/// after 12 hours whatever the page believes.
pub fn restore_session(now: DateTime<Utc>) -> Option<SessionState> {
    [true, false].into_iter().find_map(|shared| {
        let text = storage(shared)?.get_item(STORAGE_KEY).ok()??;
        let stored: Stored = serde_json::from_str(&text).ok()?;
        let alive = if shared {
            idle_until().is_some_and(|until| until > now.timestamp_millis())
        } else {
            stored.expires_at > now
        };
        alive.then_some(SessionState {
            token: stored.token,
            expires_at: stored.expires_at,
            account: None,
            shared,
        })
    })
}

/// Writes (or, for `None`, removes) the stored session.
fn persist(state: Option<&SessionState>) {
    let stored = state.and_then(|state| {
        let stored = Stored {
            token: state.token.clone(),
            expires_at: state.expires_at,
        };
        Some((state.shared, serde_json::to_string(&stored).ok()?))
    });
    for shared in [true, false] {
        let Some(storage) = storage(shared) else {
            continue;
        };
        let _ = match &stored {
            Some((kept_here, text)) if *kept_here == shared => storage.set_item(STORAGE_KEY, text),
            _ => storage.remove_item(STORAGE_KEY),
        };
    }
    if stored.is_none() {
        crate::offline::forget_private_reads();
    }
    if !stored.as_ref().is_some_and(|(shared, _)| *shared) {
        if let Some(storage) = storage(true) {
            let _ = storage.remove_item(IDLE_KEY);
        }
    }
}

/// When a shared computer's session ends unless a request is answered first.
fn idle_until() -> Option<i64> {
    storage(true)?.get_item(IDLE_KEY).ok()??.parse().ok()
}

/// A request of a shared computer's session was answered: the server has moved its end on by
/// 15 minutes, and so does the page.
pub fn still_active() {
    if let Some(storage) = storage(true) {
        let until = js_sys::Date::now() as i64 + SHARED_DEVICE_IDLE_MINUTES * 60_000;
        let _ = storage.set_item(IDLE_KEY, &until.to_string());
    }
}

/// The session and what depends on it, shared through context. `Copy`, like a signal.
#[derive(Debug, Clone, Copy)]
pub struct SessionContext {
    /// The session itself; the API client reads its token and clears it on a 401.
    pub state: RwSignal<Option<SessionState>>,
    /// The signed-in account's sign-ups that still matter (not cancelled), by activity; `None`
    /// until loaded. The sign-up buttons read it.
    signups: RwSignal<Option<Vec<Signup>>>,
}

impl SessionContext {
    /// A session context holding `state`, not provided anywhere (for tests and the root).
    pub fn new(state: Option<SessionState>) -> Self {
        Self {
            state: RwSignal::new(state),
            signups: RwSignal::new(None),
        }
    }

    /// Whether someone is signed in (tracked).
    pub fn is_signed_in(self) -> bool {
        self.state.with(Option::is_some)
    }

    /// The signed-in account, once known (tracked).
    pub fn account(self) -> Option<Me> {
        self.state
            .with(|state| state.as_ref().and_then(|state| state.account.clone()))
    }

    /// Whether one of the signed-in account's role grants is `wanted` (tracked).
    fn has_grant(self, wanted: impl Fn(&RoleGrant) -> bool) -> bool {
        self.state.with(|state| {
            state
                .as_ref()
                .and_then(|state| state.account.as_ref())
                .is_some_and(|account| account.roles.iter().any(&wanted))
        })
    }

    /// Whether the signed-in account has a role that is `wanted` (tracked).
    fn has_role(self, wanted: impl Fn(Role) -> bool) -> bool {
        self.has_grant(|grant| wanted(grant.role))
    }

    /// Station staff or an administrator (tracked).
    pub fn is_staff(self) -> bool {
        self.has_role(|role| matches!(role, Role::Staff | Role::Admin))
    }

    /// An administrator of the whole station (tracked).
    pub fn is_admin(self) -> bool {
        self.has_role(|role| role == Role::Admin)
    }

    /// Whether the account leads the team (tracked).
    pub fn leads_team(self, team_id: i64) -> bool {
        self.has_grant(|grant| grant.role == Role::TeamLeader && grant.team_id == Some(team_id))
    }

    /// Whether the account manages `site_id` as staff or administrator (tracked).
    pub fn manages_site(self, site_id: i64) -> bool {
        self.state.with(|state| {
            state
                .as_ref()
                .and_then(|state| state.account.as_ref())
                .is_some_and(|account| account.managed_site_ids.contains(&site_id))
        })
    }

    /// Staff, an administrator or a team leader: may run activities (tracked).
    pub fn can_manage(self) -> bool {
        self.has_role(|role| matches!(role, Role::Staff | Role::Admin | Role::TeamLeader))
    }

    /// Signs in with a fresh session from the backend.
    pub fn sign_in(self, session: Session) {
        if session.shared_device {
            still_active();
        }
        // Nothing another person's session left in the service worker's cache stays.
        crate::offline::forget_private_reads();
        self.signups.set(None);
        self.state.set(Some(session.into()));
    }

    /// Forgets the stored session and leaves this page for `href`, saying `text` there once:
    /// this page keeps its state until it unloads, so nothing on it reacts to being signed out
    /// (a page that needs an account would send the reader to sign in first).
    pub fn leave_signed_out(self, text: &str, href: &str) {
        persist(None);
        crate::components::flash::go_with_flash(text, href);
    }

    /// Forgets the session locally (the server side is the caller's business).
    pub fn sign_out(self) {
        self.signups.set(None);
        self.state.set(None);
    }

    /// My sign-up for this activity, if any that still counts (tracked).
    pub fn signup_for(self, activity_id: i64) -> Option<Signup> {
        self.signups.with(|signups| {
            signups.as_ref().and_then(|signups| {
                signups
                    .iter()
                    .find(|signup| {
                        signup.activity_id == activity_id
                            && signup.status != SignupStatus::Cancelled
                    })
                    .cloned()
            })
        })
    }

    /// Whether my sign-ups are known yet (tracked).
    pub fn signups_known(self) -> bool {
        self.signups.with(Option::is_some)
    }

    /// Replaces my known sign-ups (e.g. after `GET /me/signups`).
    pub fn set_signups(self, signups: Vec<Signup>) {
        self.signups.set(Some(signups));
    }

    /// Records the backend's answer to a sign-up or a cancellation.
    pub fn record_signup(self, signup: Signup) {
        self.signups.update(|signups| {
            let signups = signups.get_or_insert_with(Vec::new);
            signups.retain(|known| known.activity_id != signup.activity_id);
            signups.push(signup);
        });
    }
}

/// What an area loads with the account beyond it: [`load_my_signups`] where sign-up buttons
/// show (the calendar, 我的). A function handed in, not a flag, so that the areas without it
/// carry none of its code (the activity decoding is kilobytes of every first load).
pub type AlsoLoad = fn(Api, SessionContext);

/// Starts loading one's sign-ups, so that every sign-up button knows its state.
pub fn load_my_signups(api: Api, session: SessionContext) {
    leptos::task::spawn_local(async move {
        if let Ok(list) = api.my_signups().await {
            session.set_signups(list.items.into_iter().map(|mine| mine.signup).collect());
        }
    });
}

/// Restores the stored session, provides it below, keeps `localStorage` in step with it and
/// loads the account (and what `also` loads) whenever someone is signed in. Call once, at the
/// root, before creating the API client (which is returned, holding the session).
pub fn provide_session(api_base: &str, also: Option<AlsoLoad>) -> (SessionContext, Api) {
    let session = SessionContext::new(restore_session(Utc::now()));
    let api = Api::new(api_base).with_session(session.state);
    provide_context(session);
    end_when_idle(session);

    // Keep the stored copy in step (skipping the account, which changes nothing stored).
    let token = Memo::new(move |_| {
        session
            .state
            .with(|state| state.as_ref().map(|s| (s.token.clone(), s.expires_at)))
    });
    Effect::new(move |_| {
        let state = session.state.get_untracked();
        token.track();
        persist(state.as_ref());
    });

    // Whenever the token changes to a new one: refresh the account if unknown, load the rest.
    Effect::new({
        let api = api.clone();
        move |_| {
            if token.get().is_none() {
                return;
            }
            if let Some(also) = also {
                also(api.clone(), session);
            }
            let needs_account = session
                .state
                .with_untracked(|state| state.as_ref().is_some_and(|s| s.account.is_none()));
            if !needs_account {
                return;
            }
            let api = api.clone();
            leptos::task::spawn_local(async move {
                if let Ok(me) = api.me().await {
                    session.state.update(|state| {
                        if let Some(state) = state {
                            state.account = Some(me);
                        }
                    });
                }
            });
        }
    });
    (session, api)
}

/// Ends a shared computer's session that has been idle for 15 minutes, looking twice a minute
/// (the server has ended it too): the page leaves for 我的, signed out, and says why.
fn end_when_idle(session: SessionContext) {
    let text = crate::i18n::use_i18n().messages().app().idle_signed_out;
    let watch = set_interval_with_handle(
        move || {
            let shared = session
                .state
                .with_untracked(|state| state.as_ref().is_some_and(|state| state.shared));
            let idle = idle_until().is_none_or(|until| until <= js_sys::Date::now() as i64);
            if shared && idle {
                session.sign_out();
                session.leave_signed_out(text, crate::paths::ME);
            }
        },
        Duration::from_secs(30),
    );
    if let Ok(watch) = watch {
        on_cleanup(move || watch.clear());
    }
}

/// The session provided at the root; a signed-out one when none was provided (tests).
pub fn use_session() -> SessionContext {
    use_context::<SessionContext>().unwrap_or_else(|| SessionContext::new(None))
}

/// Where signing in starts, coming back to `next` afterwards.
pub fn login_href(next: &str) -> String {
    crate::paths::login(next)
}

/// The browser's current path and query, to come back to after signing in.
pub fn current_path() -> String {
    web_sys::window()
        .map(|window| window.location())
        .map(|location| {
            let path = location.pathname().unwrap_or_default();
            let search = location.search().unwrap_or_default();
            format!("{path}{search}")
        })
        .unwrap_or_else(|| "/".to_string())
}

/// A `next` target is followed only within the app: a path, never another origin.
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(next) if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') => {
            next
        }
        _ => "/me".to_string(),
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte & 15)]));
        }
    }
    out
}
