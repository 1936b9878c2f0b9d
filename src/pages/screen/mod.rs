//! `/screen/:site`: the display screen (大屏) — an unattended full-screen board in a service
//! center's hall, read from three metres, that nobody touches for weeks. Options in the query:
//! `panels` (a comma list of `activities,honors,wishes,figures,qr`; all by default), `seconds`
//! per panel (15), `refresh` seconds between fetches (60), `screen` (its name for the heartbeat),
//! `preview=true` (staff looking at it: no heartbeat) and `lang` (read by index.html).
//!
//! One fetch per refresh (`GET /screens/{site}`: the browser revalidates it, 304 when nothing
//! changed). When the backend or the network is down, the last good data stays with a discreet
//! 更新于 and the fetch is tried again with a growing pause (5 s doubling to 5 minutes); it
//! recovers by itself. The last good data is also kept on the device, so a screen PC that
//! reboots while the network is down comes back showing it (its shell is the service worker's).
//! One interval drives the clock and the rotation, one timeout the next fetch: both are cleared
//! when the page goes, so nothing piles up over weeks. A new version of the app on the server is
//! taken between two panels (`update`).

mod panels;
mod update;

use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use leptos::prelude::*;
use station_wire::screens::{ScreenData, DEFAULT_SCREEN_NAME};

use self::panels::{ActivitiesPanel, FiguresPanel, HonorsPanel, QrPanel, WishesPanel};
use crate::api::use_api;
use crate::i18n::{fill, full_date, time_hm, use_i18n};
use crate::router::{use_params_map, use_query_map};

/// The panels, in the order they rotate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Activities,
    Honors,
    Wishes,
    Figures,
    Qr,
}

impl Panel {
    const ALL: [Panel; 5] = [
        Panel::Activities,
        Panel::Honors,
        Panel::Wishes,
        Panel::Figures,
        Panel::Qr,
    ];

    fn slug(self) -> &'static str {
        match self {
            Panel::Activities => "activities",
            Panel::Honors => "honors",
            Panel::Wishes => "wishes",
            Panel::Figures => "figures",
            Panel::Qr => "qr",
        }
    }

    /// Whether it has anything to show (an empty board is skipped, not shown empty).
    fn has_data(self, data: &ScreenData) -> bool {
        match self {
            Panel::Honors => !data.honors.is_empty(),
            Panel::Wishes => !data.wishes.is_empty(),
            _ => true,
        }
    }
}

/// The panels asked for in `panels=` (unknown names ignored; none known: all).
pub fn panels_of(query: Option<&str>) -> Vec<Panel> {
    let asked: Vec<Panel> = query
        .unwrap_or_default()
        .split(',')
        .filter_map(|name| {
            Panel::ALL
                .into_iter()
                .find(|panel| panel.slug() == name.trim())
        })
        .collect();
    if asked.is_empty() {
        Panel::ALL.to_vec()
    } else {
        asked
    }
}

/// The pause before the next try after `failures` failed fetches in a row: 5 s doubling, at
/// most 5 minutes.
pub fn backoff(failures: u32) -> Duration {
    Duration::from_secs((5u64 << failures.min(6)).min(300))
}

/// A whole number of seconds from the query, within bounds, else the default.
fn seconds_of(value: Option<String>, default: u64, min: u64, max: u64) -> u64 {
    value
        .and_then(|text| text.parse::<u64>().ok())
        .filter(|seconds| (min..=max).contains(seconds))
        .unwrap_or(default)
}

const KEPT_PREFIX: &str = "station.screen.";

/// The last good data kept on this device for this site (none, or unreadable: none).
fn kept(site: i64) -> Option<ScreenData> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let text = storage.get_item(&format!("{KEPT_PREFIX}{site}")).ok()??;
    serde_json::from_str(&text).ok()
}

fn keep(site: i64, data: &ScreenData) {
    let Some(storage) = web_sys::window().and_then(|window| window.local_storage().ok().flatten())
    else {
        return;
    };
    if let Ok(text) = serde_json::to_string(data) {
        // A full storage keeps the older copy: the screen goes on with what it has.
        let _ = storage.set_item(&format!("{KEPT_PREFIX}{site}"), &text);
    }
}

/// Now, in the station's zone (the offset its data was written in).
fn station_now(offset: FixedOffset) -> DateTime<FixedOffset> {
    let millis = js_sys::Date::now() as i64;
    offset
        .timestamp_millis_opt(millis)
        .single()
        .unwrap_or_else(|| Utc::now().with_timezone(&offset))
}

