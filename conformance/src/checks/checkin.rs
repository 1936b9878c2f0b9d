//! Check-in and hours, as far as a volunteer can reach them: codes are for those who run an
//! activity, forged codes are refused, hours start at zero, confirming hours is for staff.

use serde_json::json;
use station_wire::problem::{codes, types};
use station_wire::signups::{HoursSummary, Signup};

use super::support::{ensure, register, Station};
use super::Check;
use crate::{CheckResult, Client};

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        (
            "codes_are_for_those_who_run_the_activity",
            Box::new(codes_refused),
        ),
        ("a_forged_code_is_refused", Box::new(forged_code)),
        (
            "hours_start_at_zero_and_staff_confirm_them",
            Box::new(hours),
        ),
    ]
}

fn any_activity(client: &Client) -> Result<i64, String> {
    let station = Station::fetch(client)?;
    Ok(station.window_activities(client)?[0].id)
}

fn codes_refused(client: &Client) -> CheckResult {
    let activity = any_activity(client)?;
    let volunteer = register(client)?;
    let path = format!("/api/v1/activities/{activity}/checkin-code");
    client
        .send("GET", &path, Some(&volunteer.token), None)?
        .problem(&format!("GET {path} as a volunteer"), 403, types::FORBIDDEN)?;
    client.send("GET", &path, None, None)?.problem(
        &format!("GET {path} anonymously"),
        401,
        types::UNAUTHORIZED,
    )?;
    let manual = format!("/api/v1/activities/{activity}/checkins/manual");
    client
        .send(
            "POST",
            &manual,
            Some(&volunteer.token),
            Some(&json!({"account_id": volunteer.id})),
        )?
        .problem(
            &format!("POST {manual} as a volunteer"),
            403,
            types::FORBIDDEN,
        )
        .map(|_| ())
}

fn forged_code(client: &Client) -> CheckResult {
    let activity = any_activity(client)?;
    let volunteer = register(client)?;
    let path = format!("/api/v1/activities/{activity}/checkins");
    let problem = client
        .send(
            "POST",
            &path,
            Some(&volunteer.token),
            Some(&json!({"code": "conformance-forged-code"})),
        )?
        .problem(
            &format!("POST {path} with a forged code"),
            422,
            types::VALIDATION,
        )?;
    ensure(
        problem
            .errors
            .iter()
            .any(|e| e.field == "code" && e.code == codes::INVALID),
        || format!("a forged code: want code/invalid, got {:?}", problem.errors),
    )?;
    client
        .send("POST", &path, None, Some(&json!({"code": "x"})))?
        .problem(
            &format!("POST {path} anonymously"),
            401,
            types::UNAUTHORIZED,
        )
        .map(|_| ())
}

fn hours(client: &Client) -> CheckResult {
    let volunteer = register(client)?;
    let summary: HoursSummary = client
        .send("GET", "/api/v1/me/hours", Some(&volunteer.token), None)?
        .json("GET /api/v1/me/hours", 200)?;
    ensure(summary == HoursSummary::from_confirmed_minutes(0), || {
        format!("a new account's hours: {summary:?}")
    })?;
    client
        .send("GET", "/api/v1/me/hours", None, None)?
        .problem("GET /api/v1/me/hours anonymously", 401, types::UNAUTHORIZED)?;
    // A volunteer cannot confirm hours, not even their own.
    // An activity of its own among the roomy ones (see `signups::roomy_activity`).
    let target = super::signups::roomy_activity(client, 4)?;
    let signup: Signup = client
        .send(
            "POST",
            &format!("/api/v1/activities/{}/signups", target.id),
            Some(&volunteer.token),
            None,
        )?
        .json("signing up", 201)?;
    let put = format!("/api/v1/signups/{}/hours", signup.id);
    let result = client
        .send(
            "PUT",
            &put,
            Some(&volunteer.token),
            Some(&json!({"minutes": 60})),
        )?
        .problem(
            &format!("PUT {put} as the volunteer"),
            403,
            types::FORBIDDEN,
        )
        .and_then(|_| {
            let audit = format!("/api/v1/signups/{}/hours/audit", signup.id);
            client
                .send("GET", &audit, Some(&volunteer.token), None)?
                .problem(
                    &format!("GET {audit} as the volunteer"),
                    403,
                    types::FORBIDDEN,
                )
        });
    client
        .send(
            "DELETE",
            &format!("/api/v1/activities/{}/signups/me", target.id),
            Some(&volunteer.token),
            None,
        )?
        .status("cancelling", 200)?;
    result.map(|_| ())
}
