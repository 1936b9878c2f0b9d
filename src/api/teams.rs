//! Volunteer teams: the directory, joining and leaving, and members for the leader and staff.

use station_wire::page::List;
use station_wire::teams::{MyTeam, Team, TeamMember};

use super::{Api, ApiError, Method};

impl Api {
    /// `GET /teams?site=`: the directory (every team without a site).
    pub async fn teams(&self, site: Option<i64>) -> Result<List<Team>, ApiError> {
        match site {
            Some(site) => self.get(&format!("/teams?site={site}")).await,
            None => self.get("/teams").await,
        }
    }

    /// `GET /teams/{id}`.
    pub async fn team(&self, team_id: i64) -> Result<Team, ApiError> {
        self.get(&format!("/teams/{team_id}")).await
    }

    /// `POST /teams/{id}/members`: ask to join.
    pub async fn join_team(&self, team_id: i64) -> Result<MyTeam, ApiError> {
        let path = format!("/teams/{team_id}/members");
        self.request(Method::Post, &path, None).await
    }

    /// `DELETE /teams/{id}/members/me`: leave, or withdraw the request.
    pub async fn leave_team(&self, team_id: i64) -> Result<(), ApiError> {
        let path = format!("/teams/{team_id}/members/me");
        self.request_empty(Method::Delete, &path, None).await
    }

    /// `GET /me/teams`: the teams I lead, belong to or asked to join.
    pub async fn my_teams(&self) -> Result<List<MyTeam>, ApiError> {
        self.get("/me/teams").await
    }

    /// `GET /teams/{id}/members`: requests and members, for the leader and staff.
    pub async fn team_members(&self, team_id: i64) -> Result<List<TeamMember>, ApiError> {
        self.get(&format!("/teams/{team_id}/members")).await
    }

    /// `POST /teams/{id}/members/{account_id}/approve`.
    pub async fn approve_member(&self, team_id: i64, account_id: i64) -> Result<(), ApiError> {
        let path = format!("/teams/{team_id}/members/{account_id}/approve");
        self.request_empty(Method::Post, &path, None).await
    }

    /// `POST /teams/{id}/members/{account_id}/decline`.
    pub async fn decline_member(&self, team_id: i64, account_id: i64) -> Result<(), ApiError> {
        let path = format!("/teams/{team_id}/members/{account_id}/decline");
        self.request_empty(Method::Post, &path, None).await
    }

    /// `POST /teams/{id}/members/{account_id}/lead`: make a member the leader.
    pub async fn make_leader(&self, team_id: i64, account_id: i64) -> Result<(), ApiError> {
        let path = format!("/teams/{team_id}/members/{account_id}/lead");
        self.request_empty(Method::Post, &path, None).await
    }

    /// `DELETE /teams/{id}/members/{account_id}`: remove a member.
    pub async fn remove_member(&self, team_id: i64, account_id: i64) -> Result<(), ApiError> {
        let path = format!("/teams/{team_id}/members/{account_id}");
        self.request_empty(Method::Delete, &path, None).await
    }
}
