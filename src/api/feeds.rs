//! iCalendar feeds: a site's address to subscribe to, and one's own feed turned on, renewed, off.

use station_wire::feeds::{MyCalendarFeed, NewCalendarFeed};

use super::{Api, ApiError, Method};
use crate::session::encode_component;

impl Api {
    /// The `https://` address of a site's feed (a calendar app subscribes to it; `webcal://`
    /// is the same with that scheme), absolute even when the backend is this origin.
    pub fn site_feed_url(&self, site: i64, category: &str, team: Option<i64>) -> String {
        let mut path = format!("/sites/{site}/calendar.ics");
        let mut query = Vec::new();
        if !category.is_empty() {
            query.push(format!("category={}", encode_component(category)));
        }
        if let Some(team) = team {
            query.push(format!("team={team}"));
        }
        if !query.is_empty() {
            path = format!("{path}?{}", query.join("&"));
        }
        absolute(&self.url(&path))
    }

    /// `GET /me/calendar-feed`: whether one's own feed is on, and since when.
    pub async fn my_calendar_feed(&self) -> Result<MyCalendarFeed, ApiError> {
        self.get("/me/calendar-feed").await
    }

    /// `PUT /me/calendar-feed`: a new secret address (an earlier one stops working).
    pub async fn renew_calendar_feed(&self) -> Result<NewCalendarFeed, ApiError> {
        self.request(Method::Put, "/me/calendar-feed", None).await
    }

    /// `DELETE /me/calendar-feed`: the feed off.
    pub async fn stop_calendar_feed(&self) -> Result<(), ApiError> {
        self.request_empty(Method::Delete, "/me/calendar-feed", None)
            .await
    }
}

/// `url` with this page's origin in front when it is a path.
fn absolute(url: &str) -> String {
    if url.starts_with('/') {
        let origin = web_sys::window()
            .and_then(|window| window.location().origin().ok())
            .unwrap_or_default();
        format!("{origin}{url}")
    } else {
        url.to_owned()
    }
}
