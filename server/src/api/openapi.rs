//! The OpenAPI 3.1 document, generated from the routes (`super::routes`, each handler's
//! annotation) and the wire types, served
//! at `GET /api/v1/openapi.json` and committed as `openapi/v1.json` (a test keeps them equal).

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::OpenApi;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// `401` for every endpoint that needs a session, named once: `responses(..., Unauthorized)`.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 401,
    description = "No valid session",
    content_type = "application/problem+json"
)]
pub struct Unauthorized(#[allow(dead_code)] station_wire::problem::Problem);

/// `403` for a team's members: the one refusal of every members endpoint but joining.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 403,
    description = "Not the team's leader, staff of its site nor an administrator",
    content_type = "application/problem+json"
)]
pub struct NotTeamManager(#[allow(dead_code)] station_wire::problem::Problem);

/// `404` for a path's team id.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 404,
    description = "No such team",
    content_type = "application/problem+json"
)]
pub struct NoSuchTeam(#[allow(dead_code)] station_wire::problem::Problem);

/// `404` for a path's activity id.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 404,
    description = "No such activity",
    content_type = "application/problem+json"
)]
pub struct NoSuchActivity(#[allow(dead_code)] station_wire::problem::Problem);

/// `404` for a path's site id (archived sites included).
#[derive(utoipa::IntoResponses)]
#[response(
    status = 404,
    description = "No such site",
    content_type = "application/problem+json"
)]
pub struct NoSuchSite(#[allow(dead_code)] station_wire::problem::Problem);

/// `400` for a path id that is not a whole number (`errors` names `id`).
#[derive(utoipa::IntoResponses)]
#[response(
    status = 400,
    description = "The path id is not a whole number (`errors` names `id`)",
    content_type = "application/problem+json"
)]
pub struct Invalid(#[allow(dead_code)] station_wire::problem::Problem);

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Civilization practice station API",
        description = "The HTTP+JSON contract between the station app (新时代文明实践站) and any \
compatible backend. Times are RFC 3339 with the station's offset; names are snake_case. Every error \
is an RFC 9457 problem (`application/problem+json`) with a stable `type`; validation problems name \
each bad field with a stable `code`. Lists are cursor-paginated: pass `limit` (1–200, default 50) and \
follow `next_cursor` with `cursor` until it is absent. Every `GET` answered 200 carries a weak `ETag`; \
sent back in `If-None-Match`, it is answered `304 Not Modified` without a body while the answer is \
unchanged. Every read is to be revalidated before use (`Cache-Control: no-cache`); an answer to a \
request with a session is also `private`.",
        license(name = "MIT"),
    ),
    components(schemas(
        station_wire::problem::Problem,
        station_wire::problem::FieldError,
        station_wire::activities::ActivityStatus,
        station_wire::accounts::Role,
        station_wire::signups::SignupStatus,
        station_wire::signups::HoursStatus,
        station_wire::wishes::WishShelf,
    )),
    modifiers(&BearerScheme),
    tags(
        (name = "station", description = "Who the backend is, its clock and health"),
        (name = "sites", description = "The tree of practice sites: 中心 → 所 → 站"),
        (name = "activities", description = "The activity calendar and its categories"),
        (name = "signups", description = "Sign-ups (报名), the waitlist (候补) and rosters"),
        (name = "feeds", description = "iCalendar (RFC 5545): an activity's .ics, a site's feed, one's own feed at a secret address"),
        (name = "checkin", description = "Check-in (签到) by rotating QR code or by hand"),
        (name = "hours", description = "Service hours (服务时长) and star levels (星级)"),
        (name = "teams", description = "Volunteer teams (志愿服务队): directory, joining, members"),
        (name = "wishes", description = "微心愿: small wishes posted, reviewed, claimed (认领), fulfilled and confirmed; beneficiaries masked for everyone but the parties"),
        (name = "orders", description = "点单 → 派单 → 接单 → 评单: the service menu, orders dispatched to a team, accepted by one member, completed and rated; the address and phone for staff and the assigned volunteer only"),
        (name = "screens", description = "The display screen (大屏): one combined answer per refresh for an unattended board in a hall — nothing personal in it — and staff's view of each screen's heartbeat"),
        (name = "accounts", description = "Accounts and sessions: register, sign in and out, roles; send `Authorization: Bearer <token>`"),
    )
)]
struct ApiDoc;

/// The `bearer` security scheme: `Authorization: Bearer <token>` from `POST /api/v1/sessions`.
struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    // The paths come from the routes themselves: an endpoint that is routed is documented.
    let mut document = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(super::routes())
        .into_openapi();
    document.info.version = station_wire::API_VERSION.to_owned();
    state_every_refusal(&mut document);
    let mut json = document
        .to_pretty_json()
        .expect("the OpenAPI document serializes");
    json.push('\n');
    json
});

/// Every operation that reads a path id, a query or a body may answer 400 (a value the document
/// does not allow: an id past the 64-bit range, a body that is not JSON, a missing field); one
/// that reads a query or a body may answer 422 (`ApiError::Unprocessable`); every one that needs
/// a session may answer 401; every GET may answer 304 (`api::etag`). Stated on each here, so that
/// the document names every status the server answers without each handler repeating them.
fn state_every_refusal(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build()
    };
    for get in document
        .paths
        .paths
        .values_mut()
        .filter_map(|item| item.get.as_mut())
    {
        get.responses.responses.insert(
            "304".to_owned(),
            ResponseBuilder::new()
                .description("Not modified: `If-None-Match` names this answer's `ETag`")
                .build()
                .into(),
        );
    }
    for item in document.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            let reads_input = operation.request_body.is_some()
                || operation.parameters.as_ref().is_some_and(|p| !p.is_empty());
            let responses = &mut operation.responses.responses;
            if reads_input && !responses.contains_key("400") {
                responses.insert(
                    "400".to_owned(),
                    problem(
                        "A value the document does not allow (the problem's `errors` name each \
                         field), or a body that is not JSON",
                    )
                    .into(),
                );
            }
            let reads_query_or_body = operation.request_body.is_some()
                || operation.parameters.as_ref().is_some_and(|parameters| {
                    parameters
                        .iter()
                        .any(|p| p.parameter_in == utoipa::openapi::path::ParameterIn::Query)
                });
            if reads_query_or_body && !responses.contains_key("422") {
                responses.insert(
                    "422".to_owned(),
                    problem(
                        "The request fits this document, but not the station as it is: a field \
                         names a site, team, category or account that does not exist, a slug \
                         that is taken, an end before its start (the problem's `errors` name each)",
                    )
                    .into(),
                );
            }
            let needs_session = operation.security.as_ref().is_some_and(|s| !s.is_empty());
            if needs_session && !responses.contains_key("401") {
                responses.insert("401".to_owned(), problem("No valid session").into());
            }
        }
    }
}

/// The document as committed in `openapi/v1.json`: pretty-printed, with a trailing newline.
pub fn pretty_json() -> &'static str {
    DOCUMENT.as_str()
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(openapi_json))
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "station",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
pub async fn openapi_json() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], pretty_json())
}
