//! An address to copy: read-only, selected on focus, with 复制 (the clipboard when the browser
//! allows it, else the text selected for a long press) and what happened said.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;

#[component]
pub fn CopyField(
    /// The field's label, e.g. 订阅地址.
    label: &'static str,
    value: String,
    /// The input's `data-testid`.
    #[prop(into)]
    testid: String,
) -> impl IntoView {
    let texts = use_i18n().messages().copy();
    let copied = RwSignal::new(None::<bool>);
    let input = NodeRef::<leptos::html::Input>::new();
    let copy = {
        let value = value.clone();
        move |_| {
            let select = move || {
                // Selected, so that a long press copies it.
                if let Some(input) = input.get_untracked() {
                    input.select();
                }
            };
            let navigator = web_sys::window().map(|window| window.navigator());
            // No clipboard outside a secure context (a station served over plain http).
            let Some(navigator) = navigator.filter(|navigator| {
                js_sys::Reflect::get(navigator, &"clipboard".into())
                    .is_ok_and(|clipboard| !clipboard.is_undefined())
            }) else {
                copied.set(Some(false));
                select();
                return;
            };
            let promise = navigator.clipboard().write_text(&value);
            leptos::task::spawn_local(async move {
                let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                copied.set(Some(done));
                if !done {
                    select();
                }
            });
        }
    };
    view! {
        <div class="copy-field">
            <label class="field">
                <span class="field__label">{label}</span>
                <input
                    class="field__input copy-field__input"
                    node_ref=input
                    readonly
                    value=value
                    data-testid=testid
                    on:focus=|event| {
                        if let Some(input) = event
                            .target()
                            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            input.select();
                        }
                    }
                />
            </label>
            // Named with what it copies: a page may hold more than one.
            <button type="button" class="button button--quiet" aria-label=format!("{} {label}", texts.copy) on:click=copy>
                {texts.copy}
            </button>
            <p class="form__done" role="status">
                {move || copied.get().map(|done| if done { texts.copied } else { texts.failed })}
            </p>
        </div>
    }
}
