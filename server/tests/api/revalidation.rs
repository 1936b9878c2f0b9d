//! Every read can be revalidated: a weak `ETag` on each `GET` answered 200, `304 Not Modified`
//! without a body for an `If-None-Match` that names it, and a new tag once the answer changes.

use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_NONE_MATCH, VARY,
};
use reqwest::Method;

use crate::common::TestApp;
use crate::fixture::{Fixture, Who};
use crate::signups::sign_up;

fn header(response: &reqwest::Response, name: reqwest::header::HeaderName) -> String {
    response
        .headers()
        .get_all(name)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

async fn get_if_none_match(app: &TestApp, path: &str, tag: &str) -> reqwest::Response {
    app.request(Method::GET, path, None)
        .header(IF_NONE_MATCH, tag)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_repeated_read_is_answered_304_until_the_answer_changes() {
    let f = Fixture::new().await;
    let path = "/api/v1/activities";
    let first = f.app.get(path).await;
    assert_eq!(first.status(), 200);
    let tag = header(&first, ETAG);
    assert!(tag.starts_with("W/\"") && tag.ends_with('"'), "{tag}");
    assert_eq!(header(&first, CACHE_CONTROL), "no-cache");
    assert!(header(&first, VARY).contains("authorization"));
    assert!(header(&first, VARY).contains("accept-encoding"));
    let body = first.text().await.unwrap();
    assert!(body.contains(&format!("\"id\":{}", f.activity)));

    let again = get_if_none_match(&f.app, path, &tag).await;
    assert_eq!(again.status(), 304);
    assert_eq!(header(&again, ETAG), tag);
    assert_eq!(header(&again, CACHE_CONTROL), "no-cache");
    assert!(header(&again, VARY).contains("accept-encoding"));
    assert_eq!(again.bytes().await.unwrap().len(), 0);

    // Ours among others in the list is a match; a stale one alone is not.
    let listed = get_if_none_match(&f.app, path, &format!("W/\"stale\", {tag}")).await;
    assert_eq!(listed.status(), 304);
    let stale = get_if_none_match(&f.app, path, "W/\"stale\"").await;
    assert_eq!(stale.status(), 200);
    assert_eq!(stale.text().await.unwrap(), body);

    // A sign-up takes a place: the list is another answer with another tag.
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let signed_up = sign_up(&f.app, f.activity, &volunteer).await;
    assert_eq!(signed_up.status(), 201);
    assert_eq!(header(&signed_up, ETAG), "", "a write is not tagged");
    let changed = get_if_none_match(&f.app, path, &tag).await;
    assert_eq!(changed.status(), 200);
    assert_ne!(header(&changed, ETAG), tag);
    assert_ne!(changed.text().await.unwrap(), body);
}

#[tokio::test]
async fn the_tag_is_the_same_compressed_or_not() {
    let f = Fixture::new().await;
    let path = "/api/v1/activities?limit=200";
    let plain = f.app.get(path).await;
    let compressed = f
        .app
        .request(Method::GET, path, None)
        .header(ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&compressed, CONTENT_ENCODING), "br");
    assert_eq!(header(&compressed, ETAG), header(&plain, ETAG));
    let tag = header(&compressed, ETAG);
    let revalidated = f
        .app
        .request(Method::GET, path, None)
        .header(ACCEPT_ENCODING, "br")
        .header(IF_NONE_MATCH, &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), 304);
    assert_eq!(header(&revalidated, CONTENT_ENCODING), "");
}

#[tokio::test]
async fn what_a_session_reads_is_private_and_refusals_are_not_tagged() {
    let f = Fixture::new().await;
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let mine = f.app.get_with("/api/v1/me", &volunteer).await;
    assert_eq!(mine.status(), 200);
    assert_eq!(header(&mine, CACHE_CONTROL), "private, no-cache");
    assert!(!header(&mine, ETAG).is_empty());
    let public_with_session = f.app.get_with("/api/v1/activities", &volunteer).await;
    assert_eq!(
        header(&public_with_session, CACHE_CONTROL),
        "private, no-cache"
    );

    // One's whole record is kept by no cache at all.
    let export = f.app.get_with("/api/v1/me/export", &volunteer).await;
    assert_eq!(export.status(), 200);
    assert_eq!(header(&export, CACHE_CONTROL), "no-store");

    let missing = f.app.get("/api/v1/activities/999999").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(header(&missing, ETAG), "");
    let signed_out = f.app.get("/api/v1/me").await;
    assert_eq!(signed_out.status(), 401);
    assert_eq!(header(&signed_out, ETAG), "");
}
