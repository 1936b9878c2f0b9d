//! The activity calendar: `GET /categories`, `GET /activities`, `GET /activities/{id}`,
//! `GET /days`.

use chrono::NaiveDate;
use station_wire::activities::{Activity, ActivityQuery, Category};
use station_wire::days::DayList;
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

    /// The festivals and volunteer days from `from` to `to`.
    pub async fn days(&self, from: NaiveDate, to: NaiveDate) -> Result<DayList, ApiError> {
        self.get(&format!("/days?from={from}&to={to}")).await
    }

    /// Every activity from `from` to `to` with the filters of `filter`, page after page.
    pub async fn activities_between(
        &self,
        filter: &ActivityQuery,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Activity>, ApiError> {
        let mut query = ActivityQuery {
            from: Some(from),
            to: Some(to),
            limit: Some(station_wire::page::MAX_LIMIT),
            cursor: None,
            ..filter.clone()
        };
        let mut items = Vec::new();
        loop {
            let page = self.activities(&query).await?;
            items.extend(page.items);
            match page.next_cursor {
                Some(cursor) => query.cursor = Some(cursor),
                None => return Ok(items),
            }
        }
    }

    /// One activity; a 404 problem when there is no such activity.
    pub async fn activity(&self, id: i64) -> Result<Activity, ApiError> {
        self.get(&format!("/activities/{id}")).await
    }
}
