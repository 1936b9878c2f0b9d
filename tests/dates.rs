//! Day grouping and date wording: always in the offset on the wire, never the device's zone.

mod common;

use std::sync::Arc;

use chrono::{NaiveDate, Weekday};
use common::{activity, category, mount, time};
use leptos::prelude::*;
use station_app::components::{full_card, DayGroupSection};
use station_app::i18n::{
    day_heading, full_date, relative_day, time_hm, time_range, weekday_name, Locale,
};
use station_app::pages::calendar::group_by_day;
use station_wire::activities::ActivityStatus;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ZH: Locale = Locale::ZhCn;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[wasm_bindgen_test]
fn weekdays_read_zhou_yi_to_zhou_ri() {
    let names: Vec<&str> = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .map(|weekday| weekday_name(ZH, weekday))
    .collect();
    assert_eq!(
        names,
        ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    );
}

#[wasm_bindgen_test]
fn day_heading_reads_month_day_weekday() {
    assert_eq!(day_heading(ZH, date(2026, 11, 24)), "11月24日 周二");
    assert_eq!(day_heading(ZH, date(2026, 11, 30)), "11月30日 周一");
    assert_eq!(day_heading(ZH, date(2027, 1, 3)), "1月3日 周日");
    assert_eq!(full_date(ZH, date(2026, 11, 24)), "2026年11月24日 周二");
}

#[wasm_bindgen_test]
fn times_keep_the_offset_they_arrive_with() {
    // 00:30 in the station is 16:30 the day before in UTC, and another hour in the device's zone.
    let start = time("2026-11-25T00:30:00+08:00");
    let end = time("2026-11-25T02:00:00+08:00");
    assert_eq!(time_hm(&start), "00:30");
    assert_eq!(time_range(ZH, &start, &end), "00:30–02:00");
    let overnight_end = time("2026-11-26T09:00:00+08:00");
    assert_eq!(
        time_range(ZH, &start, &overnight_end),
        "00:30–11月26日 周四 09:00"
    );
}

#[wasm_bindgen_test]
fn grouping_uses_the_station_day_not_the_device_or_utc_day() {
    let activities = vec![
        activity(
            1,
            "早",
            "2026-11-24T09:00:00+08:00",
            "2026-11-24T11:00:00+08:00",
        ),
        activity(
            2,
            "晚",
            "2026-11-24T23:30:00+08:00",
            "2026-11-25T00:30:00+08:00",
        ),
        // In UTC this is still 24 November.
        activity(
            3,
            "凌晨",
            "2026-11-25T00:30:00+08:00",
            "2026-11-25T02:00:00+08:00",
        ),
        activity(
            4,
            "周末",
            "2026-11-29T10:00:00+08:00",
            "2026-11-29T11:00:00+08:00",
        ),
    ];
    let groups = group_by_day(&activities);
    let summary: Vec<(NaiveDate, Vec<i64>)> = groups
        .iter()
        .map(|group| (group.date, group.activities.iter().map(|a| a.id).collect()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (date(2026, 11, 24), vec![1, 2]),
            (date(2026, 11, 25), vec![3]),
            (date(2026, 11, 29), vec![4]),
        ]
    );
}

#[wasm_bindgen_test]
fn grouping_puts_days_in_order_even_when_pages_arrive_out_of_order() {
    let activities = vec![
        activity(
            2,
            "后",
            "2026-11-26T09:00:00+08:00",
            "2026-11-26T10:00:00+08:00",
        ),
        activity(
            1,
            "先",
            "2026-11-24T09:00:00+08:00",
            "2026-11-24T10:00:00+08:00",
        ),
    ];
    let dates: Vec<NaiveDate> = group_by_day(&activities).iter().map(|g| g.date).collect();
    assert_eq!(dates, vec![date(2026, 11, 24), date(2026, 11, 26)]);
    assert!(group_by_day(&[]).is_empty());
}

