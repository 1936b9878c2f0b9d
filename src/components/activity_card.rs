//! One activity in a list: category, title, time, place, team and places left.

use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityStatus, Category};

use super::category::{colour_style, CategoryTag};
use super::SignupButton;
use crate::i18n::{places_wording, time_range, use_i18n};

/// A machine-readable status for styling and tests (`open`, `full`, …).
pub fn status_key(status: ActivityStatus, places_left: u32) -> &'static str {
    match status {
        ActivityStatus::Draft => "draft",
        ActivityStatus::Open if places_left == 0 => "full",
        ActivityStatus::Open => "open",
        ActivityStatus::Full => "full",
        ActivityStatus::Closed => "closed",
        ActivityStatus::Cancelled => "cancelled",
        ActivityStatus::Finished => "finished",
    }
}

/// A card linking to the activity's page, with its sign-up button below the link (a button may
/// not sit inside a link).
#[component]
pub fn ActivityCard(
    activity: Activity,
    /// The activity's category, looked up by its slug; `None` if the backend did not list it.
    category: Option<Category>,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/activities/{}", activity.id);
    let style = colour_style(category.as_ref());
    let wrap_style = style.clone();
    // Places change when someone signs up from this card: the button hands back the activity.
    let live = RwSignal::new((activity.status, activity.places_left));
    let (starts_at, ends_at) = (activity.starts_at, activity.ends_at);
    let time = move || time_range(i18n.locale(), &starts_at, &ends_at);
    let places = move || {
        let (status, places_left) = live.get();
        places_wording(i18n.locale(), status, places_left)
    };
    let data_status = move || {
        let (status, places_left) = live.get();
        status_key(status, places_left)
    };
    let team = activity.team.clone().map(|team| team.name);
    let title = activity.title.clone();
    let place = activity.place.clone();
    let on_refreshed = move |fresh: Activity| live.set((fresh.status, fresh.places_left));

    // The wrapper carries the category's colour to the sign-up row below the card as well.
    view! {
        <div class="activity-card-wrap" style=wrap_style>
            <a
                class="activity-card"
                data-testid="activity-card"
                data-status=data_status
                href=href
                style=style
            >
                <span class="activity-card__stripe" aria-hidden="true"></span>
                <span class="activity-card__body">
                    <CategoryTag category=category />
                    <h3 class="activity-card__title">{title}</h3>
                    <span class="activity-card__line">
                        <time class="activity-card__time" datetime=starts_at.to_rfc3339()>
                            {time}
                        </time>
                        <span class="activity-card__place">{place}</span>
                    </span>
                    {team.map(|team| view! { <span class="activity-card__team">{team}</span> })}
                    <span class="activity-card__places">{places}</span>
                </span>
            </a>
            <SignupButton activity=activity compact=true on_refreshed=on_refreshed />
        </div>
    }
}
