//! The authorization matrix: every endpoint × every role → 401, 403 or allowed, over HTTP.
//!
//! "Allowed" means the request got past authorization: a 2xx, or a domain answer that is
//! neither 401 nor 403 (e.g. 404 NOT_SIGNED_UP for a role that has no sign-up to cancel).
//! `Ok` is stricter: exactly a 2xx.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{phone, TEST_PASSWORD};
use crate::fixture::{Fixture, EVERYONE};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A 2xx.
    Ok,
    /// Neither 401 nor 403 nor a 5xx.
    Allowed,
    Unauthorized,
    Forbidden,
    /// Exactly 400: the role may ask, but what it names is not its own (a resident of another
    /// institute is unknown to its staff, as for 代报名).
    Unknown,
}
use Expect::{Allowed, Forbidden, Ok, Unauthorized as Anon, Unknown};

struct Case {
    method: Method,
    path: String,
    /// The body for the n-th request of the matrix (so phones stay unique).
    body: Option<Box<dyn Fn(u32) -> Value>>,
    /// A path per column instead of `path`, where the first allowed role's request would leave
    /// nothing for the next (a delete).
    paths: Option<[String; 7]>,
    /// In the column order of [`EVERYONE`]: anonymous, volunteer, leader, staff here, staff of
    /// another site, staff of the parent institute, admin.
    expect: [Expect; 7],
}

fn case(method: Method, path: impl Into<String>, expect: [Expect; 7]) -> Case {
    Case {
        method,
        path: path.into(),
        body: None,
        paths: None,
        expect,
    }
}

/// A case whose request goes to a different path for each column.
fn per_column(method: Method, paths: [String; 7], expect: [Expect; 7]) -> Case {
    Case {
        path: paths[0].clone(),
        paths: Some(paths),
        ..case(method, "", expect)
    }
}

fn with_body(mut case: Case, body: impl Fn(u32) -> Value + 'static) -> Case {
    case.body = Some(Box::new(body));
    case
}

/// An activity at `site` tomorrow 14:00–16:00.
fn activity_input(site: i64, title: &str) -> Value {
    let day = crate::common::today() + chrono::Duration::days(1);
    json!({
        "site_id": site,
        "category": "elderly",
        "title": title,
        "place": "活动室",
        "starts_at": format!("{day}T14:00:00+08:00"),
        "ends_at": format!("{day}T16:00:00+08:00"),
        "capacity": 10,
    })
}

