//! The activity calendar: categories and activities.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::sites::SiteRef;

/// The longest date range one activities query may span, in days.
pub const MAX_RANGE_DAYS: i64 = 366;
/// The range asked for when a query names no `to`, in days from `from`.
pub const DEFAULT_RANGE_DAYS: i64 = 30;

/// How many categories a day of [`ActivityDay`] names at most.
pub const DAY_CATEGORIES: usize = 3;

/// One day of `GET /api/v1/activities/days`: how many of the activities the list's filters
/// match start on it (station-local), and the categories of the first of them — what a month's
/// grid shows, without reading every activity. Days without any are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityDay {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: NaiveDate,
    pub count: u32,
    /// Distinct category slugs in the order their first activity starts, at most
    /// [`DAY_CATEGORIES`].
    pub categories: Vec<String>,
}

/// A service category (服务类别). Categories are data: each has a stable slug and a colour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    /// Stable identifier used in filters, e.g. `elderly`.
    pub slug: String,
    /// Display name, e.g. `助老帮困`.
    pub name: String,
    /// CSS hex colour `#rrggbb`, e.g. `#d6452f` for red.
    pub colour: String,
}

/// Longest category name, in characters.
pub const CATEGORY_NAME_MAX_CHARS: usize = 20;

/// `POST /api/v1/categories` (administrators): a new category, placed last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCategory {
    /// Lower-case letters, digits and `-`, starting with a letter; at most 32; never changes.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[a-z][a-z0-9-]{0,31}$"))]
    pub slug: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 20,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub name: String,
    /// `#rrggbb`, dark enough for white text on it (contrast at least 4.5:1).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^#[0-9a-fA-F]{6}$"))]
    pub colour: String,
}

/// `PUT /api/v1/categories/{slug}` (administrators): rename, recolour, reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryUpdate {
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 20,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(pattern = r"^#[0-9a-fA-F]{6}$"))]
    pub colour: String,
    /// Where it comes in the station's order (0 first); unchanged when absent.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = 0, maximum = 4294967295_i64))]
    pub position: Option<u32>,
}

/// The contrast ratio (WCAG 2) of white text on a `#rrggbb` colour; `None` for anything else.
pub fn contrast_with_white_text(colour: &str) -> Option<f64> {
    let hex = colour.strip_prefix('#').filter(|hex| hex.len() == 6)?;
    let mut luminance = 0.0;
    for (i, weight) in [0.2126, 0.7152, 0.0722].into_iter().enumerate() {
        let value = f64::from(u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()?) / 255.0;
        let linear = if value <= 0.03928 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        };
        luminance += weight * linear;
    }
    Some(1.05 / (luminance + 0.05))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    /// Not yet published: only staff of its site see it, and nobody can sign up.
    Draft,
    /// Taking sign-ups.
    Open,
    /// Every place is taken; new sign-ups go to the waitlist.
    Full,
    /// Sign-ups have closed (deadline passed or started).
    Closed,
    Cancelled,
    Finished,
}

/// A volunteer team as an activity names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamRef {
    pub id: i64,
    pub name: String,
    /// The team's field (领域), e.g. `应急救援`.
    pub field: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub id: i64,
    pub title: String,
    pub description: String,
    /// The slug of its [`Category`].
    pub category: String,
    pub site: SiteRef,
    #[serde(default)]
    pub team: Option<TeamRef>,
    /// Where it happens, e.g. `社区党群服务中心二楼`.
    pub place: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub starts_at: DateTime<FixedOffset>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub ends_at: DateTime<FixedOffset>,
    /// Places (名额) in all.
    pub capacity: u32,
    /// Places not yet taken by a confirmed sign-up.
    pub places_left: u32,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    #[serde(with = "crate::time::rfc3339_option")]
    pub signup_deadline: Option<DateTime<FixedOffset>>,
    /// Who it serves, e.g. `辖区60岁以上老人`.
    #[serde(default)]
    pub target_group: Option<String>,
    pub status: ActivityStatus,
    /// Only members of `team` may sign up (others get `team-only`).
    #[serde(default)]
    pub team_only: bool,
    /// Why staff cancelled it (when `status` is `cancelled` and a reason was given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
    /// The series it is an occurrence of (`GET /api/v1/activities/{id}/series`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series_id: Option<i64>,
}

/// Longest title of an activity, in characters.
pub const TITLE_MAX_CHARS: usize = 60;
/// Longest place or target group, in characters.
pub const PLACE_MAX_CHARS: usize = 100;
/// Longest description, in characters.
pub const DESCRIPTION_MAX_CHARS: usize = 4000;
/// Most places one activity may offer.
pub const CAPACITY_MAX: u32 = 10_000;
/// Longest reason for a cancellation, in characters.
pub const CANCEL_REASON_MAX_CHARS: usize = 200;

/// `POST /api/v1/activities` (a draft, or published at once with `publish`) and
/// `PUT /api/v1/activities/{id}`: what staff write about an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityInput {
    /// A site the author is staff of.
    pub site_id: i64,
    #[serde(default)]
    pub team_id: Option<i64>,
    /// A category slug.
    pub category: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 60,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub title: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub description: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub place: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub starts_at: DateTime<FixedOffset>,
    /// After `starts_at`.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub ends_at: DateTime<FixedOffset>,
    /// 1–10000; when editing, not below the confirmed sign-ups.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub capacity: u32,
    /// Not after `starts_at`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::time::optional_date_time))]
    #[serde(with = "crate::time::rfc3339_option")]
    pub signup_deadline: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub target_group: Option<String>,
    /// Only members of `team_id` may sign up (needs `team_id`).
    #[serde(default)]
    pub team_only: bool,
    /// On creation: publish at once instead of keeping a draft. Ignored when editing.
    #[serde(default)]
    pub publish: bool,
    /// On creation: make a series, one activity per date of the rule. Ignored when editing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<crate::series::Repeat>,
    /// When editing an occurrence of a series: it alone, or it and the later ones.
    #[serde(default, skip_serializing_if = "is_this")]
    pub apply_to: crate::series::ApplyTo,
}

