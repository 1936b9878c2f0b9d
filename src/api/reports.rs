//! Records: one's service certificate, and staff's CSV reports.

use station_wire::reports::Certificate;

use super::{Api, ApiError, ApiFile};

/// What staff export for a date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Orders,
    Wishes,
}

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

    /// `GET /staff/reports/orders.csv` or `wishes.csv`: the orders placed or the wishes posted
    /// from `from` to `to` (`YYYY-MM-DD`, both included) at a site and the sites below it.
    pub async fn export_csv(
        &self,
        what: Export,
        site: i64,
        from: &str,
        to: &str,
    ) -> Result<ApiFile, ApiError> {
        let name = match what {
            Export::Orders => "orders.csv",
            Export::Wishes => "wishes.csv",
        };
        self.csv(
            &format!("/staff/reports/{name}?site_id={site}&from={from}&to={to}"),
            name,
        )
        .await
    }
}
