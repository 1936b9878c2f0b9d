//! A confirm step for what cannot be undone (cancel an activity, delete one): the question, the
//! clearly named action, and a way back that keeps everything as it was.

use leptos::prelude::*;

use super::form::focus_when_drawn;
use super::FormProblem;
use crate::api::ApiError;
use crate::i18n::Locale;

#[component]
pub fn ConfirmStep(
    /// The group's accessible name, e.g. 取消活动.
    label: &'static str,
    /// What will happen, asked plainly (who will be told); none when empty.
    #[prop(optional, into)]
    question: Signal<String>,
    /// The action's name on its button, e.g. 确定删除.
    confirm: &'static str,
    /// The way back's name, e.g. 不取消，返回.
    keep: &'static str,
    /// The confirm button's `data-testid`.
    #[prop(into)]
    testid: String,
    /// Whether the action is being sent.
    pending: Memo<bool>,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] on_keep: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="confirm" role="group" aria-label=label>
            {move || {
                let text = question.get();
                (!text.is_empty()).then(|| view! { <p>{text}</p> })
            }}
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

/// A section for one action that cannot be undone (delete an activity, archive a site): what it
/// does, its button, then the confirm step; a refusal is told in the section, and closes the
/// step.
#[component]
pub fn DangerSection(
    /// Names the heading (`{key}-title`), the section's and the confirm button's test ids
    /// (`{key}-section`, `confirm-{key}`).
    key: &'static str,
    title: &'static str,
    /// What the action does, and when it is refused.
    lead: &'static str,
    /// The first button, e.g. 删除这个活动.
    trigger: &'static str,
    #[prop(optional, into)] question: Option<Signal<String>>,
    confirm: &'static str,
    keep: &'static str,
    /// The last refusal; the caller sets it.
    problem: RwSignal<Option<ApiError>>,
    /// The area's own sentences for its refusals.
    #[prop(optional)]
    own: Option<fn(Locale, &str) -> Option<&'static str>>,
    pending: Memo<bool>,
    #[prop(into)] on_confirm: Callback<()>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let heading = format!("{key}-title");
    let open = move || confirming.get() && problem.with(Option::is_none);
    let step = move || {
        if open() {
            view! {
                <ConfirmStep
                    label=title
                    question=question.unwrap_or_default()
                    confirm=confirm
                    keep=keep
                    testid=format!("confirm-{key}")
                    pending=pending
                    on_confirm=on_confirm
                    on_keep=move |()| confirming.set(false)
                />
            }
            .into_any()
        } else {
            view! {
                <button
                    type="button"
                    class="button button--quiet"
                    on:click=move |_| {
                        problem.set(None);
                        confirming.set(true);
                        focus_when_drawn(format!("[data-testid='confirm-{key}']"));
                    }
                >
                    {trigger}
                </button>
            }
            .into_any()
        }
    };
    let problem_view = match own {
        Some(own) => view! { <FormProblem error=problem on_retry=on_confirm own=own /> }.into_any(),
        None => view! { <FormProblem error=problem on_retry=on_confirm /> }.into_any(),
    };
    view! {
        <section class="panel" aria-labelledby=heading.clone() data-testid=format!("{key}-section")>
            <h2 class="panel__title" id=heading.clone()>{title}</h2>
            <p class="panel__empty">{lead}</p>
            {problem_view}
            {step}
        </section>
    }
}
