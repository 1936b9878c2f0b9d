//! `/me/orders`: 我的点单 — the orders one placed, and one's tasks (the orders sent to a team
//! one is in, and those one accepted), newest first, each with where it stands and its next step.

use leptos::prelude::*;
use station_wire::orders::Order;

use super::order_list;
use crate::api::use_api;
use crate::components::PagedList;
use crate::i18n::use_i18n;
use crate::pages::accounts::require_sign_in;
use crate::paths;

#[component]
pub fn MyOrdersPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let texts = i18n.messages().orders();
    view! {
        <div class="page">
            <a class="back-link" href=paths::ME>{texts.back_me}</a>
            <h1 class="page__title">{texts.mine}</h1>
            <div class="actions">
                <a class="button" href=paths::SERVICES>{texts.menu_title}</a>
            </div>
            <section class="panel" aria-labelledby="my-orders" data-testid="my-orders">
                <h2 class="panel__title" id="my-orders">{texts.my_orders}</h2>
                <MyList tasks=false />
            </section>
            <section class="panel" aria-labelledby="my-tasks" data-testid="my-tasks">
                <h2 class="panel__title" id="my-tasks">{texts.my_tasks}</h2>
                <MyList tasks=true />
            </section>
        </div>
    }
}

#[component]
fn MyList(tasks: bool) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().orders();
    let load = move |cursor: Option<String>| {
        let api = api.clone();
        async move { api.my_orders(tasks, cursor.as_deref()).await }
    };
    let empty = move || {
        let text = if tasks {
            texts.tasks_empty
        } else {
            texts.orders_empty
        };
        view! { <p class="panel__empty">{text}</p> }
    };
    view! { <PagedList load=load empty=empty list={|orders: Vec<Order>| order_list(orders)} more=texts.more /> }
}
