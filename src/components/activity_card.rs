//! One activity in a list: category, title, time, place, team and places left.

use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityStatus, Category};

use super::category::{colour_style, CategoryTag};
use crate::i18n::{places_wording, time_range, use_i18n};

/// A machine-readable status for styling and tests (`open`, `full`, …).
pub fn status_key(status: ActivityStatus, places_left: u32) -> &'static str {
    match status {
        ActivityStatus::Open if places_left == 0 => "full",
        ActivityStatus::Open => "open",
        ActivityStatus::Full => "full",
        ActivityStatus::Closed => "closed",
        ActivityStatus::Cancelled => "cancelled",
        ActivityStatus::Finished => "finished",
    }
}

/// A card linking to the activity's page.
#[component]
pub fn ActivityCard(
    activity: Activity,
    /// The activity's category, looked up by its slug; `None` if the backend did not list it.
    category: Option<Category>,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/activities/{}", activity.id);
    let style = colour_style(category.as_ref());
    let status = activity.status;
    let places_left = activity.places_left;
    let (starts_at, ends_at) = (activity.starts_at, activity.ends_at);
    let time = move || time_range(i18n.locale(), &starts_at, &ends_at);
    let places = move || places_wording(i18n.locale(), status, places_left);
    let team = activity.team.map(|team| team.name);

    view! {
        <a
            class="activity-card"
            data-testid="activity-card"
            data-status=status_key(status, places_left)
            href=href
            style=style
        >
            <span class="activity-card__stripe" aria-hidden="true"></span>
            <span class="activity-card__body">
                <CategoryTag category=category />
                <h3 class="activity-card__title">{activity.title}</h3>
                <span class="activity-card__line">
                    <time class="activity-card__time" datetime=starts_at.to_rfc3339()>
                        {time}
                    </time>
                    <span class="activity-card__place">{activity.place}</span>
                </span>
                {team.map(|team| view! { <span class="activity-card__team">{team}</span> })}
                <span class="activity-card__places">{places}</span>
            </span>
        </a>
    }
}
