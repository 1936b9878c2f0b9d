//! Pagination: every list is cursor-paginated the same way.
//!
//! A client asks for `?limit=N` (default [`DEFAULT_LIMIT`], at most [`MAX_LIMIT`]) and follows
//! `next_cursor` with `?cursor=…` until it is absent. A cursor is opaque to clients.

use serde::{Deserialize, Serialize};

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// A complete, unpaginated list (for small sets such as categories or the site tree).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct List<T> {
    pub items: Vec<T>,
}
