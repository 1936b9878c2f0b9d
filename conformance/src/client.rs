//! A small blocking HTTP client that turns every surprise into a readable `Err`.

use std::time::Duration;

use serde::de::DeserializeOwned;
use station_wire::problem::{Problem, PROBLEM_JSON};

pub struct Client {
    base_url: String,
    http: reqwest::blocking::Client,
}

/// A file answered (a photo), its bytes as they came.
pub struct Download {
    pub status: u16,
    pub content_type: String,
    pub cache_control: String,
    pub etag: Option<String>,
    pub bytes: Vec<u8>,
}

/// One answer, read whole.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    /// The `ETag`, if any.
    pub etag: Option<String>,
    pub body: String,
}

impl Client {
    pub fn new(base_url: &str) -> Self {
        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(15))
            .build()
            .expect("an HTTP client");
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            http,
        }
    }

    pub fn get(&self, path: &str) -> Result<Answer, String> {
        self.send("GET", path, None, None)
    }

    /// A GET that names the answer it holds (`If-None-Match`).
    pub fn get_if_none_match(&self, path: &str, etag: &str) -> Result<Answer, String> {
        self.request("GET", path, None, None, Some(etag))
    }

    /// Any request, with an optional bearer token and JSON body.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&serde_json::Value>,
    ) -> Result<Answer, String> {
        self.request(method, path, token, body, None)
    }

    fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&serde_json::Value>,
        if_none_match: Option<&str>,
    ) -> Result<Answer, String> {
        let url = format!("{}{path}", self.base_url);
        let method = reqwest::Method::from_bytes(method.as_bytes())
            .map_err(|error| format!("{method}: {error}"))?;
        let mut request = self.http.request(method.clone(), &url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        if let Some(etag) = if_none_match {
            request = request.header(reqwest::header::IF_NONE_MATCH, etag);
        }
        let response = request
            .send()
            .map_err(|error| format!("{method} {url}: {error}"))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let etag = response
            .headers()
            .get(reqwest::header::ETAG)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = response
            .text()
            .map_err(|error| format!("{url}: reading the body: {error}"))?;
        Ok(Answer {
            status,
            content_type,
            etag,
            body,
        })
    }

    /// A body of bytes (an uploaded photo), as `application/octet-stream`.
    pub fn upload(
        &self,
        path: &str,
        token: Option<&str>,
        bytes: Vec<u8>,
    ) -> Result<Answer, String> {
        let url = format!("{}{path}", self.base_url);
        let mut request = self
            .http
            .post(&url)
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .body(bytes);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request
            .send()
            .map_err(|error| format!("POST {url}: {error}"))?;
        let header = |name| header_text(response.headers(), name);
        let (status, content_type, etag) = (
            response.status().as_u16(),
            header(reqwest::header::CONTENT_TYPE),
            response
                .headers()
                .get(reqwest::header::ETAG)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned),
        );
        let body = response
            .text()
            .map_err(|error| format!("{url}: reading the body: {error}"))?;
        Ok(Answer {
            status,
            content_type,
            etag,
            body,
        })
    }

    /// A GET of a file, its bytes whole; `if_none_match` names an answer held.
    pub fn download(&self, path: &str, if_none_match: Option<&str>) -> Result<Download, String> {
        self.file(path, None, if_none_match)
    }

    /// A GET of a file with a bearer token (a staff export), its bytes whole: a byte-order mark
    /// is kept, as a text body would not keep it.
    pub fn download_as(&self, path: &str, token: Option<&str>) -> Result<Download, String> {
        self.file(path, token, None)
    }

    fn file(
        &self,
        path: &str,
        token: Option<&str>,
        if_none_match: Option<&str>,
    ) -> Result<Download, String> {
        let url = format!("{}{path}", self.base_url);
        let mut request = self.http.get(&url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(etag) = if_none_match {
            request = request.header(reqwest::header::IF_NONE_MATCH, etag);
        }
        let response = request
            .send()
            .map_err(|error| format!("GET {url}: {error}"))?;
        let header = |name| header_text(response.headers(), name);
        let (status, content_type, cache_control) = (
            response.status().as_u16(),
            header(reqwest::header::CONTENT_TYPE),
            header(reqwest::header::CACHE_CONTROL),
        );
        let etag = response
            .headers()
            .get(reqwest::header::ETAG)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let bytes = response
            .bytes()
            .map_err(|error| format!("{url}: reading the body: {error}"))?
            .to_vec();
        Ok(Download {
            status,
            content_type,
            cache_control,
            etag,
            bytes,
        })
    }

    /// GET expecting 200 and a JSON body of type `T`.
    pub fn json<T: DeserializeOwned>(&self, path: &str) -> Result<T, String> {
        let answer = self.get(path)?;
        if answer.status != 200 {
            return Err(format!(
                "GET {path}: status {} (want 200): {}",
                answer.status,
                snippet(&answer.body)
            ));
        }
        if media_type(&answer.content_type) != "application/json" {
            return Err(format!(
                "GET {path}: content type `{}` (want application/json)",
                answer.content_type
            ));
        }
        serde_json::from_str(&answer.body).map_err(|error| {
            format!(
                "GET {path}: body does not match the contract: {error}: {}",
                snippet(&answer.body)
            )
        })
    }

    /// GET expecting an RFC 9457 problem with `status`.
    pub fn problem(&self, path: &str, status: u16) -> Result<Problem, String> {
        let answer = self.get(path)?;
        if answer.status != status {
            return Err(format!(
                "GET {path}: status {} (want {status}): {}",
                answer.status,
                snippet(&answer.body)
            ));
        }
        if media_type(&answer.content_type) != PROBLEM_JSON {
            return Err(format!(
                "GET {path}: content type `{}` (want {PROBLEM_JSON})",
                answer.content_type
            ));
        }
        let problem: Problem = serde_json::from_str(&answer.body).map_err(|error| {
            format!(
                "GET {path}: not a problem document: {error}: {}",
                snippet(&answer.body)
            )
        })?;
        if problem.status != status {
            return Err(format!(
                "GET {path}: problem.status {} differs from the HTTP status {status}",
                problem.status
            ));
        }
        Ok(problem)
    }
}

