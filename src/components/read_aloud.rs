//! 朗读: one button that reads a page's main facts aloud with the browser's speech synthesis in
//! the page's language. It says when it is speaking, stops on a second tap or when the page goes,
//! and is not there at all where the browser has no voice for the language.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

use crate::i18n::use_i18n;

/// The browser's speech synthesis, where it has one.
fn synthesis() -> Option<SpeechSynthesis> {
    let window = web_sys::window()?;
    let found = js_sys::Reflect::get(&window, &JsValue::from_str("speechSynthesis")).ok()?;
    (!found.is_undefined() && !found.is_null()).then(|| found.unchecked_into())
}

/// The voice for a BCP 47 `tag`: one of exactly that language and region, else one of the
/// language (a zh-CN voice reads 繁體中文 too).
pub fn voice_for(voices: &[SpeechSynthesisVoice], tag: &str) -> Option<SpeechSynthesisVoice> {
    let lang = |voice: &SpeechSynthesisVoice| voice.lang().replace('_', "-").to_ascii_lowercase();
    let tag = tag.to_ascii_lowercase();
    let primary = tag.split('-').next().unwrap_or_default();
    voices
        .iter()
        .find(|voice| lang(voice) == tag)
        .or_else(|| {
            voices
                .iter()
                .find(|voice| lang(voice).split('-').next() == Some(primary))
        })
        .cloned()
}

fn voices(synthesis: &SpeechSynthesis) -> Vec<SpeechSynthesisVoice> {
    synthesis
        .get_voices()
        .iter()
        .map(JsCast::unchecked_into)
        .collect()
}

/// What is being spoken: the utterance and the handler its end calls, dropped together once
/// the handler can no longer be called.
struct Speaking {
    utterance: SpeechSynthesisUtterance,
    _on_end: Closure<dyn Fn()>,
}

impl Speaking {
    /// Stops it without a call back into a handler that is about to go.
    fn stop(self, synthesis: &SpeechSynthesis) {
        self.utterance.set_onend(None);
        self.utterance.set_onerror(None);
        synthesis.cancel();
    }
}

/// The 朗读 button for `text`, read in the page's language.
#[component]
pub fn ReadAloud(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(synth) = synthesis() else {
        return ().into_any();
    };
    let voice = RwSignal::new_local(None::<SpeechSynthesisVoice>);
    let speaking = StoredValue::new_local(None::<Speaking>);
    let is_speaking = RwSignal::new(false);
    let find_voice = {
        let synth = synth.clone();
        move || voice.set(voice_for(&voices(&synth), i18n.locale_untracked().tag()))
    };
    // Voices may come in after the page (Chromium loads them late): look again when they do,
    // and when the language changes.
    let on_voices = Closure::<dyn Fn()>::new(find_voice.clone());
    synth.set_onvoiceschanged(Some(on_voices.as_ref().unchecked_ref()));
    let on_voices = StoredValue::new_local(Some(on_voices));
    Effect::new(move |_| {
        i18n.locale();
        find_voice();
    });

    let stop = {
        let synth = synth.clone();
        move || {
            if let Some(current) = speaking.try_update_value(Option::take).flatten() {
                current.stop(&synth);
            }
            is_speaking.set(false);
        }
    };
    on_cleanup({
        let (synth, stop) = (synth.clone(), stop.clone());
        move || {
            synth.set_onvoiceschanged(None);
            on_voices.try_update_value(Option::take);
            stop();
        }
    });
    let toggle = {
        let synth = synth.clone();
        move |_| {
            if is_speaking.get_untracked() {
                stop();
                return;
            }
            let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&text.get_untracked())
            else {
                return;
            };
            utterance.set_lang(i18n.locale_untracked().tag());
            utterance.set_voice(voice.get_untracked().as_ref());
            let on_end = Closure::<dyn Fn()>::new(move || is_speaking.set(false));
            utterance.set_onend(Some(on_end.as_ref().unchecked_ref()));
            utterance.set_onerror(Some(on_end.as_ref().unchecked_ref()));
            // Whatever else the page was reading stops first.
            synth.cancel();
            synth.speak(&utterance);
            speaking.set_value(Some(Speaking {
                utterance,
                _on_end: on_end,
            }));
            is_speaking.set(true);
        }
    };
    view! {
        <Show when=move || voice.with(Option::is_some)>
            <div class="read-aloud" class:read-aloud--speaking=move || is_speaking.get()>
                <button type="button" class="button button--quiet read-aloud__button" on:click=toggle.clone()>
                    <svg viewBox="0 0 24 24" aria-hidden="true">
                        <path d="M4 9v6h4l5 4V5L8 9H4z" />
                        <path d="M16 8.5a5 5 0 0 1 0 7" />
                    </svg>
                    {move || if is_speaking.get() { i18n.t().read_aloud().stop } else { i18n.t().read_aloud().start }}
                </button>
                <span class="read-aloud__status" role="status">
                    {move || is_speaking.get().then(|| i18n.t().read_aloud().speaking)}
                </span>
            </div>
        </Show>
    }
    .into_any()
}