fn cases(f: &Fixture) -> Vec<Case> {
    let station = f.seed.station_a1;
    let institute_a = f.seed.institute_a;
    let institute_b = f.seed.institute_b;
    let everyone = [Ok; 7];
    let signed_in = [Anon, Ok, Ok, Ok, Ok, Ok, Ok];
    let staff_here = [Anon, Forbidden, Forbidden, Ok, Forbidden, Ok, Ok];
    let runs_it = [Anon, Forbidden, Ok, Ok, Forbidden, Ok, Ok];
    // The first allowed role changes the state; the next ones get a domain answer (409…).
    let runs_it_once = [
        Anon, Forbidden, Allowed, Allowed, Forbidden, Allowed, Allowed,
    ];
    let activity = f.activity;
    let volunteer = f.volunteer;
    let team = f.team;
    let leads_team = [Anon, Forbidden, Ok, Ok, Forbidden, Ok, Ok];
    let leads_team_once = [
        Anon, Forbidden, Allowed, Allowed, Forbidden, Allowed, Allowed,
    ];
    vec![
        // Public reading.
        case(Method::GET, "/healthz", everyone),
        case(Method::GET, "/api/v1/openapi.json", everyone),
        case(Method::GET, "/api/v1/station", everyone),
        case(Method::GET, "/api/v1/sites", everyone),
        case(Method::GET, format!("/api/v1/sites/{station}"), everyone),
        // The site tree: administrators anywhere, staff under the sites they cover.
        with_body(
            case(
                Method::POST,
                "/api/v1/sites",
                [Anon, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Ok],
            ),
            move |n| json!({"parent_id": institute_a, "kind": "station", "name": format!("新站{n}")}),
        ),
        with_body(
            case(
                Method::POST,
                "/api/v1/sites",
                [Anon, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok],
            ),
            move |n| json!({"parent_id": institute_b, "kind": "station", "name": format!("乙新站{n}")}),
        ),
        with_body(
            case(Method::PUT, format!("/api/v1/sites/{station}"), staff_here),
            move |n| json!({"parent_id": institute_a, "kind": "station", "name": format!("甲一站{n}"), "opening_hours": "周一至周五 8:30–17:00"}),
        ),
        case(
            Method::POST,
            format!("/api/v1/sites/{}/archive", f.leaf_b),
            [Anon, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok],
        ),
        case(Method::GET, "/api/v1/categories", everyone),
        case(Method::GET, "/api/v1/activities", everyone),
        case(
            Method::GET,
            format!("/api/v1/activities/{}", f.activity),
            everyone,
        ),
        // Categories belong to the network: administrators keep them.
        with_body(
            case(
                Method::POST,
                "/api/v1/categories",
                [
                    Anon, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok,
                ],
            ),
            |n| json!({"slug": format!("new-{n}"), "name": "新类别", "colour": "#1d5fb4"}),
        ),
        with_body(
            case(
                Method::PUT,
                "/api/v1/categories/safety",
                [
                    Anon, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok,
                ],
            ),
            |_| json!({"name": "平安", "colour": "#1d5fb4"}),
        ),
        // Teams kept by staff of their site.
        with_body(
            case(Method::POST, "/api/v1/teams", staff_here),
            move |n| json!({"site_id": station, "name": format!("新服务队{n}"), "field": "文化传承"}),
        ),
        with_body(
            case(Method::PUT, format!("/api/v1/teams/{team}"), staff_here),
            move |_| json!({"site_id": station, "name": "测试服务队", "field": "邻里互助"}),
        ),
        case(
            Method::POST,
            format!("/api/v1/teams/{}/archive", f.spare_team),
            staff_here,
        ),
        // Staff of a site: those who run it list, grant and revoke.
        case(
            Method::GET,
            format!("/api/v1/sites/{station}/staff"),
            staff_here,
        ),
        with_body(
            case(
                Method::POST,
                format!("/api/v1/sites/{station}/staff"),
                staff_here,
            ),
            |_| json!({"phone": phone(95_001)}),
        ),
        per_column(
            Method::DELETE,
            [0, 0, 0, 0, 1, 1, 2]
                .map(|i| format!("/api/v1/sites/{station}/staff/{}", f.bystanders[i])),
            staff_here,
        ),
        // Publishing: staff of the activity's site and administrators.
        case(
            Method::GET,
            "/api/v1/audit",
            [
                Anon, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok,
            ],
        ),
        case(
            Method::GET,
            "/api/v1/staff/today",
            [Anon, Forbidden, Forbidden, Ok, Ok, Ok, Ok],
        ),
        case(
            Method::GET,
            "/api/v1/staff/activities",
            [Anon, Forbidden, Forbidden, Ok, Ok, Ok, Ok],
        ),
        with_body(
            case(Method::POST, "/api/v1/activities", staff_here),
            move |n| activity_input(station, &format!("新活动{n}")),
        ),
        with_body(
            case(
                Method::PUT,
                format!("/api/v1/activities/{activity}"),
                staff_here,
            ),
            move |n| {
                let mut body = activity_input(station, &format!("改名{n}"));
                // Still the team's, so its leader keeps running it below.
                body["team_id"] = json!(team);
                body["capacity"] = json!(50);
                body
            },
        ),
        case(
            Method::POST,
            format!("/api/v1/activities/{activity}/publish"),
            staff_here,
        ),
        with_body(
            case(
                Method::POST,
                format!("/api/v1/activities/{activity}/duplicate"),
                staff_here,
            ),
            |_| json!({}),
        ),
        with_body(
            case(
                Method::POST,
                format!("/api/v1/activities/{}/cancel", f.spare[0]),
                staff_here,
            ),
            |_| json!({"reason": "场地维修"}),
        ),
        // Staff here delete the first spare; staff of another site the second (refused), staff of
        // the institute delete it, and the administrator the third.
        per_column(
            Method::DELETE,
            [0, 0, 0, 0, 1, 1, 2].map(|i| format!("/api/v1/activities/{}", f.spare[i])),
            staff_here,
        ),
        // Accounts and sessions.
        with_body(
            case(Method::POST, "/api/v1/accounts", everyone),
            |n| json!({"display_name": "新居民", "phone": phone(n), "password": "secret-pass", "privacy_notice": station_wire::privacy::PRIVACY_NOTICE_VERSION}),
        ),
        with_body(
            case(Method::POST, "/api/v1/sessions", everyone),
            |_| json!({"phone": phone(90_001), "password": TEST_PASSWORD}),
        ),
        case(Method::DELETE, "/api/v1/sessions/current", signed_in),
        case(Method::GET, "/api/v1/me", signed_in),
        with_body(
            case(Method::PUT, "/api/v1/me/password", signed_in),
            |_| json!({"current_password": TEST_PASSWORD, "new_password": TEST_PASSWORD}),
        ),
        with_body(
            case(Method::POST, "/api/v1/staff/accounts", staff_here),
            move |n| json!({"display_name": "李奶奶", "phone": phone(n), "password": "initial-pass", "site_id": station, "privacy_notice": station_wire::privacy::PRIVACY_NOTICE_VERSION}),
        ),
        // 代报名: staff of the activity's site sign the resident up, then cancel it for them.
        with_body(
            per_column(
                Method::POST,
                [0, 0, 0, 0, 1, 1, 2]
                    .map(|i| format!("/api/v1/activities/{}/signups/on-behalf", f.behalf[i])),
                staff_here,
            ),
            |_| json!({"phone": phone(90_006)}),
        ),
        per_column(
            Method::DELETE,
            [0, 0, 0, 0, 1, 1, 2]
                .map(|i| format!("/api/v1/activities/{}/signups/{}", f.behalf[i], f.resident)),
            staff_here,
        ),
        // Sign-ups: every role signs up, then cancels.
        case(
            Method::POST,
            format!("/api/v1/activities/{activity}/signups"),
            signed_in,
        ),
        case(Method::GET, "/api/v1/me/signups", signed_in),
        // Records: one's certificate; a resident's hours and a site's month for its staff.
        case(Method::GET, "/api/v1/me/certificate", signed_in),
        case(
            Method::GET,
            format!("/api/v1/staff/reports/hours.csv?phone={}", phone(90_006)),
            [Anon, Forbidden, Forbidden, Ok, Unknown, Ok, Ok],
        ),
        case(
            Method::GET,
            format!("/api/v1/staff/reports/monthly.csv?site={station}&month=2026-11"),
            staff_here,
        ),
        // 站内消息: one's own, read by oneself.
        case(Method::GET, "/api/v1/me/notices", signed_in),
        with_body(
            case(Method::POST, "/api/v1/me/notices/read", signed_in),
            |_| json!({"up_to": 1}),
        ),
        // 个人信息: one's own data; deleting one's account needs its password (a wrong one here,
        // so that the roles live on for the rest of the matrix; the deletion itself is tested in
        // `privacy.rs`).
        case(Method::GET, "/api/v1/me/export", signed_in),
        with_body(
            case(
                Method::DELETE,
                "/api/v1/me",
                [Anon, Unknown, Unknown, Unknown, Unknown, Unknown, Unknown],
            ),
            |_| json!({"password": "not-the-password"}),
        ),
        case(
            Method::GET,
            format!("/api/v1/activities/{activity}/signups"),
            runs_it,
        ),
        case(
            Method::GET,
            format!("/api/v1/activities/{activity}/signups.csv"),
            runs_it,
        ),
        case(
            Method::DELETE,
            format!("/api/v1/activities/{activity}/signups/me"),
            signed_in,
        ),
        case(
            Method::GET,
            format!("/api/v1/activities/{activity}/calendar.ics"),
            everyone,
        ),
        // Check-in and hours (the volunteer's place at the activity under way).
        case(
            Method::GET,
            format!("/api/v1/activities/{}/checkin-code", f.started),
            runs_it,
        ),
        with_body(
            case(
                Method::POST,
                format!("/api/v1/activities/{}/checkins", f.started),
                [Anon, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed],
            ),
            |_| json!({"code": "0.AAAAAAAAAAAAAAAAAAAAAA"}),
        ),
        with_body(
            case(
                Method::POST,
                format!("/api/v1/activities/{}/checkins/manual", f.started),
                runs_it,
            ),
            move |_| json!({"account_id": volunteer}),
        ),
        with_body(
            case(
                Method::PUT,
                format!("/api/v1/signups/{}/hours", f.started_signup),
                [
                    Anon, Forbidden, Forbidden, Allowed, Forbidden, Allowed, Allowed,
                ],
            ),
            |_| json!({"minutes": 120}),
        ),
        case(
            Method::GET,
            format!("/api/v1/signups/{}/hours/audit", f.started_signup),
            staff_here,
        ),
        case(Method::GET, "/api/v1/me/hours", signed_in),
        // Teams: everyone but the leader asks to join; the leader or staff decide.
        case(Method::GET, "/api/v1/teams", everyone),
        case(Method::GET, format!("/api/v1/teams/{team}"), everyone),
        case(
            Method::POST,
            format!("/api/v1/teams/{team}/members"),
            [Anon, Ok, Allowed, Ok, Ok, Ok, Ok],
        ),
        case(
            Method::GET,
            format!("/api/v1/teams/{team}/members"),
            leads_team,
        ),
        case(
            Method::POST,
            format!("/api/v1/teams/{team}/members/{volunteer}/approve"),
            leads_team_once,
        ),
        case(
            Method::POST,
            format!("/api/v1/teams/{team}/members/{}/decline", f.staff_other),
            leads_team_once,
        ),
        // No member: a 409 for those allowed to ask, so the team keeps its leader.
        case(
            Method::POST,
            format!("/api/v1/teams/{team}/members/{}/lead", f.staff_other),
            leads_team_once,
        ),
        case(
            Method::DELETE,
            format!("/api/v1/teams/{team}/members/{volunteer}"),
            leads_team_once,
        ),
        case(
            Method::DELETE,
            format!("/api/v1/teams/{team}/members/me"),
            [Anon, Allowed, Allowed, Ok, Allowed, Ok, Ok],
        ),
        case(Method::GET, "/api/v1/me/teams", signed_in),
        // Staff help a resident of their sites; staff elsewhere find no such resident (404).
        case(
            Method::GET,
            format!("/api/v1/staff/accounts?phone={}", phone(90_006)),
            [Anon, Forbidden, Forbidden, Ok, Allowed, Ok, Ok],
        ),
        with_body(
            case(
                Method::PUT,
                format!("/api/v1/staff/accounts/{}/password", f.resident),
                [Anon, Forbidden, Forbidden, Ok, Allowed, Ok, Ok],
            ),
            |_| json!({"new_password": "a-new-password"}),
        ),
        case(
            Method::GET,
            format!("/api/v1/activities/{}/signups", f.started),
            runs_it,
        ),
        case(
            Method::POST,
            format!("/api/v1/signups/{}/no-show", f.started_signup),
            runs_it_once,
        ),
    ]
}

