use crate::router::use_location;
use leptos::prelude::*;

use crate::bundle::{hand_over, use_bundle, Bundle};
use crate::components::DetailSkeleton;
use crate::i18n::use_i18n;

/// The router's fallback. A path of another area is handed to that area with a full page load
/// (it has no route in this bundle); any other path is one the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let here = use_bundle();
    // Whether the path belongs to another area.
    let elsewhere = Memo::new(move |_| Bundle::of_path(&location.pathname.get()) != here);
    let (stuck, set_stuck) = signal(false);
    Effect::new(move |_| {
        if elsewhere.get() {
            set_stuck.set(!hand_over());
        }
    });
    let leaving = move || elsewhere.get() && !stuck.get();
    view! {
        <Show when=move || !leaving() fallback=|| view! { <DetailSkeleton /> }>
            <div class="page page--narrow" data-testid="not-found">
                <h1 class="page__title">{i18n.messages().not_found().title}</h1>
                <p class="page__lead">{i18n.messages().not_found().body}</p>
                <a class="button" href="/">
                    {i18n.messages().not_found().back_home}
                </a>
            </div>
        </Show>
    }
}
