//! 待办: what waits for staff across their sites — join requests, decided here in one tap, and
//! finished activities whose hours wait on their roster.

use leptos::prelude::*;
use station_wire::staff::{HoursWaiting, JoinRequest};

use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::components::{AsyncList, FormProblem};
use crate::i18n::{day_heading, fill, use_i18n};
use crate::load::Load;
use crate::paths;

/// One thing to do.
#[derive(Clone)]
enum Todo {
    Request(JoinRequest),
    Hours(HoursWaiting),
}

/// A decision on a join request: (team, account, approve?, the line that says it was done).
type Decision = (i64, i64, bool, String);

#[component]
pub fn TodayPanel() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let todos = Load::keeping({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move {
                let today = api.staff_today().await?;
                let requests = today.join_requests.into_iter().map(Todo::Request);
                let hours = today.hours_waiting.into_iter().map(Todo::Hours);
                Ok::<_, ApiError>(requests.chain(hours).collect::<Vec<_>>())
            }
        }
    });
    let done = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<ApiError>);
    let last = RwSignal::new(None::<Decision>);
    let decide = LocalAction::new(move |(team, account, approve, line): &Decision| {
        let (api, team, account, approve, line) =
            (api.clone(), *team, *account, *approve, line.clone());
        async move {
            let answer = if approve {
                api.approve_member(team, account).await
            } else {
                api.decline_member(team, account).await
            };
            match answer {
                Ok(()) => {
                    done.set(Some(line));
                    todos.refetch();
                }
                Err(error) => problem.set(Some(error)),
            }
        }
    });
    let run = Callback::new(move |decision: Decision| {
        problem.set(None);
        done.set(None);
        last.set(Some(decision.clone()));
        decide.dispatch(decision);
    });
    let retry = move |()| {
        if let Some(decision) = last.get_untracked() {
            run.run(decision);
        }
    };
    let list = move |items: Vec<Todo>| {
        let (requests, hours): (Vec<_>, Vec<_>) = items
            .into_iter()
            .partition(|todo| matches!(todo, Todo::Request(_)));
        let messages = i18n.t().today();
        let requests = (!requests.is_empty()).then(|| {
            view! {
                <h3 class="panel__subtitle">{messages.requests}" ("{requests.len()}")"</h3>
                <ul class="me-list" data-testid="join-requests">
                    {requests
                        .into_iter()
                        .filter_map(|todo| match todo {
                            Todo::Request(request) => Some(view! { <RequestRow request busy=decide.pending() run /> }),
                            Todo::Hours(_) => None,
                        })
                        .collect_view()}
                </ul>
            }
        });
        let hours = (!hours.is_empty()).then(|| {
            view! {
                <h3 class="panel__subtitle">{messages.hours}" ("{hours.len()}")"</h3>
                <ul class="me-list" data-testid="hours-waiting">
                    {hours
                        .into_iter()
                        .filter_map(|todo| match todo {
                            Todo::Hours(waiting) => Some(view! { <HoursRow waiting /> }),
                            Todo::Request(_) => None,
                        })
                        .collect_view()}
                </ul>
            }
        });
        view! { {requests} {hours} }
    };
    view! {
        <section class="panel" aria-labelledby="today-title" data-testid="today">
            <h2 class="panel__title" id="today-title">{i18n.t().today().title}</h2>
            <p class="form__done" role="status" data-testid="today-done">{move || done.get()}</p>
            <FormProblem error=problem on_retry=retry />
            <AsyncList
                items=todos
                empty=move || view! { <p class="panel__empty" data-testid="today-nothing">{i18n.t().today().nothing}</p> }
                list=list
            />
        </section>
    }
}

/// Someone asks to join a team: 同意 / 不同意 in one tap.
#[component]
fn RequestRow(request: JoinRequest, busy: Signal<bool>, run: Callback<Decision>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let messages = i18n.t().today();
    let (team, account) = (request.team.id, request.account_id);
    let names: [(&str, &dyn std::fmt::Display); 2] = [
        ("name", &request.display_name),
        ("team", &request.team.name),
    ];
    let line = fill(messages.request, &names);
    let approved = fill(messages.approved, &names);
    let declined = fill(messages.declined, &names);
    let asked = fill(
        messages.requested_on,
        &[(
            "date",
            &day_heading(locale, request.requested_at.date_naive()),
        )],
    );
    // Every row's buttons say the same word: the row's line tells them apart.
    let id = format!("request-{team}-{account}");
    view! {
        <li class="me-item" data-testid="join-request">
            <p class="me-item__title" id=id.clone()>{line}</p>
            <p class="me-item__when">{asked}</p>
            <div class="actions">
                <button type="button" class="button" disabled=busy aria-describedby=id.clone()
                    on:click=move |_| run.run((team, account, true, approved.clone()))>
                    {messages.approve}
                </button>
                <button type="button" class="button button--quiet" disabled=busy aria-describedby=id
                    on:click=move |_| run.run((team, account, false, declined.clone()))>
                    {messages.decline}
                </button>
            </div>
        </li>
    }
}

/// A finished activity with hours to confirm: one tap to its roster.
#[component]
fn HoursRow(waiting: HoursWaiting) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let messages = i18n.t().today();
    let when = format!(
        "{} · {}",
        day_heading(locale, waiting.starts_at.date_naive()),
        waiting.site.name
    );
    let count = fill(messages.hours_waiting, &[("count", &waiting.waiting)]);
    let id = format!("hours-{}", waiting.activity_id);
    view! {
        <li class="me-item" data-testid="hours-activity">
            <p class="me-item__title" id=id.clone()>{waiting.title}</p>
            <p class="me-item__when">{when}</p>
            <p class="me-item__when">{count}</p>
            <div class="actions">
                <a class="button" href=paths::roster(waiting.activity_id) aria-describedby=id>{messages.confirm_hours}</a>
            </div>
        </li>
    }
}
