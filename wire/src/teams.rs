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
