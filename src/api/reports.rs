//! Records: one's service certificate, and staff's CSV reports.

use station_wire::reports::Certificate;

use super::{Api, ApiError, ApiFile};

impl Api {
    /// `GET /me/certificate`.
    pub async fn certificate(&self) -> Result<Certificate, ApiError> {
        self.get("/me/certificate").await
    }

    /// `GET /staff/reports/hours.csv?phone=`: a resident's confirmed hours, as CSV bytes.
    pub async fn hours_csv(&self, phone: &str) -> Result<ApiFile, ApiError> {
        self.csv(
            &format!("/staff/reports/hours.csv?phone={phone}"),
            "hours.csv",
        )
        .await
    }

    /// `GET /staff/reports/monthly.csv?site=&month=`: a site's month by category, as CSV bytes.
    pub async fn monthly_csv(&self, site: i64, month: &str) -> Result<ApiFile, ApiError> {
        self.csv(
            &format!("/staff/reports/monthly.csv?site={site}&month={month}"),
            "report.csv",
        )
        .await
    }
}
