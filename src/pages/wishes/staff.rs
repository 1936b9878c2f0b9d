//! `/staff/wishes`: 心愿审核 — the wishes of the sites one runs: those to review (the default),
//! the claimed ones past their deadline, or all, each linking to the wish, where staff approve
//! (the photo public or not), reject with a reason, or act for a resident.

use leptos::prelude::*;
use station_wire::wishes::{Wish, WishStatus};

use super::wish_list;
use crate::api::{use_api, StaffWishes};
use crate::components::PagedList;
use crate::i18n::use_i18n;
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::router::use_query_map;

#[component]
pub fn StaffWishesPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().wishes();
    let query = use_query_map();
    let which = Memo::new(move |_| match query.read().get("show").as_deref() {
        Some("overdue") => StaffWishes::Overdue,
        Some("all") => StaffWishes::All,
        _ => StaffWishes::Status(WishStatus::Submitted),
    });
    let load = move |cursor: Option<String>| {
        let api = api.clone();
        let which = which.get();
        async move { api.staff_wishes(which, cursor.as_deref()).await }
    };
    let tab = move |show: &'static str, label: &'static str, this: StaffWishes| {
        let href = if show.is_empty() {
            paths::WISH_REVIEW.to_owned()
        } else {
            format!("{}?show={show}", paths::WISH_REVIEW)
        };
        let current = move || (which.get() == this).then_some("true");
        view! { <li><a class="chip" href=href aria-current=current>{label}</a></li> }
    };
    view! {
        <div class="page">
            <a class="back-link" href=paths::WISHES>{texts.back}</a>
            <h1 class="page__title">{texts.staff_title}</h1>
            <nav class="chips" aria-label=texts.staff_title>
                <ul class="chips__list">
                    {tab("", texts.tab_review, StaffWishes::Status(WishStatus::Submitted))}
                    {tab("overdue", texts.tab_overdue, StaffWishes::Overdue)}
                    {tab("all", texts.tab_all, StaffWishes::All)}
                </ul>
            </nav>
            <h2 class="panel__title">{move || match which.get() {
                StaffWishes::Overdue => texts.tab_overdue,
                StaffWishes::All => texts.tab_all,
                StaffWishes::Status(_) => texts.tab_review,
            }}</h2>
            <PagedList
                load=load
                empty=move || view! { <p class="panel__empty">{texts.staff_empty}</p> }
                list={|wishes: Vec<Wish>| wish_list(wishes, true)}
                more=texts.more
            />
        </div>
    }
}
