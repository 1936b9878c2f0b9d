//! 微心愿 for everyone: `/wishes` — the wall: this year's figures, the wishes waiting for
//! someone (nearest deadline first, each with who it is for, masked), then the ones come true
//! with their thanks; `/wishes/:id` (`detail.rs`) — one wish, and what the reader may do with it.
//! Posting (`post.rs`), saying how a wish came true (`fulfil.rs`), one's wishes and claims
//! (`mine.rs`) and staff's queue (`staff.rs`) are areas of their own.

mod detail;
mod fulfil;
mod mine;
mod post;
mod staff;

use leptos::prelude::*;
use station_wire::wishes::{Beneficiary, Wish, WishCategory, WishShelf, WishStatus};

pub use self::detail::{wish_problem, WishPage};
pub use self::fulfil::FulfilWishPage;
pub use self::mine::MyWishesPage;
pub use self::post::PostWishPage;
pub use self::staff::StaffWishesPage;
use crate::api::use_api;
use crate::components::flash::take_flash;
use crate::components::{EmptyState, PagedList};
use crate::i18n::{day_heading, fill, use_i18n, Locale};
use crate::load::Load;
use crate::paths;
use crate::session::use_session;

/// A category's name in the reader's language.
pub fn category_name(locale: Locale, category: WishCategory) -> &'static str {
    let texts = locale.messages().wishes();
    match category {
        WishCategory::Study => texts.cat_study,
        WishCategory::Daily => texts.cat_daily,
        WishCategory::HomeService => texts.cat_home_service,
        WishCategory::Companionship => texts.cat_companionship,
        WishCategory::Other => texts.cat_other,
    }
}

/// Where a wish stands, in words.
pub fn status_name(locale: Locale, status: WishStatus) -> &'static str {
    let texts = locale.messages().wishes();
    match status {
        WishStatus::Submitted => texts.status_submitted,
        WishStatus::Open => texts.status_open,
        WishStatus::Rejected => texts.status_rejected,
        WishStatus::Claimed => texts.status_claimed,
        WishStatus::Fulfilled => texts.status_fulfilled,
        WishStatus::Confirmed => texts.status_confirmed,
        WishStatus::Withdrawn => texts.status_withdrawn,
        WishStatus::Expired => texts.status_expired,
    }
}

/// Who the wish is for as everyone reads it: `王**，8岁，困境儿童`.
pub fn beneficiary_line(locale: Locale, wish: &Wish) -> String {
    beneficiary_words(locale, &wish.beneficiary)
}

/// [`beneficiary_line`] of a beneficiary alone (the display screen's wishes).
pub fn beneficiary_words(locale: Locale, who: &Beneficiary) -> String {
    let texts = locale.messages().wishes();
    let name = who.masked_name.as_str();
    match (who.age, who.group.as_deref()) {
        (Some(age), Some(group)) => fill(
            texts.with_age_group,
            &[("name", &name), ("age", &age), ("group", &group)],
        ),
        (Some(age), None) => fill(texts.with_age, &[("name", &name), ("age", &age)]),
        (None, Some(group)) => fill(texts.with_group, &[("name", &name), ("group", &group)]),
        (None, None) => name.to_owned(),
    }
}

/// `12月20日 周日前`.
pub fn deadline_words(locale: Locale, wish: &Wish) -> String {
    fill(
        locale.messages().wishes().deadline,
        &[("date", &day_heading(locale, wish.deadline))],
    )
}

/// The status's badge.
#[component]
pub fn WishStatusBadge(status: WishStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("status status--{}", status.slug()) data-testid="wish-status">
            {status_name(i18n.locale_untracked(), status)}
        </span>
    }
}

