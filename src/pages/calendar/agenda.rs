//! `/`: the activities of the coming 30 days, grouped by day, with 加载更多.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityQuery, Category};
use station_wire::page::{Page, MAX_LIMIT};

use super::filter::{no_day, use_calendar_filter, CalendarFilters, MoreFilters};
use super::grouping::{group_by_day, DayGroup};
use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::components::{
    AgendaSkeleton, CardView, DayGroupSection, ElderOffer, EmptyState, ErrorState,
};
use crate::hooks::{use_categories, use_station, use_station_today};
use crate::i18n::{error_message, use_i18n};
use crate::load::Load;

/// The home agenda's first words: the offer of 长辈版 on a first visit.
pub fn elder_offer() -> AnyView {
    view! { <ElderOffer /> }.into_any()
}

/// Nothing before the title.
pub fn no_intro() -> AnyView {
    ().into_any()
}

/// Activities asked for per page.
const PAGE_SIZE: u32 = 20;

/// What the agenda showed when the reader left it for another page of the area (an activity's):
/// its query, how far 加载更多 went and where they were, so that coming back — by the browser's
/// back or 返回活动日历 — finds the list as it was (read again, in one request).
struct Kept {
    /// The agenda's address with its filters, for 返回活动日历.
    href: String,
    query: ActivityQuery,
    shown: usize,
    scroll: f64,
}

/// Where 返回活动日历 goes: the agenda as the reader left it (its filters), else `/`.
pub fn agenda_href() -> String {
    KEPT.with_borrow(|kept| kept.as_ref().map(|kept| kept.href.clone()))
        .unwrap_or_else(|| "/".to_owned())
}

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
    /// The page's scroll position, as last scrolled while the agenda was shown.
    static SCROLL: Cell<f64> = const { Cell::new(0.0) };
}

/// The agenda: at `/` the home page's (categories, and a link to the rest), at
/// `/calendar/list` the calendar's own with every filter. Its parts are plain `fn`s so that
/// each bundle holds only its own.
#[component]
pub fn AgendaPage(
    /// Where this agenda is.
    path: &'static str,
    /// What it offers besides the categories: `search_link` or `search_form`.
    more: MoreFilters,
    /// How its cards are drawn: `full_card` or `link_card`.
    card: CardView,
    /// What comes first: the home page's offer of 长辈版 ([`elder_offer`]) or nothing.
    intro: fn() -> AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let categories = use_categories();
    let today = use_station_today();
    let filter = use_calendar_filter();
    // Without `from`/`to` the backend answers from the station's today for 30 days. The query
    // travels with its answer, so that 加载更多 continues exactly the list on screen.
    let first_page = Load::new(move || {
        let api = api.clone();
        let query = ActivityQuery {
            limit: Some(PAGE_SIZE),
            ..filter.get()
        };
        let kept = KEPT.take().filter(|kept| kept.query == query);
        async move {
            // As many as were shown (within the backend's page limit), then where they were.
            let (read, scroll) = match kept {
                Some(kept) => (
                    ActivityQuery {
                        limit: Some((kept.shown as u32).clamp(PAGE_SIZE, MAX_LIMIT)),
                        ..query.clone()
                    },
                    Some(kept.scroll),
                ),
                None => (query.clone(), None),
            };
            api.activities(&read)
                .await
                .map(|page| (query, page, scroll))
        }
    });
    let retry = move |()| {
        first_page.refetch();
        if categories.failed() {
            categories.refetch();
        }
    };

    view! {
        <div class="page">
            {intro()}
            <h1 class="page__title">{i18n.messages().calendar().title}</h1>
            <p class="page__lead">{i18n.messages().calendar().subtitle}</p>
            <CalendarFilters current="list" path=path list_path=path filter=filter more=more kept=no_day />
            {move || {
                        match (first_page.get(), categories.get()) {
                            (Some(Ok((query, page, scroll))), Some(Ok(categories))) => {
                                view! {
                                    <AgendaList
                                        first_page=page
                                        categories=categories.into()
                                        query=query
                                        today=today
                                        card=card
                                        path=path
                                        scroll=scroll
                                    />
                                }
                                    .into_any()
                            }
                            (Some(Err(error)), _) | (_, Some(Err(error))) => {
                                view! { <ErrorState error=error on_retry=retry /> }.into_any()
                            }
                            _ => view! { <AgendaSkeleton /> }.into_any(),
                        }
                }}
        </div>
    }
}

