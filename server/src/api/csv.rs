//! CSV files for Excel: UTF-8 with a BOM (so Excel reads the Chinese), and every cell that a
//! spreadsheet would take for a formula written after a `'`, so that a name typed as
//! `=HYPERLINK(…)` stays a name: one that starts — after any spaces or control characters, which
//! importers trim — with `=`, `+`, `-`, `@` or their full-width forms (WPS reads those too), or
//! with a tab or a line break.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The cell as a spreadsheet shows it and never runs it.
pub fn safe_cell(text: &str) -> std::borrow::Cow<'_, str> {
    let first = text
        .trim_start_matches(|c: char| c.is_whitespace() || c.is_control())
        .chars()
        .next();
    let formula = matches!(
        first,
        Some('=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}')
    );
    if formula || text.starts_with(['\t', '\r', '\n']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// A CSV answer named `file_name`: the header row, then the rows, each cell made safe.
pub fn file<R, C>(file_name: &str, header_row: &[&str], rows: R) -> Result<Response, ApiError>
where
    R: IntoIterator<Item = Vec<C>>,
    C: AsRef<str>,
{
    let mut writer = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let failed = |error: csv::Error| ApiError::Internal(error.into());
    writer.write_record(header_row).map_err(failed)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| safe_cell(cell.as_ref()).into_owned()))
            .map_err(failed)?;
    }
    let body = writer
        .into_inner()
        .map_err(|error| ApiError::Internal(anyhow::anyhow!("csv: {error}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            // People's names and hours: downloaded, never kept by a cache.
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::safe_cell;

    #[test]
    fn every_formula_trigger_is_made_text_and_nothing_else_is() {
        for formula in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            " =1",
            "\u{3000}=1",
            "\u{A0}+1",
            "\u{FF1D}1",
            "\u{FF0B}1",
            "\u{FF0D}1",
            "\u{FF20}1",
            "\tx",
            "\rx",
            "\nx",
        ] {
            assert_eq!(safe_cell(formula), format!("'{formula}"), "{formula:?}");
        }
        for plain in ["林晓雨", "1.5", "2026-11-04", "a=b", "", "上门理发 -2"] {
            assert_eq!(safe_cell(plain), plain, "{plain:?}");
        }
    }
}
