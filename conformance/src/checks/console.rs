//! The staff console's endpoints: refused without credentials or to a volunteer; with an
//! administrator's credentials (see the README), they do what they say.

use station_wire::accounts::AccountSummary;
use station_wire::activities::{Activity, ActivityStatus};
use station_wire::audit::AuditEntry;
use station_wire::page::{List, Page};
use station_wire::privacy::PRIVACY_NOTICE_VERSION;
use station_wire::problem::{codes, types};
use station_wire::series::Series;
use station_wire::signups::{RosterEntry, Signup, SignupStatus};
use station_wire::sites::SiteNode;
use station_wire::staff::StaffToday;
use station_wire::teams::Team;

use super::support::{
    ensure, ensure_field_error, fresh_phone, register, sign_in, Station, PASSWORD,
};
use super::Check;
use crate::{Admin, CheckResult, Client};

/// Checks that need no credentials of their own.
pub fn checks() -> Vec<(String, Check)> {
    vec![
        (
            "site_writes_need_a_session".into(),
            Box::new(writes_need_a_session) as Check,
        ),
        (
            "volunteers_may_not_change_the_site_tree".into(),
            Box::new(volunteers_may_not),
        ),
        (
            "a_site_reads_alone_with_its_public_information".into(),
            Box::new(a_site_reads_alone),
        ),
        (
            "console_writes_need_a_session".into(),
            Box::new(publishing_needs_a_session),
        ),
        (
            "volunteers_may_not_publish".into(),
            Box::new(volunteers_may_not_publish),
        ),
    ]
}

/// Checks that act as the backend's administrator.
pub fn admin_checks(admin: Admin) -> Vec<(String, Check)> {
    let publisher = admin.clone();
    let deciding = admin.clone();
    let repeating = admin.clone();
    vec![
        (
            "admin_finds_a_join_request_waiting_until_it_is_decided".into(),
            Box::new(move |client: &Client| admin_decides_a_request(client, &deciding)) as Check,
        ),
        (
            "admin_keeps_the_site_tree".into(),
            Box::new(move |client: &Client| admin_keeps_the_site_tree(client, &admin)) as Check,
        ),
        (
            "admin_publishes_duplicates_cancels_and_deletes".into(),
            Box::new(move |client: &Client| admin_publishes(client, &publisher)) as Check,
        ),
        (
            "admin_makes_a_weekly_series_moves_one_and_cancels_the_rest".into(),
            Box::new(move |client: &Client| admin_repeats(client, &repeating)) as Check,
        ),
    ]
}

