//! 站内消息: what changed for a person — their activity cancelled, a place freed for them from
//! the waitlist, their join request decided, their wish moving along. A notice carries what it is about, not a sentence:
//! the app words it in the reader's language.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// An activity one signed up for (or waits for) was cancelled; `reason` says why.
    ActivityCancelled,
    /// An activity one signed up for (or waits for) moved to another time: `starts_at`.
    ActivityMoved,
    /// A place was freed and is now one's own: the sign-up is confirmed.
    WaitlistPromoted,
    /// One's request to join a team was approved.
    TeamApproved,
    /// One's request to join a team was declined.
    TeamDeclined,
    /// One's wish was approved: it is on the wall.
    WishApproved,
    /// One's wish was not approved; `reason` says why.
    WishRejected,
    /// Someone claimed one's wish.
    WishClaimed,
    /// The claim on one's wish was given back: it is on the wall again.
    WishReleased,
    /// One's wish was fulfilled: please confirm and rate it.
    WishFulfilled,
    /// The wish one fulfilled was confirmed (with thanks).
    WishConfirmed,
    /// One's wish passed its deadline unclaimed.
    WishExpired,
    /// One's wish was withdrawn by staff of its site.
    WishWithdrawn,
    /// One's order was not taken: `reason` says why.
    OrderRejected,
    /// An order was dispatched to one's team: a member may accept it.
    OrderDispatched,
    /// A volunteer accepted one's order.
    OrderAccepted,
    /// One's order is done: please rate it.
    OrderCompleted,
    /// An order one had accepted was given to another team or member: it is not one's any more.
    OrderReassigned,
    /// An order of one's (or one accepted) was cancelled; `reason` says why.
    OrderCancelled,
}

/// One notice, as its recipient reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    pub id: i64,
    pub kind: NoticeKind,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub created_at: DateTime<FixedOffset>,
    /// Whether its recipient has marked it read.
    pub read: bool,
    /// The activity it is about (absent once the activity was deleted, and for team notices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_id: Option<i64>,
    /// The team it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<i64>,
    /// The wish it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wish_id: Option<i64>,
    /// The order it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<i64>,
    /// The activity's title or the team's name as it was when the notice was written.
    pub subject_title: String,
    /// Why, when the change came with a reason (a cancellation's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The new start, for `activity_moved`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    #[serde(with = "crate::time::rfc3339_option")]
    pub starts_at: Option<DateTime<FixedOffset>>,
}

/// `POST /api/v1/me/notices/read`: every notice of one's own up to this id (included) is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkNoticesRead {
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub up_to: i64,
}
