//! A site's volunteer teams: each one tap from its members, and 新建队伍.

use leptos::prelude::*;
use station_wire::teams::Team;

use crate::api::use_api;
use crate::components::AsyncList;
use crate::i18n::{fill, use_i18n};
use crate::load::Load;
use crate::paths;

#[component]
pub fn TeamsSection(site_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let teams = Load::keeping(move || {
        let api = api.clone();
        async move { api.teams(Some(site_id)).await.map(|list| list.items) }
    });
    let row = move |team: Team| {
        let leader = match &team.leader_name {
            Some(name) => fill(i18n.t().sites().leader, &[("name", name)]),
            None => i18n.t().sites().no_leader.to_owned(),
        };
        let members = fill(i18n.t().sites().members, &[("count", &team.member_count)]);
        view! {
            <li class="me-item" data-testid="team-row">
                <a class="me-item__title" href=paths::team_members(team.id)>{team.name}</a>
                <span class="me-item__when">{team.field}" · "{leader}" · "{members}</span>
            </li>
        }
    };
    let list = move |list: Vec<Team>| {
        view! { <ul class="me-list">{list.into_iter().map(row).collect_view()}</ul> }
    };
    view! {
        <section class="panel" aria-labelledby="teams-title" data-testid="teams-section">
            <h2 class="panel__title" id="teams-title">{i18n.messages().sites().teams_title}</h2>
            <AsyncList
                items=teams
                empty=move || view! { <p class="panel__empty">{i18n.t().sites().teams_empty}</p> }
                list=list
            />
            <a class="button button--quiet" href=paths::new_team(site_id) data-testid="new-team">
                {i18n.messages().sites().new_team}
            </a>
        </section>
    }
}
