//! 工作台, the staff console: what waits (待办), the activities of one's sites — the coming 30
//! days, drafts too, or the past 30 — with what to do about each, and the form for a new one.

mod activity_form;
mod audit;
mod today;

use crate::action::LocalAction;
use crate::load::Load;
use crate::router::use_query_map;
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityQuery, ActivityStatus};

use crate::api::{use_api, ApiError};
use crate::components::flash::take_flash;
use crate::components::{AsyncList, EmptyState, FormProblem};
use crate::hooks::use_station_today;
use crate::i18n::{day_heading, fill, places_wording, time_range, use_i18n};
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::session::use_session;

pub use activity_form::{EditActivityPage, NewActivityPage};
pub use audit::AuditPage;
use today::TodayPanel;

/// What a row's button asks for.
#[derive(Clone, Copy)]
enum Step {
    Publish,
    Duplicate,
}

/// The query that shows the past 30 days instead of the coming ones.
const PAST: &str = "past";

/// `/staff/console` (`?when=past`: the past 30 days, the latest first): what waits, and the
/// activities of one's sites, drafts included.
#[component]
pub fn ConsolePage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let query = use_query_map();
    let past = Memo::new(move |_| query.read().get("when").as_deref() == Some(PAST));
    let today = use_station_today();
    let activities = Load::keeping({
        let api = api.clone();
        move || {
            let api = api.clone();
            let (past, today) = (past.get(), today.get());
            async move {
                let mut query = ActivityQuery {
                    limit: Some(200),
                    ..Default::default()
                };
                if past {
                    // The past is counted from the station's today: wait for its clock.
                    let Some(today) = today else {
                        return std::future::pending().await;
                    };
                    query.from = Some(today - Duration::days(30));
                    query.to = Some(today - Duration::days(1));
                }
                let mut items = api.staff_activities(&query).await?.items;
                if past {
                    items.reverse();
                }
                Ok(items)
            }
        }
    });
    // What the page before did (a deletion) is said here once.
    let done = RwSignal::new(take_flash());
    let problem = RwSignal::new(None::<ApiError>);
    let last = RwSignal::new(None::<(i64, Step)>);
    let act = LocalAction::new(move |&(id, step): &(i64, Step)| {
        let api = api.clone();
        async move {
            let answer = match step {
                Step::Publish => api.publish_activity(id).await,
                Step::Duplicate => api.duplicate_activity(id).await,
            };
            match answer {
                Ok(activity) => {
                    let messages = i18n.t().console();
                    let text = match step {
                        Step::Publish => messages.published,
                        Step::Duplicate => messages.duplicated,
                    };
                    done.set(Some(fill(text, &[("title", &activity.title)])));
                    activities.refetch();
                }
                Err(error) => problem.set(Some(error)),
            }
        }
    });
    let run = Callback::new(move |step: (i64, Step)| {
        problem.set(None);
        done.set(None);
        last.set(Some(step));
        act.dispatch(step);
    });
    let retry = move |()| {
        if let Some(step) = last.get_untracked() {
            run.run(step);
        }
    };
    let list = move |items: Vec<Activity>| {
        let rows = move |items: Vec<Activity>| {
            view! {
                <ul class="me-list" data-testid="console-activities">
                    {items
                        .into_iter()
                        .map(|activity| view! { <ConsoleRow activity=activity busy=act.pending() run=run /> })
                        .collect_view()}
                </ul>
            }
        };
        // The coming days in the three spans a staff day is planned by; the past as one list.
        let today = today.get_untracked().filter(|_| !past.get_untracked());
        let Some(today) = today else {
            return rows(items).into_any();
        };
        let texts = i18n.t().today();
        group_by_span(items, today)
            .into_iter()
            .zip([texts.group_today, texts.group_week, texts.group_later])
            .zip(["today", "week", "later"])
            .filter(|((items, _), _)| !items.is_empty())
            .map(|((items, heading), key)| {
                view! {
                    <section class="console__span" data-testid="console-span" data-span=key>
                        <h3 class="panel__subtitle">{heading}</h3>
                        {rows(items)}
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="page console">
            <a class="back-link" href=paths::ME>{i18n.messages().me().title}</a>
            <h1 class="page__title">{i18n.messages().console().title}</h1>
            <p class="page__lead">{i18n.messages().console().lead}</p>
            <div class="actions">
                <a class="button" href=paths::NEW_ACTIVITY data-testid="new-activity">
                    {i18n.messages().console().new_activity}
                </a>
                <a class="button button--quiet" href=paths::SITES data-testid="sites-link">
                    {i18n.messages().console().sites}
                </a>
                <a class="button button--quiet" href=paths::REPORTS data-testid="reports-link">
                    {i18n.messages().console().reports}
                </a>
                <a class="button button--quiet" href=paths::HONOR_REVIEW data-testid="honors-link">
                    {i18n.messages().console().honors}
                </a>
                <a class="button button--quiet" href=paths::WISH_REVIEW data-testid="wishes-link">
                    {i18n.messages().console().wishes}
                </a>
                <a class="button button--quiet" href=paths::ORDER_QUEUE data-testid="orders-link">
                    {i18n.messages().console().orders}
                </a>
                <a class="button button--quiet" href=paths::SCREENS data-testid="screens-link">
                    {i18n.messages().console().screens}
                </a>
                <Show when=move || session.is_admin()>
                    <a class="button button--quiet" href=paths::AUDIT data-testid="audit-link">
                        {i18n.t().audit().link}
                    </a>
                    <a class="button button--quiet" href=paths::CATEGORIES data-testid="categories-link">
                        {i18n.t().categories().link}
                    </a>
                </Show>
            </div>
            <TodayPanel />
            <section class="panel" aria-labelledby="activities-title">
                <h2 class="panel__title" id="activities-title">{i18n.t().today().activities}</h2>
                <nav class="chips" aria-label=i18n.t().today().activities>
                    <div class="chips__list">
                        <a class="chip" href=paths::CONSOLE aria-current=move || (!past.get()).then_some("true")>
                            {i18n.t().today().coming}
                        </a>
                        <a class="chip" href=format!("{}?when={PAST}", paths::CONSOLE) data-testid="past-tab"
                            aria-current=move || past.get().then_some("true")>
                            {i18n.t().today().past}
                        </a>
                    </div>
                </nav>
                <p class="form__done" role="status" data-testid="console-done">{move || done.get()}</p>
                <FormProblem error=problem on_retry=retry />
                <AsyncList
                    items=activities
                    empty=move || {
                        let (title, body) = if past.get_untracked() {
                            (i18n.t().today().past_empty_title, i18n.t().today().past_empty_body)
                        } else {
                            (i18n.t().console().empty_title, i18n.t().console().empty_body)
                        };
                        view! { <EmptyState title body /> }
                    }
                    list=list
                />
            </section>
        </div>
    }
}

/// The coming activities split into today's, the rest of this week's (to Sunday) and later
/// ones, each in the order given.
fn group_by_span(items: Vec<Activity>, today: NaiveDate) -> [Vec<Activity>; 3] {
    let sunday = today + Duration::days(6 - i64::from(today.weekday().num_days_from_monday()));
    let mut spans: [Vec<Activity>; 3] = Default::default();
    for activity in items {
        let day = activity.starts_at.date_naive();
        let span = if day <= today {
            0
        } else if day <= sunday {
            1
        } else {
            2
        };
        spans[span].push(activity);
    }
    spans
}

/// One activity: what, when, its state, and what can be done now.
#[component]
fn ConsoleRow(activity: Activity, busy: Signal<bool>, run: Callback<(i64, Step)>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let id = activity.id;
    let when = format!(
        "{} {}",
        day_heading(locale, activity.starts_at.date_naive()),
        time_range(locale, &activity.starts_at, &activity.ends_at)
    );
    let draft = activity.status == ActivityStatus::Draft;
    let mut state = places_wording(locale, activity.status, activity.places_left);
    if !draft {
        let taken = activity.capacity.saturating_sub(activity.places_left);
        let count = fill(
            i18n.t().today().signed_up,
            &[("count", &taken), ("capacity", &activity.capacity)],
        );
        state = format!("{count} · {state}");
    }
    let publish = draft.then(|| {
        view! {
            <button type="button" class="button" disabled=busy on:click=move |_| run.run((id, Step::Publish))>
                {i18n.t().console().publish}
            </button>
        }
    });
    view! {
        <li class="me-item" data-testid="console-activity" data-status=if draft { "draft" } else { "published" }>
            <p class="me-item__title">{activity.title}</p>
            <p class="me-item__when">{when}" · "{activity.site.name}</p>
            <p class="me-item__when">{state}</p>
            <div class="actions">
                {publish}
                <button type="button" class="button button--quiet" disabled=busy on:click=move |_| run.run((id, Step::Duplicate))>
                    {i18n.t().console().duplicate}
                </button>
                <a class="button button--quiet" href=paths::edit_activity(id)>{i18n.t().console().edit}</a>
                <a class="button button--quiet" href=paths::roster(id)>{i18n.t().console().roster}</a>
            </div>
        </li>
    }
}
