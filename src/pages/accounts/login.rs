//! `/me/login?next=…`: sign in with phone and password, then back to `next`.

use crate::action::LocalAction;
use crate::router::NavigateOptions;
use crate::router::{use_navigate, use_query_map};
use leptos::prelude::*;
use station_wire::accounts::SignInRequest;

use crate::api::{use_api, ApiError};
use crate::components::form::CheckField;
use crate::components::form::{field_errors_of, show_field_errors};
use crate::components::{FieldErrors, Form, FormProblem, SubmitButton, TextField};
use crate::i18n::use_i18n;
use crate::paths;
use crate::session::{safe_next, use_session};
use crate::validate::{normalize_phone, validate_sign_in};

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let next = Memo::new(move |_| safe_next(query.read().get("next")));

    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let shared = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::new());
    let problem = RwSignal::new(None::<ApiError>);

    let go_next = move || {
        let options = NavigateOptions {
            replace: true,
            ..Default::default()
        };
        navigate(&next.get_untracked(), options);
    };
    // Already signed in (or just signed in): nothing to do here.
    Effect::new({
        let go_next = go_next.clone();
        move |_| {
            if session.is_signed_in() {
                go_next();
            }
        }
    });

    let submit = LocalAction::new(move |request: &SignInRequest| {
        let (api, request) = (api.clone(), request.clone());
        async move {
            match api.sign_in(&request).await {
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
        let number = normalize_phone(&phone.get_untracked());
        let found = validate_sign_in(&number, &password.get_untracked());
        let valid = found.is_empty();
        show_field_errors(errors, found);
        if valid {
            submit.dispatch(SignInRequest {
                phone: number,
                password: password.get_untracked(),
                shared_device: shared.get_untracked(),
            });
        }
    };
    let register_href = move || paths::register(&next.get());
    let pending = submit.pending();

    view! {
        <div class="page page--form">
            <h1 class="page__title">{i18n.messages().account().login_title}</h1>
            <p class="page__lead">{i18n.messages().account().login_lead}</p>
            {move || paths::is_sign_up_next(&next.get()).then(|| view! {
                <p class="page__lead" data-testid="sign-up-after">{i18n.t().signup().after_sign_in}</p>
            })}
            <Form on_submit=move |()| send()>
                <TextField
                    name="phone"
                    label=i18n.messages().form().phone
                    value=phone
                    errors=errors
                    kind="tel"
                    autocomplete="tel"
                />
                <TextField
                    name="password"
                    label=i18n.messages().form().password
                    value=password
                    errors=errors
                    kind="password"
                    autocomplete="current-password"
                />
                <CheckField
                    name="shared_device"
                    label=i18n.messages().account().shared_device
                    checked=shared
                    errors=errors
                />
                <FormProblem error=problem on_retry=move |()| send() />
                <SubmitButton pending label=i18n.t().account().login_submit />
            </Form>
            <p class="form__switch">
                {i18n.messages().account().no_account}
                <a href=register_href>{i18n.messages().account().go_register}</a>
            </p>
            // No self-service reset (no SMS): the station's staff set a new password in person.
            <p class="form__switch" data-testid="forgot-password">{i18n.messages().account().forgot_password}</p>
        </div>
    }
}
