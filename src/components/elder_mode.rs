//! 长辈版 (elder mode): larger type, larger targets, simpler cards — the stylesheet's
//! `:root[data-mode="elder"]`. index.html's script sets the attribute from the choice stored on
//! this device before anything is drawn; the switch here changes both at once, without a reload.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// The `localStorage` key of the choice: `elder` or `normal` (absent: not chosen yet, and the
/// calendar offers it).
pub const MODE_KEY: &str = "station.mode";

/// Whether elder mode is on, shared by every switch on the page.
#[derive(Clone, Copy)]
pub struct ElderMode {
    pub on: RwSignal<bool>,
    /// Whether this device has chosen either way.
    pub chosen: RwSignal<bool>,
}

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

impl ElderMode {
    /// Turns elder mode on or off, on this page and for the next ones on this device.
    pub fn set(self, on: bool) {
        if let Some(root) = root() {
            let _ = if on {
                root.set_attribute("data-mode", "elder")
            } else {
                root.remove_attribute("data-mode")
            };
        }
        if let Some(storage) = storage() {
            let _ = storage.set_item(MODE_KEY, if on { "elder" } else { "normal" });
        }
        self.on.set(on);
        self.chosen.set(true);
    }
}

/// Provides the mode as index.html's script set it (call once, at the root).
pub fn provide_elder_mode() {
    let on = root()
        .and_then(|root| root.get_attribute("data-mode"))
        .as_deref()
        == Some("elder");
    let chosen = storage()
        .and_then(|storage| storage.get_item(MODE_KEY).ok().flatten())
        .is_some();
    provide_context(ElderMode {
        on: RwSignal::new(on),
        chosen: RwSignal::new(chosen),
    });
}

pub fn use_elder_mode() -> ElderMode {
    use_context::<ElderMode>().unwrap_or(ElderMode {
        on: RwSignal::new(false),
        chosen: RwSignal::new(true),
    })
}

/// The switch: a button that says 长辈版 and whether it is on (`aria-pressed`).
#[component]
pub fn ElderToggle(
    /// Where it stands (`header`, `me`), for its style.
    place: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let mode = use_elder_mode();
    view! {
        <button
            type="button"
            class=format!("elder-toggle elder-toggle--{place}")
            aria-pressed=move || if mode.on.get() { "true" } else { "false" }
            on:click=move |_| mode.set(!mode.on.get_untracked())
            data-testid="elder-toggle"
        >
            {i18n.messages().app().elder_mode}
        </button>
    }
}

/// The first visit's offer, inline above the calendar (not a pop-up), until the reader chooses
/// either way here or with a switch.
#[component]
pub fn ElderOffer() -> impl IntoView {
    let i18n = use_i18n();
    let mode = use_elder_mode();
    let texts = i18n.messages().calendar();
    move || {
        (!mode.chosen.get()).then(|| {
            view! {
                <section class="elder-offer" aria-labelledby="elder-offer" data-testid="elder-offer">
                    <p class="elder-offer__text" id="elder-offer">{texts.elder_offer}</p>
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| mode.set(true)>
                            {texts.elder_offer_yes}
                        </button>
                        <button type="button" class="button button--quiet" on:click=move |_| mode.set(false)>
                            {texts.elder_offer_no}
                        </button>
                    </div>
                </section>
            }
        })
    }
}
