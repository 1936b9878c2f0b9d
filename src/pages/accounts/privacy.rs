//! 个人信息: the privacy notice (shown before an account is made, and here), `/me/privacy` with
//! one's data to download and one's account to delete.

use leptos::prelude::*;
use station_wire::privacy::DeleteAccountRequest;
use station_wire::problem::types;

use super::require_sign_in;
use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::components::download::download;
use crate::components::form::{field_errors_of, show_field_errors};
use crate::components::{ConfirmStep, FieldErrors, FormProblem, TextField};
use crate::i18n::{use_i18n, Locale};
use crate::paths;
use crate::session::use_session;

/// 个人信息保护说明: what is kept, who sees it, what it is for, and what one may do about it.
/// Folded by default where it precedes a form; its title opens it.
#[component]
pub fn PrivacyNotice(#[prop(optional)] open: bool) -> impl IntoView {
    let texts = use_i18n().messages().privacy();
    view! {
        <details class="privacy-notice" open=open data-testid="privacy-notice">
            <summary>{texts.notice_title}</summary>
            <ul>
                <li>{texts.notice_collect}</li>
                <li>{texts.notice_who}</li>
                <li>{texts.notice_share}</li>
                <li>{texts.notice_rights}</li>
            </ul>
        </details>
    }
}

/// What this page says for the refusals only it meets.
fn privacy_problem(locale: Locale, kind: &str) -> Option<&'static str> {
    (kind == types::LAST_ADMINISTRATOR).then(|| locale.messages().privacy().last_administrator)
}

/// `/me/privacy`: the notice, one's data as a file, and deleting one's account.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().privacy();

    let exported = RwSignal::new(false);
    let export_problem = RwSignal::new(None::<ApiError>);
    let export = LocalAction::new({
        let api = api.clone();
        move |(): &()| {
            let api = api.clone();
            async move {
                export_problem.set(None);
                exported.set(false);
                match api.my_data().await {
                    Ok(file) => {
                        let _ = download(&file.bytes, &file.name, "application/json");
                        exported.set(true);
                    }
                    Err(error) => export_problem.set(Some(error)),
                }
            }
        }
    });

    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::ME>{i18n.messages().me().title}</a>
            <h1 class="page__title">{texts.title}</h1>
            <p class="page__lead">{texts.lead}</p>
            <PrivacyNotice open=true />
            <section class="panel" aria-labelledby="export-title">
                <h2 class="panel__title" id="export-title">{texts.export_title}</h2>
                <p class="panel__empty">{texts.export_lead}</p>
                <FormProblem error=export_problem on_retry=move |()| { export.dispatch(()); } />
                <p class="form__done" role="status" data-testid="exported">
                    {move || exported.get().then_some(texts.exported)}
                </p>
                <button
                    type="button"
                    class="button"
                    data-testid="export"
                    disabled=export.pending()
                    on:click=move |_| { export.dispatch(()); }
                >
                    {texts.export}
                </button>
            </section>
            <DeleteAccount />
        </div>
    }
}

/// 注销账号: the password, then a confirm step; afterwards the person is signed out here and
/// lands on 我的, told it is done.
#[component]
fn DeleteAccount() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let texts = i18n.messages().privacy();
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let problem = RwSignal::new(None::<ApiError>);
    let confirming = RwSignal::new(false);
    let delete = LocalAction::new(move |request: &DeleteAccountRequest| {
        let (api, request) = (api.clone(), request.clone());
        async move {
            match api.delete_me(&request).await {
                Ok(()) => session.leave_signed_out(texts.deleted, paths::ME),
                Err(error) => {
                    confirming.set(false);
                    show_field_errors(errors, field_errors_of(&error));
                    problem.set(Some(error));
                }
            }
        }
    });
    let ask = move |_| {
        problem.set(None);
        let mut found = FieldErrors::new();
        if password.get_untracked().is_empty() {
            found.push((
                "password".into(),
                station_wire::problem::codes::REQUIRED.into(),
            ));
        }
        let valid = found.is_empty();
        show_field_errors(errors, found);
        confirming.set(valid);
        if valid {
            crate::components::form::focus_when_drawn(
                "[data-testid='confirm-delete-account']".into(),
            );
        }
    };
    let send = move || {
        delete.dispatch(DeleteAccountRequest {
            password: password.get_untracked(),
        });
    };
    view! {
        <section class="panel" aria-labelledby="delete-title" data-testid="delete-account">
            <h2 class="panel__title" id="delete-title">{texts.delete_title}</h2>
            <p class="panel__empty">{texts.delete_lead}</p>
            <TextField
                name="password"
                label=texts.delete_password
                value=password
                errors=errors
                kind="password"
                autocomplete="current-password"
            />
            <FormProblem error=problem on_retry=move |()| send() own=privacy_problem />
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="button button--quiet" on:click=ask>
                        {texts.delete}
                    </button>
                }
            >
                <ConfirmStep
                    label=texts.delete_title
                    question=texts.delete_question.to_string()
                    confirm=texts.delete_confirm
                    keep=texts.delete_keep
                    testid="confirm-delete-account"
                    pending=delete.pending()
                    on_confirm=move |()| send()
                    on_keep=move |()| confirming.set(false)
                />
            </Show>
        </section>
    }
}
