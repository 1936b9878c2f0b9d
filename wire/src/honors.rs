//! 好人榜, the good-people honor board: residents nominate the good people around them, staff
//! of the site record the nominee's consent and publish the story into a month's board, and
//! everyone reads and likes it. The nominator's contact is for staff and the nominator only:
//! no public type here has a field for it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::sites::SiteRef;

/// The national board's five categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HonorCategory {
    /// 助人为乐
    HelpingOthers,
    /// 见义勇为
    Bravery,
    /// 诚实守信
    Honesty,
    /// 敬业奉献
    Dedication,
    /// 孝老爱亲
    FilialDevotion,
}

impl HonorCategory {
    pub const ALL: [HonorCategory; 5] = [
        HonorCategory::HelpingOthers,
        HonorCategory::Bravery,
        HonorCategory::Honesty,
        HonorCategory::Dedication,
        HonorCategory::FilialDevotion,
    ];

    /// The stable name on the wire, in the query and in the database.
    pub fn slug(self) -> &'static str {
        match self {
            HonorCategory::HelpingOthers => "helping_others",
            HonorCategory::Bravery => "bravery",
            HonorCategory::Honesty => "honesty",
            HonorCategory::Dedication => "dedication",
            HonorCategory::FilialDevotion => "filial_devotion",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|category| category.slug() == slug)
    }
}

/// Where a nomination stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HonorStatus {
    /// Waiting for staff.
    Submitted,
    /// On the board.
    Published,
    /// Not published; `reject_reason` says why.
    Rejected,
    /// Taken off the board (by staff, or because the nominee withdrew consent).
    Unpublished,
}

impl HonorStatus {
    pub fn slug(self) -> &'static str {
        match self {
            HonorStatus::Submitted => "submitted",
            HonorStatus::Published => "published",
            HonorStatus::Rejected => "rejected",
            HonorStatus::Unpublished => "unpublished",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        [
            HonorStatus::Submitted,
            HonorStatus::Published,
            HonorStatus::Rejected,
            HonorStatus::Unpublished,
        ]
        .into_iter()
        .find(|status| status.slug() == slug)
    }
}

/// A photo as served: both sizes are JPEG without metadata, at addresses that never change
/// (cacheable for a year) and that only those who may see the photo are told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoRef {
    /// Names the photo in a nomination's `photo_ids`.
    pub id: i64,
    /// The large size's pixels (at most 1600 on the longest side).
    pub width: u32,
    pub height: u32,
    /// At most 480 pixels on the longest side, for lists.
    pub thumb_url: String,
    /// For the story's page.
    pub large_url: String,
}

/// An honor on the board, as everyone reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Honor {
    pub id: i64,
    pub site: SiteRef,
    /// The name as it may be published.
    pub nominee_name: String,
    pub category: HonorCategory,
    pub story: String,
    pub photos: Vec<PhotoRef>,
    /// The board it is on: `YYYY-MM`.
    pub board_month: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub published_at: DateTime<FixedOffset>,
    pub like_count: u32,
    /// Whether the reader likes it (false when signed out).
    #[serde(default)]
    pub liked: bool,
    /// The nominee agreed to be shown on printed posters.
    #[serde(default)]
    pub on_posters: bool,
    /// The nominee agreed to be shown on the station's display screens.
    #[serde(default)]
    pub on_screens: bool,
}

/// The nominee's consent as staff recorded it: who confirmed it, when, how, and where the
/// nominee agreed to be shown (on the app always; posters and display screens each asked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consent {
    /// The staff member's name.
    pub recorded_by: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub recorded_at: DateTime<FixedOffset>,
    /// How it was given (`本人当面同意，签字存档`).
    pub note: String,
    pub posters: bool,
    pub screens: bool,
}

/// A nomination as its nominator and the site's staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Nomination {
    pub id: i64,
    pub site: SiteRef,
    pub nominee_name: String,
    pub category: HonorCategory,
    pub story: String,
    pub photos: Vec<PhotoRef>,
    pub status: HonorStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    /// How to reach the nominator (staff and the nominator only).
    pub nominator_contact: String,
    /// Nominated by staff for a resident without a phone: who it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
    /// Staff's record of the nominee's consent (absent until recorded, and for the nominator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// The board it is (or was last) published on: `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board_month: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub submitted_at: DateTime<FixedOffset>,
}

/// Longest published name, in characters.
pub const NOMINEE_NAME_MAX_CHARS: usize = 20;
/// Longest story, in characters.
pub const STORY_MAX_CHARS: usize = 2000;
/// Longest contact, reason, consent note or "on behalf of", in characters.
pub const NOTE_MAX_CHARS: usize = 100;
/// Most photos of one nomination.
pub const MAX_PHOTOS: usize = 3;
/// The largest photo upload, in bytes.
pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;

/// `POST /api/v1/nominations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewNomination {
    pub site_id: i64,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 20,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub nominee_name: String,
    pub category: HonorCategory,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 2000,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub story: String,
    /// Photos the nominator uploaded (`POST /api/v1/photos`), at most 3, in order.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 3))]
    pub photo_ids: Vec<i64>,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub nominator_contact: String,
    /// Staff of the site only: the resident without a phone this nomination is made for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub on_behalf_of: Option<String>,
}

/// `PUT /api/v1/nominations/{id}`: staff edit the words before (or after) publishing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NominationEdit {
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 20,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub nominee_name: String,
    pub category: HonorCategory,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 2000,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub story: String,
}

/// `PUT /api/v1/nominations/{id}/consent`: staff record that the nominee agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentInput {
    /// How it was given.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub note: String,
    #[serde(default)]
    pub posters: bool,
    #[serde(default)]
    pub screens: bool,
}

/// `POST /api/v1/nominations/{id}/publish`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishHonor {
    /// The month's board, `YYYY-MM`, not after the current month.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$"))]
    pub board_month: String,
}

/// `POST /api/v1/nominations/{id}/reject` and `…/unpublish`: why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HonorReason {
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub reason: String,
}

/// `PUT` / `DELETE /api/v1/honors/{id}/like`: the count after the change, and the reader's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LikeState {
    pub like_count: u32,
    pub liked: bool,
}

/// One month of a board, for browsing earlier months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoardMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub count: u32,
}

/// Whether `text` is a month as the boards name them, `YYYY-MM` (month 01–12).
pub fn is_board_month(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[5..].iter().all(u8::is_ascii_digit)
        && matches!(text[5..].parse::<u8>(), Ok(1..=12))
}
