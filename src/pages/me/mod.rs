//! `/me` (我的): signed out, an invitation to sign in; signed in, hours and stars, my sign-ups,
//! the activities I run, and my account.

use crate::action::LocalAction;
use crate::load::Load;
use crate::router::use_navigate;
use leptos::prelude::*;
use station_wire::accounts::Role;
use station_wire::activities::{Activity, ActivityQuery, ActivityStatus};
use station_wire::signups::{HoursStatus, MySignup, SignupStatus};

use crate::api::{use_api, ApiError};
use crate::components::flash::take_flash;
use crate::components::form::focus_when_drawn;
use crate::components::stars::hours_text;
use crate::components::{
    ElderToggle, ErrorState, LanguageSwitch, ListSkeleton, SignupButton, StarLevel,
};
use crate::hooks::use_station_now;
use crate::i18n::{fill, full_date, time_hm, use_i18n};
use crate::pages::teams::MyTeamsSection;
use crate::paths;
use crate::session::use_session;

#[component]
pub fn MePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <div class="page me">
            <h1 class="page__title">{i18n.messages().me().title}</h1>
            // What the page before did (a deleted account, signed out) is said here once.
            {take_flash().map(|text| view! { <p class="form__done" role="status" data-testid="flash">{text}</p> })}
            <Show when=move || session.is_signed_in() fallback=SignedOut>
                <SignedIn />
            </Show>
            <section class="panel" aria-labelledby="me-display">
                <h2 class="panel__title" id="me-display">{i18n.messages().me().display_title}</h2>
                <p class="panel__hint">{i18n.messages().me().elder_hint}</p>
                <div class="display-settings">
                    <ElderToggle place="me" />
                    <LanguageSwitch place="me" />
                </div>
            </section>
        </div>
    }
}

#[component]
fn SignedOut() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="state me__invite" data-testid="me-signed-out">
            <p class="state__title">{i18n.messages().me().signed_out_title}</p>
            <p class="state__body">{i18n.messages().me().signed_out_body}</p>
            <div class="actions">
                <a class="button" href=paths::login(paths::ME)>{i18n.messages().me().login}</a>
                <a class="button button--quiet" href=paths::register(paths::ME)>{i18n.messages().me().register}</a>
            </div>
        </div>
    }
}

#[component]
fn SignedIn() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let greeting = move || match session.account() {
        Some(account) => fill(i18n.t().me().greeting, &[("name", &account.display_name)]),
        None => i18n.t().me().greeting_plain.to_string(),
    };
    let hours = Load::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.my_hours().await }
        }
    });
    let signups = Load::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.my_signups().await.map(|list| list.items) }
        }
    });
    let sign_out = LocalAction::new(move |()| {
        let api = api.clone();
        let navigate = navigate.clone();
        async move {
            // Whatever the server says, this device forgets the session.
            let _ = api.sign_out().await;
            session.sign_out();
            navigate("/", Default::default());
        }
    });

    view! {
        <p class="me__greeting" data-testid="greeting">{greeting}</p>
        // Staff and leaders come here to run activities: their tools first.
        <Show when=move || session.can_manage()>
            <ManagePanel />
        </Show>
        <section class="panel" aria-labelledby="me-hours">
            <h2 class="panel__title" id="me-hours">{i18n.messages().me().hours_title}</h2>
            {hours.view(ListSkeleton, move |answer| match answer {
                        Ok(summary) => view! {
                            <p class="me__hours" data-testid="total-hours">
                                <span class="me__hours-number">
                                    {fill(i18n.t().me().hours_total, &[("hours", &hours_text(summary.confirmed_minutes))])}
                                </span>
                                <span class="me__hours-caption">{i18n.t().me().hours_caption}</span>
                            </p>
                            <StarLevel summary=summary />
                        }.into_any(),
                        Err(error) => view! { <ErrorState error=error on_retry=move |()| hours.refetch() /> }.into_any(),
                    })}
            <a class="button button--quiet" href=paths::CERTIFICATE data-testid="certificate-link">
                {i18n.messages().me().certificate}
            </a>
            <a class="button button--quiet" href=paths::SUBSCRIBE>{i18n.messages().me().subscribe}</a>
            <a class="button button--quiet" href=paths::MY_NOMINATIONS>{i18n.messages().me().nominations}</a>
            <a class="button button--quiet" href=paths::MY_WISHES data-testid="my-wishes-link">{i18n.messages().me().wishes}</a>
            <a class="button button--quiet" href=paths::MY_ORDERS data-testid="my-orders-link">{i18n.messages().me().orders}</a>
        </section>
        {signups.view(ListSkeleton, move |answer| match answer {
                    Ok(list) => view! { <MySignupLists signups=list /> }.into_any(),
                    Err(error) => view! { <ErrorState error=error on_retry=move |()| signups.refetch() /> }.into_any(),
                })}
        <MyTeamsSection />
        <section class="panel" aria-labelledby="me-account">
            <h2 class="panel__title" id="me-account">{i18n.messages().me().account_title}</h2>
            <div class="actions">
                <a class="button button--quiet" href=paths::PASSWORD>{i18n.messages().me().change_password}</a>
                <a class="button button--quiet" href=paths::PRIVACY data-testid="privacy-link">{i18n.messages().me().privacy}</a>
                <button
                    type="button"
                    class="button button--quiet"
                    disabled=move || sign_out.pending().get()
                    on:click=move |_| { sign_out.dispatch(()); }
                >
                    {move || if sign_out.pending().get() { i18n.t().account().signing_out } else { i18n.t().account().sign_out }}
                </button>
            </div>
        </section>
    }
}

