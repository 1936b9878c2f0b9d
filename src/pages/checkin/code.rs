//! `/staff/activities/:id/checkin-code`: the check-in QR code, large and centred, fetched anew just
//! before it expires, with a countdown. For a phone held up or a screen on site.

use std::time::Duration;

use chrono::Utc;
use leptos::prelude::*;

use super::use_activity_id;
use station_wire::signups::CheckinCode;

use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::components::{DetailSkeleton, ErrorState};
use crate::hooks::use_station;
use crate::i18n::{fill, full_date, time_hm, time_range, use_i18n};
use crate::pages::accounts::require_sign_in;
use crate::paths;

/// Seconds before expiry at which the next code is fetched.
const REFRESH_AHEAD_SECONDS: i64 = 3;

/// The QR code as an image: the backend's SVG through a data URL, so nothing in it can run.
fn svg_data_url(svg: &str) -> String {
    format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(svg))
    )
}

#[component]
pub fn CheckinCodePage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let activity_id = use_activity_id();
    let station = use_station();
    let code = RwSignal::new(None::<Result<CheckinCode, ApiError>>);
    let title = RwSignal::new(String::new());
    // When the activity is: staff can see the code is the right one for today.
    let when = RwSignal::new(String::new());
    // When check-in opens (the backend's rule: 30 minutes before the start).
    let opens = RwSignal::new(None::<chrono::DateTime<chrono::FixedOffset>>);
    // Device clock minus station clock, so that a phone whose clock is wrong still counts right.
    let skew = Memo::new(move |_| match station.get() {
        Some(Ok(station)) => Utc::now().signed_duration_since(station.now).num_seconds(),
        _ => 0,
    });
    let remaining = RwSignal::new(0_i64);

    let load = LocalAction::new(move |id: &i64| {
        let (api, id) = (api.clone(), *id);
        async move {
            if title.with_untracked(String::is_empty) {
                if let Ok(activity) = api.activity(id).await {
                    let locale = i18n.locale_untracked();
                    when.set(format!(
                        "{} {}",
                        full_date(locale, activity.starts_at.date_naive()),
                        time_range(locale, &activity.starts_at, &activity.ends_at)
                    ));
                    opens.set(Some(activity.starts_at - chrono::Duration::minutes(30)));
                    title.set(activity.title);
                }
            }
            code.set(Some(api.checkin_code(id).await));
        }
    });
    let tick = move || {
        let Some(id) = activity_id.get_untracked() else {
            return;
        };
        let left = code.with_untracked(|code| match code {
            Some(Ok(code)) => {
                let now = Utc::now() - chrono::Duration::seconds(skew.get_untracked());
                let left = code.expires_at.signed_duration_since(now).num_seconds();
                left.clamp(0, i64::from(code.rotates_every_seconds))
            }
            _ => 0,
        });
        remaining.set(left);
        let fresh_needed = code.with_untracked(|code| matches!(code, None | Some(Ok(_))));
        if fresh_needed && left <= REFRESH_AHEAD_SECONDS && !load.pending().get_untracked() {
            load.dispatch(id);
        }
    };
    tick();
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }

    let view_code = move || match code.get() {
        None => view! { <DetailSkeleton /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorState error=error on_retry=move |()| {
                if let Some(id) = activity_id.get_untracked() {
                    load.dispatch(id);
                }
            } />
        }
        .into_any(),
        Some(Ok(code)) => {
            let lead = fill(
                i18n.t().checkin().code_lead,
                &[("seconds", &code.rotates_every_seconds)],
            );
            view! {
                <figure class="qr" data-testid="checkin-qr" data-url=code.url.clone()>
                    <img class="qr__image" src=svg_data_url(&code.svg) alt=i18n.t().checkin().code_alt />
                    <figcaption class="qr__caption">
                        <span class="qr__countdown" role="timer" aria-live="off">
                            {move || {
                                if load.pending().get() {
                                    i18n.t().checkin().refreshing.to_string()
                                } else {
                                    fill(i18n.t().checkin().refresh_in, &[("seconds", &remaining.get())])
                                }
                            }}
                        </span>
                        <span class="qr__lead">{lead}</span>
                    </figcaption>
                </figure>
            }
            .into_any()
        }
    };

    view! {
        <div class="page page--qr">
            <h1 class="page__title">
                {i18n.messages().checkin().code_title}
                <span class="page__subtitle">{move || title.get()}</span>
            </h1>
            <p class="page__lead" data-testid="checkin-when">{move || when.get()}</p>
            {move || {
                // Re-read every second with the countdown: the notice goes when check-in opens.
                remaining.track();
                let now = Utc::now() - chrono::Duration::seconds(skew.get_untracked());
                opens.get().filter(|opens| now < *opens).map(|opens| {
                    let time = format!(
                        "{} {}",
                        full_date(i18n.locale_untracked(), opens.date_naive()),
                        time_hm(&opens)
                    );
                    view! {
                        <p class="form-problem" role="note" data-testid="checkin-not-yet">
                            {fill(i18n.t().checkin().not_yet_open, &[("time", &time)])}
                        </p>
                    }
                })
            }}
            {view_code}
            {move || activity_id.get().map(|id| view! {
                <a class="button button--quiet" href=paths::roster(id)>{i18n.t().checkin().to_roster}</a>
            })}
        </div>
    }
}
