//! `/staff/activities/:id/roster`: who signed up, for the activity's staff and team leader: a
//! table (cards on a phone) searchable by name or number and sortable by order, name or status;
//! status, no-show, manual check-in, confirming or adjusting hours (with a reason), CSV export;
//! and for staff, cancelling for a person, and the way to sign a resident up ([`behalf`], a page
//! of the staff accounts area, whose forms it shares).

mod behalf;

pub use behalf::BehalfPage;

use std::cmp::Ordering;

use leptos::prelude::*;
use station_wire::activities::ActivityStatus;
use station_wire::signups::{ConfirmHoursRequest, HoursStatus, RosterEntry, SignupStatus};

use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::components::download::download_csv;
use crate::components::{ConfirmStep, DetailSkeleton, EmptyState, ErrorState};
use crate::hooks::use_station_now;
use crate::i18n::{error_message, fill, use_i18n, Locale};
use crate::load::Load;
use crate::pages::accounts::require_sign_in;
use crate::pages::checkin::use_activity_id;
use crate::paths;
use crate::session::use_session;

/// `已签到`, `候补第 2 位` …
pub fn roster_status(locale: Locale, entry: &RosterEntry) -> String {
    let messages = &locale.messages().roster();
    match entry.signup.status {
        SignupStatus::Confirmed => messages.status_confirmed.to_string(),
        SignupStatus::Waitlisted => fill(
            messages.status_waitlisted,
            &[("position", &entry.signup.waitlist_position.unwrap_or(1))],
        ),
        SignupStatus::Cancelled => messages.status_cancelled.to_string(),
        SignupStatus::Attended => messages.status_attended.to_string(),
        SignupStatus::NoShow => messages.status_no_show.to_string(),
    }
}

#[component]
pub fn RosterPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let activity_id = use_activity_id();
    let now = use_station_now();
    let session = use_session();
    let data = Load::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            let id = activity_id.get();
            async move {
                let id = id.ok_or(ApiError::Http { status: 404 })?;
                let activity = api.activity(id).await?;
                let roster = api.roster(id).await?;
                Ok::<_, ApiError>((activity, roster.items))
            }
        }
    });
    let export = LocalAction::new(move |id: &i64| {
        let (api, id) = (api.clone(), *id);
        async move {
            let file = api.roster_csv(id).await?;
            download_csv(&file);
            Ok::<(), ApiError>(())
        }
    });
    let export_error = move || match export.value().get() {
        Some(Err(error)) => Some(
            view! { <p class="form-problem" role="alert">{error_message(i18n.locale(), &error)}</p> },
        ),
        _ => None,
    };
    let refresh = Callback::new(move |()| data.refetch());
    // The table's search and order outlive a reload of the roster after an action.
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(SortBy::Order);

    view! {
        <div class="page">
            {data.view(|| view! { <DetailSkeleton /> }, move |answer| match answer {
                        Err(error) => view! {
                            <h1 class="page__title">{i18n.t().roster().title}</h1>
                            <ErrorState error=error on_retry=move |()| data.refetch() />
                        }.into_any(),
                        Ok((activity, entries)) => {
                            let id = activity.id;
                            // Absence is recorded once the activity has started (the backend's rule).
                            let starts_at = activity.starts_at;
                            let started = Signal::derive(move || now.get().is_some_and(|now| now >= starts_at));
                            let count = |status| entries.iter().filter(|e| e.signup.status == status).count();
                            let summary = fill(i18n.t().roster().count, &[
                                ("confirmed", &(count(SignupStatus::Confirmed) + count(SignupStatus::Attended))),
                                ("waitlisted", &count(SignupStatus::Waitlisted)),
                                ("attended", &count(SignupStatus::Attended)),
                            ]);
                            let shown: Vec<RosterEntry> = entries.into_iter().filter(|e| e.signup.status != SignupStatus::Cancelled).collect();
                            // Staff of the site sign people up and cancel for them until it starts.
                            let open = session.manages_site(activity.site.id)
                                && !matches!(activity.status, ActivityStatus::Cancelled | ActivityStatus::Draft)
                                && !started.get_untracked();
                            let list = if shown.is_empty() {
                                view! { <EmptyState title=i18n.t().roster().empty body="" /> }.into_any()
                            } else {
                                view! { <RosterTable activity_id=id entries=shown started open on_changed=refresh query sort /> }.into_any()
                            };
                            let behalf = open.then(|| view! {
                                <a class="button button--quiet" href=paths::behalf(id) data-testid="behalf-link">{i18n.t().roster().behalf_title}</a>
                            });
                            view! {
                                <a class="back-link" href=format!("/activities/{id}")>{activity.title.clone()}</a>
                                <h1 class="page__title">{i18n.t().roster().title}</h1>
                                <p class="page__lead" data-testid="roster-summary">{summary}</p>
                                <div class="actions">
                                    <button type="button" class="button button--quiet" disabled=move || export.pending().get() on:click=move |_| { export.dispatch(id); }>
                                        {move || if export.pending().get() { i18n.t().roster().exporting } else { i18n.t().roster().export }}
                                    </button>
                                    <a class="button button--quiet" href=paths::checkin_code(id)>{i18n.t().roster().checkin_code}</a>
                                    {behalf}
                                </div>
                                {export_error}
                                {list}
                            }.into_any()
                        }
                    })}
        </div>
    }
}