/// Where a sign-up belongs on 我的.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignupGroup {
    Upcoming,
    Waitlist,
    Past,
    /// A place held or awaited in an activity staff cancelled: shown with the reason until it
    /// would have ended.
    Cancelled,
    Hidden,
}

/// Upcoming: a held place in an activity not over; waitlist: waiting; past: attended, absent, or
/// held in a finished activity; cancelled by staff: the activity was called off; cancelled by
/// oneself: not shown.
pub fn signup_group(mine: &MySignup) -> SignupGroup {
    let over = matches!(
        mine.activity.status,
        ActivityStatus::Finished | ActivityStatus::Cancelled
    );
    match mine.signup.status {
        SignupStatus::Cancelled => SignupGroup::Hidden,
        SignupStatus::Confirmed | SignupStatus::Waitlisted
            if mine.activity.status == ActivityStatus::Cancelled =>
        {
            SignupGroup::Cancelled
        }
        SignupStatus::Waitlisted if over => SignupGroup::Hidden,
        SignupStatus::Waitlisted => SignupGroup::Waitlist,
        SignupStatus::Confirmed if !over => SignupGroup::Upcoming,
        _ => SignupGroup::Past,
    }
}

#[component]
fn MySignupLists(signups: Vec<MySignup>) -> impl IntoView {
    let i18n = use_i18n();
    let pick = |group: SignupGroup| -> Vec<MySignup> {
        signups
            .iter()
            .filter(|mine| signup_group(mine) == group)
            .cloned()
            .collect()
    };
    let (upcoming, waitlist, past) = (
        pick(SignupGroup::Upcoming),
        pick(SignupGroup::Waitlist),
        pick(SignupGroup::Past),
    );
    // A called-off activity is news until it would have ended, by the station's clock.
    let now = use_station_now();
    let cancelled = pick(SignupGroup::Cancelled);
    let cancelled_view = move || {
        let now = now.get()?;
        let shown: Vec<_> = cancelled
            .iter()
            .filter(|mine| mine.activity.ends_at > now)
            .cloned()
            .collect();
        (!shown.is_empty()).then(|| {
            view! {
                <section class="panel" aria-labelledby="me-cancelled" data-testid="me-cancelled">
                    <h2 class="panel__title" id="me-cancelled">{i18n.t().me().cancelled_title}</h2>
                    <ul class="me-list">
                        {shown.into_iter().map(|mine| view! { <CancelledItem activity=mine.activity /> }).collect_view()}
                    </ul>
                </section>
            }
        })
    };
    let upcoming_view = if upcoming.is_empty() {
        view! { <p class="panel__empty">{i18n.messages().me().upcoming_empty}</p> }.into_any()
    } else {
        view! { <ul class="me-list">{upcoming.into_iter().map(|mine| view! { <UpcomingItem activity=mine.activity /> }).collect_view()}</ul> }.into_any()
    };
    let waitlist_view = (!waitlist.is_empty()).then(|| {
        view! {
            <section class="panel" aria-labelledby="me-waitlist" data-testid="me-waitlist">
                <h2 class="panel__title" id="me-waitlist">{i18n.messages().me().waitlist_title}</h2>
                <ul class="me-list">
                    {waitlist.into_iter().map(|mine| view! { <UpcomingItem activity=mine.activity /> }).collect_view()}
                </ul>
            </section>
        }
    });
    let past_view = if past.is_empty() {
        view! { <p class="panel__empty">{i18n.messages().me().past_empty}</p> }.into_any()
    } else {
        view! { <PastList past=past /> }.into_any()
    };
    view! {
        <section class="panel" aria-labelledby="me-upcoming" data-testid="me-upcoming">
            <h2 class="panel__title" id="me-upcoming">{i18n.messages().me().upcoming_title}</h2>
            {upcoming_view}
        </section>
        {cancelled_view}
        {waitlist_view}
        <section class="panel" aria-labelledby="me-past" data-testid="me-past">
            <h2 class="panel__title" id="me-past">{i18n.messages().me().past_title}</h2>
            {past_view}
        </section>
    }
}

