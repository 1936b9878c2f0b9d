//! `/staff/orders`: 点单派单 — the orders of the sites one runs: those to review (the default),
//! those to dispatch, those sent to a team and not yet taken, or all; each links to the order,
//! where staff approve, reject, dispatch, reassign, cancel, or rate for a resident.

use leptos::prelude::*;
use station_wire::orders::{Order, OrderStatus};

use super::order_list;
use crate::api::use_api;
use crate::components::PagedList;
use crate::i18n::use_i18n;
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::router::use_query_map;

#[component]
pub fn StaffOrdersPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().orders();
    let query = use_query_map();
    let which = Memo::new(move |_| match query.read().get("show").as_deref() {
        Some("all") => None,
        Some(slug) => OrderStatus::from_slug(slug).or(Some(OrderStatus::Submitted)),
        None => Some(OrderStatus::Submitted),
    });
    let load = move |cursor: Option<String>| {
        let api = api.clone();
        let which = which.get();
        async move { api.staff_orders(which, cursor.as_deref()).await }
    };
    let title = move |which: Option<OrderStatus>| match which {
        Some(OrderStatus::Submitted) => texts.tab_review,
        Some(OrderStatus::Open) => texts.tab_dispatch,
        Some(OrderStatus::Dispatched) => texts.tab_dispatched,
        Some(status) => super::status_name(i18n.locale_untracked(), status),
        None => texts.tab_all,
    };
    let tab = move |this: Option<OrderStatus>| {
        let show = this.map_or("all", OrderStatus::slug);
        let href = format!("{}?show={show}", paths::ORDER_QUEUE);
        let current = move || (which.get() == this).then_some("true");
        view! { <li><a class="chip" href=href aria-current=current>{title(this)}</a></li> }
    };
    view! {
        <div class="page">
            <a class="back-link" href=paths::CONSOLE>{texts.back_console}</a>
            <h1 class="page__title">{texts.queue}</h1>
            <div class="actions">
                <a class="button button--quiet" href=paths::SERVICE_MENU>{texts.menu_keeping}</a>
                <a class="button button--quiet" href=paths::SERVICES>{texts.menu_title}</a>
            </div>
            <nav class="chips" aria-label=texts.queue>
                <ul class="chips__list">
                    {tab(Some(OrderStatus::Submitted))}
                    {tab(Some(OrderStatus::Open))}
                    {tab(Some(OrderStatus::Dispatched))}
                    {tab(None)}
                </ul>
            </nav>
            <h2 class="panel__title">{move || title(which.get())}</h2>
            <PagedList
                load=load
                empty=move || view! { <p class="panel__empty">{texts.queue_empty}</p> }
                list={|orders: Vec<Order>| order_list(orders)}
                more=texts.more
            />
        </div>
    }
}
