//! 好人榜 for everyone: `/honors` — a month's board (the newest, or `?month=YYYY-MM`) by
//! category (`?category=`), of every site or one's and the sites below it (`?site=`), each honor with its photo, name, category and the story's first
//! lines; `/honors/:id` — the story with all its photos, read aloud, liked and shared. Liking
//! shows at once and is corrected by the answer. Nominating and one's nominations are in
//! `nominate.rs` and `mine.rs`.

mod like;
mod mine;
mod nominate;

use leptos::prelude::*;
use station_wire::honors::{Honor, HonorCategory, HonorStatus, PhotoRef};

pub use self::like::LikeButton;
pub use self::mine::MyNominationsPage;
pub use self::nominate::NominatePage;
use crate::api::use_api;
use crate::api::BoardQuery;
use crate::components::{DetailSkeleton, EmptyState, ErrorState, PagedList, ReadAloud};
use crate::hooks::use_of_path_id;
use crate::i18n::{fill, month_name, use_i18n, Locale};
use crate::load::Load;
use crate::paths;
use crate::router::use_query_map;

/// A category's name in the reader's language.
pub fn category_name(locale: Locale, category: HonorCategory) -> &'static str {
    let texts = locale.messages().honors();
    match category {
        HonorCategory::HelpingOthers => texts.helping_others,
        HonorCategory::Bravery => texts.bravery,
        HonorCategory::Honesty => texts.honesty,
        HonorCategory::Dedication => texts.dedication,
        HonorCategory::FilialDevotion => texts.filial_devotion,
    }
}

/// Where a nomination stands, in words.
pub fn status_name(locale: Locale, status: HonorStatus) -> &'static str {
    let texts = locale.messages().honors();
    match status {
        HonorStatus::Submitted => texts.status_submitted,
        HonorStatus::Published => texts.status_published,
        HonorStatus::Rejected => texts.status_rejected,
        HonorStatus::Unpublished => texts.status_unpublished,
    }
}

/// `2026-11` as `2026年11月` (`November 2026`), with `template`'s other words around it.
pub fn month_words(locale: Locale, template: &str, month: &str) -> String {
    let (year, number) = month.split_once('-').unwrap_or((month, "1"));
    let number: u32 = number.parse().unwrap_or(1);
    fill(
        template,
        &[
            ("year", &year),
            ("month", &number),
            ("month_name", &month_name(locale, number)),
        ],
    )
}

/// The category's badge.
#[component]
pub fn HonorBadge(category: HonorCategory) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("honor-badge honor-badge--{}", category.slug())>
            {category_name(i18n.locale_untracked(), category)}
        </span>
    }
}

/// A photo of an honor, its thumbnail or its large size, from wherever the API is.
#[component]
pub fn HonorPhoto(photo: PhotoRef, name: String, #[prop(optional)] large: bool) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let src = api.photo_url(if large {
        &photo.large_url
    } else {
        &photo.thumb_url
    });
    let alt = fill(i18n.t().honors().photo_alt, &[("name", &name)]);
    view! {
        <img
            class="honor-photo"
            src=src
            alt=alt
            width=photo.width
            height=photo.height
            loading="lazy"
            decoding="async"
        />
    }
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let query = use_query_map();
    // One site's board (and the sites' below it): `?site=`.
    let site = Memo::new(move |_| {
        query
            .read()
            .get("site")
            .and_then(|id| id.parse::<i64>().ok())
    });
    let months = Load::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            let site = site.get();
            async move { api.honor_months(site).await }
        }
    });
    // The month asked for, else the newest board's.
    let month = Memo::new(move |_| {
        query.read().get("month").or_else(|| {
            months
                .get()
                .and_then(Result::ok)
                .and_then(|list| list.items.first().map(|month| month.month.clone()))
        })
    });
    let category = Memo::new(move |_| {
        query
            .read()
            .get("category")
            .and_then(|slug| HonorCategory::from_slug(&slug))
    });
    let texts = i18n.messages().honors();
    let heading = move || match month.get() {
        Some(month) => month_words(i18n.locale(), i18n.t().honors().board_heading, &month),
        None => i18n.t().honors().title.to_owned(),
    };
    // The board waits for no other read: without a month asked for, it asks which is newest.
    let load = move |cursor: Option<String>| {
        let api = api.clone();
        let asked = query.read().get("month");
        let (category, site) = (category.get(), site.get());
        async move {
            let month = match asked {
                Some(month) => Some(month),
                None => api
                    .honor_months(site)
                    .await?
                    .items
                    .into_iter()
                    .next()
                    .map(|board| board.month),
            };
            let board = BoardQuery {
                site,
                month,
                category,
                cursor,
            };
            api.honors(&board).await
        }
    };
    let list = |honors: Vec<Honor>| {
        view! {
            <ul class="honor-list" data-testid="honors">
                {honors.into_iter().map(|honor| view! { <li><HonorCard honor /></li> }).collect_view()}
            </ul>
        }
    };
    view! {
        <div class="page honors">
            <h1 class="page__title">{heading}</h1>
            <p class="page__lead">{texts.lead}</p>
            <div class="actions">
                <a class="button" href=paths::NOMINATE>{texts.nominate}</a>
                <a class="button button--quiet" href=paths::MY_NOMINATIONS>{texts.mine}</a>
            </div>
            <MonthChoice months=months site=site month=month category=category />
            <CategoryChips site=site month=month category=category />
            <PagedList
                load=load
                empty=move || view! { <EmptyState title=texts.empty_title body=texts.empty_body /> }
                list=list
                more=texts.more
            />
        </div>
    }
}

