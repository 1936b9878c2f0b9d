//! `/calendar/month` and `/calendar/week`: the month grid and the week, with the festivals and
//! volunteer days (`GET /days`) and the same filters as the agenda. An area of their own (the
//! agenda's bundle stays within its budget); the day or week shown is `?date=` in the URL.
//! The month reads its grid as each day's count (`GET /activities/days`) and only the chosen
//! day's activities in full: a crowded month's hundreds of activities cost the phone more to
//! parse than to draw.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Timelike, Weekday};
use futures::future::join;
use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityDay, ActivityQuery, Category};
use station_wire::days::{keys, Day, DayKind};
use wasm_bindgen::JsCast;

use super::filter::{
    filter_href, kept_day, search_form, use_calendar_filter, CalendarFilters, FILTERED_LIST,
};
use crate::api::{use_api, ApiError};
use crate::components::category::{colour_of, colour_style, find_category};
use crate::components::markup::{colour_rule, Markup, COLOUR_ATTRIBUTE};
use crate::components::{write_link_card, AgendaSkeleton, ErrorState};
use crate::hooks::{use_categories, use_station_today};
use crate::i18n::{
    day_heading, fill, month_name, relative_day, time_range, use_i18n, weekday_name, Locale,
};
use crate::load::Load;
use crate::router::use_query_map;
use crate::validate::parse_day;

/// What a view shows, read for one chosen day: the activities (the week's, or the chosen day's
/// alone for the month), the marked days, and for the month each day's count.
#[derive(Clone)]
struct Range {
    day: NaiveDate,
    activities: Vec<Activity>,
    days: Vec<Day>,
    counts: Vec<ActivityDay>,
}

/// The day of `?date=`, else the station's today.
fn use_chosen_day() -> Memo<Option<NaiveDate>> {
    let query = use_query_map();
    let today = use_station_today();
    Memo::new(move |_| {
        query
            .with(|query| query.get("date"))
            .and_then(|date| parse_day(&date))
            .or_else(|| today.get())
    })
}

/// How a view reads its range.
#[derive(Clone, Copy, PartialEq)]
enum Reads {
    /// Every activity of the week.
    Week,
    /// The month's day counts, and the chosen day's activities in full.
    Month,
}

/// Reads the range of the chosen day (with the filters), all at once; what is shown stays
/// while the next range loads.
fn load_range(
    chosen: Memo<Option<NaiveDate>>,
    filter: Memo<ActivityQuery>,
    reads: Reads,
) -> Load<Option<Result<Range, ApiError>>> {
    let api = use_api();
    Load::keeping(move || {
        let (api, day, filter) = (api.clone(), chosen.get(), filter.get());
        async move {
            let day = day?;
            let ((from, to), listed) = match reads {
                Reads::Week => (week_of(day), week_of(day)),
                Reads::Month => (month_grid(day), (day, day)),
            };
            let counts = async {
                match reads {
                    Reads::Week => Ok(Vec::new()),
                    Reads::Month => api.activity_days(&filter, from, to).await,
                }
            };
            // Every read at once: a round trip less on a slow line.
            let ((activities, counts), days) = join(
                join(api.activities_between(&filter, listed.0, listed.1), counts),
                api.days(from, to),
            )
            .await;
            Some(activities.and_then(|activities| {
                Ok(Range {
                    day,
                    activities,
                    counts: counts?,
                    // A backend without marked days still shows its calendar.
                    days: days.map(|list| list.items).unwrap_or_default(),
                })
            }))
        }
    })
}