/// A weekly series of three: one activity a week, its series read back; a rule out of bounds
/// refused by name; one occurrence moved alone (the series says so); the first and the
/// following cancelled together.
fn admin_repeats(client: &Client, admin: &Admin) -> CheckResult {
    let token = sign_in(client, &admin.phone, &admin.password)?;
    let root = first_root(client)?;
    let mut body = far_activity(client, root.id)?;
    let first_day: chrono::NaiveDate = body["starts_at"]
        .as_str()
        .and_then(|start| start.get(..10))
        .and_then(|day| day.parse().ok())
        .ok_or("the activity's start has no date")?;
    for (repeat, status, field) in [
        (
            serde_json::json!({"freq": "weekly", "until": (first_day - chrono::Duration::days(1)).to_string()}),
            422,
            "repeat.until",
        ),
        (
            serde_json::json!({"freq": "weekly", "interval": 0, "until": first_day.to_string()}),
            400,
            "repeat.interval",
        ),
    ] {
        body["repeat"] = repeat;
        let problem = client
            .send("POST", "/api/v1/activities", Some(&token), Some(&body))?
            .problem(
                "POST /api/v1/activities with a rule out of bounds",
                status,
                types::VALIDATION,
            )?;
        ensure_field_error(&problem, field, codes::OUT_OF_RANGE, "a rule out of bounds")?;
    }
    body["repeat"] = serde_json::json!({"freq": "weekly", "until": (first_day + chrono::Duration::days(14)).to_string()});
    body["publish"] = serde_json::json!(true);
    let first: Activity = client
        .send("POST", "/api/v1/activities", Some(&token), Some(&body))?
        .json("POST /api/v1/activities with a weekly rule", 201)?;
    let path = format!("/api/v1/activities/{}/series", first.id);
    let series: Series = client.get(&path)?.json(&path, 200)?;
    let starts: Vec<_> = series.occurrences.iter().map(|o| o.starts_at).collect();
    ensure(first.series_id == Some(series.id), || {
        format!(
            "the first occurrence names series {:?}, not {}",
            first.series_id, series.id
        )
    })?;
    ensure(
        series.occurrences.len() == 3
            && series.occurrences[0].id == first.id
            && starts
                .windows(2)
                .all(|pair| pair[1] - pair[0] == chrono::Duration::days(7)),
        || format!("a weekly rule of 15 days made {starts:?}"),
    )?;
    let second: Activity = client
        .get(&format!("/api/v1/activities/{}", series.occurrences[1].id))?
        .json("an occurrence", 200)?;
    let mut moved = body.clone();
    moved["starts_at"] =
        serde_json::json!((second.starts_at + chrono::Duration::hours(1)).to_rfc3339());
    moved["ends_at"] =
        serde_json::json!((second.ends_at + chrono::Duration::hours(1)).to_rfc3339());
    client
        .send(
            "PUT",
            &format!("/api/v1/activities/{}", second.id),
            Some(&token),
            Some(&moved),
        )?
        .json::<Activity>("PUT /api/v1/activities/{id} of one occurrence", 200)?;
    let series: Series = client.get(&path)?.json(&path, 200)?;
    let flags: Vec<bool> = series.occurrences.iter().map(|o| o.moved).collect();
    ensure(flags == [false, true, false], || {
        format!("after moving the second alone, the series says moved {flags:?}")
    })?;
    let reason = serde_json::json!({"reason": "一致性测试取消", "apply_to": "following"});
    client
        .send(
            "POST",
            &format!("/api/v1/activities/{}/cancel", first.id),
            Some(&token),
            Some(&reason),
        )?
        .json::<Activity>(
            "POST /api/v1/activities/{id}/cancel with apply_to following",
            200,
        )?;
    let series: Series = client.get(&path)?.json(&path, 200)?;
    ensure(
        series
            .occurrences
            .iter()
            .all(|o| o.status == ActivityStatus::Cancelled),
        || format!("cancelling the first and the following left {series:?}"),
    )?;
    let single = format!("/api/v1/activities/{}/series", second.id - 100_000_000);
    client
        .get(&single)?
        .problem(&single, 404, types::NOT_FOUND)?;
    Ok(())
}

/// An activity two years from the backend's today (far from every list the other checks read,
/// so that they cannot see it appear).
fn far_activity(client: &Client, site_id: i64) -> Result<serde_json::Value, String> {
    let station = Station::fetch(client)?;
    let start = station.info.now + chrono::Duration::days(730);
    let day = start.date_naive();
    let offset = start.offset().to_string();
    let category = station
        .categories
        .first()
        .map(|category| category.slug.clone())
        .ok_or("GET /api/v1/categories lists no category")?;
    Ok(serde_json::json!({
        "site_id": site_id,
        "category": category,
        "title": "一致性测试活动",
        "place": "一致性测试地点",
        "starts_at": format!("{day}T09:00:00{offset}"),
        "ends_at": format!("{day}T11:00:00{offset}"),
        "capacity": 5,
    }))
}

fn publishing_needs_a_session(client: &Client) -> CheckResult {
    let root = first_root(client)?;
    let body = far_activity(client, root.id)?;
    let any = "/api/v1/activities/1";
    let empty = serde_json::json!({});
    for (method, path, body) in [
        ("GET", "/api/v1/staff/activities".to_owned(), None),
        ("GET", "/api/v1/staff/today".to_owned(), None),
        ("GET", "/api/v1/audit".to_owned(), None),
        (
            "POST",
            format!("{any}/signups/on-behalf"),
            Some(&serde_json::json!({"phone": "13800000000"})),
        ),
        ("DELETE", format!("{any}/signups/1"), None),
        ("GET", format!("/api/v1/sites/{}/staff", root.id), None),
        (
            "POST",
            format!("/api/v1/sites/{}/staff", root.id),
            Some(&empty),
        ),
        ("DELETE", format!("/api/v1/sites/{}/staff/1", root.id), None),
        ("POST", "/api/v1/categories".to_owned(), Some(&empty)),
        (
            "PUT",
            "/api/v1/categories/conformance".to_owned(),
            Some(&empty),
        ),
        ("POST", "/api/v1/teams".to_owned(), Some(&empty)),
        ("PUT", "/api/v1/teams/1".to_owned(), Some(&empty)),
        ("POST", "/api/v1/teams/1/archive".to_owned(), None),
        ("POST", "/api/v1/activities".to_owned(), Some(&body)),
        ("PUT", any.to_owned(), Some(&body)),
        ("DELETE", any.to_owned(), None),
        ("POST", format!("{any}/publish"), None),
        (
            "POST",
            format!("{any}/cancel"),
            Some(&serde_json::json!({"reason": "x"})),
        ),
        (
            "POST",
            format!("{any}/duplicate"),
            Some(&serde_json::json!({})),
        ),
    ] {
        client.send(method, &path, None, body)?.problem(
            &format!("{method} {path} without a token"),
            401,
            types::UNAUTHORIZED,
        )?;
    }
    Ok(())
}

