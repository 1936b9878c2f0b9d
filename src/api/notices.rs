//! 站内消息: one's notices, and marking them read.

use station_wire::notices::{MarkNoticesRead, Notice};
use station_wire::page::Page;

use super::{json, Api, ApiError, Method};

impl Api {
    /// `GET /me/notices`: newest first, a page at a time (`cursor` from the page before).
    pub async fn notices(&self, cursor: Option<&str>) -> Result<Page<Notice>, ApiError> {
        match cursor {
            Some(cursor) => self.get(&format!("/me/notices?cursor={cursor}")).await,
            None => self.get("/me/notices").await,
        }
    }

    /// `POST /me/notices/read`: every notice up to `up_to` is read.
    pub async fn mark_notices_read(&self, up_to: i64) -> Result<(), ApiError> {
        let body = MarkNoticesRead { up_to };
        self.request_empty(Method::Post, "/me/notices/read", json(&body))
            .await
    }
}
