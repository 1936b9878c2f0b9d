//! The activity calendar: `GET /categories`, `GET /activities`, `GET /activities/days`,
//! `GET /activities/{id}`, `GET /days`.

use chrono::NaiveDate;
use station_wire::activities::{Activity, ActivityDay, ActivityQuery, Category};
use station_wire::days::DayList;
use station_wire::page::{List, Page};
use wasm_bindgen::{JsCast, JsValue};

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

    /// Each day from `from` to `to` on which activities with the filters of `filter` start:
    /// their count and first categories (what a month's grid shows, in one small answer).
    pub async fn activity_days(
        &self,
        filter: &ActivityQuery,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ActivityDay>, ApiError> {
        let query = ActivityQuery {
            from: Some(from),
            to: Some(to),
            limit: None,
            cursor: None,
            ..filter.clone()
        };
        let path = format!("/activities/days?{}", query.to_query_string());
        let answer = self.get_parsed(&path).await?;
        read_days(&answer).ok_or(ApiError::Decode)
    }

    /// One activity; a 404 problem when there is no such activity.
    pub async fn activity(&self, id: i64) -> Result<Activity, ApiError> {
        self.get(&format!("/activities/{id}")).await
    }
}

/// `{"items": [{"date", "count", "categories"}]}` as `JSON.parse` gave it; `None` for anything
/// else (a field missing or of another type, a count that is not a whole number).
pub fn read_days(answer: &JsValue) -> Option<Vec<ActivityDay>> {
    let field = |value: &JsValue, name: &str| js_sys::Reflect::get(value, &JsValue::from_str(name));
    let items: js_sys::Array = field(answer, "items").ok()?.dyn_into().ok()?;
    items
        .iter()
        .map(|item| {
            let date = crate::validate::parse_day(&field(&item, "date").ok()?.as_string()?)?;
            let count = field(&item, "count").ok()?.as_f64()?;
            let count = (count >= 0.0 && count.fract() == 0.0 && count <= f64::from(u32::MAX))
                .then_some(count as u32)?;
            let categories: js_sys::Array = field(&item, "categories").ok()?.dyn_into().ok()?;
            let categories = categories
                .iter()
                .map(|slug| slug.as_string())
                .collect::<Option<_>>()?;
            Some(ActivityDay {
                date,
                count,
                categories,
            })
        })
        .collect()
}
