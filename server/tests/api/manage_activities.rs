//! Publishing from the console: drafts stay out of sight, publishing puts them on the calendar,
//! edits keep confirmed places, cancellations carry their reason to 我的, copies start a week
//! later, and only an activity nobody signed up for can be deleted.

use reqwest::Method;
use serde_json::{json, Value};
use station_wire::activities::{Activity, ActivityStatus};
use station_wire::page::List;
use station_wire::page::Page;
use station_wire::problem::{codes, types};
use station_wire::signups::{MySignup, Signup, SignupStatus};

use crate::common::{many_accounts, problem, TestApp};
use crate::fixture::{Fixture, Who};

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Value,
) -> reqwest::Response {
    app.send_json(method, path, token, body).await
}

/// `GET /staff/activities`: the activities of the sites `token`'s staff run, drafts included.
async fn staff_activities(app: &TestApp, token: &str) -> Page<Activity> {
    app.get_with("/api/v1/staff/activities?limit=200", token)
        .await
        .json()
        .await
        .unwrap()
}

/// Tomorrow 14:00–16:00 at the fixture's station.
fn input(f: &Fixture, title: &str) -> Value {
    let day = crate::common::today() + chrono::Duration::days(1);
    json!({
        "site_id": f.seed.station_a1,
        "category": "elderly",
        "title": title,
        "description": "为独居老人理发",
        "place": "社区活动室",
        "starts_at": format!("{day}T14:00:00+08:00"),
        "ends_at": format!("{day}T16:00:00+08:00"),
        "capacity": 3,
    })
}

async fn listed(app: &TestApp, id: i64) -> bool {
    let page: Page<Activity> = app.get_json("/api/v1/activities?limit=200").await;
    page.items.iter().any(|activity| activity.id == id)
}

#[tokio::test]
async fn a_draft_is_seen_only_by_staff_until_it_is_published() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let response = send(
        &f.app,
        Method::POST,
        "/api/v1/activities",
        &staff,
        input(&f, "  上门理发  "),
    )
    .await;
    assert_eq!(response.status(), 201);
    let draft: Activity = response.json().await.unwrap();
    assert_eq!(draft.status, ActivityStatus::Draft);
    assert_eq!(draft.title, "上门理发", "trimmed");

    assert!(
        !listed(&f.app, draft.id).await,
        "a draft is not on the calendar"
    );
    f.app
        .get_problem(&format!("/api/v1/activities/{}", draft.id), 404)
        .await;
    // Nor through its reminder file.
    f.app
        .get_problem(
            &format!("/api/v1/activities/{}/calendar.ics", draft.id),
            404,
        )
        .await;
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let response = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/activities/{}/signups", draft.id),
        &volunteer,
        json!({}),
    )
    .await;
    problem(response, 404).await;
    let seen_by_staff = f
        .app
        .get_with(&format!("/api/v1/activities/{}", draft.id), &staff)
        .await;
    assert_eq!(seen_by_staff.status(), 200);

    let response = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/activities/{}/publish", draft.id),
        &staff,
        json!({}),
    )
    .await;
    let published: Activity = response.json().await.unwrap();
    assert_eq!(published.status, ActivityStatus::Open);
    assert!(listed(&f.app, draft.id).await);
    let response = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/activities/{}/signups", draft.id),
        &volunteer,
        json!({}),
    )
    .await;
    assert_eq!(response.status(), 201);
}

#[tokio::test]
async fn every_bad_field_is_named_at_once() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let day = crate::common::today() + chrono::Duration::days(1);
    let body = json!({
        "site_id": f.seed.station_a1,
        "team_id": 999_999,
        "category": "no-such-category",
        "title": " ",
        "place": "长".repeat(101),
        "starts_at": format!("{day}T14:00:00+08:00"),
        "ends_at": format!("{day}T13:00:00+08:00"),
        "signup_deadline": format!("{day}T15:00:00+08:00"),
        "capacity": 0,
    });
    let refusal = problem(
        send(&f.app, Method::POST, "/api/v1/activities", &staff, body).await,
        400,
    )
    .await;
    assert_eq!(refusal.kind, types::VALIDATION);
    let named = crate::common::named_errors(&refusal);
    assert_eq!(
        named,
        [
            ("capacity", codes::OUT_OF_RANGE),
            ("category", codes::UNKNOWN),
            ("ends_at", codes::OUT_OF_RANGE),
            ("place", codes::TOO_LONG),
            ("signup_deadline", codes::OUT_OF_RANGE),
            ("team_id", codes::UNKNOWN),
            ("title", codes::REQUIRED),
        ]
    );
    // Staff of another institute may not publish for this station.
    let other = f.token(Who::StaffOther).await.unwrap();
    problem(
        send(
            &f.app,
            Method::POST,
            "/api/v1/activities",
            &other,
            input(&f, "越权"),
        )
        .await,
        403,
    )
    .await;
}

