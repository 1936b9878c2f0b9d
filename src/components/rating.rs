//! 评价: 1 to 5 stars, as radio buttons (each its own label, large enough to tap), for confirming
//! a wish and rating an order; and a rating in words.

use leptos::prelude::*;

use super::FieldErrors;
use crate::i18n::{fill, use_i18n};

/// `4 星`.
pub fn stars_words(n: u8) -> String {
    fill(use_i18n().t().rating().stars, &[("n", &n)])
}

/// The choice, as the digit typed (`""` until one is picked); the error of the field `rating`.
#[component]
pub fn Rating(value: RwSignal<String>, errors: RwSignal<FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().rating();
    let invalid = move || errors.with(|errors| errors.iter().any(|(field, _)| field == "rating"));
    let options = (1..=5)
        .map(|n: u8| {
            let id = format!("rating-{n}");
            view! {
                <label class="rating__option">
                    <input type="radio" name="rating" id=id value=n.to_string()
                        prop:checked=move || value.get() == n.to_string()
                        on:change=move |_| value.set(n.to_string()) />
                    {stars_words(n)}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field rating" data-field="rating" aria-invalid=move || invalid().then_some("true")>
            <legend class="field__label">{texts.label}</legend>
            <div class="rating__options">{options}</div>
            <p class="field__error" role="alert">{move || invalid().then_some(i18n.t().rating().missing)}</p>
        </fieldset>
    }
}

/// The rating's digit as typed, or the field error that none was picked.
pub fn chosen_rating(value: RwSignal<String>) -> Result<u8, FieldErrors> {
    match value.get_untracked().parse::<u8>() {
        Ok(rating) if (1..=5).contains(&rating) => Ok(rating),
        _ => Err(vec![(
            "rating".to_owned(),
            station_wire::problem::codes::REQUIRED.to_owned(),
        )]),
    }
}
