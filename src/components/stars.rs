//! The star level (星级志愿者) with progress to the next star.

use leptos::prelude::*;
use station_wire::signups::{HoursSummary, STAR_THRESHOLDS_HOURS};

use crate::i18n::{fill, use_i18n, Locale};

/// `二星志愿者`, or `尚未评星` below one star.
pub fn star_level_name(locale: Locale, stars: u8) -> &'static str {
    let messages = &locale.messages().me();
    match stars {
        0 => messages.stars_0,
        1 => messages.stars_1,
        2 => messages.stars_2,
        3 => messages.stars_3,
        4 => messages.stars_4,
        _ => messages.stars_5,
    }
}

/// Minutes as hours for reading: `12`, `12.5`.
pub fn hours_text(minutes: u64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// Progress towards the next star in percent (0–100), from the previous threshold; `None` at
/// five stars.
pub fn star_progress(summary: &HoursSummary) -> Option<u32> {
    let next = u64::from(summary.next_star_hours?) * 60;
    let previous = match summary.stars {
        0 => 0,
        stars => u64::from(STAR_THRESHOLDS_HOURS[usize::from(stars) - 1]) * 60,
    };
    let span = next.saturating_sub(previous).max(1);
    let done = summary.confirmed_minutes.saturating_sub(previous).min(span);
    Some((done * 100 / span) as u32)
}

/// ★★☆☆☆ with its name for screen readers, then the hours still needed and a progress bar.
#[component]
pub fn StarLevel(summary: HoursSummary) -> impl IntoView {
    let i18n = use_i18n();
    let stars = summary.stars.min(5);
    let progress = star_progress(&summary);
    let icons = (1..=5u8)
        .map(|index| {
            view! {
                <svg class="stars__icon" class:stars__icon--on=index <= stars viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M12 2.5l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17l-5.7 3 1.2-6.4-4.7-4.4 6.4-.8z" />
                </svg>
            }
        })
        .collect_view();
    let name = move || star_level_name(i18n.locale(), stars);
    let next = move || {
        let messages = &i18n.t().me();
        match summary.next_star_hours {
            Some(next_hours) => {
                let needed = (u64::from(next_hours) * 60).saturating_sub(summary.confirmed_minutes);
                fill(
                    messages.next_star,
                    &[
                        ("hours", &hours_text(needed)),
                        ("level", &star_level_name(i18n.locale(), stars + 1)),
                    ],
                )
            }
            None => messages.top_star.to_string(),
        }
    };
    view! {
        <div class="stars" data-testid="star-level" data-stars=stars>
            <p class="stars__row">
                <span class="stars__icons" role="img" aria-label=name>{icons}</span>
                <span class="stars__name">{name}</span>
            </p>
            <p class="stars__next">{next}</p>
            {progress.map(|percent| view! {
                <div
                    class="stars__bar"
                    role="progressbar"
                    aria-label=i18n.messages().me().progress_label
                    aria-valuemin="0"
                    aria-valuemax="100"
                    aria-valuenow=percent
                >
                    <span class="stars__fill" style=("width", format!("{percent}%"))></span>
                </div>
            })}
        </div>
    }
}
