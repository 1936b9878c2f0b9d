//! `GET /healthz`: up, and the database answers.

use axum::extract::State;
use axum::Json;
use serde::Serialize;

use crate::error::ApiError;
use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` when the answer is 200.
    pub status: &'static str,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(healthz))
}

/// Liveness and readiness: 200 when the database answers a trivial query.
#[utoipa::path(get, path = "/healthz", tag = "station",
    responses(
        (status = 200, description = "The server and its database are up", body = Health),
        (status = 503, description = "The database does not answer", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.store.ping().await.map_err(|error| {
        tracing::warn!(%error, "health check: database does not answer");
        ApiError::Unavailable("The database does not answer.".to_owned())
    })?;
    Ok(Json(Health { status: "ok" }))
}
