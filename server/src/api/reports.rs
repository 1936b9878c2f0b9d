//! Records: a volunteer's service certificate (志愿服务证明) from their confirmed hours, and
//! staff's CSV reports — one resident's hours, and a site's month by category.

use axum::extract::{Query, State};
use axum::response::Response;
use axum::Json;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use station_wire::problem::codes;
use station_wire::reports::{Certificate, CertificateEntry};
use station_wire::sites::SiteRef;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::accounts::residents::resident_of;
use super::accounts::validate;
use crate::auth::policy::{self, StaffScope};
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{accounts, reports, sites};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(certificate))
        .routes(routes!(hours_csv))
        .routes(routes!(monthly_csv))
}

/// One's service certificate: every activity whose hours staff confirmed, with who confirmed
/// them, and the total — to print or save from 我的.
#[utoipa::path(get, path = "/api/v1/me/certificate", tag = "reports",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The certificate", body = Certificate),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn certificate(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Certificate>, ApiError> {
    let pool = state.store.pool();
    let account = accounts::by_id(pool, user.account_id)
        .await?
        .ok_or_else(|| ApiError::Unauthorized("The account no longer exists.".to_owned()))?;
    let site = match account.site_id {
        Some(id) => sites::by_id(pool, id).await?.map(|site| SiteRef {
            id,
            name: site.name,
        }),
        None => None,
    };
    let entries: Vec<CertificateEntry> = reports::served(pool, user.account_id)
        .await?
        .into_iter()
        .map(|row| CertificateEntry {
            activity_id: row.activity_id,
            title: row.title,
            date: state.time.to_wire(row.starts_at).date_naive(),
            site_name: row.site_name,
            minutes: row.minutes,
            confirmed_by: row.confirmed_by,
        })
        .collect();
    Ok(Json(Certificate {
        display_name: account.display_name,
        site,
        issued_on: state.time.today(),
        total_minutes: entries.iter().map(|entry| entry.minutes).sum(),
        entries,
    }))
}

/// Hours to the nearest tenth, as 我的 shows them, in a form Excel sums: `100` minutes → `1.7`.
fn hours(minutes: i64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HoursQuery {
    /// The resident's mobile number (a resident of one of the caller's sites).
    #[param(pattern = r"^1[3-9][0-9]{9}$")]
    pub phone: String,
}

/// One resident's confirmed hours at the caller's sites as CSV (UTF-8 with BOM): 日期, 活动, 站点,
/// 时长（小时）, 确认人, and a 合计 row. For staff of the resident's site and administrators;
/// hours served at other institutes' sites are theirs to report (the resident's own certificate
/// has them all).
#[utoipa::path(get, path = "/api/v1/staff/reports/hours.csv", tag = "reports",
    params(HoursQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The hours as CSV", content_type = "text/csv; charset=utf-8", body = String),
        (status = 400, description = "`phone`: required or invalid", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`phone`: unknown (no resident of the caller's sites signs in with it)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of any site nor an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn hours_csv(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<HoursQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let pool = state.store.pool();
    let scope = StaffScope::of(pool, &user).await?;
    policy::require(!scope.is_empty(), "staff")?;
    let Query(query) = query.map_err(|_| {
        ApiError::invalid(
            "phone",
            codes::REQUIRED,
            "The resident's phone is required.",
        )
    })?;
    validate::phone(&query.phone)?;
    let unknown = || {
        ApiError::invalid(
            "phone",
            codes::UNKNOWN,
            "No resident of your sites signs in with this number.",
        )
    };
    let account = accounts::by_phone(pool, &query.phone)
        .await?
        .ok_or_else(unknown)?;
    let account = resident_of(&state, &scope, account)
        .await
        .map_err(|_| unknown())?;
    let served: Vec<_> = reports::served(pool, account.id)
        .await?
        .into_iter()
        .filter(|row| scope.covers(row.site_id))
        .collect();
    let total: i64 = served.iter().map(|row| row.minutes).sum();
    let mut rows: Vec<Vec<String>> = served
        .into_iter()
        .map(|row| {
            vec![
                state
                    .time
                    .to_wire(row.starts_at)
                    .format("%Y-%m-%d")
                    .to_string(),
                row.title,
                row.site_name,
                hours(row.minutes),
                row.confirmed_by.unwrap_or_default(),
            ]
        })
        .collect();
    rows.push(vec![
        "合计".into(),
        account.display_name,
        String::new(),
        hours(total),
        String::new(),
    ]);
    super::csv::file(
        &format!("hours-{}.csv", account.id),
        &["日期", "活动", "站点", "时长（小时）", "确认人"],
        rows,
    )
}

/// The first day of a `YYYY-MM` month: four digits, `-`, two digits, nothing else.
fn month_start(month: &str) -> Option<NaiveDate> {
    let bytes = month.as_bytes();
    let shaped = bytes.len() == 7
        && bytes[4] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, byte)| i == 4 || byte.is_ascii_digit());
    if !shaped {
        return None;
    }
    NaiveDate::from_ymd_opt(month[..4].parse().ok()?, month[5..].parse().ok()?, 1)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthlyQuery {
    /// The site; its sites below are counted too.
    pub site: i64,
    /// `YYYY-MM`, in the station's zone.
    #[param(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub month: String,
}

/// A site's month (and the sites below it) as CSV (UTF-8 with BOM), one row per service
/// category: 类别, 活动（场）, 志愿者（人）, 服务时长（小时）, then 合计 (a volunteer counted
/// once). Activities held: published, not cancelled, starting in the month; volunteers and
/// hours: those confirmed. For staff of the site and administrators.
#[utoipa::path(get, path = "/api/v1/staff/reports/monthly.csv", tag = "reports",
    params(MonthlyQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The month as CSV", content_type = "text/csv; charset=utf-8", body = String),
        (status = 400, description = "`site` or `month` missing or malformed (`month`: YYYY-MM)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of the site nor an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::NoSuchSite,
    ))]
pub async fn monthly_csv(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<MonthlyQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let first_day = month_start(&query.month)
        .ok_or_else(|| ApiError::invalid("month", codes::INVALID, "`month` is YYYY-MM."))?;
    let pool = state.store.pool();
    // An archived site keeps its history, so its month can be read; an unknown one has none.
    if !sites::exists(pool, query.site).await? {
        return Err(ApiError::not_found(format!("Site {}", query.site)));
    }
    let scope = StaffScope::of(pool, &user).await?;
    policy::require(scope.covers(query.site), "staff of this site")?;
    let next_month = if first_day.month() == 12 {
        NaiveDate::from_ymd_opt(first_day.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first_day.year(), first_day.month() + 1, 1)
    }
    .ok_or_else(|| ApiError::invalid("month", codes::INVALID, "`month` is out of range."))?;
    let (from, to) = (
        state.time.day_start(first_day),
        state.time.day_start(next_month),
    );
    let (by_category, total) = reports::month(pool, query.site, from, to).await?;
    let row = |name: String, row: &reports::MonthRow| {
        vec![
            name,
            row.activities.to_string(),
            row.volunteers.to_string(),
            hours(row.minutes),
        ]
    };
    let mut rows: Vec<Vec<String>> = by_category
        .iter()
        .map(|category| row(category.name.clone(), category))
        .collect();
    rows.push(row("合计".into(), &total));
    super::csv::file(
        &format!("report-{}-site-{}.csv", query.month, query.site),
        &["类别", "活动（场）", "志愿者（人）", "服务时长（小时）"],
        rows,
    )
}
