//! Photos chosen for a form (a nomination's, a wish's): each uploaded as soon as it is chosen,
//! its progress shown, its thumbnail once the server made it; one the server refuses is named
//! with why (and nothing typed in the form is lost); too large is known before a byte is sent.

use leptos::prelude::*;
use station_wire::honors::{PhotoRef, MAX_PHOTO_BYTES};
use station_wire::problem::{codes, types};
use wasm_bindgen::JsCast;

use crate::api::{use_api, ApiError};
use crate::components::form::field_errors_of;
use crate::components::FieldErrors;
use crate::i18n::{error_message, fill, use_i18n, Locale};

/// One photo chosen: uploading (its percent), uploaded, or refused (why).
#[derive(Clone, PartialEq)]
pub struct Upload {
    pub key: u32,
    pub file: String,
    pub percent: u32,
    pub photo: Option<PhotoRef>,
    pub problem: Option<String>,
}

/// The error code a form's own check gives the photos' field while one is still uploading.
pub const UPLOADING: &str = "uploading";

/// Whether a photo is still on its way (the form waits for it).
pub fn still_uploading(uploads: &[Upload]) -> bool {
    uploads
        .iter()
        .any(|upload| upload.photo.is_none() && upload.problem.is_none())
}

/// The ids of the photos uploaded, in order.
pub fn uploaded_ids(uploads: &[Upload]) -> Vec<i64> {
    uploads
        .iter()
        .filter_map(|upload| upload.photo.as_ref().map(|photo| photo.id))
        .collect()
}

/// Why the server refused a photo, naming the file.
fn refusal(locale: Locale, file: &str, error: &ApiError) -> String {
    let texts = locale.messages().photos();
    let code = field_errors_of(error)
        .into_iter()
        .find(|(field, _)| field == "photo")
        .map(|(_, code)| code);
    let template = match (code.as_deref(), error.problem_type()) {
        (Some(codes::NOT_AN_IMAGE), _) => texts.not_an_image,
        (Some(codes::DAMAGED), _) => texts.damaged,
        (Some(codes::TOO_MANY_PIXELS), _) => texts.too_many_pixels,
        (_, Some(types::TOO_LARGE)) => texts.too_large,
        _ => {
            return fill(
                texts.failed,
                &[("file", &file), ("reason", &error_message(locale, error))],
            )
        }
    };
    fill(template, &[("file", &file)])
}

/// Up to `max` photos, each uploaded when chosen, with its progress, its thumbnail once the
/// server made it, and what was wrong with one it refused; `field` is the wire's name for them
/// (`photo_ids`, `photo_id`), whose errors it shows.
#[component]
pub fn PhotoField(
    uploads: RwSignal<Vec<Upload>>,
    errors: RwSignal<FieldErrors>,
    label: &'static str,
    field: &'static str,
    max: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().photos();
    let next_key = StoredValue::new(0_u32);
    let update = move |key: u32, change: &dyn Fn(&mut Upload)| {
        uploads.update(|list| {
            if let Some(upload) = list.iter_mut().find(|upload| upload.key == key) {
                change(upload);
            }
        });
    };
    let start = move |file: web_sys::File| {
        // After the field is drawn again the list is the page's: a key follows the highest in it.
        let key = uploads
            .with_untracked(|list| list.iter().map(|upload| upload.key + 1).max())
            .unwrap_or(0)
            .max(next_key.get_value());
        next_key.set_value(key + 1);
        let name = file.name();
        // Too large is known before a byte is sent (on a slow line, that is minutes saved).
        let too_large = file.size() > MAX_PHOTO_BYTES as f64;
        uploads.update(|list| {
            list.push(Upload {
                key,
                file: name.clone(),
                percent: 0,
                photo: None,
                problem: too_large.then(|| fill(i18n.t().photos().too_large, &[("file", &name)])),
            })
        });
        if too_large {
            return;
        }
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let progress = move |percent: u32| update(key, &|upload| upload.percent = percent);
            match api.upload_photo(file, progress).await {
                Ok(photo) => update(key, &|upload| upload.photo = Some(photo.clone())),
                Err(error) => {
                    let why = refusal(i18n.locale_untracked(), &name, &error);
                    update(key, &|upload| upload.problem = Some(why.clone()));
                }
            }
        });
    };
    let chosen = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(files) = input.files() {
            errors.update(|errors| errors.retain(|(name, _)| name != field));
            // A refused photo makes room: it is dropped when another is chosen.
            uploads.update(|list| list.retain(|upload| upload.problem.is_none()));
            let room = max.saturating_sub(uploads.with_untracked(Vec::len));
            for index in 0..files.length().min(room as u32) {
                if let Some(file) = files.get(index) {
                    start(file);
                }
            }
        }
        // The same file may be chosen again after a refusal.
        input.set_value("");
    };
    let remove = move |key: u32| uploads.update(|list| list.retain(|upload| upload.key != key));
    let items = move || {
        uploads
            .get()
            .into_iter()
            .map(|upload| {
                let key = upload.key;
                let body = match (&upload.photo, &upload.problem) {
                    (_, Some(problem)) => view! {
                        <p class="field__error" role="alert" data-testid="photo-refused">{problem.clone()}</p>
                    }
                    .into_any(),
                    (Some(photo), None) => view! {
                        <img class="photo-upload__thumb" src=use_api().photo_url(&photo.thumb_url) alt=upload.file.clone() />
                    }
                    .into_any(),
                    (None, None) => view! {
                        <progress class="photo-upload__progress" max="100" value=upload.percent>
                            {fill(i18n.t().photos().uploading, &[("percent", &upload.percent)])}
                        </progress>
                        <span>{fill(i18n.t().photos().uploading, &[("percent", &upload.percent)])}</span>
                    }
                    .into_any(),
                };
                // Which photo each 移除 removes, for a screen reader: its file's name.
                let named = format!("photo-{key}");
                view! {
                    <li class="photo-upload" data-testid="photo-upload">
                        <span class="visually-hidden" id=named.clone()>{upload.file.clone()}</span>
                        {body}
                        <button
                            type="button"
                            class="button button--quiet"
                            aria-describedby=named
                            on:click=move |_| remove(key)
                        >
                            {texts.remove}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let full =
        move || uploads.with(|list| list.iter().filter(|u| u.problem.is_none()).count() >= max);
    // Still uploading, or a photo the server would not take for the nomination.
    let waiting = move || {
        errors.with(|errors| {
            let (_, code) = errors.iter().find(|(name, _)| name == field)?;
            Some(if code == UPLOADING {
                texts.wait.to_owned()
            } else {
                fill(i18n.t().form().invalid, &[("label", &label)])
            })
        })
    };
    view! {
        <div class="field" data-field=field>
            <p class="field__label" id="photos-label">{label}</p>
            <p class="field__hint" id="photos-hint">{texts.hint}</p>
            <ul class="photo-uploads" aria-labelledby="photos-label">{items}</ul>
            <label class="button button--quiet photo-upload__add" hidden=full>
                {texts.add}
                <input
                    class="visually-hidden"
                    type="file"
                    name="photo"
                    accept="image/jpeg,image/png,image/webp"
                    multiple={max > 1}
                    aria-describedby="photos-hint"
                    data-testid="photo-input"
                    on:change=chosen
                />
            </label>
            <p class="field__error" role="alert">{waiting}</p>
        </div>
    }
}
