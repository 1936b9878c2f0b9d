//! One day of the agenda: a heading such as `11月24日 周二 今天` and that day's cards.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use station_wire::activities::{Activity, Category};

use super::activity_card::CardView;
use super::find_category;
use crate::i18n::{day_heading, relative_day, use_i18n};

#[component]
pub fn DayGroupSection(
    /// The calendar day in the station's zone.
    date: NaiveDate,
    /// That day's activities, in order.
    activities: Vec<Activity>,
    /// Every category, to give each card its name and colour.
    categories: Arc<[Category]>,
    /// The station's today, when known: marks `今天` / `明天`.
    #[prop(into)]
    today: Signal<Option<NaiveDate>>,
    /// How each card is drawn: `full_card` (with its sign-up button) or `link_card`.
    card: CardView,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = move || day_heading(i18n.locale(), date);
    let relative = move || {
        today
            .get()
            .and_then(|today| relative_day(i18n.locale(), date, today))
            .map(|label| view! { <span class="day-group__relative">{label}</span> })
    };
    let cards = activities
        .into_iter()
        .map(|activity| {
            let category = find_category(&categories, &activity.category).cloned();
            view! {
                <li>
                    {card(activity, category)}
                </li>
            }
        })
        .collect_view();

    view! {
        <section class="day-group" data-testid="day-group" data-date=date.to_string()>
            <h2 class="day-group__heading">
                <span class="day-group__date">{heading}</span>
                {relative}
            </h2>
            <ul class="card-list">{cards}</ul>
        </section>
    }
}