/// How many past activities 我的 shows before 显示全部.
const PAST_SHOWN: usize = 5;

/// Past activities, the latest first; a long list opens in full on request.
#[component]
fn PastList(mut past: Vec<MySignup>) -> impl IntoView {
    let i18n = use_i18n();
    past.sort_by_key(|mine| std::cmp::Reverse(mine.activity.starts_at));
    let total = past.len();
    let rest = past.split_off(total.min(PAST_SHOWN));
    let (rest, show_all) = (StoredValue::new(rest), RwSignal::new(false));
    let more = move || {
        (total > PAST_SHOWN && !show_all.get()).then(|| {
            view! {
                <button type="button" class="button button--quiet" on:click=move |_| {
                    show_all.set(true);
                    // On to the first of the items just shown.
                    focus_when_drawn(format!(
                        "[data-testid='me-past'] .me-list > li:nth-child({}) a",
                        PAST_SHOWN + 1
                    ));
                }>
                    {fill(i18n.t().me().past_show_all, &[("count", &total)])}
                </button>
            }
        })
    };
    view! {
        <ul class="me-list">
            {past.into_iter().map(|mine| view! { <PastItem mine=mine /> }).collect_view()}
            {move || show_all.get().then(|| {
                rest.get_value().into_iter().map(|mine| view! { <PastItem mine=mine /> }).collect_view()
            })}
        </ul>
        {more}
    }
}

/// `2026年11月24日 周二 14:00`
fn when(activity: &Activity) -> impl Fn() -> String + 'static {
    let i18n = use_i18n();
    let starts_at = activity.starts_at;
    move || {
        format!(
            "{} {}",
            full_date(i18n.locale(), starts_at.date_naive()),
            time_hm(&starts_at)
        )
    }
}

/// An activity I hold a place in or wait for: its title and time, and the cancel button.
#[component]
fn UpcomingItem(activity: Activity) -> impl IntoView {
    let href = format!("/activities/{}", activity.id);
    let title = activity.title.clone();
    let when = when(&activity);
    view! {
        <li class="me-item" data-testid="me-item">
            <a class="me-item__title" href=href>{title}</a>
            <span class="me-item__when">{when}</span>
            <SignupButton activity=activity />
        </li>
    }
}

/// An activity staff called off: when it would have been, and why.
#[component]
fn CancelledItem(activity: Activity) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/activities/{}", activity.id);
    let when = when(&activity);
    let reason = activity.cancel_reason.unwrap_or_default();
    view! {
        <li class="me-item" data-testid="me-cancelled-item">
            <a class="me-item__title" href=href>{activity.title}</a>
            <span class="me-item__when">{when}</span>
            <span class="me-item__reason">{fill(i18n.t().activity().cancelled_reason, &[("reason", &reason)])}</span>
        </li>
    }
}

