//! Keeping the site tree (中心 → 所 → 站) and who runs each site.

use station_wire::page::List;
use station_wire::sites::{SiteInput, SiteNode};
use station_wire::staff::{GrantStaff, StaffGrant};
use station_wire::teams::{Team, TeamInput};

use super::{json, Api, ApiError, Method};

impl Api {
    /// `GET /sites/{id}`: one site's public information, without its children.
    pub async fn site(&self, id: i64) -> Result<SiteNode, ApiError> {
        self.get(&format!("/sites/{id}")).await
    }

    /// `POST /sites`.
    pub async fn create_site(&self, input: &SiteInput) -> Result<SiteNode, ApiError> {
        self.request(Method::Post, "/sites", json(input)).await
    }

    /// `PUT /sites/{id}`: a changed `parent_id` moves it with everything below it.
    pub async fn update_site(&self, id: i64, input: &SiteInput) -> Result<SiteNode, ApiError> {
        self.request(Method::Put, &format!("/sites/{id}"), json(input))
            .await
    }

    /// `POST /sites/{id}/archive`.
    pub async fn archive_site(&self, id: i64) -> Result<(), ApiError> {
        self.request_empty(Method::Post, &format!("/sites/{id}/archive"), None)
            .await
    }

    /// `GET /sites/{id}/staff`: the grants on the site and above it, nearest first.
    pub async fn site_staff(&self, id: i64) -> Result<List<StaffGrant>, ApiError> {
        self.get(&format!("/sites/{id}/staff")).await
    }

    /// `POST /sites/{id}/staff`: make the account with this phone staff of the site.
    pub async fn grant_staff(&self, id: i64, phone: &str) -> Result<StaffGrant, ApiError> {
        let body = GrantStaff {
            phone: phone.to_owned(),
        };
        self.request(Method::Post, &format!("/sites/{id}/staff"), json(&body))
            .await
    }

    /// `DELETE /sites/{id}/staff/{account_id}`.
    pub async fn revoke_staff(&self, id: i64, account_id: i64) -> Result<(), ApiError> {
        let path = format!("/sites/{id}/staff/{account_id}");
        self.request_empty(Method::Delete, &path, None).await
    }

    /// `POST /teams`: a team at a site one runs, optionally with its leader.
    pub async fn create_team(&self, input: &TeamInput) -> Result<Team, ApiError> {
        self.request(Method::Post, "/teams", json(input)).await
    }

    /// `PUT /teams/{id}`: what a team is, its site, and optionally a new leader.
    pub async fn update_team(&self, id: i64, input: &TeamInput) -> Result<Team, ApiError> {
        self.request(Method::Put, &format!("/teams/{id}"), json(input))
            .await
    }

    /// `POST /teams/{id}/archive`: the team leaves the directory; its history stays.
    pub async fn archive_team(&self, id: i64) -> Result<(), ApiError> {
        self.request_empty(Method::Post, &format!("/teams/{id}/archive"), None)
            .await
    }
}