#[wasm_bindgen_test]
fn within_a_day_finished_activities_come_after_the_ones_still_to_come() {
    let at = |id, title, hour: u32, status| {
        let mut a = activity(
            id,
            title,
            &format!("2026-11-24T{hour:02}:00:00+08:00"),
            &format!("2026-11-24T{:02}:00:00+08:00", hour + 1),
        );
        a.status = status;
        a
    };
    let activities = vec![
        at(1, "早上义诊", 8, ActivityStatus::Finished),
        at(2, "上午宣讲", 10, ActivityStatus::Finished),
        at(3, "下午读书会", 15, ActivityStatus::Open),
        at(4, "晚上巡逻", 19, ActivityStatus::Full),
        at(5, "取消的活动", 20, ActivityStatus::Cancelled),
    ];
    let ids: Vec<i64> = group_by_day(&activities)[0]
        .activities
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids, vec![3, 4, 5, 1, 2]);
}

#[wasm_bindgen_test]
fn within_a_day_what_one_can_join_comes_before_what_one_cannot() {
    let at = |id, hour: u32, status| {
        let mut a = activity(
            id,
            "活动",
            &format!("2026-11-24T{hour:02}:00:00+08:00"),
            &format!("2026-11-24T{:02}:00:00+08:00", hour + 1),
        );
        a.status = status;
        a
    };
    let activities = vec![
        at(1, 7, ActivityStatus::Finished),
        at(2, 8, ActivityStatus::Full),
        at(3, 9, ActivityStatus::Closed),
        at(4, 10, ActivityStatus::Open),
        at(5, 11, ActivityStatus::Open),
    ];
    let ids: Vec<i64> = group_by_day(&activities)[0]
        .activities
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids, vec![4, 5, 2, 3, 1]);
}

#[wasm_bindgen_test]
fn today_and_tomorrow_come_from_the_station_clock() {
    let today = time("2026-11-24T23:59:00+08:00").date_naive();
    assert_eq!(relative_day(ZH, date(2026, 11, 24), today), Some("今天"));
    assert_eq!(relative_day(ZH, date(2026, 11, 25), today), Some("明天"));
    assert_eq!(relative_day(ZH, date(2026, 11, 26), today), None);
    assert_eq!(relative_day(ZH, date(2026, 11, 23), today), None);
}

#[wasm_bindgen_test]
fn a_day_group_has_a_heading_with_the_today_mark_and_one_card_per_activity() {
    let categories: Arc<[_]> = vec![category("elderly", "助老帮困", "#d6452f")].into();
    let activities = vec![
        activity(
            1,
            "义诊进社区",
            "2026-11-24T09:00:00+08:00",
            "2026-11-24T11:00:00+08:00",
        ),
        activity(
            2,
            "上门理发",
            "2026-11-24T14:00:00+08:00",
            "2026-11-24T16:00:00+08:00",
        ),
    ];
    let mounted = mount(move || {
        view! {
            <DayGroupSection
                date=date(2026, 11, 24)
                activities=activities
                categories=categories
                today=Some(date(2026, 11, 24))
                card=full_card
            />
        }
    });
    let section = mounted.find("section[data-testid='day-group']");
    let heading = mounted.find("section[data-testid='day-group'] > h2");
    let heading_text = heading.text_content().unwrap();
    assert!(heading_text.contains("11月24日 周二"), "{heading_text}");
    assert!(heading_text.contains("今天"), "{heading_text}");
    let cards = mounted.find_all("li a[data-testid='activity-card']");
    assert_eq!(cards.len(), 2);
    assert_eq!(
        section.get_attribute("data-date").as_deref(),
        Some("2026-11-24")
    );
}

#[wasm_bindgen_test]
fn a_day_group_other_than_today_or_tomorrow_has_no_mark() {
    let mounted = mount(move || {
        view! {
            <DayGroupSection
                date=date(2026, 11, 27)
                activities=vec![
                    activity(5, "剪纸", "2026-11-27T15:00:00+08:00", "2026-11-27T17:00:00+08:00"),
                ]
                categories=Arc::from(Vec::new())
                today=Some(date(2026, 11, 24))
                card=full_card
            />
        }
    });
    let heading = mounted.find("h2").text_content().unwrap();
    assert_eq!(heading.trim(), "11月27日 周五");
}
