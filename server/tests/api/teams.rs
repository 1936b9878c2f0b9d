//! Teams: the directory, joining, approving or declining, leaving and removing, "my teams".

use reqwest::Method;
use station_wire::page::List;
use station_wire::problem::{codes, types};
use station_wire::teams::{MembershipStatus, MyTeam, Team, TeamMember};

use crate::common::problem;
use crate::fixture::{Fixture, Who};

async fn call(f: &Fixture, method: Method, path: &str, who: Who) -> reqwest::Response {
    let token = f.token(who).await;
    f.app
        .request(method, path, token.as_deref())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_directory_lists_a_sites_teams_with_leader_and_members() {
    let f = Fixture::new().await;
    let all: List<Team> = f
        .app
        .get_json(&format!("/api/v1/teams?site={}", f.seed.center))
        .await;
    let ids: Vec<i64> = all.items.iter().map(|team| team.id).collect();
    assert_eq!(ids, [f.team, f.spare_team], "by id");
    let team = &all.items[0];
    assert_eq!(
        (team.id, team.leader_name.as_deref(), team.member_count),
        (f.team, Some("队长"), 1)
    );
    assert_eq!(team.site.id, f.seed.station_a1);
    let elsewhere: List<Team> = f
        .app
        .get_json(&format!("/api/v1/teams?site={}", f.seed.institute_b))
        .await;
    assert!(elsewhere.items.is_empty());
    let one: Team = f.app.get_json(&format!("/api/v1/teams/{}", f.team)).await;
    assert_eq!(&one, team);
    let bad = f.app.get_problem("/api/v1/teams?site=abc", 400).await;
    assert_eq!(bad.errors[0].code, codes::INVALID);
    let unknown = f.app.get_problem("/api/v1/teams?site=987654", 422).await;
    assert_eq!(unknown.errors[0].code, codes::UNKNOWN);
    f.app.get_problem("/api/v1/teams/987654", 404).await;
}

#[tokio::test]
async fn a_volunteer_asks_the_leader_approves_and_the_member_leaves() {
    let f = Fixture::new().await;
    let team = f.team;
    let joined = call(
        &f,
        Method::POST,
        &format!("/api/v1/teams/{team}/members"),
        Who::Volunteer,
    )
    .await;
    assert_eq!(joined.status(), 201);
    assert_eq!(
        joined.json::<MyTeam>().await.unwrap().status,
        MembershipStatus::Pending
    );
    let twice = call(
        &f,
        Method::POST,
        &format!("/api/v1/teams/{team}/members"),
        Who::Volunteer,
    )
    .await;
    assert_eq!(problem(twice, 409).await.kind, types::ALREADY_IN_TEAM);
    let leader_joins = call(
        &f,
        Method::POST,
        &format!("/api/v1/teams/{team}/members"),
        Who::Leader,
    )
    .await;
    assert_eq!(problem(leader_joins, 409).await.kind, types::LEADS_TEAM);

    // The leader sees a request with a masked phone (not a member yet); staff of the volunteer's
    // site see it whole.
    let as_leader = members_as(&f, team, Who::Leader).await;
    assert_eq!(as_leader.items[0].status, MembershipStatus::Pending);
    assert_eq!(as_leader.items[0].account.phone, "139****0001");
    let as_staff = members_as(&f, team, Who::StaffHere).await;
    assert_eq!(
        as_staff.items[0].account.phone,
        crate::common::phone(90_001)
    );

    let approve = format!("/api/v1/teams/{team}/members/{}/approve", f.volunteer);
    problem(call(&f, Method::POST, &approve, Who::StaffOther).await, 403).await;
    assert_eq!(
        call(&f, Method::POST, &approve, Who::Leader).await.status(),
        204
    );
    problem(call(&f, Method::POST, &approve, Who::Leader).await, 404).await;
    let team_now: Team = f.app.get_json(&format!("/api/v1/teams/{team}")).await;
    assert_eq!(team_now.member_count, 2);
    // A member now: the leader can call them.
    let members = members_as(&f, team, Who::Leader).await;
    let member = members
        .items
        .iter()
        .find(|row| row.account.id == f.volunteer)
        .expect("the new member is listed");
    assert_eq!(member.status, MembershipStatus::Member);
    assert_eq!(member.account.phone, crate::common::phone(90_001));

    let mine: List<MyTeam> = call(&f, Method::GET, "/api/v1/me/teams", Who::Volunteer)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        mine.items
            .iter()
            .map(|t| (t.team.id, t.status))
            .collect::<Vec<_>>(),
        [(team, MembershipStatus::Member)]
    );
    let led: List<MyTeam> = call(&f, Method::GET, "/api/v1/me/teams", Who::Leader)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(led.items[0].status, MembershipStatus::Leader);

    let leave = format!("/api/v1/teams/{team}/members/me");
    assert_eq!(
        call(&f, Method::DELETE, &leave, Who::Volunteer)
            .await
            .status(),
        204
    );
    problem(call(&f, Method::DELETE, &leave, Who::Volunteer).await, 404).await;
}

