//! The language switch: every language the app speaks, each named in itself, so that a reader
//! who cannot read the current one still finds their own.

use leptos::prelude::*;

use crate::i18n::{choose_locale, use_i18n, Locale};

#[component]
pub fn LanguageSwitch(
    /// Where it stands (`header`, `me`): a distinct id for its label.
    place: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = i18n.locale_untracked();
    let id = format!("language-{place}");
    let choose = move |event: leptos::ev::Event| {
        let tag = event_target_value(&event);
        if let Some(locale) = Locale::ALL
            .iter()
            .copied()
            .find(|locale| locale.tag() == tag)
        {
            if locale != current {
                choose_locale(locale);
            }
        }
    };
    view! {
        <div class=format!("language-switch language-switch--{place}")>
            <label class="language-switch__label" for=id.clone()>
                {i18n.messages().language().label}
            </label>
            <select class="language-switch__select" id=id on:change=choose data-testid="language-switch">
                <option value="zh-CN" lang="zh-CN" selected=current == Locale::ZhCn>{Locale::ZhCn.own_name()}</option>
                <option value="zh-TW" lang="zh-TW" selected=current == Locale::ZhTw>{Locale::ZhTw.own_name()}</option>
                <option value="en" lang="en" selected=current == Locale::En>{Locale::En.own_name()}</option>
            </select>
        </div>
    }
}
