//! `GET /api/v1/days`: the festivals and volunteer days of a range, for the calendar to mark.
//! The lunar ones (春节, 元宵, 端午, 中秋, 重阳, 腊八, 除夕) come from the
//! `chinese-lunisolar-calendar` crate's tables (1901–2100), 清明 from the almanacs' formula, so
//! the app carries no tables of its own.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use chinese_lunisolar_calendar::LunisolarDate;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use station_wire::days::{keys, Day, DayKind, DayList, MAX_DAYS_RANGE};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::query::{DayRange, Pairs};
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_days))
}

/// The parameters of `GET /api/v1/days`.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DaysQuery {
    /// First day (`YYYY-MM-DD`), 1901-01-01 or later. Default: today in the station's zone.
    #[param(value_type = Option<String>, format = Date, example = "2027-02-01")]
    pub from: Option<String>,
    /// Last day, inclusive, 2099-12-31 or earlier. Default: `from` + 30 days; at most 366
    /// days after `from`.
    #[param(value_type = Option<String>, format = Date, example = "2027-02-28")]
    pub to: Option<String>,
}

/// The marked days from `from` to `to`, by date.
#[utoipa::path(get, path = "/api/v1/days", tag = "activities",
    params(DaysQuery),
    responses(
        (status = 200, description = "The marked days of the range", body = DayList),
        (status = 400, description = "`from`/`to`: invalid_date", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`to`: out_of_range (before `from`, or more than 366 days after it); `from`/`to`: out_of_range (before 1901 or after 2099)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_days(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<DayList>, ApiError> {
    let Query(pairs) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    let range = DayRange {
        default_days: 30,
        max_days: MAX_DAYS_RANGE,
        within: Some(first_day()..=last_day()),
    };
    let read = range.read(&Pairs(&pairs), state.time.today(), &mut errors);
    errors.into_result()?;
    let Some((from, to)) = read else {
        return Err(ApiError::BadRequest("invalid query".to_owned()));
    };
    Ok(Json(DayList {
        items: days_between(from, to),
    }))
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1901, 1, 1).expect("a date")
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2099, 12, 31).expect("a date")
}

/// The marked days from `from` to `to` (inclusive), by date.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> Vec<Day> {
    let mut days: Vec<Day> = (from.year()..=to.year())
        .flat_map(days_of_year)
        .filter(|day| (from..=to).contains(&day.date))
        .collect();
    days.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.key.cmp(&b.key)));
    days
}

/// Days on the same date every year.
const FIXED: &[(u32, u32, &str, DayKind, &str)] = &[
    (1, 1, keys::NEW_YEAR, DayKind::Festival, "元旦"),
    (3, 5, keys::LEI_FENG_DAY, DayKind::Volunteer, "学雷锋纪念日"),
    (3, 12, keys::ARBOR_DAY, DayKind::Commemoration, "植树节"),
    (5, 1, keys::LABOUR_DAY, DayKind::Festival, "劳动节"),
    (5, 4, keys::YOUTH_DAY, DayKind::Commemoration, "五四青年节"),
    (6, 1, keys::CHILDRENS_DAY, DayKind::Commemoration, "儿童节"),
    (7, 1, keys::PARTY_DAY, DayKind::Commemoration, "建党节"),
    (8, 1, keys::ARMY_DAY, DayKind::Commemoration, "建军节"),
    (9, 10, keys::TEACHERS_DAY, DayKind::Commemoration, "教师节"),
    (10, 1, keys::NATIONAL_DAY, DayKind::Festival, "国庆节"),
    (
        12,
        5,
        keys::VOLUNTEER_DAY,
        DayKind::Volunteer,
        "国际志愿者日",
    ),
];

/// Days on a date of the Chinese calendar (never in a leap month).
const LUNAR: &[(u8, u8, &str, &str)] = &[
    (1, 1, keys::SPRING_FESTIVAL, "春节"),
    (1, 15, keys::LANTERN_FESTIVAL, "元宵节"),
    (5, 5, keys::DRAGON_BOAT, "端午节"),
    (8, 15, keys::MID_AUTUMN, "中秋节"),
    (9, 9, keys::DOUBLE_NINTH, "重阳节"),
    (12, 8, keys::LABA, "腊八节"),
];

fn day(date: NaiveDate, key: &str, kind: DayKind, name: &str) -> Day {
    Day {
        date,
        key: key.to_owned(),
        kind,
        name: name.to_owned(),
    }
}

/// The Gregorian date of a day of the Chinese year that starts in `year` (not a leap month).
fn lunar(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    let year = u16::try_from(year).ok()?;
    LunisolarDate::from_ymd(year, month, false, day)
        .ok()
        .map(LunisolarDate::to_naive_date)
}

/// 清明, the solar term, by the almanacs' formula (寿星公式) for 1901–2099.
fn qingming(year: i32) -> Option<NaiveDate> {
    let (y, c) = match year {
        1901..=1999 => (year - 1900, 5.59),
        2000..=2099 => (year - 2000, 4.81),
        _ => return None,
    };
    let dom = (f64::from(y) * 0.2422 + c).floor() as i32 - y / 4;
    NaiveDate::from_ymd_opt(year, 4, u32::try_from(dom).ok()?)
}

