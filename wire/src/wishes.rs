//! 微心愿, small wishes: a resident posts one for themself, or staff for a beneficiary without a
//! phone (a child in hardship, an elderly person living alone); staff of the site review it; one
//! volunteer or donor claims it (认领), fulfils it (实现) and the requester or staff confirm and
//! thank. The beneficiary is shown masked (`王**`, with an age or a group) to everyone else: the
//! full name, the requester's contact and a photo not marked public are for the parties and
//! staff only, in fields a public answer leaves out.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::honors::PhotoRef;
use crate::sites::SiteRef;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WishCategory {
    /// 学习用品 (a schoolbag, picture books).
    Study,
    /// 生活物品 (a warm quilt, a walking stick).
    Daily,
    /// 上门服务 (a haircut at home, a repair).
    HomeService,
    /// 陪伴关怀 (a visit, a chat, a walk).
    Companionship,
    /// 其他.
    Other,
}

impl WishCategory {
    pub const ALL: [WishCategory; 5] = [
        WishCategory::Study,
        WishCategory::Daily,
        WishCategory::HomeService,
        WishCategory::Companionship,
        WishCategory::Other,
    ];

    /// The stable name on the wire and in the database.
    pub fn slug(self) -> &'static str {
        match self {
            WishCategory::Study => "study",
            WishCategory::Daily => "daily",
            WishCategory::HomeService => "home_service",
            WishCategory::Companionship => "companionship",
            WishCategory::Other => "other",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|category| category.slug() == slug)
    }
}

/// Where a wish stands: `submitted → open` (or `rejected`) `→ claimed → fulfilled → confirmed`,
/// `withdrawn` by the requester before a claim, `expired` when its deadline passed unclaimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WishStatus {
    Submitted,
    Open,
    Rejected,
    Claimed,
    Fulfilled,
    Confirmed,
    Withdrawn,
    Expired,
}

impl WishStatus {
    pub const ALL: [WishStatus; 8] = [
        WishStatus::Submitted,
        WishStatus::Open,
        WishStatus::Rejected,
        WishStatus::Claimed,
        WishStatus::Fulfilled,
        WishStatus::Confirmed,
        WishStatus::Withdrawn,
        WishStatus::Expired,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            WishStatus::Submitted => "submitted",
            WishStatus::Open => "open",
            WishStatus::Rejected => "rejected",
            WishStatus::Claimed => "claimed",
            WishStatus::Fulfilled => "fulfilled",
            WishStatus::Confirmed => "confirmed",
            WishStatus::Withdrawn => "withdrawn",
            WishStatus::Expired => "expired",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.slug() == slug)
    }

    /// Whether everyone may read a wish in this state (the wall's).
    pub fn is_public(self) -> bool {
        matches!(
            self,
            WishStatus::Open | WishStatus::Claimed | WishStatus::Fulfilled | WishStatus::Confirmed
        )
    }
}

/// The wall's shelves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WishShelf {
    /// Waiting for someone to claim them, the nearest deadline first.
    Open,
    /// Claimed, on their way.
    Claimed,
    /// Fulfilled and confirmed: the thanks, the latest first.
    Done,
}

/// What the reader may do with a wish now (the server's rules, so that the app offers only
/// what will be accepted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WishStep {
    Approve,
    Reject,
    Claim,
    Release,
    Fulfil,
    Confirm,
    Withdraw,
}

/// Who the wish is for, as everyone may read it: the family name and a star per other
/// character (`王**`), and an age or a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Beneficiary {
    pub masked_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// `独居老人`, `困境儿童` …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// One step of a wish's (or an order's) life, in the order they happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub at: DateTime<FixedOffset>,
    pub event: TimelineEvent,
    /// Who did it (absent for the server's own steps, an expiry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Staff did it for a resident without a phone.
    #[serde(default)]
    pub on_behalf: bool,
    /// A reason, a note, a rating's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimelineEvent {
    Posted,
    Approved,
    Rejected,
    Claimed,
    Released,
    Fulfilled,
    Confirmed,
    Withdrawn,
    Expired,
    /// An order: placed (点单).
    Ordered,
    /// Sent to a team (派单), or to another one.
    Dispatched,
    /// Taken by a member of the team (接单).
    Accepted,
    Completed,
    /// Rated by the resident (评单).
    Rated,
    Cancelled,
}