/// The name of a marked day in the reader's language (the backend's own for a key the app does
/// not know).
pub fn day_name(locale: Locale, day: &Day) -> String {
    let names = &locale.messages().days();
    let known = match day.key.as_str() {
        keys::NEW_YEAR => names.new_year,
        keys::SPRING_FESTIVAL_EVE => names.spring_festival_eve,
        keys::SPRING_FESTIVAL => names.spring_festival,
        keys::LANTERN_FESTIVAL => names.lantern_festival,
        keys::LEI_FENG_DAY => names.lei_feng_day,
        keys::ARBOR_DAY => names.arbor_day,
        keys::QINGMING => names.qingming,
        keys::LABOUR_DAY => names.labour_day,
        keys::YOUTH_DAY => names.youth_day,
        keys::DISABILITY_DAY => names.disability_day,
        keys::CHILDRENS_DAY => names.childrens_day,
        keys::DRAGON_BOAT => names.dragon_boat,
        keys::PARTY_DAY => names.party_day,
        keys::ARMY_DAY => names.army_day,
        keys::TEACHERS_DAY => names.teachers_day,
        keys::MID_AUTUMN => names.mid_autumn,
        keys::NATIONAL_DAY => names.national_day,
        keys::DOUBLE_NINTH => names.double_ninth,
        keys::VOLUNTEER_DAY => names.volunteer_day,
        keys::LABA => names.laba,
        _ => return day.name.clone(),
    };
    known.to_owned()
}

fn kind_class(kind: DayKind) -> &'static str {
    match kind {
        DayKind::Festival => "marked-day marked-day--festival",
        DayKind::Volunteer => "marked-day marked-day--volunteer",
        DayKind::Commemoration => "marked-day",
    }
}

/// The marked days of one date, named.
fn marked(locale: Locale, days: &[Day], date: NaiveDate) -> Vec<(DayKind, String)> {
    days.iter()
        .filter(|day| day.date == date)
        .map(|day| (day.kind, day_name(locale, day)))
        .collect()
}

/// The Monday on or before `date`.
fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// The weeks that hold the month of `date`, Monday to Sunday.
pub fn month_grid(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = date.with_day(1).unwrap_or(date);
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    let last = next.map_or(first, |next| next - Duration::days(1));
    (monday_of(first), monday_of(last) + Duration::days(6))
}

/// The week of `date`, Monday to Sunday.
pub fn week_of(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = monday_of(date);
    (monday, monday + Duration::days(6))
}

/// The first day of the month before (`-1`) or after (`1`) the month of `date`.
pub fn month_step(date: NaiveDate, step: i32) -> NaiveDate {
    let index = date.year() * 12 + date.month0() as i32 + step;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(date)
}

/// What a view steps by.
#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Month,
    Week,
}

impl Unit {
    /// The days to show before and after `date`'s month or week.
    fn steps(self, date: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            Unit::Month => (month_step(date, -1), month_step(date, 1)),
            Unit::Week => (date - Duration::days(7), date + Duration::days(7)),
        }
    }

    /// `2026年12月`, or the week's first and last day.
    fn heading(self, locale: Locale, date: NaiveDate) -> String {
        let messages = locale.messages().month_view();
        match self {
            Unit::Month => fill(
                messages.month_heading,
                &[
                    ("year", &date.year()),
                    ("month", &date.month()),
                    ("month_name", &month_name(locale, date.month())),
                ],
            ),
            Unit::Week => {
                let (monday, sunday) = week_of(date);
                fill(
                    messages.week_heading,
                    &[
                        ("from", &day_heading(locale, monday)),
                        ("to", &day_heading(locale, sunday)),
                    ],
                )
            }
        }
    }
}

/// Previous, this, next: the links that move the view, keeping its filters, and the month or
/// week shown.
fn stepper(
    unit: Unit,
    path: &'static str,
    filter: Memo<ActivityQuery>,
    chosen: Memo<Option<NaiveDate>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.locale();
        let messages = locale.messages().month_view();
        let (previous, current, next) = match unit {
            Unit::Month => (
                messages.previous_month,
                messages.this_month,
                messages.next_month,
            ),
            Unit::Week => (
                messages.previous_week,
                messages.this_week,
                messages.next_week,
            ),
        };
        let date = chosen.get();
        let steps = date.map(|date| unit.steps(date));
        let heading = date.map(|date| unit.heading(locale, date));
        filter.with(|filter| {
            let href = |date: Option<NaiveDate>| match date {
                Some(date) => filter_href(path, filter, &[("date", date.to_string())]),
                None => filter_href(path, filter, &[]),
            };
            view! {
                <div class="stepper">
                    <a class="button stepper__step" href=href(steps.map(|(before, _)| before)) rel="prev" data-step="prev">
                        <span aria-hidden="true">"‹ "</span>
                        {previous}
                    </a>
                    <h2 class="stepper__heading">{heading}</h2>
                    <a class="button stepper__step" href=href(steps.map(|(_, after)| after)) rel="next" data-step="next">
                        {next}
                        <span aria-hidden="true">" ›"</span>
                    </a>
                    <a class="button button--quiet stepper__today" href=href(None) data-step="today">
                        {current}
                    </a>
                </div>
            }
        })
    }
}

