//! `/wishes/new`: 发布微心愿 — the site, the wish in a few words, its kind, more about it, the
//! deadline, who it is for (the full name is for staff; others read `王**`), an age and a
//! situation if wanted, a photo (staff decide whether it is shown), how to reach the poster,
//! and for staff, the resident without a smartphone it is posted for (open at once). A refusal
//! is shown by the field, and nothing typed is lost.

use leptos::prelude::*;
use station_wire::problem::codes;
use station_wire::wishes::{
    NewWish, WishCategory, BENEFICIARY_MAX_CHARS, DESCRIPTION_MAX_CHARS, TITLE_MAX_CHARS,
    WISH_NOTE_MAX_CHARS,
};

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
use crate::hooks::use_station_today;
use crate::i18n::use_i18n;
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::router::{use_navigate, NavigateOptions};
use crate::session::use_session;

/// What the reader typed, kept as typed whatever the server says.
#[derive(Clone, Copy)]
struct Draft {
    site: RwSignal<String>,
    title: RwSignal<String>,
    category: RwSignal<String>,
    description: RwSignal<String>,
    deadline: RwSignal<String>,
    name: RwSignal<String>,
    age: RwSignal<String>,
    group: RwSignal<String>,
    uploads: RwSignal<Vec<Upload>>,
    contact: RwSignal<String>,
    on_behalf_of: RwSignal<String>,
}

impl Draft {
    fn to_input(self) -> Result<NewWish, FieldErrors> {
        let mut errors = FieldErrors::new();
        let text = |signal: RwSignal<String>| signal.get_untracked().trim().to_owned();
        let (title, description, name, contact) = (
            text(self.title),
            text(self.description),
            text(self.name),
            text(self.contact),
        );
        for (wire, value) in [
            ("title", &title),
            ("description", &description),
            ("beneficiary_name", &name),
            ("contact", &contact),
        ] {
            if value.is_empty() {
                errors.push((wire.to_owned(), codes::REQUIRED.to_owned()));
            }
        }
        let deadline = station_wire::time::parse_date(&text(self.deadline));
        if deadline.is_none() {
            errors.push(("deadline".to_owned(), codes::REQUIRED.to_owned()));
        }
        let age = text(self.age);
        let age = if age.is_empty() {
            None
        } else {
            match age.parse::<u32>() {
                Ok(age) if age <= station_wire::wishes::MAX_AGE => Some(age),
                _ => {
                    errors.push(("beneficiary_age".to_owned(), codes::OUT_OF_RANGE.to_owned()));
                    None
                }
            }
        };
        let uploads = self.uploads.get_untracked();
        if still_uploading(&uploads) {
            errors.push(("photo_id".to_owned(), UPLOADING.to_owned()));
        }
        let site_id = self.site.get_untracked().parse().unwrap_or_default();
        if site_id == 0 {
            errors.push(("site_id".to_owned(), codes::REQUIRED.to_owned()));
        }
        let (Some(deadline), true) = (deadline, errors.is_empty()) else {
            return Err(errors);
        };
        Ok(NewWish {
            site_id,
            title,
            description,
            category: WishCategory::from_slug(&self.category.get_untracked())
                .unwrap_or(WishCategory::Other),
            deadline,
            beneficiary_name: name,
            beneficiary_age: age,
            beneficiary_group: Some(text(self.group)).filter(|group| !group.is_empty()),
            photo_id: uploaded_ids(&uploads).first().copied(),
            contact,
            on_behalf_of: Some(text(self.on_behalf_of)).filter(|who| !who.is_empty()),
        })
    }
}

