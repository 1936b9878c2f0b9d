//! Text fields as the OpenAPI document states them: the length is counted on the text as sent
//! (a schema's `maxLength` counts what is sent, spaces too), a required one must hold something
//! besides white space (the document's pattern `[^\t-\r \u0085…]`: Rust's `str::trim` set, which
//! differs from a schema's `\s` in U+0085 and U+FEFF), and the text is kept trimmed.

use station_wire::problem::codes;

use crate::error::FieldErrors;

/// A text that must not be blank; answers it trimmed.
pub fn required<'a>(errors: &mut FieldErrors, field: &str, raw: &'a str, max: usize) -> &'a str {
    let text = raw.trim();
    if text.is_empty() {
        errors.add(field, codes::REQUIRED, "Required: not blank.");
        text
    } else {
        optional(errors, field, raw, max)
    }
}

/// A text that may be empty; answers it trimmed.
pub fn optional<'a>(errors: &mut FieldErrors, field: &str, raw: &'a str, max: usize) -> &'a str {
    if raw.chars().count() > max {
        errors.add(field, codes::TOO_LONG, format!("At most {max} characters."));
    }
    raw.trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_what_was_sent_and_blank_is_what_trim_removes() {
        let mut errors = FieldErrors::default();
        assert_eq!(required(&mut errors, "a", " ab ", 4), "ab");
        assert!(!errors.has("a"));
        required(&mut errors, "b", " ab  ", 4);
        assert!(
            errors.has("b"),
            "five characters as sent are more than four"
        );
        required(&mut errors, "c", "\u{85}\u{3000}\t", 10);
        assert!(errors.has("c"), "U+0085 and U+3000 are white space");
        assert_eq!(required(&mut errors, "d", "\u{feff}", 10), "\u{feff}");
        assert!(!errors.has("d"), "U+FEFF is not white space to trim");
    }
}
