//! The query of the activity list: parsed by hand so that every bad parameter is reported at
//! once with a stable code, and unknown parameters are ignored.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::NaiveDate;
use station_wire::activities::{DEFAULT_RANGE_DAYS, MAX_RANGE_DAYS, MAX_SEARCH_CHARS};
use station_wire::page::{DEFAULT_LIMIT, MAX_LIMIT};
use station_wire::problem::codes;

use crate::api::query::{DayRange, Pairs};
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;
use crate::store::activities::After;
use crate::store::sites;

/// The parameters of `GET /api/v1/activities`, as documented in the OpenAPI document.
/// (The handler reads the raw pairs: see [`parse`].)
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActivityListQuery {
    /// First day, station-local (`YYYY-MM-DD`). Default: today in the station's zone.
    #[param(value_type = Option<String>, format = Date, example = "2026-11-24")]
    pub from: Option<String>,
    /// Last day, inclusive (`YYYY-MM-DD`). Default: `from` + 30 days. At most 366 days after `from`.
    #[param(value_type = Option<String>, format = Date, example = "2026-12-24")]
    pub to: Option<String>,
    /// A site id: the list includes the activities of every site below it.
    pub site: Option<i64>,
    /// A category slug, e.g. `elderly`; empty: every category.
    pub category: Option<String>,
    /// A team id: only that team's activities.
    pub team: Option<i64>,
    /// Words to find in the title, the place, the description or the site's name (any case);
    /// at most 100 characters; empty: no search.
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// `true`: only activities one can still sign up for (open, places left).
    #[param(value_type = Option<bool>)]
    pub open: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page (opaque; empty: the first page).
    pub cursor: Option<String>,
}

/// A valid query, with defaults filled in.
#[derive(Debug)]
pub struct ListParams {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub site: Option<i64>,
    pub category: Option<String>,
    pub team: Option<i64>,
    pub text: Option<String>,
    pub open_only: bool,
    pub limit: u32,
    pub after: Option<After>,
}

pub async fn parse(state: &AppState, pairs: &[(String, String)]) -> Result<ListParams, ApiError> {
    let pairs = Pairs(pairs);
    let value = |name: &str| pairs.value(name);
    // The two plain strings count empty as absent, so `?category=` means every category.
    let text = |name: &str| value(name).filter(|value| !value.is_empty());
    let mut errors = FieldErrors::default();
    let range = DayRange {
        default_days: DEFAULT_RANGE_DAYS,
        max_days: MAX_RANGE_DAYS,
        within: None,
    };
    let days = range.read(&pairs, state.time.today(), &mut errors);

    let site = match value("site").map(str::parse::<i64>) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => {
            errors.add(
                "site",
                codes::INVALID,
                "`site` must be a site id (a whole number).",
            );
            None
        }
    };
    if let Some(id) = site {
        if !sites::exists(state.store.pool(), id).await? {
            errors.add("site", codes::UNKNOWN, format!("There is no site {id}."));
        }
    }

    let category = pairs.category(state.store.pool(), &mut errors).await?;
    let team = pairs.team(state.store.pool(), &mut errors).await?;

    // The length as sent, spaces too, as the document's `maxLength` counts it.
    if text("q").is_some_and(|q| q.chars().count() > MAX_SEARCH_CHARS) {
        errors.add(
            "q",
            codes::TOO_LONG,
            format!("`q` may be at most {MAX_SEARCH_CHARS} characters."),
        );
    }
    let search = text("q")
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_owned);

    let open_only = match value("open") {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            errors.add("open", codes::INVALID, "`open` must be `true` or `false`.");
            false
        }
    };

    let limit = match value("limit").map(str::parse::<u32>) {
        None => Some(DEFAULT_LIMIT),
        Some(Ok(limit)) if (1..=MAX_LIMIT).contains(&limit) => Some(limit),
        Some(Ok(_)) => {
            errors.add(
                "limit",
                codes::OUT_OF_RANGE,
                format!("`limit` must be 1 to {MAX_LIMIT}."),
            );
            None
        }
        Some(Err(_)) => {
            // A number too big for u32 is still a number: out of range, not malformed.
            let code = if value("limit")
                .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            {
                codes::OUT_OF_RANGE
            } else {
                codes::INVALID
            };
            errors.add(
                "limit",
                code,
                format!("`limit` must be a whole number from 1 to {MAX_LIMIT}."),
            );
            None
        }
    };

    let after = match text("cursor").map(decode_cursor) {
        None => None,
        Some(Some(after)) => Some(after),
        Some(None) => {
            // Opaque to the document: a cursor not from an earlier page is 422.
            errors.add_given_state(
                "cursor",
                codes::INVALID,
                "`cursor` must be a `next_cursor` from an earlier page.",
            );
            None
        }
    };

    errors.into_result()?;
    match (days, limit) {
        (Some((from, to)), Some(limit)) => Ok(ListParams {
            from,
            to,
            site,
            category,
            team,
            text: search,
            open_only,
            limit,
            after,
        }),
        // Unreachable: each None above added an error.
        _ => Err(ApiError::BadRequest("invalid query".to_owned())),
    }
}

/// The cursor is base64url of `starts_at:id`: opaque to clients, trivially checked here.
pub fn encode_cursor(after: After) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{}", after.starts_at, after.id))
}

pub fn decode_cursor(cursor: &str) -> Option<After> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (starts_at, id) = text.split_once(':')?;
    Some(After {
        starts_at: starts_at.parse().ok()?,
        id: id.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let after = After {
            starts_at: 1_790_000_000,
            id: 42,
        };
        assert_eq!(decode_cursor(&encode_cursor(after)), Some(after));
        assert_eq!(decode_cursor("not a cursor"), None);
        assert_eq!(decode_cursor(&URL_SAFE_NO_PAD.encode("12")), None);
    }
}
