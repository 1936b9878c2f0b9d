//! `/staff/console/activities/new`: a new activity, saved as a draft to be published from 工作台.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityInput};
use station_wire::problem::codes;

use crate::api::{use_api, ApiError};
use crate::components::form::{field_errors_of, show_field_errors};
use crate::components::{FieldErrors, Form, FormProblem, SiteSelect, SubmitButton, TextField};
use crate::hooks::{use_categories, use_station};
use crate::i18n::{fill, use_i18n};
use crate::pages::accounts::require_sign_in;
use crate::paths;

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
}

impl Draft {
    fn new() -> Self {
        Draft {
            site: RwSignal::new(String::new()),
            category: RwSignal::new(String::new()),
            title: RwSignal::new(String::new()),
            place: RwSignal::new(String::new()),
            starts_at: RwSignal::new(String::new()),
            ends_at: RwSignal::new(String::new()),
            capacity: RwSignal::new("20".to_owned()),
            description: RwSignal::new(String::new()),
        }
    }

    /// The request, or the fields the app can already tell are wrong. Times get the station's
    /// offset, whatever the device's zone; an end earlier than the start is on the next day.
    fn to_input(self, offset: FixedOffset) -> Result<ActivityInput, FieldErrors> {
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
            .and_then(|(date, time)| Some(parse_date(date)?.and_time(parse_time(time)?)));
        let end_time = parse_time(&end);
        if !start.is_empty() && starts.is_none() {
            errors.push(("starts_at".into(), codes::INVALID.into()));
        }
        if !end.is_empty() && end_time.is_none() {
            errors.push(("ends_at".into(), codes::INVALID.into()));
        }
        let local = |moment: NaiveDateTime| moment.and_local_timezone(offset).single();
        let starts_at = starts.and_then(local);
        let ends_at = starts.zip(end_time).and_then(|(starts, end_time)| {
            let mut ends = starts.date().and_time(end_time);
            if ends <= starts {
                ends += chrono::Duration::days(1);
            }
            local(ends)
        });
        match (errors.is_empty(), starts_at, ends_at, capacity) {
            (true, Some(starts_at), Some(ends_at), Some(capacity)) => Ok(ActivityInput {
                site_id: self.site.get_untracked().parse().unwrap_or_default(),
                team_id: None,
                category: self.category.get_untracked(),
                title,
                description: self.description.get_untracked(),
                place,
                starts_at,
                ends_at,
                capacity,
                signup_deadline: None,
                target_group: None,
                team_only: false,
                publish: false,
            }),
            _ => Err(errors),
        }
    }
}

/// `2026-11-30` as a `date` or `datetime-local` input gives it. By hand: chrono's format parser
/// costs kilobytes of the bundle.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.splitn(3, '-').map(str::parse::<u32>);
    let (year, month, day) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// `14:00` or `14:00:30`, as `time` and `datetime-local` inputs give it.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let mut parts = text.splitn(3, ':').map(str::parse::<u32>);
    let (hour, minute) = (parts.next()?.ok()?, parts.next()?.ok()?);
    let second = parts.next().map_or(Some(0), Result::ok)?;
    NaiveTime::from_hms_opt(hour, minute, second)
}

#[component]
pub fn NewActivityPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let station = use_station();
    let categories = use_categories();
    let draft = Draft::new();
    let errors = RwSignal::new(FieldErrors::new());
    let problem = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(None::<Activity>);

    let submit = Action::new_local(move |input: &ActivityInput| {
        let (api, input) = (api.clone(), input.clone());
        async move {
            match api.create_activity(&input).await {
                Ok(activity) => saved.set(Some(activity)),
                Err(error) => {
                    show_field_errors(errors, field_errors_of(&error));
                    problem.set(Some(error));
                }
            }
        }
    });
    let send = move || {
        problem.set(None);
        saved.set(None);
        // The station's offset now (the form is for the coming weeks), China's until it loads.
        let offset = station
            .get_untracked()
            .and_then(Result::ok)
            .map(|station| *station.now.offset())
            .or_else(|| FixedOffset::east_opt(8 * 3600))
            .expect("a valid offset");
        match draft.to_input(offset) {
            Ok(input) => {
                show_field_errors(errors, Vec::new());
                submit.dispatch(input);
            }
            Err(found) => show_field_errors(errors, found),
        }
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
    let category_options = move || {
        let chosen = draft.category.get();
        categories
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|category| {
                let selected = category.slug == chosen;
                view! { <option value=category.slug selected=selected>{category.name}</option> }
            })
            .collect_view()
    };
    let done = move || {
        saved
            .get()
            .map(|activity| fill(i18n.t().console().saved, &[("title", &activity.title)]))
    };
    let form = i18n.messages().form();
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::CONSOLE>{i18n.messages().console().back}</a>
            <h1 class="page__title">{i18n.messages().console().form_title}</h1>
            <p class="page__lead">{i18n.messages().console().form_lead}</p>
            <Form on_submit=move |()| send()>
                <SiteSelect value=draft.site />
                <div class="field">
                    <label class="field__label" for="field-category">{form.category}</label>
                    <select
                        class="field__input"
                        id="field-category"
                        name="category"
                        on:change=move |event| draft.category.set(event_target_value(&event))
                    >
                        {category_options}
                    </select>
                </div>
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
                <TextField
                    name="description"
                    label=form.description
                    hint=i18n.messages().console().description_hint
                    value=draft.description
                    errors=errors
                    multiline=true
                />
                <FormProblem error=problem on_retry=move |()| send() />
                <p class="form__done" role="status" data-testid="saved">{done}</p>
                <SubmitButton pending=submit.pending() label=i18n.t().console().save_draft />
            </Form>
            <a class="button button--quiet" href=paths::CONSOLE>{i18n.messages().console().back}</a>
        </div>
    }
}
