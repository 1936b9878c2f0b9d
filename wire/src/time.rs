//! RFC 3339 times on the wire, through chrono's dedicated RFC 3339 parser and printer rather than
//! its general format engine, which would add tens of kilobytes to the browser bundle.

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
        DateTime::parse_from_rfc3339(&text).map_err(D::Error::custom)
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
