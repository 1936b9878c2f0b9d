//! 点单: the service menu and its keeping, placing an order, one order, one's orders and tasks,
//! staff's queue, and every step of an order's life (one method: the step names its path).

use serde::Serialize;
use station_wire::orders::{
    DispatchOrder, NewOrder, Order, OrderReason, OrderStatus, OrderStep, RateOrder, ServiceEdit,
    ServiceInput, ServiceItem,
};
use station_wire::page::{List, Page};

use super::{json, with_cursor, Api, ApiError, Method};

/// A step and what it sends (the contract's own types: no JSON built by hand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum OrderStepBody {
    Reject(OrderReason),
    Cancel(OrderReason),
    Dispatch(DispatchOrder),
    Rate(RateOrder),
    /// 通过, 接单, 完成: nothing to send.
    Bare(OrderStep),
}

impl OrderStepBody {
    pub fn step(&self) -> OrderStep {
        match self {
            OrderStepBody::Reject(_) => OrderStep::Reject,
            OrderStepBody::Cancel(_) => OrderStep::Cancel,
            OrderStepBody::Dispatch(_) => OrderStep::Dispatch,
            OrderStepBody::Rate(_) => OrderStep::Rate,
            OrderStepBody::Bare(step) => *step,
        }
    }
}

impl Api {
    /// `GET /services`: every site's menu, or one site's; with the items taken off it for
    /// staff keeping it.
    pub async fn services(&self, all: bool) -> Result<List<ServiceItem>, ApiError> {
        self.get(if all {
            "/services?all=true"
        } else {
            "/services"
        })
        .await
    }

    /// `POST /services`.
    pub async fn add_service(&self, input: &ServiceInput) -> Result<ServiceItem, ApiError> {
        self.request(Method::Post, "/services", json(input)).await
    }

    /// `PUT /services/{id}`.
    pub async fn edit_service(&self, id: i64, edit: &ServiceEdit) -> Result<ServiceItem, ApiError> {
        self.request(Method::Put, &format!("/services/{id}"), json(edit))
            .await
    }

    /// `POST /orders`.
    pub async fn place_order(&self, order: &NewOrder) -> Result<Order, ApiError> {
        self.request(Method::Post, "/orders", json(order)).await
    }

    /// `GET /orders/{id}`: as the reader may see it.
    pub async fn order(&self, id: i64) -> Result<Order, ApiError> {
        self.get(&format!("/orders/{id}")).await
    }

    /// `GET /me/orders` (the orders one placed) or `/me/tasks` (those sent to one's teams and
    /// those one accepted), a page at a time.
    pub async fn my_orders(
        &self,
        tasks: bool,
        cursor: Option<&str>,
    ) -> Result<Page<Order>, ApiError> {
        let path = if tasks { "/me/tasks" } else { "/me/orders" };
        self.get(&with_cursor(path.to_owned(), cursor)).await
    }

    /// `GET /staff/orders`: the orders of the sites one runs, in one state or all.
    pub async fn staff_orders(
        &self,
        status: Option<OrderStatus>,
        cursor: Option<&str>,
    ) -> Result<Page<Order>, ApiError> {
        let path = match status {
            Some(status) => format!("/staff/orders?status={}", status.slug()),
            None => "/staff/orders".to_owned(),
        };
        self.get(&with_cursor(path, cursor)).await
    }

    /// `POST /orders/{id}/{step}`, with the step's body (if it has one).
    pub async fn order_step(&self, id: i64, body: &OrderStepBody) -> Result<Order, ApiError> {
        let name = match body.step() {
            OrderStep::Approve => "approve",
            OrderStep::Reject => "reject",
            OrderStep::Dispatch => "dispatch",
            OrderStep::Accept => "accept",
            OrderStep::Complete => "complete",
            OrderStep::Rate => "rate",
            OrderStep::Cancel => "cancel",
        };
        let body = match body {
            OrderStepBody::Bare(_) => None,
            body => json(body),
        };
        self.request(Method::Post, &format!("/orders/{id}/{name}"), body)
            .await
    }
}
