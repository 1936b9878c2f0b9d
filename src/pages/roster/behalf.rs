//! `/staff/accounts/signup?activity={id}` — 为居民代报名: staff sign up a resident of their sites
//! who has no smartphone, found by the phone number of their account; the roster then names who
//! made the sign-up. A page of the staff accounts area (whose forms it shares), reached from the
//! roster.

use crate::action::LocalAction;
use crate::load::Load;
use crate::router::use_query_map;
use leptos::prelude::*;
use station_wire::problem::types;
use station_wire::signups::SignUpOnBehalf;

use super::roster_status;
use crate::api::{use_api, ApiError};
use crate::components::{
    DetailSkeleton, ErrorState, FieldErrors, Form, FormProblem, FormState, SubmitButton, TextField,
};
use crate::i18n::{day_heading, fill, time_range, use_i18n, Locale};
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::validate::{check_phone, normalize_phone};

/// Refusals told of the resident, not of the one who reads them.
fn refusal(locale: Locale, kind: &str) -> Option<&'static str> {
    let messages = locale.messages().roster();
    match kind {
        types::ALREADY_SIGNED_UP => Some(messages.behalf_already),
        types::TEAM_ONLY => Some(messages.behalf_team_only),
        _ => None,
    }
}

#[component]
pub fn BehalfPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let query = use_query_map();
    let activity_id = query
        .read_untracked()
        .get("activity")
        .and_then(|id| id.parse::<i64>().ok());
    let activity = Load::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move {
                let id = activity_id.ok_or(ApiError::Http { status: 404 })?;
                api.activity(id).await
            }
        }
    });
    let phone = RwSignal::new(String::new());
    let state = FormState::default();
    let sign_up = LocalAction::new(move |(id, request): &(i64, SignUpOnBehalf)| {
        let (api, id, request) = (api.clone(), *id, request.clone());
        async move {
            match api.sign_up_on_behalf(id, &request).await {
                Ok(entry) => {
                    let status = roster_status(i18n.locale_untracked(), &entry);
                    state.succeed(fill(
                        i18n.t().roster().behalf_done,
                        &[("name", &entry.account.display_name), ("status", &status)],
                    ));
                    phone.set(String::new());
                }
                Err(error) => state.fail(error),
            }
        }
    });
    let send = move || {
        let Some(id) = activity_id else { return };
        let number = normalize_phone(&phone.get_untracked());
        let mut errors = FieldErrors::new();
        check_phone(&number, &mut errors);
        let checked = if errors.is_empty() {
            Ok((id, SignUpOnBehalf { phone: number }))
        } else {
            Err(errors)
        };
        state.send(checked, sign_up);
    };
    let messages = i18n.messages().roster();
    view! {
        <div class="page page--form">
            {activity.view(|| view! { <DetailSkeleton /> }, move |answer| match answer {
                        Err(error) => view! {
                            <h1 class="page__title">{messages.behalf_title}</h1>
                            <ErrorState error=error on_retry=move |()| activity.refetch() />
                        }.into_any(),
                        Ok(activity) => {
                            let locale = i18n.locale_untracked();
                            let when = format!(
                                "{} {}",
                                day_heading(locale, activity.starts_at.date_naive()),
                                time_range(locale, &activity.starts_at, &activity.ends_at)
                            );
                            view! {
                                <a class="back-link" href=paths::roster(activity.id)>{messages.title}</a>
                                <h1 class="page__title">{messages.behalf_title}</h1>
                                <p class="page__lead" data-testid="behalf-activity">{activity.title}" · "{when}</p>
                                <p class="page__lead">{messages.behalf_lead}</p>
                            }.into_any()
                        }
                    })}
            <Form on_submit=move |()| send()>
                <TextField
                    name="phone"
                    label=i18n.messages().form().phone
                    value=phone
                    errors=state.errors
                    kind="tel"
                />
                <FormProblem error=state.problem on_retry=move |()| send() own=refusal />
                <SubmitButton pending=sign_up.pending() label=messages.behalf_submit />
            </Form>
            <p class="form__done" role="status" data-testid="behalf-done">{move || state.done.get()}</p>
        </div>
    }
}
