//! Who runs a site: the staff granted on it and above it; staff made from an existing account by
//! its phone number, and revoked.

use leptos::prelude::*;
use station_wire::staff::StaffGrant;

use crate::action::LocalAction;
use crate::api::use_api;
use crate::components::form::account_phone_errors;
use crate::components::{
    AsyncList, FieldErrors, Form, FormProblem, FormState, SubmitButton, TextField,
};
use crate::i18n::{fill, use_i18n};
use crate::load::Load;
use crate::validate::{check_phone, normalize_phone};

#[component]
pub fn StaffSection(site_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let grants = Load::keeping({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.site_staff(site_id).await.map(|list| list.items) }
        }
    });
    let phone = RwSignal::new(String::new());
    let state = FormState::default();
    let grant = LocalAction::new({
        let api = api.clone();
        move |number: &String| {
            let (api, number) = (api.clone(), number.clone());
            async move {
                match api.grant_staff(site_id, &number).await {
                    Ok(grant) => {
                        phone.set(String::new());
                        let name = grant.account.display_name;
                        state.succeed(fill(i18n.t().sites().granted, &[("name", &name)]));
                        grants.refetch();
                    }
                    Err(error) => state.fail_with(account_phone_errors(&error), error),
                }
            }
        }
    });
    let revoke = LocalAction::new(move |(account_id, name): &(i64, String)| {
        let (api, account_id, name) = (api.clone(), *account_id, name.clone());
        async move {
            match api.revoke_staff(site_id, account_id).await {
                Ok(()) => {
                    state.succeed(fill(i18n.t().sites().revoked, &[("name", &name)]));
                    grants.refetch();
                }
                Err(error) => state.problem.set(Some(error)),
            }
        }
    });
    let send = move || {
        let number = normalize_phone(&phone.get_untracked());
        let mut found = FieldErrors::new();
        check_phone(&number, &mut found);
        state.send(
            if found.is_empty() {
                Ok(number)
            } else {
                Err(found)
            },
            grant,
        );
    };
    let row = move |grant: StaffGrant| {
        let StaffGrant {
            site_id: on,
            account,
        } = grant;
        let action = if on == site_id {
            let label = fill(
                i18n.t().sites().revoke_label,
                &[("name", &account.display_name)],
            );
            let target = (account.id, account.display_name.clone());
            view! {
                <button
                    type="button"
                    class="button button--quiet"
                    aria-label=label
                    disabled=revoke.pending()
                    on:click=move |_| {
                        state.problem.set(None);
                        state.done.set(None);
                        revoke.dispatch(target.clone());
                    }
                >
                    {i18n.t().sites().revoke}
                </button>
            }
            .into_any()
        } else {
            view! { <span class="me-item__when">{i18n.t().sites().staff_above}</span> }.into_any()
        };
        view! {
            <li class="me-item" data-testid="staff-row">
                <span class="me-item__title">{account.display_name}</span>
                <span class="me-item__when">{account.phone}</span>
                {action}
            </li>
        }
    };
    let list = move |list: Vec<StaffGrant>| {
        view! { <ul class="me-list">{list.into_iter().map(row).collect_view()}</ul> }
    };
    view! {
        <section class="panel" aria-labelledby="staff-title" data-testid="staff-section">
            <h2 class="panel__title" id="staff-title">{i18n.messages().sites().staff_title}</h2>
            <AsyncList
                items=grants
                empty=move || view! { <p class="panel__empty">{i18n.t().sites().staff_empty}</p> }
                list=list
            />
            <Form on_submit=move |()| send()>
                <TextField
                    scope="staff"
                    name="phone"
                    label=i18n.messages().sites().grant_phone
                    hint=i18n.messages().sites().grant_hint
                    value=phone
                    errors=state.errors
                    kind="tel"
                />
                <FormProblem error=state.problem on_retry=move |()| send() />
                <p class="form__done" role="status" data-testid="staff-done">{move || state.done.get()}</p>
                <SubmitButton pending=grant.pending() label=i18n.messages().sites().grant />
            </Form>
        </section>
    }
}
