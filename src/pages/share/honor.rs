//! `/share/honors/:id`: 分享 a good neighbour's story — its link and QR code, and an A4 poster
//! (the board's month, the name, the category, the first photo, the story's first lines, the
//! QR code) only when the nominee agreed to posters; without that consent the page says so and
//! offers the link alone.

use leptos::prelude::*;
use station_wire::honors::Honor;

use super::{absolute, first_lines, ShareScreen};
use crate::components::qr::Qr;
use crate::components::{DetailSkeleton, ErrorState};
use crate::hooks::{use_of_path_id, use_station};
use crate::i18n::use_i18n;
use crate::pages::honors::{month_words, HonorBadge, HonorPhoto};
use crate::paths;

#[component]
pub fn ShareHonorPage() -> impl IntoView {
    let honor = use_of_path_id(|api, id| async move { api.honor(id).await });
    view! {
        <div class="page share">
            {honor.view(|| view! { <DetailSkeleton /> }, move |answer| match answer {
                Ok(honor) => view! { <ShareHonor honor /> }.into_any(),
                Err(error) => view! { <ErrorState error on_retry=move |()| honor.refetch() /> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn ShareHonor(honor: Honor) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().share();
    let station = use_station();
    let link = absolute(&paths::honor(honor.id));
    let board = month_words(
        i18n.locale_untracked(),
        i18n.messages().honors().board_heading,
        &honor.board_month,
    );
    let no_poster = (!honor.on_posters)
        .then(|| view! { <p class="share__over" role="note" data-testid="no-poster">{texts.no_poster}</p> });
    let poster = honor.on_posters.then(|| {
        let station_name = move || {
            station
                .get()
                .and_then(Result::ok)
                .map(|info| info.name)
                .unwrap_or_default()
        };
        let photo = honor.photos.first().cloned().map(|photo| {
            view! { <HonorPhoto photo name=honor.nominee_name.clone() large=true /> }
        });
        view! {
            <article class="poster" aria-label=texts.poster_label data-testid="poster">
                <p class="poster__station">{station_name}</p>
                <p class="poster__when">{board}</p>
                <h2 class="poster__title">{honor.nominee_name.clone()}</h2>
                <HonorBadge category=honor.category />
                {photo}
                <p class="poster__summary">{first_lines(&honor.story)}</p>
                <figure class="poster__qr">
                    <Qr text=link.clone() label=format!("{} {}", texts.honor_scan, link) />
                    <figcaption>{texts.honor_scan}</figcaption>
                </figure>
            </article>
        }
    });
    view! {
        <ShareScreen
            back=paths::honor(honor.id)
            back_text=texts.honor_back
            title=texts.honor_title
            lead=texts.honor_lead
            name=honor.nominee_name.clone()
            link=link.clone()
            printable=honor.on_posters
        >
            {no_poster}
        </ShareScreen>
        {poster}
    }
}