#[component]
pub fn PostWishPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let texts = i18n.messages().wishes();
    let draft = Draft {
        site: RwSignal::new(String::new()),
        title: RwSignal::new(String::new()),
        category: RwSignal::new(WishCategory::Study.slug().to_owned()),
        description: RwSignal::new(String::new()),
        deadline: RwSignal::new(String::new()),
        name: RwSignal::new(String::new()),
        age: RwSignal::new(String::new()),
        group: RwSignal::new(String::new()),
        uploads: RwSignal::new(Vec::new()),
        contact: RwSignal::new(String::new()),
        on_behalf_of: RwSignal::new(String::new()),
    };
    // One's own number, to change or keep, once the account is known.
    Effect::new(move |_| {
        if let Some(me) = session.account() {
            if draft.contact.with_untracked(String::is_empty) {
                draft.contact.set(me.phone);
            }
        }
    });
    // A month from the station's today, until the person picks another day.
    let today = use_station_today();
    Effect::new(move |_| {
        if let Some(today) = today.get() {
            if draft.deadline.with_untracked(String::is_empty) {
                let day = today + chrono::Duration::days(30);
                draft.deadline.set(format!(
                    "{:04}-{:02}-{:02}",
                    chrono::Datelike::year(&day),
                    chrono::Datelike::month(&day),
                    chrono::Datelike::day(&day)
                ));
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
    // Staff post at a station they run; others at the tree's first station until they pick theirs.
    Effect::new(move |_| {
        if draft.site.with_untracked(String::is_empty) {
            // The account first (it loads after the page): staff's own station is chosen.
            let Some(me) = session.account() else {
                return;
            };
            let managed = me.managed_site_ids;
            let stations: Vec<i64> = sites
                .get()
                .unwrap_or_default()
                .into_iter()
                .filter(|(_, kind, _)| *kind == station_wire::sites::SiteKind::Station)
                .map(|(id, _, _)| id)
                .collect();
            let chosen = stations
                .iter()
                .find(|id| managed.contains(id))
                .or(stations.first());
            if let Some(id) = chosen {
                draft.site.set(id.to_string());
            }
        }
    });
    let category_options = Signal::derive(move || {
        WishCategory::ALL
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
    let submit = LocalAction::new(move |input: &NewWish| {
        let (api, input, navigate) = (api.clone(), input.clone(), navigate.clone());
        async move {
            match api.post_wish(&input).await {
                Ok(wish) => {
                    let texts = i18n.t().wishes();
                    set_flash(if wish.status == station_wire::wishes::WishStatus::Open {
                        texts.posted_open
                    } else {
                        texts.submitted
                    });
                    navigate(&paths::wish(wish.id), NavigateOptions::default());
                }
                Err(error) => state.fail_with(field_errors_of(&error), error),
            }
        }
    });
    let send = move || state.send(draft.to_input(), submit);
    // Only staff of the chosen site post for a resident (the server says so too).
    let behalf = move || {
        let site = draft.site.get().parse().unwrap_or_default();
        session.manages_site(site).then(|| {
            view! {
                <TextField name="on_behalf_of" label=texts.on_behalf_of hint=texts.on_behalf_hint
                    value=draft.on_behalf_of errors=errors max_chars=WISH_NOTE_MAX_CHARS />
            }
        })
    };
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::WISHES>{texts.back}</a>
            <h1 class="page__title">{texts.post_title}</h1>
            <p class="page__lead">{texts.post_lead}</p>
            <Form on_submit=move |()| send()>
                <SelectField name="site_id" label=texts.site value=draft.site errors=errors options=site_options />
                <TextField name="title" label=texts.wish_title hint=texts.wish_title_hint value=draft.title
                    errors=errors max_chars=TITLE_MAX_CHARS />
                <SelectField name="category" label=texts.category value=draft.category errors=errors options=category_options />
                <TextField name="description" label=texts.description value=draft.description errors=errors
                    multiline=true max_chars=DESCRIPTION_MAX_CHARS />
                <TextField name="deadline" label=texts.deadline_field hint=texts.deadline_hint kind="date"
                    value=draft.deadline errors=errors />
                <TextField name="beneficiary_name" label=texts.beneficiary_name hint=texts.beneficiary_name_hint
                    value=draft.name errors=errors max_chars=BENEFICIARY_MAX_CHARS />
                <TextField name="beneficiary_age" label=texts.age kind="number" value=draft.age errors=errors />
                <TextField name="beneficiary_group" label=texts.group hint=texts.group_hint value=draft.group
                    errors=errors max_chars=BENEFICIARY_MAX_CHARS />
                <PhotoField uploads=draft.uploads errors=errors label=texts.photo field="photo_id" max=1 />
                <TextField name="contact" label=texts.contact_field hint=texts.contact_hint value=draft.contact
                    errors=errors max_chars=WISH_NOTE_MAX_CHARS />
                {behalf}
                <FormProblem error=state.problem on_retry=move |()| send() />
                <SubmitButton pending=submit.pending() label=texts.submit />
            </Form>
        </div>
    }
}