fn volunteers_may_not_publish(client: &Client) -> CheckResult {
    let root = first_root(client)?;
    let volunteer = register(client)?;
    client
        .send(
            "POST",
            "/api/v1/activities",
            Some(&volunteer.token),
            Some(&far_activity(client, root.id)?),
        )?
        .problem(
            "POST /api/v1/activities as a volunteer",
            403,
            types::FORBIDDEN,
        )
        .map(|_| ())
}

/// A draft hidden from the public, published, copied, the copy deleted, the original cancelled
/// with its reason: each step read back.
fn admin_publishes(client: &Client, admin: &Admin) -> CheckResult {
    let token = sign_in(client, &admin.phone, &admin.password)?;
    let root = first_root(client)?;
    let draft: Activity = client
        .send(
            "POST",
            "/api/v1/activities",
            Some(&token),
            Some(&far_activity(client, root.id)?),
        )?
        .json("POST /api/v1/activities as the administrator", 201)?;
    if draft.status != ActivityStatus::Draft {
        return Err(format!("a new activity is {:?}, not a draft", draft.status));
    }
    let path = format!("/api/v1/activities/{}", draft.id);
    client
        .get(&path)?
        .problem("a draft read anonymously", 404, types::NOT_FOUND)?;
    let published: Activity = client
        .send("POST", &format!("{path}/publish"), Some(&token), None)?
        .json("POST /api/v1/activities/{id}/publish", 200)?;
    if published.status != ActivityStatus::Open {
        return Err(format!("a published activity is {:?}", published.status));
    }
    let public: Activity = client
        .get(&path)?
        .json("a published activity read anonymously", 200)?;
    if public.id != draft.id {
        return Err("the published activity reads as another".into());
    }
    signs_a_resident_up_on_their_behalf(client, &token, &published)?;
    let copy: Activity = client
        .send(
            "POST",
            &format!("{path}/duplicate"),
            Some(&token),
            Some(&serde_json::json!({})),
        )?
        .json("POST /api/v1/activities/{id}/duplicate", 201)?;
    if copy.status != ActivityStatus::Draft
        || copy.starts_at - draft.starts_at != chrono::Duration::days(7)
    {
        return Err(format!(
            "the copy is {:?} starting {}",
            copy.status, copy.starts_at
        ));
    }
    client
        .send(
            "DELETE",
            &format!("/api/v1/activities/{}", copy.id),
            Some(&token),
            None,
        )?
        .status("DELETE /api/v1/activities/{id} of an unused copy", 204)?;
    let reason = serde_json::json!({"reason": "一致性测试取消"});
    let cancelled: Activity = client
        .send(
            "POST",
            &format!("{path}/cancel"),
            Some(&token),
            Some(&reason),
        )?
        .json("POST /api/v1/activities/{id}/cancel", 200)?;
    let public: Activity = client.get(&path)?.json("a cancelled activity", 200)?;
    if cancelled.status != ActivityStatus::Cancelled
        || public.cancel_reason.as_deref() != Some("一致性测试取消")
    {
        return Err(format!("after cancelling, the activity reads {public:?}"));
    }
    // The administrator's writes are in the audit log (other checks may write meanwhile).
    let log: Page<AuditEntry> = client
        .send("GET", "/api/v1/audit?limit=50", Some(&token), None)?
        .json("GET /api/v1/audit as the administrator", 200)?;
    let subject = format!("activity:{}", draft.id);
    ensure(
        log.items
            .iter()
            .any(|entry| entry.subject == subject && entry.action == "activity.cancel"),
        || format!("the latest 50 audit entries hold no cancellation of {subject}"),
    )
}

