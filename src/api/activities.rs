//! The activity calendar: `GET /categories`, `GET /activities`, `GET /activities/{id}`.

use station_wire::activities::{Activity, ActivityQuery, Category};
use station_wire::page::{List, Page};

use super::{Api, ApiError};

impl Api {
    /// Every service category with its colour.
    pub async fn categories(&self) -> Result<List<Category>, ApiError> {
        self.get("/categories").await
    }

    /// One page of activities, ordered by start.
    pub async fn activities(&self, query: &ActivityQuery) -> Result<Page<Activity>, ApiError> {
        let query = query.to_query_string();
        if query.is_empty() {
            self.get("/activities").await
        } else {
            self.get(&format!("/activities?{query}")).await
        }
    }

    /// One activity; a 404 problem when there is no such activity.
    pub async fn activity(&self, id: i64) -> Result<Activity, ApiError> {
        self.get(&format!("/activities/{id}")).await
    }
}
