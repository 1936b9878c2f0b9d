//! `GET /api/v1/station`: who this backend is and what time it is there.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use station_wire::station::StationInfo;
use station_wire::API_VERSION;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::sites;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/station", get(station))
}

/// The station's name (its root site), time zone and clock. Clients take "today" from `now`.
#[utoipa::path(get, path = "/api/v1/station", tag = "station",
    responses(
        (status = 200, description = "The station", body = StationInfo),
        (status = 503, description = "No site exists yet (an empty database without demo data)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn station(State(state): State<AppState>) -> Result<Json<StationInfo>, ApiError> {
    let root = sites::root(state.store.pool())
        .await?
        .ok_or_else(|| ApiError::Unavailable("The station has no site yet.".to_owned()))?;
    Ok(Json(StationInfo {
        name: root.name,
        time_zone: state.time.zone().name().to_owned(),
        now: state.time.now(),
        root_site_id: root.id,
        api_version: API_VERSION.to_owned(),
    }))
}
