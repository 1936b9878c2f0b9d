//! `/me/checkin/:id?code=…`: opened by the phone's camera from the on-site QR code. Signed out →
//! sign in and back; then the check-in is sent once and its outcome shown.

use crate::action::LocalAction;
use crate::router::use_query_map;
use leptos::prelude::*;

use super::use_activity_id;
use crate::api::{use_api, ApiError};
use crate::components::ErrorState;
use crate::i18n::{error_message, fill, use_i18n, Locale};
use crate::pages::accounts::require_sign_in;
use crate::session::use_session;

#[component]
pub fn CheckinPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let activity_id = use_activity_id();
    let query = use_query_map();
    let code = Memo::new(move |_| query.read().get("code").filter(|code| !code.is_empty()));

    let check_in = LocalAction::new(move |(id, code): &(i64, String)| {
        let (api, id, code) = (api.clone(), *id, code.clone());
        async move {
            let signup = api.check_in(id, &code).await?;
            session.record_signup(signup);
            let title = api
                .activity(id)
                .await
                .map(|activity| activity.title)
                .unwrap_or_default();
            Ok::<String, ApiError>(title)
        }
    });
    let send = move || {
        if let (Some(id), Some(code)) = (activity_id.get_untracked(), code.get_untracked()) {
            check_in.dispatch((id, code));
        }
    };
    // Once, as soon as someone is signed in.
    let sent = StoredValue::new(false);
    Effect::new(move |_| {
        if session.is_signed_in() && !sent.get_value() {
            sent.set_value(true);
            send();
        }
    });

    let outcome = move || {
        if code.get().is_none() || activity_id.get().is_none() {
            return view! {
                <div class="state state--error" role="alert" data-testid="checkin-failed">
                    <p class="state__title">{i18n.t().checkin().failed}</p>
                    <p class="state__body">{i18n.t().checkin().no_code}</p>
                </div>
            }
            .into_any();
        }
        match check_in.value().get() {
            None => view! {
                <div class="state" aria-busy="true" data-testid="checkin-pending">
                    <p class="state__title" role="status">{i18n.t().checkin().checking_in}</p>
                </div>
            }
            .into_any(),
            Some(Ok(title)) => view! {
                <div class="state state--ok" role="status" data-testid="checkin-success">
                    <svg class="state__icon" viewBox="0 0 24 24" aria-hidden="true">
                        <circle cx="12" cy="12" r="9" />
                        <path d="M8 12.5l2.7 2.7L16 9.8" />
                    </svg>
                    <p class="state__title">{i18n.t().checkin().success}</p>
                    <p class="state__body">{fill(i18n.t().checkin().success_body, &[("title", &title)])}</p>
                    <a class="button" href="/me">{i18n.t().checkin().to_me}</a>
                </div>
            }
            .into_any(),
            Some(Err(error @ (ApiError::Network | ApiError::Http { .. } | ApiError::Decode))) => {
                view! { <ErrorState error=error on_retry=move |()| send() /> }.into_any()
            }
            Some(Err(error)) => view! {
                <div class="state state--error" role="alert" data-testid="checkin-failed">
                    <p class="state__title">{i18n.t().checkin().failed}</p>
                    <p class="state__body">{refusal(i18n.locale(), &error)}</p>
                    <a class="button button--quiet" href="/me">{i18n.t().checkin().to_me}</a>
                </div>
            }
            .into_any(),
        }
    };

    view! {
        <div class="page page--narrow">
            <h1 class="page__title">{i18n.messages().checkin().title}</h1>
            {outcome}
        </div>
    }
}

/// Why the check-in was refused, in plain words; a code that is not this activity's (mistyped,
/// damaged, another activity's) is said as such rather than as a form error.
pub fn refusal(locale: Locale, error: &ApiError) -> String {
    match error {
        ApiError::Problem(problem) if problem.errors.iter().any(|e| e.field == "code") => {
            locale.messages().checkin().invalid_code.to_string()
        }
        _ => error_message(locale, error),
    }
}
