//! CSV files for Excel: UTF-8 with a BOM (so Excel reads the Chinese), and every cell that a
//! spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first)
//! written after a `'`, so that a name typed as `=HYPERLINK(…)` stays a name.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The cell as a spreadsheet shows it and never runs it.
pub fn safe_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response())
}
