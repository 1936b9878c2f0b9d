//! The activity form, an area of its own (`/staff/publish/…`: the form costs ~30 KB of brotli):
//! `/staff/publish/new` saves a draft to be published from 工作台; `/staff/publish/:id` edits
//! one, and cancels it with a reason or deletes it. A new activity may repeat every week, every
//! two weeks or every month until a day (a series: one activity per date); an occurrence of a
//! series is edited or cancelled alone or with the later ones.

use crate::action::LocalAction;
use crate::router::use_navigate;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, NaiveTime, Timelike};
use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityInput, ActivityStatus};
use station_wire::problem::{codes, types};
use station_wire::series::{ApplyTo, Repeat, RepeatFreq, Series};

use crate::api::{use_api, ApiError};
use crate::components::flash::set_flash;
use crate::components::form::{focus_when_drawn, show_field_errors};
use crate::components::{
    ConfirmStep, DangerSection, ErrorState, FieldErrors, Form, FormProblem, FormState,
    ListSkeleton, SelectField, SiteSelect, SubmitButton, TextField,
};
use crate::hooks::{use_activity_of_path, use_categories, use_station};
use crate::i18n::{fill, use_i18n, Locale};
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::validate::parse_day;

/// What the reader typed, kept as typed whatever the server says.
#[derive(Clone, Copy)]
struct Draft {
    site: RwSignal<String>,
    category: RwSignal<String>,
    title: RwSignal<String>,
    place: RwSignal<String>,
    /// `YYYY-MM-DDTHH:MM` from a `datetime-local` input, in the station's zone.
    starts_at: RwSignal<String>,
    /// `HH:MM`, the same day.
    ends_at: RwSignal<String>,
    capacity: RwSignal<String>,
    description: RwSignal<String>,
    /// `""` (once), `weekly`, `fortnightly` or `monthly`: a new activity only.
    repeat: RwSignal<String>,
    /// `YYYY-MM-DD`: the last day of the series.
    until: RwSignal<String>,
    /// `this` or `following`: an occurrence of a series only.
    apply_to: RwSignal<String>,
}

impl Draft {
    /// An empty form, or the activity's own words to edit.
    fn new(existing: Option<&Activity>) -> Self {
        let text = |pick: fn(&Activity) -> String, default: &str| {
            RwSignal::new(existing.map_or_else(|| default.to_owned(), pick))
        };
        Draft {
            site: text(|activity| activity.site.id.to_string(), ""),
            category: text(|activity| activity.category.clone(), ""),
            title: text(|activity| activity.title.clone(), ""),
            place: text(|activity| activity.place.clone(), ""),
            starts_at: text(|activity| datetime_local(&activity.starts_at), ""),
            ends_at: text(|activity| hh_mm(&activity.ends_at), ""),
            capacity: text(|activity| activity.capacity.to_string(), "20"),
            description: text(|activity| activity.description.clone(), ""),
            repeat: RwSignal::new(String::new()),
            until: RwSignal::new(String::new()),
            apply_to: RwSignal::new("this".to_owned()),
        }
    }

