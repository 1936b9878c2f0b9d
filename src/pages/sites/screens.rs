//! `/staff/screens`: 大屏 — for each site one runs, the link to open on the hall's screen (to
//! copy) with a preview, and every screen that has asked for its data with when it last did:
//! one silent for more than ten minutes is marked, so a dark screen is noticed.

use leptos::prelude::*;
use station_wire::screens::ScreenStatus;

use crate::api::use_api;
use crate::components::site_select::use_site_rows;
use crate::components::{AsyncList, CopyField};
use crate::i18n::{full_date, time_hm, use_i18n};
use crate::load::Load;
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::session::use_session;

#[component]
pub fn ScreensPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let texts = i18n.messages().screens();
    let sites = use_site_rows();
    let origin = web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default();
    let links = move || {
        sites
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|(id, _, _)| session.manages_site(*id))
            .map(|(id, _, name)| {
                let address = format!("{origin}{}", paths::screen(id));
                let shown = RwSignal::new(false);
                view! {
                    <li class="service" data-testid="screen-link">
                        <h3 class="service__name">{name.trim().to_owned()}</h3>
                        <CopyField value=address label=texts.link_label testid="screen-address" />
                        <div class="service__actions">
                            <button type="button" class="button button--quiet"
                                aria-expanded=move || shown.get().to_string()
                                on:click=move |_| shown.update(|shown| *shown = !*shown)>
                                {move || if shown.get() { texts.hide_preview } else { texts.preview }}
                            </button>
                            <a class="button button--quiet" href=paths::screen_preview(id) target="_blank" rel="external">
                                {texts.open_full}
                            </a>
                        </div>
                        {move || shown.get().then(|| view! { <ScreenPreview site=id /> })}
                    </li>
                }
            })
            .collect_view()
    };
    let heartbeats = Load::new(move || {
        let api = api.clone();
        async move { api.staff_screens().await.map(|list| list.items) }
    });
    view! {
        <div class="page">
            <a class="back-link" href=paths::CONSOLE>{texts.back}</a>
            <h1 class="page__title">{texts.title}</h1>
            <p class="page__lead">{texts.lead}</p>
            <section class="panel" aria-labelledby="screen-links">
                <h2 class="panel__title" id="screen-links">{texts.links_title}</h2>
                <ul class="service-list">{links}</ul>
            </section>
            <section class="panel" aria-labelledby="screen-seen">
                <h2 class="panel__title" id="screen-seen">{texts.seen_title}</h2>
                <AsyncList
                    items=heartbeats
                    empty=move || view! { <p class="panel__empty">{texts.none_seen}</p> }
                    list=seen_list
                />
            </section>
        </div>
    }
}

/// The screen as the hall sees it, drawn at 1920 × 1080 and scaled down to the width there is:
/// the page itself in a frame (as a preview, which records no heartbeat), never a picture of it.
#[component]
fn ScreenPreview(site: i64) -> impl IntoView {
    let texts = use_i18n().messages().screens();
    let frame_box = NodeRef::<leptos::html::Div>::new();
    let scale = RwSignal::new(0.0_f64);
    let measure = move || {
        if let Some(frame_box) = frame_box.get_untracked() {
            let width = f64::from(frame_box.client_width());
            if width > 0.0 {
                scale.set(width / 1920.0);
            }
        }
    };
    Effect::new(move |_| {
        if frame_box.get().is_some() {
            measure();
        }
    });
    let resized = window_event_listener_untyped("resize", move |_| measure());
    on_cleanup(move || resized.remove());
    view! {
        // A picture for the eye: out of the accessibility tree and of the tab order, which
        // would otherwise meet a second page's landmarks and headings in the middle of this one.
        <div class="screen-preview" node_ref=frame_box data-testid="screen-preview" aria-hidden="true" inert>
            <iframe class="screen-preview__frame" src=paths::screen_preview(site) title=texts.preview_title
                width="1920" height="1080" tabindex="-1"
                style:transform=move || format!("scale({:.4})", scale.get())></iframe>
        </div>
    }
}

fn seen_list(screens: Vec<ScreenStatus>) -> impl IntoView {
    view! {
        <ul class="me-list">
            {screens.into_iter().map(|screen| view! { <Seen screen /> }).collect_view()}
        </ul>
    }
}

#[component]
fn Seen(screen: ScreenStatus) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().screens();
    let locale = i18n.locale_untracked();
    let when = format!(
        "{} {}",
        full_date(locale, screen.last_seen_at.date_naive()),
        time_hm(&screen.last_seen_at)
    );
    let (class, state) = if screen.stale {
        ("status status--cancelled", texts.stale)
    } else {
        ("status status--open", texts.live)
    };
    view! {
        <li class="me-item" data-testid="screen-seen">
            <span class="me-item__title">{format!("{} · {}", screen.site.name, screen.name)}</span>
            <span><span class=class>{state}</span></span>
            <span class="me-item__when">{crate::i18n::fill(texts.last_seen, &[("when", &when)])}</span>
        </li>
    }
}
