//! Accounts and sessions: register, sign in and out, `me`, passwords, and their refusals.
//! (Roles the suite cannot create — staff, administrators — are the server's own tests' job.)

use serde_json::json;
use station_wire::accounts::{Me, Role};
use station_wire::privacy::PRIVACY_NOTICE_VERSION;
use station_wire::problem::{codes, types};
use station_wire::reports::Certificate;

use super::support::{
    ensure, ensure_field_error, fresh_phone, register, sign_in, Station, PASSWORD,
};
use super::Check;
use crate::{CheckResult, Client};

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        (
            "register_signs_in_and_me_shows_the_own_phone",
            Box::new(register_and_me),
        ),
        ("a_taken_phone_is_refused", Box::new(taken_phone)),
        ("invalid_fields_are_named", Box::new(invalid_fields)),
        ("sign_in_and_wrong_credentials", Box::new(wrong_credentials)),
        ("sign_out_revokes_the_session", Box::new(sign_out)),
        (
            "change_password_revokes_other_sessions",
            Box::new(change_password),
        ),
        ("protected_endpoints_need_a_session", Box::new(protected)),
        (
            "deleting_ones_account_needs_its_password_and_ends_it",
            Box::new(delete_account),
        ),
        (
            "volunteers_cannot_open_find_or_reset_accounts_of_others",
            Box::new(staff_only),
        ),
    ]
}

fn register_and_me(client: &Client) -> CheckResult {
    let volunteer = register(client)?;
    let me: Me = client
        .send("GET", "/api/v1/me", Some(&volunteer.token), None)?
        .json("GET /api/v1/me", 200)?;
    ensure(me.id == volunteer.id && me.phone == volunteer.phone, || {
        format!(
            "GET /api/v1/me: {me:?}, want id {} and the whole phone {}",
            volunteer.id, volunteer.phone
        )
    })?;
    ensure(
        me.roles.iter().any(|grant| grant.role == Role::Volunteer),
        || format!("GET /api/v1/me: roles {:?} lack `volunteer`", me.roles),
    )?;
    // The field is required of backends, though the app reads its absence as "none".
    let raw: serde_json::Value = client
        .send("GET", "/api/v1/me", Some(&volunteer.token), None)?
        .json("GET /api/v1/me", 200)?;
    ensure(raw.get("managed_site_ids") == Some(&json!([])), || {
        format!(
            "GET /api/v1/me: a new volunteer's managed_site_ids is {:?}, want []",
            raw.get("managed_site_ids")
        )
    })?;
    // 站内消息: a new account has none, and says so.
    ensure(raw.get("unread_notices") == Some(&json!(0)), || {
        format!(
            "GET /api/v1/me: a new volunteer's unread_notices is {:?}, want 0",
            raw.get("unread_notices")
        )
    })?;
    let notices: serde_json::Value = client
        .send("GET", "/api/v1/me/notices", Some(&volunteer.token), None)?
        .json("GET /api/v1/me/notices", 200)?;
    ensure(notices.get("items") == Some(&json!([])), || {
        format!("GET /api/v1/me/notices of a new volunteer: {notices}, want no items")
    })?;
    // 个人信息: one's data is one's own, with the phone whole and the notice agreed to.
    let data: station_wire::privacy::MyData = client
        .send("GET", "/api/v1/me/export", Some(&volunteer.token), None)?
        .json("GET /api/v1/me/export", 200)?;
    ensure(
        data.account.phone == volunteer.phone
            && data.account.privacy_notice.as_deref() == Some(PRIVACY_NOTICE_VERSION)
            && data.signups.is_empty(),
        || {
            format!(
                "GET /api/v1/me/export of a new volunteer: {:?}",
                data.account
            )
        },
    )?;
    // Records: a new volunteer's certificate is empty, not an error.
    let certificate: Certificate = client
        .send(
            "GET",
            "/api/v1/me/certificate",
            Some(&volunteer.token),
            None,
        )?
        .json("GET /api/v1/me/certificate", 200)?;
    ensure(
        certificate.entries.is_empty() && certificate.total_minutes == 0,
        || format!("GET /api/v1/me/certificate of a new volunteer: {certificate:?}, want none"),
    )?;
    // …and staff's reports are not theirs.
    for path in [
        format!("/api/v1/staff/reports/hours.csv?phone={}", volunteer.phone),
        "/api/v1/staff/reports/monthly.csv?site=1&month=2026-11".to_owned(),
    ] {
        client
            .send("GET", &path, Some(&volunteer.token), None)?
            .problem(&format!("GET {path} as a volunteer"), 403, types::FORBIDDEN)?;
    }
    Ok(())
}

