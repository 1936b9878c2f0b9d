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
    let unknown = f.app.get_problem("/api/v1/teams?site=987654", 400).await;
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
    assert_eq!(problem(twice, 409).await.kind, types::CONFLICT);
    let leader_joins = call(
        &f,
        Method::POST,
        &format!("/api/v1/teams/{team}/members"),
        Who::Leader,
    )
    .await;
    problem(leader_joins, 409).await;

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
    assert_eq!(refused.kind, types::CONFLICT);
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
    assert_eq!(early.kind, types::CONFLICT);
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
