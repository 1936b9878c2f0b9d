//! Volunteer teams (志愿服务队): `/me/teams`, the directory of the station's teams with a 申请加入
//! button and my status in each; "my teams" on 我的 with leaving (after a confirm step). The
//! leader's and staff's view of members is [`members`].

pub mod members;
mod team_form;

use leptos::prelude::*;
use station_wire::problem::types;
use station_wire::teams::{MembershipStatus, MyTeam, Team};

use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::components::{EmptyState, ErrorState, ListSkeleton};
use crate::i18n::{error_message, fill, use_i18n, Locale};
use crate::load::Load;
use crate::paths;
use crate::session::{current_path, login_href, use_session};

pub use members::TeamMembersPage;
pub use team_form::{EditTeamPage, NewTeamPage};

/// A refusal about a team in plain words, by problem type and status.
pub fn team_error(locale: Locale, error: &ApiError) -> String {
    let messages = &locale.messages().teams();
    let kind = match error {
        ApiError::Problem(problem) => problem.kind.as_str(),
        _ => "",
    };
    match (kind, error.status()) {
        (types::ALREADY_IN_TEAM, _) => messages.error_already_in.to_string(),
        (types::LEADS_TEAM, _) => messages.error_leads.to_string(),
        (types::NOT_A_MEMBER, _) => messages.error_not_a_member.to_string(),
        (types::LEADER_CHANGED, _) => messages.error_leader_changed.to_string(),
        (_, Some(409)) => messages.error_conflict.to_string(),
        (_, Some(404)) => messages.error_not_found.to_string(),
        (_, Some(403)) => messages.error_forbidden.to_string(),
        _ => error_message(locale, error),
    }
}

/// `申请中` / `已加入` / `队长`.
pub fn status_label(locale: Locale, status: MembershipStatus) -> &'static str {
    let messages = &locale.messages().teams();
    match status {
        MembershipStatus::Pending => messages.status_pending,
        MembershipStatus::Member => messages.status_member,
        MembershipStatus::Leader => messages.status_leader,
    }
}

fn status_key(status: MembershipStatus) -> &'static str {
    match status {
        MembershipStatus::Pending => "pending",
        MembershipStatus::Member => "member",
        MembershipStatus::Leader => "leader",
    }
}