/// The board's address for a site, a month and a category.
fn board_href(site: Option<i64>, month: Option<&str>, category: Option<HonorCategory>) -> String {
    let mut query = Vec::new();
    if let Some(site) = site {
        query.push(format!("site={site}"));
    }
    if let Some(month) = month {
        query.push(format!("month={month}"));
    }
    if let Some(category) = category {
        query.push(format!("category={}", category.slug()));
    }
    if query.is_empty() {
        paths::HONORS.to_owned()
    } else {
        format!("{}?{}", paths::HONORS, query.join("&"))
    }
}

/// Earlier months' boards, as links (a select would act on its arrow keys).
#[component]
fn MonthChoice(
    months: Load<
        Result<station_wire::page::List<station_wire::honors::BoardMonth>, crate::api::ApiError>,
    >,
    site: Memo<Option<i64>>,
    month: Memo<Option<String>>,
    category: Memo<Option<HonorCategory>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().honors();
    let chips = move || {
        let list = months.get().and_then(Result::ok)?.items;
        let chosen = month.get();
        let items = list
            .into_iter()
            .map(|board| {
                let current = chosen.as_deref() == Some(board.month.as_str());
                let href = board_href(site.get(), Some(&board.month), category.get());
                let words = month_words(i18n.locale(), i18n.t().honors().month_heading, &board.month);
                view! {
                    <li><a class="chip" href=href aria-current=current.then_some("true")>{words}</a></li>
                }
            })
            .collect_view();
        Some(view! {
            <nav class="chips" aria-label=texts.month_label>
                <ul class="chips__list">{items}</ul>
            </nav>
        })
    };
    view! { {chips} }
}

/// The five categories and 全部, kept in the address with the month.
#[component]
fn CategoryChips(
    site: Memo<Option<i64>>,
    month: Memo<Option<String>>,
    category: Memo<Option<HonorCategory>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().honors();
    let chip = move |choice: Option<HonorCategory>| {
        let href = move || board_href(site.get(), month.get().as_deref(), choice);
        let current = move || (category.get() == choice).then_some("true");
        let name = match choice {
            Some(choice) => category_name(i18n.locale_untracked(), choice),
            None => texts.all_categories,
        };
        view! { <li><a class="chip" href=href aria-current=current>{name}</a></li> }
    };
    let chips = std::iter::once(None)
        .chain(HonorCategory::ALL.into_iter().map(Some))
        .map(chip)
        .collect_view();
    view! {
        <nav class="chips" aria-label=texts.category_label>
            <ul class="chips__list">{chips}</ul>
        </nav>
    }
}

/// One honor on the board: its first photo, name, badge, the story's first lines, its likes.
#[component]
fn HonorCard(honor: Honor) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().honors();
    let href = paths::honor(honor.id);
    let photo = honor.photos.first().cloned().map(|photo| {
        view! { <HonorPhoto photo name=honor.nominee_name.clone() /> }
    });
    let first_lines: String = honor.story.chars().take(70).collect();
    let more = honor.story.chars().count() > 70;
    view! {
        <article class="honor-card" data-testid="honor-card">
            {photo}
            <div class="honor-card__body">
                <h2 class="honor-card__name" id=format!("honor-{}", honor.id)>
                    <a href=href.clone()>{honor.nominee_name.clone()}</a>
                </h2>
                <p class="honor-card__meta">
                    <HonorBadge category=honor.category />
                    <span>{honor.site.name.clone()}</span>
                </p>
                <p class="honor-card__story">{first_lines}{more.then_some("…")}</p>
                <div class="honor-card__actions">
                    <LikeButton
                        id=honor.id
                        liked=honor.liked
                        count=honor.like_count
                        described_by=format!("honor-{}", honor.id)
                    />
                    <a class="honor-card__more" href=href>{texts.read_more}</a>
                </div>
            </div>
        </article>
    }
}

#[component]
pub fn HonorPage() -> impl IntoView {
    let honor = use_of_path_id(|api, id| async move { api.honor(id).await });
    view! {
        <div class="page honor">
            {honor.view(|| view! { <DetailSkeleton /> }, move |answer| match answer {
                Ok(honor) => view! { <Story honor /> }.into_any(),
                Err(error) => view! { <ErrorState error on_retry=move |()| honor.refetch() /> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn Story(honor: Honor) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().honors();
    let locale = i18n.locale_untracked();
    let month = month_words(locale, texts.month_heading, &honor.board_month);
    let on_board = fill(
        texts.on_board,
        &[("month", &month), ("site", &honor.site.name)],
    );
    // Lines, which a voice pauses at in every language.
    let aloud = format!(
        "{}\n{}\n{}",
        honor.nominee_name,
        category_name(locale, honor.category),
        honor.story
    );
    let photos = honor
        .photos
        .iter()
        .cloned()
        .map(|photo| {
            view! { <HonorPhoto photo name=honor.nominee_name.clone() large=true /> }
        })
        .collect_view();
    let paragraphs = honor
        .story
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| view! { <p>{line.to_owned()}</p> })
        .collect_view();
    view! {
        <a class="back-link" href=board_href(None, Some(&honor.board_month), None)>{texts.back}</a>
        <h1 class="page__title">{honor.nominee_name.clone()}</h1>
        <p class="honor__meta">
            <HonorBadge category=honor.category />
            <span>{on_board}</span>
        </p>
        <ReadAloud text=aloud />
        <div class="honor__photos">{photos}</div>
        <div class="honor__story" data-testid="honor-story">{paragraphs}</div>
        <div class="actions">
            <LikeButton id=honor.id liked=honor.liked count=honor.like_count />
            <a class="button button--quiet" href=paths::share_honor(honor.id)>{texts.share}</a>
        </div>
    }
}
