//! Records: a volunteer's service certificate (志愿服务证明) from their confirmed hours, and
//! staff's CSV reports — one resident's hours, a site's month by category, and the 点单 orders
//! and 微心愿 wishes of a range of days.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Json;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use station_wire::orders::OrderStatus;
use station_wire::problem::codes;
use station_wire::reports::{Certificate, CertificateEntry, EXPORT_MAX_DAYS, EXPORT_MAX_ROWS};
use station_wire::sites::SiteRef;
use station_wire::wishes::{WishCategory, WishStatus};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::accounts::residents::resident_of;
use super::accounts::validate;
use super::query::{parse_date, Pairs};
use crate::auth::policy::{self, StaffScope};
use crate::auth::AuthUser;
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;
use crate::store::{accounts, orders, reports, sites, wishes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(certificate))
        .routes(routes!(hours_csv))
        .routes(routes!(monthly_csv))
        .routes(routes!(orders_csv))
        .routes(routes!(wishes_csv))
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

/// The parameters of the exports of orders and of wishes.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// Only this site and the sites below it (one the caller runs). Absent: every site the
    /// caller runs (an administrator: every site).
    pub site_id: Option<i64>,
    /// The first day (`YYYY-MM-DD`), in the station's zone.
    #[param(value_type = String, format = Date, example = "2026-11-01")]
    pub from: String,
    /// The last day, inclusive; at most 366 days with `from`.
    #[param(value_type = String, format = Date, example = "2026-11-30")]
    pub to: String,
}

/// What an export covers: the sites (and those below them; `None`: every site), the days, and
/// their bounds in unix seconds, `[start, end)`.
struct Export {
    sites: Option<Vec<i64>>,
    from: NaiveDate,
    to: NaiveDate,
    start: i64,
    end: i64,
}

/// A required day of the query, else its error added.
fn required_day(pairs: &Pairs, name: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    match pairs.value(name) {
        None => {
            errors.add(
                name,
                codes::REQUIRED,
                format!("`{name}` is required (YYYY-MM-DD)."),
            );
            None
        }
        Some(text) => parse_date(text).or_else(|| {
            errors.add(
                name,
                codes::INVALID_DATE,
                format!("`{name}` must be a date like 2026-11-01."),
            );
            None
        }),
    }
}

/// The export's sites and days: every bad parameter named at once (400 for one the document
/// forbids; 422 for `to` before `from` or too far after it), then 404 for an unknown site and
/// 403 for one the caller does not run (or for a caller who runs none).
async fn export_of(
    state: &AppState,
    user: &AuthUser,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Export, ApiError> {
    let Query(pairs) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let pairs = Pairs(&pairs);
    let mut errors = FieldErrors::default();
    let site = match pairs.value("site_id").map(str::parse::<i64>) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => {
            errors.add(
                "site_id",
                codes::INVALID,
                "`site_id` must be a site id (a whole number).",
            );
            None
        }
    };
    let from = required_day(&pairs, "from", &mut errors);
    let to = required_day(&pairs, "to", &mut errors);
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            errors.add_given_state("to", codes::OUT_OF_RANGE, "`to` must not be before `from`.");
        } else if (to - from).num_days() + 1 > EXPORT_MAX_DAYS {
            errors.add_given_state(
                "to",
                codes::OUT_OF_RANGE,
                format!(
                    "An export spans at most {EXPORT_MAX_DAYS} days, `from` and `to` included."
                ),
            );
        }
    }
    errors.into_result()?;
    let (Some(from), Some(to)) = (from, to) else {
        return Err(ApiError::BadRequest("invalid query".to_owned()));
    };
    let pool = state.store.pool();
    // As for a month: an archived site keeps its history; an unknown one has none.
    if let Some(site) = site {
        if !sites::exists(pool, site).await? {
            return Err(ApiError::not_found(format!("Site {site}")));
        }
    }
    let sites = StaffScope::queue_sites(pool, user, site).await?;
    let end = to
        .succ_opt()
        .map_or(i64::MAX, |next| state.time.day_start(next));
    Ok(Export {
        sites,
        from,
        to,
        start: state.time.day_start(from),
        end,
    })
}

