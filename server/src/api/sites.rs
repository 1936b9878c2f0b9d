//! `GET /api/v1/sites`: the site tree.

use axum::extract::State;
use axum::Json;
use station_wire::page::List;
use station_wire::sites::SiteNode;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::sites;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_sites))
}

/// The roots of the site tree (中心 → 所 → 站) with their children nested, ordered by id.
#[utoipa::path(get, path = "/api/v1/sites", tag = "sites",
    responses((status = 200, description = "The site tree", body = List<SiteNode>)))]
pub async fn list_sites(State(state): State<AppState>) -> Result<Json<List<SiteNode>>, ApiError> {
    let rows = sites::all(state.store.pool()).await?;
    Ok(Json(List {
        items: sites::build_tree(rows),
    }))
}
