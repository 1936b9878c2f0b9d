//! `/share/activities/:id`: 分享 — an activity's link (the phone's own share sheet where there is
//! one, else copied), its QR code, and an A4 poster for a notice board (title, time, place, the
//! QR code) that the print stylesheet alone lays out: 打印海报 prints it or saves it as PDF.

mod honor;

pub use self::honor::ShareHonorPage;

use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityStatus};

use crate::components::qr::Qr;
use crate::components::{CopyField, DetailSkeleton, ErrorState};
use crate::hooks::{use_activity_of_path, use_station};
use crate::i18n::{full_date, places_wording, time_range, use_i18n};
use crate::paths;

#[component]
pub fn SharePage() -> impl IntoView {
    let activity = use_activity_of_path();
    view! {
        <div class="page share">
            {activity.view(|| view! { <DetailSkeleton /> }, move |answer| match answer {
                Ok(activity) => view! { <Share activity /> }.into_any(),
                Err(error) => view! { <ErrorState error on_retry=move |()| activity.refetch() /> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn Share(activity: Activity) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().share();
    let station = use_station();
    let link = absolute(&paths::activity(activity.id));
    let locale = i18n.locale_untracked();
    let when = format!(
        "{} {}",
        full_date(locale, activity.starts_at.date_naive()),
        time_range(locale, &activity.starts_at, &activity.ends_at)
    );
    let place = format!("{} · {}", activity.site.name, activity.place);
    // A poster of what is called off or over says so, on the screen and on the paper.
    let over = matches!(
        activity.status,
        ActivityStatus::Cancelled | ActivityStatus::Finished
    )
    .then(|| places_wording(locale, activity.status, activity.places_left));
    let summary = first_lines(&activity.description);
    let station_name = move || {
        station
            .get()
            .and_then(Result::ok)
            .map(|info| info.name)
            .unwrap_or_default()
    };
    let note = over.clone();
    view! {
        <ShareScreen
            back=paths::activity(activity.id)
            back_text=texts.back
            title=texts.title
            lead=texts.lead
            name=activity.title.clone()
            link=link.clone()
            printable=true
        >
            {note.map(|over| view! { <p class="share__over" role="note">{over}</p> })}
        </ShareScreen>
        <article class="poster" aria-label=texts.poster_label data-testid="poster">
            <p class="poster__station">{station_name}</p>
            <h2 class="poster__title">{activity.title.clone()}</h2>
            {over.map(|over| view! { <p class="poster__over">{over}</p> })}
            <p class="poster__when">{when}</p>
            <p class="poster__place">{place}</p>
            {(!summary.is_empty()).then(|| view! { <p class="poster__summary">{summary}</p> })}
            <figure class="poster__qr">
                <Qr text=link.clone() label=format!("{} {}", texts.scan, link) />
                <figcaption>{texts.scan}</figcaption>
            </figure>
        </article>
    }
}

/// What every 分享 page shows on screen: the way back, its title and lead, the link to copy or
/// hand to the phone's share sheet, and (when there is a poster) 打印海报.
#[component]
fn ShareScreen(
    back: String,
    back_text: &'static str,
    title: &'static str,
    lead: &'static str,
    /// What the share sheet calls it.
    name: String,
    link: String,
    printable: bool,
    children: Children,
) -> impl IntoView {
    let texts = use_i18n().messages().share();
    let can_share = web_sys::window().is_some_and(|window| {
        js_sys::Reflect::has(&window.navigator(), &"share".into()).unwrap_or(false)
    });
    let share = {
        let link = link.clone();
        move |_| {
            let data = web_sys::ShareData::new();
            data.set_title(&name);
            data.set_url(&link);
            if let Some(window) = web_sys::window() {
                // Dismissing the share sheet rejects the promise: nothing to say then.
                let _ = window.navigator().share_with_data(&data);
            }
        }
    };
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <div class="share__screen">
            <a class="back-link" href=back>{back_text}</a>
            <h1 class="page__title">{title}</h1>
            <p class="page__lead">{lead}</p>
            {children()}
            <CopyField label=texts.link_label value=link testid="share-link" />
            <div class="actions">
                {can_share.then(|| view! {
                    <button type="button" class="button" on:click=share>{texts.share}</button>
                })}
                {printable.then(|| view! {
                    <button type="button" class="button" data-testid="print" on:click=print>{texts.print}</button>
                })}
            </div>
            {printable.then(|| view! { <p class="panel__empty">{texts.print_hint}</p> })}
        </div>
    }
}

/// A path of this app as the address to hand out.
fn absolute(path: &str) -> String {
    let origin = web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{path}")
}

/// What a poster has room for (one page): a text's first lines, at most 120 characters.
fn first_lines(text: &str) -> String {
    let summary = text.lines().take(3).collect::<Vec<_>>().join(" ");
    match summary.char_indices().nth(120) {
        Some((at, _)) => format!("{}…", &summary[..at]),
        None => summary,
    }
}