impl Answer {
    /// Expects `status` and a JSON body of type `T`; `what` names the request in messages.
    pub fn json<T: DeserializeOwned>(&self, what: &str, status: u16) -> Result<T, String> {
        if self.status != status {
            return Err(format!(
                "{what}: status {} (want {status}): {}",
                self.status,
                snippet(&self.body)
            ));
        }
        if media_type(&self.content_type) != "application/json" {
            return Err(format!(
                "{what}: content type `{}` (want application/json)",
                self.content_type
            ));
        }
        serde_json::from_str(&self.body).map_err(|error| {
            format!(
                "{what}: body does not match the contract: {error}: {}",
                snippet(&self.body)
            )
        })
    }

    /// Expects an RFC 9457 problem with `status` and `kind` (a `type` URI).
    pub fn problem(&self, what: &str, status: u16, kind: &str) -> Result<Problem, String> {
        if self.status != status {
            return Err(format!(
                "{what}: status {} (want {status} {kind}): {}",
                self.status,
                snippet(&self.body)
            ));
        }
        if media_type(&self.content_type) != PROBLEM_JSON {
            return Err(format!(
                "{what}: content type `{}` (want {PROBLEM_JSON})",
                self.content_type
            ));
        }
        let problem: Problem = serde_json::from_str(&self.body).map_err(|error| {
            format!(
                "{what}: not a problem document: {error}: {}",
                snippet(&self.body)
            )
        })?;
        if problem.kind != kind || problem.status != status {
            return Err(format!(
                "{what}: problem type `{}` status {} (want `{kind}` {status})",
                problem.kind, problem.status
            ));
        }
        Ok(problem)
    }

    /// Expects exactly `status` (for answers without a body, such as 204).
    pub fn status(&self, what: &str, status: u16) -> Result<(), String> {
        if self.status == status {
            Ok(())
        } else {
            Err(format!(
                "{what}: status {} (want {status}): {}",
                self.status,
                snippet(&self.body)
            ))
        }
    }
}

fn header_text(headers: &reqwest::header::HeaderMap, name: reqwest::header::HeaderName) -> String {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// `application/json; charset=utf-8` → `application/json`.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn snippet(body: &str) -> String {
    body.chars().take(300).collect()
}