/// One wish on the wall or in a list: its title (the link to it), who it is for, its kind,
/// deadline and site, and the thanks once confirmed.
#[component]
pub fn WishCard(wish: Wish, #[prop(optional)] status: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let texts = i18n.messages().wishes();
    let api = use_api();
    let photo = wish.photo.as_ref().map(|photo| {
        let alt = fill(texts.photo_alt, &[("title", &wish.title)]);
        view! {
            <img class="wish-card__photo" src=api.photo_url(&photo.thumb_url) alt=alt
                width=photo.width height=photo.height loading="lazy" decoding="async" />
        }
    });
    let thanks = wish
        .thanks
        .clone()
        .map(|thanks| view! { <blockquote class="wish-card__thanks">{thanks}</blockquote> });
    let overdue = wish
        .overdue
        .then(|| view! { <span class="status status--overdue">{texts.overdue}</span> });
    let badge = status.then(|| view! { <WishStatusBadge status=wish.status /> });
    view! {
        <li class="wish-card" data-testid="wish-card">
            {photo}
            <div class="wish-card__body">
                <h3 class="wish-card__title">
                    <a href=paths::wish(wish.id)>{wish.title.clone()}</a>
                </h3>
                <p class="wish-card__who">{beneficiary_line(locale, &wish)}</p>
                <p class="wish-card__meta">
                    <span class="wish-tag">{category_name(locale, wish.category)}</span>
                    <span>{deadline_words(locale, &wish)}</span>
                    <span>{wish.site.name.clone()}</span>
                    {badge}
                    {overdue}
                </p>
                {thanks}
            </div>
        </li>
    }
}

/// A list of wish cards.
pub fn wish_list(wishes: Vec<Wish>, status: bool) -> impl IntoView {
    view! {
        <ul class="wish-list">
            {wishes.into_iter().map(|wish| view! { <WishCard wish status /> }).collect_view()}
        </ul>
    }
}

#[component]
pub fn WallPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let texts = i18n.messages().wishes();
    let figures = Load::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.wish_figures().await }
        }
    });
    let figures_line = move || {
        figures.get().and_then(Result::ok).map(|figures| {
            let words = fill(
                i18n.t().wishes().figures,
                &[
                    ("fulfilled", &figures.fulfilled_this_year),
                    ("open", &figures.open),
                ],
            );
            view! { <p class="wishes__figures" data-testid="wish-figures">{words}</p> }
        })
    };
    let mine = move || {
        session.is_signed_in().then(|| {
            view! { <a class="button button--quiet" href=paths::MY_WISHES>{texts.mine}</a> }
        })
    };
    let review = move || {
        session.is_staff().then(|| {
            view! { <a class="button button--quiet" href=paths::WISH_REVIEW>{texts.staff_queue}</a> }
        })
    };
    view! {
        <div class="page">
            <h1 class="page__title">{texts.title}</h1>
            <p class="page__lead">{texts.lead}</p>
            {take_flash().map(|text| view! { <p class="form__done" role="status" data-testid="flash">{text}</p> })}
            {figures_line}
            <div class="actions">
                <a class="button" href=paths::NEW_WISH>{texts.post}</a>
                <a class="button button--quiet" href=paths::SERVICES data-testid="services-link">{texts.services}</a>
                {mine}
                {review}
            </div>
            <section class="panel" aria-labelledby="wishes-open" data-testid="wishes-open">
                <h2 class="panel__title" id="wishes-open">{texts.open_title}</h2>
                <Shelf shelf=WishShelf::Open />
            </section>
            <section class="panel" aria-labelledby="wishes-claimed" data-testid="wishes-claimed">
                <h2 class="panel__title" id="wishes-claimed">{texts.claimed_title}</h2>
                <Shelf shelf=WishShelf::Claimed />
            </section>
            <section class="panel" aria-labelledby="wishes-done" data-testid="wishes-done">
                <h2 class="panel__title" id="wishes-done">{texts.done_title}</h2>
                <Shelf shelf=WishShelf::Done />
            </section>
        </div>
    }
}

/// One shelf of the wall, a page at a time.
#[component]
fn Shelf(shelf: WishShelf) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().wishes();
    let load = move |cursor: Option<String>| {
        let api = api.clone();
        async move { api.wishes(shelf, cursor.as_deref()).await }
    };
    let empty = move || match shelf {
        WishShelf::Open => {
            view! { <EmptyState title=texts.open_empty_title body=texts.open_empty_body /> }
                .into_any()
        }
        WishShelf::Claimed => {
            view! { <p class="panel__empty">{texts.claimed_empty}</p> }.into_any()
        }
        WishShelf::Done => view! { <p class="panel__empty">{texts.done_empty}</p> }.into_any(),
    };
    view! {
        <PagedList load=load empty=empty list={|wishes: Vec<Wish>| wish_list(wishes, false)} more=texts.more />
    }
}