    /// The request, or the fields the app can already tell are wrong. Times get the station's
    /// offset, whatever the device's zone; an end earlier than the start is on the next day.
    /// What the form does not show (team, deadline, target group) is kept from `existing`.
    fn to_input(
        self,
        offset: FixedOffset,
        existing: Option<&Activity>,
    ) -> Result<ActivityInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut required = |field: &str, value: &str| {
            if value.trim().is_empty() {
                errors.push((field.to_owned(), codes::REQUIRED.to_owned()));
            }
        };
        let (title, place) = (self.title.get_untracked(), self.place.get_untracked());
        let (start, end) = (self.starts_at.get_untracked(), self.ends_at.get_untracked());
        required("title", &title);
        required("place", &place);
        required("starts_at", &start);
        required("ends_at", &end);
        let capacity = self
            .capacity
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1);
        if capacity.is_none() {
            errors.push(("capacity".into(), codes::OUT_OF_RANGE.into()));
        }
        let starts = start
            .split_once('T')
            .and_then(|(date, time)| Some(parse_day(date)?.and_time(parse_time(time)?)));
        let end_time = parse_time(&end);
        if !start.is_empty() && starts.is_none() {
            errors.push(("starts_at".into(), codes::INVALID.into()));
        }
        if !end.is_empty() && end_time.is_none() {
            errors.push(("ends_at".into(), codes::INVALID.into()));
        }
        let repeat = match self.repeat.get_untracked().as_str() {
            "" => None,
            freq => {
                let until = self.until.get_untracked();
                let day = parse_day(until.trim());
                if day.is_none() {
                    let code = if until.trim().is_empty() {
                        codes::REQUIRED
                    } else {
                        codes::INVALID
                    };
                    errors.push(("repeat.until".into(), code.into()));
                }
                let (freq, interval) = match freq {
                    "monthly" => (RepeatFreq::Monthly, 1),
                    "fortnightly" => (RepeatFreq::Weekly, 2),
                    _ => (RepeatFreq::Weekly, 1),
                };
                day.map(|until| Repeat {
                    freq,
                    interval,
                    until,
                })
            }
        };
        let apply_to = if self.apply_to.get_untracked() == "following" {
            ApplyTo::Following
        } else {
            ApplyTo::This
        };
        let local = |moment: NaiveDateTime| moment.and_local_timezone(offset).single();
        let mut starts_at = starts.and_then(local);
        let mut ends_at = starts.zip(end_time).and_then(|(starts, end_time)| {
            let mut ends = starts.date().and_time(end_time);
            if ends <= starts {
                ends += chrono::Duration::days(1);
            }
            local(ends)
        });
        // Times left as they were are sent exactly as stored (seconds, and an end days later,
        // which the form cannot show); the deadline moves with the start.
        let mut signup_deadline = None;
        if let Some(activity) = existing {
            if start == datetime_local(&activity.starts_at) {
                starts_at = Some(activity.starts_at);
                if end == hh_mm(&activity.ends_at) {
                    ends_at = Some(activity.ends_at);
                }
            }
            signup_deadline = starts_at
                .zip(activity.signup_deadline)
                .map(|(new, deadline)| deadline + (new - activity.starts_at));
        }
        match (errors.is_empty(), starts_at, ends_at, capacity) {
            (true, Some(starts_at), Some(ends_at), Some(capacity)) => Ok(ActivityInput {
                site_id: self.site.get_untracked().parse().unwrap_or_default(),
                team_id: existing.and_then(|activity| activity.team.as_ref().map(|team| team.id)),
                category: self.category.get_untracked(),
                title,
                description: self.description.get_untracked(),
                place,
                starts_at,
                ends_at,
                capacity,
                signup_deadline,
                target_group: existing.and_then(|activity| activity.target_group.clone()),
                team_only: existing.is_some_and(|activity| activity.team_only),
                publish: false,
                repeat,
                apply_to,
            }),
            _ => Err(errors),
        }
    }
}

/// `2026-11-30T14:00`, as a `datetime-local` input shows it: in the activity's own offset.
fn datetime_local(moment: &DateTime<FixedOffset>) -> String {
    format!(
        "{:04}-{:02}-{:02}T{}",
        moment.year(),
        moment.month(),
        moment.day(),
        hh_mm(moment)
    )
}

/// `14:00`, as a `time` input shows it.
fn hh_mm(moment: &DateTime<FixedOffset>) -> String {
    format!("{:02}:{:02}", moment.hour(), moment.minute())
}

/// `14:00` or `14:00:30`, as `time` and `datetime-local` inputs give it.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let mut parts = text.splitn(3, ':').map(str::parse::<u32>);
    let (hour, minute) = (parts.next()?.ok()?, parts.next()?.ok()?);
    let second = parts.next().map_or(Some(0), Result::ok)?;
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// `/staff/publish/new`: a new activity, saved as a draft.
#[component]
pub fn NewActivityPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::CONSOLE>{i18n.messages().console().back}</a>
            <h1 class="page__title">{i18n.messages().console().form_title}</h1>
            <p class="page__lead">{i18n.messages().console().form_lead}</p>
            <ActivityForm existing=None />
            <a class="button button--quiet" href=paths::CONSOLE>{i18n.messages().console().back}</a>
        </div>
    }
}

