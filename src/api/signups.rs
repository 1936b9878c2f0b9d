//! Sign-ups, check-in and service hours.

use station_wire::page::List;
use station_wire::signups::{
    CheckinCode, CheckinRequest, ConfirmHoursRequest, HoursSummary, ManualCheckinRequest, MySignup,
    RosterEntry, ServiceHours, SignUpOnBehalf, Signup,
};

use super::{json, Api, ApiError, ApiFile, Method};

impl Api {
    /// `POST /activities/{id}/signups`: take a place, or a place in the queue.
    pub async fn sign_up(&self, activity_id: i64) -> Result<Signup, ApiError> {
        let path = format!("/activities/{activity_id}/signups");
        self.request(Method::Post, &path, None).await
    }

    /// `DELETE /activities/{id}/signups/me`: give the place back.
    pub async fn cancel_signup(&self, activity_id: i64) -> Result<Signup, ApiError> {
        let path = format!("/activities/{activity_id}/signups/me");
        self.request(Method::Delete, &path, None).await
    }

    /// `GET /me/signups`: every sign-up of the signed-in account, with its activity.
    pub async fn my_signups(&self) -> Result<List<MySignup>, ApiError> {
        self.get("/me/signups").await
    }

    /// `GET /me/hours`: confirmed hours and star level.
    pub async fn my_hours(&self) -> Result<HoursSummary, ApiError> {
        self.get("/me/hours").await
    }

    /// `GET /activities/{id}/signups`: the roster, for staff and the team leader.
    pub async fn roster(&self, activity_id: i64) -> Result<List<RosterEntry>, ApiError> {
        self.get(&format!("/activities/{activity_id}/signups"))
            .await
    }

    /// `POST /activities/{id}/signups/on-behalf`: staff sign up a resident found by phone.
    pub async fn sign_up_on_behalf(
        &self,
        activity_id: i64,
        request: &SignUpOnBehalf,
    ) -> Result<RosterEntry, ApiError> {
        let path = format!("/activities/{activity_id}/signups/on-behalf");
        self.request(Method::Post, &path, json(request)).await
    }

    /// `DELETE /activities/{id}/signups/{account_id}`: staff cancel a sign-up for its person.
    pub async fn cancel_on_behalf(
        &self,
        activity_id: i64,
        account_id: i64,
    ) -> Result<Signup, ApiError> {
        let path = format!("/activities/{activity_id}/signups/{account_id}");
        self.request(Method::Delete, &path, None).await
    }

    /// `GET /activities/{id}/signups.csv`: the roster as CSV bytes (UTF-8 with BOM).
    pub async fn roster_csv(&self, activity_id: i64) -> Result<ApiFile, ApiError> {
        let fallback = format!("activity-{activity_id}-roster.csv");
        self.csv(&format!("/activities/{activity_id}/signups.csv"), &fallback)
            .await
    }

    /// `POST /signups/{id}/no-show`.
    pub async fn mark_no_show(&self, signup_id: i64) -> Result<Signup, ApiError> {
        let path = format!("/signups/{signup_id}/no-show");
        self.request(Method::Post, &path, None).await
    }

    /// `GET /activities/{id}/checkin-code`.
    pub async fn checkin_code(&self, activity_id: i64) -> Result<CheckinCode, ApiError> {
        self.get(&format!("/activities/{activity_id}/checkin-code"))
            .await
    }

    /// `POST /activities/{id}/checkins`: the volunteer checks in with the scanned code.
    pub async fn check_in(&self, activity_id: i64, code: &str) -> Result<Signup, ApiError> {
        let path = format!("/activities/{activity_id}/checkins");
        self.request(
            Method::Post,
            &path,
            json(&CheckinRequest {
                code: code.to_string(),
            }),
        )
        .await
    }

    /// `POST /activities/{id}/checkins/manual`: staff check a resident in by hand.
    pub async fn check_in_manually(
        &self,
        activity_id: i64,
        account_id: i64,
    ) -> Result<Signup, ApiError> {
        let path = format!("/activities/{activity_id}/checkins/manual");
        let body = json(&ManualCheckinRequest { account_id });
        self.request(Method::Post, &path, body).await
    }

    /// `PUT /signups/{id}/hours`: confirm or adjust (with a reason) the hours.
    pub async fn confirm_hours(
        &self,
        signup_id: i64,
        request: &ConfirmHoursRequest,
    ) -> Result<ServiceHours, ApiError> {
        let path = format!("/signups/{signup_id}/hours");
        self.request(Method::Put, &path, json(request)).await
    }

    /// Where the `.ics` reminder of an activity is downloaded (public, a plain link).
    pub fn calendar_ics_url(&self, activity_id: i64) -> String {
        self.url(&format!("/activities/{activity_id}/calendar.ics"))
    }
}
