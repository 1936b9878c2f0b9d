//! `/me/wishes`: 我的心愿 — the wishes one posted and the ones one took on, each with where it
//! stands and the next step (which is one's own to take, or someone else's), newest first.

use leptos::prelude::*;
use station_wire::wishes::{Wish, WishStatus, WishStep};

use super::{beneficiary_line, deadline_words, WishStatusBadge};
use crate::api::{use_api, MyWishes};
use crate::components::PagedList;
use crate::i18n::{use_i18n, Locale};
use crate::pages::accounts::require_sign_in;
use crate::paths;

#[component]
pub fn MyWishesPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let texts = i18n.messages().wishes();
    view! {
        <div class="page">
            <a class="back-link" href=paths::WISHES>{texts.back}</a>
            <h1 class="page__title">{texts.mine}</h1>
            <div class="actions">
                <a class="button" href=paths::NEW_WISH>{texts.post}</a>
            </div>
            <section class="panel" aria-labelledby="my-posted" data-testid="my-wishes">
                <h2 class="panel__title" id="my-posted">{texts.my_posted}</h2>
                <MyList which=MyWishes::Posted />
            </section>
            <section class="panel" aria-labelledby="my-claims" data-testid="my-claims">
                <h2 class="panel__title" id="my-claims">{texts.my_claims}</h2>
                <MyList which=MyWishes::Claimed />
            </section>
        </div>
    }
}

#[component]
fn MyList(which: MyWishes) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().wishes();
    let load = move |cursor: Option<String>| {
        let api = api.clone();
        async move { api.my_wishes(which, cursor.as_deref()).await }
    };
    let empty = move || {
        let text = match which {
            MyWishes::Posted => texts.mine_empty,
            MyWishes::Claimed => texts.claims_empty,
        };
        view! { <p class="panel__empty">{text}</p> }
    };
    let list = move |wishes: Vec<Wish>| {
        view! {
            <ul class="me-list">
                {wishes.into_iter().map(|wish| view! { <MyWish wish which /> }).collect_view()}
            </ul>
        }
    };
    view! { <PagedList load=load empty=empty list=list more=texts.more /> }
}

/// What comes next for this wish, and whose step it is.
fn next_step(locale: Locale, wish: &Wish, which: MyWishes) -> Option<&'static str> {
    let texts = locale.messages().wishes();
    let mine = |step| wish.steps.contains(&step);
    Some(match wish.status {
        WishStatus::Submitted => texts.next_review,
        WishStatus::Open => texts.next_claim,
        WishStatus::Claimed if mine(WishStep::Fulfil) => texts.next_fulfil,
        WishStatus::Claimed => texts.next_wait_fulfil,
        WishStatus::Fulfilled if mine(WishStep::Confirm) => texts.next_confirm,
        WishStatus::Fulfilled if which == MyWishes::Claimed => texts.next_wait_confirm,
        _ => return None,
    })
}

#[component]
fn MyWish(wish: Wish, which: MyWishes) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let next = next_step(locale, &wish, which)
        .map(|text| view! { <p class="me-item__next" data-testid="wish-next">{text}</p> });
    view! {
        <li class="me-item" data-testid="my-wish">
            <a href=paths::wish(wish.id)>{wish.title.clone()}</a>
            <p class="wish-card__meta">
                <WishStatusBadge status=wish.status />
                <span>{deadline_words(locale, &wish)}</span>
            </p>
            <p class="me-item__when">{beneficiary_line(locale, &wish)}</p>
            {next}
        </li>
    }
}
