use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Any path the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="page page--narrow" data-testid="not-found">
            <h1 class="page__title">{move || i18n.t().not_found.title}</h1>
            <p class="page__lead">{move || i18n.t().not_found.body}</p>
            <a class="button" href="/">
                {move || i18n.t().not_found.back_home}
            </a>
        </div>
    }
}
