//! The session survives a reload through localStorage (token and expiry only), and an expired or
//! broken one is dropped.

use chrono::{DateTime, Utc};
use station_app::session::{login_href, restore_session, safe_next, IDLE_KEY, STORAGE_KEY};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-24T12:00:00+08:00")
        .unwrap()
        .with_timezone(&Utc)
}

#[wasm_bindgen_test]
fn a_stored_session_is_restored_until_it_expires() {
    storage()
        .set_item(
            STORAGE_KEY,
            r#"{"token":"abc123","expires_at":"2026-12-24T12:00:00+08:00"}"#,
        )
        .unwrap();
    let restored = restore_session(now()).expect("restored");
    assert_eq!(restored.token, "abc123");
    assert_eq!(
        restored.expires_at.to_rfc3339(),
        "2026-12-24T12:00:00+08:00"
    );
    // The account comes from GET /me, not from storage.
    assert_eq!(restored.account, None);

    storage()
        .set_item(
            STORAGE_KEY,
            r#"{"token":"old","expires_at":"2026-11-24T11:59:00+08:00"}"#,
        )
        .unwrap();
    assert_eq!(restore_session(now()), None);

    storage().set_item(STORAGE_KEY, "{not json").unwrap();
    assert_eq!(restore_session(now()), None);

    storage().remove_item(STORAGE_KEY).unwrap();
    assert_eq!(restore_session(now()), None);
}

#[wasm_bindgen_test]
fn sign_in_comes_back_only_to_a_path_of_the_app() {
    assert_eq!(
        login_href("/activities/7?x=1"),
        "/me/login?next=/activities/7%3Fx%3D1"
    );
    assert_eq!(safe_next(Some("/activities/7".into())), "/activities/7");
    assert_eq!(safe_next(Some("//evil.example".into())), "/me");
    assert_eq!(safe_next(Some("https://evil.example".into())), "/me");
    assert_eq!(safe_next(None), "/me");
}

/// A shared computer's session (kept for the tab) outlives the expiry it was signed in with
/// while answered requests keep moving its idle deadline on, as the server moves its expiry; it
/// ends when that deadline passes (the reviewer found it lost at the first page load after 15
/// minutes, however busy).
#[wasm_bindgen_test]
fn a_shared_session_lives_by_its_idle_deadline_not_its_first_expiry() {
    let tab = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    let at = now().timestamp_millis();
    tab.set_item(
        STORAGE_KEY,
        r#"{"token":"shared1","expires_at":"2026-11-24T11:15:00+08:00"}"#,
    )
    .unwrap();
    tab.set_item(IDLE_KEY, &(at + 60_000).to_string()).unwrap();
    let restored = restore_session(now()).expect("still active");
    assert!(restored.shared);
    assert_eq!(restored.token, "shared1");

    tab.set_item(IDLE_KEY, &(at - 1).to_string()).unwrap();
    assert_eq!(restore_session(now()).map(|state| state.token), None);
    tab.remove_item(IDLE_KEY).unwrap();
    assert_eq!(
        restore_session(now()).map(|state| state.token),
        None,
        "no deadline, no session"
    );
    tab.remove_item(STORAGE_KEY).unwrap();
}
