//! `/staff/teams/new?site=…`: a new volunteer team at a site one runs, with its leader found by
//! phone (optional: a leader can be appointed later). Once made, back to the site's page, which
//! lists it.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use station_wire::problem::codes;
use station_wire::teams::{
    TeamInput, TEAM_DESCRIPTION_MAX_CHARS, TEAM_FIELD_MAX_CHARS, TEAM_NAME_MAX_CHARS,
};

use crate::api::use_api;
use crate::components::flash::set_flash;
use crate::components::form::account_phone_errors;
use crate::components::{FieldErrors, Form, FormProblem, FormState, SubmitButton, TextField};
use crate::i18n::{fill, use_i18n};
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::validate::{check_phone, normalize_phone};

/// What the reader typed for a new team.
#[derive(Clone, Copy)]
struct TeamDraft {
    name: RwSignal<String>,
    field: RwSignal<String>,
    description: RwSignal<String>,
    leader_phone: RwSignal<String>,
}

impl TeamDraft {
    fn new() -> Self {
        TeamDraft {
            name: RwSignal::new(String::new()),
            field: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            leader_phone: RwSignal::new(String::new()),
        }
    }

    /// The request, or the fields the app can already tell are wrong.
    fn to_input(self, site_id: i64) -> Result<TeamInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let (name, field) = (
            self.name.get_untracked().trim().to_owned(),
            self.field.get_untracked().trim().to_owned(),
        );
        for (wire, value) in [("name", &name), ("field", &field)] {
            if value.is_empty() {
                errors.push((wire.to_owned(), codes::REQUIRED.to_owned()));
            }
        }
        let leader = normalize_phone(&self.leader_phone.get_untracked());
        if !leader.is_empty() {
            let mut found = FieldErrors::new();
            check_phone(&leader, &mut found);
            errors.extend(
                found
                    .into_iter()
                    .map(|(_, code)| ("leader_phone".to_owned(), code)),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(TeamInput {
            site_id,
            name,
            field,
            description: self.description.get_untracked().trim().to_owned(),
            leader_phone: Some(leader).filter(|phone| !phone.is_empty()),
        })
    }
}

#[component]
pub fn NewTeamPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let query = use_query_map();
    let site_id = query
        .read_untracked()
        .get("site")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or_default();
    let draft = TeamDraft::new();
    let state = FormState::default();
    let errors = state.errors;
    let create = Action::new_local(move |input: &TeamInput| {
        let (api, input) = (api.clone(), input.clone());
        async move {
            match api.create_team(&input).await {
                Ok(team) => {
                    set_flash(&fill(i18n.t().team_form().created, &[("name", &team.name)]));
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().assign(&paths::site(team.site.id));
                    }
                }
                Err(error) => state.fail_with(account_phone_errors(&error), error),
            }
        }
    });
    let send = move || state.send(draft.to_input(site_id), create);
    let teams = i18n.messages().team_form();
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::site(site_id)>{teams.back_to_site}</a>
            <h1 class="page__title">{teams.new_title}</h1>
            <Form on_submit=move |()| send()>
                <TextField name="name" label=teams.name value=draft.name errors=errors max_chars=TEAM_NAME_MAX_CHARS />
                <TextField
                    name="field"
                    label=teams.field
                    hint=teams.field_hint
                    value=draft.field
                    errors=errors
                    max_chars=TEAM_FIELD_MAX_CHARS
                />
                <TextField
                    name="description"
                    label=teams.description
                    value=draft.description
                    errors=errors
                    multiline=true
                    max_chars=TEAM_DESCRIPTION_MAX_CHARS
                />
                <TextField
                    name="leader_phone"
                    label=teams.leader_phone
                    hint=teams.leader_phone_hint
                    value=draft.leader_phone
                    errors=errors
                    kind="tel"
                />
                <FormProblem error=state.problem on_retry=move |()| send() />
                <SubmitButton pending=create.pending() label=teams.create />
            </Form>
        </div>
    }
}
