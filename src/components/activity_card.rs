//! One activity in a list: category, title, time, place and station, team and places left.

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
pub fn ActivityCard(activity: Activity, category: Option<Category>) -> impl IntoView {
    let style = colour_style(category.as_ref());
    let live = RwSignal::new((activity.status, activity.places_left));
    let link = card_link(&activity, category, live);
    let on_refreshed = move |fresh: Activity| live.set((fresh.status, fresh.places_left));
    // The wrapper carries the category's colour to the sign-up row below the card as well.
    view! {
        <div class="activity-card-wrap" style=style>
            {link}
            <SignupButton activity=activity compact=true on_refreshed=on_refreshed />
        </div>
    }
}

/// The card without its sign-up button: in the month and the week, where one signs up on the
/// activity's page (their bundle holds no sign-up code).
#[component]
pub fn ActivityCardLink(activity: Activity, category: Option<Category>) -> impl IntoView {
    let style = colour_style(category.as_ref());
    let live = RwSignal::new((activity.status, activity.places_left));
    view! { <div class="activity-card-wrap" style=style>{card_link(&activity, category, live)}</div> }
}

/// How a list draws each card: [`full_card`] or [`link_card`] (a plain `fn`, so that a bundle
/// holds only the one it names).
pub type CardView = fn(Activity, Option<Category>) -> AnyView;

pub fn full_card(activity: Activity, category: Option<Category>) -> AnyView {
    view! { <ActivityCard activity=activity category=category /> }.into_any()
}

pub fn link_card(activity: Activity, category: Option<Category>) -> AnyView {
    view! { <ActivityCardLink activity=activity category=category /> }.into_any()
}

/// The card's link: category, title, time, place, team and places left (`live`: the status and
/// places as last known).
fn card_link(
    activity: &Activity,
    category: Option<Category>,
    live: RwSignal<(ActivityStatus, u32)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/activities/{}", activity.id);
    let style = colour_style(category.as_ref());
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
    let site = activity.site.name.clone();
    view! {
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
                    <span class="activity-card__site">{site}</span>
                </span>
                {team.map(|team| view! { <span class="activity-card__team">{team}</span> })}
                <span class="activity-card__places">{places}</span>
            </span>
        </a>
    }
}
