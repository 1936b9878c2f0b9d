//! 点单 → 派单 → 接单 → 评单. `/services` — the station's service menu (项目清单), each item with
//! its 点单 link; `/orders/new` (`place.rs`) — ordering one; `/me/orders` (`mine.rs`) — the
//! orders one placed and the tasks sent to one's teams, each with its next step; `/orders/:id`
//! (`detail.rs`, an area of its own) — one order, its timeline and the steps the reader may take;
//! staff's queue and the menu's keeping (`staff.rs`, `menu.rs`, an area of their own).

mod detail;
mod menu;
mod mine;
mod place;
mod staff;

use leptos::prelude::*;
use station_wire::orders::{Order, OrderStatus, OrderStep, ServiceItem};

pub use self::detail::OrderPage;
pub use self::menu::MenuKeepingPage;
pub use self::mine::MyOrdersPage;
pub use self::place::PlaceOrderPage;
pub use self::staff::StaffOrdersPage;
use crate::api::use_api;
use crate::components::{AsyncList, EmptyState};
use crate::i18n::{full_date, use_i18n, Locale};
use crate::load::Load;
use crate::paths;
use crate::session::use_session;

/// Where an order stands, in words.
pub fn status_name(locale: Locale, status: OrderStatus) -> &'static str {
    let texts = locale.messages().orders();
    match status {
        OrderStatus::Submitted => texts.status_submitted,
        OrderStatus::Open => texts.status_open,
        OrderStatus::Rejected => texts.status_rejected,
        OrderStatus::Dispatched => texts.status_dispatched,
        OrderStatus::Accepted => texts.status_accepted,
        OrderStatus::Completed => texts.status_completed,
        OrderStatus::Rated => texts.status_rated,
        OrderStatus::Cancelled => texts.status_cancelled,
    }
}

/// What comes next for an order, and whose step it is.
pub fn next_step(locale: Locale, order: &Order) -> Option<&'static str> {
    let texts = locale.messages().orders();
    let mine = |step| order.steps.contains(&step);
    Some(match order.status {
        OrderStatus::Submitted if mine(OrderStep::Approve) => texts.next_review,
        OrderStatus::Submitted => texts.next_wait_review,
        OrderStatus::Open if mine(OrderStep::Dispatch) => texts.next_dispatch,
        OrderStatus::Open => texts.next_wait_dispatch,
        OrderStatus::Dispatched if mine(OrderStep::Accept) => texts.next_accept,
        OrderStatus::Dispatched => texts.next_wait_accept,
        OrderStatus::Accepted if mine(OrderStep::Complete) => texts.next_complete,
        OrderStatus::Accepted => texts.next_wait_complete,
        OrderStatus::Completed if mine(OrderStep::Rate) => texts.next_rate,
        OrderStatus::Completed => texts.next_wait_rate,
        _ => return None,
    })
}

/// The status's badge.
#[component]
pub fn OrderStatusBadge(status: OrderStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("status status--{}", status.slug()) data-testid="order-status">
            {status_name(i18n.locale_untracked(), status)}
        </span>
    }
}

/// One order in a list: the service (the link to it), where it stands, when it is wanted, the
/// site and the day it was placed, and the next step.
#[component]
pub fn OrderCard(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let texts = i18n.messages().orders();
    let next = next_step(locale, &order)
        .map(|text| view! { <p class="me-item__next" data-testid="order-next">{text}</p> });
    let who = order
        .on_behalf_of
        .clone()
        .or_else(|| order.requester_name.clone())
        .map(|who| view! { <span>{who}</span> });
    view! {
        <li class="me-item" data-testid="order-card">
            <a href=paths::order(order.id)>{order.service_name.clone()}</a>
            <p class="wish-card__meta">
                <OrderStatusBadge status=order.status />
                <span>{crate::i18n::fill(texts.wanted, &[("time", &order.preferred_time)])}</span>
                <span>{order.site.name.clone()}</span>
                {who}
            </p>
            <p class="me-item__when">
                {crate::i18n::fill(texts.ordered_on, &[("date", &full_date(locale, order.ordered_at.date_naive()))])}
            </p>
            {next}
        </li>
    }
}

/// A list of order cards.
pub fn order_list(orders: Vec<Order>) -> impl IntoView {
    view! {
        <ul class="me-list">
            {orders.into_iter().map(|order| view! { <OrderCard order /> }).collect_view()}
        </ul>
    }
}

/// The items of a menu, grouped by site in the order given (the server's: oldest first).
pub fn by_site(items: Vec<ServiceItem>) -> Vec<(String, Vec<ServiceItem>)> {
    let mut groups: Vec<(i64, String, Vec<ServiceItem>)> = Vec::new();
    for item in items {
        match groups.iter_mut().find(|(id, _, _)| *id == item.site.id) {
            Some((_, _, list)) => list.push(item),
            None => groups.push((item.site.id, item.site.name.clone(), vec![item])),
        }
    }
    groups
        .into_iter()
        .map(|(_, name, list)| (name, list))
        .collect()
}

/// `/services`: what the stations offer, by station, each item with its 点单 link.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let texts = i18n.messages().orders();
    let menu = Load::new(move || {
        let api = api.clone();
        async move { api.services(false).await.map(|list| list.items) }
    });
    let mine = move || {
        session.is_signed_in().then(|| {
            view! { <a class="button button--quiet" href=paths::MY_ORDERS data-testid="my-orders-link">{texts.mine}</a> }
        })
    };
    let staff = move || {
        session.is_staff().then(|| {
            view! {
                <a class="button button--quiet" href=paths::ORDER_QUEUE>{texts.queue}</a>
                <a class="button button--quiet" href=paths::SERVICE_MENU>{texts.menu_keeping}</a>
            }
        })
    };
    let groups = move |items: Vec<ServiceItem>| {
        by_site(items)
            .into_iter()
            .map(|(site, items)| {
                view! {
                    <section class="panel" data-testid="menu-site">
                        <h2 class="panel__title">{site}</h2>
                        <ul class="service-list">
                            {items.into_iter().map(|item| view! { <ServiceCard item /> }).collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <div class="page">
            <a class="back-link" href=paths::WISHES>{texts.back_wishes}</a>
            <h1 class="page__title">{texts.menu_title}</h1>
            <p class="page__lead">{texts.menu_lead}</p>
            <div class="actions">{mine}{staff}</div>
            <AsyncList
                items=menu
                empty=move || view! { <EmptyState title=texts.menu_empty_title body=texts.menu_empty_body /> }
                list=groups
            />
        </div>
    }
}

/// One item of the menu.
#[component]
fn ServiceCard(item: ServiceItem) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().orders();
    let label = crate::i18n::fill(texts.order_this, &[("name", &item.name)]);
    view! {
        <li class="service" data-testid="service">
            <h3 class="service__name">{item.name.clone()}</h3>
            <p class="service__description">{item.description.clone()}</p>
            <a class="button" href=paths::new_order(item.id) aria-label=label>{texts.order}</a>
        </li>
    }
}