/// 代报名: a resident opened at the activity's site is signed up by the administrator (who the
/// roster then names), and the sign-up is cancelled for them.
fn signs_a_resident_up_on_their_behalf(
    client: &Client,
    token: &str,
    activity: &Activity,
) -> CheckResult {
    let phone = fresh_phone();
    let resident = serde_json::json!({"display_name": "一致性测试居民", "phone": phone, "password": PASSWORD, "site_id": activity.site.id, "privacy_notice": PRIVACY_NOTICE_VERSION});
    let account: AccountSummary = client
        .send(
            "POST",
            "/api/v1/staff/accounts",
            Some(token),
            Some(&resident),
        )?
        .json("POST /api/v1/staff/accounts as the administrator", 201)?;
    let path = format!("/api/v1/activities/{}/signups", activity.id);
    let entry: RosterEntry = client
        .send(
            "POST",
            &format!("{path}/on-behalf"),
            Some(token),
            Some(&serde_json::json!({"phone": phone})),
        )?
        .json("POST /api/v1/activities/{id}/signups/on-behalf", 201)?;
    ensure(
        entry.account.id == account.id
            && entry.signup.status == SignupStatus::Confirmed
            && entry.made_by.is_some(),
        || format!("the sign-up made on the resident's behalf reads {entry:?}"),
    )?;
    let roster: List<RosterEntry> = client
        .send("GET", &path, Some(token), None)?
        .json("GET /api/v1/activities/{id}/signups", 200)?;
    ensure(
        roster
            .items
            .iter()
            .any(|line| line.account.id == account.id && line.made_by == entry.made_by),
        || "the roster does not name who signed the resident up".into(),
    )?;
    let cancelled: Signup = client
        .send(
            "DELETE",
            &format!("{path}/{}", account.id),
            Some(token),
            None,
        )?
        .json("DELETE /api/v1/activities/{id}/signups/{account_id}", 200)?;
    ensure(cancelled.status == SignupStatus::Cancelled, || {
        format!(
            "the sign-up cancelled on the resident's behalf is {:?}",
            cancelled.status
        )
    })
}

fn first_root(client: &Client) -> Result<SiteNode, String> {
    Station::fetch(client)?
        .roots
        .into_iter()
        .next()
        .ok_or_else(|| "GET /api/v1/sites lists no site".to_owned())
}

fn writes_need_a_session(client: &Client) -> CheckResult {
    let root = first_root(client)?;
    let body = serde_json::json!({"parent_id": root.id, "kind": "station", "name": "一致性测试站"});
    for (method, path, body) in [
        ("POST", "/api/v1/sites".to_owned(), Some(&body)),
        ("PUT", format!("/api/v1/sites/{}", root.id), Some(&body)),
        ("POST", format!("/api/v1/sites/{}/archive", root.id), None),
    ] {
        client.send(method, &path, None, body)?.problem(
            &format!("{method} {path} without a token"),
            401,
            types::UNAUTHORIZED,
        )?;
    }
    Ok(())
}

fn volunteers_may_not(client: &Client) -> CheckResult {
    let root = first_root(client)?;
    let volunteer = register(client)?;
    let body = serde_json::json!({"parent_id": root.id, "kind": "station", "name": "一致性测试站"});
    client
        .send("POST", "/api/v1/sites", Some(&volunteer.token), Some(&body))?
        .problem("POST /api/v1/sites as a volunteer", 403, types::FORBIDDEN)?;
    client
        .send(
            "POST",
            &format!("/api/v1/sites/{}/archive", root.id),
            Some(&volunteer.token),
            None,
        )?
        .problem("archiving the root as a volunteer", 403, types::FORBIDDEN)?;
    let again = first_root(client)?;
    if again.id != root.id || again.name != root.name {
        return Err("the tree's root changed after refused requests".into());
    }
    Ok(())
}

fn a_site_reads_alone(client: &Client) -> CheckResult {
    let root = first_root(client)?;
    let site: SiteNode = client
        .get(&format!("/api/v1/sites/{}", root.id))?
        .json("GET /api/v1/sites/{id}", 200)?;
    if site.id != root.id || site.name != root.name {
        return Err(format!(
            "GET /api/v1/sites/{} answered site {} ({})",
            root.id, site.id, site.name
        ));
    }
    client
        .get("/api/v1/sites/999999999")?
        .problem("GET /api/v1/sites/{unknown}", 404, types::NOT_FOUND)
        .map(|_| ())
}

