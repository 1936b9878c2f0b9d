//! Every user-visible string goes through here.
//!
//! The messages live in `locales/<tag>.json`; `build.rs` compiles them into typed tables (one
//! struct per JSON object, one `&'static str` per message), so a misspelt key does not compile
//! and a locale that lacks a key does not build. Components read them through [`use_i18n`]:
//! `i18n.t().calendar().title`; each section is a static of its own, so a bundle carries only
//! the sections it uses. Messages with values in them hold `{name}` placeholders filled by
//! [`fill`]. zh-CN is compiled in; zh-TW and English are loaded when a page starts in them
//! (`load.rs`), so that no bundle carries a language it does not show.
//!
//! This replaces leptos_i18n 0.6: its runtime (leptos-use, ICU locale parsing) cost about 5 KB of
//! brotli in a 200 KB first-load budget, and its string interpolation needs a build script that
//! compiles ICU's data tooling. Dates and times are formatted here, in the station's offset.

mod errors;
mod format;
mod load;

use leptos::prelude::*;

pub use self::errors::{
    error_message, field_error_messages, field_label, field_message, field_sentence, NO_ACCOUNT,
};
pub use self::format::{
    day_heading, full_date, month_name, places_wording, relative_day, time_hm, time_range,
    weekday_name,
};
use self::load::section;
pub use self::load::{choose_locale, load_chosen, load_strings, page_locale, LOCALE_KEY};

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// Fills `{name}` placeholders: `fill("剩余 {count} 个名额", &[("count", &3)])`. A plural choice
/// `{name|one|other}` takes `one` when the value is 1 (`"{count} {count|place|places} left"`).
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        let value = value.to_string();
        out = out.replace(&format!("{{{name}}}"), &value);
        let choice = format!("{{{name}|");
        while let Some(start) = out.find(&choice) {
            let Some(length) = out[start..].find('}') else {
                break;
            };
            let inner = &out[start + choice.len()..start + length];
            let (one, other) = inner.split_once('|').unwrap_or((inner, inner));
            let chosen = if value == "1" { one } else { other }.to_owned();
            out.replace_range(start..start + length + 1, &chosen);
        }
    }
    out
}

/// The reader's language, shared through context. `Copy`, like a signal.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    pub fn new(locale: Locale) -> Self {
        Self {
            locale: RwSignal::new(locale),
        }
    }

    /// The current locale (tracked).
    pub fn locale(self) -> Locale {
        self.locale.get()
    }

    /// The current locale, without tracking.
    pub fn locale_untracked(self) -> Locale {
        self.locale.get_untracked()
    }

    pub fn set_locale(self, locale: Locale) {
        self.locale.set(locale);
    }

    /// The messages of the current locale, read once (untracked): for text that is rendered
    /// with the page. A locale switch re-renders the routes.
    pub fn messages(self) -> Messages {
        self.locale_untracked().messages()
    }

    /// The messages of the current locale (tracked): `i18n.t().nav().calendar`.
    pub fn t(self) -> Messages {
        self.locale().messages()
    }
}

/// Provides the language for everything below, and keeps `<html lang>` in step with it.
pub fn provide_i18n(locale: Locale) -> I18n {
    let i18n = I18n::new(locale);
    provide_context(i18n);
    Effect::new(move |_| {
        let tag = i18n.locale().tag();
        if let Some(html) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = html.set_attribute("lang", tag);
        }
    });
    i18n
}

/// The language provided at the root; the default locale when none was provided.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n::new(page_locale()))
}