/// At most [`EXPORT_MAX_ROWS`] rows, else a 422 that says to export a shorter range (never a
/// file cut short).
/// A file of residents' addresses, phones or full names leaves the station: who took which.
async fn logged(
    state: &AppState,
    user: &AuthUser,
    action: &'static str,
    export: &Export,
) -> Result<(), ApiError> {
    let subject = format!("{}..{}", export.from, export.to);
    crate::api::audit::Log::new(state, user, None, action, subject)
        // An object, as every entry's `after` (absent `sites`: every site, an administrator's).
        .after(&serde_json::json!({ "sites": export.sites }))
        .save()
        .await
}

fn bounded<T>(rows: Vec<T>, what: &str, export: &Export) -> Result<Vec<T>, ApiError> {
    if rows.len() > EXPORT_MAX_ROWS {
        return Err(ApiError::invalid_given_state(
            "to",
            codes::OUT_OF_RANGE,
            format!(
                "More than {EXPORT_MAX_ROWS} {what} from {} to {}: export a shorter range.",
                export.from, export.to
            ),
        ));
    }
    Ok(rows)
}

/// One more than an export may hold: to tell a full range from one with too many rows.
fn fetch_limit() -> i64 {
    i64::try_from(EXPORT_MAX_ROWS).map_or(i64::MAX, |rows| rows + 1)
}

