//! A service category as the reader sees it: a colour mark *and* its name (never colour alone).

use leptos::prelude::*;
use station_wire::activities::Category;

use crate::i18n::use_i18n;

/// The colour used when a category is unknown or its colour is not a plain hex colour.
pub const NEUTRAL_COLOUR: &str = "#8a8f98";

/// Accepts only `#rgb` / `#rrggbb`: category colours are data from the backend and end up in a
/// style property, so nothing else may pass.
pub fn safe_colour(colour: &str) -> Option<&str> {
    let hex = colour.strip_prefix('#')?;
    let plain = (hex.len() == 3 || hex.len() == 6) && hex.bytes().all(|b| b.is_ascii_hexdigit());
    plain.then_some(colour)
}

/// The category with this slug, if the backend listed it.
pub fn find_category<'a>(categories: &'a [Category], slug: &str) -> Option<&'a Category> {
    categories.iter().find(|category| category.slug == slug)
}

/// A category's colour, safe for a style property or a selector.
pub fn colour_of(category: Option<&Category>) -> &str {
    category
        .and_then(|category| safe_colour(&category.colour))
        .unwrap_or(NEUTRAL_COLOUR)
}

/// The style property that hands a category's colour to the stylesheet.
pub fn colour_style(category: Option<&Category>) -> (&'static str, String) {
    (COLOUR_PROPERTY, colour_of(category).to_owned())
}

/// The custom property the stylesheet draws a category's colour from. Set through the CSSOM
/// (`style=(name, value)`), never as a `style` attribute, which the CSP forbids.
pub const COLOUR_PROPERTY: &str = "--category-colour";

/// A coloured dot followed by the category's name.
#[component]
pub fn CategoryTag(
    /// The category, or `None` when the backend did not list the activity's slug.
    category: Option<Category>,
) -> impl IntoView {
    let i18n = use_i18n();
    let style = colour_style(category.as_ref());
    let name = category.map(|category| category.name);
    view! {
        <span class="category-tag" style=style>
            <span class="category-dot" aria-hidden="true"></span>
            <span class="category-name">
                {move || {
                    name.clone()
                        .unwrap_or_else(|| i18n.t().activity().unknown_category.to_string())
                }}
            </span>
        </span>
    }
}
