//! `/staff/accounts/password`: staff give a resident who forgot their password a new one. First
//! the resident is found by mobile number (so that staff see whose password they set), then the
//! new password is set; the resident's old sign-ins end.

use leptos::prelude::*;
use station_wire::accounts::{AccountSummary, ResetPasswordRequest};
use station_wire::problem::codes;

use super::{require_sign_in, StaffFormPage};
use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::components::form::{field_errors_of, show_field_errors};
use crate::components::{FieldErrors, FormProblem, SubmitButton, TextField};
use crate::i18n::{fill, use_i18n};
use crate::validate::{check_new_password, check_phone, normalize_phone};

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let problem = RwSignal::new(None::<ApiError>);
    // The resident found, whose password the form sets; and the one whose password was set.
    let resident = RwSignal::new(None::<AccountSummary>);
    let done = RwSignal::new(None::<AccountSummary>);

    let find = LocalAction::new({
        let api = api.clone();
        move |number: &String| {
            let (api, number) = (api.clone(), number.clone());
            async move {
                match api.find_resident(&number).await {
                    Ok(found) => resident.set(Some(found)),
                    // Not a resident of one's sites: said next to the number.
                    Err(error) if error.status() == Some(404) => show_field_errors(
                        errors,
                        vec![("phone".to_string(), codes::UNKNOWN.to_string())],
                    ),
                    Err(error) => {
                        show_field_errors(errors, field_errors_of(&error));
                        problem.set(Some(error));
                    }
                }
            }
        }
    });
    let reset = LocalAction::new(move |(id, request): &(i64, ResetPasswordRequest)| {
        let (api, id, request) = (api.clone(), *id, request.clone());
        async move {
            match api.reset_password(id, &request).await {
                Ok(account) => {
                    password.set(String::new());
                    resident.set(None);
                    phone.set(String::new());
                    done.set(Some(account));
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
        done.set(None);
        let mut found = FieldErrors::new();
        match resident.get_untracked() {
            None => {
                let number = normalize_phone(&phone.get_untracked());
                check_phone(&number, &mut found);
                let valid = found.is_empty();
                show_field_errors(errors, found);
                if valid {
                    find.dispatch(number);
                }
            }
            Some(account) => {
                let new_password = password.get_untracked();
                check_new_password("new_password", &new_password, &mut found);
                let valid = found.is_empty();
                show_field_errors(errors, found);
                if valid {
                    reset.dispatch((account.id, ResetPasswordRequest { new_password }));
                }
            }
        }
    };
    let pending = Memo::new(move |_| find.pending().get() || reset.pending().get());
    let step = move || match resident.get() {
        None => view! {
            <TextField
                name="phone"
                label=i18n.messages().form().phone
                value=phone
                errors=errors
                kind="tel"
            />
            <FormProblem error=problem on_retry=move |()| send() />
            <SubmitButton pending label=i18n.t().account().staff_reset_find />
        }
        .into_any(),
        Some(account) => view! {
            <p class="form__who" data-testid="resident">
                {fill(
                    i18n.t().account().staff_reset_who,
                    &[("name", &account.display_name), ("phone", &account.phone)],
                )}
            </p>
            <TextField
                name="new_password"
                label=i18n.messages().form().new_password
                hint=i18n.messages().account().staff_reset_hint
                value=password
                errors=errors
                kind="password"
                autocomplete="new-password"
            />
            <FormProblem error=problem on_retry=move |()| send() />
            <SubmitButton pending label=i18n.t().account().staff_reset_submit />
            <button
                type="button"
                class="button button--quiet"
                on:click=move |_| {
                    resident.set(None);
                    password.set(String::new());
                    errors.set(FieldErrors::new());
                    problem.set(None);
                }
            >
                {i18n.t().account().staff_reset_other}
            </button>
        }
        .into_any(),
    };
    let done_text = move || {
        done.get().map(|account| {
            fill(
                i18n.t().account().staff_reset_done,
                &[("name", &account.display_name)],
            )
        })
    };

    view! {
        <StaffFormPage
            title=i18n.messages().account().staff_reset_title
            lead=i18n.messages().account().staff_reset_lead
            on_submit=move |()| send()
        >
            {step}
            <p class="form__done" role="status" data-testid="reset-done">{done_text}</p>
        </StaffFormPage>
    }
}
