//! A team's form, for staff of its site: new at `/staff/teams/new?site=…` (then back to the
//! site's page, which lists it), and at `/staff/teams/:id/edit` the same fields changed — its
//! site among the ones the staff member runs, a new leader by phone — and archiving it.

use crate::action::LocalAction;
use crate::router::use_query_map;
use leptos::prelude::*;
use station_wire::problem::codes;
use station_wire::teams::{
    Team, TeamInput, TEAM_DESCRIPTION_MAX_CHARS, TEAM_FIELD_MAX_CHARS, TEAM_NAME_MAX_CHARS,
};

use super::team_error;
use crate::api::use_api;
use crate::components::flash::go_with_flash;
use crate::components::form::account_phone_errors;
use crate::components::site_select::SiteSelect;
use crate::components::{
    ArchiveSection, ErrorState, FieldErrors, Form, FormProblem, FormState, ListSkeleton,
    SubmitButton, TextField,
};
use crate::hooks::use_of_path_id;
use crate::i18n::{fill, use_i18n};
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::validate::{check_phone, normalize_phone};

/// What the reader typed, kept as typed whatever the server says.
#[derive(Clone, Copy)]
struct TeamDraft {
    site: RwSignal<String>,
    name: RwSignal<String>,
    field: RwSignal<String>,
    description: RwSignal<String>,
    leader_phone: RwSignal<String>,
}

impl TeamDraft {
    fn new(site_id: i64, existing: Option<&Team>) -> Self {
        let text = |value: Option<&String>| RwSignal::new(value.cloned().unwrap_or_default());
        TeamDraft {
            site: RwSignal::new(site_id.to_string()),
            name: text(existing.map(|team| &team.name)),
            field: text(existing.map(|team| &team.field)),
            description: text(existing.map(|team| &team.description)),
            // Empty keeps the leader there is; a number appoints a new one.
            leader_phone: RwSignal::new(String::new()),
        }
    }

    /// The request, or the fields the app can already tell are wrong.
    fn to_input(self) -> Result<TeamInput, FieldErrors> {
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
            site_id: self.site.get_untracked().parse().unwrap_or_default(),
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
    let query = use_query_map();
    let site_id = query
        .read_untracked()
        .get("site")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or_default();
    let teams = i18n.messages().team_form();
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::site(site_id)>{teams.back_to_site}</a>
            <h1 class="page__title">{teams.new_title}</h1>
            <TeamForm site_id=site_id existing=None />
        </div>
    }
}

/// `/staff/teams/:id/edit`.
#[component]
pub fn EditTeamPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let team = use_of_path_id(|api, id| async move { api.team(id).await });
    let teams = i18n.messages().team_form();
    view! {
        <div class="page page--form">
            {team.view(ListSkeleton, move |answer| match answer {
                        Ok(found) => {
                            let id = found.id;
                            // The name and site as last saved: the heading, and where archiving
                            // goes back to.
                            let name = RwSignal::new(found.name.clone());
                            let site = RwSignal::new(found.site.id);
                            view! {
                                <a class="back-link" href=paths::team_members(id)>{teams.back_to_team}</a>
                                <h1 class="page__title">{move || name.get()}</h1>
                                <TeamForm
                                    site_id=site.get_untracked()
                                    existing=Some(found)
                                    on_saved=move |saved: Team| {
                                        site.set(saved.site.id);
                                        name.set(saved.name);
                                    }
                                />
                                <ArchiveTeam team_id=id site=site name=name />
                            }.into_any()
                        }
                        Err(error) => {
                            let message = matches!(error.status(), Some(403 | 404))
                                .then(|| team_error(i18n.locale_untracked(), &error));
                            view! {
                                <h1 class="page__title">{teams.edit_title}</h1>
                                <ErrorState error=error message=message on_retry=move |()| team.refetch() />
                            }.into_any()
                        }
                    })}
        </div>
    }
}

/// The fields of a team and its save button: a new team at `site_id`, or the edit of `existing`.
#[component]
fn TeamForm(
    site_id: i64,
    existing: Option<Team>,
    /// Told of every successful save of an existing team.
    #[prop(optional, into)]
    on_saved: Option<Callback<Team>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let draft = TeamDraft::new(site_id, existing.as_ref());
    let id = existing.as_ref().map(|team| team.id);
    // The leader as last saved: a new one appointed by phone is named at once.
    let leader = RwSignal::new(existing.and_then(|team| team.leader_name));
    let state = FormState::default();
    let errors = state.errors;
    let submit = LocalAction::new(move |input: &TeamInput| {
        let (api, input) = (api.clone(), input.clone());
        async move {
            let answer = match id {
                Some(id) => api.update_team(id, &input).await,
                None => api.create_team(&input).await,
            };
            match answer {
                Ok(team) if id.is_none() => {
                    go_with_flash(
                        &fill(i18n.t().team_form().created, &[("name", &team.name)]),
                        &paths::site(team.site.id),
                    );
                }
                Ok(team) => {
                    draft.leader_phone.set(String::new());
                    leader.set(team.leader_name.clone());
                    state.succeed(fill(i18n.t().team_form().saved, &[("name", &team.name)]));
                    if let Some(on_saved) = on_saved {
                        on_saved.run(team);
                    }
                }
                Err(error) => state.fail_with(account_phone_errors(&error), error),
            }
        }
    });
    let send = move || state.send(draft.to_input(), submit);
    let teams = i18n.messages().team_form();
    // Editing, the leader there is is named, and an empty number keeps them.
    let leader_hint = if id.is_some() {
        teams.leader_phone_keep
    } else {
        teams.leader_phone_hint
    };
    let leader_now = id.is_some().then(|| {
        let text = move || match leader.get() {
            Some(name) => fill(i18n.t().team_form().leader_now, &[("name", &name)]),
            None => i18n.t().team_form().no_leader.to_owned(),
        };
        view! { <p class="page__lead" data-testid="team-leader">{text}</p> }
    });
    let site = id
        .is_some()
        .then(|| view! { <SiteSelect value=draft.site /> });
    let label = if id.is_some() {
        teams.save
    } else {
        teams.create
    };
    view! {
        <Form on_submit=move |()| send()>
            {site}
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
            {leader_now}
            <TextField
                name="leader_phone"
                label=teams.leader_phone
                hint=leader_hint
                value=draft.leader_phone
                errors=errors
                kind="tel"
            />
            <FormProblem error=state.problem on_retry=move |()| send() />
            <p class="form__done" role="status" data-testid="team-saved">{move || state.done.get()}</p>
            <SubmitButton pending=submit.pending() label=label />
        </Form>
    }
}

/// 归档: the team leaves the directory and takes no new members or activities; its members'
/// history and hours stay.
#[component]
fn ArchiveTeam(team_id: i64, site: RwSignal<i64>, name: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = crate::archive_texts!(i18n.messages().team_form());
    let archive = move || {
        let api = api.clone();
        async move { api.archive_team(team_id).await }
    };
    let then = Signal::derive(move || paths::site(site.get()));
    view! { <ArchiveSection texts=texts name=name archive=archive then=then /> }
}
