//! RFC 3339 times on the wire, through chrono's dedicated RFC 3339 printer (and, outside the
//! browser, its parser) rather than its general format engine, which would add tens of
//! kilobytes to the browser bundle.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};

/// For `DateTime<FixedOffset>` fields: `#[serde(with = "crate::time::rfc3339")]`.
pub mod rfc3339 {
    use chrono::{DateTime, FixedOffset, SecondsFormat};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        time: &DateTime<FixedOffset>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&time.to_rfc3339_opts(SecondsFormat::AutoSi, false))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse(&text).ok_or_else(|| D::Error::custom("not an RFC 3339 date-time"))
    }
}

/// For `NaiveDate` fields (`YYYY-MM-DD`): `#[serde(with = "crate::time::date")]`. Written and,
/// in the browser, read by hand: chrono's serde for dates goes through its general format
/// engine (~6 KiB brotli in an area that had no other use for it).
pub mod date {
    use chrono::{Datelike, NaiveDate};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            date.month(),
            date.day()
        ))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse_date(&text).ok_or_else(|| D::Error::custom("not a date (YYYY-MM-DD)"))
    }
}

/// `YYYY-MM-DD`, exactly (as RFC 3339's full-date).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |from: usize, len: usize| -> Option<u32> {
        bytes[from..from + len].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 2)?, number(8, 2)?)
}

/// An RFC 3339 date-time. In the browser, a small parser of our own: chrono's, with its error
/// kinds, weighed 2.5 KB in every area's wasm; it reads the times this contract's backends
/// write (`2026-11-24T14:00:00+08:00`, fractions and `Z` too; not chrono's leniency of a
/// U+2212 minus in the offset, which no backend writes). Elsewhere chrono's, so that the
/// reference server accepts exactly what it always has.
pub fn parse(text: &str) -> Option<DateTime<FixedOffset>> {
    #[cfg(target_arch = "wasm32")]
    {
        parse_small(text)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        DateTime::parse_from_rfc3339(text).ok()
    }
}

/// `YYYY-MM-DD`, `T` (or `t` or a space), `hh:mm:ss`, an optional fraction, then `Z` or `±hh:mm`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn parse_small(text: &str) -> Option<DateTime<FixedOffset>> {
    let bytes = text.as_bytes();
    let number = |from: usize, len: usize| -> Option<u32> {
        let digits = bytes.get(from..from + len)?;
        digits.iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let at = |i: usize, expected: &[u8]| bytes.get(i).is_some_and(|b| expected.contains(b));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt ") && at(13, b":") && at(16, b":")) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 2)?, number(8, 2)?)?;
    let (hour, minute, second) = (number(11, 2)?, number(14, 2)?, number(17, 2)?);
    let mut i = 19;
    let mut nanos = 0u32;
    if at(i, b".") {
        i += 1;
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(bytes[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        for _ in (i - start)..9 {
            nanos *= 10;
        }
    }
    // A leap second (`:60`) is chrono's second 59 with a fraction past a whole second.
    let (second, nanos) = if second == 60 {
        (59, nanos + 1_000_000_000)
    } else {
        (second, nanos)
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    let offset = match bytes.get(i)? {
        b'Z' | b'z' if i + 1 == bytes.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == bytes.len() && at(i + 3, b":") => {
            let (hours, minutes) = (number(i + 1, 2)?, number(i + 4, 2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = (hours * 3600 + minutes * 60) as i32;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let offset = FixedOffset::east_opt(offset)?;
    offset.from_local_datetime(&date.and_time(time)).single()
}

#[cfg(test)]
mod small_parser_tests {
    use super::*;

    #[test]
    fn dates_read_as_chrono_reads_a_full_date() {
        for text in [
            "2026-11-24",
            "2028-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-1-24",
            "2026-11-24T",
            "20261124",
            "",
            "２０２６-11-24",
            "0000-01-01",
            "9999-12-31",
        ] {
            assert_eq!(
                parse_date(text),
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .ok()
                    .filter(|_| text.len() == 10),
                "{text:?}"
            );
        }
    }

    /// The browser's parser reads what chrono reads, and refuses what it refuses.
    #[test]
    fn the_small_parser_agrees_with_chrono() {
        for text in [
            "2026-11-24T14:00:00+08:00",
            "2026-11-24T06:00:00Z",
            "2026-11-24t06:00:00z",
            "2026-11-24 14:00:00+08:00",
            "2026-11-24T14:00:00.5+08:00",
            "2026-11-24T14:00:00.123456789-03:30",
            "2026-11-24T14:00:00.1234567891+08:00",
            "2016-12-31T23:59:60Z",
            "1999-01-01T00:00:00-00:00",
            "2026-02-29T00:00:00+08:00",
            "2026-11-24T24:00:00+08:00",
            "2026-11-24T14:60:00+08:00",
            "2026-11-24T14:00:00+24:00",
            "2026-11-24T14:00:00+08",
            "2026-11-24T14:00:00+0800",
            "2026-11-24T14:00:00",
            "2026-11-24T14:00:00.+08:00",
            "2026-11-24T14:00+08:00",
            "2026-1-24T14:00:00+08:00",
            "2026-11-24X14:00:00+08:00",
            "2026-11-24T14:00:00+08:00 ",
            "２０２６-11-24T14:00:00+08:00",
            "",
            "yesterday",
        ] {
            assert_eq!(
                parse_small(text),
                DateTime::parse_from_rfc3339(text).ok(),
                "{text:?}"
            );
        }
    }
}

/// For `Option<DateTime<FixedOffset>>` fields (with `#[serde(default)]`).
pub mod rfc3339_option {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        time: &Option<DateTime<FixedOffset>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => super::rfc3339::serialize(time, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "super::rfc3339")] DateTime<FixedOffset>);
        Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|Wrapped(time)| time))
    }
}

/// The OpenAPI schema of an optional time: a `date-time` string, or `null`. Spelled as `oneOf`
/// rather than a `["string", "null"]` type: with the type list, schema-driven fuzzers took `""` for
/// a valid value, the `format` not reaching the string branch.
/// `#[schema(schema_with = crate::time::optional_date_time)]`.
#[cfg(feature = "openapi")]
pub fn optional_date_time() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, Type};
    OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime))),
        )
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .build()
        .into()
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Times {
        #[serde(with = "super::rfc3339")]
        at: DateTime<FixedOffset>,
        #[serde(default, with = "super::rfc3339_option")]
        maybe: Option<DateTime<FixedOffset>>,
    }

    #[test]
    fn keeps_the_offset_both_ways_and_refuses_what_is_not_rfc_3339() {
        let json = r#"{"at":"2026-11-24T14:00:00+08:00","maybe":null}"#;
        let times: Times = serde_json::from_str(json).unwrap();
        assert_eq!(times.at.offset().local_minus_utc(), 8 * 3600);
        assert_eq!(times.maybe, None);
        assert_eq!(serde_json::to_string(&times).unwrap(), json);
        let missing: Times = serde_json::from_str(r#"{"at":"2026-11-24T06:00:00Z"}"#).unwrap();
        assert_eq!(missing.maybe, None);
        assert!(serde_json::from_str::<Times>(r#"{"at":"2026-11-24 14:00"}"#).is_err());
    }
}
