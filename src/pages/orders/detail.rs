//! `/orders/:id`: one order — the item, where it stands, when it is wanted, the site, the team
//! and volunteer; for staff and the assigned volunteer the address and the phone; its timeline;
//! and the steps the reader may take now, as the server says (`Order::steps`): for staff 通过 /
//! 不通过 (a reason) / 派单 and 改派 (a team of the site), for the team's members 接单, for the
//! volunteer 服务已完成, for the resident (or staff for them) 评价, and 取消 (a reason). A step's
//! refusal is said in the reader's language and the order read again; what was typed stays.

use leptos::prelude::*;
use station_wire::orders::{
    DispatchOrder, Order, OrderReason, OrderStep, RateOrder, ORDER_TEXT_MAX_CHARS,
};
use station_wire::problem::{codes, types};

use super::{next_step, OrderStatusBadge};
use crate::api::{use_api, OrderStepBody};
use crate::components::flash::take_flash;
use crate::components::form::focus_when_drawn;
use crate::components::rating::{chosen_rating, stars_words};
use crate::components::steps::{step_action, Taken};
use crate::components::{
    DetailSkeleton, ErrorState, FieldErrors, Form, FormProblem, FormState, Rating, SelectField,
    SubmitButton, TextField, Timeline,
};
use crate::hooks::use_of_path_id_keeping;
use crate::i18n::{full_date, time_hm, use_i18n, Locale};
use crate::load::Load;
use crate::pages::accounts::require_sign_in;
use crate::paths;

/// The sentences of this area's own refusals.
fn order_problem(locale: Locale, kind: &str) -> Option<&'static str> {
    let texts = locale.messages().orders();
    Some(match kind {
        types::ALREADY_TAKEN => texts.taken,
        types::WRONG_STATE => texts.wrong_state,
        _ => return None,
    })
}

/// What the reader typed into the steps' forms: kept while the order is read again.
#[derive(Clone, Copy)]
struct Typed {
    team: RwSignal<String>,
    reason: RwSignal<String>,
    cancel_reason: RwSignal<String>,
    rating: RwSignal<String>,
    comment: RwSignal<String>,
}

#[component]
pub fn OrderPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let texts = i18n.messages().orders();
    let data = use_of_path_id_keeping(|api, id| async move { api.order(id).await });
    let typed = Typed {
        team: RwSignal::new(String::new()),
        reason: RwSignal::new(String::new()),
        cancel_reason: RwSignal::new(String::new()),
        rating: RwSignal::new(String::new()),
        comment: RwSignal::new(String::new()),
    };
    let state = FormState::default();
    // Accepted by another member first: the order is theirs now, and no step is the reader's.
    let gone = RwSignal::new(false);
    // The cancel form, opened by its button (a step that cannot be undone asks first).
    let cancelling = RwSignal::new(false);
    let step = step_action(
        data,
        state,
        "order-done",
        Taken::Gone(gone),
        move |api, id, body: OrderStepBody| {
            let step = body.step();
            async move {
                api.order_step(id, &body).await?;
                let texts = i18n.t().orders();
                Ok(match step {
                    OrderStep::Approve => texts.approved_done,
                    OrderStep::Reject => texts.rejected_done,
                    OrderStep::Dispatch => texts.dispatched_done,
                    OrderStep::Accept => texts.accepted_done,
                    OrderStep::Complete => texts.completed_done,
                    OrderStep::Rate => texts.rated_done,
                    OrderStep::Cancel => texts.cancelled_done,
                })
            }
        },
    );
    // A step taken closes the cancel form.
    Effect::new(move |_| {
        if state.done.with(Option::is_some) {
            cancelling.set(false);
        }
    });
    let take = Callback::new(
        move |(id, body): (i64, Result<OrderStepBody, FieldErrors>)| {
            state.send(body.map(|body| (id, body)), step);
        },
    );
    view! {
        <div class="page wish">
            <a class="back-link" href=paths::MY_ORDERS>{texts.back_mine}</a>
            {take_flash().map(|text| view! { <p class="form__done" role="status" data-testid="flash">{text}</p> })}
            {data.view(|| view! { <DetailSkeleton /> }, move |answer| match answer {
                Err(error) => view! {
                    <h1 class="page__title">{i18n.t().orders().order_title}</h1>
                    <ErrorState error=error on_retry=move |()| data.refetch() />
                }.into_any(),
                Ok(order) => view! {
                    <OrderBody order=order.clone() />
                    {move || (!gone.get()).then(|| {
                        let order = order.clone();
                        view! { <Steps order typed state cancelling take pending=step.pending() /> }
                    })}
                }.into_any(),
            })}
            // Outside the order, which is drawn again after each step: what a step did stays.
            <p class="form__done" role="status" tabindex="-1" data-testid="order-done">{move || state.done.get()}</p>
            <FormProblem error=state.problem on_retry=move |()| state.problem.set(None) own=order_problem />
        </div>
    }
}

