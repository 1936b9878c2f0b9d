//! Volunteer teams (志愿服务队): the directory, joining, and members.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::accounts::AccountSummary;
use crate::sites::SiteRef;

/// A team in the directory (`GET /api/v1/teams`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    pub id: i64,
    pub name: String,
    /// The team's field (领域), e.g. `应急救援`.
    pub field: String,
    pub description: String,
    pub site: SiteRef,
    /// The leader's display name, if the team has a leader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_name: Option<String>,
    /// Members, the leader included.
    pub member_count: u32,
}

/// Longest team name, in characters.
pub const TEAM_NAME_MAX_CHARS: usize = 40;
/// Longest team field, in characters.
pub const TEAM_FIELD_MAX_CHARS: usize = 20;
/// Longest team description, in characters.
pub const TEAM_DESCRIPTION_MAX_CHARS: usize = 2000;

/// `POST /api/v1/teams` and `PUT /api/v1/teams/{id}` (staff of the site): what a team is, and
/// optionally who leads it (an existing account by its mobile number; made a member).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamInput {
    pub site_id: i64,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 40,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub name: String,
    /// The field (领域), e.g. `应急救援`.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 20,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub field: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description: String,
    /// Appoint (or change to) this leader; absent or empty keeps the current one.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^(1[3-9][0-9]{9})?$"))]
    pub leader_phone: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MembershipStatus {
    /// Asked to join; the leader or staff decide.
    Pending,
    Member,
    /// Leads the team.
    Leader,
}

/// One's place in a team (`GET /api/v1/me/teams`, and the answer to a join request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyTeam {
    pub team: Team,
    pub status: MembershipStatus,
}

/// A member or a join request, for the team's leader and staff
/// (`GET /api/v1/teams/{id}/members`). Phones are masked as in rosters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub account: AccountSummary,
    pub status: MembershipStatus,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub requested_at: DateTime<FixedOffset>,
}
