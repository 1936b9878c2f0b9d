//! 我的: the star level with progress, hours wording, and where each sign-up is listed.

mod common;

use common::{activity, mount, until};
use leptos::prelude::*;
use station_app::components::stars::{hours_text, star_level_name, star_progress};
use station_app::components::StarLevel;
use station_app::i18n::Locale;
use station_app::pages::me::{signup_group, SignupGroup};
use station_wire::activities::ActivityStatus;
use station_wire::signups::{HoursSummary, MySignup, Signup, SignupStatus};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ZH: Locale = Locale::ZhCn;

#[wasm_bindgen_test]
fn hours_read_as_hours_with_at_most_one_decimal() {
    assert_eq!(hours_text(0), "0");
    assert_eq!(hours_text(120), "2");
    assert_eq!(hours_text(150), "2.5");
    assert_eq!(hours_text(100), "1.7");
}

#[wasm_bindgen_test]
fn star_names_and_progress_follow_the_thresholds() {
    assert_eq!(star_level_name(ZH, 0), "尚未评星");
    assert_eq!(star_level_name(ZH, 2), "二星志愿者");
    assert_eq!(star_level_name(ZH, 5), "五星志愿者");
    // 150 h: one star, half-way from 100 to 300 is 25 %.
    let summary = HoursSummary::from_confirmed_minutes(150 * 60);
    assert_eq!(star_progress(&summary), Some(25));
    assert_eq!(
        star_progress(&HoursSummary::from_confirmed_minutes(50 * 60)),
        Some(50)
    );
    assert_eq!(
        star_progress(&HoursSummary::from_confirmed_minutes(2000 * 60)),
        None
    );
}

#[wasm_bindgen_test]
async fn the_star_view_has_icons_a_spoken_name_and_progress() {
    let mounted = mount(|| {
        view! { <StarLevel summary=HoursSummary::from_confirmed_minutes(150 * 60) /> }
    });
    until("the stars render", || {
        mounted.has("[data-testid='star-level']")
    })
    .await;
    let view = mounted.find("[data-testid='star-level']");
    assert_eq!(view.get_attribute("data-stars").as_deref(), Some("1"));
    assert_eq!(mounted.find_all(".stars__icon").len(), 5);
    assert_eq!(mounted.find_all(".stars__icon--on").len(), 1);
    let icons = mounted.find("[role='img']");
    assert_eq!(
        icons.get_attribute("aria-label").as_deref(),
        Some("一星志愿者")
    );
    assert!(mounted.text().contains("再服务 150 小时可成为二星志愿者"));
    let bar = mounted.find("[role='progressbar']");
    assert_eq!(bar.get_attribute("aria-valuenow").as_deref(), Some("25"));

    let mounted = mount(|| {
        view! { <StarLevel summary=HoursSummary::from_confirmed_minutes(1600 * 60) /> }
    });
    until("five stars", || {
        mounted.find_all(".stars__icon--on").len() == 5
    })
    .await;
    assert_eq!(mounted.find_all(".stars__icon--on").len(), 5);
    assert!(mounted.text().contains("已达到最高星级"));
    assert!(mounted.find_all("[role='progressbar']").is_empty());
}

fn mine(status: SignupStatus, activity_status: ActivityStatus) -> MySignup {
    let mut activity = activity(
        1,
        "义诊",
        "2026-11-24T14:00:00+08:00",
        "2026-11-24T16:00:00+08:00",
    );
    activity.status = activity_status;
    MySignup {
        signup: Signup {
            id: 1,
            activity_id: 1,
            account_id: 1,
            status,
            waitlist_position: (status == SignupStatus::Waitlisted).then_some(1),
            created_at: activity.starts_at,
            checked_in_at: None,
        },
        activity,
        hours: None,
    }
}

#[wasm_bindgen_test]
fn each_signup_is_listed_where_it_belongs() {
    use ActivityStatus as A;
    use SignupStatus as S;
    assert_eq!(
        signup_group(&mine(S::Confirmed, A::Open)),
        SignupGroup::Upcoming
    );
    assert_eq!(
        signup_group(&mine(S::Confirmed, A::Closed)),
        SignupGroup::Upcoming
    );
    assert_eq!(
        signup_group(&mine(S::Waitlisted, A::Full)),
        SignupGroup::Waitlist
    );
    assert_eq!(
        signup_group(&mine(S::Attended, A::Finished)),
        SignupGroup::Past
    );
    assert_eq!(signup_group(&mine(S::Attended, A::Open)), SignupGroup::Past);
    assert_eq!(
        signup_group(&mine(S::NoShow, A::Finished)),
        SignupGroup::Past
    );
    assert_eq!(
        signup_group(&mine(S::Confirmed, A::Finished)),
        SignupGroup::Past
    );
    assert_eq!(
        signup_group(&mine(S::Cancelled, A::Open)),
        SignupGroup::Hidden
    );
    assert_eq!(
        signup_group(&mine(S::Waitlisted, A::Finished)),
        SignupGroup::Hidden
    );
    // Called off by staff: told, with the reason, whether one held a place or waited for one.
    assert_eq!(
        signup_group(&mine(S::Confirmed, A::Cancelled)),
        SignupGroup::Cancelled
    );
    assert_eq!(
        signup_group(&mine(S::Waitlisted, A::Cancelled)),
        SignupGroup::Cancelled
    );
    assert_eq!(
        signup_group(&mine(S::Cancelled, A::Cancelled)),
        SignupGroup::Hidden
    );
}
