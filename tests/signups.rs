//! The sign-up button: what it says in every state, and that cancelling asks first.

mod common;

use chrono::{DateTime, FixedOffset};
use common::{activity, mount, until};
use leptos::prelude::*;
use station_app::components::signup_button::{offer_state, offer_wording, outcome_wording};
use station_app::components::{signup_offer, SignupButton, SignupOffer};
use station_app::i18n::Locale;
use station_app::session::{SessionContext, SessionState};
use station_wire::activities::{Activity, ActivityStatus};
use station_wire::signups::{Signup, SignupStatus};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const ZH: Locale = Locale::ZhCn;

fn at(rfc3339: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap()
}

fn signup(activity_id: i64, status: SignupStatus, position: Option<u32>) -> Signup {
    Signup {
        id: 100 + activity_id,
        activity_id,
        account_id: 1,
        status,
        waitlist_position: position,
        created_at: at("2026-11-20T10:00:00+08:00"),
        checked_in_at: None,
    }
}

fn sample(status: ActivityStatus, places_left: u32) -> Activity {
    let mut activity = activity(
        7,
        "义诊进社区",
        "2026-11-24T14:00:00+08:00",
        "2026-11-24T16:00:00+08:00",
    );
    activity.status = status;
    activity.places_left = places_left;
    activity
}

fn signed_in(signups: Vec<Signup>) -> SessionContext {
    let session = SessionContext::new(Some(SessionState {
        token: "t".into(),
        expires_at: at("2099-01-01T00:00:00+08:00"),
        account: None,
        shared: false,
    }));
    session.set_signups(signups);
    session
}

fn wording(status: ActivityStatus, places_left: u32, mine: Option<Signup>) -> (String, String) {
    offer_wording(ZH, signup_offer(status, places_left, mine.as_ref(), false))
}

#[wasm_bindgen_test]
fn the_offer_follows_places_status_and_my_signup() {
    use ActivityStatus::*;
    assert_eq!(
        signup_offer(Open, 3, None, false),
        SignupOffer::SignUp { places_left: 3 }
    );
    assert_eq!(
        signup_offer(Open, 0, None, false),
        SignupOffer::JoinWaitlist
    );
    assert_eq!(
        signup_offer(Full, 0, None, false),
        SignupOffer::JoinWaitlist
    );
    assert_eq!(signup_offer(Closed, 5, None, false), SignupOffer::Closed);
    assert_eq!(
        signup_offer(Cancelled, 5, None, false),
        SignupOffer::Cancelled
    );
    assert_eq!(
        signup_offer(Finished, 5, None, false),
        SignupOffer::Finished
    );
    let mine = signup(7, SignupStatus::Confirmed, None);
    assert_eq!(signup_offer(Open, 3, Some(&mine), false), SignupOffer::Mine);
    // Closed to new sign-ups, but a held place can still be given back before the start.
    assert_eq!(
        signup_offer(Closed, 3, Some(&mine), false),
        SignupOffer::Mine
    );
    assert_eq!(
        signup_offer(Finished, 3, Some(&mine), false),
        SignupOffer::Finished
    );
    // Once the activity is under way, a held place is no longer given back; a queue is over.
    assert_eq!(
        signup_offer(Closed, 0, Some(&mine), true),
        SignupOffer::Underway
    );
    assert_eq!(
        signup_offer(Finished, 0, Some(&mine), true),
        SignupOffer::Finished
    );
    assert!(!SignupOffer::Underway.is_actionable());
    assert_eq!(
        offer_wording(ZH, SignupOffer::Underway),
        ("已报名".into(), "活动已开始，请到现场扫码签到".into())
    );
    let queued = signup(7, SignupStatus::Waitlisted, Some(4));
    assert_eq!(
        signup_offer(Full, 0, Some(&queued), true),
        SignupOffer::Closed
    );
    assert_eq!(
        signup_offer(Full, 0, Some(&queued), false),
        SignupOffer::Waitlisted { position: 4 }
    );
    let gone = signup(7, SignupStatus::Cancelled, None);
    assert_eq!(
        signup_offer(Open, 2, Some(&gone), false),
        SignupOffer::SignUp { places_left: 2 }
    );
    let attended = signup(7, SignupStatus::Attended, None);
    assert_eq!(
        signup_offer(Finished, 0, Some(&attended), false),
        SignupOffer::Attended
    );
}

