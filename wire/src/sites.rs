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
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<SiteNode>,
}

/// A site as other resources name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteRef {
    pub id: i64,
    pub name: String,
}