#[tokio::test]
async fn the_leader_hands_the_team_over_to_a_member_and_stays_on_as_one() {
    let f = Fixture::new().await;
    let team = f.team;
    let leave = format!("/api/v1/teams/{team}/members/me");
    let refused = problem(call(&f, Method::DELETE, &leave, Who::Leader).await, 409).await;
    assert_eq!(refused.kind, types::LEADS_TEAM);
    assert!(refused.detail.unwrap_or_default().contains("hand it over"));

    // Only a member can lead: a request is not enough.
    let lead = format!("/api/v1/teams/{team}/members/{}/lead", f.volunteer);
    call(
        &f,
        Method::POST,
        &format!("/api/v1/teams/{team}/members"),
        Who::Volunteer,
    )
    .await;
    let early = problem(call(&f, Method::POST, &lead, Who::Leader).await, 409).await;
    assert_eq!(early.kind, types::NOT_A_MEMBER);
    let approve = format!("/api/v1/teams/{team}/members/{}/approve", f.volunteer);
    assert_eq!(
        call(&f, Method::POST, &approve, Who::Leader).await.status(),
        204
    );

    let handed: Team = call(&f, Method::POST, &lead, Who::Leader)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(handed.leader_name.as_deref(), Some("志愿者"));
    assert_eq!(handed.member_count, 2, "the new leader and the former one");
    let statuses = async |who: Who| {
        let mine: List<MyTeam> = call(&f, Method::GET, "/api/v1/me/teams", who)
            .await
            .json()
            .await
            .unwrap();
        mine.items
            .iter()
            .map(|t| (t.team.id, t.status))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        statuses(Who::Volunteer).await,
        [(team, MembershipStatus::Leader)]
    );
    assert_eq!(
        statuses(Who::Leader).await,
        [(team, MembershipStatus::Member)]
    );
    // The former leader no longer manages the team, and may leave it now.
    let members = format!("/api/v1/teams/{team}/members");
    problem(call(&f, Method::GET, &members, Who::Leader).await, 403).await;
    assert_eq!(
        call(&f, Method::DELETE, &leave, Who::Leader).await.status(),
        204
    );
    // The leader is no member row: asking again is refused, so nothing is applied twice.
    let back = format!("/api/v1/teams/{team}/members/{}/lead", f.volunteer);
    problem(call(&f, Method::POST, &back, Who::StaffHere).await, 409).await;
}

/// `GET /teams/{team}/members` as `who`, answered 200.
async fn members_as(f: &Fixture, team: i64, who: Who) -> List<TeamMember> {
    let response = call(
        f,
        Method::GET,
        &format!("/api/v1/teams/{team}/members"),
        who,
    )
    .await;
    assert_eq!(response.status(), 200, "{who:?}");
    response.json().await.unwrap()
}

/// A hand-over reads the leader before it writes. On SQLite such a transaction, begun deferred,
/// failed with "database is locked" (a 500) when another writer went in between — Schemathesis
/// found it — so write transactions begin `IMMEDIATE`. Twenty hand-overs of one team at once:
/// each happens (200) or is refused because another went first (409 `leader-changed`; SQLite
/// runs them one after another, PostgreSQL lets them race), never fails; the team ends with one
/// leader and every member still in it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_hand_overs_at_once_each_happen_or_are_refused_and_none_fails() {
    let f = Fixture::new().await;
    let team = f.team;
    let members = crate::common::many_accounts(&f.app.store, 70_000, 20).await;
    for (id, _) in &members {
        sqlx::query(
            "INSERT INTO team_members (team_id, account_id, status, requested_at, decided_at) \
             VALUES ($1, $2, 'member', 0, 0)",
        )
        .bind(team)
        .bind(id)
        .execute(f.app.store.pool())
        .await
        .unwrap();
    }
    let before = members_as(&f, team, Who::Admin).await.items.len();
    let admin = f.token(Who::Admin).await.unwrap();
    let handovers: Vec<_> = members
        .iter()
        .map(|(id, _)| {
            let request = f
                .app
                .request(
                    Method::POST,
                    &format!("/api/v1/teams/{team}/members/{id}/lead"),
                    Some(&admin),
                )
                .send();
            tokio::spawn(async move {
                let answer = request.await.expect("sent");
                let status = answer.status().as_u16();
                let kind = match status {
                    200 => String::new(),
                    _ => {
                        answer
                            .json::<station_wire::problem::Problem>()
                            .await
                            .unwrap()
                            .kind
                    }
                };
                (status, kind)
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for handover in handovers {
        statuses.push(handover.await.unwrap());
    }
    assert!(
        statuses
            .iter()
            .all(|(status, kind)| *status == 200
                || (*status == 409 && kind == types::LEADER_CHANGED)),
        "{statuses:?}"
    );
    assert!(statuses.iter().any(|(status, _)| *status == 200));
    // The team is led by one of the twenty, who has no member row any more.
    let leader: Option<i64> =
        sqlx::query_scalar("SELECT leader_account_id FROM teams WHERE id = $1")
            .bind(team)
            .fetch_one(f.app.store.pool())
            .await
            .unwrap();
    let leader = leader.expect("a leader");
    assert!(members.iter().any(|(id, _)| *id == leader), "{leader}");
    let rows: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM team_members WHERE team_id = $1 AND account_id = $2",
    )
    .bind(team)
    .bind(leader)
    .fetch_one(f.app.store.pool())
    .await
    .unwrap();
    assert_eq!(rows, 0);
    // A leader has no member row: the members are as many as before, the old leader among them.
    assert_eq!(members_as(&f, team, Who::Admin).await.items.len(), before);
}
