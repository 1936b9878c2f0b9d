//! `/me/nominations/new`: 推荐身边好人 — the site, the name as it may be published, one of the
//! five categories, the story, up to three photos (each uploaded as soon as it is chosen, its
//! progress shown; one the server refuses is named with why, and nothing typed is lost), the
//! nominator's contact (for staff only), and for staff, who a resident without a phone is.

use leptos::prelude::*;
use station_wire::honors::{
    HonorCategory, NewNomination, MAX_PHOTOS, NOMINEE_NAME_MAX_CHARS, NOTE_MAX_CHARS,
    STORY_MAX_CHARS,
};
use station_wire::problem::codes;

use super::category_name;
use crate::action::LocalAction;
use crate::api::use_api;
use crate::components::flash::set_flash;
use crate::components::form::field_errors_of;
use crate::components::photo_field::{
    still_uploading, uploaded_ids, PhotoField, Upload, UPLOADING,
};
use crate::components::site_select::use_site_rows;
use crate::components::{
    FieldErrors, Form, FormProblem, FormState, SelectField, SubmitButton, TextField,
};
use crate::i18n::use_i18n;
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::router::{use_navigate, NavigateOptions};
use crate::session::use_session;

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
        if still_uploading(&uploads) {
            errors.push(("photo_ids".to_owned(), UPLOADING.to_owned()));
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
            photo_ids: uploaded_ids(&uploads),
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
                <PhotoField uploads=draft.uploads errors=errors label=texts.photos field="photo_ids" max=MAX_PHOTOS />
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