/// `/staff/publish/:id`: edit an activity; cancel it with a reason, or delete it
/// while nobody has signed up.
#[component]
pub fn EditActivityPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let activity = use_activity_of_path();
    // Asked only of an occurrence of a series; in none, or not read, the page offers no choice
    // of occurrences.
    let api = use_api();
    let read_series = crate::load::Load::new(move || {
        let (api, found) = (api.clone(), activity.get());
        async move {
            let found = found?.ok()?;
            found.series_id?;
            api.activity_series(found.id).await.ok()
        }
    });
    let series = Signal::derive(move || read_series.get().flatten());
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::CONSOLE>{i18n.messages().console().back}</a>
            <h1 class="page__title">{i18n.messages().console().edit_title}</h1>
            {activity.view(ListSkeleton, move |answer| match answer {
                        Ok(found) if found.status == ActivityStatus::Cancelled => {
                            view! { <CancelledNotice activity=found /> }.into_any()
                        }
                        Ok(found) => {
                            // The title as last saved: the confirm steps and messages name it.
                            let title = RwSignal::new(found.title.clone());
                            view! {
                                <ActivityForm
                                    existing=Some(found.clone())
                                    series=series
                                    on_saved=move |saved: Activity| {
                                        title.set(saved.title);
                                        // "This and the later ones" makes them a series of their own.
                                        read_series.refetch();
                                    }
                                />
                                // A finished activity is history: there is nothing left to call off.
                                {(found.status != ActivityStatus::Finished).then(|| view! {
                                    <CancelSection activity=found.clone() title=title series=series on_done=move |()| activity.refetch() />
                                })}
                                <DeleteSection id=found.id title=title />
                            }.into_any()
                        }
                        Err(error) => view! {
                            <ErrorState error=error on_retry=move |()| activity.refetch() />
                        }.into_any(),
                    })}
        </div>
    }
}

/// The fields of an activity and its save button: a new draft, or the edit of `existing`.
#[component]
fn ActivityForm(
    existing: Option<Activity>,
    /// The series `existing` is an occurrence of.
    #[prop(optional, into)]
    series: Option<Signal<Option<Series>>>,
    /// Told of every successful save.
    #[prop(optional, into)]
    on_saved: Option<Callback<Activity>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let station = use_station();
    let categories = use_categories();
    let draft = Draft::new(existing.as_ref());
    let existing = StoredValue::new(existing);
    let state = FormState::default();
    let editing = existing.with_value(Option::is_some);

    let submit = LocalAction::new(move |input: &ActivityInput| {
        let (api, input) = (api.clone(), input.clone());
        let id = existing.with_value(|existing| existing.as_ref().map(|activity| activity.id));
        async move {
            let answer = match id {
                Some(id) => api.update_activity(id, &input).await,
                None => api.create_activity(&input).await,
            };
            match answer {
                Ok(activity) => {
                    let messages = i18n.t().console();
                    let text = if editing {
                        messages.updated
                    } else {
                        messages.saved
                    };
                    state.succeed(fill(text, &[("title", &activity.title)]));
                    if let Some(on_saved) = on_saved {
                        on_saved.run(activity);
                    }
                }
                Err(error) => state.fail(error),
            }
        }
    });
    let send = move || {
        // An activity keeps its own offset; a new one takes the station's now (the form is for
        // the coming weeks), China's until the station has answered.
        let offset = existing
            .with_value(|existing| {
                existing
                    .as_ref()
                    .map(|activity| *activity.starts_at.offset())
            })
            .or_else(|| {
                station
                    .get_untracked()
                    .and_then(Result::ok)
                    .map(|station| *station.now.offset())
            })
            .or_else(|| FixedOffset::east_opt(8 * 3600))
            .expect("a valid offset");
        let checked = existing.with_value(|existing| draft.to_input(offset, existing.as_ref()));
        state.send(checked, submit);
    };
    // The first category is chosen until the reader picks another.
    Effect::new(move |_| {
        if let Some(Ok(all)) = categories.get() {
            if draft.category.with_untracked(String::is_empty) {
                if let Some(first) = all.first() {
                    draft.category.set(first.slug.clone());
                }
            }
        }
    });
    let category_options = Signal::derive(move || {
        categories
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|category| (category.slug, category.name))
            .collect::<Vec<_>>()
    });
    let errors = state.errors;
    let form = i18n.messages().form();
    let save_label = if editing {
        i18n.t().console().save_changes
    } else {
        i18n.t().console().save_draft
    };
    view! {
        <Form on_submit=move |()| send()>
            <SiteSelect value=draft.site />
            <SelectField name="category" label=form.category value=draft.category errors=errors options=category_options />
            <TextField name="title" label=form.activity_title value=draft.title errors=errors />
            <TextField name="place" label=form.place value=draft.place errors=errors />
            <TextField name="starts_at" label=form.starts_at value=draft.starts_at errors=errors kind="datetime-local" />
            <TextField
                name="ends_at"
                label=form.ends_at
                hint=i18n.messages().console().end_hint
                value=draft.ends_at
                errors=errors
                kind="time"
            />
            <TextField name="capacity" label=form.capacity value=draft.capacity errors=errors kind="number" />
            {(!editing).then(|| view! { <RepeatFields draft=draft errors=errors /> })}
            {series.map(|series| view! {
                <ApplyToField series=series value=draft.apply_to errors=errors name="apply_to" with_note=true />
            })}
            <TextField
                name="description"
                label=form.description
                hint=i18n.messages().console().description_hint
                value=draft.description
                errors=errors
                multiline=true
            />
            <FormProblem error=state.problem on_retry=move |()| send() own=console_problem />
            <p class="form__done" role="status" data-testid="saved">{move || state.done.get()}</p>
            <SubmitButton pending=submit.pending() label=save_label />
        </Form>
    }
}

