//! `/staff/teams/:id`: a team's join requests and members, for its leader, staff of its site and
//! administrators: approve (通过) or decline (拒绝) a request; remove (移出) a member or make
//! them the leader (设为队长), each after a confirm step.

use crate::action::LocalAction;
use crate::load::Load;
use crate::router::use_navigate;
use leptos::prelude::*;
use station_wire::teams::{MembershipStatus, TeamMember};

use super::{status_label, team_error};
use crate::api::{use_api, ApiError};
use crate::components::flash::set_flash;
use crate::components::form::focus_when_drawn;
use crate::components::ErrorState;
use crate::components::ListSkeleton;
use crate::i18n::{fill, full_date, time_hm, use_i18n};
use crate::pages::accounts::require_sign_in;
use crate::pages::checkin::use_activity_id;
use crate::paths;
use crate::session::use_session;

/// What the leader does to one member or request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Approve,
    Decline,
    Remove,
    Lead,
}

#[component]
pub fn TeamMembersPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    // The route's `:id`, here the team's.
    let team_id = use_activity_id();
    let data = Load::keeping(move || {
        let api = api.clone();
        let id = team_id.get();
        async move {
            let id = id.ok_or(ApiError::Http { status: 404 })?;
            let team = api.team(id).await?;
            let members = api.team_members(id).await?.items;
            Ok::<_, ApiError>((team, members))
        }
    });
    let on_changed = Callback::new(move |()| data.refetch());
    view! {
        <div class="page team-members">
            {data.view(ListSkeleton, move |answer| match answer {
                        Ok((team, members)) => {
                            let (team_id, site_id) = (team.id, team.site.id);
                            let (requests, members): (Vec<_>, Vec<_>) = members
                                .into_iter()
                                .partition(|member| member.status == MembershipStatus::Pending);
                            let requests_view = if requests.is_empty() {
                                view! { <p class="panel__empty">{i18n.t().teams().requests_empty}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="me-list">
                                        {requests.into_iter().map(|member| view! { <MemberItem team_id=team.id member=member on_changed=on_changed /> }).collect_view()}
                                    </ul>
                                }.into_any()
                            };
                            let members_view = if members.is_empty() {
                                view! { <p class="panel__empty">{i18n.t().teams().members_empty}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="me-list">
                                        {members.into_iter().map(|member| view! { <MemberItem team_id=team.id member=member on_changed=on_changed /> }).collect_view()}
                                    </ul>
                                }.into_any()
                            };
                            view! {
                                <h1 class="page__title">{team.name.clone()}</h1>
                                <p class="page__lead">{i18n.t().teams().members_title}</p>
                                // Its own closure: the account arriving after the first draw
                                // must not draw the lists again (a confirm step open would close).
                                {move || session.manages_site(site_id).then(|| view! {
                                    <a class="button button--quiet" href=paths::edit_team(team_id) data-testid="edit-team">
                                        {i18n.t().teams().edit}
                                    </a>
                                })}
                                <section class="panel" aria-labelledby="team-requests" data-testid="team-requests">
                                    <h2 class="panel__title" id="team-requests">{i18n.t().teams().requests_title}</h2>
                                    {requests_view}
                                </section>
                                <section class="panel" aria-labelledby="team-members" data-testid="team-members">
                                    <h2 class="panel__title" id="team-members">{i18n.t().teams().members_list_title}</h2>
                                    {members_view}
                                </section>
                            }.into_any()
                        }
                        Err(error) => {
                            // Which team, and why not: in the words of the teams pages.
                            let message = matches!(error.status(), Some(403 | 404))
                                .then(|| team_error(i18n.locale_untracked(), &error));
                            view! {
                                <h1 class="page__title">{i18n.t().teams().members_title}</h1>
                                <ErrorState error=error message=message on_retry=move |()| data.refetch() />
                            }.into_any()
                        }
                    })}
            <a class="button button--quiet" href=paths::TEAMS>{i18n.messages().teams().back}</a>
        </div>
    }
}

