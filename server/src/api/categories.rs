//! The service categories and their colours: everyone reads them; administrators keep them
//! (they belong to the whole network, the center's).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use station_wire::activities::{
    contrast_with_white_text, Category, CategoryUpdate, NewCategory, CATEGORY_NAME_MAX_CHARS,
};
use station_wire::problem::codes;

use super::extract::JsonBody;
use super::openapi::Unauthorized;
use crate::api::audit::Log;
use crate::api::text;
use crate::auth::{policy, AuthUser};
use crate::error::FieldErrors;
use station_wire::page::List;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::categories;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_categories, create_category))
        .routes(routes!(update_category))
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

/// `403` for anyone but administrators: categories belong to the whole network.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 403,
    description = "Not an administrator",
    content_type = "application/problem+json"
)]
pub struct NotAdmin(#[allow(dead_code)] station_wire::problem::Problem);

const INVALID_CATEGORY: &str = "`slug` (required, invalid, taken), `name` (required, too_long), `colour` (invalid: not #rrggbb; low_contrast: white text on it would be under 4.5:1)";

/// Add a category (administrators), placed last.
#[utoipa::path(post, path = "/api/v1/categories", tag = "activities",
    request_body = NewCategory,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The category", body = Category),
        (status = 400, description = INVALID_CATEGORY, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotAdmin,
    ))]
pub async fn create_category(
    State(state): State<AppState>,
    user: AuthUser,
    JsonBody(request): JsonBody<NewCategory>,
) -> Result<(StatusCode, Json<Category>), ApiError> {
    policy::require(user.is_admin, "administrators")?;
    let mut errors = FieldErrors::default();
    // Exactly as sent, as the document's pattern has it.
    let slug = request.slug.as_str();
    if slug.is_empty() {
        errors.add("slug", codes::REQUIRED, "A slug is required.");
    } else if !is_slug(slug) {
        errors.add(
            "slug",
            codes::INVALID,
            "Lower-case letters, digits and -, starting with a letter; at most 32.",
        );
    }
    let (name, colour) = name_and_colour(&mut errors, &request.name, &request.colour);
    errors.into_result()?;
    let category = Category {
        slug: slug.to_owned(),
        name,
        colour,
    };
    if !categories::create(state.store.pool(), &category).await? {
        return Err(ApiError::invalid(
            "slug",
            codes::TAKEN,
            "Another category has this slug.",
        ));
    }
    let subject = format!("category:{}", category.slug);
    Log::new(&state, &user, None, "category.create", subject)
        .after(&category)
        .save()
        .await?;
    Ok((StatusCode::CREATED, Json(category)))
}

/// Rename, recolour or move a category (administrators).
#[utoipa::path(put, path = "/api/v1/categories/{slug}", tag = "activities",
    params(("slug" = String, Path, description = "The category's slug")),
    request_body = CategoryUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The category as it is now", body = Category),
        (status = 400, description = "`name` (required, too_long), `colour` (invalid)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`colour`: low_contrast (white text on it below 4.5:1)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotAdmin,
        (status = 404, description = "No such category", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_category(
    State(state): State<AppState>,
    user: AuthUser,
    Path(slug): Path<String>,
    JsonBody(request): JsonBody<CategoryUpdate>,
) -> Result<Json<Category>, ApiError> {
    policy::require(user.is_admin, "administrators")?;
    let mut errors = FieldErrors::default();
    let (name, colour) = name_and_colour(&mut errors, &request.name, &request.colour);
    errors.into_result()?;
    let category = Category { slug, name, colour };
    let before = categories::all(state.store.pool())
        .await?
        .into_iter()
        .find(|old| old.slug == category.slug);
    if !categories::update(state.store.pool(), &category, request.position).await? {
        return Err(ApiError::not_found(format!("Category {}", category.slug)));
    }
    let subject = format!("category:{}", category.slug);
    Log::new(&state, &user, None, "category.update", subject)
        .before(&before)
        .after(&category)
        .save()
        .await?;
    Ok(Json(category))
}

fn is_slug(slug: &str) -> bool {
    let bytes = slug.as_bytes();
    bytes.len() <= 32
        && bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// The trimmed name and the lower-cased colour; the colour must carry white text.
fn name_and_colour(errors: &mut FieldErrors, name: &str, colour: &str) -> (String, String) {
    let name = text::required(errors, "name", name, CATEGORY_NAME_MAX_CHARS);
    // Exactly `#rrggbb`, as the document's pattern says.
    let colour = colour.to_ascii_lowercase();
    match contrast_with_white_text(&colour) {
        None => errors.add("colour", codes::INVALID, "A colour is written #rrggbb."),
        Some(ratio) if ratio < 4.5 => errors.add(
            "colour",
            codes::LOW_CONTRAST,
            format!("White text on this colour has a contrast of {ratio:.1}:1; at least 4.5:1 is needed, so choose a darker colour."),
        ),
        Some(_) => {}
    }
    (name.to_owned(), colour)
}
