//! `/wishes/:id`: one wish — what it is, for whom (masked), by when, where; for its parties the
//! details only they read and its timeline; and the steps the reader may take now, as the
//! server says (`Wish::steps`): 认领, 放弃认领, 已实现 (its own page, `fulfil.rs`), 确认并评价, 撤回,
//! and for staff 通过 (the photo public or not) / 不通过 (with a reason). A step's refusal is
//! said in the reader's language and the wish read again; what was typed stays.

use leptos::prelude::*;
use station_wire::problem::{codes, types};
use station_wire::wishes::{ApproveWish, ConfirmWish, Wish, WishReason, WishStatus, WishStep};

use super::{beneficiary_line, category_name, deadline_words, WishStatusBadge};
use crate::api::{use_api, StepBody};
use crate::components::flash::take_flash;
use crate::components::form::CheckField;
use crate::components::rating::{chosen_rating, stars_words};
use crate::components::steps::{step_action, Taken};
use crate::components::{
    ConfirmStep, DetailSkeleton, ErrorState, FieldErrors, Form, FormProblem, FormState, Rating,
    SubmitButton, TextField, Timeline,
};
use crate::hooks::use_of_path_id_keeping;
use crate::i18n::{use_i18n, Locale};
use crate::paths;
use crate::session::{current_path, login_href, use_session};
use station_wire::wishes::WISH_NOTE_MAX_CHARS;

/// The sentences of this area's own refusals.
pub fn wish_problem(locale: Locale, kind: &str) -> Option<&'static str> {
    let texts = locale.messages().wishes();
    Some(match kind {
        types::ALREADY_TAKEN => texts.taken,
        types::WRONG_STATE => texts.wrong_state,
        _ => return None,
    })
}

/// What the reader typed into the steps' forms: kept while the wish is read again.
#[derive(Clone, Copy)]
struct Typed {
    rating: RwSignal<String>,
    thanks: RwSignal<String>,
    reason: RwSignal<String>,
    photo_public: RwSignal<bool>,
}

#[component]
pub fn WishPage() -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().wishes();
    let data = use_of_path_id_keeping(|api, id| async move { api.wish(id).await });
    let typed = Typed {
        rating: RwSignal::new(String::new()),
        thanks: RwSignal::new(String::new()),
        reason: RwSignal::new(String::new()),
        photo_public: RwSignal::new(false),
    };
    let state = FormState::default();
    // Which confirm step is open (撤回, 放弃认领).
    let confirming = RwSignal::new(None::<WishStep>);
    let step = step_action(
        data,
        state,
        "wish-done",
        Taken::ReadAgain,
        move |api, id, body: StepBody| {
            let step = body.step();
            async move {
                api.wish_step(id, &body).await?;
                let texts = i18n.t().wishes();
                Ok(match step {
                    WishStep::Approve => texts.approved_done,
                    WishStep::Reject => texts.rejected_done,
                    WishStep::Claim => texts.claimed_done,
                    WishStep::Release => texts.released_done,
                    WishStep::Fulfil => texts.fulfilled_done,
                    WishStep::Confirm => texts.confirmed_done,
                    WishStep::Withdraw => texts.withdrawn_done,
                })
            }
        },
    );
    let take = Callback::new(move |(id, body): (i64, Result<StepBody, FieldErrors>)| {
        confirming.set(None);
        state.send(body.map(|body| (id, body)), step);
    });
    view! {
        <div class="page wish">
            <a class="back-link" href=paths::WISHES>{texts.back}</a>
            {take_flash().map(|text| view! { <p class="form__done" role="status" data-testid="flash">{text}</p> })}
            {data.view(|| view! { <DetailSkeleton /> }, move |answer| match answer {
                Err(error) => view! {
                    <h1 class="page__title">{i18n.t().wishes().title}</h1>
                    <ErrorState error=error on_retry=move |()| data.refetch() />
                }.into_any(),
                Ok(wish) => view! {
                    <WishBody wish=wish.clone() />
                    <Steps wish typed state confirming take pending=step.pending() />
                }.into_any(),
            })}
            // Outside the wish, which is drawn again after each step: what a step did stays.
            <p class="form__done" role="status" tabindex="-1" data-testid="wish-done">{move || state.done.get()}</p>
            <FormProblem error=state.problem on_retry=move |()| state.problem.set(None) own=wish_problem />
        </div>
    }
}

