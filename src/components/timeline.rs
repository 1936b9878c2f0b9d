//! Who did what when to a wish or an order, in the station's zone: its status timeline, as the
//! server gives it to those allowed to read it (others get none, and see nothing here).

use leptos::prelude::*;
use station_wire::wishes::{TimelineEntry, TimelineEvent};

use crate::i18n::{full_date, time_hm, use_i18n};

/// An event in words: `认领了心愿`, `接单`.
fn event_words(event: TimelineEvent) -> &'static str {
    let texts = use_i18n().t().timeline();
    match event {
        TimelineEvent::Posted => texts.posted,
        TimelineEvent::Approved => texts.approved,
        TimelineEvent::Rejected => texts.rejected,
        TimelineEvent::Claimed => texts.claimed,
        TimelineEvent::Released => texts.released,
        TimelineEvent::Fulfilled => texts.fulfilled,
        TimelineEvent::Confirmed => texts.confirmed,
        TimelineEvent::Withdrawn => texts.withdrawn,
        TimelineEvent::Expired => texts.expired,
        TimelineEvent::Ordered => texts.ordered,
        TimelineEvent::Dispatched => texts.dispatched,
        TimelineEvent::Accepted => texts.accepted,
        TimelineEvent::Completed => texts.completed,
        TimelineEvent::Rated => texts.rated,
        TimelineEvent::Cancelled => texts.cancelled,
    }
}

/// The timeline as a panel (nothing when there is none to read).
#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().timeline();
    let locale = i18n.locale_untracked();
    (!entries.is_empty()).then(|| {
        let items = entries
            .into_iter()
            .map(|entry| {
                let when = format!(
                    "{} {}",
                    full_date(locale, entry.at.date_naive()),
                    time_hm(&entry.at)
                );
                let who = entry
                    .by
                    .clone()
                    .map(|who| format!("{who} "))
                    .unwrap_or_default();
                let mark = entry.on_behalf.then_some(texts.on_behalf_mark);
                let note = entry
                    .note
                    .clone()
                    .map(|note| view! { <p class="timeline__note">{note}</p> });
                view! {
                    <li class="timeline__step" data-testid="timeline-step">
                        <p class="timeline__when">{when}</p>
                        <p>{who}{event_words(entry.event)}{mark}</p>
                        {note}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="panel" aria-labelledby="timeline-title" data-testid="timeline">
                <h2 class="panel__title" id="timeline-title">{texts.title}</h2>
                <ol class="timeline">{items}</ol>
            </section>
        }
    })
}