/// The loaded agenda: day groups, then 加载更多 while the backend has more.
#[component]
fn AgendaList(
    first_page: Page<Activity>,
    categories: Arc<[Category]>,
    query: ActivityQuery,
    today: Signal<Option<NaiveDate>>,
    card: CardView,
    path: &'static str,
    /// Where the reader was when they left this list (see [`Kept`]).
    scroll: Option<f64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let activities = RwSignal::new(first_page.items);
    let next_cursor = RwSignal::new(first_page.next_cursor);
    if let Some(y) = scroll {
        request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
    }
    SCROLL.set(scroll.unwrap_or_default());
    let scrolled = window_event_listener_untyped("scroll", |_| {
        SCROLL.set(window().scroll_y().unwrap_or_default())
    });
    let kept_query = query.clone();
    let location = window().location();
    let href = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    on_cleanup(move || {
        scrolled.remove();
        // Left for another page (not another filter of this one, which reads afresh).
        if window().location().pathname().is_ok_and(|now| now != path) {
            let shown = activities.try_with_untracked(Vec::len).unwrap_or_default();
            KEPT.set(Some(Kept {
                href,
                query: kept_query,
                shown,
                scroll: SCROLL.get(),
            }));
        }
    });
    let categories = StoredValue::new(categories);
    let groups = Memo::new(move |_| activities.with(|activities| group_by_day(activities)));
    let filtered = query.q.is_some()
        || query.open
        || query.site.is_some()
        || query.team.is_some()
        || query.category.is_some();

    let load_more = LocalAction::new(move |cursor: &String| {
        let api = api.clone();
        let query = ActivityQuery {
            cursor: Some(cursor.clone()),
            ..query.clone()
        };
        async move {
            let page = api.activities(&query).await?;
            activities.update(|activities| activities.extend(page.items));
            next_cursor.set(page.next_cursor);
            Ok::<(), ApiError>(())
        }
    });
    let on_load_more = move |_| {
        if let Some(cursor) = next_cursor.get_untracked() {
            load_more.dispatch(cursor);
        }
    };
    let load_more_error = move || match load_more.value().get() {
        Some(Err(error)) => Some(view! {
            <p class="load-more__error" role="alert">
                {i18n.t().errors().load_more_failed}
                "："
                {error_message(i18n.locale(), &error)}
            </p>
        }),
        _ => None,
    };

    let is_empty = move || activities.with(Vec::is_empty) && next_cursor.with(Option::is_none);
    // A new station with no site yet (and so no activity) says so, rather than "no activities".
    let station = use_station();
    let being_set_up = move || {
        station.with(|station| {
            matches!(station, Some(Err(error))
                if error.problem_type() == Some(station_wire::problem::types::STATION_NOT_SET_UP))
        })
    };

    view! {
        <Show
            when=move || !is_empty()
            fallback=move || {
                let calendar = i18n.t().calendar();
                let (title, body) = if being_set_up() {
                    (calendar.setup_title, calendar.setup_body)
                } else if filtered {
                    (calendar.filtered_empty_title, calendar.filtered_empty_body)
                } else {
                    (calendar.empty_title, calendar.empty_body)
                };
                view! { <EmptyState title=title body=body /> }
            }
        >
            <div class="agenda">
                {day_from(0, groups, categories, today, card)}
            </div>
            {load_more_error}
            <Show when=move || next_cursor.with(Option::is_some)>
                <div class="load-more">
                    <button
                        type="button"
                        class="button button--wide"
                        on:click=on_load_more
                        disabled=move || load_more.pending().get()
                        aria-busy=move || load_more.pending().get().then_some("true")
                    >
                        {move || {
                            if load_more.pending().get() {
                                i18n.t().calendar().loading_more
                            } else {
                                i18n.t().calendar().load_more
                            }
                        }}
                    </button>
                </div>
            </Show>
        </Show>
    }
}

/// Day `index` of the agenda, then the days after it, each drawn again only when it changes:
/// 加载更多 grows the last day or adds days after it, and the cards above keep their state (a
/// sign-up's outcome, a confirm step). A keyed `For` did the same for 3.6 KiB more of the area.
fn day_from(
    index: usize,
    groups: Memo<Vec<DayGroup>>,
    categories: StoredValue<Arc<[Category]>>,
    today: Signal<Option<NaiveDate>>,
    card: CardView,
) -> AnyView {
    let day = Memo::new(move |_| groups.with(|groups| groups.get(index).cloned()));
    (move || {
        day.get().map(|group| {
            view! {
                <DayGroupSection
                    date=group.date
                    activities=group.activities
                    categories=categories.get_value()
                    today=today
                    card=card
                />
                {day_from(index + 1, groups, categories, today, card)}
            }
        })
    })
    .into_any()
}
