//! One activity in a list: category, title, time, place and station, team and places left.

use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityStatus, Category};

use super::category::{colour_of, colour_style};
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
/// not sit inside a link).
#[component]
pub fn ActivityCard(activity: Activity, category: Option<Category>) -> impl IntoView {
    let i18n = use_i18n();
    let style = colour_style(category.as_ref());
    let live = RwSignal::new((activity.status, activity.places_left));
    let link = {
        let activity = activity.clone();
        move || {
            let mut markup = Markup::default();
            write_card_link(
                &mut markup,
                i18n.locale(),
                &activity,
                category.as_ref(),
                live.get(),
            );
            markup.into_string()
        }
    };
    let on_refreshed = move |fresh: Activity| live.set((fresh.status, fresh.places_left));
    // The wrapper carries the category's colour to the sign-up row below the card as well.
    view! {
        <div class="activity-card-wrap" style=style>
            <div inner_html=link></div>
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