/// An activity I took part in: its hours, recorded or confirmed.
#[component]
fn PastItem(mine: MySignup) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/activities/{}", mine.activity.id);
    let when = when(&mine.activity);
    let status = mine.signup.status;
    let hours = mine.hours.clone();
    let line = move || {
        let messages = &i18n.t().me();
        match (&hours, status) {
            (Some(hours), _) => fill(
                if hours.status == HoursStatus::Confirmed {
                    messages.hours_confirmed
                } else {
                    messages.hours_recorded
                },
                &[("hours", &hours_text(u64::from(hours.minutes)))],
            ),
            (None, SignupStatus::NoShow) => messages.status_no_show.to_string(),
            (None, SignupStatus::Attended) => messages.status_attended.to_string(),
            (None, _) => messages.status_confirmed.to_string(),
        }
    };
    view! {
        <li class="me-item" data-testid="me-past-item">
            <a class="me-item__title" href=href>{mine.activity.title}</a>
            <span class="me-item__when">{when}</span>
            <span class="me-item__hours">{line}</span>
        </li>
    }
}

/// For staff and team leaders: the coming activities they run, with their roster and QR code.
#[component]
fn ManagePanel() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let activities = Load::new(move || {
        let api = api.clone();
        let roles = session
            .account()
            .map(|account| account.roles)
            .unwrap_or_default();
        async move {
            let site = roles
                .iter()
                .find(|grant| grant.role == Role::Staff)
                .and_then(|grant| grant.site_id);
            let admin = roles.iter().any(|grant| grant.role == Role::Admin);
            let teams: Vec<i64> = roles
                .iter()
                .filter(|grant| grant.role == Role::TeamLeader)
                .filter_map(|grant| grant.team_id)
                .collect();
            let query = ActivityQuery {
                site,
                limit: Some(50),
                ..Default::default()
            };
            let page = api.activities(&query).await?;
            let runs_all = admin || site.is_some();
            Ok::<_, ApiError>(
                page.items
                    .into_iter()
                    .filter(|activity| {
                        runs_all
                            || activity
                                .team
                                .as_ref()
                                .is_some_and(|team| teams.contains(&team.id))
                    })
                    .filter(|activity| activity.status != ActivityStatus::Cancelled)
                    .take(10)
                    .collect::<Vec<_>>(),
            )
        }
    });
    view! {
        <section class="panel" aria-labelledby="me-manage" data-testid="me-manage">
            <h2 class="panel__title" id="me-manage">{i18n.messages().me().manage_title}</h2>
            <Show when=move || session.is_staff()>
                <div class="actions">
                    <a class="button" href=paths::CONSOLE data-testid="console-link">{i18n.messages().me().console}</a>
                    <a class="button button--quiet" href=paths::NEW_ACCOUNT>{i18n.messages().me().staff_new_account}</a>
                    <a class="button button--quiet" href=paths::RESET_PASSWORD>{i18n.messages().me().staff_reset_password}</a>
                </div>
            </Show>
            {activities.view(ListSkeleton, move |answer| match answer {
                        Ok(list) if list.is_empty() => view! { <p class="panel__empty">{i18n.t().me().manage_empty}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="me-list">
                                {list.into_iter().map(|activity| {
                                    let id = activity.id;
                                    let when = when(&activity);
                                    view! {
                                        <li class="me-item">
                                            <a class="me-item__title" href=format!("/activities/{id}")>{activity.title}</a>
                                            <span class="me-item__when">{when}</span>
                                            <span class="actions">
                                                <a class="button button--quiet" href=paths::roster(id)>{i18n.t().me().roster}</a>
                                                <a class="button button--quiet" href=paths::checkin_code(id)>{i18n.t().me().checkin_code}</a>
                                            </span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorState error=error on_retry=move |()| activities.refetch() /> }.into_any(),
                    })}
        </section>
    }
}
