//! Accounts and sessions over HTTP: register, sign in and out, "me", passwords, limits.

use reqwest::header::RETRY_AFTER;
use reqwest::Method;
use serde_json::json;
use station_wire::accounts::{AccountSummary, Me, Role, Session};
use station_wire::problem::{codes, types};

use station_server::store::accounts::grant_staff;

use crate::common::{
    account, named_errors, phone, problem, seed_tree, session, spawn_app, spawn_app_with, Options,
    TestApp, TEST_PASSWORD,
};
use crate::fixture::{Fixture, Who};

fn no_demo() -> Options {
    Options {
        demo_data: false,
        ..Default::default()
    }
}

#[tokio::test]
async fn registering_signs_in_and_me_shows_the_phone_whole() {
    let app = spawn_app_with(no_demo()).await;
    let session = app.register("  王小明 ", &phone(1), "secret-pass").await;
    assert_eq!(session.account.display_name, "王小明");
    assert_eq!(session.account.phone, phone(1));
    assert_eq!(session.account.roles.len(), 1);
    assert_eq!(session.account.roles[0].role, Role::Volunteer);
    assert_eq!(session.expires_at.offset().local_minus_utc(), 8 * 3600);

    let me: Me = app
        .get_with("/api/v1/me", &session.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me.id, session.account.id);
    assert_eq!(me.phone, phone(1));
}

#[tokio::test]
async fn a_taken_phone_is_refused_by_the_unique_index() {
    let app = spawn_app_with(no_demo()).await;
    app.register("甲", &phone(1), "secret-pass").await;
    let body = json!({"display_name": "乙", "phone": phone(1), "password": "another-pass", "privacy_notice": station_wire::privacy::PRIVACY_NOTICE_VERSION});
    let refused = problem(app.post_json("/api/v1/accounts", None, &body).await, 409).await;
    assert_eq!(refused.kind, types::PHONE_TAKEN);
    assert_eq!(refused.errors[0].field, "phone");
    assert_eq!(refused.errors[0].code, codes::TAKEN);
}

#[tokio::test]
async fn every_bad_field_is_named() {
    let app = spawn_app_with(no_demo()).await;
    let body =
        json!({"display_name": "   ", "phone": "12345", "password": "short", "privacy_notice": ""});
    let refused = problem(app.post_json("/api/v1/accounts", None, &body).await, 400).await;
    assert_eq!(refused.kind, types::VALIDATION);
    let fields: Vec<(&str, &str)> = refused
        .errors
        .iter()
        .map(|error| (error.field.as_str(), error.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("display_name", codes::REQUIRED),
            ("phone", codes::INVALID),
            ("password", codes::TOO_SHORT),
            ("privacy_notice", codes::REQUIRED)
        ]
    );
    // A notice other than the one the app shows now is no agreement to it.
    let outdated = json!({"display_name": "乙", "phone": phone(3), "password": "sun-nainai-2026", "privacy_notice": "2020-01-01"});
    let refused = problem(
        app.post_json("/api/v1/accounts", None, &outdated).await,
        422,
    )
    .await;
    assert_eq!(
        named_errors(&refused),
        [("privacy_notice", codes::OUTDATED)]
    );
    let long = json!({"display_name": "名".repeat(33), "phone": phone(2), "password": "x".repeat(129), "privacy_notice": station_wire::privacy::PRIVACY_NOTICE_VERSION});
    let refused = problem(app.post_json("/api/v1/accounts", None, &long).await, 400).await;
    assert!(
        refused
            .errors
            .iter()
            .all(|error| error.code == codes::TOO_LONG),
        "{refused:?}"
    );
    // A body that is not the request's shape is a problem too.
    let refused = problem(
        app.post_json("/api/v1/accounts", None, &json!({"phone": 1}))
            .await,
        400,
    )
    .await;
    assert_eq!(refused.kind, types::BAD_REQUEST);
}

