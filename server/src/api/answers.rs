//! The calendar's public list (and the month's day counts), answered from memory while nothing
//! it depends on changed.
//!
//! Why: the list is the station's most read answer (every resident's first screen, every
//! display screen, the month view), and the same few queries are asked again and again; most of
//! its cost was decoding and formatting its rows (bench/load). An answer is kept with the data
//! version it was made at (`Store::data_version`, read before the query) and the first moment
//! the clock would change it (an activity starting, closing or ending; the day turning), and is
//! used only while both hold — so it is never stale, on one server or many.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;

/// How many different queries are kept, and how many bytes in all; past either, every kept
/// answer is dropped (a crawler's or an attacker's many queries cost memory only this far).
const MAX_ENTRIES: usize = 256;
const MAX_BYTES: usize = 16 * 1024 * 1024;

#[derive(Default)]
pub struct Answers {
    entries: Mutex<HashMap<String, Entry>>,
}

impl std::fmt::Debug for Answers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.entries.lock().map_or(0, |entries| entries.len());
        f.debug_struct("Answers").field("kept", &kept).finish()
    }
}

struct Entry {
    version: String,
    /// Good from this moment (when it was made) until `until` (exclusive), unix seconds on the
    /// station's clock: a clock set back does not bring an answer made later.
    made: i64,
    until: i64,
    body: Bytes,
}

impl Answers {
    /// The answer kept for `query`, when it was made at `version` and `now` is within its time.
    pub fn get(&self, query: &str, version: &str, now: i64) -> Option<Bytes> {
        let entries = self.entries.lock().ok()?;
        let entry = entries.get(query)?;
        (entry.version == version && entry.made <= now && now < entry.until)
            .then(|| entry.body.clone())
    }

    /// Keeps `body`, made at `version` at `made`, for `query` until `until`.
    pub fn put(&self, query: &str, version: String, (made, until): (i64, i64), body: Bytes) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        let bytes: usize = entries.values().map(|entry| entry.body.len()).sum();
        if (entries.len() >= MAX_ENTRIES || bytes + body.len() > MAX_BYTES)
            && !entries.contains_key(query)
        {
            // Many different queries (a crawler's, a search's): start again rather than track
            // which were used last.
            entries.clear();
        }
        entries.insert(
            query.to_owned(),
            Entry {
                version,
                made,
                until,
                body,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_used_only_at_its_version_and_within_its_time() {
        let answers = Answers::default();
        answers.put(
            "limit=50",
            "7".into(),
            (10, 100),
            Bytes::from_static(b"[1]"),
        );
        assert_eq!(
            answers.get("limit=50", "7", 99).as_deref(),
            Some(&b"[1]"[..])
        );
        assert_eq!(
            answers.get("limit=50", "7", 100),
            None,
            "the clock changed it"
        );
        assert_eq!(answers.get("limit=50", "7", 9), None, "a clock set back");
        assert_eq!(answers.get("limit=50", "8", 50), None, "the data changed");
        assert_eq!(answers.get("limit=20", "7", 50), None, "another query");
    }

    #[test]
    fn many_queries_do_not_grow_without_bound() {
        let answers = Answers::default();
        for n in 0..(MAX_ENTRIES * 3) {
            answers.put(&n.to_string(), "1".into(), (0, 10), Bytes::new());
        }
        assert!(answers.entries.lock().unwrap().len() <= MAX_ENTRIES);
        let big = Bytes::from(vec![b' '; MAX_BYTES / 3]);
        for n in 0..10 {
            answers.put(&format!("big{n}"), "1".into(), (0, 10), big.clone());
        }
        let kept: usize = answers
            .entries
            .lock()
            .unwrap()
            .values()
            .map(|entry| entry.body.len())
            .sum();
        assert!(kept <= MAX_BYTES, "{kept}");
    }
}
