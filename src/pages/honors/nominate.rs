//! `/me/nominations/new`: 推荐身边好人 — the site, the name as it may be published, one of the
//! five categories, the story, up to three photos (each uploaded as soon as it is chosen, its
//! progress shown; one the server refuses is named with why, and nothing typed is lost), the
//! nominator's contact (for staff only), and for staff, who a resident without a phone is.

use leptos::prelude::*;
use station_wire::honors::{
    HonorCategory, NewNomination, PhotoRef, MAX_PHOTOS, MAX_PHOTO_BYTES, NOMINEE_NAME_MAX_CHARS,
    NOTE_MAX_CHARS, STORY_MAX_CHARS,
};
use station_wire::problem::{codes, types};
use wasm_bindgen::JsCast;

use super::category_name;
use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::components::flash::set_flash;
use crate::components::form::field_errors_of;
use crate::components::site_select::use_site_rows;
use crate::components::{
    FieldErrors, Form, FormProblem, FormState, SelectField, SubmitButton, TextField,
};
use crate::i18n::{error_message, fill, use_i18n, Locale};
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::router::{use_navigate, NavigateOptions};
use crate::session::use_session;

/// One photo chosen: uploading (its percent), uploaded, or refused (why).
#[derive(Clone, PartialEq)]
struct Upload {
    key: u32,
    file: String,
    percent: u32,
    photo: Option<PhotoRef>,
    problem: Option<String>,
}

/// What the reader typed, kept as typed whatever the server says.
#[derive(Clone, Copy)]
struct Draft {
    site: RwSignal<String>,
    name: RwSignal<String>,
    category: RwSignal<String>,
    story: RwSignal<String>,
    contact: RwSignal<String>,
    on_behalf_of: RwSignal<String>,
    uploads: RwSignal<Vec<Upload>>,
}

impl Draft {
    fn to_input(self) -> Result<NewNomination, FieldErrors> {
        let mut errors = FieldErrors::new();
        let text = |signal: RwSignal<String>| signal.get_untracked().trim().to_owned();
        let (name, story, contact) = (text(self.name), text(self.story), text(self.contact));
        for (wire, value) in [
            ("nominee_name", &name),
            ("story", &story),
            ("nominator_contact", &contact),
        ] {
            if value.is_empty() {
                errors.push((wire.to_owned(), codes::REQUIRED.to_owned()));
            }
        }
        let uploads = self.uploads.get_untracked();
        if uploads
            .iter()
            .any(|upload| upload.photo.is_none() && upload.problem.is_none())
        {
            errors.push(("photo_ids".to_owned(), "uploading".to_owned()));
        }
        let site_id = self.site.get_untracked().parse().unwrap_or_default();
        if site_id == 0 {
            errors.push(("site_id".to_owned(), codes::REQUIRED.to_owned()));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewNomination {
            site_id,
            nominee_name: name,
            category: HonorCategory::from_slug(&self.category.get_untracked())
                .unwrap_or(HonorCategory::HelpingOthers),
            story,
            photo_ids: uploads
                .iter()
                .filter_map(|upload| upload.photo.as_ref().map(|photo| photo.id))
                .collect(),
            nominator_contact: contact,
            on_behalf_of: Some(text(self.on_behalf_of)).filter(|who| !who.is_empty()),
        })
    }
}

/// Where the words typed are kept in this tab until sent, so that a session that ends while
/// they are written (signing in again on the way) loses none of them.
const KEPT: &str = "station.nomination";

fn kept_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|window| window.session_storage().ok().flatten())
}

impl Draft {
    /// The words kept from before, if any.
    fn restore(self) {
        let kept = kept_storage()
            .and_then(|storage| storage.get_item(KEPT).ok().flatten())
            .and_then(|text| serde_json::from_str::<[String; 4]>(&text).ok());
        if let Some([name, category, story, behalf]) = kept {
            self.name.set(name);
            self.category.set(category);
            self.story.set(story);
            self.on_behalf_of.set(behalf);
        }
    }

