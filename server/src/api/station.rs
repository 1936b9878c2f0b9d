//! `GET /api/v1/station`: who this backend is and what time it is there.

use axum::extract::State;
use axum::Json;
use station_wire::station::StationInfo;
use station_wire::API_VERSION;

use crate::error::{ApiError, Refusal};
use crate::state::AppState;
use crate::store::{settings, sites};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(station))
}

/// The station's name (its root site), time zone and clock. Clients take "today" from `now`.
#[utoipa::path(get, path = "/api/v1/station", tag = "station",
    responses(
        (status = 200, description = "The station", body = StationInfo),
        (status = 503, description = "`station-not-set-up`: no site exists yet (a new station whose administrator has not built the site tree); `unavailable`: the database does not answer", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn station(State(state): State<AppState>) -> Result<Json<StationInfo>, ApiError> {
    let root = sites::root(state.store.pool()).await?.ok_or_else(|| {
        ApiError::refused(
            Refusal::StationNotSetUp,
            "The station has no site yet: an administrator is setting it up.",
        )
    })?;
    Ok(Json(StationInfo {
        name: root.name,
        time_zone: state.time.zone().name().to_owned(),
        now: state.time.now(),
        root_site_id: root.id,
        api_version: API_VERSION.to_owned(),
        demo_data: settings::holds_demo_data(state.store.pool()).await?,
    }))
}
