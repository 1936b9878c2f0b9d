//! Every refusal the contract names: validation problems with stable field codes — 400 for a
//! value the OpenAPI document does not allow, 422 for one it cannot judge (an unknown site or
//! category, a cursor no earlier page gave, `to` before `from`) — and 404s.

use station_wire::problem::{codes, types};

use super::support::{ensure, refused_at, Station};
use super::Check;
use crate::{CheckResult, Client};

/// (check name, query, status, field, acceptable codes)
const INVALID_QUERIES: &[(&str, &str, u16, &str, &[&str])] = &[
    (
        "unparsable_from",
        "from=2026-13-45",
        400,
        "from",
        &[codes::INVALID_DATE],
    ),
    (
        "unparsable_to",
        "to=not-a-date",
        400,
        "to",
        &[codes::INVALID_DATE],
    ),
    (
        "to_before_from",
        "from=2026-06-10&to=2026-06-09",
        422,
        "to",
        &[codes::OUT_OF_RANGE],
    ),
    (
        "range_over_366_days",
        "from=2026-01-01&to=2027-06-01",
        422,
        "to",
        &[codes::OUT_OF_RANGE],
    ),
    (
        "unknown_category",
        "category=conformance-no-such-category",
        422,
        "category",
        &[codes::UNKNOWN],
    ),
    (
        "non_numeric_site",
        "site=abc",
        400,
        "site",
        &[codes::INVALID, codes::UNKNOWN],
    ),
    (
        "non_numeric_team",
        "team=abc",
        400,
        "team",
        &[codes::INVALID],
    ),
    (
        "unknown_team",
        "team=9007199254740991",
        422,
        "team",
        &[codes::UNKNOWN],
    ),
    (
        "search_over_100_characters",
        // 101 × 字, percent-encoded.
        "q=%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97\
%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97\
%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97\
%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97\
%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97\
%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97\
%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97\
%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97\
%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97\
%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97%E5%AD%97",
        400,
        "q",
        &[codes::TOO_LONG],
    ),
    (
        "open_neither_true_nor_false",
        "open=yes",
        400,
        "open",
        &[codes::INVALID],
    ),
    (
        "zero_limit",
        "limit=0",
        400,
        "limit",
        &[codes::OUT_OF_RANGE],
    ),
    (
        "limit_over_200",
        "limit=201",
        400,
        "limit",
        &[codes::OUT_OF_RANGE],
    ),
    (
        "non_numeric_limit",
        "limit=many",
        400,
        "limit",
        &[codes::INVALID, codes::OUT_OF_RANGE],
    ),
    (
        "malformed_cursor",
        "cursor=%21%21not-a-cursor%21%21",
        422,
        "cursor",
        &[codes::INVALID],
    ),
];

pub fn checks() -> Vec<(String, Check)> {
    let mut checks: Vec<(String, Check)> = INVALID_QUERIES
        .iter()
        .map(|&(name, query, status, field, accepted)| {
            let check: Check = Box::new(move |client: &Client| {
                refused(client, query, status, &[(field, accepted)])
            });
            (name.to_owned(), check)
        })
        .collect();
    checks.push(("unknown_site".into(), Box::new(unknown_site)));
    checks.push(("every_bad_field_at_once".into(), Box::new(all_at_once)));
    checks.push(("non_numeric_activity_id".into(), Box::new(non_numeric_id)));
    checks.push(("unknown_activity_id_is_404".into(), Box::new(unknown_id)));
    checks.push(("unknown_api_path_is_404".into(), Box::new(unknown_path)));
    checks
}

/// The activity list's `query` is refused as [`refused_at`] says.
fn refused(client: &Client, query: &str, status: u16, expected: &[(&str, &[&str])]) -> CheckResult {
    refused_at(
        client,
        &format!("/api/v1/activities?{query}"),
        status,
        expected,
    )
}

fn unknown_site(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let unknown = station
        .sites()
        .iter()
        .map(|site| site.id)
        .max()
        .unwrap_or(0)
        + 1_000_000;
    refused(
        client,
        &format!("site={unknown}"),
        422,
        &[("site", &[codes::UNKNOWN])],
    )
}

fn all_at_once(client: &Client) -> CheckResult {
    refused(
        client,
        "from=yesterday&category=conformance-no-such-category&limit=0",
        // One field breaks the document: 400, whatever the others.
        400,
        &[
            ("from", &[codes::INVALID_DATE]),
            ("category", &[codes::UNKNOWN]),
            ("limit", &[codes::OUT_OF_RANGE]),
        ],
    )
}

fn non_numeric_id(client: &Client) -> CheckResult {
    let problem = client.problem("/api/v1/activities/not-a-number", 400)?;
    ensure(problem.kind == types::VALIDATION, || {
        format!("type `{}` (want {})", problem.kind, types::VALIDATION)
    })?;
    ensure(
        problem.errors.iter().any(|error| error.field == "id"),
        || format!("no error names `id`: {:?}", problem.errors),
    )
}

fn unknown_id(client: &Client) -> CheckResult {
    let problem = client.problem("/api/v1/activities/9007199254740991", 404)?;
    ensure(problem.kind == types::NOT_FOUND, || {
        format!("type `{}` (want {})", problem.kind, types::NOT_FOUND)
    })
}

fn unknown_path(client: &Client) -> CheckResult {
    let problem = client.problem("/api/v1/conformance-no-such-endpoint", 404)?;
    ensure(problem.kind == types::NOT_FOUND, || {
        format!("type `{}` (want {})", problem.kind, types::NOT_FOUND)
    })
}
