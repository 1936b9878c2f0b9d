//! Who the backend is: `GET /station`, `GET /sites`.

use station_wire::page::List;
use station_wire::sites::SiteNode;
use station_wire::station::StationInfo;

use super::{Api, ApiError};

impl Api {
    /// The station's name, zone and clock.
    pub async fn station(&self) -> Result<StationInfo, ApiError> {
        self.get("/station").await
    }

    /// The tree of practice sites, roots first.
    pub async fn sites(&self) -> Result<List<SiteNode>, ApiError> {
        self.get("/sites").await
    }
}
