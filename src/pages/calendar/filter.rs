//! The calendar's filters — category, team, site, places left, words — live in the URL
//! (`/?category=elderly&open=true&q=理发`), so that a filtered view is shared by its link and
//! survives a reload and back/forward; each view (the home agenda at `/`, and the calendar's
//! own list, month and week under `/calendar/`) reads them here and links to the others with
//! them. [`use_calendar_filter`] and
//! [`filter_href`] are the only places that read and write them.

use crate::router::{use_query_map, ParamsMap};
use leptos::prelude::*;
use station_wire::activities::{ActivityQuery, MAX_SEARCH_CHARS};

use crate::components::category::{colour_style, COLOUR_PROPERTY};
use crate::hooks::use_categories;
use crate::i18n::use_i18n;
use crate::paths;
use crate::validate::parse_day;

/// The filters of the URL's query, as the list's query (no range, no page).
pub fn filter_of(query: &ParamsMap) -> ActivityQuery {
    let text = |name: &str| query.get(name).filter(|value| !value.trim().is_empty());
    ActivityQuery {
        category: text("category"),
        team: text("team").and_then(|id| id.parse().ok()),
        site: text("site").and_then(|id| id.parse().ok()),
        // Longer than the backend takes: its refusal says so (the form's `maxlength` keeps it).
        q: text("q").map(|q| q.trim().to_owned()),
        open: query.get("open").as_deref() == Some("true"),
        ..Default::default()
    }
}

/// The filters chosen in the URL.
pub fn use_calendar_filter() -> Memo<ActivityQuery> {
    let query = use_query_map();
    Memo::new(move |_| query.with(filter_of))
}

