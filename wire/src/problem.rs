//! RFC 9457 problem details: the one shape of every error response.

use serde::{Deserialize, Serialize};

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Stable `type` URIs. Clients branch on these, never on `title` or `detail` text.
pub mod types {
    pub const VALIDATION: &str = "urn:station:problem:validation";
    pub const BAD_REQUEST: &str = "urn:station:problem:bad-request";
    pub const NOT_FOUND: &str = "urn:station:problem:not-found";
    pub const METHOD_NOT_ALLOWED: &str = "urn:station:problem:method-not-allowed";
    pub const UNAUTHORIZED: &str = "urn:station:problem:unauthorized";
    pub const FORBIDDEN: &str = "urn:station:problem:forbidden";
    pub const CONFLICT: &str = "urn:station:problem:conflict";
    pub const RATE_LIMITED: &str = "urn:station:problem:rate-limited";
    pub const UNAVAILABLE: &str = "urn:station:problem:unavailable";
    pub const INTERNAL: &str = "urn:station:problem:internal";
    /// An activity that has begun keeps its times and places.
    pub const ACTIVITY_STARTED: &str = "urn:station:problem:activity-started";
    /// The station's only administrator cannot delete their account (make another first).
    pub const LAST_ADMINISTRATOR: &str = "urn:station:problem:last-administrator";
    /// An activity somebody signed up for cannot be deleted (cancel it instead).
    pub const ACTIVITY_HAS_SIGNUPS: &str = "urn:station:problem:activity-has-signups";
    /// A site that still has sites below it cannot be archived.
    pub const SITE_HAS_CHILDREN: &str = "urn:station:problem:site-has-children";
    /// A site that still has teams or activities to come cannot be archived.
    pub const SITE_IN_USE: &str = "urn:station:problem:site-in-use";
    /// 503 from `GET /station` while the station has no site yet: it is being set up (an
    /// administrator builds the site tree in the console); not an outage.
    pub const STATION_NOT_SET_UP: &str = "urn:station:problem:station-not-set-up";

    // Sign-ups and check-in: each refusal a user may meet has its own type, so that the app can
    // say exactly why.
    pub const ALREADY_SIGNED_UP: &str = "urn:station:problem:already-signed-up";
    pub const SIGNUP_CLOSED: &str = "urn:station:problem:signup-closed";
    pub const ACTIVITY_CANCELLED: &str = "urn:station:problem:activity-cancelled";
    pub const TEAM_ONLY: &str = "urn:station:problem:team-only";
    pub const NOT_SIGNED_UP: &str = "urn:station:problem:not-signed-up";
    pub const CANCEL_TOO_LATE: &str = "urn:station:problem:cancel-too-late";
    pub const CHECKIN_WINDOW: &str = "urn:station:problem:checkin-window";
    pub const CHECKIN_CODE_EXPIRED: &str = "urn:station:problem:checkin-code-expired";
    pub const PHONE_TAKEN: &str = "urn:station:problem:phone-taken";

    // Teams: each refusal its own type, so a volunteer is told what actually happened.
    /// Asking to join a team one is a member of, or has asked to join already.
    pub const ALREADY_IN_TEAM: &str = "urn:station:problem:already-in-team";
    /// The leader asks to join, or to leave, the team they lead (hand it over first).
    pub const LEADS_TEAM: &str = "urn:station:problem:leads-team";
    /// Only a member (not one who asked, nor a stranger) can be made the leader.
    pub const NOT_A_MEMBER: &str = "urn:station:problem:not-a-member";
    /// Someone else changed the team's leader meanwhile; nothing was changed.
    pub const LEADER_CHANGED: &str = "urn:station:problem:leader-changed";
    pub const WRONG_CREDENTIALS: &str = "urn:station:problem:wrong-credentials";

    // 好人榜 (and the life cycles of wishes and orders after it).
    /// The step does not fit where the thing stands now (rejecting what was published,
    /// publishing what was rejected); the detail says where it stands.
    pub const WRONG_STATE: &str = "urn:station:problem:wrong-state";
    /// Nobody is published without the nominee's consent recorded by staff.
    pub const CONSENT_MISSING: &str = "urn:station:problem:consent-missing";
    /// Somebody else took it first: the wish was claimed (the order accepted) meanwhile.
    pub const ALREADY_TAKEN: &str = "urn:station:problem:already-taken";
    /// A body larger than the endpoint takes (an uploaded photo above 5 MB; JSON above 64 KiB).
    pub const TOO_LARGE: &str = "urn:station:problem:too-large";
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A stable URI from [`types`].
    #[serde(rename = "type")]
    pub kind: String,
    /// A short human summary that does not change between occurrences.
    pub title: String,
    /// The HTTP status code, repeated for convenience.
    pub status: u16,
    /// A human explanation of this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// For validation problems: what is wrong with which field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The query parameter or JSON field, e.g. `from` or `places`.
    pub field: String,
    /// A stable machine code such as `invalid_date`, `out_of_range`, `unknown`, `required`.
    pub code: String,
    /// A human message (English; clients translate by `code`).
    pub message: String,
}

/// Stable field error codes.
pub mod codes {
    pub const REQUIRED: &str = "required";
    pub const INVALID: &str = "invalid";
    pub const INVALID_DATE: &str = "invalid_date";
    pub const OUT_OF_RANGE: &str = "out_of_range";
    pub const UNKNOWN: &str = "unknown";
    pub const TOO_LONG: &str = "too_long";
    pub const TOO_SHORT: &str = "too_short";
    pub const TAKEN: &str = "taken";
    pub const WRONG: &str = "wrong";
    /// Nothing but spaces (a password of eight spaces).
    pub const BLANK: &str = "blank";
    /// A new password that is among the most common ones, and so guessed first.
    pub const COMMON: &str = "common";
    /// Agreed to another version of the privacy notice than the one shown now.
    pub const OUTDATED: &str = "outdated";
    /// A site cannot move under itself or under a site below it.
    pub const CYCLE: &str = "cycle";
    /// The value does not fit where it is put (e.g. a station as a root of the tree).
    pub const NOT_ALLOWED_HERE: &str = "not_allowed_here";
    /// A colour too light for the white text drawn on it (contrast below 4.5:1).
    pub const LOW_CONTRAST: &str = "low_contrast";
    /// Places cannot be lowered below the confirmed sign-ups.
    pub const BELOW_CONFIRMED: &str = "below_confirmed";
    /// An upload that is not a JPEG, PNG or WebP image (a renamed PDF), by its bytes.
    pub const NOT_AN_IMAGE: &str = "not_an_image";
    /// An image claiming more pixels than a photo has (a "decompression bomb").
    pub const TOO_MANY_PIXELS: &str = "too_many_pixels";
    /// An image that is damaged or cut short.
    pub const DAMAGED: &str = "damaged";
}