/// The page frame both views share: title, view switch, filters, stepper, then `body`.
fn frame(
    current: &'static str,
    path: &'static str,
    filter: Memo<ActivityQuery>,
    stepper: AnyView,
    body: AnyView,
    again: Refocus,
) -> impl IntoView {
    let i18n = use_i18n();
    // The link followed (a day, a step), found again once the new view is drawn.
    let remember = move |event: web_sys::MouseEvent| {
        let link = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[data-date], a[data-step]").ok().flatten());
        again.set_value(link.and_then(|link| {
            link.get_attribute("data-date")
                .map(|date| format!("a[data-date='{date}']"))
                .or_else(|| {
                    link.get_attribute("data-step")
                        .map(|step| format!("a[data-step='{step}']"))
                })
        }));
    };
    view! {
        <div class="page" on:click=remember>
            <h1 class="page__title">{move || i18n.t().calendar().title}</h1>
            <CalendarFilters
                current=current
                path=path
                list_path=FILTERED_LIST
                filter=filter
                more=search_form
                kept=kept_day
            />
            {stepper}
            {body}
        </div>
    }
}

/// Where the keyboard was: the selector of the link last followed within the view.
type Refocus = StoredValue<Option<String>>;

/// Once the view is drawn again, the link followed is focused again (a day of the grid, the
/// next month), unless the reader has moved the focus meanwhile: keyboard and screen reader
/// users keep their place instead of starting over at the page's top.
fn refocus(again: Refocus) {
    let Some(selector) = again.get_value() else {
        return;
    };
    request_animation_frame(move || {
        let Some(document) = web_sys::window().and_then(|window| window.document()) else {
            return;
        };
        let lost = document
            .active_element()
            .is_none_or(|active| active.tag_name() == "BODY");
        let found = document.query_selector(&selector).ok().flatten();
        if let (true, Some(element)) = (lost, found) {
            if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    });
}

/// The state of a range being read: its view when it has come, else the skeleton or the error.
fn range_view(
    range: Load<Option<Result<Range, ApiError>>>,
    categories: crate::hooks::CategoriesLoad,
    draw: impl Fn(Range, Arc<[Category]>) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let retry = move |()| {
        range.refetch();
        if categories.failed() {
            categories.refetch();
        }
    };
    move || match (range.get().flatten(), categories.get()) {
        (Some(Ok(range)), Some(Ok(categories))) => draw(range, categories.into()),
        (Some(Err(error)), _) | (_, Some(Err(error))) => {
            view! { <ErrorState error=error on_retry=retry /> }.into_any()
        }
        _ => view! { <AgendaSkeleton /> }.into_any(),
    }
}

/// One day's heading with its marked days, then its activities (or a word that it has none),
/// written as markup (see [`Markup`]) as the day group and the cards of the agenda draw them.
fn write_day(
    markup: &mut Markup,
    locale: Locale,
    date: NaiveDate,
    (activities, days): (&[Activity], &[Day]),
    categories: &[Category],
    today: Option<NaiveDate>,
) {
    let marks = marked(locale, days, date)
        .into_iter()
        .map(|(_, name)| name)
        .collect::<Vec<_>>()
        .join(" · ");
    let mut listed = activities
        .iter()
        .filter(|activity| activity.starts_at.date_naive() == date)
        .peekable();
    let heading = day_heading(locale, date);
    let group = ("data-testid", "day-group");
    let marks_line = |markup: &mut Markup| {
        if !marks.is_empty() {
            markup.element("p", &[("class", "marked-day")], &marks);
        }
    };
    if listed.peek().is_none() {
        markup
            .open("section", &[("class", "day-group day-group--empty"), group])
            .element("h2", &[("class", "day-group__heading")], &heading);
        marks_line(markup);
        let none = locale.messages().month_view().no_activities;
        markup
            .element("p", &[("class", "day-group__none")], none)
            .close("section");
        return;
    }
    marks_line(markup);
    markup
        .open(
            "section",
            &[
                ("class", "day-group"),
                group,
                ("data-date", &date.to_string()),
            ],
        )
        .open("h2", &[("class", "day-group__heading")])
        .element("span", &[("class", "day-group__date")], &heading);
    if let Some(relative) = today.and_then(|today| relative_day(locale, date, today)) {
        markup.element("span", &[("class", "day-group__relative")], relative);
    }
    markup.close("h2").open("ul", &[("class", "card-list")]);
    for activity in listed {
        markup.open("li", &[]);
        let category = find_category(categories, &activity.category);
        write_link_card(markup, locale, activity, category);
        markup.close("li");
    }
    markup.close("ul").close("section");
}

/// `/calendar/month`: the month grid (weeks from Monday, today marked, each day's category
/// colours and count, its festival), and below it the chosen day's activities. A day chosen is
/// marked at once; its activities follow.
#[component]
pub fn MonthPage() -> impl IntoView {
    let i18n = use_i18n();
    let filter = use_calendar_filter();
    let chosen = use_chosen_day();
    let today = use_station_today();
    let categories = use_categories();
    let range = load_range(chosen, filter, Reads::Month);
    let stepper = stepper(Unit::Month, "/calendar/month", filter, chosen).into_any();
    let again = StoredValue::new(None);
    let body = range_view(range, categories, move |range, categories| {
        let locale = i18n.locale();
        refocus(again);
        // The day read, until the one chosen since has come. The grid is drawn again for new
        // data only: a day chosen moves its mark at once without redrawing the table (which,
        // drawn at the tap and again when the data came, doubled the time to a new month).
        let today = today.get();
        let parts = (range.activities.as_slice(), range.days.as_slice());
        let mut day = Markup::default();
        write_day(&mut day, locale, range.day, parts, &categories, today);
        view! {
            {month_table(locale, &range, chosen, &categories, today, filter)}
            <div class="month__day" data-testid="chosen-day" inner_html=day.into_string()></div>
        }
        .into_any()
    });
    frame(
        "month",
        "/calendar/month",
        filter,
        stepper,
        body.into_any(),
        again,
    )
}

/// The grid: a table of weeks, each day a link that chooses it. Written as markup (see
/// [`Markup`]); the day chosen is marked apart, at once, without writing the grid again.
fn month_table(
    locale: Locale,
    grid: &Range,
    chosen: Memo<Option<NaiveDate>>,
    categories: &[Category],
    today: Option<NaiveDate>,
    filter: Memo<ActivityQuery>,
) -> impl IntoView {
    let messages = locale.messages().month_view();
    let (first, last) = month_grid(grid.day);
    let mut markup = Markup::default();
    markup
        .element(
            "caption",
            &[("class", "visually-hidden")],
            messages.grid_caption,
        )
        .open("thead", &[])
        .open("tr", &[]);
    for weekday in [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ] {
        markup.element("th", &[("scope", "col")], weekday_name(locale, weekday));
    }
    markup.close("tr").close("thead").open("tbody", &[]);
    filter.with_untracked(|filter| {
        let mut date = first;
        while date <= last {
            if date.weekday() == Weekday::Mon {
                markup.open("tr", &[]);
            }
            let counted = grid.counts.iter().find(|day| day.date == date);
            let cell = Cell {
                date,
                month: grid.day,
                today,
                counted,
            };
            cell.write(&mut markup, locale, categories, &grid.days, filter);
            if date.weekday() == Weekday::Sun {
                markup.close("tr");
            }
            date += Duration::days(1);
        }
    });
    markup.close("tbody");
    let table = NodeRef::<leptos::html::Table>::new();
    Effect::new(move |_| {
        if let Some(table) = table.get() {
            mark_chosen(&table, chosen.get());
        }
    });
    view! {
        <table class="month-grid" data-testid="month-grid" node_ref=table inner_html=markup.into_string()></table>
    }
}

/// Moves the grid's mark of the day chosen.
fn mark_chosen(table: &web_sys::Element, chosen: Option<NaiveDate>) {
    const CHOSEN: &str = "month-grid__day--chosen";
    if let Ok(Some(before)) = table.query_selector(&format!(".{CHOSEN}")) {
        let _ = before.class_list().remove_1(CHOSEN);
    }
    let found = chosen.and_then(|date| {
        table
            .query_selector(&format!("a[data-date=\"{date}\"]"))
            .ok()
            .flatten()
    });
    if let Some(day) = found {
        let _ = day.class_list().add_1(CHOSEN);
    }
}

/// One day of the grid.
struct Cell<'a> {
    date: NaiveDate,
    /// A day of the month shown (the others are greyed).
    month: NaiveDate,
    today: Option<NaiveDate>,
    /// How many start that day, and one dot per category, by start, at most three.
    counted: Option<&'a ActivityDay>,
}

