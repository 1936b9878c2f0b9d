//! 好人榜审核, for staff: `/staff/honors` — the nominations of the sites one runs, by status
//! (待审核 first); `/staff/honors/:id` — one nomination: its words edited, the nominee's consent
//! recorded (how; posters and screens each asked) or withdrawn (which takes it off every board),
//! published into a month's board, rejected or taken down with a reason the nominator reads.
//! Each step answers the nomination as it now is, and the page shows that.

use chrono::Datelike;
use leptos::prelude::*;
use station_wire::honors::{
    ConsentInput, HonorCategory, HonorReason, HonorStatus, Nomination, NominationEdit,
    PublishHonor, NOMINEE_NAME_MAX_CHARS, NOTE_MAX_CHARS, STORY_MAX_CHARS,
};
use station_wire::problem::codes;

use crate::action::LocalAction;
use crate::api::use_api;
use crate::components::form::{field_errors_of, CheckField};
use crate::components::{
    DangerSection, DetailSkeleton, EmptyState, ErrorState, FieldErrors, Form, FormProblem,
    FormState, PagedList, SelectField, SubmitButton, TextField,
};
use crate::hooks::{use_of_path_id, use_station_today};
use crate::i18n::{day_heading, fill, use_i18n};
use crate::pages::accounts::require_sign_in;
use crate::pages::honors::{category_name, month_words, status_name, HonorBadge, HonorPhoto};
use crate::paths;
use crate::router::use_query_map;

const STATUSES: [HonorStatus; 4] = [
    HonorStatus::Submitted,
    HonorStatus::Published,
    HonorStatus::Rejected,
    HonorStatus::Unpublished,
];

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let query = use_query_map();
    let status = Memo::new(move |_| {
        query
            .read()
            .get("status")
            .and_then(|slug| HonorStatus::from_slug(&slug))
            .unwrap_or(HonorStatus::Submitted)
    });
    let texts = i18n.messages().honor_review();
    let load = move |cursor: Option<String>| {
        let api = api.clone();
        let status = status.get();
        async move { api.staff_nominations(Some(status), cursor.as_deref()).await }
    };
    let chips = STATUSES
        .into_iter()
        .map(|choice| {
            let href = format!("{}?status={}", paths::HONOR_REVIEW, choice.slug());
            let current = move || (status.get() == choice).then_some("true");
            view! {
                <li><a class="chip" href=href aria-current=current>{status_name(i18n.locale_untracked(), choice)}</a></li>
            }
        })
        .collect_view();
    let list = |nominations: Vec<Nomination>| {
        view! {
            <ul class="me-list" data-testid="review-queue">
                {nominations.into_iter().map(|nomination| view! { <QueueItem nomination /> }).collect_view()}
            </ul>
        }
    };
    view! {
        <div class="page">
            <a class="back-link" href=paths::CONSOLE>{i18n.messages().console().title}</a>
            <h1 class="page__title">{texts.title}</h1>
            <p class="page__lead">{texts.lead}</p>
            <nav class="chips" aria-label=texts.status_label>
                <ul class="chips__list">{chips}</ul>
            </nav>
            <PagedList
                load=load
                empty=move || view! { <EmptyState title=texts.empty_title body=texts.empty_body /> }
                list=list
                more=i18n.messages().honors().more
            />
        </div>
    }
}

#[component]
fn QueueItem(nomination: Nomination) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let texts = i18n.messages().honor_review();
    let submitted = fill(
        texts.submitted_on,
        &[(
            "date",
            &day_heading(locale, nomination.submitted_at.date_naive()),
        )],
    );
    view! {
        <li class="me-item" data-testid="review-item">
            <a class="me-item__title" href=paths::review_nomination(nomination.id)>
                {nomination.nominee_name.clone()}
            </a>
            <p class="honor__meta">
                <HonorBadge category=nomination.category />
                <span>{nomination.site.name.clone()}</span>
            </p>
            <p class="me-item__when">{submitted}</p>
        </li>
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let loaded = use_of_path_id(|api, id| async move { api.nomination(id).await });
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::HONOR_REVIEW>{i18n.messages().honor_review().back}</a>
            {loaded.view(|| view! { <DetailSkeleton /> }, move |answer| match answer {
                Ok(nomination) => view! { <Review nomination=RwSignal::new(nomination) /> }.into_any(),
                Err(error) => view! { <ErrorState error on_retry=move |()| loaded.refetch() /> }.into_any(),
            })}
        </div>
    }
}