fn taken_phone(client: &Client) -> CheckResult {
    let volunteer = register(client)?;
    let body = json!({"display_name": "重复", "phone": volunteer.phone, "password": PASSWORD, "privacy_notice": PRIVACY_NOTICE_VERSION});
    let problem = client
        .send("POST", "/api/v1/accounts", None, Some(&body))?
        .problem(
            "POST /api/v1/accounts (taken phone)",
            409,
            types::PHONE_TAKEN,
        )?;
    ensure(
        problem
            .errors
            .iter()
            .any(|e| e.field == "phone" && e.code == codes::TAKEN),
        || {
            format!(
                "taken phone: want a field error phone/taken, got {:?}",
                problem.errors
            )
        },
    )
}

fn invalid_fields(client: &Client) -> CheckResult {
    let body = json!({"display_name": "", "phone": "12345", "password": "short", "privacy_notice": PRIVACY_NOTICE_VERSION});
    let problem = client
        .send("POST", "/api/v1/accounts", None, Some(&body))?
        .problem("POST /api/v1/accounts (invalid)", 400, types::VALIDATION)?;
    for (field, code) in [
        ("display_name", codes::REQUIRED),
        ("phone", codes::INVALID),
        ("password", codes::TOO_SHORT),
    ] {
        ensure_field_error(&problem, field, code, "invalid registration")?;
    }
    // Long enough and still no password: spaces only, or among the most common.
    // Blank breaks the document's pattern (400); being common is beyond any schema (422).
    for (password, code, status) in [
        ("          ", codes::BLANK, 400),
        ("12345678", codes::COMMON, 422),
    ] {
        let phone = super::support::fresh_phone();
        let body = json!({"display_name": "新用户", "phone": phone, "password": password, "privacy_notice": PRIVACY_NOTICE_VERSION});
        let problem = client
            .send("POST", "/api/v1/accounts", None, Some(&body))?
            .problem(
                "POST /api/v1/accounts (weak password)",
                status,
                types::VALIDATION,
            )?;
        ensure_field_error(
            &problem,
            "password",
            code,
            &format!("password {password:?}"),
        )?;
    }
    Ok(())
}

fn wrong_credentials(client: &Client) -> CheckResult {
    let volunteer = register(client)?;
    sign_in(client, &volunteer.phone, &volunteer.password)?;
    let wrong = json!({"phone": volunteer.phone, "password": "not-the-password"});
    let by_password = client
        .send("POST", "/api/v1/sessions", None, Some(&wrong))?
        .problem(
            "sign in with a wrong password",
            401,
            types::WRONG_CREDENTIALS,
        )?;
    let unknown = json!({"phone": fresh_phone(), "password": PASSWORD});
    let by_phone = client
        .send("POST", "/api/v1/sessions", None, Some(&unknown))?
        .problem(
            "sign in with an unknown phone",
            401,
            types::WRONG_CREDENTIALS,
        )?;
    ensure(by_password.title == by_phone.title, || {
        "a wrong password and an unknown phone must get the same answer".into()
    })
}

fn sign_out(client: &Client) -> CheckResult {
    let volunteer = register(client)?;
    let other = sign_in(client, &volunteer.phone, &volunteer.password)?;
    client
        .send(
            "DELETE",
            "/api/v1/sessions/current",
            Some(&volunteer.token),
            None,
        )?
        .status("DELETE /api/v1/sessions/current", 204)?;
    client
        .send("GET", "/api/v1/me", Some(&volunteer.token), None)?
        .problem("GET /api/v1/me after signing out", 401, types::UNAUTHORIZED)?;
    client
        .send("GET", "/api/v1/me", Some(&other), None)?
        .json::<Me>("GET /api/v1/me with another session", 200)
        .map(|_| ())
}

fn delete_account(client: &Client) -> CheckResult {
    let volunteer = register(client)?;
    let wrong = json!({"password": "not-the-password"});
    let problem = client
        .send("DELETE", "/api/v1/me", Some(&volunteer.token), Some(&wrong))?
        .problem(
            "DELETE /api/v1/me with a wrong password",
            422,
            types::VALIDATION,
        )?;
    ensure_field_error(
        &problem,
        "password",
        codes::WRONG,
        "DELETE /api/v1/me with a wrong password",
    )?;
    let right = json!({"password": volunteer.password});
    client
        .send("DELETE", "/api/v1/me", Some(&volunteer.token), Some(&right))?
        .status("DELETE /api/v1/me", 204)?;
    client
        .send("GET", "/api/v1/me", Some(&volunteer.token), None)?
        .problem(
            "GET /api/v1/me after deleting the account",
            401,
            types::UNAUTHORIZED,
        )?;
    let again = json!({"phone": volunteer.phone, "password": volunteer.password});
    client
        .send("POST", "/api/v1/sessions", None, Some(&again))?
        .problem(
            "signing in to a deleted account",
            401,
            types::WRONG_CREDENTIALS,
        )?;
    Ok(())
}