/// What the wish is, and what its parties alone read.
#[component]
fn WishBody(wish: Wish) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale_untracked();
    let texts = i18n.messages().wishes();
    let photo = wish.photo.as_ref().map(|photo| {
        let alt = crate::i18n::fill(texts.photo_alt, &[("title", &wish.title)]);
        view! {
            <img class="wish__photo" src=api.photo_url(&photo.large_url) alt=alt
                width=photo.width height=photo.height decoding="async" />
        }
    });
    let overdue = wish
        .overdue
        .then(|| view! { <span class="status status--overdue">{texts.overdue}</span> });
    let thanks = wish.thanks.clone().map(|thanks| {
        view! {
            <p class="wish__label">{texts.thanks_label}</p>
            <blockquote class="wish-card__thanks" data-testid="wish-thanks">{thanks}</blockquote>
        }
    });
    view! {
        <h1 class="page__title">{wish.title.clone()}</h1>
        <p class="wish-card__meta">
            <WishStatusBadge status=wish.status />
            <span class="wish-tag">{category_name(locale, wish.category)}</span>
            {overdue}
        </p>
        {photo}
        <p class="wish__description">{wish.description.clone()}</p>
        <dl class="wish__facts">
            <dt>{texts.beneficiary}</dt>
            <dd data-testid="wish-beneficiary">{beneficiary_line(locale, &wish)}</dd>
            <dt>{texts.deadline_label}</dt>
            <dd>{deadline_words(locale, &wish)}</dd>
            <dt>{texts.site}</dt>
            <dd>{wish.site.name.clone()}</dd>
        </dl>
        {thanks}
        <Private wish=wish.clone() />
        <Timeline entries=wish.timeline.clone() />
    }
}

/// The details only the requester, the claimer and staff read (absent from everyone else's).
#[component]
fn Private(wish: Wish) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().wishes();
    let mut rows: Vec<(&'static str, String)> = Vec::new();
    let mut add = |label: &'static str, value: Option<String>| {
        if let Some(value) = value.filter(|value| !value.is_empty()) {
            rows.push((label, value));
        }
    };
    add(texts.full_name, wish.beneficiary_name.clone());
    add(texts.contact, wish.contact.clone());
    add(texts.on_behalf, wish.on_behalf_of.clone());
    add(texts.reject_reason, wish.reject_reason.clone());
    add(texts.claimer, wish.claimer_name.clone());
    add(texts.fulfil_note, wish.fulfil_note.clone());
    add(texts.rating, wish.rating.map(stars_words));
    let photo = wish.fulfil_photo.as_ref().map(|photo| {
        view! {
            <img class="wish__photo" src=api.photo_url(&photo.thumb_url) alt=texts.fulfil_photo_alt
                width=photo.width height=photo.height decoding="async" />
        }
    });
    (!rows.is_empty()).then(|| {
        view! {
            <section class="panel" aria-labelledby="wish-private" data-testid="wish-private">
                <h2 class="panel__title" id="wish-private">{texts.private_title}</h2>
                <dl class="wish__facts">
                    {rows
                        .into_iter()
                        .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                        .collect_view()}
                </dl>
                {photo}
            </section>
        }
    })
}

