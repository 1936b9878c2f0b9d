//! Which language a page shows, and the strings of a language besides the default.
//!
//! zh-CN is compiled into every bundle. index.html's script chooses the language (the one
//! chosen on this device, else the browser's) and starts fetching its strings while the app
//! loads (`/locales/<tag>.json`, written by `scripts/locales.mjs`: the fingerprint of this
//! build's keys, then every string in key order); they stay for the page's life. Choosing
//! another language stores the choice and loads the page again, so that no bundle carries a
//! language it does not show.

use std::cell::OnceCell;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::{Locale, KEYS_FINGERPRINT, STRING_COUNT};

/// The `localStorage` key of the language chosen on this device.
pub const LOCALE_KEY: &str = "station.locale";

thread_local! {
    /// The language loaded for this page, and its strings.
    static LOADED: OnceCell<(Locale, &'static [&'static str])> = const { OnceCell::new() };
}

/// The section at `offset` of the strings loaded for `locale` (none for the default language,
/// or for one that was not loaded).
///
/// # Safety
/// `T` must be a section struct of build.rs: `#[repr(C)]`, holding only `&'static str` fields
/// or structs of them, in the loaded order — exactly `[&str; n]` (asserted where generated).
pub(super) unsafe fn section<T>(locale: Locale, offset: usize) -> Option<&'static T> {
    if locale == Locale::default() {
        return None;
    }
    let count = std::mem::size_of::<T>() / std::mem::size_of::<&str>();
    let strings = LOADED.with(|cell| {
        let (loaded, strings) = cell.get()?;
        (*loaded == locale).then_some(*strings)
    })?;
    let strings: &'static [&'static str] = strings.get(offset..offset + count)?;
    // SAFETY: by the caller's promise `T` has the size, alignment and layout of
    // `[&'static str; count]`, and `strings` holds `count` of them for the program's life.
    Some(unsafe { &*strings.as_ptr().cast::<T>() })
}

/// Makes `list` (a locale file, parsed) the strings of `locale` for this page. False when it is
/// not a file of this build (another count or fingerprint of keys), holds something other than
/// strings, or a language was loaded already.
pub fn load_strings(locale: Locale, list: &js_sys::Array) -> bool {
    if list.length() as usize != STRING_COUNT + 1
        || list.get(0).as_string().as_deref() != Some(KEYS_FINGERPRINT)
    {
        return false;
    }
    let strings: Option<Vec<&'static str>> = list
        .iter()
        .skip(1)
        .map(|text| Some(&*Box::leak(text.as_string()?.into_boxed_str())))
        .collect();
    let Some(strings) = strings else {
        return false;
    };
    LOADED.with(|cell| {
        cell.set((locale, Box::leak(strings.into_boxed_slice())))
            .is_ok()
    })
}

/// The language this page shows: the one loaded, else the default.
pub fn page_locale() -> Locale {
    LOADED.with(|cell| cell.get().map_or(Locale::default(), |(locale, _)| *locale))
}

/// Loads the strings of the language index.html chose (`window.stationLocale`: its tag, and
/// the promise of its file's strings, fetched while the app loaded). The page stays in the
/// default language when that is the choice or the file cannot be had.
pub async fn load_chosen() -> bool {
    let chosen = async {
        let window = web_sys::window()?;
        let chosen = js_sys::Reflect::get(&window, &"stationLocale".into()).ok()?;
        let tag = js_sys::Reflect::get(&chosen, &"tag".into())
            .ok()?
            .as_string()?;
        let locale = Locale::ALL
            .iter()
            .copied()
            .find(|locale| locale.tag() == tag)?;
        let list = js_sys::Reflect::get(&chosen, &"strings".into()).ok()?;
        let list = JsFuture::from(list.dyn_into::<js_sys::Promise>().ok()?)
            .await
            .ok()?;
        Some((locale, list.dyn_into::<js_sys::Array>().ok()?))
    };
    match chosen.await {
        Some((locale, list)) => load_strings(locale, &list),
        None => false,
    }
}

/// Shows the app in `locale` from now on, on this device: stores the choice and loads the page
/// again in it.
pub fn choose_locale(locale: Locale) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(storage) = window.local_storage().ok().flatten() {
        let _ = storage.set_item(LOCALE_KEY, locale.tag());
    }
    let _ = window.location().reload();
}