fn is_this(apply_to: &crate::series::ApplyTo) -> bool {
    *apply_to == crate::series::ApplyTo::This
}

/// `POST /api/v1/activities/{id}/cancel`: the reason the signed-up volunteers will read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelActivity {
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub reason: String,
    /// For an occurrence of a series: it alone, or it and the later ones.
    #[serde(default, skip_serializing_if = "is_this")]
    pub apply_to: crate::series::ApplyTo,
}

/// `POST /api/v1/activities/{id}/duplicate`: a draft copy, by default one week later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DuplicateActivity {
    /// When the copy starts (it keeps the original's duration and deadline offset).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::time::optional_date_time))]
    #[serde(with = "crate::time::rfc3339_option")]
    pub starts_at: Option<DateTime<FixedOffset>>,
}

/// The query of `GET /api/v1/activities`. Dates are calendar days in the station's zone; `to`
/// is inclusive. Without `from` the list starts today; without `to` it spans
/// [`DEFAULT_RANGE_DAYS`]. A range longer than [`MAX_RANGE_DAYS`] is refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// A site id; the list includes activities of its child sites.
    pub site: Option<i64>,
    /// A category slug.
    pub category: Option<String>,
    /// A team id.
    pub team: Option<i64>,
    /// Words to find (title, place, description, site name); at most [`MAX_SEARCH_CHARS`].
    pub q: Option<String>,
    /// Only activities one can still sign up for.
    pub open: bool,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// The longest text search `GET /api/v1/activities?q=` takes, in characters.
pub const MAX_SEARCH_CHARS: usize = 100;

impl ActivityQuery {
    /// The query string (without `?`) for the fields that are set.
    pub fn to_query_string(&self) -> String {
        // Built by pushing, not with `format!`: every byte of the browser bundle counts.
        let mut out = String::new();
        let mut pair = |key: &str, value: &str| {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(key);
            out.push('=');
            percent_encode_into(&mut out, value);
        };
        if let Some(from) = self.from {
            pair("from", &from.to_string());
        }
        if let Some(to) = self.to {
            pair("to", &to.to_string());
        }
        if let Some(site) = self.site {
            pair("site", &site.to_string());
        }
        if let Some(category) = &self.category {
            pair("category", category);
        }
        if let Some(team) = self.team {
            pair("team", &team.to_string());
        }
        if let Some(q) = &self.q {
            pair("q", q);
        }
        if self.open {
            pair("open", "true");
        }
        if let Some(limit) = self.limit {
            pair("limit", &limit.to_string());
        }
        if let Some(cursor) = &self.cursor {
            pair("cursor", cursor);
        }
        out
    }
}

/// Appends `value` percent-encoded: everything but RFC 3986 unreserved characters.
fn percent_encode_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => {
                out.push('%');
                out.push(HEX[usize::from(byte >> 4)] as char);
                out.push(HEX[usize::from(byte & 0x0f)] as char);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_with_white_text_follows_wcag() {
        let ratio = |colour| contrast_with_white_text(colour).unwrap();
        assert!((ratio("#000000") - 21.0).abs() < 0.01);
        assert!((ratio("#ffffff") - 1.0).abs() < 0.01);
        assert!(ratio("#c0392b") >= 4.5, "the standard red");
        assert!(ratio("#f1c40f") < 4.5, "yellow is too light for white text");
        assert_eq!(contrast_with_white_text("red"), None);
        assert_eq!(contrast_with_white_text("#12345"), None);
        assert_eq!(contrast_with_white_text("#12345g"), None);
    }

    #[test]
    fn query_string_names_only_the_set_fields_and_encodes_them() {
        let query = ActivityQuery {
            from: NaiveDate::from_ymd_opt(2026, 11, 24),
            category: Some("助老 x&y".into()),
            ..Default::default()
        };
        assert_eq!(
            query.to_query_string(),
            "from=2026-11-24&category=%E5%8A%A9%E8%80%81%20x%26y"
        );
        assert_eq!(ActivityQuery::default().to_query_string(), "");
    }

    #[test]
    fn activity_round_trips_with_the_station_offset() {
        let json = r#"{"id":7,"title":"义诊","description":"","category":"elderly",
            "site":{"id":1,"name":"站"},"team":null,"place":"二楼",
            "starts_at":"2026-11-24T14:00:00+08:00","ends_at":"2026-11-24T16:00:00+08:00",
            "capacity":20,"places_left":3,"status":"open"}"#;
        let activity: Activity = serde_json::from_str(json).unwrap();
        assert_eq!(activity.starts_at.offset().local_minus_utc(), 8 * 3600);
        assert_eq!(activity.status, ActivityStatus::Open);
        let back = serde_json::to_string(&activity).unwrap();
        assert!(
            back.contains("\"starts_at\":\"2026-11-24T14:00:00+08:00\""),
            "{back}"
        );
    }
}