/// `path` with these filters (and `extra` pairs, such as the month view's `date`).
pub fn filter_href(path: &str, filter: &ActivityQuery, extra: &[(&str, String)]) -> String {
    let mut query = filter.to_query_string();
    for (name, value) in extra {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(name);
        query.push('=');
        query.push_str(value);
    }
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// The day a month or week view shows (`?date=`), which a change of filters keeps: choosing a
/// category in February's month stays in February. Only a real day, written afresh: the
/// address's text goes into links unescaped. Tracked: read it where the links are drawn.
pub fn kept_day() -> Vec<(&'static str, String)> {
    use_query_map()
        .with(|query| query.get("date"))
        .and_then(|date| parse_day(&date))
        .map(|date| ("date", date.to_string()))
        .into_iter()
        .collect()
}

/// What a view offers besides the view switch and the categories: on the home agenda a link to
/// the calendar's search and filters ([`search_link`]), in the calendar's own views the search
/// box and the chosen filters ([`search_form`]). A plain `fn`, so that a bundle holds only the
/// one it names (the home agenda's bundle could not hold the form within its budget).
pub type MoreFilters = fn(&ActivityQuery, &'static str) -> AnyView;

/// What a change of filters keeps besides them: the month's or week's day ([`kept_day`]) or,
/// in the agenda, nothing ([`no_day`]). A plain `fn`, as [`MoreFilters`] is: the home agenda's
/// bundle holds no reading of days.
pub type KeptDay = fn() -> Vec<(&'static str, String)>;

/// The agenda's: no day.
pub fn no_day() -> Vec<(&'static str, String)> {
    Vec::new()
}

/// Where the calendar's own list is: the agenda with every filter.
pub const FILTERED_LIST: &str = "/calendar/list";

/// The home agenda's way to the search and the other filters (marked while any of them is set).
pub fn search_link(filter: &ActivityQuery, _path: &'static str) -> AnyView {
    let calendar = use_i18n().t().calendar();
    let filtered =
        filter.q.is_some() || filter.open || filter.site.is_some() || filter.team.is_some();
    view! {
        <ul class="chips__list filter-bar__chosen">
            {chip(
                filter_href(FILTERED_LIST, filter, &[]),
                filtered,
                no_colour(),
                calendar.search_and_filter.into_any(),
            )}
        </ul>
    }
    .into_any()
}

/// The search box (a plain GET form: the URL takes the words on 搜索 or Enter, the other filters
/// in hidden fields), 只看可报名, and the site and team chosen elsewhere (a station's page, a
/// team's) with a way to drop them.
pub fn search_form(filter: &ActivityQuery, path: &'static str) -> AnyView {
    let words = use_i18n().t().month_view();
    let day = kept_day();
    let with = |change: &dyn Fn(&mut ActivityQuery)| {
        let mut other = filter.clone();
        change(&mut other);
        filter_href(path, &other, &day)
    };
    let hidden = |name: &'static str, value: Option<String>| {
        value.map(|value| view! { <input type="hidden" name=name value=value /> })
    };
    let chosen = |shown: bool, name: &'static str, href: String| {
        shown.then(|| {
            let name = view! {
                {name}
                <span aria-hidden="true">" ✕"</span>
                <span class="visually-hidden">{words.remove_filter}</span>
            };
            chip(href, true, no_colour(), name.into_any())
        })
    };
    view! {
        <form class="filter-bar__search" role="search" method="get" action=path>
            {hidden("category", filter.category.clone())}
            {hidden("site", filter.site.map(|id| id.to_string()))}
            {hidden("team", filter.team.map(|id| id.to_string()))}
            {hidden("open", filter.open.then(|| "true".to_owned()))}
            {hidden("date", day.first().map(|(_, date)| date.clone()))}
            <label class="visually-hidden" for="calendar-search">{words.search_label}</label>
            <input
                id="calendar-search"
                class="input filter-bar__input"
                type="search"
                name="q"
                maxlength=MAX_SEARCH_CHARS
                placeholder=words.search_placeholder
                value=filter.q.clone()
            />
            <button type="submit" class="button filter-bar__submit">{words.search_submit}</button>
        </form>
        <ul class="chips__list filter-bar__chosen">
            {chip(with(&|f| f.open = !f.open),
                filter.open,
                no_colour(),
                words.open_only.into_any(),
            )}
            {chosen(
                filter.site.is_some(),
                words.filtered_site,
                with(&|f| f.site = None),
            )}
            {chosen(
                filter.team.is_some(),
                words.filtered_team,
                with(&|f| f.team = None),
            )}
        </ul>
        <a class="filter-bar__subscribe" href=subscribe_href(filter)>{words.subscribe}</a>
    }
    .into_any()
}

/// 订阅日历 for what the view shows: its site, category and team (a feed has no words or
/// places left to filter by).
fn subscribe_href(filter: &ActivityQuery) -> String {
    let feed = ActivityQuery {
        site: filter.site,
        category: filter.category.clone(),
        team: filter.team,
        ..ActivityQuery::default()
    };
    filter_href(paths::SUBSCRIBE, &feed, &[])
}

fn chip(
    href: String,
    current: bool,
    style: (&'static str, String),
    name: AnyView,
) -> impl IntoView {
    view! {
        <li>
            <a class="chip" href=href aria-current=current.then_some("true") style=style>
                {name}
            </a>
        </li>
    }
}

fn no_colour() -> (&'static str, String) {
    (COLOUR_PROPERTY, String::new())
}

/// Above every view: the view switch (列表 / 周 / 月, carrying the filters from one view to the
/// next), what `more` offers, and the category chips. Links and a form drawn again for each URL:
/// no state of their own to fall out of step with back/forward.
#[component]
pub fn CalendarFilters(
    /// The view shown: `list`, `week` or `month`.
    current: &'static str,
    /// Its path.
    path: &'static str,
    /// Where 列表 leads: the home agenda or the calendar's own list.
    list_path: &'static str,
    filter: Memo<ActivityQuery>,
    more: MoreFilters,
    /// What a change of filters keeps of the view's own query.
    kept: KeptDay,
) -> impl IntoView {
    let i18n = use_i18n();
    let categories = use_categories();
    move || {
        let filter = filter.get();
        let day = kept();
        let calendar = i18n.t().calendar();
        let view_link = |view: &'static str, to: &'static str, label: &'static str| {
            view! {
                <li>
                    <a
                        class="view-switch__link"
                        href=filter_href(to, &filter, if to == list_path { &[] } else { &day })
                        aria-current=(view == current).then_some("page")
                    >
                        {label}
                    </a>
                </li>
            }
        };
        let with_category = |slug: Option<String>| {
            let chosen = ActivityQuery {
                category: slug,
                ..filter.clone()
            };
            filter_href(path, &chosen, &day)
        };
        let category_chips = categories
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|category| {
                let style = colour_style(Some(&category));
                let current = filter.category.as_deref() == Some(category.slug.as_str());
                let href = with_category(Some(category.slug));
                let name = view! {
                    <span class="category-dot" aria-hidden="true"></span>
                    {category.name}
                };
                chip(href, current, style, name.into_any())
            })
            .collect_view();
        view! {
            <nav class="view-switch" aria-label=calendar.views_label>
                <ul class="view-switch__list">
                    {view_link("list", list_path, calendar.view_list)}
                    {view_link("week", "/calendar/week", calendar.view_week)}
                    {view_link("month", "/calendar/month", calendar.view_month)}
                </ul>
            </nav>
            {more(&filter, path)}
            // The row keeps its height while the categories load, so nothing below it moves.
            <nav class="chips" aria-label=calendar.filter_label>
                <ul class="chips__list">
                    {chip(with_category(None),
                        filter.category.is_none(),
                        no_colour(),
                        calendar.all_categories.into_any(),
                    )}
                    {category_chips}
                </ul>
            </nav>
        }
    }
}