/// What a staff member can do with one line of the roster.
#[derive(Clone)]
enum RowAction {
    CheckIn,
    NoShow,
    Hours(ConfirmHoursRequest),
    /// Cancel the sign-up on the person's behalf.
    Cancel,
}

/// How the table is ordered.
#[derive(Clone, Copy, PartialEq)]
enum SortBy {
    /// As the backend lists it: places by arrival, then the waitlist in order.
    Order,
    Name,
    Status,
}

/// Names in the reader's collation (pinyin order for Chinese), not by code point.
fn compare_names(a: &str, b: &str) -> Ordering {
    let order = js_sys::JsString::from(a).locale_compare(
        b,
        &js_sys::Array::of1(&"zh-CN".into()),
        &js_sys::Object::new(),
    );
    order.cmp(&0)
}

fn status_rank(status: SignupStatus) -> u8 {
    match status {
        SignupStatus::Attended => 0,
        SignupStatus::Confirmed => 1,
        SignupStatus::Waitlisted => 2,
        SignupStatus::NoShow => 3,
        SignupStatus::Cancelled => 4,
    }
}

/// The roster as a table: found by a part of a name or number, sorted by a column's button.
#[component]
fn RosterTable(
    activity_id: i64,
    entries: Vec<RosterEntry>,
    started: Signal<bool>,
    /// Whether the viewer may cancel for people (staff, before the start).
    open: bool,
    on_changed: Callback<()>,
    /// What the search box holds, and the chosen order: the page's, so that they outlive a
    /// reload of the roster.
    query: RwSignal<String>,
    sort: RwSignal<SortBy>,
) -> impl IntoView {
    let i18n = use_i18n();
    let numbered: Vec<(usize, RosterEntry)> = entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| (i + 1, e))
        .collect();
    // Indices into `numbered`: one sort, whatever the column.
    let rows = Signal::derive(move || {
        let wanted = query.get().trim().to_ascii_lowercase();
        let mut order: Vec<usize> = (0..numbered.len())
            .filter(|&i| {
                let account = &numbered[i].1.account;
                wanted.is_empty()
                    || account.display_name.to_ascii_lowercase().contains(&wanted)
                    || account.phone.contains(&wanted)
            })
            .collect();
        let by = sort.get();
        if by != SortBy::Order {
            order.sort_by(|&a, &b| {
                let (a, b) = (&numbered[a].1, &numbered[b].1);
                match by {
                    SortBy::Name => compare_names(&a.account.display_name, &b.account.display_name),
                    _ => status_rank(a.signup.status).cmp(&status_rank(b.signup.status)),
                }
            });
        }
        order
            .into_iter()
            .map(|i| numbered[i].clone())
            .collect::<Vec<_>>()
    });
    let messages = i18n.messages().roster();
    let header = move |by: SortBy, label: &'static str| {
        view! {
            <th scope="col" aria-sort=move || (sort.get() == by).then_some("ascending")>
                <button type="button" class="roster-table__sort" on:click=move |_| sort.set(by)>{label}</button>
            </th>
        }
    };
    let none_found = move || {
        let wanted = query.get();
        (rows.with(Vec::is_empty) && !wanted.trim().is_empty()).then(|| {
            view! { <p class="panel__empty" role="status">{fill(i18n.t().roster().no_match, &[("query", &wanted.trim())])}</p> }
        })
    };
    view! {
        <div class="roster-search">
            <label for="roster-search">{messages.search}</label>
            <input class="field__input" id="roster-search" type="search" autocomplete="off"
                placeholder=messages.search_hint
                prop:value=move || query.get() on:input=move |event| query.set(event_target_value(&event)) />
        </div>
        {none_found}
        <table class="roster-table" data-testid="roster">
            <caption class="visually-hidden">{messages.title}</caption>
            <thead>
                <tr>
                    {header(SortBy::Order, messages.col_order)}
                    {header(SortBy::Name, messages.col_name)}
                    <th scope="col">{messages.col_phone}</th>
                    {header(SortBy::Status, messages.col_status)}
                    <th scope="col">{messages.col_actions}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || rows.get() key=|(_, e)| e.signup.id let((n, entry))>
                    <RosterRow activity_id n entry started open on_changed />
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn RosterRow(
    activity_id: i64,
    /// The place in the backend's order.
    n: usize,
    entry: RosterEntry,
    /// Whether the activity has started: only then can someone be marked absent.
    started: Signal<bool>,
    /// Whether the viewer may cancel the sign-up for its person.
    open: bool,
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let signup_id = entry.signup.id;
    let account_id = entry.account.id;
    let status = entry.signup.status;
    let recorded = entry.hours.clone();
    let minutes = RwSignal::new(
        recorded
            .as_ref()
            .map(|h| h.minutes.to_string())
            .unwrap_or_default(),
    );
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let act = LocalAction::new(move |action: &RowAction| {
        let (api, action) = (api.clone(), action.clone());
        async move {
            let answer = match action {
                RowAction::CheckIn => api
                    .check_in_manually(activity_id, account_id)
                    .await
                    .map(drop),
                RowAction::NoShow => api.mark_no_show(signup_id).await.map(drop),
                RowAction::Hours(request) => api.confirm_hours(signup_id, &request).await.map(drop),
                RowAction::Cancel => api
                    .cancel_on_behalf(activity_id, account_id)
                    .await
                    .map(drop),
            };
            match answer {
                Ok(()) => on_changed.run(()),
                Err(error) => problem.set(Some(error_message(i18n.locale_untracked(), &error))),
            }
        }
    });
    let pending = act.pending();
    let recorded_minutes = recorded.as_ref().map(|h| h.minutes);
    let confirm_hours = move |_| {
        problem.set(None);
        let messages = &i18n.t().roster();
        let Ok(value) = minutes.get_untracked().trim().parse::<u32>() else {
            problem.set(Some(messages.minutes_invalid.to_string()));
            return;
        };
        if value > 1440 {
            problem.set(Some(messages.minutes_invalid.to_string()));
            return;
        }
        let why = reason.get_untracked().trim().to_string();
        if Some(value) != recorded_minutes && why.is_empty() {
            problem.set(Some(messages.reason_needed.to_string()));
            return;
        }
        act.dispatch(RowAction::Hours(ConfirmHoursRequest {
            minutes: value,
            reason: (!why.is_empty()).then_some(why),
        }));
    };
    let status_text = roster_status(i18n.locale_untracked(), &entry);
    let hours_text = recorded.as_ref().map(|hours| {
        let template = if hours.status == HoursStatus::Confirmed {
            i18n.t().roster().hours_confirmed
        } else {
            i18n.t().roster().hours_recorded
        };
        fill(template, &[("minutes", &hours.minutes)])
    });
    let minutes_id = format!("minutes-{signup_id}");
    let reason_id = format!("reason-{signup_id}");
    let actions = match status {
        SignupStatus::Confirmed => view! {
            <div class="actions">
                <button type="button" class="button" disabled=pending on:click=move |_| { act.dispatch(RowAction::CheckIn); }>
                    {i18n.t().roster().check_in}
                </button>
                {move || started.get().then(|| view! {
                    <button type="button" class="button button--quiet" disabled=pending on:click=move |_| { act.dispatch(RowAction::NoShow); }>
                        {i18n.t().roster().no_show}
                    </button>
                })}
            </div>
        }.into_any(),
        SignupStatus::Attended => view! {
            <div class="roster__hours">
                <label for=minutes_id.clone()>{i18n.t().roster().hours}</label>
                <input class="field__input" id=minutes_id type="number" inputmode="numeric" min="0" max="1440"
                    prop:value=move || minutes.get() on:input=move |event| minutes.set(event_target_value(&event)) />
                <label for=reason_id.clone()>{i18n.t().roster().reason}</label>
                <input class="field__input" id=reason_id type="text"
                    prop:value=move || reason.get() on:input=move |event| reason.set(event_target_value(&event)) />
                <button type="button" class="button" disabled=pending on:click=confirm_hours>
                    {i18n.t().roster().confirm_hours}
                </button>
            </div>
        }.into_any(),
        _ => ().into_any(),
    };
    let confirming = RwSignal::new(false);
    let name = entry.account.display_name.clone();
    let cancel_for = (open && matches!(status, SignupStatus::Confirmed | SignupStatus::Waitlisted)).then(|| {
        let question = fill(i18n.t().roster().cancel_question, &[("name", &name)]);
        view! {
            {move || if confirming.get() {
                view! {
                    <ConfirmStep
                        label=i18n.t().roster().cancel_for
                        question=question.clone()
                        confirm=i18n.t().roster().cancel_confirm
                        keep=i18n.t().roster().cancel_keep
                        testid=format!("confirm-cancel-{signup_id}")
                        pending=pending
                        on_confirm=move |()| { act.dispatch(RowAction::Cancel); }
                        on_keep=move |()| confirming.set(false)
                    />
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button--quiet" disabled=pending on:click=move |_| confirming.set(true)>
                        {i18n.t().roster().cancel_for}
                    </button>
                }.into_any()
            }}
        }
    });
    let made_by = entry.made_by.map(|staff| {
        view! { <span class="roster__by">{fill(i18n.t().roster().made_by, &[("name", &staff)])}</span> }
    });
    let messages = i18n.messages().roster();
    view! {
        <tr class="roster__row" data-testid="roster-row" data-status=format!("{status:?}")>
            <td data-label=messages.col_order>{n}</td>
            <th scope="row" class="roster__name">{name} {made_by}</th>
            <td class="roster__phone" data-label=messages.col_phone>{entry.account.phone}</td>
            <td class="roster__status" data-label=messages.col_status>{status_text} {hours_text.map(|text| view! { " · " {text} })}</td>
            <td>
                {actions}
                {cancel_for}
                <p class="roster__problem" role="status">{move || problem.get()}</p>
            </td>
        </tr>
    }
}