/// The marked days whose date falls in the Gregorian `year`.
fn days_of_year(year: i32) -> Vec<Day> {
    let mut days: Vec<Day> = FIXED
        .iter()
        .filter_map(|&(month, dom, key, kind, name)| {
            NaiveDate::from_ymd_opt(year, month, dom).map(|date| day(date, key, kind, name))
        })
        .collect();
    // A lunar date of the Chinese year that starts in `year`, or of the one before (腊八 may
    // fall in January), kept when it lands in `year`.
    for chinese_year in [year - 1, year] {
        for &(month, dom, key, name) in LUNAR {
            if let Some(date) = lunar(chinese_year, month, dom) {
                if date.year() == year {
                    days.push(day(date, key, DayKind::Festival, name));
                }
            }
        }
    }
    // 除夕: the day before 春节, whether the twelfth month has 29 days or 30.
    if let Some(spring) = lunar(year, 1, 1) {
        let eve = spring - Duration::days(1);
        if eve.year() == year {
            days.push(day(
                eve,
                keys::SPRING_FESTIVAL_EVE,
                DayKind::Festival,
                "除夕",
            ));
        }
    }
    if let Some(date) = qingming(year) {
        days.push(day(date, keys::QINGMING, DayKind::Festival, "清明节"));
    }
    // 全国助残日: the third Sunday of May.
    if let Some(date) = NaiveDate::from_weekday_of_month_opt(year, 5, Weekday::Sun, 3) {
        days.push(day(
            date,
            keys::DISABILITY_DAY,
            DayKind::Volunteer,
            "全国助残日",
        ));
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates_of(key: &str, years: std::ops::RangeInclusive<i32>) -> Vec<String> {
        let from = NaiveDate::from_ymd_opt(*years.start(), 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(*years.end(), 12, 31).unwrap();
        days_between(from, to)
            .into_iter()
            .filter(|day| day.key == key)
            .map(|day| day.date.to_string())
            .collect()
    }

    /// Against the dates the State Council's holiday notices and the almanacs publish.
    #[test]
    fn lunar_festivals_fall_on_their_published_dates() {
        assert_eq!(
            dates_of(keys::SPRING_FESTIVAL, 2023..=2028),
            [
                "2023-01-22",
                "2024-02-10",
                "2025-01-29",
                "2026-02-17",
                "2027-02-06",
                "2028-01-26"
            ]
        );
        assert_eq!(
            dates_of(keys::SPRING_FESTIVAL_EVE, 2024..=2026),
            ["2024-02-09", "2025-01-28", "2026-02-16"]
        );
        assert_eq!(
            dates_of(keys::LANTERN_FESTIVAL, 2024..=2026),
            ["2024-02-24", "2025-02-12", "2026-03-03"]
        );
        assert_eq!(
            dates_of(keys::DRAGON_BOAT, 2023..=2026),
            ["2023-06-22", "2024-06-10", "2025-05-31", "2026-06-19"]
        );
        assert_eq!(
            dates_of(keys::MID_AUTUMN, 2023..=2026),
            ["2023-09-29", "2024-09-17", "2025-10-06", "2026-09-25"]
        );
        assert_eq!(
            dates_of(keys::DOUBLE_NINTH, 2023..=2026),
            ["2023-10-23", "2024-10-11", "2025-10-29", "2026-10-18"]
        );
        assert_eq!(
            dates_of(keys::QINGMING, 2019..=2028),
            [
                "2019-04-05",
                "2020-04-04",
                "2021-04-04",
                "2022-04-05",
                "2023-04-05",
                "2024-04-04",
                "2025-04-04",
                "2026-04-05",
                "2027-04-05",
                "2028-04-04"
            ]
        );
        assert_eq!(
            dates_of(keys::LABA, 2025..=2026),
            ["2025-01-07", "2026-01-26"]
        );
        assert_eq!(
            dates_of(keys::QINGMING, 2007..=2008),
            ["2007-04-05", "2008-04-04"]
        );
    }

    #[test]
    fn fixed_days_and_the_third_sunday_of_may() {
        assert_eq!(dates_of(keys::VOLUNTEER_DAY, 2026..=2026), ["2026-12-05"]);
        assert_eq!(dates_of(keys::LEI_FENG_DAY, 2027..=2027), ["2027-03-05"]);
        assert_eq!(
            dates_of(keys::DISABILITY_DAY, 2025..=2026),
            ["2025-05-18", "2026-05-17"]
        );
    }

    #[test]
    fn a_range_keeps_its_ends_and_every_year_has_each_day_once() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let keys_of = |days: Vec<Day>| days.into_iter().map(|d| d.key).collect::<Vec<_>>();
        assert_eq!(keys_of(days_between(day, day)), [keys::VOLUNTEER_DAY]);
        for year in 1901..=2099 {
            let days = days_of_year(year);
            let count = |key: &str| days.iter().filter(|day| day.key == key).count();
            // 腊八 falls in late December or in January: some years have none, some two.
            assert!(count(keys::LABA) <= 2, "{year}");
            let others = days.len() - count(keys::LABA);
            assert_eq!(
                others,
                FIXED.len() + LUNAR.len() - 1 + 3,
                "{year}: {days:?}"
            );
            let mut unique: Vec<&str> = days.iter().map(|d| d.key.as_str()).collect();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(
                unique.len() + count(keys::LABA).saturating_sub(1),
                days.len(),
                "{year}"
            );
        }
    }
}