/// The steps the reader may take now, each its button or small form.
#[component]
fn Steps(
    wish: Wish,
    typed: Typed,
    state: FormState,
    confirming: RwSignal<Option<WishStep>>,
    take: Callback<(i64, Result<StepBody, FieldErrors>)>,
    pending: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let texts = i18n.messages().wishes();
    let id = wish.id;
    let errors = state.errors;
    let steps = wish.steps.clone();
    let has = |step: WishStep| steps.contains(&step);
    // Someone signed out sees what signing in would offer.
    // In a closure of its own: the account arriving after the first draw changes only this.
    let open = wish.status == WishStatus::Open;
    let sign_in = move || {
        (open && !session.is_signed_in()).then(|| {
            view! { <a class="button" href=login_href(&current_path())>{texts.claim_signed_out}</a> }
        })
    };
    let claim = has(WishStep::Claim).then(|| {
        view! {
            <button type="button" class="button" data-testid="claim" disabled=pending
                on:click=move |_| take.run((id, Ok(StepBody::Bare(WishStep::Claim))))>
                {texts.claim}
            </button>
        }
    });
    let confirm_step = move |what: WishStep,
                             label: &'static str,
                             question: &'static str,
                             yes: &'static str,
                             no: &'static str| {
        move || {
            if confirming.get() == Some(what) {
                view! {
                    <ConfirmStep label=label question=question.to_owned() confirm=yes keep=no
                        testid=format!("confirm-{}", label_id(what)) pending=pending
                        on_confirm=move |()| take.run((id, Ok(StepBody::Bare(what))))
                        on_keep=move |()| confirming.set(None) />
                }
                .into_any()
            } else {
                view! {
                    <button type="button" class="button button--quiet" data-testid=label_id(what)
                        on:click=move |_| confirming.set(Some(what))>
                        {label}
                    </button>
                }
                .into_any()
            }
        }
    };
    let release = has(WishStep::Release).then(|| {
        confirm_step(
            WishStep::Release,
            texts.release,
            texts.release_question,
            texts.release_confirm,
            texts.release_keep,
        )
    });
    let withdraw = has(WishStep::Withdraw).then(|| {
        confirm_step(
            WishStep::Withdraw,
            texts.withdraw,
            texts.withdraw_question,
            texts.withdraw_confirm,
            texts.withdraw_keep,
        )
    });
    // Its own page (and area): the photo's upload is kilobytes this page need not carry.
    let fulfil = has(WishStep::Fulfil).then(|| {
        view! {
            <a class="button" href=paths::fulfil_wish(id) data-testid="fulfil-link">{texts.fulfil_title}</a>
        }
    });
    let confirm = has(WishStep::Confirm).then(|| {
        let send = move || {
            let body = chosen_rating(typed.rating).map(|rating| {
                StepBody::Confirm(ConfirmWish {
                    rating,
                    thanks: typed.thanks.get_untracked().trim().to_owned(),
                })
            });
            take.run((id, body));
        };
        view! {
            <section class="panel" aria-labelledby="wish-confirm">
                <h2 class="panel__title" id="wish-confirm">{texts.confirm_title}</h2>
                <Form on_submit=move |()| send()>
                    <Rating value=typed.rating errors=errors />
                    <TextField name="thanks" label=texts.thanks_field value=typed.thanks errors=errors
                        multiline=true max_chars=WISH_NOTE_MAX_CHARS />
                    <SubmitButton pending=pending label=texts.confirm_submit />
                </Form>
            </section>
        }
    });
    let review = has(WishStep::Approve).then(|| {
        let approve = move || {
            let photo_public = typed.photo_public.get_untracked();
            take.run((id, Ok(StepBody::Approve(ApproveWish { photo_public }))));
        };
        let reject = move || {
            let reason = typed.reason.get_untracked().trim().to_owned();
            let body = if reason.is_empty() {
                Err(vec![("reason".to_owned(), codes::REQUIRED.to_owned())])
            } else {
                Ok(StepBody::Reject(WishReason { reason }))
            };
            take.run((id, body));
        };
        let photo = wish.photo.is_some().then(|| {
            view! { <CheckField name="photo_public" label=texts.photo_public checked=typed.photo_public errors=errors /> }
        });
        view! {
            <section class="panel" aria-labelledby="wish-review">
                <h2 class="panel__title" id="wish-review">{texts.approve}</h2>
                <Form on_submit=move |()| approve()>
                    {photo}
                    <SubmitButton pending=pending label=texts.approve />
                </Form>
                <Form on_submit=move |()| reject()>
                    <TextField name="reason" label=texts.reject_field value=typed.reason errors=errors
                        max_chars=WISH_NOTE_MAX_CHARS />
                    <SubmitButton pending=pending label=texts.reject_submit />
                </Form>
            </section>
        }
    });
    view! {
        <div class="wish__steps" data-testid="wish-steps">
            <div class="actions">{sign_in}{claim}{fulfil}{release}{withdraw}</div>
            {review}
            {confirm}
        </div>
    }
}

fn label_id(step: WishStep) -> &'static str {
    match step {
        WishStep::Release => "release",
        WishStep::Withdraw => "withdraw",
        _ => "step",
    }
}
