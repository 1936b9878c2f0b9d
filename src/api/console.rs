//! The staff console: what waits for staff, the activities of one's sites (drafts too), and
//! publishing.

use station_wire::activities::{
    Activity, ActivityInput, ActivityQuery, CancelActivity, DuplicateActivity,
};
use station_wire::audit::AuditEntry;
use station_wire::page::Page;
use station_wire::series::{ApplyTo, Series};
use station_wire::staff::StaffToday;

use super::{json, Api, ApiError, Method};

impl Api {
    /// `GET /audit?site=&account=&cursor=`: the audit log, newest first (administrators).
    pub async fn audit(
        &self,
        site: Option<i64>,
        account: Option<i64>,
        cursor: Option<String>,
    ) -> Result<Page<AuditEntry>, ApiError> {
        let mut path = "/audit?limit=50".to_owned();
        if let Some(site) = site {
            path.push_str(&format!("&site={site}"));
        }
        if let Some(account) = account {
            path.push_str(&format!("&account={account}"));
        }
        if let Some(cursor) = cursor {
            path.push_str(&format!("&cursor={cursor}"));
        }
        self.get(&path).await
    }

    /// `GET /staff/today`: join requests and hours waiting across the sites one runs.
    pub async fn staff_today(&self) -> Result<StaffToday, ApiError> {
        self.get("/staff/today").await
    }

    /// `GET /staff/activities`: the activities of the sites one manages, drafts included.
    pub async fn staff_activities(
        &self,
        query: &ActivityQuery,
    ) -> Result<Page<Activity>, ApiError> {
        self.get(&format!("/staff/activities?{}", query.to_query_string()))
            .await
    }

    /// `POST /activities`: a new activity (a draft unless `publish`).
    pub async fn create_activity(&self, input: &ActivityInput) -> Result<Activity, ApiError> {
        self.request(Method::Post, "/activities", json(input)).await
    }

    /// `POST /activities/{id}/publish`.
    pub async fn publish_activity(&self, id: i64) -> Result<Activity, ApiError> {
        self.request(Method::Post, &format!("/activities/{id}/publish"), None)
            .await
    }

    /// `POST /activities/{id}/duplicate`: a draft copy one week later.
    pub async fn duplicate_activity(&self, id: i64) -> Result<Activity, ApiError> {
        self.request(
            Method::Post,
            &format!("/activities/{id}/duplicate"),
            json(&DuplicateActivity::default()),
        )
        .await
    }

    /// `PUT /activities/{id}`: what the activity says now.
    pub async fn update_activity(
        &self,
        id: i64,
        input: &ActivityInput,
    ) -> Result<Activity, ApiError> {
        self.request(Method::Put, &format!("/activities/{id}"), json(input))
            .await
    }

    /// `GET /activities/{id}/series`: the series the activity is an occurrence of.
    pub async fn activity_series(&self, id: i64) -> Result<Series, ApiError> {
        self.get(&format!("/activities/{id}/series")).await
    }

    /// `POST /activities/{id}/cancel`: cancelled (with the later occurrences of its series for
    /// `ApplyTo::Following`), with the reason its volunteers will read.
    pub async fn cancel_activity(
        &self,
        id: i64,
        reason: &str,
        apply_to: ApplyTo,
    ) -> Result<Activity, ApiError> {
        let body = CancelActivity {
            reason: reason.to_owned(),
            apply_to,
        };
        self.request(
            Method::Post,
            &format!("/activities/{id}/cancel"),
            json(&body),
        )
        .await
    }

    /// `DELETE /activities/{id}`: only while nobody has signed up.
    pub async fn delete_activity(&self, id: i64) -> Result<(), ApiError> {
        self.request_empty(Method::Delete, &format!("/activities/{id}"), None)
            .await
    }
}