/// One request (通过 / 拒绝) or member (移出, after confirming).
#[component]
fn MemberItem(
    team_id: i64,
    member: TeamMember,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let account_id = member.account.id;
    let name = member.account.display_name.clone();
    // Every button of the row names whom it is about (通过 … 孙奶奶), for screen readers.
    let name_id = format!("member-{account_id}-name");
    let status = member.status;
    // The step awaiting confirmation: 移出 or 设为队长.
    let confirming = RwSignal::new(None::<Decision>);
    let error = RwSignal::new(None::<ApiError>);
    let name_for_flash = StoredValue::new(name.clone());
    let decide = LocalAction::new(move |decision: &Decision| {
        let (api, decision, navigate) = (api.clone(), *decision, navigate.clone());
        // A leader who hands the team over manages it no more: 我的 shows where they stand.
        let handing_over = decision == Decision::Lead && session.leads_team(team_id);
        async move {
            let answer = match decision {
                Decision::Approve => api.approve_member(team_id, account_id).await,
                Decision::Decline => api.decline_member(team_id, account_id).await,
                Decision::Remove => api.remove_member(team_id, account_id).await,
                Decision::Lead => api.make_leader(team_id, account_id).await,
            };
            match answer {
                Ok(()) if handing_over => {
                    let locale = i18n.locale_untracked();
                    set_flash(&fill(
                        locale.messages().teams().handed_over,
                        &[("name", &name_for_flash.get_value())],
                    ));
                    navigate(paths::ME, Default::default())
                }
                Ok(()) => on_changed.run(()),
                Err(problem) => error.set(Some(problem)),
            }
        }
    });
    let pending = decide.pending();
    let requested = member.requested_at;
    let when = fill(
        i18n.messages().teams().requested_at,
        &[(
            "when",
            &format!(
                "{} {}",
                full_date(i18n.locale_untracked(), requested.date_naive()),
                time_hm(&requested)
            ),
        )],
    );
    // A request says when it was made; a member, only how to reach them.
    let line = if status == MembershipStatus::Pending {
        format!("{} · {}", member.account.phone, when)
    } else {
        member.account.phone.clone()
    };
    let run = move |decision: Decision| {
        confirming.set(None);
        error.set(None);
        decide.dispatch(decision);
    };
    // The confirm step takes the focus, so that its question is heard and answered first.
    let confirm_id = StoredValue::new(format!("member-{account_id}-confirm"));
    let ask = move |decision: Decision| {
        confirming.set(Some(decision));
        focus_when_drawn(format!("#{} button", confirm_id.get_value()));
    };
    let name_for_confirm = name.clone();
    let confirm = move |decision: Decision| {
        let messages = &i18n.t().teams();
        let (question, yes, no) = if decision == Decision::Lead {
            (
                messages.confirm_leader,
                messages.confirm_leader_yes,
                messages.confirm_leader_no,
            )
        } else {
            (
                messages.confirm_remove,
                messages.confirm_remove_yes,
                messages.confirm_remove_no,
            )
        };
        let question = fill(question, &[("name", &name_for_confirm)]);
        let danger = if decision == Decision::Remove {
            "button button--danger"
        } else {
            "button"
        };
        view! {
            <div class="signup__confirm" role="group" id=confirm_id.get_value() aria-label=question.clone()>
                <p class="signup__question">{question.clone()}</p>
                <button type="button" class=danger on:click=move |_| run(decision)>{yes}</button>
                <button type="button" class="button button--quiet" on:click=move |_| confirming.set(None)>
                    {no}
                </button>
            </div>
        }
    };
    let controls = {
        let name_id = name_id.clone();
        move || {
            if pending.get() {
                return view! { <span class="team-card__status">{i18n.t().teams().working}</span> }
                    .into_any();
            }
            match status {
            MembershipStatus::Pending => view! {
                <button type="button" aria-describedby=name_id.clone() class="button" on:click=move |_| run(Decision::Approve)>
                    {i18n.t().teams().approve}
                </button>
                <button type="button" aria-describedby=name_id.clone() class="button button--quiet" on:click=move |_| run(Decision::Decline)>
                    {i18n.t().teams().decline}
                </button>
            }
            .into_any(),
            MembershipStatus::Leader => view! {
                <span class="team-card__status">{status_label(i18n.locale(), status)}</span>
            }
            .into_any(),
            MembershipStatus::Member => match confirming.get() {
                Some(decision) => confirm(decision).into_any(),
                None => view! {
                    <button type="button" aria-describedby=name_id.clone() class="button button--quiet" on:click=move |_| ask(Decision::Lead)>
                        {i18n.t().teams().make_leader}
                    </button>
                    <button type="button" aria-describedby=name_id.clone() class="button button--quiet" on:click=move |_| ask(Decision::Remove)>
                        {i18n.t().teams().remove}
                    </button>
                }
                .into_any(),
            },
        }
        }
    };
    let error_view = move || {
        error.get().map(|error| {
            let text = team_error(i18n.locale(), &error);
            view! { <p class="form-problem" role="alert">{text}</p> }
        })
    };
    view! {
        <li class="me-item" data-testid="team-member">
            <span class="me-item__title" id=name_id.clone()>{name.clone()}</span>
            <span class="me-item__when">{line}</span>
            <span class="actions">{controls}</span>
            {error_view}
        </li>
    }
}
