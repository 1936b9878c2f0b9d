//! A confirm step for what cannot be undone (cancel an activity, delete one): the question, the
//! clearly named action, and a way back that keeps everything as it was.

use leptos::prelude::*;

use super::flash::go_with_flash;
use super::form::focus_when_drawn;
use super::FormProblem;
use crate::action::LocalAction;
use crate::api::ApiError;
use crate::i18n::{fill, Locale};

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
    pending: Signal<bool>,
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
    #[prop(optional_no_strip)]
    own: Option<fn(Locale, &str) -> Option<&'static str>>,
    pending: Signal<bool>,
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

/// The [`ArchiveTexts`] of a locale section that has the archive step's keys (`archive_title`,
/// `archive_lead`, `archive`, `archive_question`, `archive_confirm`, `keep`, `archived`).
#[macro_export]
macro_rules! archive_texts {
    ($section:expr) => {{
        let section = $section;
        $crate::components::ArchiveTexts {
            title: section.archive_title,
            lead: section.archive_lead,
            trigger: section.archive,
            question: section.archive_question,
            confirm: section.archive_confirm,
            keep: section.keep,
            archived: section.archived,
        }
    }};
}

/// What an archive section says, from its page's own section of the locale.
pub struct ArchiveTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub trigger: &'static str,
    /// `确定归档「{name}」吗？`
    pub question: &'static str,
    pub confirm: &'static str,
    pub keep: &'static str,
    /// `已归档：{name}`, shown by the page it goes to.
    pub archived: &'static str,
}

/// 归档 (a site, a team): the [`DangerSection`] whose confirmed step runs `archive`, then goes
/// to `then` with a flash that names what was archived.
#[component]
pub fn ArchiveSection<F, Fut>(
    texts: ArchiveTexts,
    /// The name as last saved.
    name: RwSignal<String>,
    archive: F,
    /// Where to go once it is archived.
    #[prop(into)]
    then: Signal<String>,
    #[prop(optional_no_strip)] own: Option<fn(Locale, &str) -> Option<&'static str>>,
) -> impl IntoView
where
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = Result<(), ApiError>> + 'static,
{
    let problem = RwSignal::new(None::<ApiError>);
    let ArchiveTexts {
        title,
        lead,
        trigger,
        question,
        confirm,
        keep,
        archived,
    } = texts;
    let run = LocalAction::new(move |(): &()| {
        let done = archive();
        async move {
            match done.await {
                Ok(()) => {
                    let text = fill(archived, &[("name", &name.get_untracked())]);
                    go_with_flash(&text, &then.get_untracked());
                }
                Err(error) => problem.set(Some(error)),
            }
        }
    });
    let question = move || fill(question, &[("name", &name.get())]);
    view! {
        <DangerSection
            key="archive"
            title=title
            lead=lead
            trigger=trigger
            question=Signal::derive(question)
            confirm=confirm
            keep=keep
            problem=problem
            own=own
            pending=run.pending()
            on_confirm=move |()| {
                run.dispatch(());
            }
        />
    }
}
