//! Honest placeholders for the tabs that are not built yet: what they will do, no fake data.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upcoming {
    Honors,
    Wishes,
}

#[component]
pub fn ComingSoonPage(feature: Upcoming) -> impl IntoView {
    let i18n = use_i18n();
    let title = move || {
        let messages = &i18n.t().coming_soon();
        match feature {
            Upcoming::Honors => messages.honors_title,
            Upcoming::Wishes => messages.wishes_title,
        }
    };
    let body = move || {
        let messages = &i18n.t().coming_soon();
        match feature {
            Upcoming::Honors => messages.honors_body,
            Upcoming::Wishes => messages.wishes_body,
        }
    };
    view! {
        <div class="page page--narrow" data-testid="coming-soon">
            <h1 class="page__title">{title}</h1>
            <p class="badge">{i18n.messages().coming_soon().badge}</p>
            <p class="page__lead">{body}</p>
            <a class="button button--quiet" href="/">
                {i18n.messages().coming_soon().back_home}
            </a>
        </div>
    }
}