impl Cell<'_> {
    fn write(
        &self,
        markup: &mut Markup,
        locale: Locale,
        categories: &[Category],
        days: &[Day],
        filter: &ActivityQuery,
    ) {
        let date = self.date;
        let marks = marked(locale, days, date);
        let (count, slugs) = self
            .counted
            .map_or((0, &[][..]), |day| (day.count, day.categories.as_slice()));
        let mut label = day_heading(locale, date);
        for (_, name) in &marks {
            label.push_str(" · ");
            label.push_str(name);
        }
        label.push_str(" · ");
        label.push_str(&fill(
            locale.messages().month_view().day_count,
            &[("count", &count)],
        ));
        let class = format!(
            "month-grid__day{}{}",
            if date.month() == self.month.month() {
                ""
            } else {
                " month-grid__day--other"
            },
            if count == 0 {
                ""
            } else {
                " month-grid__day--busy"
            },
        );
        let day = date.to_string();
        let href = filter_href("/calendar/month", filter, &[("date", day.clone())]);
        let current = if self.today == Some(date) { "date" } else { "" };
        let hidden = ("aria-hidden", "true");
        markup
            .open("td", &[])
            .open(
                "a",
                &[
                    ("class", &class),
                    ("href", &href),
                    ("aria-current", current),
                    ("data-date", &day),
                ],
            )
            // Said in full to a screen reader; the cell shows its parts.
            .element("span", &[("class", "visually-hidden")], &label)
            .element(
                "span",
                &[("class", "month-grid__number"), hidden],
                &date.day().to_string(),
            );
        if let Some((kind, name)) = marks.first() {
            let class = format!("month-grid__mark {}", kind_class(*kind));
            markup.element("span", &[("class", &class), hidden], name);
        }
        markup.open("span", &[("class", "month-grid__dots"), hidden]);
        for slug in slugs {
            let colour = colour_of(find_category(categories, slug));
            colour_rule(colour);
            markup.element(
                "span",
                &[("class", "category-dot"), (COLOUR_ATTRIBUTE, colour)],
                "",
            );
        }
        if count > 0 {
            markup.element(
                "span",
                &[("class", "month-grid__count")],
                &count.to_string(),
            );
        }
        markup.close("span").close("a").close("td");
    }
}