/// What the order is, and what only its parties read.
#[component]
fn OrderBody(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let texts = i18n.messages().orders();
    let next = next_step(locale, &order)
        .map(|text| view! { <p class="me-item__next" data-testid="order-next">{text}</p> });
    let mut rows: Vec<(&'static str, String, &'static str)> = vec![
        (
            texts.preferred_time,
            order.preferred_time.clone(),
            "order-time",
        ),
        (texts.site, order.site.name.clone(), "order-site"),
        (
            texts.ordered_at,
            format!(
                "{} {}",
                full_date(locale, order.ordered_at.date_naive()),
                time_hm(&order.ordered_at)
            ),
            "order-at",
        ),
    ];
    let mut add = |label: &'static str, value: Option<String>, testid: &'static str| {
        if let Some(value) = value.filter(|value| !value.is_empty()) {
            rows.push((label, value, testid));
        }
    };
    add(texts.note, Some(order.note.clone()), "order-note");
    add(
        texts.team,
        order.team.as_ref().map(|team| team.name.clone()),
        "order-team",
    );
    add(
        texts.volunteer,
        order.volunteer_name.clone(),
        "order-volunteer",
    );
    add(
        texts.requester,
        order.requester_name.clone(),
        "order-requester",
    );
    add(texts.on_behalf, order.on_behalf_of.clone(), "order-behalf");
    add(texts.address, order.address.clone(), "order-address");
    add(texts.phone, order.phone.clone(), "order-phone");
    add(texts.reason, order.reason.clone(), "order-reason");
    add(texts.rating, order.rating.map(stars_words), "order-rating");
    add(texts.comment, order.comment.clone(), "order-comment");
    view! {
        <h1 class="page__title">{order.service_name.clone()}</h1>
        <p class="wish-card__meta"><OrderStatusBadge status=order.status /></p>
        {next}
        <dl class="wish__facts">
            {rows
                .into_iter()
                .map(|(label, value, testid)| view! { <dt>{label}</dt><dd data-testid=testid>{value}</dd> })
                .collect_view()}
        </dl>
        <Timeline entries=order.timeline.clone() />
    }
}

/// The steps the reader may take now, each its button or small form.
#[component]
fn Steps(
    order: Order,
    typed: Typed,
    state: FormState,
    cancelling: RwSignal<bool>,
    take: Callback<(i64, Result<OrderStepBody, FieldErrors>)>,
    pending: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().orders();
    let id = order.id;
    let errors = state.errors;
    let has = |step: OrderStep| order.steps.contains(&step);
    let bare = move |step: OrderStep, label: &'static str, testid: &'static str| {
        view! {
            <button type="button" class="button" data-testid=testid disabled=pending
                on:click=move |_| take.run((id, Ok(OrderStepBody::Bare(step))))>
                {label}
            </button>
        }
    };
    let reason_of = |value: RwSignal<String>, field: &str| {
        let reason = value.get_untracked().trim().to_owned();
        if reason.is_empty() {
            Err(vec![(field.to_owned(), codes::REQUIRED.to_owned())])
        } else {
            Ok(OrderReason { reason })
        }
    };
    let accept = has(OrderStep::Accept).then(|| bare(OrderStep::Accept, texts.accept, "accept"));
    let complete =
        has(OrderStep::Complete).then(|| bare(OrderStep::Complete, texts.complete, "complete"));
    // While the cancel form is open it is the only form: one reason field on the page.
    let review = has(OrderStep::Approve).then_some(move || {
        let reject = move || {
            take.run((id, reason_of(typed.reason, "reason").map(OrderStepBody::Reject)));
        };
        (!cancelling.get()).then(|| view! {
            <section class="panel" aria-labelledby="order-review">
                <h2 class="panel__title" id="order-review">{texts.review_title}</h2>
                <div class="actions">{bare(OrderStep::Approve, texts.approve, "approve")}</div>
                <Form on_submit=move |()| reject()>
                    <TextField name="reason" label=texts.reject_field value=typed.reason errors=errors
                        max_chars=ORDER_TEXT_MAX_CHARS />
                    <SubmitButton pending=pending label=texts.reject_submit />
                </Form>
            </section>
        })
    });
    let dispatch = has(OrderStep::Dispatch)
        .then(|| view! { <Dispatch order=order.clone() typed errors take pending /> });
    let rate = has(OrderStep::Rate).then(|| {
        let send = move || {
            let body = chosen_rating(typed.rating).map(|rating| {
                OrderStepBody::Rate(RateOrder {
                    rating,
                    comment: typed.comment.get_untracked().trim().to_owned(),
                })
            });
            take.run((id, body));
        };
        view! {
            <section class="panel" aria-labelledby="order-rate">
                <h2 class="panel__title" id="order-rate">{texts.rate_title}</h2>
                <Form on_submit=move |()| send()>
                    <Rating value=typed.rating errors=errors />
                    <TextField name="comment" label=texts.comment_field value=typed.comment errors=errors
                        multiline=true max_chars=ORDER_TEXT_MAX_CHARS />
                    <SubmitButton pending=pending label=texts.rate_submit />
                </Form>
            </section>
        }
    });
    let cancel = has(OrderStep::Cancel).then(|| {
        let send = move || {
            take.run((
                id,
                reason_of(typed.cancel_reason, "reason").map(OrderStepBody::Cancel),
            ));
        };
        move || {
            if cancelling.get() {
                view! {
                    <section class="panel" aria-labelledby="order-cancel" data-testid="cancel-form">
                        <h2 class="panel__title" id="order-cancel">{texts.cancel_title}</h2>
                        <Form on_submit=move |()| send()>
                            <TextField name="reason" label=texts.cancel_field value=typed.cancel_reason
                                errors=errors max_chars=ORDER_TEXT_MAX_CHARS scope="cancel" />
                            <div class="actions">
                                <SubmitButton pending=pending label=texts.cancel_submit />
                                <button type="button" class="button button--quiet"
                                    on:click=move |_| {
                                        cancelling.set(false);
                                        focus_when_drawn("[data-testid='cancel']".to_owned());
                                    }>{texts.cancel_keep}</button>
                            </div>
                        </Form>
                    </section>
                }
                .into_any()
            } else {
                view! {
                    <div class="actions">
                        <button type="button" class="button button--quiet" data-testid="cancel"
                            on:click=move |_| {
                                cancelling.set(true);
                                focus_when_drawn("#field-cancel-reason".to_owned());
                            }>
                            {texts.cancel}
                        </button>
                    </div>
                }
                .into_any()
            }
        }
    });
    view! {
        <div class="wish__steps" data-testid="order-steps">
            <div class="actions">{accept}{complete}</div>
            {review}
            {dispatch}
            {rate}
            {cancel}
        </div>
    }
}

