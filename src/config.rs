//! Runtime configuration, read from `/config.json` when the app starts.
//!
//! The file is fetched bypassing the HTTP cache so that re-pointing a deployed `dist/` at another
//! backend takes effect on the next load. A missing or broken file means "same origin".

use leptos::prelude::*;
use serde::Deserialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Config {
    /// Where the API lives, without a trailing slash: `""` (same origin) or e.g.
    /// `https://station.example.cn`. Endpoint paths (`/api/v1/...`) are appended to it.
    #[serde(default)]
    pub api_base: String,
}

impl Config {
    pub const URL: &'static str = "/config.json";

    /// Reads the config; falls back to the default (same origin) when it cannot be read. The
    /// file is the one index.html's script started fetching before the wasm had loaded
    /// (`window.stationConfig`, the promise of its parsed body or null): a round trip less
    /// before the first data is asked for. Without that script (the component tests' page) it
    /// is fetched here.
    pub async fn load() -> Self {
        let config = match Self::fetched_early() {
            Some(early) => early.await,
            None => Self::fetch().await,
        };
        config.unwrap_or_default().normalized()
    }

    fn fetched_early() -> Option<impl std::future::Future<Output = Option<Self>>> {
        use wasm_bindgen::JsCast;
        let window = web_sys::window()?;
        let early = js_sys::Reflect::get(&window, &"stationConfig".into()).ok()?;
        let early = early.dyn_into::<js_sys::Promise>().ok()?;
        Some(async move {
            let parsed = wasm_bindgen_futures::JsFuture::from(early).await.ok()?;
            let api_base = js_sys::Reflect::get(&parsed, &"api_base".into()).ok()?;
            Some(Config {
                api_base: api_base.as_string().unwrap_or_default(),
            })
        })
    }

    async fn fetch() -> Option<Self> {
        let response = gloo_net::http::Request::get(Self::URL)
            .cache(web_sys::RequestCache::NoStore)
            .send()
            .await;
        match response {
            Ok(response) if response.ok() => response.json::<Config>().await.ok(),
            _ => None,
        }
    }

    fn normalized(mut self) -> Self {
        self.api_base = self.api_base.trim().trim_end_matches('/').to_string();
        self
    }
}

/// Makes the config available to everything below (call once, at the root).
pub fn provide_config(config: Config) {
    provide_context(config);
}

/// The runtime config provided at the root.
pub fn use_config() -> Config {
    use_context::<Config>().unwrap_or_default()
}