#[wasm_bindgen_test]
fn the_button_says_what_a_tap_will_do() {
    use ActivityStatus::*;
    assert_eq!(
        wording(Open, 3, None),
        ("报名".into(), "剩余 3 个名额".into())
    );
    let (label, hint) = wording(Full, 0, None);
    assert_eq!(label, "候补");
    assert!(hint.contains("候补"), "{hint}");
    // Where I stand and what a tap changes are two things.
    let mine = signup_offer(
        Open,
        3,
        Some(&signup(7, SignupStatus::Confirmed, None)),
        false,
    );
    assert_eq!(offer_state(ZH, mine).as_deref(), Some("已报名"));
    assert_eq!(offer_wording(ZH, mine).0, "取消报名");
    let waiting = signup_offer(
        Full,
        0,
        Some(&signup(7, SignupStatus::Waitlisted, Some(2))),
        false,
    );
    assert_eq!(offer_state(ZH, waiting).as_deref(), Some("候补第2位"));
    assert_eq!(offer_wording(ZH, waiting).0, "退出候补");
    assert_eq!(offer_state(ZH, signup_offer(Open, 3, None, false)), None);
    assert_eq!(wording(Closed, 3, None).0, "报名已截止");
    assert_eq!(wording(Cancelled, 3, None).0, "活动已取消");
    assert_eq!(wording(Finished, 3, None).0, "活动已结束");
    assert_eq!(
        outcome_wording(ZH, &signup(7, SignupStatus::Waitlisted, Some(3))),
        "已加入候补，排在第 3 位"
    );
    assert_eq!(
        outcome_wording(ZH, &signup(7, SignupStatus::Confirmed, None)),
        "报名成功！"
    );
}

#[wasm_bindgen_test]
async fn signed_out_the_button_leads_to_sign_in_and_back_to_the_activity() {
    let mounted = mount(|| view! { <SignupButton activity=sample(ActivityStatus::Open, 3) /> });
    until("the sign-in link renders", || {
        mounted.has("[data-testid='signup'] a.signup__button")
    })
    .await;
    let link = mounted.find("[data-testid='signup'] a.signup__button");
    assert_eq!(link.text_content().unwrap(), "报名");
    let href = link.get_attribute("href").unwrap();
    // From a card in the agenda as from the activity's page: back to the activity, not the list.
    // …where the sign-up is made on arrival.
    assert_eq!(href, "/me/login?next=/activities/7%3Fsignup%3D1");
    assert!(mounted.text().contains("剩余 3 个名额"));
}

#[wasm_bindgen_test]
async fn signed_in_my_place_shows_and_cancelling_asks_first() {
    let session = signed_in(vec![signup(7, SignupStatus::Confirmed, None)]);
    let mounted = mount(move || {
        provide_context(session);
        view! { <SignupButton activity=sample(ActivityStatus::Open, 3) /> }
    });
    until("my place shows", || {
        mounted.has("[data-testid='signup'][data-offer='mine']")
    })
    .await;
    let root = mounted.find("[data-testid='signup']");
    assert_eq!(root.get_attribute("data-offer").as_deref(), Some("mine"));
    assert_eq!(
        mounted
            .find("[data-testid='signup-state']")
            .text_content()
            .unwrap(),
        "已报名"
    );
    let button: HtmlElement = mounted.find("button.signup__button").unchecked_into();
    assert_eq!(button.text_content().unwrap(), "取消报名");
    // The reminder for one's own activity.
    let ics = mounted.find("a.signup__ics");
    assert!(ics
        .get_attribute("href")
        .unwrap()
        .ends_with("/api/v1/activities/7/calendar.ics"));

    button.click();
    until("the confirmation asks", || mounted.has("[role='group']")).await;
    let group = mounted.find("[role='group']");
    assert!(group.text_content().unwrap().contains("确定取消报名吗？"));
    let buttons = mounted.find_all("[role='group'] button");
    assert_eq!(buttons.len(), 2);
    assert_eq!(buttons[1].text_content().unwrap(), "不取消");
    buttons[1].unchecked_ref::<HtmlElement>().click();
    until("the confirmation is gone", || {
        !mounted.has("[role='group']")
    })
    .await;
    assert!(mounted.find_all("[role='group']").is_empty());
    assert_eq!(
        mounted
            .find("button.signup__button")
            .text_content()
            .unwrap(),
        "取消报名"
    );
}

#[wasm_bindgen_test]
async fn a_waitlisted_place_shows_its_position() {
    let session = signed_in(vec![signup(7, SignupStatus::Waitlisted, Some(2))]);
    let mounted = mount(move || {
        provide_context(session);
        view! { <SignupButton activity=sample(ActivityStatus::Full, 0) /> }
    });
    until("the waitlist place shows", || {
        mounted
            .find_all("button.signup__button")
            .first()
            .and_then(|b| b.text_content())
            == Some("退出候补".to_owned())
    })
    .await;
    assert_eq!(
        mounted
            .find("[data-testid='signup-state']")
            .text_content()
            .unwrap(),
        "候补第2位"
    );
}

#[wasm_bindgen_test]
async fn nothing_to_offer_is_said_on_the_page_and_hidden_on_a_card() {
    let mounted = mount(|| view! { <SignupButton activity=sample(ActivityStatus::Closed, 3) /> });
    assert!(mounted.find_all("button").is_empty());
    assert_eq!(
        mounted.find(".signup__reason").text_content().unwrap(),
        "报名已截止"
    );
    let mounted = mount(|| {
        view! { <SignupButton activity=sample(ActivityStatus::Finished, 0) compact=true /> }
    });
    until("the card hides it", || {
        mounted.has("[data-testid='signup'][hidden]")
    })
    .await;
    assert!(mounted
        .find("[data-testid='signup']")
        .has_attribute("hidden"));
}
