//! Without a network: what the service worker (`public/sw.js`) tells the app, and what the app
//! tells it.
//!
//! An API read the worker answers from its cache carries `X-Station-Offline: <when it was
//! fetched>`; [`crate::api::Api`] keeps that moment in a signal, and the shell says "离线 · 更新于
//! 14:05" while it is set (the next answer from the network clears it). Answers for a signed-in
//! person are kept in the `station-private` cache, which goes whenever the session does.

use chrono::FixedOffset;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::hooks::use_station_now;
use crate::i18n::{fill, full_date, time_hm, use_i18n};

/// The response header a cached answer carries: when it was fetched (RFC 3339).
pub const OFFLINE_HEADER: &str = "x-station-offline";

/// The cache of answers for a signed-in person (see `public/sw.js`).
const PRIVATE_CACHE: &str = "station-private";

/// Deletes what the service worker kept for the signed-in person: at sign-out, at a new
/// sign-in, and when the session ends by itself.
pub fn forget_private_reads() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(caches) = js_sys::Reflect::get(&window, &JsValue::from_str("caches")) else {
        return;
    };
    if caches.is_undefined() || caches.is_null() {
        return;
    }
    if let Ok(delete) = js_sys::Reflect::get(&caches, &JsValue::from_str("delete")) {
        if let Some(delete) = delete.dyn_ref::<js_sys::Function>() {
            let _ = delete.call1(&caches, &JsValue::from_str(PRIVATE_CACHE));
        }
    }
}

/// "离线 · 更新于 14:05" (or with the day, when not today) while the data shown came from the
/// service worker's cache.
#[component]
pub fn OfflineNote() -> impl IntoView {
    let i18n = use_i18n();
    let api = crate::api::use_api();
    let now = use_station_now();
    let note = move || {
        let fetched = api.offline_since()?;
        let fetched = station_wire::time::parse(&fetched);
        let locale = i18n.locale();
        let when = match (fetched, now.get()) {
            (Some(fetched), Some(now)) => {
                let fetched = fetched.with_timezone(now.offset());
                if fetched.date_naive() == now.date_naive() {
                    time_hm(&fetched)
                } else {
                    format!(
                        "{} {}",
                        full_date(locale, fetched.date_naive()),
                        time_hm(&fetched)
                    )
                }
            }
            (Some(fetched), None) => {
                let china = FixedOffset::east_opt(8 * 3600).expect("a valid offset");
                time_hm(&fetched.with_timezone(&china))
            }
            (None, _) => String::new(),
        };
        let text = if when.is_empty() {
            i18n.t().offline().note.to_string()
        } else {
            fill(i18n.t().offline().note_since, &[("when", &when)])
        };
        Some(view! { <p class="offline-note" role="status" data-testid="offline-note">{text}</p> })
    };
    view! { {note} }
}
