//! A confirm step for what cannot be undone (cancel an activity, delete one): the question, the
//! clearly named action, and a way back that keeps everything as it was.

use leptos::prelude::*;

#[component]
pub fn ConfirmStep(
    /// The group's accessible name, e.g. 取消活动.
    label: &'static str,
    /// What will happen, asked plainly (who will be told).
    #[prop(optional, into)]
    question: Option<Signal<String>>,
    /// The action's name on its button, e.g. 确定删除.
    confirm: &'static str,
    /// The way back's name, e.g. 不取消，返回.
    keep: &'static str,
    /// The confirm button's `data-testid`.
    testid: &'static str,
    /// Whether the action is being sent.
    pending: Memo<bool>,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] on_keep: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="confirm" role="group" aria-label=label>
            {question.map(|question| view! { <p>{question}</p> })}
            <button
                type="button"
                class="button button--danger"
                data-testid=testid
                disabled=pending
                on:click=move |_| on_confirm.run(())
            >
                {confirm}
            </button>
            <button type="button" class="button button--quiet" on:click=move |_| on_keep.run(())>
                {keep}
            </button>
        </div>
    }
}