#[tokio::test]
async fn a_wrong_phone_and_a_wrong_password_get_the_same_answer() {
    let app = spawn_app_with(no_demo()).await;
    app.register("甲", &phone(1), "secret-pass").await;
    let signed_in = app
        .post_json(
            "/api/v1/sessions",
            None,
            &json!({"phone": phone(1), "password": "secret-pass"}),
        )
        .await;
    assert_eq!(signed_in.status(), 201);
    let session: Session = signed_in.json().await.unwrap();
    assert_eq!(session.account.phone, phone(1));

    let wrong_password = problem(
        app.post_json(
            "/api/v1/sessions",
            None,
            &json!({"phone": phone(1), "password": "nope-nope"}),
        )
        .await,
        401,
    )
    .await;
    let unknown_phone = problem(
        app.post_json(
            "/api/v1/sessions",
            None,
            &json!({"phone": phone(9), "password": "secret-pass"}),
        )
        .await,
        401,
    )
    .await;
    assert_eq!(wrong_password.kind, types::WRONG_CREDENTIALS);
    assert_eq!(wrong_password, unknown_phone);
}

#[tokio::test]
async fn signing_out_revokes_only_that_session() {
    let app = spawn_app_with(no_demo()).await;
    let first = app.register("甲", &phone(1), "secret-pass").await;
    let second: Session = app
        .post_json(
            "/api/v1/sessions",
            None,
            &json!({"phone": phone(1), "password": "secret-pass"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let signed_out = app
        .request(
            Method::DELETE,
            "/api/v1/sessions/current",
            Some(&first.token),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(signed_out.status(), 204);
    let refused = problem(app.get_with("/api/v1/me", &first.token).await, 401).await;
    assert_eq!(refused.kind, types::UNAUTHORIZED);
    assert_eq!(
        app.get_with("/api/v1/me", &second.token).await.status(),
        200
    );
}

#[tokio::test]
async fn missing_garbled_and_expired_tokens_are_401() {
    let app = spawn_app_with(no_demo()).await;
    let refused = app.get_problem("/api/v1/me", 401).await;
    assert_eq!(refused.kind, types::UNAUTHORIZED);
    problem(app.get_with("/api/v1/me", "not-a-token").await, 401).await;
    let (_, token) = account(&app.store, "甲", &phone(1), None).await;
    assert_eq!(app.get_with("/api/v1/me", &token).await.status(), 200);
    app.clock.advance(chrono::Duration::days(31));
    problem(app.get_with("/api/v1/me", &token).await, 401).await;
}

/// 这是公用电脑: a session on a shared computer lasts 15 minutes past its last request, not 30
/// days; each request moves it on. An ordinary one beside it is untouched.
#[tokio::test]
async fn a_shared_computers_session_ends_after_fifteen_idle_minutes() {
    let app = spawn_app_with(no_demo()).await;
    account(&app.store, "甲", &phone(1), None).await;
    let mut sessions = Vec::new();
    for shared_device in [true, false] {
        let body =
            json!({"phone": phone(1), "password": TEST_PASSWORD, "shared_device": shared_device});
        let answer = app.post_json("/api/v1/sessions", None, &body).await;
        sessions.push(answer.json::<Session>().await.unwrap());
    }
    let (shared, home) = (&sessions[0], &sessions[1]);
    assert!(shared.shared_device && !home.shared_device);
    let signed_in_at = app.clock.now();
    assert_eq!(
        (shared.expires_at.timestamp() - signed_in_at.timestamp()) / 60,
        15
    );
    assert!(home.expires_at.timestamp() - signed_in_at.timestamp() > 29 * 86_400);
    // Busy for 40 minutes, a request every 14: still signed in.
    for _ in 0..3 {
        app.clock.advance(chrono::Duration::minutes(14));
        assert_eq!(
            app.get_with("/api/v1/me", &shared.token).await.status(),
            200
        );
    }
    // Then left for 16 minutes: over.
    app.clock.advance(chrono::Duration::minutes(16));
    problem(app.get_with("/api/v1/me", &shared.token).await, 401).await;
    assert_eq!(app.get_with("/api/v1/me", &home.token).await.status(), 200);
}

/// A page that refreshes itself (the check-in code) never leaves a shared computer's session
/// idle: it still ends 12 hours after signing in.
#[tokio::test]
async fn a_shared_computers_session_ends_after_twelve_hours_however_busy() {
    let app = spawn_app_with(no_demo()).await;
    account(&app.store, "甲", &phone(1), None).await;
    let body = json!({"phone": phone(1), "password": TEST_PASSWORD, "shared_device": true});
    let shared: Session = app
        .post_json("/api/v1/sessions", None, &body)
        .await
        .json()
        .await
        .unwrap();
    let mut minutes = 0;
    loop {
        app.clock.advance(chrono::Duration::minutes(10));
        minutes += 10;
        if app.get_with("/api/v1/me", &shared.token).await.status() != 200 {
            break;
        }
        assert!(
            minutes <= 12 * 60,
            "still signed in after {minutes} busy minutes"
        );
    }
    assert!(minutes > 12 * 60 - 10, "ended after {minutes} minutes");
}

#[tokio::test]
async fn a_new_password_may_not_be_spaces_only_nor_one_of_the_most_common() {
    let app = spawn_app_with(no_demo()).await;
    for (password, code) in [
        ("        ", codes::BLANK),
        (" \t  \u{3000}   ", codes::BLANK),
        ("password", codes::COMMON),
        ("PassWord123", codes::COMMON),
        ("12345678", codes::COMMON),
        ("woaini1314", codes::COMMON),
    ] {
        let answer = app
            .post_json(
                "/api/v1/accounts",
                None,
                &json!({"display_name": "甲", "phone": phone(1), "password": password, "privacy_notice": station_wire::privacy::PRIVACY_NOTICE_VERSION}),
            )
            .await;
        // Blank breaks the document's pattern (400); being common is beyond any schema (422).
        let status = if code == codes::COMMON { 422 } else { 400 };
        let refused = problem(answer, status).await;
        assert_eq!(named_errors(&refused), [("password", code)], "{password:?}");
    }
    // Spaces inside a password are the person's choice.
    let session = app.register("甲", &phone(1), "  sun nainai 2026  ").await;
    assert_eq!(session.account.phone, phone(1));
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_signs_out_elsewhere() {
    let app = spawn_app_with(no_demo()).await;
    let (id, here) = account(&app.store, "甲", &phone(1), None).await;
    let elsewhere = session(&app.store, id).await;
    let change = |current: &str, new: &str| {
        app.request(Method::PUT, "/api/v1/me/password", Some(&here))
            .json(&json!({"current_password": current, "new_password": new}))
            .send()
    };
    let refused = problem(change("wrong-password", "new-password").await.unwrap(), 422).await;
    assert_eq!(refused.errors[0].field, "current_password");
    assert_eq!(refused.errors[0].code, codes::WRONG);
    let refused = problem(change(TEST_PASSWORD, "short").await.unwrap(), 400).await;
    assert_eq!(refused.errors[0].field, "new_password");
    let refused = problem(change(TEST_PASSWORD, "QWERTYUIOP").await.unwrap(), 422).await;
    assert_eq!(named_errors(&refused), [("new_password", codes::COMMON)]);

    assert_eq!(
        change(TEST_PASSWORD, "new-password")
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(app.get_with("/api/v1/me", &here).await.status(), 200);
    problem(app.get_with("/api/v1/me", &elsewhere).await, 401).await;
    let old = app
        .post_json(
            "/api/v1/sessions",
            None,
            &json!({"phone": phone(1), "password": TEST_PASSWORD}),
        )
        .await;
    assert_eq!(old.status(), 401);
    let new = app
        .post_json(
            "/api/v1/sessions",
            None,
            &json!({"phone": phone(1), "password": "new-password"}),
        )
        .await;
    assert_eq!(new.status(), 201);
}

/// Signs in as `phone(n)` with `password`.
async fn sign_in(app: &TestApp, n: u32, password: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/sessions",
        None,
        &json!({"phone": phone(n), "password": password}),
    )
    .await
}

#[tokio::test]
async fn the_sixth_wrong_password_within_15_minutes_is_refused_per_account() {
    let app = spawn_app_with(no_demo()).await;
    account(&app.store, "甲", &phone(1), None).await;
    let attempt = async |password: &str| sign_in(&app, 1, password).await;
    for _ in 0..5 {
        assert_eq!(attempt("wrong-password").await.status(), 401);
        app.clock.advance(chrono::Duration::seconds(60));
    }
    let limited = attempt("wrong-password").await;
    let retry_after: u64 = limited.headers()[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    // The first failure was 5 minutes ago: it leaves the window in 10 minutes.
    assert_eq!(retry_after, 600);
    let refused = problem(limited, 429).await;
    assert_eq!(refused.kind, types::RATE_LIMITED);
    // Even the right password waits.
    assert_eq!(attempt(TEST_PASSWORD).await.status(), 429);

    app.clock.advance(chrono::Duration::seconds(600));
    assert_eq!(attempt(TEST_PASSWORD).await.status(), 201);
}

#[tokio::test]
async fn fifty_wrong_passwords_sent_at_once_for_one_phone_have_five_judged() {
    let app = spawn_app_with(no_demo()).await;
    account(&app.store, "甲", &phone(1), None).await;
    let url = format!("{}/api/v1/sessions", app.address);
    let guesses: Vec<_> = (0..50)
        .map(|_| {
            let request = app
                .client
                .post(&url)
                .json(&json!({"phone": phone(1), "password": "wrong-password"}));
            tokio::spawn(async move { request.send().await.expect("the guess is sent") })
        })
        .collect();
    let mut judged = 0;
    for guess in guesses {
        let answer = guess.await.expect("the guess's task ends");
        match answer.status().as_u16() {
            401 => judged += 1,
            429 => {
                assert_eq!(answer.headers()[RETRY_AFTER], "900");
                assert_eq!(problem(answer, 429).await.kind, types::RATE_LIMITED);
            }
            other => panic!("a guess answered {other}"),
        }
    }
    assert_eq!(judged, 5, "the passwords judged of 50 sent at once");
    // Locked: even the right password waits.
    assert_eq!(sign_in(&app, 1, TEST_PASSWORD).await.status(), 429);
}

#[tokio::test]
async fn a_right_password_is_not_counted_as_an_attempt() {
    let app = spawn_app_with(no_demo()).await;
    account(&app.store, "甲", &phone(1), None).await;
    let attempt = async |password: &str| sign_in(&app, 1, password).await.status();
    for _ in 0..4 {
        assert_eq!(attempt("wrong-password").await, 401);
    }
    assert_eq!(attempt(TEST_PASSWORD).await, 201);
    // Had the right one counted, this fifth wrong one would be refused unjudged.
    assert_eq!(attempt("wrong-password").await, 401);
    assert_eq!(attempt("wrong-password").await, 429);
}

#[tokio::test]
async fn one_address_may_have_many_residents_typos_but_not_a_flood_of_guesses() {
    let app = spawn_app_with(no_demo()).await;
    account(&app.store, "甲", &phone(1), None).await;
    // A service center's Wi-Fi: fifty mistyped passwords among its residents, one each.
    for n in 10..60 {
        let wrong = sign_in(&app, n, "wrong-password").await;
        assert_eq!(wrong.status(), 401, "phone {n}");
    }
    // The next one there is refused, whatever the phone, until the first leaves the window.
    let limited = sign_in(&app, 1, TEST_PASSWORD).await;
    assert_eq!(limited.headers()[RETRY_AFTER], "900");
    assert_eq!(problem(limited, 429).await.kind, types::RATE_LIMITED);
    app.clock.advance(chrono::Duration::minutes(15));
    assert_eq!(sign_in(&app, 1, TEST_PASSWORD).await.status(), 201);
}

#[tokio::test]
async fn a_locked_phone_never_locks_out_another_account_at_the_same_address() {
    let app = spawn_app_with(no_demo()).await;
    account(&app.store, "甲", &phone(1), None).await;
    account(&app.store, "乙", &phone(2), None).await;
    // A guesser hammers one phone from the shared address, far past its five.
    for _ in 0..55 {
        let status = sign_in(&app, 1, "wrong-password").await.status();
        assert!(status == 401 || status == 429, "{status}");
    }
    // A neighbour at the same address signs in.
    assert_eq!(sign_in(&app, 2, TEST_PASSWORD).await.status(), 201);
}

/// Signs in through a proxy that says the client is `forwarded_for`.
async fn sign_in_from(
    app: &TestApp,
    forwarded_for: &str,
    n: u32,
    password: &str,
) -> reqwest::Response {
    app.client
        .post(format!("{}/api/v1/sessions", app.address))
        .header("X-Forwarded-For", forwarded_for)
        .json(&json!({"phone": phone(n), "password": password}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_sign_in_limit() {
    let app = spawn_app_with(Options {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..no_demo()
    })
    .await;
    account(&app.store, "甲", &phone(1), None).await;
    // A client that also claims to be someone else: the proxy appended what it saw.
    let guesser = "192.0.2.1, 198.51.100.7";
    for n in 10..60 {
        assert_eq!(
            sign_in_from(&app, guesser, n, "wrong-password")
                .await
                .status(),
            401
        );
    }
    let limited = sign_in_from(&app, "198.51.100.7", 1, TEST_PASSWORD).await;
    assert_eq!(problem(limited, 429).await.kind, types::RATE_LIMITED);
    // Another resident behind the same proxy is not locked out.
    assert_eq!(
        sign_in_from(&app, "198.51.100.8", 1, TEST_PASSWORD)
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_request_flood_limit_is_per_client_too() {
    let app = spawn_app_with(Options {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..no_demo()
    })
    .await;
    let register = |client: &'static str| {
        app.client
            .post(format!("{}/api/v1/accounts", app.address))
            .header("X-Forwarded-For", client)
            .json(&json!({}))
            .send()
    };
    // Far beyond the burst one address may send at once.
    let mut limited = 0;
    for _ in 0..100 {
        if register("198.51.100.7").await.unwrap().status() == 429 {
            limited += 1;
        }
    }
    assert!(limited > 0, "a flood from one client is cut off");
    // Another client behind the same proxy still gets a real answer.
    assert_eq!(register("198.51.100.8").await.unwrap().status(), 400);
}

#[tokio::test]
async fn without_trusted_proxies_a_forwarded_for_header_changes_nothing() {
    let app = spawn_app_with(no_demo()).await;
    account(&app.store, "甲", &phone(1), None).await;
    for n in 10..60 {
        let claimed = format!("198.51.100.{n}");
        assert_eq!(
            sign_in_from(&app, &claimed, n, "wrong-password")
                .await
                .status(),
            401
        );
    }
    let limited = sign_in_from(&app, "198.51.100.99", 1, TEST_PASSWORD).await;
    assert_eq!(problem(limited, 429).await.kind, types::RATE_LIMITED);
}

#[tokio::test]
async fn staff_open_accounts_for_residents_of_their_sites_and_below() {
    let app = spawn_app_with(no_demo()).await;
    let seed = seed_tree(&app.store).await;
    let (staff, token) = account(&app.store, "站长", &phone(1), None).await;
    station_server::store::accounts::grant_staff(app.store.pool(), staff, seed.institute_a)
        .await
        .unwrap();
    let body = |site_id: i64, n: u32| json!({"display_name": "李奶奶", "phone": phone(n), "password": "initial-pass", "site_id": site_id, "privacy_notice": station_wire::privacy::PRIVACY_NOTICE_VERSION});

    // Inherited: the station below the institute.
    let created = app
        .post_json(
            "/api/v1/staff/accounts",
            Some(&token),
            &body(seed.station_a1, 2),
        )
        .await;
    assert_eq!(created.status(), 201);
    let created: AccountSummary = created.json().await.unwrap();
    assert_eq!(created.phone, phone(2));
    let resident: Session = app
        .post_json(
            "/api/v1/sessions",
            None,
            &json!({"phone": phone(2), "password": "initial-pass"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(resident.account.id, created.id);

    let refused = problem(
        app.post_json(
            "/api/v1/staff/accounts",
            Some(&token),
            &body(seed.institute_b, 3),
        )
        .await,
        403,
    )
    .await;
    assert_eq!(refused.kind, types::FORBIDDEN);
    let refused = problem(
        app.post_json(
            "/api/v1/staff/accounts",
            Some(&token),
            &body(seed.station_a1, 2),
        )
        .await,
        409,
    )
    .await;
    assert_eq!(refused.kind, types::PHONE_TAKEN);
    let refused = problem(
        app.post_json("/api/v1/staff/accounts", Some(&token), &body(987_654, 4))
            .await,
        422,
    )
    .await;
    assert_eq!(refused.errors[0].field, "site_id");
}

#[tokio::test]
async fn demo_accounts_sign_in_with_their_roles() {
    use station_server::store::demo::accounts::*;
    let app = spawn_app().await;
    let roles_of = async |phone: &str| {
        let session: Session = app
            .post_json(
                "/api/v1/sessions",
                None,
                &json!({"phone": phone, "password": DEMO_PASSWORD}),
            )
            .await
            .json()
            .await
            .unwrap();
        session
            .account
            .roles
            .iter()
            .map(|grant| grant.role)
            .collect::<Vec<_>>()
    };
    assert_eq!(roles_of(VOLUNTEER_PHONE).await, [Role::Volunteer]);
    assert_eq!(roles_of(SECOND_VOLUNTEER_PHONE).await, [Role::Volunteer]);
    assert_eq!(
        roles_of(LEADER_PHONE).await,
        [Role::Volunteer, Role::TeamLeader]
    );
    assert_eq!(
        roles_of(STATION_STAFF_PHONE).await,
        [Role::Volunteer, Role::Staff]
    );
    assert_eq!(
        roles_of(INSTITUTE_STAFF_PHONE).await,
        [Role::Volunteer, Role::Staff]
    );
    assert_eq!(roles_of(ADMIN_PHONE).await, [Role::Volunteer, Role::Admin]);
}

#[tokio::test]
async fn me_names_the_sites_an_account_manages_with_the_sites_below_them() {
    let f = Fixture::new().await;
    let seed = &f.seed;
    let managed = async |who: Who| {
        let me: Me = f
            .app
            .request(Method::GET, "/api/v1/me", f.token(who).await.as_deref())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        me.managed_site_ids
    };
    assert_eq!(managed(Who::Volunteer).await, Vec::<i64>::new());
    assert_eq!(managed(Who::Leader).await, Vec::<i64>::new());
    assert_eq!(managed(Who::StaffHere).await, [seed.station_a1]);
    // The institute and the station below it.
    assert_eq!(managed(Who::StaffOther).await, [seed.institute_b, f.leaf_b]);
    let mut every = vec![
        seed.center,
        seed.institute_a,
        seed.station_a1,
        seed.institute_b,
        f.leaf_b,
    ];
    every.sort_unstable();
    assert_eq!(managed(Who::Admin).await, every);

    // Staff of an institute manage it and its stations.
    grant_staff(f.app.store.pool(), f.volunteer, seed.institute_a)
        .await
        .unwrap();
    let mut institute = vec![seed.institute_a, seed.station_a1];
    institute.sort_unstable();
    assert_eq!(managed(Who::Volunteer).await, institute);
}

/// Signs in over HTTP; the response as it comes.
async fn sign_in_as(app: &TestApp, phone: &str, password: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/sessions",
        None,
        &json!({"phone": phone, "password": password}),
    )
    .await
}

#[tokio::test]
async fn staff_reset_a_residents_forgotten_password_and_the_resident_signs_in_at_once() {
    let f = Fixture::new().await;
    let resident_phone = phone(90_006);
    let staff = f.token(Who::StaffHere).await.unwrap();
    // The resident is signed in on an old phone, then locks themselves out by guessing.
    let old: Session = sign_in_as(&f.app, &resident_phone, TEST_PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    for _ in 0..5 {
        let guess = sign_in_as(&f.app, &resident_phone, "a-wrong-guess").await;
        assert_eq!(guess.status(), 401);
    }
    let locked = sign_in_as(&f.app, &resident_phone, TEST_PASSWORD).await;
    assert_eq!(locked.status(), 429);

    // Staff find the resident by number (in full: staff of their site)…
    let found: AccountSummary = f
        .app
        .get_with(
            &format!("/api/v1/staff/accounts?phone={resident_phone}"),
            &staff,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (found.id, found.display_name.as_str(), found.phone.as_str()),
        (f.resident, "居民", resident_phone.as_str())
    );
    // …and give them a new password.
    let reset = f
        .app
        .request(
            Method::PUT,
            &format!("/api/v1/staff/accounts/{}/password", f.resident),
            Some(&staff),
        )
        .json(&json!({"new_password": "xin-mima-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 200);
    let told: AccountSummary = reset.json().await.unwrap();
    assert_eq!(told.display_name, "居民");

    // The old session is over; the old password is refused; the new one works at once.
    problem(f.app.get_with("/api/v1/me", &old.token).await, 401).await;
    assert_eq!(
        sign_in_as(&f.app, &resident_phone, TEST_PASSWORD)
            .await
            .status(),
        401
    );
    assert_eq!(
        sign_in_as(&f.app, &resident_phone, "xin-mima-2026")
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn staff_help_only_residents_of_their_sites_and_never_a_colleague() {
    let f = Fixture::new().await;
    let store = &f.app.store;
    let (colleague, _) = account(store, "同事", &phone(90_007), Some(f.seed.station_a1)).await;
    grant_staff(store.pool(), colleague, f.seed.station_a1)
        .await
        .unwrap();
    let lookup = |phone: String| format!("/api/v1/staff/accounts?phone={phone}");
    let reset = async |who: Who, id: i64, password: &str| {
        f.app
            .request(
                Method::PUT,
                &format!("/api/v1/staff/accounts/{id}/password"),
                f.token(who).await.as_deref(),
            )
            .json(&json!({"new_password": password}))
            .send()
            .await
            .unwrap()
    };
    let here = f.token(Who::StaffHere).await.unwrap();
    let other = f.token(Who::StaffOther).await.unwrap();
    // Staff of another site find no such resident, and cannot reset their password.
    problem(f.app.get_with(&lookup(phone(90_006)), &other).await, 404).await;
    problem(
        reset(Who::StaffOther, f.resident, "a-new-password").await,
        404,
    )
    .await;
    // Nobody's colleague, nor an administrator, is "a resident".
    problem(f.app.get_with(&lookup(phone(90_007)), &here).await, 404).await;
    problem(
        reset(Who::StaffHere, colleague, "a-new-password").await,
        404,
    )
    .await;
    problem(reset(Who::StaffHere, f.admin, "a-new-password").await, 404).await;
    // A volunteer is no staff at all.
    problem(
        reset(Who::Volunteer, f.resident, "a-new-password").await,
        403,
    )
    .await;
    // Bad input is named by field.
    let bad = problem(f.app.get_with(&lookup("12345".into()), &here).await, 400).await;
    assert_eq!(
        (bad.errors[0].field.as_str(), bad.errors[0].code.as_str()),
        ("phone", codes::INVALID)
    );
    let missing = problem(f.app.get_with("/api/v1/staff/accounts", &here).await, 400).await;
    assert_eq!(missing.errors[0].code, codes::REQUIRED);
    let short = problem(reset(Who::StaffHere, f.resident, "short").await, 400).await;
    assert_eq!(
        (
            short.errors[0].field.as_str(),
            short.errors[0].code.as_str()
        ),
        ("new_password", codes::TOO_SHORT)
    );
    // None of it changed the resident's password.
    assert_eq!(
        sign_in_as(&f.app, &phone(90_006), TEST_PASSWORD)
            .await
            .status(),
        201
    );
}