    /// Keeps the words as they are typed (never on a shared computer: the next person there
    /// must not find them).
    fn keep(self, shared: bool) {
        Effect::new(move |_| {
            let words = [
                self.name.get(),
                self.category.get(),
                self.story.get(),
                self.on_behalf_of.get(),
            ];
            if shared {
                return;
            }
            if let (Some(storage), Ok(text)) = (kept_storage(), serde_json::to_string(&words)) {
                let _ = storage.set_item(KEPT, &text);
            }
        });
    }

    fn forget() {
        if let Some(storage) = kept_storage() {
            let _ = storage.remove_item(KEPT);
        }
    }
}

#[component]
pub fn NominatePage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let texts = i18n.messages().honors();
    let draft = Draft {
        site: RwSignal::new(String::new()),
        name: RwSignal::new(String::new()),
        category: RwSignal::new(HonorCategory::HelpingOthers.slug().to_owned()),
        story: RwSignal::new(String::new()),
        contact: RwSignal::new(String::new()),
        on_behalf_of: RwSignal::new(String::new()),
        uploads: RwSignal::new(Vec::new()),
    };
    let shared = session
        .state
        .with_untracked(|state| state.as_ref().is_some_and(|state| state.shared));
    if !shared {
        draft.restore();
    }
    draft.keep(shared);
    // One's own number, to change or keep (staff need a way to reach the nominator), once the
    // account is known (it loads after the page).
    Effect::new(move |_| {
        if let Some(me) = session.account() {
            if draft.contact.with_untracked(String::is_empty) {
                draft.contact.set(me.phone);
            }
        }
    });
    let sites = use_site_rows();
    let site_options = Signal::derive(move || {
        sites
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|(id, _, name)| (id.to_string(), name))
            .collect::<Vec<_>>()
    });
    // The tree's first station is chosen until the person picks theirs: good people are
    // nominated at the station of their neighbourhood, rarely at a 所 or the 中心.
    Effect::new(move |_| {
        if draft.site.with_untracked(String::is_empty) {
            if let Some((id, _, _)) = sites
                .get()
                .unwrap_or_default()
                .into_iter()
                .find(|(_, kind, _)| *kind == station_wire::sites::SiteKind::Station)
            {
                draft.site.set(id.to_string());
            }
        }
    });
    let category_options = Signal::derive(move || {
        HonorCategory::ALL
            .into_iter()
            .map(|category| {
                (
                    category.slug().to_owned(),
                    category_name(i18n.locale(), category).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    let state = FormState::default();
    let errors = state.errors;
    let submit = LocalAction::new(move |input: &NewNomination| {
        let (api, input, navigate) = (api.clone(), input.clone(), navigate.clone());
        async move {
            match api.nominate(&input).await {
                Ok(_) => {
                    Draft::forget();
                    set_flash(i18n.t().honors().submitted);
                    navigate(paths::MY_NOMINATIONS, NavigateOptions::default());
                }
                Err(error) => state.fail_with(field_errors_of(&error), error),
            }
        }
    });
    let send = move || state.send(draft.to_input(), submit);
    let behalf = move || {
        session.is_staff().then(|| {
            view! {
                <TextField
                    name="on_behalf_of"
                    label=texts.on_behalf_of
                    hint=texts.on_behalf_of_hint
                    value=draft.on_behalf_of
                    errors=errors
                    max_chars=NOTE_MAX_CHARS
                />
            }
        })
    };
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::HONORS>{texts.back}</a>
            <h1 class="page__title">{texts.nominate_title}</h1>
            <p class="page__lead">{texts.nominate_lead}</p>
            <Form on_submit=move |()| send()>
                <SelectField name="site_id" label=texts.site value=draft.site errors=errors options=site_options />
                <TextField
                    name="nominee_name"
                    label=texts.nominee_name
                    hint=texts.nominee_name_hint
                    value=draft.name
                    errors=errors
                    max_chars=NOMINEE_NAME_MAX_CHARS
                />
                <SelectField name="category" label=texts.category value=draft.category errors=errors options=category_options />
                <TextField
                    name="story"
                    label=texts.story
                    hint=texts.story_hint
                    value=draft.story
                    errors=errors
                    multiline=true
                    max_chars=STORY_MAX_CHARS
                />
                <PhotoField uploads=draft.uploads errors=errors />
                <TextField
                    name="nominator_contact"
                    label=texts.contact
                    hint=texts.contact_hint
                    value=draft.contact
                    errors=errors
                    max_chars=NOTE_MAX_CHARS
                />
                {behalf}
                <FormProblem error=state.problem on_retry=move |()| send() />
                <SubmitButton pending=submit.pending() label=texts.submit />
            </Form>
        </div>
    }
}

/// Why the server refused a photo, naming the file.
fn refusal(locale: Locale, file: &str, error: &ApiError) -> String {
    let texts = locale.messages().honors();
    let code = field_errors_of(error)
        .into_iter()
        .find(|(field, _)| field == "photo")
        .map(|(_, code)| code);
    let template = match (code.as_deref(), error.problem_type()) {
        (Some(codes::NOT_AN_IMAGE), _) => texts.photo_not_an_image,
        (Some(codes::DAMAGED), _) => texts.photo_damaged,
        (Some(codes::TOO_MANY_PIXELS), _) => texts.photo_too_many_pixels,
        (_, Some(types::TOO_LARGE)) => texts.photo_too_large,
        _ => {
            return fill(
                texts.photo_failed,
                &[("file", &file), ("reason", &error_message(locale, error))],
            )
        }
    };
    fill(template, &[("file", &file)])
}

/// Up to three photos, each uploaded when chosen, with its progress, its thumbnail once the
/// server made it, and what was wrong with one it refused.
#[component]
fn PhotoField(uploads: RwSignal<Vec<Upload>>, errors: RwSignal<FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().honors();
    let next_key = StoredValue::new(0_u32);
    let update = move |key: u32, change: &dyn Fn(&mut Upload)| {
        uploads.update(|list| {
            if let Some(upload) = list.iter_mut().find(|upload| upload.key == key) {
                change(upload);
            }
        });
    };
    let start = move |file: web_sys::File| {
        let key = next_key.get_value();
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
                problem: too_large
                    .then(|| fill(i18n.t().honors().photo_too_large, &[("file", &name)])),
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
            errors.update(|errors| errors.retain(|(field, _)| field != "photo_ids"));
            // A refused photo makes room: it is dropped when another is chosen.
            uploads.update(|list| list.retain(|upload| upload.problem.is_none()));
            let room = MAX_PHOTOS.saturating_sub(uploads.with_untracked(Vec::len));
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
                            {fill(i18n.t().honors().uploading, &[("percent", &upload.percent)])}
                        </progress>
                        <span>{fill(i18n.t().honors().uploading, &[("percent", &upload.percent)])}</span>
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
                            {texts.remove_photo}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let full = move || {
        uploads.with(|list| list.iter().filter(|u| u.problem.is_none()).count() >= MAX_PHOTOS)
    };
    // Still uploading, or a photo the server would not take for the nomination.
    let waiting = move || {
        errors.with(|errors| {
            let (_, code) = errors.iter().find(|(field, _)| field == "photo_ids")?;
            Some(if code == "uploading" {
                texts.wait_for_photos.to_owned()
            } else {
                fill(i18n.t().form().invalid, &[("label", &texts.photos)])
            })
        })
    };
    view! {
        <div class="field" data-field="photo_ids">
            <p class="field__label" id="photos-label">{texts.photos}</p>
            <p class="field__hint" id="photos-hint">{texts.photos_hint}</p>
            <ul class="photo-uploads" aria-labelledby="photos-label">{items}</ul>
            <label class="button button--quiet photo-upload__add" hidden=full>
                {texts.add_photo}
                <input
                    class="visually-hidden"
                    type="file"
                    name="photo"
                    accept="image/jpeg,image/png,image/webp"
                    multiple
                    aria-describedby="photos-hint"
                    data-testid="photo-input"
                    on:change=chosen
                />
            </label>
            <p class="field__error" role="alert">{waiting}</p>
        </div>
    }
}
