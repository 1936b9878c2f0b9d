//! The team directory and joining, as a volunteer meets them. (Approving needs a leader or
//! staff, which the suite cannot create: the server's own tests cover it.)

use station_wire::page::List;
use station_wire::problem::types;
use station_wire::teams::{MembershipStatus, MyTeam, Team};

use super::support::{ensure, register, Station};
use super::Check;
use crate::{CheckResult, Client};

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        ("directory_belongs_to_the_site_tree", Box::new(directory)),
        ("join_twice_list_and_leave", Box::new(join_and_leave)),
    ]
}

fn teams(client: &Client, query: &str) -> Result<Vec<Team>, String> {
    Ok(client
        .json::<List<Team>>(&format!("/api/v1/teams{query}"))?
        .items)
}

fn directory(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let all = teams(client, "")?;
    ensure(!all.is_empty(), || {
        "GET /api/v1/teams is empty: the suite needs a team".into()
    })?;
    let parents = station.parents();
    for team in &all {
        ensure(parents.contains_key(&team.site.id), || {
            format!(
                "team {} belongs to site {}, which is not in the tree",
                team.id, team.site.id
            )
        })?;
        let one: Team = client.json(&format!("/api/v1/teams/{}", team.id))?;
        ensure(&one == team, || {
            format!(
                "GET /api/v1/teams/{} differs from the list: {one:?}",
                team.id
            )
        })?;
    }
    for site in station.sites() {
        let subtree = station.subtree(site.id);
        let listed = teams(client, &format!("?site={}", site.id))?;
        let expected: Vec<i64> = all
            .iter()
            .filter(|t| subtree.contains(&t.site.id))
            .map(|t| t.id)
            .collect();
        let got: Vec<i64> = listed.iter().map(|t| t.id).collect();
        ensure(got == expected, || {
            format!("?site={}: teams {got:?}, want {expected:?}", site.id)
        })?;
    }
    client
        .problem("/api/v1/teams/9007199254740991", 404)
        .map(|_| ())
}

fn join_and_leave(client: &Client) -> CheckResult {
    let team = teams(client, "")?.into_iter().next().ok_or("no team")?;
    let volunteer = register(client)?;
    let join = format!("/api/v1/teams/{}/members", team.id);
    let asked: MyTeam = client
        .send("POST", &join, Some(&volunteer.token), None)?
        .json(&format!("POST {join}"), 201)?;
    ensure(
        asked.status == MembershipStatus::Pending && asked.team.id == team.id,
        || format!("asking to join: {asked:?}, want pending"),
    )?;
    client
        .send("POST", &join, Some(&volunteer.token), None)?
        .problem("asking to join twice", 409, types::ALREADY_IN_TEAM)?;
    let mine: List<MyTeam> = client
        .send("GET", "/api/v1/me/teams", Some(&volunteer.token), None)?
        .json("GET /api/v1/me/teams", 200)?;
    ensure(
        mine.items
            .iter()
            .any(|t| t.team.id == team.id && t.status == MembershipStatus::Pending),
        || {
            format!(
                "GET /api/v1/me/teams lacks the pending request: {:?}",
                mine.items
            )
        },
    )?;
    client
        .send("GET", &join, Some(&volunteer.token), None)?
        .problem(&format!("GET {join} as a volunteer"), 403, types::FORBIDDEN)?;
    let approve = format!("/api/v1/teams/{}/members/{}/approve", team.id, volunteer.id);
    client
        .send("POST", &approve, Some(&volunteer.token), None)?
        .problem("approving oneself", 403, types::FORBIDDEN)?;
    let leave = format!("/api/v1/teams/{}/members/me", team.id);
    client
        .send("DELETE", &leave, Some(&volunteer.token), None)?
        .status(&format!("DELETE {leave}"), 204)?;
    client
        .send("DELETE", &leave, Some(&volunteer.token), None)?
        .problem("leaving twice", 404, types::NOT_FOUND)?;
    client
        .send("POST", &join, None, None)?
        .problem("asking to join anonymously", 401, types::UNAUTHORIZED)
        .map(|_| ())
}