#[tokio::test]
async fn every_endpoint_answers_every_role_as_the_matrix_says() {
    let f = Fixture::new().await;
    let mut n = 0;
    let mut wrong = Vec::new();
    for case in cases(&f) {
        for (column, (who, expect)) in EVERYONE.into_iter().zip(case.expect).enumerate() {
            n += 1;
            let token = f.token(who).await;
            let path = case
                .paths
                .as_ref()
                .map_or(&case.path, |paths| &paths[column]);
            let mut request = f.app.request(case.method.clone(), path, token.as_deref());
            if let Some(body) = &case.body {
                request = request.json(&body(n));
            }
            let status = request
                .send()
                .await
                .expect("request sent")
                .status()
                .as_u16();
            let fits = match expect {
                Ok => (200..300).contains(&status),
                Allowed => status != 401 && status != 403 && status < 500,
                Anon => status == 401,
                Forbidden => status == 403,
                Unknown => status == 400,
            };
            if !fits {
                wrong.push(format!(
                    "{} {path} as {who:?}: {status}, want {expect:?}",
                    case.method
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the matrix is not kept:\n{}",
        wrong.join("\n")
    );
    // Every kind of staff write the matrix makes is in the audit log (not publishing: the
    // matrix publishes an activity already published, which changes nothing and records
    // nothing; hours are checked in `checkin_hours`).
    let recorded: std::collections::BTreeSet<String> =
        sqlx::query_scalar("SELECT DISTINCT action FROM audit_log")
            .fetch_all(f.app.store.pool())
            .await
            .unwrap()
            .into_iter()
            .collect();
    let expected = [
        "account.create",
        "account.reset_password",
        "activity.cancel",
        "activity.create",
        "activity.delete",
        "activity.duplicate",
        "activity.update",
        "category.create",
        "category.update",
        "signup.cancel_on_behalf",
        "signup.check_in",
        "signup.on_behalf",
        "site.archive",
        "site.create",
        "site.update",
        "staff.grant",
        "staff.revoke",
        "team.approve",
        "team.archive",
        "team.create",
        "team.decline",
        "team.remove",
        "team.update",
    ];
    let missing: Vec<&str> = expected
        .into_iter()
        .filter(|action| !recorded.contains(*action))
        .collect();
    assert!(missing.is_empty(), "not in the audit log: {missing:?}");
}

#[tokio::test]
async fn protected_endpoints_answer_problem_json_with_a_bearer_challenge() {
    let f = Fixture::new().await;
    let response = f.app.get("/api/v1/me").await;
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
}

/// `/api/v1/teams/12/members/34/approve` and `/api/v1/teams/{id}/members/{account_id}/approve`
/// both become `/api/v1/teams/{}/members/{}/approve` (a query string is no part of it).
fn shape(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    path.split('/')
        .map(|segment| {
            if segment.parse::<i64>().is_ok() || segment.starts_with('{') {
                "{}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a walked path (shaped) fits a documented template segment by segment.
fn fits(template: &str, walked: &str) -> bool {
    let template: Vec<&str> = template.split('/').collect();
    let walked: Vec<&str> = walked.split('/').collect();
    template.len() == walked.len()
        && template
            .iter()
            .zip(&walked)
            .all(|(t, w)| t.starts_with('{') || t == w)
}

#[tokio::test]
async fn the_matrix_covers_every_documented_endpoint() {
    let f = Fixture::new().await;
    let walked: std::collections::BTreeSet<String> = cases(&f)
        .iter()
        .map(|case| format!("{} {}", case.method, shape(&case.path)))
        .collect();
    let document: Value =
        serde_json::from_str(station_server::api::openapi::pretty_json()).unwrap();
    let mut missing = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let method = method.to_uppercase();
            // A `{slug}` segment matches whatever the case puts there.
            let covered = walked.iter().any(|operation| {
                let (walked_method, walked_path) = operation.split_once(' ').unwrap();
                walked_method == method && fits(path, walked_path)
            });
            if !covered {
                missing.push(format!("{method} {}", shape(path)));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the authorization matrix: {missing:?}"
    );
}
