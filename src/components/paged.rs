//! A list read a page at a time, newest first (the audit log, 站内消息): the first page in all
//! its states, then 加载更多 for the next, with its own failure and 重试.

use std::future::Future;

use leptos::prelude::*;
use station_wire::page::Page;

use super::{ErrorState, ListSkeleton};
use crate::action::LocalAction;
use crate::api::ApiError;
use crate::load::Load;

#[component]
pub fn PagedList<T, L, Fut, R, IV>(
    /// Loads a page: the first with `None` (again whenever the signals it reads change), each
    /// next one with the cursor of the page before.
    load: L,
    /// Shown when the first page is empty.
    #[prop(into)]
    empty: ViewFn,
    /// Draws the items loaded so far.
    list: R,
    /// The label of 加载更多.
    more: &'static str,
    /// Holds the items loaded so far, for a page that reads them elsewhere too.
    #[prop(optional)]
    items: Option<RwSignal<Vec<T>>>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    L: Fn(Option<String>) -> Fut + Clone + 'static,
    Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
    R: Fn(Vec<T>) -> IV + Clone + Send + Sync + 'static,
    IV: IntoView + 'static,
{
    let items = items.unwrap_or_else(|| RwSignal::new(Vec::new()));
    let next = RwSignal::new(None::<String>);
    // Which first page the loaded items follow: a next page asked for before the first was
    // loaded again (other filters) belongs to the old list, and is dropped.
    let generation = StoredValue::new(0_u32);
    let first = Load::keeping({
        let load = load.clone();
        move || load(None)
    });
    let load_more = LocalAction::new(move |cursor: &String| {
        let started = generation.get_value();
        let page = load(Some(cursor.clone()));
        async move {
            let answer = page.await;
            if generation.get_value() != started {
                return Ok(());
            }
            let page = answer?;
            items.update(|list| list.extend(page.items));
            next.set(page.next_cursor);
            Ok::<(), ApiError>(())
        }
    });
    let shown = first.view(ListSkeleton, move |answer| match answer {
        Err(error) => {
            view! { <ErrorState error=error on_retry=move |()| first.refetch() /> }.into_any()
        }
        Ok(page) => {
            generation.update_value(|count| *count += 1);
            load_more.value().set(None);
            items.set(page.items);
            next.set(page.next_cursor);
            let (empty, list) = (empty.clone(), list.clone());
            view! {
                <Show when=move || items.with(|list| !list.is_empty()) fallback=move || empty.run()>
                    {
                        let list = list.clone();
                        move || list(items.get())
                    }
                </Show>
            }
            .into_any()
        }
    });
    let again = move || {
        if let Some(cursor) = next.get_untracked() {
            load_more.dispatch(cursor);
        }
    };
    let more_error = move || match load_more.value().get() {
        Some(Err(error)) => Some(view! { <ErrorState error=error on_retry=move |()| again() /> }),
        _ => None,
    };
    view! {
        {shown}
        {more_error}
        <Show when=move || next.with(Option::is_some)>
            <button
                type="button"
                class="button button--quiet load-more"
                data-testid="load-more"
                disabled=move || load_more.pending().get()
                on:click=move |_| again()
            >
                {more}
            </button>
        </Show>
    }
}
