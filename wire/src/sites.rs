//! The tree of practice sites: 中心 (center) → 所 (institute) → 站 (station).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    Center,
    Institute,
    Station,
}

/// One site with its children; `GET /api/v1/sites` answers `List<SiteNode>` of the roots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteNode {
    pub id: i64,
    #[serde(default)]
    pub parent_id: Option<i64>,
    pub kind: SiteKind,
    pub name: String,
    #[serde(default)]
    pub address: Option<String>,
    /// When the site is open to residents, e.g. `周一至周五 8:30–17:00`.
    #[serde(default)]
    pub opening_hours: Option<String>,
    /// The site's own contact phone (a public number, not a person's).
    #[serde(default)]
    pub phone: Option<String>,
    /// A short introduction for residents.
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<SiteNode>,
}

/// Longest name of a site, in characters.
pub const SITE_NAME_MAX_CHARS: usize = 60;
/// Longest address, opening hours or phone of a site, in characters.
pub const SITE_LINE_MAX_CHARS: usize = 200;
/// Longest introduction of a site, in characters.
pub const SITE_INTRO_MAX_CHARS: usize = 2000;

/// `POST /api/v1/sites` creates a site; `PUT /api/v1/sites/{id}` replaces one (a changed
/// `parent_id` moves it with everything below). A center has no parent; an institute sits
/// under a center; a station under an institute or a center.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteInput {
    #[serde(default)]
    pub parent_id: Option<i64>,
    pub kind: SiteKind,
    /// 1–60 characters as sent, not blank; kept trimmed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 60,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub address: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub opening_hours: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub phone: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub intro: String,
}

impl SiteKind {
    /// Whether a site of this kind may sit directly under a site of `parent` kind (`None`: a
    /// root). The tree only goes down: 中心 → 所 → 站, or 中心 → 站.
    pub fn may_sit_under(self, parent: Option<SiteKind>) -> bool {
        matches!(
            (parent, self),
            (None, SiteKind::Center)
                | (
                    Some(SiteKind::Center),
                    SiteKind::Institute | SiteKind::Station
                )
                | (Some(SiteKind::Institute), SiteKind::Station)
        )
    }
}

/// A site as other resources name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteRef {
    pub id: i64,
    pub name: String,
}
