//! 微心愿: the wall's shelves and figures, one wish, posting one, one's wishes and claims,
//! staff's queue, and every step of a wish's life (one method: the step names its path).

use serde::Serialize;
use station_wire::page::Page;
use station_wire::wishes::{
    ApproveWish, ConfirmWish, FulfilWish, NewWish, Wish, WishFigures, WishReason, WishShelf,
    WishStatus, WishStep,
};

use super::{json, with_cursor, Api, ApiError, Method};

/// Which of one's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MyWishes {
    /// The wishes one posted.
    Posted,
    /// The wishes one claimed.
    Claimed,
}

/// A step and what it sends (the contract's own types: no JSON built by hand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum StepBody {
    Approve(ApproveWish),
    Reject(WishReason),
    Fulfil(FulfilWish),
    Confirm(ConfirmWish),
    /// 认领, 放弃认领, 撤回: nothing to send.
    Bare(WishStep),
}

impl StepBody {
    pub fn step(&self) -> WishStep {
        match self {
            StepBody::Approve(_) => WishStep::Approve,
            StepBody::Reject(_) => WishStep::Reject,
            StepBody::Fulfil(_) => WishStep::Fulfil,
            StepBody::Confirm(_) => WishStep::Confirm,
            StepBody::Bare(step) => *step,
        }
    }
}

/// What staff's queue is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffWishes {
    Status(WishStatus),
    Overdue,
    All,
}

impl Api {
    /// `GET /wishes?shelf=`: one shelf of the wall, a page at a time.
    pub async fn wishes(
        &self,
        shelf: WishShelf,
        cursor: Option<&str>,
    ) -> Result<Page<Wish>, ApiError> {
        let shelf = match shelf {
            WishShelf::Open => "open",
            WishShelf::Claimed => "claimed",
            WishShelf::Done => "done",
        };
        let path = format!("/wishes?shelf={shelf}&limit=20");
        self.get(&with_cursor(path, cursor)).await
    }

    /// `GET /wishes/figures`: this year's.
    pub async fn wish_figures(&self) -> Result<WishFigures, ApiError> {
        self.get("/wishes/figures").await
    }

    /// `GET /wishes/{id}`: as the reader may see it.
    pub async fn wish(&self, id: i64) -> Result<Wish, ApiError> {
        self.get(&format!("/wishes/{id}")).await
    }

    /// `POST /wishes`.
    pub async fn post_wish(&self, wish: &NewWish) -> Result<Wish, ApiError> {
        self.request(Method::Post, "/wishes", json(wish)).await
    }

    /// `GET /me/wishes` or `/me/claims`, a page at a time.
    pub async fn my_wishes(
        &self,
        which: MyWishes,
        cursor: Option<&str>,
    ) -> Result<Page<Wish>, ApiError> {
        let path = match which {
            MyWishes::Posted => "/me/wishes",
            MyWishes::Claimed => "/me/claims",
        };
        self.get(&with_cursor(path.to_owned(), cursor)).await
    }

    /// `GET /staff/wishes`: the wishes of the sites one runs.
    pub async fn staff_wishes(
        &self,
        which: StaffWishes,
        cursor: Option<&str>,
    ) -> Result<Page<Wish>, ApiError> {
        let path = match which {
            StaffWishes::Status(status) => format!("/staff/wishes?status={}", status.slug()),
            StaffWishes::Overdue => "/staff/wishes?overdue=true".to_owned(),
            StaffWishes::All => "/staff/wishes".to_owned(),
        };
        self.get(&with_cursor(path, cursor)).await
    }

    /// `POST /wishes/{id}/{step}`, with the step's body (if it has one).
    pub async fn wish_step(&self, id: i64, body: &StepBody) -> Result<Wish, ApiError> {
        let name = match body.step() {
            WishStep::Approve => "approve",
            WishStep::Reject => "reject",
            WishStep::Claim => "claim",
            WishStep::Release => "release",
            WishStep::Fulfil => "fulfil",
            WishStep::Confirm => "confirm",
            WishStep::Withdraw => "withdraw",
        };
        let body = match body {
            StepBody::Bare(_) => None,
            body => json(body),
        };
        self.request(Method::Post, &format!("/wishes/{id}/{name}"), body)
            .await
    }
}
