//! The display screen: its one combined answer per refresh, and for staff the screens' heartbeats.

use station_wire::page::List;
use station_wire::screens::{ScreenData, ScreenStatus};

use super::{Api, ApiError};
use crate::session::encode_component;

impl Api {
    /// `GET /screens/{site}?screen=`: what the site's screen shows (the fetch is its heartbeat,
    /// unless it is a `preview`; an unchanged answer is revalidated by the browser, `ETag` and
    /// 304).
    pub async fn screen(
        &self,
        site: i64,
        name: &str,
        preview: bool,
    ) -> Result<ScreenData, ApiError> {
        let preview = if preview { "&preview=true" } else { "" };
        self.get(&format!(
            "/screens/{site}?screen={}{preview}",
            encode_component(name)
        ))
        .await
    }

    /// `GET /staff/screens`: the screens of the sites one runs, and when each last asked.
    pub async fn staff_screens(&self) -> Result<List<ScreenStatus>, ApiError> {
        self.get("/staff/screens").await
    }
}
