//! The audit log: every write by staff, a team's leader or an administrator is recorded by its
//! handler ([`Log`]: who, when, the site, the action, its subject, the subject before and after
//! as the API shows it) — in the write's transaction for the site tree and a new team, right
//! after the write for the others; a write that changed nothing (publishing again) records
//! nothing —
//! and administrators read it, newest first, filtered by site and by person
//! (`GET /api/v1/audit`).

use axum::extract::{Query, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use station_wire::audit::AuditEntry;
use station_wire::page::Page;
use station_wire::sites::SiteRef;

use super::paging::IdPage;
use crate::auth::{policy, AuthUser};
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;
use crate::store::audit::{self, AuditFilter, Entry};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(audit_log))
}

/// One write about to be recorded: `Log::new(…).before(&old).after(&new).save().await?`.
pub struct Log<'a> {
    state: &'a AppState,
    entry: Entry<'a>,
}

impl<'a> Log<'a> {
    /// `action` like `activity.update`; `subject` like `activity:12`; `site` the site the write
    /// concerns.
    pub fn new(
        state: &'a AppState,
        user: &AuthUser,
        site: Option<i64>,
        action: &'a str,
        subject: String,
    ) -> Self {
        Log {
            state,
            entry: Entry {
                at: state.time.now_unix(),
                account_id: user.account_id,
                site_id: site,
                action,
                subject,
                before: None,
                after: None,
            },
        }
    }

    pub fn before(mut self, value: &impl Serialize) -> Self {
        self.entry.before = serde_json::to_string(value).ok();
        self
    }

    pub fn after(mut self, value: &impl Serialize) -> Self {
        self.entry.after = serde_json::to_string(value).ok();
        self
    }

    pub async fn save(self) -> Result<(), ApiError> {
        audit::record(self.state.store.pool(), &self.entry).await?;
        Ok(())
    }

    /// Recorded in the write's own transaction: both stand or neither does.
    pub async fn save_in(
        self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    ) -> Result<(), ApiError> {
        audit::record(&mut **tx, &self.entry).await?;
        Ok(())
    }
}

/// The filters of `GET /api/v1/audit`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only writes about this site.
    pub site: Option<i64>,
    /// Only writes by this account.
    pub account: Option<i64>,
    /// 1–200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// A `next_cursor` from an earlier page (opaque; empty: the first page).
    pub cursor: Option<String>,
}

/// The audit log, newest first: for administrators.
#[utoipa::path(get, path = "/api/v1/audit", tag = "sites",
    params(AuditQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of entries, newest first", body = Page<AuditEntry>),
        (status = 400, description = "`limit` out of range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`cursor`: not from an earlier page", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn audit_log(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<AuditEntry>>, ApiError> {
    policy::require(user.is_admin, "administrators")?;
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    let page = IdPage::read(query.limit, query.cursor.as_deref(), &mut errors);
    errors.into_result()?;
    let rows = audit::list(
        state.store.pool(),
        &AuditFilter {
            site: query.site,
            account: query.account,
            before_id: page.before_id,
            limit: page.fetch(),
        },
    )
    .await?;
    let (rows, next_cursor) = page.finish(rows, |row| row.id);
    let parse = |json: Option<String>| json.and_then(|text| serde_json::from_str(&text).ok());
    let items = rows
        .into_iter()
        .map(|row| AuditEntry {
            id: row.id,
            at: state.time.to_wire(row.at),
            actor_id: row.account_id,
            actor_name: row.actor_name,
            site: row
                .site_id
                .zip(row.site_name)
                .map(|(id, name)| SiteRef { id, name }),
            action: row.action,
            subject: row.subject,
            before: parse(row.before_json),
            after: parse(row.after_json),
        })
        .collect();
    Ok(Json(Page { items, next_cursor }))
}
