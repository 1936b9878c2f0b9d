//! `/register?next=…`: display name, phone and password; signed in at once, then back to `next`.

use crate::action::LocalAction;
use crate::router::NavigateOptions;
use crate::router::{use_navigate, use_query_map};
use leptos::prelude::*;
use station_wire::accounts::RegisterRequest;
use station_wire::privacy::PRIVACY_NOTICE_VERSION;

use crate::api::{use_api, ApiError};
use crate::components::form::CheckField;
use crate::components::form::{field_errors_of, show_field_errors};
use crate::components::{FieldErrors, Form, FormProblem, SubmitButton, TextField};
use crate::i18n::use_i18n;
use crate::paths;
use crate::session::{safe_next, use_session};
use crate::validate::{check_privacy_notice, normalize_phone, validate_register};

use super::privacy::PrivacyNotice;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let next = Memo::new(move |_| safe_next(query.read().get("next")));

    let display_name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let agreed = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::new());
    let problem = RwSignal::new(None::<ApiError>);

    Effect::new(move |_| {
        if session.is_signed_in() {
            let options = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate(&next.get_untracked(), options);
        }
    });

    let submit = LocalAction::new(move |request: &RegisterRequest| {
        let (api, request) = (api.clone(), request.clone());
        async move {
            match api.register(&request).await {
                Ok(answer) => session.sign_in(answer),
                Err(error) => {
                    show_field_errors(errors, field_errors_of(&error));
                    problem.set(Some(error));
                }
            }
        }
    });
    let send = move || {
        problem.set(None);
        let request = RegisterRequest {
            display_name: display_name.get_untracked().trim().to_string(),
            phone: normalize_phone(&phone.get_untracked()),
            password: password.get_untracked(),
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
    let login_href = move || paths::login(&next.get());
    let pending = submit.pending();

    view! {
        <div class="page page--form">
            <h1 class="page__title">{i18n.messages().account().register_title}</h1>
            <p class="page__lead">{i18n.messages().account().register_lead}</p>
            {move || paths::is_sign_up_next(&next.get()).then(|| view! {
                <p class="page__lead" data-testid="sign-up-after">{i18n.t().signup().after_sign_in}</p>
            })}
            <Form on_submit=move |()| send()>
                <TextField
                    name="display_name"
                    label=i18n.messages().form().display_name
                    hint=i18n.messages().form().display_name_hint
                    value=display_name
                    errors=errors
                    autocomplete="nickname"
                />
                <TextField
                    name="phone"
                    label=i18n.messages().form().phone
                    hint=i18n.messages().form().phone_hint
                    value=phone
                    errors=errors
                    kind="tel"
                    autocomplete="tel"
                />
                <TextField
                    name="password"
                    label=i18n.messages().form().password
                    hint=i18n.messages().form().password_hint
                    value=password
                    errors=errors
                    kind="password"
                    autocomplete="new-password"
                />
                <PrivacyNotice />
                <CheckField
                    name="privacy_notice"
                    label=i18n.messages().privacy().agree
                    checked=agreed
                    errors=errors
                />
                <FormProblem error=problem on_retry=move |()| send() />
                <SubmitButton pending label=i18n.t().account().register_submit />
            </Form>
            <p class="form__switch">
                {i18n.messages().account().have_account}
                <a href=login_href>{i18n.messages().account().go_login}</a>
            </p>
        </div>
    }
}
