//! One activity in a list: category, title, time, place and station, team and places left.

use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityStatus, Category};

use super::category::{colour_of, colour_style, CategoryTag};
use super::markup::{colour_rule, Markup, COLOUR_ATTRIBUTE};
use super::SignupButton;
use crate::i18n::{places_wording, time_range, use_i18n, Locale};

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
/// not sit inside a link). Its link is drawn by Leptos, not written as markup as a list's link
/// cards are ([`write_link_card`]): its places change after a sign-up, and the home page's bundle,
/// at its budget, has no room for the markup writer. The two draw the same link (a component
/// test holds them to it).
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

/// How a list draws each card: [`full_card`] or [`link_card`] (a plain `fn`, so that a bundle
/// holds only the one it names).
pub type CardView = fn(Activity, Option<Category>) -> AnyView;

pub fn full_card(activity: Activity, category: Option<Category>) -> AnyView {
    view! { <ActivityCard activity=activity category=category /> }.into_any()
}

/// The card without its sign-up button: in lists where one signs up on the activity's page
/// (their bundle holds no sign-up code).
pub fn link_card(activity: Activity, category: Option<Category>) -> AnyView {
    let i18n = use_i18n();
    let style = colour_style(category.as_ref());
    let link = move || {
        let mut markup = Markup::default();
        let live = (activity.status, activity.places_left);
        write_card_link(
            &mut markup,
            i18n.locale(),
            &activity,
            category.as_ref(),
            live,
        );
        markup.into_string()
    };
    view! { <div class="activity-card-wrap" style=style inner_html=link></div> }.into_any()
}

/// [`link_card`] written as markup, for lists written so (the month's day, the week).
pub fn write_link_card(
    markup: &mut Markup,
    locale: Locale,
    activity: &Activity,
    category: Option<&Category>,
) {
    let colour = colour_of(category);
    markup.open(
        "div",
        &[("class", "activity-card-wrap"), (COLOUR_ATTRIBUTE, colour)],
    );
    write_card_link(
        markup,
        locale,
        activity,
        category,
        (activity.status, activity.places_left),
    );
    markup.close("div");
}

/// The card's link: category, title, time, place, station, team and places left (`live`: the
/// status and places as last known). Written as markup: a list of cards is drawn in bulk.
fn write_card_link(
    markup: &mut Markup,
    locale: Locale,
    activity: &Activity,
    category: Option<&Category>,
    (status, places_left): (ActivityStatus, u32),
) {
    let colour = colour_of(category);
    colour_rule(colour);
    let hidden = ("aria-hidden", "true");
    let unknown = locale.messages().activity().unknown_category;
    markup
        .open(
            "a",
            &[
                ("class", "activity-card"),
                ("data-testid", "activity-card"),
                ("data-status", status_key(status, places_left)),
                ("href", &crate::paths::activity(activity.id)),
                (COLOUR_ATTRIBUTE, colour),
            ],
        )
        .element("span", &[("class", "activity-card__stripe"), hidden], "")
        .open("span", &[("class", "activity-card__body")])
        // The category as [`super::CategoryTag`] draws it.
        .open(
            "span",
            &[("class", "category-tag"), (COLOUR_ATTRIBUTE, colour)],
        )
        .element("span", &[("class", "category-dot"), hidden], "")
        .element(
            "span",
            &[("class", "category-name")],
            category.map_or(unknown, |category| &category.name),
        )
        .close("span")
        .element("h3", &[("class", "activity-card__title")], &activity.title)
        .open("span", &[("class", "activity-card__line")])
        .element(
            "time",
            &[
                ("class", "activity-card__time"),
                ("datetime", &activity.starts_at.to_rfc3339()),
            ],
            &time_range(locale, &activity.starts_at, &activity.ends_at),
        )
        .element(
            "span",
            &[("class", "activity-card__place")],
            &activity.place,
        )
        .element(
            "span",
            &[("class", "activity-card__site")],
            &activity.site.name,
        )
        .close("span");
    if let Some(team) = &activity.team {
        markup.element("span", &[("class", "activity-card__team")], &team.name);
    }
    markup
        .element(
            "span",
            &[("class", "activity-card__places")],
            &places_wording(locale, status, places_left),
        )
        .close("span")
        .close("a");
}

/// The card's link as [`ActivityCard`] draws it (see [`write_card_link`]).
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