fn change_password(client: &Client) -> CheckResult {
    let volunteer = register(client)?;
    let other = sign_in(client, &volunteer.phone, &volunteer.password)?;
    let wrong = json!({"current_password": "not-the-password", "new_password": "brand-new-pass"});
    let problem = client
        .send(
            "PUT",
            "/api/v1/me/password",
            Some(&volunteer.token),
            Some(&wrong),
        )?
        .problem(
            "change password with a wrong current one",
            422,
            types::VALIDATION,
        )?;
    ensure_field_error(
        &problem,
        "current_password",
        codes::WRONG,
        "a wrong current password",
    )?;
    let right = json!({"current_password": volunteer.password, "new_password": "brand-new-pass"});
    client
        .send(
            "PUT",
            "/api/v1/me/password",
            Some(&volunteer.token),
            Some(&right),
        )?
        .status("PUT /api/v1/me/password", 204)?;
    client
        .send("GET", "/api/v1/me", Some(&other), None)?
        .problem(
            "another session after a password change",
            401,
            types::UNAUTHORIZED,
        )?;
    client
        .send("GET", "/api/v1/me", Some(&volunteer.token), None)?
        .json::<Me>("the changing session", 200)?;
    sign_in(client, &volunteer.phone, "brand-new-pass").map(|_| ())
}

fn protected(client: &Client) -> CheckResult {
    client.send("GET", "/api/v1/me", None, None)?.problem(
        "GET /api/v1/me without a token",
        401,
        types::UNAUTHORIZED,
    )?;
    client
        .send("GET", "/api/v1/me", Some("conformance-not-a-token"), None)?
        .problem(
            "GET /api/v1/me with a made-up token",
            401,
            types::UNAUTHORIZED,
        )?;
    client
        .send(
            "DELETE",
            "/api/v1/me",
            None,
            Some(&json!({"password": "x"})),
        )?
        .problem(
            "DELETE /api/v1/me without a token",
            401,
            types::UNAUTHORIZED,
        )?;
    for path in [
        "/api/v1/me/certificate",
        "/api/v1/me/export",
        "/api/v1/staff/reports/hours.csv?phone=13800000000",
        "/api/v1/staff/reports/monthly.csv?site=1&month=2026-11",
    ] {
        client.send("GET", path, None, None)?.problem(
            &format!("GET {path} without a token"),
            401,
            types::UNAUTHORIZED,
        )?;
    }
    client
        .send("GET", "/api/v1/me/notices", None, None)?
        .problem(
            "GET /api/v1/me/notices without a token",
            401,
            types::UNAUTHORIZED,
        )?;
    client
        .send(
            "POST",
            "/api/v1/me/notices/read",
            None,
            Some(&json!({"up_to": 1})),
        )?
        .problem(
            "POST /api/v1/me/notices/read without a token",
            401,
            types::UNAUTHORIZED,
        )?;
    client
        .send("DELETE", "/api/v1/sessions/current", None, None)?
        .problem(
            "DELETE /api/v1/sessions/current without a token",
            401,
            types::UNAUTHORIZED,
        )
        .map(|_| ())
}

fn staff_only(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let site = station
        .sites()
        .first()
        .map(|site| site.id)
        .ok_or("no site")?;
    let volunteer = register(client)?;
    let body = json!({"display_name": "李奶奶", "phone": fresh_phone(), "password": PASSWORD, "site_id": site, "privacy_notice": PRIVACY_NOTICE_VERSION});
    client
        .send(
            "POST",
            "/api/v1/staff/accounts",
            Some(&volunteer.token),
            Some(&body),
        )?
        .problem(
            "POST /api/v1/staff/accounts as a volunteer",
            403,
            types::FORBIDDEN,
        )?;
    client
        .send("POST", "/api/v1/staff/accounts", None, Some(&body))?
        .problem(
            "POST /api/v1/staff/accounts anonymously",
            401,
            types::UNAUTHORIZED,
        )?;
    // Finding a resident and resetting a password are for staff too.
    let lookup = format!("/api/v1/staff/accounts?phone={}", volunteer.phone);
    client.send("GET", &lookup, None, None)?.problem(
        "GET /api/v1/staff/accounts anonymously",
        401,
        types::UNAUTHORIZED,
    )?;
    client
        .send("GET", &lookup, Some(&volunteer.token), None)?
        .problem(
            "GET /api/v1/staff/accounts as a volunteer",
            403,
            types::FORBIDDEN,
        )?;
    let reset = format!("/api/v1/staff/accounts/{}/password", volunteer.id);
    let new_password = json!({"new_password": "a-new-password"});
    client
        .send("PUT", &reset, Some(&volunteer.token), Some(&new_password))?
        .problem(
            "PUT /api/v1/staff/accounts/{id}/password as a volunteer",
            403,
            types::FORBIDDEN,
        )?;
    client
        .send("PUT", &reset, None, Some(&new_password))?
        .problem(
            "PUT /api/v1/staff/accounts/{id}/password anonymously",
            401,
            types::UNAUTHORIZED,
        )
        .map(|_| ())
}