/// 重复: once, or every week, two weeks or month until a day.
#[component]
fn RepeatFields(draft: Draft, errors: RwSignal<crate::components::FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let messages = i18n.messages().console();
    let options = Signal::derive(move || {
        let messages = i18n.t().console();
        [
            ("", messages.repeat_none),
            ("weekly", messages.repeat_weekly),
            ("fortnightly", messages.repeat_fortnightly),
            ("monthly", messages.repeat_monthly),
        ]
        .into_iter()
        .map(|(value, text)| (value.to_owned(), text.to_owned()))
        .collect::<Vec<_>>()
    });
    view! {
        <SelectField name="repeat" label=messages.repeat value=draft.repeat errors=errors options=options />
        {move || (!draft.repeat.with(String::is_empty)).then(|| view! {
            <TextField
                name="repeat.until"
                label=messages.repeat_until
                hint=messages.repeat_until_hint
                value=draft.until
                errors=errors
                kind="date"
            />
        })}
    }
}

/// For an occurrence of a series: whether a change is for it alone or for it and the later
/// ones; the rule and the number of occurrences say what "the later ones" are.
#[component]
fn ApplyToField(
    series: Signal<Option<Series>>,
    value: RwSignal<String>,
    errors: RwSignal<crate::components::FieldErrors>,
    name: &'static str,
    /// Whether to say which series it is (once a page: the edit form says it).
    with_note: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = Signal::derive(move || {
        let messages = i18n.t().console();
        vec![
            ("this".to_owned(), messages.apply_this.to_owned()),
            ("following".to_owned(), messages.apply_following.to_owned()),
        ]
    });
    move || {
        series.get().map(|series| {
            let messages = i18n.t().console();
            let rule = match (series.freq, series.interval) {
                (RepeatFreq::Monthly, _) => messages.repeat_monthly,
                (RepeatFreq::Weekly, 2) => messages.repeat_fortnightly,
                _ => messages.repeat_weekly,
            };
            let until = crate::i18n::full_date(i18n.locale_untracked(), series.until);
            let count = series.occurrences.len();
            let note = fill(
                messages.series_note,
                &[("rule", &rule), ("until", &until), ("count", &count)],
            );
            view! {
                {with_note.then(|| view! { <p class="form__note" data-testid="series-note">{note}</p> })}
                <SelectField name=name label=i18n.messages().console().apply_to value=value errors=errors options=options />
            }
        })
    }
}

/// What the console says for the refusals only its pages meet.
pub fn console_problem(locale: Locale, kind: &str) -> Option<&'static str> {
    let messages = &locale.messages().console();
    Some(match kind {
        types::ACTIVITY_HAS_SIGNUPS => messages.has_signups,
        types::ACTIVITY_STARTED => messages.started,
        types::ACTIVITY_CANCELLED => messages.already_cancelled,
        _ => return None,
    })
}

/// A cancelled activity cannot be edited: what happened, and why.
#[component]
fn CancelledNotice(activity: Activity) -> impl IntoView {
    let i18n = use_i18n();
    let reason = activity.cancel_reason.unwrap_or_default();
    view! {
        <div class="notice" role="note" data-testid="cancelled-notice">
            <p class="notice__title">{fill(i18n.t().console().cancelled_title, &[("title", &activity.title)])}</p>
            <p>{fill(i18n.t().console().cancelled_reason, &[("reason", &reason)])}</p>
        </div>
    }
}

