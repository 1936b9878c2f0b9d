//! Revalidation for every read: a `GET` answered 200 carries a weak `ETag` (a hash of its body),
//! and a request whose `If-None-Match` names it is answered `304 Not Modified` without a body.
//!
//! Why a hash of the answer rather than a version kept in the database: an answer depends on
//! the clock too (an activity's status, "today"), and on who asks, so only the answer itself
//! says when it changed. The handler still runs; what is saved is the body on the wire, which is
//! what a phone on a slow link and a display screen polling all day pay for.
//!
//! Every answer is revalidated before use (`no-cache`): places left change with each sign-up. An
//! answer to a request with a session is also `private`: no cache between the station and the
//! person may keep it. (A shared computer's client asks with `cache: "no-store"`, so its browser
//! keeps nothing; the service worker keeps a signed-in person's reads for offline use and the app
//! drops them at sign-out.)

use axum::body::{Body, HttpBody};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Answers larger than this are passed on as they are (none of the JSON reads comes close).
const MAX_HASHED_BYTES: u64 = 8 * 1024 * 1024;

pub async fn layer(request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let with_session = request.headers().contains_key(header::AUTHORIZATION);
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    // A handler that tagged its answer itself (`tagged`: the display screen's, whose tag
    // leaves out the moment it was made) keeps its tag.
    if response.status() != StatusCode::OK || response.headers().contains_key(header::ETAG) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    if body
        .size_hint()
        .exact()
        .is_none_or(|size| size > MAX_HASHED_BYTES)
    {
        return Response::from_parts(parts, body);
    }
    let bytes = match axum::body::to_bytes(body, MAX_HASHED_BYTES as usize).await {
        Ok(bytes) => bytes,
        Err(error) => {
            return ApiError::Internal(anyhow::anyhow!("reading an answer to tag it: {error}"))
                .into_response()
        }
    };
    let tag = etag_of(&bytes);
    set_caching(&mut parts.headers, &tag, with_session);
    if if_none_match.is_some_and(|value| matches(&value, &tag)) {
        let mut not_modified = Response::new(Body::empty());
        *not_modified.status_mut() = StatusCode::NOT_MODIFIED;
        // A 304 carries the headers a 200 would have for caching, and no content headers.
        for name in [header::ETAG, header::CACHE_CONTROL, header::VARY] {
            for value in parts.headers.get_all(&name) {
                not_modified
                    .headers_mut()
                    .append(name.clone(), value.clone());
            }
        }
        return not_modified;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A JSON answer tagged by its handler from `identity` (what the answer says, less what changes
/// with every request) rather than from its bytes: `If-None-Match` naming it → 304 without a
/// body. Never `private`: such an answer is the same for everyone.
pub fn tagged(if_none_match: Option<&HeaderValue>, identity: &[u8], body: Vec<u8>) -> Response {
    let tag = etag_of(identity);
    let mut headers = HeaderMap::new();
    set_caching(&mut headers, &tag, false);
    let mut response = if if_none_match.is_some_and(|value| matches(value, &tag)) {
        let mut not_modified = Response::new(Body::empty());
        *not_modified.status_mut() = StatusCode::NOT_MODIFIED;
        not_modified
    } else {
        let mut ok = Response::new(Body::from(body));
        ok.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        ok
    };
    response.headers_mut().extend(headers);
    response
}

/// `W/"<22 characters>"`: weak, because the same answer goes out brotli-, gzip- or
/// un-compressed. XXH3's 128 bits: two answers do not share a tag by chance, every server of
/// a build (and of the next: the hash is specified) tags an answer alike, and it costs next to
/// nothing (SHA-256 took a fifth of the calendar list's time; nobody forges an answer's tag).
fn etag_of(body: &[u8]) -> HeaderValue {
    let digest = xxhash_rust::xxh3::xxh3_128(body).to_le_bytes();
    let tag = format!("W/\"{}\"", URL_SAFE_NO_PAD.encode(digest));
    HeaderValue::from_str(&tag).expect("base64url is a valid header value")
}

fn set_caching(headers: &mut HeaderMap, tag: &HeaderValue, with_session: bool) {
    headers.insert(header::ETAG, tag.clone());
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(if with_session {
            "private, no-cache"
        } else {
            "no-cache"
        }));
    // A staff member's session sees drafts at the same URL: a cache must not mix the two. And
    // the answer may go out compressed: said here too, because the compression layer says so
    // only on bodies it compresses, and a 304 must name what its 200 varies by.
    headers.append(header::VARY, HeaderValue::from_static("authorization"));
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
}

/// Whether an `If-None-Match` list names the tag (weak comparison, as RFC 9110 asks for it).
fn matches(if_none_match: &HeaderValue, tag: &HeaderValue) -> bool {
    let Ok(list) = if_none_match.to_str() else {
        return false;
    };
    let ours = opaque(tag.to_str().unwrap_or_default());
    list.split(',')
        .map(str::trim)
        .any(|candidate| candidate == "*" || (!candidate.is_empty() && opaque(candidate) == ours))
}

fn opaque(tag: &str) -> &str {
    tag.strip_prefix("W/").unwrap_or(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_comparison_over_a_list() {
        let tag = etag_of(b"{\"items\":[]}");
        let strong = tag.to_str().unwrap().trim_start_matches("W/").to_owned();
        let list = |value: &str| HeaderValue::from_str(value).unwrap();
        assert!(matches(&tag, &tag));
        assert!(matches(&list(&strong), &tag));
        assert!(matches(&list(&format!("\"other\", {strong}")), &tag));
        assert!(matches(&list("*"), &tag));
        assert!(!matches(&list("\"other\""), &tag));
        assert!(!matches(&list(""), &tag));
        assert_ne!(etag_of(b"a"), etag_of(b"b"));
    }
}
