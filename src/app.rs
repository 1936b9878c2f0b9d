//! The app shell: context at the root, header, routed main content and the bottom navigation.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::Api;
use crate::components::BottomNav;
use crate::config::{provide_config, Config};
use crate::hooks::{provide_station_data, use_station};
use crate::i18n::{provide_i18n, use_i18n, Locale};
use crate::pages::{ActivityPage, AgendaPage, ComingSoonPage, NotFoundPage, Upcoming};

#[component]
pub fn App(config: Config) -> impl IntoView {
    provide_context(Api::new(&config.api_base));
    provide_config(config);
    provide_station_data();
    provide_i18n(Locale::default());

    view! {
        <Router>
                <Header />
                <main id="main" class="app-main">
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=AgendaPage />
                        <Route path=path!("/activities/:id") view=ActivityPage />
                        <Route
                            path=path!("/honors")
                            view=|| view! { <ComingSoonPage feature=Upcoming::Honors /> }
                        />
                        <Route
                            path=path!("/wishes")
                            view=|| view! { <ComingSoonPage feature=Upcoming::Wishes /> }
                        />
                        <Route
                            path=path!("/me")
                            view=|| view! { <ComingSoonPage feature=Upcoming::Me /> }
                        />
                    </Routes>
                </main>
                <BottomNav />
        </Router>
    }
}

/// The station's name once the backend has said it; a generic title until then.
#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let station = use_station();
    let name = move || match station.get() {
        Some(Ok(station)) => station.name,
        _ => i18n.t().app.fallback_title.to_string(),
    };
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(&name());
        }
    });
    view! {
        <header class="app-header">
            <a class="app-header__name" href="/" data-testid="station-name">
                <svg class="app-header__mark" viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M12 2.5l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17l-5.7 3 1.2-6.4-4.7-4.4 6.4-.8z" />
                </svg>
                <span>{name}</span>
            </a>
        </header>
    }
}