/// 取消活动: a reason (the signed-up volunteers read it), then a confirm step.
#[component]
fn CancelSection(
    activity: Activity,
    title: RwSignal<String>,
    series: Signal<Option<Series>>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = activity.id;
    let signed_up = activity.capacity.saturating_sub(activity.places_left);
    let reason = RwSignal::new(String::new());
    let apply_to = RwSignal::new("this".to_owned());
    let state = FormState::default();
    let confirming = RwSignal::new(false);
    let cancel = LocalAction::new(move |reason: &String| {
        let (api, reason) = (api.clone(), reason.clone());
        let scope = if apply_to.get_untracked() == "following" {
            ApplyTo::Following
        } else {
            ApplyTo::This
        };
        async move {
            match api.cancel_activity(id, &reason, scope).await {
                Ok(_) => on_done.run(()),
                Err(error) => {
                    confirming.set(false);
                    state.fail(error);
                }
            }
        }
    });
    // First the reason, then the confirm step; the confirm step sends.
    let ask = move || {
        state.problem.set(None);
        if reason.with_untracked(|reason| reason.trim().is_empty()) {
            show_field_errors(
                state.errors,
                vec![("reason".into(), codes::REQUIRED.into())],
            );
        } else {
            show_field_errors(state.errors, Vec::new());
            confirming.set(true);
            focus_when_drawn("[data-testid='confirm-cancel']".into());
        }
    };
    let send = move || {
        cancel.dispatch(reason.get_untracked().trim().to_owned());
    };
    let question = move || {
        fill(
            i18n.t().console().cancel_question,
            &[("title", &title.get()), ("count", &signed_up)],
        )
    };
    view! {
        <section class="panel" aria-labelledby="cancel-title" data-testid="cancel-section">
            <h2 class="panel__title" id="cancel-title">{i18n.messages().console().cancel_title}</h2>
            <Form on_submit=move |()| ask()>
                <TextField
                    name="reason"
                    label=i18n.messages().console().reason
                    hint=i18n.messages().console().reason_hint
                    value=reason
                    errors=state.errors
                    multiline=true
                />
                <ApplyToField series=series value=apply_to errors=state.errors name="cancel_apply_to" with_note=false />
                <FormProblem error=state.problem on_retry=move |()| send() own=console_problem />
                {move || if confirming.get() {
                    view! {
                        <ConfirmStep
                            label=i18n.t().console().cancel_title
                            question=Signal::derive(question)
                            confirm=i18n.t().console().cancel_confirm
                            keep=i18n.t().console().cancel_keep
                            testid="confirm-cancel"
                            pending=cancel.pending()
                            on_confirm=move |()| send()
                            on_keep=move |()| confirming.set(false)
                        />
                    }.into_any()
                } else {
                    view! {
                        <button type="submit" class="button button--danger">
                            {i18n.t().console().cancel_activity}
                        </button>
                    }.into_any()
                }}
            </Form>
        </section>
    }
}

/// 删除: for a mistake nobody has signed up for yet; the server refuses once someone has.
#[component]
fn DeleteSection(id: i64, title: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let problem = RwSignal::new(None::<ApiError>);
    let delete = LocalAction::new(move |(): &()| {
        let (api, navigate, title) = (api.clone(), navigate.clone(), title.get_untracked());
        async move {
            match api.delete_activity(id).await {
                Ok(()) => {
                    set_flash(&fill(i18n.t().console().deleted, &[("title", &title)]));
                    navigate(paths::CONSOLE, Default::default());
                }
                Err(error) => problem.set(Some(error)),
            }
        }
    });
    let messages = i18n.messages().console();
    view! {
        <DangerSection
            key="delete"
            title=messages.delete_title
            lead=messages.delete_lead
            trigger=messages.delete
            question=Signal::derive(move || {
                fill(i18n.t().console().delete_question, &[("title", &title.get())])
            })
            confirm=messages.delete_confirm
            keep=messages.delete_keep
            problem=problem
            own=Some(console_problem)
            pending=delete.pending()
            on_confirm=move |()| {
                delete.dispatch(());
            }
        />
    }
}
