//! `GET /api/v1/categories`: the service categories and their colours.

use axum::extract::State;
use axum::Json;
use station_wire::activities::Category;
use station_wire::page::List;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::categories;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_categories))
}

/// Every service category, in the station's order.
#[utoipa::path(get, path = "/api/v1/categories", tag = "activities",
    responses((status = 200, description = "The categories", body = List<Category>)))]
pub async fn list_categories(
    State(state): State<AppState>,
) -> Result<Json<List<Category>>, ApiError> {
    Ok(Json(List {
        items: categories::all(state.store.pool()).await?,
    }))
}