/// Minutes since midnight of a wall-clock time.
fn minutes(time: &DateTime<FixedOffset>) -> i64 {
    i64::from(time.hour()) * 60 + i64::from(time.minute())
}

/// The week on a wide screen (the stylesheet shows it there and the list on a phone): a column
/// per day, each activity at its hours, side by side where they overlap.
fn week_grid(
    locale: Locale,
    monday: NaiveDate,
    range: &Range,
    categories: &[Category],
) -> impl IntoView {
    let end_of = |activity: &Activity| {
        if activity.ends_at.date_naive() > activity.starts_at.date_naive() {
            24 * 60
        } else {
            minutes(&activity.ends_at)
        }
    };
    let first = range
        .activities
        .iter()
        .map(|activity| minutes(&activity.starts_at) / 60)
        .fold(8, i64::min);
    let last = range
        .activities
        .iter()
        .map(|activity| (end_of(activity) + 59) / 60)
        .fold(18, i64::max);
    let span = (last - first) * 60;
    // In hundredths of a per cent, by integers: formatting a float would cost the bundle
    // kilobytes.
    let percent = |minutes: i64| {
        let hundredths = minutes * 10_000 / span;
        format!("{}.{:02}%", hundredths / 100, hundredths % 100)
    };
    let hours = (first..last)
        .map(|hour| view! { <li style:top=percent((hour - first) * 60)>{format!("{hour:02}:00")}</li> })
        .collect_view();
    let columns = (0..7)
        .map(|offset| {
            let date = monday + Duration::days(offset);
            // Each activity takes the first lane free at its start.
            let mut lanes: Vec<i64> = Vec::new();
            let placed: Vec<(usize, &Activity)> = range
                .activities
                .iter()
                .filter(|activity| activity.starts_at.date_naive() == date)
                .map(|activity| {
                    let start = minutes(&activity.starts_at);
                    let lane = match lanes.iter().position(|end| *end <= start) {
                        Some(lane) => lane,
                        None => {
                            lanes.push(0);
                            lanes.len() - 1
                        }
                    };
                    lanes[lane] = end_of(activity).max(start + 30);
                    (lane, activity)
                })
                .collect();
            let width = 100 / lanes.len().max(1);
            let items = placed
                .into_iter()
                .map(|(lane, activity)| {
                    let start = minutes(&activity.starts_at);
                    let length = (end_of(activity) - start).max(30);
                    let colour = colour_style(find_category(categories, &activity.category));
                    view! {
                        <li
                            class="week-grid__item"
                            style=colour
                            style:top=percent(start - first * 60)
                            style:height=percent(length)
                            style:left=format!("{}%", lane * width)
                            style:width=format!("{width}%")
                        >
                            <a href=crate::paths::activity(activity.id)>
                                <span class="week-grid__time">
                                    {time_range(locale, &activity.starts_at, &activity.ends_at)}
                                </span>
                                " "
                                <span class="week-grid__title">{activity.title.clone()}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="week-grid__day">
                    <h2 class="week-grid__heading">{day_heading(locale, date)}</h2>
                    <ol class="week-grid__items">{items}</ol>
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="week-grid" data-testid="week-grid">
            <ol class="week-grid__hours" aria-hidden="true">{hours}</ol>
            {columns}
        </div>
    }
}

/// `/calendar/week`: the seven days of the chosen day's week, each with its activities.
#[component]
pub fn WeekPage() -> impl IntoView {
    let i18n = use_i18n();
    let filter = use_calendar_filter();
    let chosen = use_chosen_day();
    let today = use_station_today();
    let categories = use_categories();
    let range = load_range(chosen, filter, Reads::Week);
    let stepper = stepper(Unit::Week, "/calendar/week", filter, chosen).into_any();
    let again = StoredValue::new(None);
    let body = range_view(range, categories, move |range, categories| {
        let locale = i18n.locale();
        refocus(again);
        // The week read, until the one chosen since has come.
        let (monday, _) = week_of(range.day);
        let mut list = Markup::default();
        for offset in 0..7 {
            write_day(
                &mut list,
                locale,
                monday + Duration::days(offset),
                (&range.activities, &range.days),
                &categories,
                today.get(),
            );
        }
        view! {
            <div class="week-list" inner_html=list.into_string()></div>
            {week_grid(locale, monday, &range, &categories)}
        }
        .into_any()
    });
    frame(
        "week",
        "/calendar/week",
        filter,
        stepper,
        body.into_any(),
        again,
    )
}