/// A wish. Everyone reads the public part; the fields marked so are only in the answers to its
/// requester, its claimer and staff of its site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Wish {
    pub id: i64,
    pub site: SiteRef,
    pub title: String,
    pub description: String,
    pub category: WishCategory,
    pub status: WishStatus,
    /// The last day it may be claimed and fulfilled, in the station's calendar.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub deadline: NaiveDate,
    pub beneficiary: Beneficiary,
    /// The wish's photo: for everyone when staff marked it public, else for the parties only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<PhotoRef>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub posted_at: DateTime<FixedOffset>,
    /// Claimed, not yet fulfilled, and past its deadline.
    #[serde(default)]
    pub overdue: bool,
    /// The requester's thanks, once confirmed (public: the wall shows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thanks: Option<String>,
    /// What the reader may do now.
    #[serde(default)]
    pub steps: Vec<WishStep>,
    /// Parties only: the beneficiary's full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiary_name: Option<String>,
    /// Requester and staff only: how to reach the requester.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Requester and staff only: posted by staff for this resident.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
    /// Whether staff marked the photo public (parties only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_public: Option<bool>,
    /// Why it was rejected (requester and staff).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    /// Who claimed it (parties only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimer_name: Option<String>,
    /// The claimer's report of how it was fulfilled, and its photo (parties only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfil_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfil_photo: Option<PhotoRef>,
    /// 1–5, given on confirming (parties only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// Who did what when (parties only, on one wish's answer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<TimelineEntry>,
}

/// Longest title, in characters.
pub const TITLE_MAX_CHARS: usize = 40;
/// Longest description, in characters.
pub const DESCRIPTION_MAX_CHARS: usize = 500;
/// Longest beneficiary name or group, in characters.
pub const BENEFICIARY_MAX_CHARS: usize = 20;
/// Longest contact, reason, note or thanks, in characters.
pub const WISH_NOTE_MAX_CHARS: usize = 200;
/// The furthest deadline, in days from today.
pub const DEADLINE_MAX_DAYS: i64 = 180;
/// The oldest beneficiary's age accepted.
pub const MAX_AGE: u32 = 120;

/// `POST /api/v1/wishes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewWish {
    pub site_id: i64,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 40,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub title: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 500,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub description: String,
    pub category: WishCategory,
    /// From today to 180 days ahead.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub deadline: NaiveDate,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 20,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub beneficiary_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 120))]
    pub beneficiary_age: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub beneficiary_group: Option<String>,
    /// A photo the requester uploaded (`POST /api/v1/photos`); seen by the parties only unless
    /// staff mark it public on approving.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_id: Option<i64>,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub contact: String,
    /// Staff of the site only: the resident without a phone it is posted for (the wish is
    /// open at once: staff reviewed it by posting it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub on_behalf_of: Option<String>,
}

/// `POST /api/v1/wishes/{id}/approve`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApproveWish {
    /// Show the photo to everyone (it shows nobody who has not agreed).
    #[serde(default)]
    pub photo_public: bool,
}

/// `POST /api/v1/wishes/{id}/reject`: why (the requester reads it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishReason {
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

/// `POST /api/v1/wishes/{id}/fulfil`: the claimer's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FulfilWish {
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_id: Option<i64>,
}

/// `POST /api/v1/wishes/{id}/confirm`: the requester (or staff) confirm, rate and thank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmWish {
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub rating: u8,
    /// Shown on the wall with the fulfilled wish.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub thanks: String,
}

/// `GET /api/v1/wishes/figures`: this year's wishes of a site and the sites below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishFigures {
    pub open: u32,
    pub posted_this_year: u32,
    pub fulfilled_this_year: u32,
}

/// `王**`: the first character, then a star for each other one (at least one).
pub fn mask_name(name: &str) -> String {
    let mut chars = name.trim().chars();
    let first = chars.next().map(String::from).unwrap_or_default();
    let stars = chars.count().max(1);
    format!("{first}{}", "*".repeat(stars))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_masked_after_their_first_character() {
        assert_eq!(mask_name("王小明"), "王**");
        assert_eq!(mask_name("李强"), "李*");
        assert_eq!(mask_name("欧阳"), "欧*");
        assert_eq!(mask_name("张"), "张*");
        assert_eq!(mask_name(" Ann Lee "), "A******");
    }
}
