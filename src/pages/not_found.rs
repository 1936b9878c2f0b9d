use crate::router::use_location;
use leptos::prelude::*;

use crate::bundle::{hand_over, use_bundle, Bundle};
use crate::components::DetailSkeleton;
use crate::i18n::use_i18n;

/// The router's fallback. A path of another area is handed to that area with a full page load
/// (it has no route in this bundle); any other path is one the app does not know. Links and
/// history never lead to another area's path within a page (the router loads those), so the
/// path this page is drawn for is the one to judge: no effect or memo watches it.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let path = use_location().pathname.get_untracked();
    // `hand_over` declines a path it has just handed over (the other area did not take it):
    // then this page says it is unknown rather than loading it again and again.
    if Bundle::of_path(&path) != use_bundle() && hand_over() {
        return view! { <DetailSkeleton /> }.into_any();
    }
    view! {
        <div class="page page--narrow" data-testid="not-found">
            <h1 class="page__title">{i18n.messages().not_found().title}</h1>
            <p class="page__lead">{i18n.messages().not_found().body}</p>
            <a class="button" href="/">
                {i18n.messages().not_found().back_home}
            </a>
        </div>
    }
    .into_any()
}
