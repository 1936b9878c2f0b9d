//! The steps of a life cycle (a wish's, an order's): a move of status is one conditional update
//! on the status it starts from, so of several at once exactly one changes the row.

use sqlx::{Any, Executor};

/// A move of status: `SET {set}` where the row is in one of `from` and `{guard}` holds.
/// `binds` fill `$2…` of `set` and `guard` in order. Answers whether the row changed.
pub struct Move<'a> {
    pub from: &'a [&'a str],
    pub set: &'a str,
    pub guard: &'a str,
}

/// One bound value of a [`Move`].
#[derive(Debug, Clone)]
pub enum Bind<'a> {
    Int(i64),
    OptInt(Option<i64>),
    Text(&'a str),
}

pub async fn move_status<'e>(
    db: impl Executor<'e, Database = Any>,
    table: &str,
    id: i64,
    step: &Move<'_>,
    binds: &[Bind<'_>],
) -> Result<bool, sqlx::Error> {
    let from: Vec<String> = step
        .from
        .iter()
        .map(|status| format!("'{status}'"))
        .collect();
    let sql = format!(
        "UPDATE {table} SET {} WHERE id = $1 AND status IN ({}){}",
        step.set,
        from.join(", "),
        step.guard
    );
    let mut query = sqlx::query(&sql).bind(id);
    for bind in binds {
        query = match bind {
            Bind::Int(value) => query.bind(*value),
            Bind::OptInt(value) => query.bind(*value),
            Bind::Text(value) => query.bind(*value),
        };
    }
    Ok(query.execute(db).await?.rows_affected() == 1)
}
