//! The states every data view has besides "here it is": loading, empty and failed.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{error_message, field_error_messages, use_i18n};
use crate::load::Load;

/// One placeholder card, the same size as an [`super::ActivityCard`].
#[component]
fn SkeletonCard() -> impl IntoView {
    view! {
        <li>
            <div class="activity-card activity-card--skeleton">
                <span class="activity-card__stripe"></span>
                <span class="activity-card__body">
                    <span class="skeleton-line skeleton-line--tag"></span>
                    <span class="skeleton-line skeleton-line--title"></span>
                    <span class="skeleton-line"></span>
                    <span class="skeleton-line skeleton-line--short"></span>
                    <span class="skeleton-line skeleton-line--short"></span>
                </span>
            </div>
        </li>
    }
}

/// The agenda while it loads: a day heading and cards in the very layout of the real ones.
#[component]
pub fn AgendaSkeleton() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton" data-testid="skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{i18n.messages().app().loading}</p>
            <div class="day-group" aria-hidden="true">
                <span class="skeleton-line skeleton-line--heading"></span>
                <ul class="card-list">
                    <SkeletonCard />
                    <SkeletonCard />
                    <SkeletonCard />
                </ul>
            </div>
        </div>
    }
}

/// The activity page while it loads.
#[component]
pub fn DetailSkeleton() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton" data-testid="skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{i18n.messages().app().loading}</p>
            <div class="detail" aria-hidden="true">
                <span class="skeleton-line skeleton-line--tag"></span>
                <span class="skeleton-line skeleton-line--h1"></span>
                <div class="detail__facts">
                    {(0..6)
                        .map(|_| {
                            view! {
                                <span class="skeleton-line skeleton-line--short"></span>
                                <span class="skeleton-line"></span>
                            }
                        })
                        .collect_view()}
                </div>
                <span class="skeleton-line"></span>
                <span class="skeleton-line"></span>
            </div>
        </div>
    }
}

/// Nothing to show, said plainly.
#[component]
pub fn EmptyState(
    /// A short sentence, e.g. `近期暂无活动`.
    #[prop(into)]
    title: String,
    /// What it means or what to do.
    #[prop(into)]
    body: String,
) -> impl IntoView {
    view! {
        <div class="state state--empty" data-testid="empty-state">
            <svg class="state__icon" viewBox="0 0 24 24" aria-hidden="true">
                <rect x="3.5" y="5" width="17" height="15" rx="2" />
                <path d="M3.5 10h17M8 3v4M16 3v4" />
            </svg>
            <p class="state__title">{title}</p>
            <p class="state__body">{body}</p>
        </div>
    }
}

/// A failure in plain words, with a button that tries again when trying again can help (not
/// for "not found" or "not allowed").
#[component]
pub fn ErrorState(
    error: ApiError,
    /// Called when the reader presses 重试.
    #[prop(into)]
    on_retry: Callback<()>,
    /// Said instead of the general sentence, e.g. what it was that was not found.
    #[prop(default = None)]
    message: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let retry = (!matches!(error.status(), Some(403 | 404 | 410))).then_some(());
    let message = {
        let error = error.clone();
        move || {
            message
                .clone()
                .unwrap_or_else(|| error_message(i18n.locale(), &error))
        }
    };
    let fields = field_error_messages(i18n.locale_untracked(), &error);
    let field_list = (!fields.is_empty()).then(|| {
        view! {
            <ul class="state__fields">
                {fields.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <div class="state state--error" role="alert" data-testid="error-state">
            <p class="state__title">{message}</p>
            {field_list}
            {retry.map(|()| view! {
                <button type="button" class="button" on:click=move |_| on_retry.run(())>
                    {i18n.messages().errors().retry}
                </button>
            })}
        </div>
    }
}

/// A few grey lines while a list loads.
#[component]
pub fn ListSkeleton() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton skeleton--lines" data-testid="skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{i18n.messages().app().loading}</p>
            <span class="skeleton-line" aria-hidden="true"></span>
            <span class="skeleton-line skeleton-line--short" aria-hidden="true"></span>
            <span class="skeleton-line" aria-hidden="true"></span>
        </div>
    }
}

/// A list loaded from the backend, in all its states: a skeleton while it loads (the last
/// items while it reloads, when read with [`Load::keeping`]), `empty` when there is nothing, the error with 重试, else `list`
/// drawn from the items. Every list of the console goes through it.
#[component]
pub fn AsyncList<T, R, IV>(
    items: Load<Result<Vec<T>, ApiError>>,
    /// Shown when the backend answers with no items.
    #[prop(into)]
    empty: ViewFn,
    /// The items drawn.
    list: R,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    R: Fn(Vec<T>) -> IV + Clone + Send + Sync + 'static,
    IV: IntoView + 'static,
{
    items.view(ListSkeleton, move |answer| match answer {
        Ok(found) if found.is_empty() => empty.run(),
        Ok(found) => list(found).into_any(),
        Err(error) => view! {
            <ErrorState error=error on_retry=move |()| items.refetch() />
        }
        .into_any(),
    })
}