/// One step of the review. Every section sends its step through the one action of the page,
/// so that one copy of the sending serves them all.
#[derive(Clone)]
enum Step {
    Edit(NominationEdit),
    Consent(ConsentInput),
    Withdraw,
    Publish(String),
    TakeOff { unpublish: bool, reason: String },
}

/// A step sent: the step, the section's form state, what to say once done.
type Sent = (Step, FormState, &'static str);

/// The page's one action, which section's step it is sending, and what the last step did (said
/// at the top of the page: the section that sent it may be gone once it is done).
#[derive(Clone, Copy)]
struct Steps {
    action: LocalAction<Sent, ()>,
    sending: RwSignal<Option<&'static str>>,
    done: RwSignal<Option<&'static str>>,
}

impl Steps {
    fn send(
        self,
        key: &'static str,
        state: FormState,
        done: &'static str,
        step: Result<Step, FieldErrors>,
    ) {
        self.sending.set(Some(key));
        self.done.set(None);
        state.send(step.map(|step| (step, state, done)), self.action);
    }

    /// Whether this section's step is being sent.
    fn pending(self, key: &'static str) -> Signal<bool> {
        let pending = self.action.pending();
        Signal::derive(move || pending.get() && self.sending.get() == Some(key))
    }
}

/// The nomination, and each step that fits where it stands.
#[component]
fn Review(nomination: RwSignal<Nomination>) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().honor_review();
    let api = use_api();
    let announced = RwSignal::new(None::<&'static str>);
    let action = LocalAction::new(move |(step, state, done): &Sent| {
        let (api, step, state, done) = (api.clone(), step.clone(), *state, *done);
        let id = nomination.with_untracked(|n| n.id);
        async move {
            let answer = match step {
                Step::Edit(edit) => api.edit_nomination(id, &edit).await,
                Step::Consent(consent) => api.record_consent(id, &consent).await,
                Step::Withdraw => api.withdraw_consent(id).await,
                Step::Publish(board_month) => {
                    api.publish_honor(id, &PublishHonor { board_month }).await
                }
                Step::TakeOff { unpublish, reason } => {
                    api.take_off(id, unpublish, &HonorReason { reason }).await
                }
            };
            match answer {
                Ok(now) => {
                    nomination.set(now);
                    state.succeed(done.to_owned());
                    announced.set(Some(done));
                }
                Err(error) => state.fail_with(field_errors_of(&error), error),
            }
        }
    });
    let steps = Steps {
        action,
        sending: RwSignal::new(None),
        done: announced,
    };
    let now = nomination.get_untracked();
    let status = move || nomination.with(|n| n.status);
    let contact = move || {
        fill(
            texts.nominator_contact,
            &[("contact", &nomination.with(|n| n.nominator_contact.clone()))],
        )
    };
    let behalf = move || {
        nomination.with(|n| n.on_behalf_of.clone()).map(|name| {
            view! { <p class="page__lead">{fill(texts.on_behalf_of, &[("name", &name)])}</p> }
        })
    };
    let photos = now
        .photos
        .iter()
        .cloned()
        .map(|photo| view! { <HonorPhoto photo name=now.nominee_name.clone() /> })
        .collect_view();
    view! {
        <h1 class="page__title">{move || nomination.with(|n| n.nominee_name.clone())}</h1>
        <p class="honor__meta">
            {move || view! { <HonorBadge category=nomination.with(|n| n.category) /> }}
            <span class=move || format!("status status--{}", status().slug()) data-testid="nomination-status">
                {move || status_name(i18n.locale(), status())}
            </span>
            <span>{now.site.name.clone()}</span>
        </p>
        <p class="form__done" role="status" data-testid="review-done">{move || announced.get()}</p>
        <p class="page__lead" data-testid="nominator-contact">{contact}</p>
        {behalf}
        <div class="honor__photos">{photos}</div>
        <EditWords nomination steps />
        <ConsentSection nomination steps />
        {move || matches!(status(), HonorStatus::Submitted | HonorStatus::Unpublished).then(|| view! { <PublishSection steps /> })}
        {move || (status() == HonorStatus::Submitted).then(|| view! { <ReasonSection steps unpublish=false /> })}
        {move || (status() == HonorStatus::Published).then(|| view! { <ReasonSection steps unpublish=true /> })}
    }
}

/// A required text as typed, trimmed, or the field's error.
fn required(field: &str, value: RwSignal<String>, errors: &mut FieldErrors) -> String {
    let text = value.get_untracked().trim().to_owned();
    if text.is_empty() {
        errors.push((field.to_owned(), codes::REQUIRED.to_owned()));
    }
    text
}

/// The form's state, and whether the step is ready to send.
fn checked(step: Step, errors: FieldErrors) -> Result<Step, FieldErrors> {
    if errors.is_empty() {
        Ok(step)
    } else {
        Err(errors)
    }
}

#[component]
fn EditWords(nomination: RwSignal<Nomination>, steps: Steps) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().honor_review();
    let honors = i18n.messages().honors();
    let now = nomination.get_untracked();
    let name = RwSignal::new(now.nominee_name.clone());
    let category = RwSignal::new(now.category.slug().to_owned());
    let story = RwSignal::new(now.story.clone());
    let state = FormState::default();
    let send = move || {
        let mut errors = FieldErrors::new();
        let edit = NominationEdit {
            nominee_name: required("nominee_name", name, &mut errors),
            category: HonorCategory::from_slug(&category.get_untracked())
                .unwrap_or(HonorCategory::HelpingOthers),
            story: required("story", story, &mut errors),
        };
        steps.send(
            "edit",
            state,
            texts.saved,
            checked(Step::Edit(edit), errors),
        );
    };
    let options = Signal::derive(move || {
        HonorCategory::ALL
            .into_iter()
            .map(|c| {
                (
                    c.slug().to_owned(),
                    category_name(i18n.locale(), c).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="panel" aria-labelledby="edit-title">
            <h2 class="panel__title" id="edit-title">{texts.edit_title}</h2>
            <Form on_submit=move |()| send()>
                <TextField name="nominee_name" label=honors.nominee_name value=name errors=state.errors max_chars=NOMINEE_NAME_MAX_CHARS />
                <SelectField name="category" label=honors.category value=category errors=state.errors options=options />
                <TextField name="story" label=honors.story value=story errors=state.errors multiline=true max_chars=STORY_MAX_CHARS />
                <FormProblem error=state.problem on_retry=move |()| send() />
                <p class="form__done" role="status">{move || state.done.get()}</p>
                <SubmitButton pending=steps.pending("edit") label=texts.save />
            </Form>
        </section>
    }
}

#[component]
fn ConsentSection(nomination: RwSignal<Nomination>, steps: Steps) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().honor_review();
    // Recorded again, it starts from what is recorded: a corrected note never drops the
    // posters or the screens nobody chose to drop.
    let recorded_now = nomination.with_untracked(|n| n.consent.clone());
    let note = RwSignal::new(
        recorded_now
            .as_ref()
            .map(|c| c.note.clone())
            .unwrap_or_default(),
    );
    let posters = RwSignal::new(recorded_now.as_ref().is_some_and(|c| c.posters));
    let screens = RwSignal::new(recorded_now.as_ref().is_some_and(|c| c.screens));
    let state = FormState::default();
    let send = move || {
        let mut errors = FieldErrors::new();
        let consent = ConsentInput {
            note: required("note", note, &mut errors),
            posters: posters.get_untracked(),
            screens: screens.get_untracked(),
        };
        steps.send(
            "consent",
            state,
            texts.consent_saved,
            checked(Step::Consent(consent), errors),
        );
    };
    let withdraw = move || {
        steps.send(
            "withdraw",
            state,
            texts.consent_withdrawn,
            Ok(Step::Withdraw),
        )
    };
    let recorded = move || {
        let consent = nomination.with(|n| n.consent.clone());
        match consent {
            None => {
                view! { <p class="panel__empty" data-testid="consent">{texts.consent_none}</p> }
                    .into_any()
            }
            Some(consent) => {
                let date = day_heading(i18n.locale(), consent.recorded_at.date_naive());
                let line = fill(
                    texts.consent_recorded,
                    &[
                        ("name", &consent.recorded_by),
                        ("date", &date),
                        ("note", &consent.note),
                    ],
                );
                let posters = if consent.posters {
                    texts.consent_posters_yes
                } else {
                    texts.consent_posters_no
                };
                let screens = if consent.screens {
                    texts.consent_screens_yes
                } else {
                    texts.consent_screens_no
                };
                view! {
                    <p data-testid="consent">{line}</p>
                    <ul class="consent__scopes">
                        <li>{posters}</li>
                        <li>{screens}</li>
                    </ul>
                    <DangerSection
                        key="withdraw-consent"
                        title=texts.withdraw_consent
                        lead=texts.withdraw_confirm
                        trigger=texts.withdraw_consent
                        confirm=texts.confirm
                        keep=texts.cancel
                        problem=state.problem
                        pending=steps.pending("withdraw")
                        on_confirm=move |()| withdraw()
                    />
                }
                .into_any()
            }
        }
    };
    let rejected = move || nomination.with(|n| n.status == HonorStatus::Rejected);
    view! {
        <section class="panel" aria-labelledby="consent-title" data-testid="consent-section">
            <h2 class="panel__title" id="consent-title">{texts.consent_title}</h2>
            {recorded}
            <p class="form__done" role="status">{move || state.done.get()}</p>
            <div hidden=rejected>
                <Form on_submit=move |()| send()>
                    <TextField name="note" label=texts.consent_note hint=texts.consent_note_hint value=note errors=state.errors max_chars=NOTE_MAX_CHARS />
                    <CheckField name="posters" label=texts.consent_posters checked=posters errors=state.errors />
                    <CheckField name="screens" label=texts.consent_screens checked=screens errors=state.errors />
                    <FormProblem error=state.problem on_retry=move |()| send() />
                    <SubmitButton pending=steps.pending("consent") label=texts.record_consent />
                </Form>
            </div>
        </section>
    }
}

#[component]
fn PublishSection(steps: Steps) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().honor_review();
    let today = use_station_today();
    let month = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(today) = today.get() {
            if month.with_untracked(String::is_empty) {
                // Not chrono's `format`: its machinery would cost the bundle kilobytes.
                month.set(format!("{:04}-{:02}", today.year(), today.month()));
            }
        }
    });
    let state = FormState::default();
    let send = move || {
        let chosen = month.get_untracked();
        let step = if station_wire::honors::is_board_month(&chosen) {
            Ok(Step::Publish(chosen))
        } else {
            Err(vec![("board_month".to_owned(), codes::INVALID.to_owned())])
        };
        steps.send("publish", state, texts.published, step);
    };
    let shown = move || {
        let month = month.get();
        station_wire::honors::is_board_month(&month)
            .then(|| month_words(i18n.locale(), i18n.t().honors().board_heading, &month))
    };
    view! {
        <section class="panel" aria-labelledby="publish-title" data-testid="publish-section">
            <h2 class="panel__title" id="publish-title">{texts.publish_title}</h2>
            <Form on_submit=move |()| send()>
                <TextField name="board_month" label=texts.board_month value=month errors=state.errors kind="month" />
                <p class="panel__empty">{shown}</p>
                <FormProblem error=state.problem on_retry=move |()| send() />
                <p class="form__done" role="status">{move || state.done.get()}</p>
                <SubmitButton pending=steps.pending("publish") label=texts.publish />
            </Form>
        </section>
    }
}