/// Creates a station under the first root, edits its public information, archives it: each
/// step seen in the public reads.
fn admin_keeps_the_site_tree(client: &Client, admin: &Admin) -> CheckResult {
    let token = sign_in(client, &admin.phone, &admin.password)?;
    let root = first_root(client)?;
    let body = serde_json::json!({"parent_id": root.id, "kind": "station", "name": "一致性测试站"});
    let created: SiteNode = client
        .send("POST", "/api/v1/sites", Some(&token), Some(&body))?
        .json("POST /api/v1/sites as the administrator", 201)?;
    if created.parent_id != Some(root.id) || created.name != "一致性测试站" {
        return Err(format!("the created site reads {created:?}"));
    }
    let edit = serde_json::json!({"parent_id": root.id, "kind": "station", "name": "一致性测试站（改）", "opening_hours": "周六 9:00–11:00"});
    let edited: SiteNode = client
        .send(
            "PUT",
            &format!("/api/v1/sites/{}", created.id),
            Some(&token),
            Some(&edit),
        )?
        .json("PUT /api/v1/sites/{id} as the administrator", 200)?;
    let read: SiteNode = client
        .get(&format!("/api/v1/sites/{}", created.id))?
        .json("GET /api/v1/sites/{id}", 200)?;
    if edited != read || read.opening_hours.as_deref() != Some("周六 9:00–11:00") {
        return Err(format!("after the edit the site reads {read:?}"));
    }
    client
        .send(
            "POST",
            &format!("/api/v1/sites/{}/archive", created.id),
            Some(&token),
            None,
        )?
        .status("POST /api/v1/sites/{id}/archive as the administrator", 204)?;
    client
        .get(&format!("/api/v1/sites/{}", created.id))?
        .problem("an archived site", 404, types::NOT_FOUND)?;
    let tree: List<SiteNode> = client
        .get("/api/v1/sites")?
        .json("GET /api/v1/sites", 200)?;
    if format!("{tree:?}").contains("一致性测试站") {
        return Err("the archived site is still in GET /api/v1/sites".into());
    }
    Ok(())
}

/// A volunteer asks to join a new team: the request waits in `GET /api/v1/staff/today` until
/// the administrator declines it; the team is archived after.
fn admin_decides_a_request(client: &Client, admin: &Admin) -> CheckResult {
    let token = sign_in(client, &admin.phone, &admin.password)?;
    let root = first_root(client)?;
    let body = serde_json::json!({"site_id": root.id, "name": "一致性测试服务队", "field": "测试"});
    let team: Team = client
        .send("POST", "/api/v1/teams", Some(&token), Some(&body))?
        .json("POST /api/v1/teams as the administrator", 201)?;
    let volunteer = register(client)?;
    client
        .send(
            "POST",
            &format!("/api/v1/teams/{}/members", team.id),
            Some(&volunteer.token),
            Some(&serde_json::json!({})),
        )?
        .status("POST /api/v1/teams/{id}/members as a volunteer", 201)?;
    let waiting = |client: &Client| -> Result<bool, String> {
        let today: StaffToday = client
            .send("GET", "/api/v1/staff/today", Some(&token), None)?
            .json("GET /api/v1/staff/today as the administrator", 200)?;
        Ok(today
            .join_requests
            .iter()
            .any(|request| request.team.id == team.id && request.account_id == volunteer.id))
    };
    ensure(waiting(client)?, || {
        "GET /api/v1/staff/today does not list the volunteer's request to join the new team".into()
    })?;
    client
        .send(
            "POST",
            &format!("/api/v1/teams/{}/members/{}/decline", team.id, volunteer.id),
            Some(&token),
            None,
        )?
        .status("POST /api/v1/teams/{id}/members/{account_id}/decline", 204)?;
    ensure(!waiting(client)?, || {
        "GET /api/v1/staff/today still lists a declined request".into()
    })?;
    client
        .send(
            "POST",
            &format!("/api/v1/teams/{}/archive", team.id),
            Some(&token),
            None,
        )?
        .status("POST /api/v1/teams/{id}/archive as the administrator", 204)
}
