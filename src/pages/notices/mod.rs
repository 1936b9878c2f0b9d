//! `/me/notices`: 站内消息, what changed for me — an activity cancelled (with the reason), a place
//! freed for me from the waitlist, a join request decided — newest first, the new ones marked
//! 新 in words; each leads to what it is about. Opening the page reads them: the header's count
//! goes back to none.

use leptos::prelude::*;
use station_wire::notices::{Notice, NoticeKind};

use crate::action::LocalAction;
use crate::api::use_api;
use crate::components::{EmptyState, PagedList};
use crate::i18n::{day_heading, fill, time_hm, use_i18n};
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::session::use_session;

#[component]
pub fn NoticesPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    // Seen, so read: the first page's newest notice marks every older one read, and the
    // header's count follows (a failure leaves them unread, to be read next time).
    let mark_read = LocalAction::new({
        let api = api.clone();
        move |up_to: &i64| {
            let (api, up_to) = (api.clone(), *up_to);
            async move {
                // The count read again: a notice written meanwhile stays counted.
                if api.mark_notices_read(up_to).await.is_ok() {
                    if let Ok(me) = api.me().await {
                        session.state.update(|state| {
                            if let Some(state) = state.as_mut() {
                                state.account = Some(me);
                            }
                        });
                    }
                }
            }
        }
    });
    let load = move |cursor: Option<String>| {
        let api = api.clone();
        async move {
            let page = api.notices(cursor.as_deref()).await?;
            if cursor.is_none() && page.items.iter().any(|notice| !notice.read) {
                if let Some(newest) = page.items.first() {
                    mark_read.dispatch(newest.id);
                }
            }
            Ok(page)
        }
    };
    let messages = i18n.messages().notices();
    let list = |notices: Vec<Notice>| {
        view! {
            <ul class="me-list" data-testid="notices">
                {notices.into_iter().map(|notice| view! { <NoticeItem notice /> }).collect_view()}
            </ul>
        }
    };
    view! {
        <div class="page">
            <a class="back-link" href=paths::ME>{messages.back}</a>
            <h1 class="page__title">{messages.title}</h1>
            <PagedList
                load=load
                empty=move || view! { <EmptyState title=messages.empty_title body=messages.empty_body /> }
                list=list
                more=messages.more
            />
        </div>
    }
}

/// One notice: what happened, in a sentence; the reason if it came with one; when; and a link to
/// what it is about.
#[component]
fn NoticeItem(notice: Notice) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.t().notices();
    let title = &notice.subject_title;
    let (sentence, link) = match notice.kind {
        NoticeKind::ActivityCancelled => (
            fill(texts.cancelled, &[("title", title)]),
            notice.activity_id.map(paths::activity),
        ),
        NoticeKind::ActivityMoved => {
            let when = notice.starts_at.map_or_else(String::new, |starts_at| {
                format!(
                    "{} {}",
                    day_heading(i18n.locale_untracked(), starts_at.date_naive()),
                    time_hm(&starts_at)
                )
            });
            (
                fill(texts.moved, &[("title", title), ("when", &when)]),
                notice.activity_id.map(paths::activity),
            )
        }
        NoticeKind::WaitlistPromoted => (
            fill(texts.promoted, &[("title", title)]),
            notice.activity_id.map(paths::activity),
        ),
        NoticeKind::TeamApproved => (
            fill(texts.approved, &[("title", title)]),
            Some(paths::TEAMS.to_owned()),
        ),
        NoticeKind::TeamDeclined => (
            fill(texts.declined, &[("title", title)]),
            Some(paths::TEAMS.to_owned()),
        ),
        NoticeKind::OrderRejected
        | NoticeKind::OrderDispatched
        | NoticeKind::OrderAccepted
        | NoticeKind::OrderCompleted
        | NoticeKind::OrderReassigned
        | NoticeKind::OrderCancelled => {
            let sentence = match notice.kind {
                NoticeKind::OrderRejected => texts.order_rejected,
                NoticeKind::OrderDispatched => texts.order_dispatched,
                NoticeKind::OrderAccepted => texts.order_accepted,
                NoticeKind::OrderCompleted => texts.order_completed,
                NoticeKind::OrderReassigned => texts.order_reassigned,
                _ => texts.order_cancelled,
            };
            // Given to someone else, or cancelled (for a team, whose members read an order only
            // while it waits for them): not the reader's to open any more.
            let opens = !matches!(
                notice.kind,
                NoticeKind::OrderReassigned | NoticeKind::OrderCancelled
            );
            (
                fill(sentence, &[("title", title)]),
                notice.order_id.filter(|_| opens).map(paths::order),
            )
        }
        kind => {
            let sentence = match kind {
                NoticeKind::WishApproved => texts.wish_approved,
                NoticeKind::WishRejected => texts.wish_rejected,
                NoticeKind::WishClaimed => texts.wish_claimed,
                NoticeKind::WishReleased => texts.wish_released,
                NoticeKind::WishFulfilled => texts.wish_fulfilled,
                NoticeKind::WishConfirmed => texts.wish_confirmed,
                NoticeKind::WishWithdrawn => texts.wish_withdrawn,
                _ => texts.wish_expired,
            };
            (
                fill(sentence, &[("title", title)]),
                notice.wish_id.map(paths::wish),
            )
        }
    };
    let link_text = if notice.team_id.is_some() {
        texts.see_teams
    } else if notice.wish_id.is_some() {
        texts.see_wish
    } else if notice.order_id.is_some() {
        texts.see_order
    } else {
        texts.see_activity
    };
    let reason = notice
        .reason
        .map(|reason| view! { <span class="me-item__reason">{fill(texts.reason, &[("reason", &reason)])}</span> });
    let when = format!(
        "{} {}",
        day_heading(i18n.locale_untracked(), notice.created_at.date_naive()),
        time_hm(&notice.created_at)
    );
    let unread = (!notice.read)
        .then(|| view! { <span class="badge" data-testid="notice-new">{texts.new}</span> });
    view! {
        <li class="me-item" data-testid="notice">
            <span class="me-item__title">{unread}" "{sentence}</span>
            {reason}
            <span class="me-item__when">{when}</span>
            {link.map(|href| view! { <a href=href>{link_text}</a> })}
        </li>
    }
}
