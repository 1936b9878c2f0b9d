//! `/me/nominations`: 我的推荐 — each nomination with where it stands (待审核, 已发布 with a link
//! to the board, 未通过 with the reason staff gave, 已撤下), newest first.

use leptos::prelude::*;
use station_wire::honors::{HonorStatus, Nomination};

use super::{status_name, HonorBadge};
use crate::api::use_api;
use crate::components::flash::take_flash;
use crate::components::{EmptyState, PagedList};
use crate::i18n::{day_heading, fill, use_i18n};
use crate::pages::accounts::require_sign_in;
use crate::paths;

#[component]
pub fn MyNominationsPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().honors();
    let load = move |cursor: Option<String>| {
        let api = api.clone();
        async move { api.my_nominations(cursor.as_deref()).await }
    };
    let list = |nominations: Vec<Nomination>| {
        view! {
            <ul class="me-list" data-testid="my-nominations">
                {nominations
                    .into_iter()
                    .map(|nomination| view! { <MyNomination nomination /> })
                    .collect_view()}
            </ul>
        }
    };
    view! {
        <div class="page">
            <a class="back-link" href=paths::HONORS>{texts.back}</a>
            <h1 class="page__title">{texts.mine_title}</h1>
            {take_flash().map(|text| view! { <p class="form__done" role="status" data-testid="flash">{text}</p> })}
            <div class="actions">
                <a class="button" href=paths::NOMINATE>{texts.nominate}</a>
            </div>
            <PagedList
                load=load
                empty=move || view! { <EmptyState title=texts.mine_empty_title body=texts.mine_empty_body /> }
                list=list
                more=texts.more
            />
        </div>
    }
}

#[component]
fn MyNomination(nomination: Nomination) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().honors();
    let locale = i18n.locale_untracked();
    let status = nomination.status;
    let submitted = fill(
        texts.submitted_on,
        &[(
            "date",
            &day_heading(locale, nomination.submitted_at.date_naive()),
        )],
    );
    let reason = nomination
        .reject_reason
        .filter(|_| matches!(status, HonorStatus::Rejected | HonorStatus::Unpublished))
        .map(|reason| {
            view! { <p class="me-item__reason">{fill(texts.reason, &[("reason", &reason)])}</p> }
        });
    let on_board = (status == HonorStatus::Published).then(|| {
        view! { <a href=paths::honor(nomination.id)>{texts.see_on_board}</a> }
    });
    view! {
        <li class="me-item" data-testid="my-nomination">
            <span class="me-item__title">{nomination.nominee_name.clone()}</span>
            <p class="honor__meta">
                <HonorBadge category=nomination.category />
                <span class=format!("status status--{}", status.slug()) data-testid="nomination-status">
                    {status_name(locale, status)}
                </span>
            </p>
            <p class="me-item__when">{submitted}</p>
            {reason}
            {on_board}
        </li>
    }
}