#[component]
pub fn ScreenPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let query = use_query_map();
    let site = params
        .read_untracked()
        .get("site")
        .and_then(|site| site.parse::<i64>().ok());
    let (panels, seconds, refresh, name, preview) = query.with_untracked(|query| {
        (
            panels_of(query.get("panels").as_deref()),
            seconds_of(query.get("seconds"), 15, 1, 600),
            seconds_of(query.get("refresh"), 60, 1, 3600),
            query
                .get("screen")
                .filter(|name| !name.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_SCREEN_NAME.to_owned()),
            query.get("preview").as_deref() == Some("true"),
        )
    });
    let data = RwSignal::new(site.and_then(kept));
    // Fetches failed in a row: while there are any, the data shown says when it was made.
    let failures = RwSignal::new(0u32);
    let unknown_site = RwSignal::new(site.is_none());
    let tick = RwSignal::new(0u64);
    // The script this page runs, and whether the server now serves another (`update`).
    let running = update::running_script();
    let update_ready = RwSignal::new(false);

    // One timeout at a time for the next fetch; cleared with the page.
    let next_fetch = StoredValue::new(None::<TimeoutHandle>);
    let fetch = StoredValue::new_local(None::<Box<dyn Fn()>>);
    let schedule = move |after: Duration| {
        if let Some(handle) = next_fetch.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                fetch.with_value(|fetch| {
                    if let Some(run) = fetch {
                        run();
                    }
                })
            },
            after,
        )
        .ok();
        next_fetch.set_value(handle);
    };
    if let Some(site) = site {
        let name = name.clone();
        fetch.set_value(Some(Box::new(move || {
            let (api, name, running) = (api.clone(), name.clone(), running.clone());
            leptos::task::spawn_local(async move {
                let answer = api.screen(site, &name, preview).await;
                // The page went while the fetch was out: nothing to draw, nothing to schedule.
                if data.is_disposed() {
                    return;
                }
                match answer {
                    Ok(fresh) => {
                        keep(site, &fresh);
                        failures.set(0);
                        if data.with_untracked(|shown| shown.as_ref() != Some(&fresh)) {
                            data.set(Some(fresh));
                        }
                        schedule(Duration::from_secs(refresh));
                        if let Some(running) = running.filter(|_| !update_ready.get_untracked()) {
                            if update::newer_served(&running).await {
                                update_ready.try_set(true);
                            }
                        }
                    }
                    Err(error) => {
                        if error.status() == Some(404) && data.with_untracked(Option::is_none) {
                            unknown_site.set(true);
                        }
                        let failed = failures.get_untracked() + 1;
                        failures.set(failed);
                        schedule(backoff(failed - 1).min(Duration::from_secs(refresh.max(5))));
                    }
                }
            });
        })));
        schedule(Duration::ZERO);
    }
    on_cleanup(move || {
        if let Some(handle) = next_fetch.get_value() {
            handle.clear();
        }
        fetch.set_value(None);
    });
    // The clock and the rotation: one tick a second.
    if let Ok(handle) = set_interval_with_handle(
        move || tick.update(|tick| *tick += 1),
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }

    // The panels with something to show, and the one shown now.
    let shown_panels = Memo::new(move |_| {
        data.with(|data| match data {
            Some(data) => panels
                .iter()
                .copied()
                .filter(|panel| panel.has_data(data))
                .collect::<Vec<_>>(),
            None => Vec::new(),
        })
    });
    // The rotation's step: the panel changes with it (and stays, when there is one panel).
    let step = Memo::new(move |_| tick.get() / seconds);
    let current = Memo::new(move |_| {
        let list = shown_panels.get();
        (!list.is_empty()).then(|| list[(step.get() as usize) % list.len()])
    });
    // A new version is taken at the end of a panel's time, never in the middle of it.
    Effect::new(move |previous: Option<u64>| {
        let now = step.get();
        if previous.is_some_and(|previous| previous != now) && update_ready.get_untracked() {
            update::reload();
        }
        now
    });
    let offset = Memo::new(move |_| {
        data.with(|data| {
            data.as_ref()
                .map(|data| *data.generated_at.offset())
                .unwrap_or_else(|| FixedOffset::east_opt(8 * 3600).expect("UTC+8"))
        })
    });
    let clock = move || {
        tick.track();
        let now = station_now(offset.get());
        let locale = i18n.locale();
        (time_hm(&now), full_date(locale, now.date_naive()))
    };
    let stale = move || {
        (failures.get() > 0).then(|| {
            data.with(|data| {
                data.as_ref().map(|data| {
                    fill(
                        i18n.t().screen().updated_at,
                        &[("time", &time_hm(&data.generated_at))],
                    )
                })
            })
        })
    };
    let body = move || {
        let Some(panel) = current.get() else {
            let texts = i18n.t().screen();
            let words = if unknown_site.get() {
                texts.unknown_site
            } else {
                texts.waiting
            };
            return view! { <p class="screen__waiting" data-testid="screen-waiting">{words}</p> }
                .into_any();
        };
        let Some(shown) = data.get() else {
            return ().into_any();
        };
        match panel {
            Panel::Activities => view! { <ActivitiesPanel data=shown /> }.into_any(),
            Panel::Honors => view! { <HonorsPanel data=shown /> }.into_any(),
            Panel::Wishes => view! { <WishesPanel data=shown /> }.into_any(),
            Panel::Figures => view! { <FiguresPanel data=shown /> }.into_any(),
            Panel::Qr => view! { <QrPanel data=shown /> }.into_any(),
        }
    };
    let station_name =
        move || data.with(|data| data.as_ref().map(|data| data.station_name.clone()));
    let progress_style = format!("{seconds}s");
    view! {
        <div class="screen" data-testid="screen">
            <header class="screen__top">
                // The station's name where every page has it (the tab's title reads it there).
                <p class="screen__station app-header__name">{station_name}</p>
                <p class="screen__clock" data-testid="screen-clock">
                    {move || {
                        let (time, date) = clock();
                        view! { <span class="screen__time">{time}</span><span class="screen__date">{date}</span> }
                    }}
                </p>
            </header>
            <main class="screen__panel" data-panel=move || current.get().map(Panel::slug)>
                {body}
            </main>
            <footer class="screen__bottom">
                // Restarted with each panel (its key), a thin bar across the bottom.
                {move || current.get().map(|panel| view! {
                    <span class="screen__progress" data-for=panel.slug() style:animation-duration=progress_style.clone()></span>
                })}
                <span class="screen__stale" data-testid="screen-stale">{stale}</span>
            </footer>
        </div>
    }
}