/// A moment as an export shows it: `YYYY-MM-DD HH:MM` in the station's zone.
fn minute(state: &AppState, unix_seconds: i64) -> String {
    state
        .time
        .to_wire(unix_seconds)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn order_status_words(slug: &str) -> &str {
    match OrderStatus::from_slug(slug) {
        Some(OrderStatus::Submitted) => "待审核",
        Some(OrderStatus::Open) => "待派单",
        Some(OrderStatus::Rejected) => "未通过",
        Some(OrderStatus::Dispatched) => "已派单",
        Some(OrderStatus::Accepted) => "已接单",
        Some(OrderStatus::Completed) => "已完成",
        Some(OrderStatus::Rated) => "已评价",
        Some(OrderStatus::Cancelled) => "已取消",
        None => slug,
    }
}

fn wish_status_words(slug: &str) -> &str {
    match WishStatus::from_slug(slug) {
        Some(WishStatus::Submitted) => "待审核",
        Some(WishStatus::Open) => "等待认领",
        Some(WishStatus::Rejected) => "未通过",
        Some(WishStatus::Claimed) => "已认领",
        Some(WishStatus::Fulfilled) => "已实现，待确认",
        Some(WishStatus::Confirmed) => "已完成",
        Some(WishStatus::Withdrawn) => "已撤回",
        Some(WishStatus::Expired) => "已过期",
        None => slug,
    }
}

fn wish_category_words(slug: &str) -> &str {
    match WishCategory::from_slug(slug) {
        Some(WishCategory::Study) => "学习用品",
        Some(WishCategory::Daily) => "生活物品",
        Some(WishCategory::HomeService) => "上门服务",
        Some(WishCategory::Companionship) => "陪伴关怀",
        Some(WishCategory::Other) => "其他",
        None => slug,
    }
}

fn number(value: Option<i64>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

/// The 点单 orders placed from `from` to `to` (inclusive, in the station's zone) at the sites
/// the caller runs, oldest first, as CSV (UTF-8 with BOM): 编号, 站点, 服务项目, 状态, 下单时间,
/// 期望时间, 服务对象 (whom staff placed it for, else who placed it), 地址, 电话, 派往队伍,
/// 接单志愿者, 评分, 评价, 原因. For staff and administrators only: the file holds residents'
/// addresses and phones.
#[utoipa::path(get, path = "/api/v1/staff/reports/orders.csv", tag = "reports",
    params(ExportQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The orders as CSV, oldest first", content_type = "text/csv; charset=utf-8", body = String),
        (status = 400, description = "`from`/`to`: required, invalid_date; `site_id`: invalid", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`to`: out_of_range (before `from`, more than 366 days with it, or more than 10000 orders in the range)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of any site (or not of `site_id`) nor an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::NoSuchSite,
    ))]
pub async fn orders_csv(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let export = export_of(&state, &user, query).await?;
    let rows = orders::ordered_between(
        state.store.pool(),
        export.sites.as_deref(),
        export.start,
        export.end,
        fetch_limit(),
    )
    .await?;
    let rows = bounded(rows, "orders", &export)?;
    logged(&state, &user, "report.orders_export", &export).await?;
    let rows = rows.into_iter().map(|row| {
        vec![
            row.id.to_string(),
            row.site_name,
            row.service_name,
            order_status_words(&row.status).to_owned(),
            minute(&state, row.ordered_at),
            row.preferred_time,
            row.on_behalf_of.unwrap_or(row.requester_name),
            row.address,
            row.phone,
            row.team_name.unwrap_or_default(),
            row.volunteer_name.unwrap_or_default(),
            number(row.rating),
            row.comment.unwrap_or_default(),
            row.reason.unwrap_or_default(),
        ]
    });
    super::csv::file(
        &format!("orders-{}-{}.csv", export.from, export.to),
        &[
            "编号",
            "站点",
            "服务项目",
            "状态",
            "下单时间",
            "期望时间",
            "服务对象",
            "地址",
            "电话",
            "派往队伍",
            "接单志愿者",
            "评分",
            "评价",
            "原因",
        ],
        rows,
    )
}

/// The 微心愿 wishes posted from `from` to `to` (inclusive, in the station's zone) at the sites
/// the caller runs, whatever became of them, oldest first, as CSV (UTF-8 with BOM): 编号, 站点,
/// 标题, 类别, 状态, 发布时间, 截止日期, 受益人 (the full name), 年龄, 群体, 认领人, 实现时间,
/// 评分, 感谢. For staff and administrators only.
#[utoipa::path(get, path = "/api/v1/staff/reports/wishes.csv", tag = "reports",
    params(ExportQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The wishes as CSV, oldest first", content_type = "text/csv; charset=utf-8", body = String),
        (status = 400, description = "`from`/`to`: required, invalid_date; `site_id`: invalid", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`to`: out_of_range (before `from`, more than 366 days with it, or more than 10000 wishes in the range)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of any site (or not of `site_id`) nor an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::NoSuchSite,
    ))]
pub async fn wishes_csv(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let export = export_of(&state, &user, query).await?;
    let rows = wishes::posted_between(
        state.store.pool(),
        export.sites.as_deref(),
        export.start,
        export.end,
        fetch_limit(),
    )
    .await?;
    let rows = bounded(rows, "wishes", &export)?;
    logged(&state, &user, "report.wishes_export", &export).await?;
    let rows = rows.into_iter().map(|row| {
        vec![
            row.id.to_string(),
            row.site_name,
            row.title,
            wish_category_words(&row.category).to_owned(),
            wish_status_words(&row.status).to_owned(),
            minute(&state, row.posted_at),
            row.deadline,
            row.beneficiary_name,
            number(row.beneficiary_age),
            row.beneficiary_group.unwrap_or_default(),
            row.claimer_name.unwrap_or_default(),
            row.fulfilled_at
                .map(|at| minute(&state, at))
                .unwrap_or_default(),
            number(row.rating),
            row.thanks.unwrap_or_default(),
        ]
    });
    super::csv::file(
        &format!("wishes-{}-{}.csv", export.from, export.to),
        &[
            "编号",
            "站点",
            "标题",
            "类别",
            "状态",
            "发布时间",
            "截止日期",
            "受益人",
            "年龄",
            "群体",
            "认领人",
            "实现时间",
            "评分",
            "感谢",
        ],
        rows,
    )
}
