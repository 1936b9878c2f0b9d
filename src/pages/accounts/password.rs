//! `/me/password`: change one's password (signed in only).

use leptos::prelude::*;
use station_wire::accounts::ChangePasswordRequest;

use super::require_sign_in;
use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::components::form::{field_errors_of, show_field_errors};
use crate::components::{FieldErrors, Form, FormProblem, SubmitButton, TextField};
use crate::i18n::use_i18n;
use crate::validate::validate_change_password;

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let problem = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);

    let submit = LocalAction::new(move |request: &ChangePasswordRequest| {
        let (api, request) = (api.clone(), request.clone());
        async move {
            match api.change_password(&request).await {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    done.set(true);
                }
                Err(error) => {
                    show_field_errors(errors, field_errors_of(&error));
                    problem.set(Some(error));
                }
            }
        }
    });
    let send = move || {
        problem.set(None);
        done.set(false);
        let request = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        let found = validate_change_password(&request.current_password, &request.new_password);
        let valid = found.is_empty();
        show_field_errors(errors, found);
        if valid {
            submit.dispatch(request);
        }
    };
    let pending = submit.pending();

    view! {
        <div class="page page--form">
            <a class="back-link" href="/me">{i18n.messages().me().title}</a>
            <h1 class="page__title">{i18n.messages().account().password_title}</h1>
            <p class="page__lead">{i18n.messages().account().password_lead}</p>
            <Form on_submit=move |()| send()>
                <TextField
                    name="current_password"
                    label=i18n.messages().form().current_password
                    value=current
                    errors=errors
                    kind="password"
                    autocomplete="current-password"
                />
                <TextField
                    name="new_password"
                    label=i18n.messages().form().new_password
                    hint=i18n.messages().form().password_hint
                    value=new
                    errors=errors
                    kind="password"
                    autocomplete="new-password"
                />
                <FormProblem error=problem on_retry=move |()| send() />
                <p class="form__done" role="status">
                    {move || done.get().then(|| i18n.t().account().password_done)}
                </p>
                <SubmitButton pending label=i18n.t().account().password_submit />
            </Form>
        </div>
    }
}
