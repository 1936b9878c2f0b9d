//! 点单 → 派单 → 接单 → 评单: the station's service menu (项目清单), kept by staff; a resident
//! orders an item (or staff for a resident without a smartphone) with a preferred time, an
//! address and a phone; staff review it and dispatch it to a team; a member of the team accepts
//! it (one wins), completes it; the resident rates it. The address and the phone are for staff
//! of the site and the assigned volunteer only: an order is nobody else's to read at all.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::sites::SiteRef;
use crate::wishes::TimelineEntry;

/// One item of a station's service menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceItem {
    pub id: i64,
    pub site: SiteRef,
    /// `上门理发`, `家电维修` …
    pub name: String,
    pub description: String,
    /// Offered now (an item taken off the menu keeps its orders).
    pub active: bool,
}

/// `POST /api/v1/services`: an item on a site's menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceInput {
    pub site_id: i64,
    #[serde(flatten)]
    pub edit: ServiceEdit,
}

/// `PUT /api/v1/services/{id}`: its words, and whether it is offered now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceEdit {
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 20,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub description: String,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// Where an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// 点单: waiting for staff.
    Submitted,
    /// Reviewed, waiting to be dispatched.
    Open,
    Rejected,
    /// 派单: sent to a team.
    Dispatched,
    /// 接单: a member of the team took it.
    Accepted,
    Completed,
    /// 评单: the resident rated it.
    Rated,
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 8] = [
        OrderStatus::Submitted,
        OrderStatus::Open,
        OrderStatus::Rejected,
        OrderStatus::Dispatched,
        OrderStatus::Accepted,
        OrderStatus::Completed,
        OrderStatus::Rated,
        OrderStatus::Cancelled,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            OrderStatus::Submitted => "submitted",
            OrderStatus::Open => "open",
            OrderStatus::Rejected => "rejected",
            OrderStatus::Dispatched => "dispatched",
            OrderStatus::Accepted => "accepted",
            OrderStatus::Completed => "completed",
            OrderStatus::Rated => "rated",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.slug() == slug)
    }
}

/// What the reader may do with an order now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStep {
    Approve,
    Reject,
    /// Send to a team, or to another one (reassign).
    Dispatch,
    Accept,
    Complete,
    Rate,
    Cancel,
}

/// A team an order went to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderTeam {
    pub id: i64,
    pub name: String,
}

/// An order, as its resident, the team it went to, the assigned volunteer and staff of its site
/// read it (nobody else reads it at all); the fields marked so are only in some answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: i64,
    pub site: SiteRef,
    pub service_id: i64,
    pub service_name: String,
    pub status: OrderStatus,
    /// When the resident would like it (`周三上午`).
    pub preferred_time: String,
    pub note: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub ordered_at: DateTime<FixedOffset>,
    /// The team it was dispatched to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<OrderTeam>,
    /// The volunteer who accepted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volunteer_name: Option<String>,
    /// What the reader may do now.
    #[serde(default)]
    pub steps: Vec<OrderStep>,
    /// Staff and the assigned volunteer only: who ordered it, where, and how to reach them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Placed by staff for a resident without a smartphone: who it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
    /// Why it was rejected or cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// 1–5 and the resident's words, once rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Who did what when (on one order's answer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<TimelineEntry>,
}

/// Longest service name, in characters.
pub const SERVICE_NAME_MAX_CHARS: usize = 20;
/// Longest preferred time, in characters.
pub const PREFERRED_TIME_MAX_CHARS: usize = 50;
/// Longest address, note, reason or comment, in characters.
pub const ORDER_TEXT_MAX_CHARS: usize = 200;
/// Longest phone, in characters.
pub const ORDER_PHONE_MAX_CHARS: usize = 20;

/// `POST /api/v1/orders`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOrder {
    pub service_id: i64,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 50,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub preferred_time: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub address: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 20,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub phone: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub note: String,
    /// Staff of the site only: the resident without a smartphone it is placed for (open at once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub on_behalf_of: Option<String>,
}

/// `POST /api/v1/orders/{id}/dispatch`: to this team of the order's site (or below it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DispatchOrder {
    pub team_id: i64,
}

/// `POST /api/v1/orders/{id}/reject` and `…/cancel`: why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderReason {
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub reason: String,
}

/// `POST /api/v1/orders/{id}/rate`: the resident's (or staff's for them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateOrder {
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub rating: u8,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub comment: String,
}
