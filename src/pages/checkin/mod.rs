//! Check-in (签到): the rotating QR code staff show on site, and the page a volunteer's camera
//! opens from it.

mod code;
mod scan;

pub use code::CheckinCodePage;
pub use scan::{refusal as checkin_refusal, CheckinPage};

use crate::router::use_params_map;
use leptos::prelude::*;

/// The `:id` of the route as an activity id; `None` when it is not a number.
pub fn use_activity_id() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|id| id.parse().ok()))
}
