//! Files the app hands to the browser (a CSV report): a download, named.

use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::JsCast;

use crate::api::ApiFile;

/// Offers `bytes` to the browser as a download named `file_name`.
pub fn download(bytes: &[u8], file_name: &str, mime: &str) -> Option<()> {
    let array = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&array, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    // In the document while it is clicked (some browsers ignore a detached link), and the blob
    // kept until the browser has begun to save it.
    let body = document.body()?;
    body.append_child(&link).ok()?;
    link.click();
    link.remove();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(30),
    );
    Some(())
}

/// [`download`] of a CSV file, under the name the backend gave it.
pub fn download_csv(file: &ApiFile) {
    let _ = download(&file.bytes, &file.name, "text/csv;charset=utf-8");
}