/// Rejecting a submitted nomination, or taking a published honor down: a reason the
/// nominator reads.
#[component]
fn ReasonSection(steps: Steps, unpublish: bool) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().honor_review();
    let reason = RwSignal::new(String::new());
    let state = FormState::default();
    let (title, button, done, key) = if unpublish {
        (
            texts.unpublish_title,
            texts.unpublish,
            texts.unpublished,
            "unpublish",
        )
    } else {
        (texts.reject_title, texts.reject, texts.rejected, "reject")
    };
    let send = move || {
        let mut errors = FieldErrors::new();
        let reason = required("reason", reason, &mut errors);
        steps.send(
            key,
            state,
            done,
            checked(Step::TakeOff { unpublish, reason }, errors),
        );
    };
    let heading = format!("{key}-title");
    view! {
        <section class="panel" aria-labelledby=heading.clone() data-testid=format!("{key}-section")>
            <h2 class="panel__title" id=heading.clone()>{title}</h2>
            <Form on_submit=move |()| send()>
                <TextField name="reason" label=texts.reason value=reason errors=state.errors max_chars=NOTE_MAX_CHARS scope=key />
                <FormProblem error=state.problem on_retry=move |()| send() />
                <p class="form__done" role="status">{move || state.done.get()}</p>
                <SubmitButton pending=steps.pending(key) label=button />
            </Form>
        </section>
    }
}
