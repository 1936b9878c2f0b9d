//! 好人榜: the board, an honor, likes; nominating (with photos uploaded one by one, their
//! progress told) and one's nominations; staff's review.

use station_wire::honors::{
    BoardMonth, ConsentInput, Honor, HonorCategory, HonorReason, HonorStatus, LikeState,
    NewNomination, Nomination, NominationEdit, PhotoRef, PublishHonor,
};
use station_wire::page::{List, Page};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{json, Api, ApiError, Method};

/// What a board is asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardQuery {
    pub site: Option<i64>,
    pub month: Option<String>,
    pub category: Option<HonorCategory>,
    pub cursor: Option<String>,
}

impl Api {
    /// `GET /honors`: the board, newest published first.
    pub async fn honors(&self, query: &BoardQuery) -> Result<Page<Honor>, ApiError> {
        let mut pairs = vec![("limit", "24".to_owned())];
        if let Some(site) = query.site {
            pairs.push(("site_id", site.to_string()));
        }
        if let Some(month) = &query.month {
            pairs.push(("month", month.clone()));
        }
        if let Some(category) = query.category {
            pairs.push(("category", category.slug().to_owned()));
        }
        if let Some(cursor) = &query.cursor {
            pairs.push(("cursor", crate::session::encode_component(cursor)));
        }
        let query: Vec<String> = pairs
            .into_iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        self.get(&format!("/honors?{}", query.join("&"))).await
    }

    /// `GET /honors/months`: the months a board has honors in, newest first.
    pub async fn honor_months(&self, site: Option<i64>) -> Result<List<BoardMonth>, ApiError> {
        match site {
            Some(site) => self.get(&format!("/honors/months?site_id={site}")).await,
            None => self.get("/honors/months").await,
        }
    }

    /// `GET /honors/{id}`.
    pub async fn honor(&self, id: i64) -> Result<Honor, ApiError> {
        self.get(&format!("/honors/{id}")).await
    }

    /// `PUT` (like) or `DELETE` (take it back) `/honors/{id}/like`.
    pub async fn like_honor(&self, id: i64, like: bool) -> Result<LikeState, ApiError> {
        let method = if like { Method::Put } else { Method::Delete };
        self.request(method, &format!("/honors/{id}/like"), None)
            .await
    }

    /// `POST /nominations`.
    pub async fn nominate(&self, nomination: &NewNomination) -> Result<Nomination, ApiError> {
        self.request(Method::Post, "/nominations", json(nomination))
            .await
    }

    /// `GET /me/nominations`, a page at a time.
    pub async fn my_nominations(&self, cursor: Option<&str>) -> Result<Page<Nomination>, ApiError> {
        match cursor {
            Some(cursor) => self.get(&format!("/me/nominations?cursor={cursor}")).await,
            None => self.get("/me/nominations").await,
        }
    }

    /// `GET /staff/nominations?status=`: the nominations of the sites one runs.
    pub async fn staff_nominations(
        &self,
        status: Option<HonorStatus>,
        cursor: Option<&str>,
    ) -> Result<Page<Nomination>, ApiError> {
        let mut query = vec![];
        if let Some(status) = status {
            query.push(format!("status={}", status.slug()));
        }
        if let Some(cursor) = cursor {
            query.push(format!("cursor={cursor}"));
        }
        self.get(&format!("/staff/nominations?{}", query.join("&")))
            .await
    }

    /// `GET /nominations/{id}`: for its nominator and staff of its site.
    pub async fn nomination(&self, id: i64) -> Result<Nomination, ApiError> {
        self.get(&format!("/nominations/{id}")).await
    }

    /// `PUT /nominations/{id}`: staff edit the words.
    pub async fn edit_nomination(
        &self,
        id: i64,
        edit: &NominationEdit,
    ) -> Result<Nomination, ApiError> {
        self.request(Method::Put, &format!("/nominations/{id}"), json(edit))
            .await
    }

    /// `PUT /nominations/{id}/consent`.
    pub async fn record_consent(
        &self,
        id: i64,
        consent: &ConsentInput,
    ) -> Result<Nomination, ApiError> {
        let path = format!("/nominations/{id}/consent");
        self.request(Method::Put, &path, json(consent)).await
    }

    /// `DELETE /nominations/{id}/consent`: the nominee withdrew it.
    pub async fn withdraw_consent(&self, id: i64) -> Result<Nomination, ApiError> {
        let path = format!("/nominations/{id}/consent");
        self.request(Method::Delete, &path, None).await
    }

    /// `POST /nominations/{id}/publish`.
    pub async fn publish_honor(
        &self,
        id: i64,
        publish: &PublishHonor,
    ) -> Result<Nomination, ApiError> {
        let path = format!("/nominations/{id}/publish");
        self.request(Method::Post, &path, json(publish)).await
    }

    /// `POST /nominations/{id}/reject` (`unpublish: false`) or `…/unpublish`, with a reason.
    pub async fn take_off(
        &self,
        id: i64,
        unpublish: bool,
        reason: &HonorReason,
    ) -> Result<Nomination, ApiError> {
        let step = if unpublish { "unpublish" } else { "reject" };
        let path = format!("/nominations/{id}/{step}");
        self.request(Method::Post, &path, json(reason)).await
    }

    /// The address of a photo the API names (`/api/v1/photos/…`), for an `<img>`.
    pub fn photo_url(&self, url: &str) -> String {
        if url.starts_with('/') {
            format!("{}{url}", self.base)
        } else {
            url.to_owned()
        }
    }

    /// `POST /photos` with the file's bytes, telling `progress` the percent sent as it goes
    /// (an XMLHttpRequest: `fetch` tells nothing of an upload's progress). Its answer goes
    /// through the same decoding as every other.
    pub async fn upload_photo(
        &self,
        file: web_sys::File,
        progress: impl Fn(u32) + 'static,
    ) -> Result<PhotoRef, ApiError> {
        let xhr = web_sys::XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
        xhr.open("POST", &self.url("/photos"))
            .map_err(|_| ApiError::Network)?;
        let _ = xhr.set_request_header("Content-Type", "application/octet-stream");
        let _ = xhr.set_request_header("Accept", "application/json");
        let token = self.token();
        if let Some(token) = &token {
            let _ = xhr.set_request_header("Authorization", &format!("Bearer {token}"));
        }
        let on_progress =
            Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
                if event.length_computable() && event.total() > 0.0 {
                    progress((event.loaded() * 100.0 / event.total()) as u32);
                }
            });
        if let Ok(upload) = xhr.upload() {
            upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        }
        let done = js_sys::Promise::new(&mut |resolve, reject| {
            xhr.set_onload(Some(&resolve));
            xhr.set_onerror(Some(&reject));
            xhr.set_onabort(Some(&reject));
        });
        xhr.send_with_opt_blob(Some(&file))
            .map_err(|_| ApiError::Network)?;
        let sent = wasm_bindgen_futures::JsFuture::from(done).await;
        drop(on_progress);
        sent.map_err(|_| ApiError::Network)?;
        let status = xhr.status().map_err(|_| ApiError::Network)?;
        let body = xhr.response_text().ok().flatten().unwrap_or_default();
        let header = |name: &str| xhr.get_response_header(name).ok().flatten();
        self.answered(
            status,
            token.is_some(),
            header("content-type").as_deref(),
            header("retry-after").as_deref(),
            &body,
        )?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }
}
