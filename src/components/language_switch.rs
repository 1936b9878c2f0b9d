//! The language switch: every language the app speaks, each named in itself, so that a reader
//! who cannot read the current one still finds their own. A choice is a button pressed on
//! purpose (the page loads again in the language), never a list that changes the page while
//! its arrow keys are being tried (WCAG 3.2.2). In the header the buttons fold behind the
//! current language's name; on 我的 they stand in a row.

use leptos::prelude::*;

use crate::i18n::{choose_locale, use_i18n, Locale};

/// Escape folds the header's choices away again, as a menu would.
fn close_on_escape(event: leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    if event.key() != "Escape" {
        return;
    }
    if let Some(details) = event
        .current_target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
    {
        let _ = details.remove_attribute("open");
    }
}

#[component]
pub fn LanguageSwitch(
    /// Where it stands (`header`, `me`): a distinct id for its label.
    place: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = i18n.locale_untracked();
    let label = i18n.messages().language().label;
    let label_id = format!("language-{place}");
    // In the order readers expect them: the two Chinese scripts together, then English.
    let choices = [Locale::ZhCn, Locale::ZhTw, Locale::En]
        .into_iter()
        .map(|locale| {
            view! {
                <button
                    type="button"
                    class="language-switch__choice"
                    lang=locale.tag()
                    aria-current=(locale == current).then_some("true")
                    on:click=move |_| {
                        if locale != current {
                            choose_locale(locale);
                        }
                    }
                >
                    {locale.own_name()}
                </button>
            }
        })
        .collect_view();
    let choices = view! {
        <div class="language-switch__choices" role="group" aria-labelledby=label_id.clone()>
            {choices}
        </div>
    };
    if place == "header" {
        view! {
            <details
                class=format!("language-switch language-switch--{place}")
                data-testid="language-switch"
                on:keydown=close_on_escape
            >
                <summary class="language-switch__current">
                    // Read as "语言 Language 简体中文": the space keeps the two apart.
                    <span class="visually-hidden" id=label_id>{format!("{label} ")}</span>
                    <span lang=current.tag()>{current.own_name()}</span>
                </summary>
                {choices}
            </details>
        }
        .into_any()
    } else {
        view! {
            <div class=format!("language-switch language-switch--{place}") data-testid="language-switch">
                <span class="language-switch__label" id=label_id>{label}</span>
                {choices}
            </div>
        }
        .into_any()
    }
}
