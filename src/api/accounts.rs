//! Accounts and sessions: register, sign in and out, who am I, change password, and staff
//! helping a resident (opening an account, a new password).

use station_wire::accounts::{
    AccountSummary, ChangePasswordRequest, CreateAccountRequest, Me, RegisterRequest,
    ResetPasswordRequest, Session, SignInRequest,
};

use station_wire::privacy::DeleteAccountRequest;

use super::{json, Api, ApiError, ApiFile, Method};

impl Api {
    /// `GET /me/export`: everything the station keeps about me, as the JSON file to save.
    pub async fn my_data(&self) -> Result<ApiFile, ApiError> {
        self.file("/me/export", "application/json", "my-data.json")
            .await
    }

    /// `DELETE /me`: delete my account, confirmed with its password.
    pub async fn delete_me(&self, request: &DeleteAccountRequest) -> Result<(), ApiError> {
        self.request_empty(Method::Delete, "/me", json(request))
            .await
    }

    /// `POST /accounts`: register, and be signed in at once.
    pub async fn register(&self, request: &RegisterRequest) -> Result<Session, ApiError> {
        self.request(Method::Post, "/accounts", json(request)).await
    }

    /// `POST /sessions`: sign in.
    pub async fn sign_in(&self, request: &SignInRequest) -> Result<Session, ApiError> {
        self.request(Method::Post, "/sessions", json(request)).await
    }

    /// `DELETE /sessions/current`: revoke this session on the server.
    pub async fn sign_out(&self) -> Result<(), ApiError> {
        self.request_empty(Method::Delete, "/sessions/current", None)
            .await
    }

    /// `GET /me`: the signed-in account.
    pub async fn me(&self) -> Result<Me, ApiError> {
        self.get("/me").await
    }

    /// `PUT /me/password`.
    pub async fn change_password(&self, request: &ChangePasswordRequest) -> Result<(), ApiError> {
        self.request_empty(Method::Put, "/me/password", json(request))
            .await
    }

    /// `POST /staff/accounts`: staff open an account on behalf of a resident.
    pub async fn create_account(
        &self,
        request: &CreateAccountRequest,
    ) -> Result<AccountSummary, ApiError> {
        self.request(Method::Post, "/staff/accounts", json(request))
            .await
    }

    /// `GET /staff/accounts?phone=`: a resident of the caller's sites, by mobile number.
    pub async fn find_resident(&self, phone: &str) -> Result<AccountSummary, ApiError> {
        let path = format!(
            "/staff/accounts?phone={}",
            crate::session::encode_component(phone)
        );
        self.get(&path).await
    }

    /// `PUT /staff/accounts/{id}/password`: a new password for a resident who forgot theirs.
    pub async fn reset_password(
        &self,
        account_id: i64,
        request: &ResetPasswordRequest,
    ) -> Result<AccountSummary, ApiError> {
        let path = format!("/staff/accounts/{account_id}/password");
        self.request(Method::Put, &path, json(request)).await
    }
}
