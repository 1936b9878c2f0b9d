//! `/wishes/fulfil/:id`: 填写实现情况 — the claimer says how the wish came true, with a photo if
//! they have one (uploaded as soon as it is chosen, with its progress); then back to the wish,
//! told it went. A wish that is no longer theirs to fulfil says so. What was typed stays
//! whatever the server answers.

use leptos::prelude::*;
use station_wire::problem::codes;
use station_wire::wishes::{FulfilWish, WishStep, WISH_NOTE_MAX_CHARS};

use super::detail::wish_problem;
use crate::action::LocalAction;
use crate::api::{use_api, StepBody};
use crate::components::flash::set_flash;
use crate::components::form::field_errors_of;
use crate::components::photo_field::{
    still_uploading, uploaded_ids, PhotoField, Upload, UPLOADING,
};
use crate::components::{
    DetailSkeleton, ErrorState, FieldErrors, Form, FormProblem, FormState, SubmitButton, TextField,
};
use crate::hooks::use_of_path_id;
use crate::i18n::use_i18n;
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::router::{use_navigate, NavigateOptions};

#[component]
pub fn FulfilWishPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let texts = i18n.messages().wishes();
    let data = use_of_path_id(|api, id| async move { api.wish(id).await });
    let note = RwSignal::new(String::new());
    let uploads = RwSignal::new(Vec::<Upload>::new());
    let state = FormState::default();
    let errors = state.errors;
    let submit = LocalAction::new(move |(id, body): &(i64, StepBody)| {
        let (api, id, body, navigate) = (api.clone(), *id, body.clone(), navigate.clone());
        async move {
            match api.wish_step(id, &body).await {
                Ok(_) => {
                    set_flash(i18n.t().wishes().fulfilled_done);
                    navigate(&paths::wish(id), NavigateOptions::default());
                }
                Err(error) => state.fail_with(field_errors_of(&error), error),
            }
        }
    });
    let send = move |id: i64| {
        let mut found = FieldErrors::new();
        let text = note.get_untracked().trim().to_owned();
        if text.is_empty() {
            found.push(("note".to_owned(), codes::REQUIRED.to_owned()));
        }
        let chosen = uploads.get_untracked();
        if still_uploading(&chosen) {
            found.push(("photo_id".to_owned(), UPLOADING.to_owned()));
        }
        let body = if found.is_empty() {
            Ok((
                id,
                StepBody::Fulfil(FulfilWish {
                    note: text,
                    photo_id: uploaded_ids(&chosen).first().copied(),
                }),
            ))
        } else {
            Err(found)
        };
        state.send(body, submit);
    };
    view! {
        <div class="page page--form">
            {data.view(|| view! { <DetailSkeleton /> }, move |answer| match answer {
                Err(error) => view! {
                    <a class="back-link" href=paths::WISHES>{i18n.t().wishes().back}</a>
                    <h1 class="page__title">{i18n.t().wishes().fulfil_title}</h1>
                    <ErrorState error=error on_retry=move |()| data.refetch() />
                }.into_any(),
                Ok(wish) => {
                    let id = wish.id;
                    let form = if wish.steps.contains(&WishStep::Fulfil) {
                        view! {
                            <Form on_submit=move |()| send(id)>
                                <TextField name="note" label=texts.fulfil_note_label hint=texts.fulfil_note_hint
                                    value=note errors=errors multiline=true max_chars=WISH_NOTE_MAX_CHARS />
                                <PhotoField uploads=uploads errors=errors label=texts.fulfil_photo field="photo_id" max=1 />
                                <FormProblem error=state.problem on_retry=move |()| send(id) own=wish_problem />
                                <SubmitButton pending=submit.pending() label=texts.fulfil_submit />
                            </Form>
                        }.into_any()
                    } else {
                        view! { <p class="form-problem" role="alert">{i18n.t().wishes().wrong_state}</p> }.into_any()
                    };
                    view! {
                        <a class="back-link" href=paths::wish(id)>{wish.title.clone()}</a>
                        <h1 class="page__title">{i18n.t().wishes().fulfil_title}</h1>
                        {form}
                    }.into_any()
                }
            })}
        </div>
    }
}