/// `/me/teams`: every team of the station, and what I can do about each.
#[component]
pub fn TeamsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let data = Load::new(move || {
        let api = api.clone();
        let signed_in = session.is_signed_in();
        async move {
            let teams = api.teams(None).await?.items;
            let mine = if signed_in {
                api.my_teams().await?.items
            } else {
                Vec::new()
            };
            Ok::<_, ApiError>((teams, mine))
        }
    });
    view! {
        <div class="page teams">
            <h1 class="page__title">{i18n.messages().teams().title}</h1>
            <p class="page__lead">{i18n.messages().teams().lead}</p>
            {data.view(ListSkeleton, move |answer| match answer {
                        Ok((teams, _)) if teams.is_empty() => view! {
                            <EmptyState title=i18n.t().teams().empty_title body=i18n.t().teams().empty_body />
                        }.into_any(),
                        Ok((teams, mine)) => view! {
                            <ul class="team-list">
                                {teams.into_iter().map(|team| {
                                    let status = mine.iter().find(|m| m.team.id == team.id).map(|m| m.status);
                                    view! { <TeamCard team=team status=status /> }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorState error=error on_retry=move |()| data.refetch() /> }.into_any(),
                    })}
        </div>
    }
}

/// One team in the directory: its facts, my status, and 申请加入; 管理队员 for its leader and
/// for staff who manage its site.
#[component]
fn TeamCard(team: Team, status: Option<MembershipStatus>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let id = team.id;
    let status = RwSignal::new(status);
    let notice = RwSignal::new(None::<Result<String, ApiError>>);
    let join = LocalAction::new(move |()| {
        let api = api.clone();
        async move {
            match api.join_team(id).await {
                Ok(mine) => {
                    status.set(Some(mine.status));
                    notice.set(Some(Ok(i18n.t().teams().requested.to_string())));
                }
                Err(error) if error.status() == Some(401) => {}
                Err(error) => {
                    // Already asked or a member: show where I stand now.
                    if error.status() == Some(409) {
                        if let Ok(list) = api.my_teams().await {
                            let known = list.items.iter().find(|m| m.team.id == id);
                            status.set(known.map(|m| m.status));
                        }
                    }
                    notice.set(Some(Err(error)));
                }
            }
        }
    });
    let pending = join.pending();
    let hint_id = format!("team-hint-{id}");
    let leader = team
        .leader_name
        .clone()
        .unwrap_or_else(|| i18n.messages().teams().no_leader.to_string());
    let site = team.site.id;
    let manage = move || {
        (status.get() == Some(MembershipStatus::Leader) || session.manages_site(site)).then(|| {
            view! {
                <a class="button button--quiet" href=paths::team_members(id)>{i18n.t().teams().manage}</a>
            }
        })
    };
    let action = move || {
        match status.get() {
        Some(status) => view! {
            <span class="team-card__status" data-status=status_key(status)>
                {status_label(i18n.locale(), status)}
            </span>
        }
        .into_any(),
        None if !session.is_signed_in() => view! {
            <a class="button" href=login_href(&current_path()) aria-describedby=hint_id.clone()>
                {i18n.t().teams().join}
            </a>
            <span class="team-card__hint" id=hint_id.clone()>{i18n.t().teams().login_to_join}</span>
        }
        .into_any(),
        None => view! {
            <button
                type="button"
                class="button"
                aria-busy=move || pending.get().then_some("true")
                disabled=move || pending.get()
                on:click=move |_| {
                    notice.set(None);
                    join.dispatch(());
                }
            >
                {move || if pending.get() { i18n.t().teams().joining } else { i18n.t().teams().join }}
            </button>
        }
        .into_any(),
    }
    };
    let notice_view = move || {
        notice.get().map(|notice| match notice {
            Ok(text) => view! { <span class="signup__notice signup__notice--ok">{text}</span> },
            Err(error) => view! {
                <span class="signup__notice signup__notice--error">{team_error(i18n.locale(), &error)}</span>
            },
        })
    };
    view! {
        <li class="team-card panel" data-testid="team">
            <h2 class="panel__title">{team.name.clone()}</h2>
            <dl class="team-card__facts">
                <dt>{i18n.messages().teams().field}</dt>
                <dd>{team.field.clone()}</dd>
                <dt>{i18n.messages().teams().leader}</dt>
                <dd>{leader}</dd>
            </dl>
            <p class="team-card__count">
                {fill(i18n.messages().teams().member_count, &[("count", &team.member_count)])}
            </p>
            <p class="team-card__description">{team.description.clone()}</p>
            <div class="actions">{action} {manage}</div>
            <p class="signup__status" role="status">{notice_view}</p>
        </li>
    }
}

/// On 我的: the teams I lead, belong to or asked to join, with 退出.
#[component]
pub fn MyTeamsSection() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let mine = Load::keeping(move || {
        let api = api.clone();
        async move { api.my_teams().await.map(|list| list.items) }
    });
    let on_left = Callback::new(move |()| mine.refetch());
    view! {
        <section class="panel" aria-labelledby="me-teams" data-testid="me-teams">
            <h2 class="panel__title" id="me-teams">{i18n.messages().teams().mine_title}</h2>
            {mine.view(ListSkeleton, move |answer| match answer {
                        Ok(list) if list.is_empty() => view! {
                            <p class="panel__empty">{i18n.t().teams().mine_empty}</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="me-list">
                                {list.into_iter().map(|mine| view! { <MyTeamItem mine=mine on_left=on_left /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorState error=error on_retry=move |()| mine.refetch() /> }.into_any(),
                    })}
            <a class="button button--quiet" href=paths::TEAMS>{i18n.messages().teams().browse}</a>
        </section>
    }
}

/// One of my teams: its name, my status, and leaving after a confirm step.
#[component]
fn MyTeamItem(mine: MyTeam, #[prop(into)] on_left: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let MyTeam { team, status } = mine;
    let id = team.id;
    let name = team.name.clone();
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let leave = LocalAction::new(move |()| {
        let api = api.clone();
        async move {
            match api.leave_team(id).await {
                Ok(()) => on_left.run(()),
                Err(problem) => error.set(Some(problem)),
            }
        }
    });
    let pending = leave.pending();
    let leave_label = if status == MembershipStatus::Pending {
        i18n.messages().teams().withdraw
    } else {
        i18n.messages().teams().leave
    };
    let question = fill(i18n.messages().teams().confirm_leave, &[("name", &name)]);
    let controls = move || {
        if status == MembershipStatus::Leader {
            // A team always has a leader: leaving is for after staff appoint the next one.
            return view! {
                <a class="button button--quiet" href=paths::team_members(id)>{i18n.t().teams().manage}</a>
                <span class="me-item__hint" data-testid="leader-cannot-leave">{i18n.t().teams().leader_cannot_leave}</span>
            }
            .into_any();
        }
        if confirming.get() {
            return view! {
                <div class="signup__confirm" role="group" aria-label=question.clone()>
                    <p class="signup__question">{question.clone()}</p>
                    <button type="button" class="button button--danger" on:click=move |_| {
                        confirming.set(false);
                        error.set(None);
                        leave.dispatch(());
                    }>
                        {i18n.t().teams().confirm_yes}
                    </button>
                    <button type="button" class="button button--quiet" on:click=move |_| confirming.set(false)>
                        {i18n.t().teams().confirm_no}
                    </button>
                </div>
            }
            .into_any();
        }
        view! {
            <button
                type="button"
                class="button button--quiet"
                disabled=move || pending.get()
                on:click=move |_| confirming.set(true)
            >
                {move || if pending.get() { i18n.t().teams().leaving } else { leave_label }}
            </button>
        }
        .into_any()
    };
    let error_view = move || {
        error.get().map(|error| {
            view! { <p class="form-problem" role="alert">{team_error(i18n.locale(), &error)}</p> }
        })
    };
    view! {
        <li class="me-item" data-testid="me-team" data-status=status_key(status)>
            <span class="me-item__title">{team.name}</span>
            <span class="me-item__when">{format!("{} · {}", team.field, status_label(i18n.locale_untracked(), status))}</span>
            <span class="actions">{controls}</span>
            {error_view}
        </li>
    }
}
