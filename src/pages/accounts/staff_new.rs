//! `/staff/accounts/new`: staff open an account for a resident (e.g. an elderly person).

use leptos::prelude::*;
use station_wire::accounts::{AccountSummary, CreateAccountRequest};
use station_wire::privacy::PRIVACY_NOTICE_VERSION;

use super::{require_sign_in, StaffFormPage};
use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::components::form::CheckField;
use crate::components::form::{field_errors_of, show_field_errors};
use crate::components::{FieldErrors, FormProblem, SiteSelect, SubmitButton, TextField};
use crate::i18n::{fill, use_i18n};
use crate::validate::{check_privacy_notice, normalize_phone, validate_register};

use super::privacy::PrivacyNotice;

#[component]
pub fn CreateAccountPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let site = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let agreed = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::new());
    let problem = RwSignal::new(None::<ApiError>);
    let created = RwSignal::new(None::<AccountSummary>);

    let submit = LocalAction::new(move |request: &CreateAccountRequest| {
        let (api, request) = (api.clone(), request.clone());
        async move {
            match api.create_account(&request).await {
                Ok(account) => {
                    display_name.set(String::new());
                    phone.set(String::new());
                    password.set(String::new());
                    agreed.set(false);
                    created.set(Some(account));
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
        created.set(None);
        let site_id = site.get_untracked().parse().unwrap_or_default();
        let request = CreateAccountRequest {
            display_name: display_name.get_untracked().trim().to_string(),
            phone: normalize_phone(&phone.get_untracked()),
            password: password.get_untracked(),
            site_id,
            privacy_notice: PRIVACY_NOTICE_VERSION.to_owned(),
        };
        let mut found = validate_register(&request.display_name, &request.phone, &request.password);
        check_privacy_notice(agreed.get_untracked(), &mut found);
        let valid = found.is_empty();
        show_field_errors(errors, found);
        if valid {
            submit.dispatch(request);
        }
    };
    let pending = submit.pending();
    let done = move || {
        created.get().map(|account| {
            fill(
                i18n.t().account().staff_new_done,
                &[("name", &account.display_name), ("phone", &account.phone)],
            )
        })
    };

    view! {
        <StaffFormPage
            title=i18n.messages().account().staff_new_title
            lead=i18n.messages().account().staff_new_lead
            on_submit=move |()| send()
        >
            <SiteSelect value=site />
            <TextField
                name="display_name"
                label=i18n.messages().form().display_name
                value=display_name
                errors=errors
            />
            <TextField
                name="phone"
                label=i18n.messages().form().phone
                value=phone
                errors=errors
                kind="tel"
            />
            <TextField
                name="password"
                label=i18n.messages().form().initial_password
                hint=i18n.messages().form().password_hint
                value=password
                errors=errors
                kind="password"
                autocomplete="new-password"
            />
            <PrivacyNotice />
            <CheckField
                name="privacy_notice"
                label=i18n.messages().privacy().agree_for_resident
                checked=agreed
                errors=errors
            />
            <FormProblem error=problem on_retry=move |()| send() />
            <p class="form__done" role="status" data-testid="created">{done}</p>
            <SubmitButton pending label=i18n.t().account().staff_new_submit />
        </StaffFormPage>
    }
}
