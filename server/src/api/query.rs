//! Query strings read by hand: every bad parameter reported at once with a stable code, unknown
//! parameters ignored. The lists and the days endpoint share the date range's rules here.

use std::ops::RangeInclusive;

use chrono::{Duration, NaiveDate};
use station_wire::problem::codes;

use sqlx::AnyPool;

use crate::error::FieldErrors;
use crate::store::{categories, teams};

/// The pairs of a query string, each value exactly as sent.
pub struct Pairs<'a>(pub &'a [(String, String)]);

impl Pairs<'_> {
    /// The first value of `name`, if given (empty too).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

impl Pairs<'_> {
    /// `category`, a known category's slug (empty: every category), else an `unknown` error.
    pub async fn category(
        &self,
        pool: &AnyPool,
        errors: &mut FieldErrors,
    ) -> Result<Option<String>, sqlx::Error> {
        let slug = self.value("category").filter(|slug| !slug.is_empty());
        if let Some(slug) = slug {
            if !categories::exists(pool, slug).await? {
                errors.add(
                    "category",
                    codes::UNKNOWN,
                    format!("There is no category `{slug}`."),
                );
            }
        }
        Ok(slug.map(str::to_owned))
    }

    /// `team`, a known team's id, else an `invalid` (not a number) or `unknown` error.
    pub async fn team(
        &self,
        pool: &AnyPool,
        errors: &mut FieldErrors,
    ) -> Result<Option<i64>, sqlx::Error> {
        let team = match self.value("team").map(str::parse::<i64>) {
            None => None,
            Some(Ok(id)) => Some(id),
            Some(Err(_)) => {
                errors.add(
                    "team",
                    codes::INVALID,
                    "`team` must be a team id (a whole number).",
                );
                None
            }
        };
        if let Some(id) = team {
            if !teams::exists(pool, id).await? {
                errors.add_given_state("team", codes::UNKNOWN, format!("There is no team {id}."));
            }
        }
        Ok(team)
    }
}

/// What a `from`/`to` pair of days may be.
pub struct DayRange {
    /// `to` when only `from` is given: `from` plus this many days.
    pub default_days: i64,
    /// The most days `to` may lie after `from`.
    pub max_days: i64,
    /// The days either may be, where the backend knows only some.
    pub within: Option<RangeInclusive<NaiveDate>>,
}

impl DayRange {
    /// `from` (default `today`) and `to`, or `None` with the reasons added to `errors`.
    pub fn read(
        &self,
        pairs: &Pairs,
        today: NaiveDate,
        errors: &mut FieldErrors,
    ) -> Option<(NaiveDate, NaiveDate)> {
        let mut day =
            |name: &str, default: Option<NaiveDate>| match pairs.value(name).map(parse_date) {
                None => default,
                Some(Some(date)) => match &self.within {
                    Some(within) if !within.contains(&date) => {
                        errors.add_given_state(
                            name,
                            codes::OUT_OF_RANGE,
                            format!(
                                "`{name}` must be from {} to {}.",
                                within.start(),
                                within.end()
                            ),
                        );
                        None
                    }
                    _ => Some(date),
                },
                Some(None) => {
                    errors.add(
                        name,
                        codes::INVALID_DATE,
                        format!("`{name}` must be a date like 2027-02-01."),
                    );
                    None
                }
            };
        let from = day("from", Some(today));
        let default_to = from.map(|from| {
            let to = from + Duration::days(self.default_days);
            match &self.within {
                Some(within) => to.min(*within.end()),
                None => to,
            }
        });
        let to = day("to", default_to);
        let (from, to) = (from?, to?);
        if to < from {
            errors.add_given_state("to", codes::OUT_OF_RANGE, "`to` must not be before `from`.");
            None
        } else if (to - from).num_days() > self.max_days {
            errors.add_given_state(
                "to",
                codes::OUT_OF_RANGE,
                format!("The range may span at most {} days.", self.max_days),
            );
            None
        } else {
            Some((from, to))
        }
    }
}

/// A day exactly as the document's `format: date` spells it.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    // Exactly YYYY-MM-DD: chrono alone would also take `2026-1-5`.
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !well_formed {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(
        range: &DayRange,
        query: &[(&str, &str)],
    ) -> Result<(NaiveDate, NaiveDate), Vec<String>> {
        let pairs: Vec<(String, String)> = query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let mut errors = FieldErrors::default();
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let read = range.read(&Pairs(&pairs), today, &mut errors);
        read.ok_or_else(|| errors.codes())
    }

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn dates_must_be_iso_calendar_days() {
        assert!(parse_date("2026-11-24").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-1-5").is_none());
        assert!(parse_date("tomorrow").is_none());
    }

    #[test]
    fn a_range_defaults_and_bounds_are_kept() {
        let range = DayRange {
            default_days: 30,
            max_days: 366,
            within: Some(day("1901-01-01")..=day("2099-12-31")),
        };
        assert_eq!(
            read(&range, &[]),
            Ok((day("2026-12-01"), day("2026-12-31")))
        );
        assert_eq!(
            read(&range, &[("from", "2099-12-20")]),
            Ok((day("2099-12-20"), day("2099-12-31")))
        );
        assert_eq!(
            read(&range, &[("from", "2026-12-02"), ("to", "2026-12-01")]),
            Err(vec!["to:out_of_range".to_owned()])
        );
        assert_eq!(
            read(&range, &[("from", "2026-01-01"), ("to", "2027-01-03")]),
            Err(vec!["to:out_of_range".to_owned()])
        );
        assert_eq!(
            read(&range, &[("from", "1900-12-31"), ("to", "soon")]),
            Err(vec![
                "from:out_of_range".to_owned(),
                "to:invalid_date".to_owned()
            ])
        );
    }
}