#[tokio::test]
async fn places_go_down_only_to_the_confirmed_and_added_places_go_to_the_waitlist_in_order() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let mut body = input(&f, "义诊");
    body["publish"] = json!(true);
    let activity: Activity = send(
        &f.app,
        Method::POST,
        "/api/v1/activities",
        &staff,
        body.clone(),
    )
    .await
    .json()
    .await
    .unwrap();
    let people = many_accounts(&f.app.store, 50_000, 5).await;
    let mut signups = Vec::new();
    for (_, token) in &people {
        let signup: Signup = send(
            &f.app,
            Method::POST,
            &format!("/api/v1/activities/{}/signups", activity.id),
            token,
            json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
        signups.push(signup);
    }
    let statuses: Vec<SignupStatus> = signups.iter().map(|s| s.status).collect();
    assert_eq!(statuses[..3], [SignupStatus::Confirmed; 3]);
    assert_eq!(statuses[3..], [SignupStatus::Waitlisted; 2]);

    body["capacity"] = json!(2);
    let refusal = problem(
        send(
            &f.app,
            Method::PUT,
            &format!("/api/v1/activities/{}", activity.id),
            &staff,
            body.clone(),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(
        (
            refusal.errors[0].field.as_str(),
            refusal.errors[0].code.as_str()
        ),
        ("capacity", codes::BELOW_CONFIRMED)
    );

    body["capacity"] = json!(4);
    body["title"] = json!("义诊（加场）");
    let edited: Activity = send(
        &f.app,
        Method::PUT,
        &format!("/api/v1/activities/{}", activity.id),
        &staff,
        body,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(
        (edited.title.as_str(), edited.capacity, edited.places_left),
        ("义诊（加场）", 4, 0)
    );
    // The first waitlisted took the added place; the second still waits, first in line.
    let mine = |token: &str| {
        let app = &f.app;
        let token = token.to_owned();
        async move {
            let list: List<MySignup> = app
                .get_with("/api/v1/me/signups", &token)
                .await
                .json()
                .await
                .unwrap();
            list.items
                .into_iter()
                .find(|item| item.activity.id == activity.id)
                .unwrap()
                .signup
        }
    };
    assert_eq!(mine(&people[3].1).await.status, SignupStatus::Confirmed);
    let last = mine(&people[4].1).await;
    assert_eq!(
        (last.status, last.waitlist_position),
        (SignupStatus::Waitlisted, Some(1))
    );
}

#[tokio::test]
async fn a_cancelled_activity_tells_its_volunteers_why_and_cannot_be_edited() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let signed: Signup = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/activities/{}/signups", f.activity),
        &volunteer,
        json!({}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(signed.status, SignupStatus::Confirmed);

    let refusal = problem(
        send(
            &f.app,
            Method::POST,
            &format!("/api/v1/activities/{}/cancel", f.activity),
            &staff,
            json!({"reason": "  "}),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(refusal.errors[0].field, "reason");

    let cancelled: Activity = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/activities/{}/cancel", f.activity),
        &staff,
        json!({"reason": "暴雨预警，改期另行通知"}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(cancelled.status, ActivityStatus::Cancelled);
    assert_eq!(
        cancelled.cancel_reason.as_deref(),
        Some("暴雨预警，改期另行通知")
    );
    // Cancelling again keeps the first reason.
    let again: Activity = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/activities/{}/cancel", f.activity),
        &staff,
        json!({"reason": "别的原因"}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(
        again.cancel_reason.as_deref(),
        Some("暴雨预警，改期另行通知")
    );

    let list: List<MySignup> = f
        .app
        .get_with("/api/v1/me/signups", &volunteer)
        .await
        .json()
        .await
        .unwrap();
    let mine = list
        .items
        .iter()
        .find(|item| item.activity.id == f.activity)
        .unwrap();
    assert_eq!(
        mine.activity.cancel_reason.as_deref(),
        Some("暴雨预警，改期另行通知")
    );
    let public: Activity = f
        .app
        .get_json(&format!("/api/v1/activities/{}", f.activity))
        .await;
    assert_eq!(
        public.cancel_reason.as_deref(),
        Some("暴雨预警，改期另行通知")
    );

    let mut body = input(&f, "改不了");
    body["capacity"] = json!(50);
    let refusal = problem(
        send(
            &f.app,
            Method::PUT,
            &format!("/api/v1/activities/{}", f.activity),
            &staff,
            body,
        )
        .await,
        409,
    )
    .await;
    assert_eq!(refusal.kind, types::ACTIVITY_CANCELLED);
}

#[tokio::test]
async fn next_weeks_copy_is_a_draft_seven_days_later_and_only_unused_activities_are_deleted() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let original: Activity = f
        .app
        .get_json(&format!("/api/v1/activities/{}", f.activity))
        .await;
    let response = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/activities/{}/duplicate", f.activity),
        &staff,
        json!({}),
    )
    .await;
    assert_eq!(response.status(), 201);
    let copy: Activity = response.json().await.unwrap();
    assert_ne!(copy.id, original.id);
    assert_eq!(copy.status, ActivityStatus::Draft);
    assert_eq!(
        (copy.title.as_str(), copy.place.as_str(), copy.capacity),
        (
            original.title.as_str(),
            original.place.as_str(),
            original.capacity
        )
    );
    assert_eq!(
        copy.starts_at - original.starts_at,
        chrono::Duration::days(7)
    );
    assert_eq!(
        copy.ends_at - copy.starts_at,
        original.ends_at - original.starts_at
    );
    assert_eq!(
        copy.places_left, copy.capacity,
        "a copy starts with every place free"
    );

    // The copy, untouched, can go; the original has a sign-up and stays.
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    send(
        &f.app,
        Method::POST,
        &format!("/api/v1/activities/{}/signups", f.activity),
        &volunteer,
        json!({}),
    )
    .await;
    let refusal = problem(
        f.app
            .request(
                Method::DELETE,
                &format!("/api/v1/activities/{}", f.activity),
                Some(&staff),
            )
            .send()
            .await
            .unwrap(),
        409,
    )
    .await;
    assert_eq!(refusal.kind, types::ACTIVITY_HAS_SIGNUPS);
    let response = f
        .app
        .request(
            Method::DELETE,
            &format!("/api/v1/activities/{}", copy.id),
            Some(&staff),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let gone = f
        .app
        .get_with(&format!("/api/v1/activities/{}", copy.id), &staff)
        .await;
    assert_eq!(gone.status(), 404);
}

/// A body that is not an object is refused, even where every field may be left out: serde reads
/// a struct from an array too (Schemathesis found `[]` taken as a copy's request).
#[tokio::test]
async fn a_body_that_is_not_an_object_is_refused_and_copies_nothing() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let path = format!("/api/v1/activities/{}/duplicate", f.activity);
    for body in [json!([]), json!([null]), json!("x"), json!(7), json!(null)] {
        let response = send(&f.app, Method::POST, &path, &staff, body.clone()).await;
        let problem = crate::common::problem(response, 400).await;
        assert_eq!(problem.kind, types::BAD_REQUEST, "{body}");
    }
    let mine: Page<Activity> = staff_activities(&f.app, &staff).await;
    assert!(
        mine.items
            .iter()
            .all(|activity| activity.status != ActivityStatus::Draft),
        "no copy was made"
    );
}

#[tokio::test]
async fn staff_list_their_sites_activities_drafts_included_and_nobody_elses() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let draft: Activity = send(
        &f.app,
        Method::POST,
        "/api/v1/activities",
        &staff,
        input(&f, "草稿活动"),
    )
    .await
    .json()
    .await
    .unwrap();
    let mine: Page<Activity> = staff_activities(&f.app, &staff).await;
    assert!(mine
        .items
        .iter()
        .any(|a| a.id == draft.id && a.status == ActivityStatus::Draft));
    assert!(mine.items.iter().all(|a| a.site.id == f.seed.station_a1));

    let admin = f.token(Who::Admin).await.unwrap();
    let mut at_b = input(&f, "乙站的活动");
    at_b["site_id"] = json!(f.leaf_b);
    let at_b: Activity = send(&f.app, Method::POST, "/api/v1/activities", &admin, at_b)
        .await
        .json()
        .await
        .unwrap();
    let other = f.token(Who::StaffOther).await.unwrap();
    let theirs: Page<Activity> = staff_activities(&f.app, &other).await;
    assert!(
        theirs.items.iter().any(|a| a.id == at_b.id),
        "institute B's staff see their own station's draft"
    );
    assert!(
        theirs.items.iter().all(|a| a.id != draft.id),
        "not their site"
    );
    let refused = f
        .app
        .get_with(
            &format!("/api/v1/staff/activities?site={}", f.seed.station_a1),
            &other,
        )
        .await;
    problem(refused, 403).await;
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    problem(
        f.app.get_with("/api/v1/staff/activities", &volunteer).await,
        403,
    )
    .await;
}

#[tokio::test]
async fn once_begun_an_activity_keeps_its_times_and_places_and_a_cancelled_one_is_not_published() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let under_way: Activity = f
        .app
        .get_json(&format!("/api/v1/activities/{}", f.started))
        .await;
    let mut body = json!({
        "site_id": f.seed.station_a1,
        "team_id": f.team,
        "category": under_way.category,
        "title": "改个名字",
        "place": under_way.place,
        "starts_at": under_way.starts_at.to_rfc3339(),
        "ends_at": under_way.ends_at.to_rfc3339(),
        "capacity": under_way.capacity,
    });
    let path = format!("/api/v1/activities/{}", f.started);
    let renamed: Activity = send(&f.app, Method::PUT, &path, &staff, body.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(renamed.title, "改个名字", "words may still change");
    body["ends_at"] = json!((under_way.ends_at + chrono::Duration::hours(3)).to_rfc3339());
    let refusal = problem(send(&f.app, Method::PUT, &path, &staff, body).await, 409).await;
    assert_eq!(refusal.kind, types::ACTIVITY_STARTED);
    let now: Activity = f.app.get_json(&path).await;
    assert_eq!(
        now.ends_at, under_way.ends_at,
        "the hours counted from it stay"
    );

    let draft: Activity = send(
        &f.app,
        Method::POST,
        "/api/v1/activities",
        &staff,
        input(&f, "取消的草稿"),
    )
    .await
    .json()
    .await
    .unwrap();
    let cancel = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/activities/{}/cancel", draft.id),
        &staff,
        json!({"reason": "不办了"}),
    )
    .await;
    assert_eq!(cancel.status(), 200);
    let refusal = problem(
        send(
            &f.app,
            Method::POST,
            &format!("/api/v1/activities/{}/publish", draft.id),
            &staff,
            json!({}),
        )
        .await,
        409,
    )
    .await;
    assert_eq!(refusal.kind, types::ACTIVITY_CANCELLED);
    assert!(!listed(&f.app, draft.id).await);
}

#[tokio::test]
async fn an_activity_names_only_a_live_team_of_a_site_its_author_runs() {
    let f = Fixture::new().await;
    let admin = f.token(Who::Admin).await.unwrap();
    let elsewhere: station_wire::teams::Team = f
        .app
        .post_json(
            "/api/v1/teams",
            Some(&admin),
            &json!({"site_id": f.leaf_b, "name": "乙站服务队", "field": "治安巡防"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let staff = f.token(Who::StaffHere).await.unwrap();
    let mut body = input(&f, "借别站的队");
    body["team_id"] = json!(elsewhere.id);
    let refusal = problem(
        send(&f.app, Method::POST, "/api/v1/activities", &staff, body).await,
        422,
    )
    .await;
    assert_eq!(
        crate::common::named_errors(&refusal),
        [("team_id", codes::NOT_ALLOWED_HERE)]
    );

    // An activity the spare team runs, before the team is archived.
    let mut body = input(&f, "备用队的活动");
    body["team_id"] = json!(f.spare_team);
    body["team_only"] = json!(true);
    let run_by_team: Activity = send(&f.app, Method::POST, "/api/v1/activities", &staff, body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        run_by_team.team.as_ref().map(|team| team.id),
        Some(f.spare_team)
    );

    // An archived team runs nothing new, and nobody joins it.
    let response = f
        .app
        .post_json(
            &format!("/api/v1/teams/{}/archive", f.spare_team),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), 204);
    let mut body = input(&f, "用已归档的队");
    body["team_id"] = json!(f.spare_team);
    let refusal = problem(
        send(&f.app, Method::POST, "/api/v1/activities", &staff, body).await,
        422,
    )
    .await;
    assert_eq!(
        crate::common::named_errors(&refusal),
        [("team_id", codes::UNKNOWN)]
    );
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let join = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/teams/{}/members", f.spare_team),
        &volunteer,
        json!({}),
    )
    .await;
    problem(join, 404).await;
    // Nor a copy of its activity: next week's copy is the site's own.
    let copy = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/activities/{}/duplicate", run_by_team.id),
        &staff,
        json!({}),
    )
    .await;
    assert_eq!(copy.status(), 201);
    let copy: Activity = copy.json().await.unwrap();
    assert_eq!(copy.team, None);
    assert!(!copy.team_only);
}

#[tokio::test]
async fn a_delete_racing_a_sign_up_is_one_or_the_other_never_an_error() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    for round in 0..6 {
        let mut body = input(&f, &format!("并发删除{round}"));
        body["publish"] = json!(true);
        let activity: Activity = send(&f.app, Method::POST, "/api/v1/activities", &staff, body)
            .await
            .json()
            .await
            .unwrap();
        let path = format!("/api/v1/activities/{}", activity.id);
        let signups = format!("{path}/signups");
        let (signed, deleted) = tokio::join!(
            send(&f.app, Method::POST, &signups, &volunteer, json!({})),
            send(&f.app, Method::DELETE, &path, &staff, json!({})),
        );
        let (signed, deleted) = (signed.status().as_u16(), deleted.status().as_u16());
        assert!(
            matches!((signed, deleted), (201, 409) | (404, 204)),
            "round {round}: sign-up {signed}, delete {deleted}"
        );
    }
}
