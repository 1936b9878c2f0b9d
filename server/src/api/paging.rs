//! Lists paged by id, newest first (the audit log, notices): `?limit=` and an opaque `?cursor=`
//! that is the last id of the page before.

use station_wire::page::{DEFAULT_LIMIT, MAX_LIMIT};
use station_wire::problem::codes;

use crate::error::FieldErrors;

/// `?limit=&cursor=` of a list paged by id (notices, one's nominations).
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1–200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// A `next_cursor` from an earlier page (opaque; empty: the first page).
    pub cursor: Option<String>,
}

/// A page asked for: how many, and below which id.
pub struct IdPage {
    pub limit: i64,
    pub before_id: Option<i64>,
}

impl IdPage {
    /// Reads `limit` (1–[`MAX_LIMIT`], default [`DEFAULT_LIMIT`]) and `cursor`, naming each bad
    /// one in `errors`.
    pub fn read(limit: Option<u32>, cursor: Option<&str>, errors: &mut FieldErrors) -> Self {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            errors.add(
                "limit",
                codes::OUT_OF_RANGE,
                format!("`limit` must be a whole number from 1 to {MAX_LIMIT}."),
            );
        }
        let cursor = cursor.filter(|cursor| !cursor.is_empty());
        let before_id = cursor.and_then(|cursor| match cursor.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                // Opaque to the document: a cursor not from an earlier page is 422.
                errors.add_given_state(
                    "cursor",
                    codes::INVALID,
                    "`cursor` must be a `next_cursor` from an earlier page.",
                );
                None
            }
        });
        IdPage {
            limit: i64::from(limit.clamp(1, MAX_LIMIT)),
            before_id,
        }
    }

    /// How many rows to fetch: one more than the page, to know whether another follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }

    /// Cuts the rows fetched to the page, and the cursor of the next page if there is one.
    pub fn finish<T>(&self, mut rows: Vec<T>, id: impl Fn(&T) -> i64) -> (Vec<T>, Option<String>) {
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        if rows.len() > limit {
            rows.truncate(limit);
            let next = rows.last().map(|row| id(row).to_string());
            (rows, next)
        } else {
            (rows, None)
        }
    }
}