/// 派单 (or 改派): a team of the order's site, the one it went to left out.
#[component]
fn Dispatch(
    order: Order,
    typed: Typed,
    errors: RwSignal<FieldErrors>,
    take: Callback<(i64, Result<OrderStepBody, FieldErrors>)>,
    pending: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().orders();
    let (id, site) = (order.id, order.site.id);
    let current = order.team.as_ref().map(|team| team.id);
    let teams = Load::new(move || {
        let api = api.clone();
        async move { api.teams(Some(site)).await.map(|list| list.items) }
    });
    let options = Signal::derive(move || {
        teams
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|team| Some(team.id) != current)
            .map(|team| (team.id.to_string(), team.name))
            .collect::<Vec<_>>()
    });
    // The first team until one is picked.
    Effect::new(move |_| {
        let options = options.get();
        let chosen = typed.team.get_untracked();
        if !options.iter().any(|(value, _)| *value == chosen) {
            if let Some((first, _)) = options.first() {
                typed.team.set(first.clone());
            }
        }
    });
    let send = move || {
        let body = match typed.team.get_untracked().parse::<i64>() {
            Ok(team_id) => Ok(OrderStepBody::Dispatch(DispatchOrder { team_id })),
            Err(_) => Err(vec![("team_id".to_owned(), codes::REQUIRED.to_owned())]),
        };
        take.run((id, body));
    };
    let (title, submit) = match current {
        Some(_) => (texts.redispatch_title, texts.redispatch_submit),
        None => (texts.dispatch_title, texts.dispatch_submit),
    };
    // The teams could not be read (with 重试), or there is none to send it to.
    let failed = move || {
        match teams.get() {
        Some(Err(_)) => Some(
            view! {
                <p class="field__error" role="alert">{i18n.t().orders().teams_failed}</p>
                <button type="button" class="button button--quiet" on:click=move |_| teams.refetch()>
                    {i18n.t().orders().retry}
                </button>
            }
            .into_any(),
        ),
        Some(Ok(list)) if list.iter().all(|team| Some(team.id) == current) => Some(
            view! { <p class="panel__empty" data-testid="no-teams">{i18n.t().orders().no_teams}</p> }
                .into_any(),
        ),
        _ => None,
    }
    };
    view! {
        <section class="panel" aria-labelledby="order-dispatch" data-testid="dispatch">
            <h2 class="panel__title" id="order-dispatch">{title}</h2>
            <Form on_submit=move |()| send()>
                <SelectField name="team_id" label=texts.team_field value=typed.team errors=errors options=options />
                {failed}
                <SubmitButton pending=pending label=submit />
            </Form>
        </section>
    }
}
