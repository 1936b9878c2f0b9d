//! `/staff/services`: 服务清单 — staff keep the menu of the sites they run: add an item, change
//! its words, take it off the menu (its orders stay) or put it back.

use leptos::prelude::*;
use station_wire::orders::{
    ServiceEdit, ServiceInput, ServiceItem, ORDER_TEXT_MAX_CHARS, SERVICE_NAME_MAX_CHARS,
};
use station_wire::problem::codes;

use super::by_site;
use crate::action::LocalAction;
use crate::api::use_api;
use crate::components::form::field_errors_of;
use crate::components::{
    AsyncList, EmptyState, FieldErrors, Form, FormProblem, FormState, SiteSelect, SubmitButton,
    TextField,
};
use crate::i18n::use_i18n;
use crate::load::Load;
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::session::use_session;

/// An item's words as typed.
#[derive(Clone, Copy)]
struct Words {
    name: RwSignal<String>,
    description: RwSignal<String>,
}

impl Words {
    fn new(name: &str, description: &str) -> Self {
        Words {
            name: RwSignal::new(name.to_owned()),
            description: RwSignal::new(description.to_owned()),
        }
    }

    fn to_edit(self, active: bool) -> Result<ServiceEdit, FieldErrors> {
        let name = self.name.get_untracked().trim().to_owned();
        if name.is_empty() {
            return Err(vec![("name".to_owned(), codes::REQUIRED.to_owned())]);
        }
        Ok(ServiceEdit {
            name,
            description: self.description.get_untracked().trim().to_owned(),
            active,
        })
    }
}

#[component]
pub fn MenuKeepingPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let texts = i18n.messages().orders();
    let menu = Load::keeping({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.services(true).await.map(|list| list.items) }
        }
    });
    let editing = RwSignal::new(None::<i64>);
    // The sites one runs: the account decides (it may load after the menu).
    let kept = move |items: Vec<ServiceItem>| {
        let items: Vec<ServiceItem> = items
            .into_iter()
            .filter(|item| session.manages_site(item.site.id))
            .collect();
        if items.is_empty() {
            return view! { <p class="panel__empty">{texts.keeping_empty}</p> }.into_any();
        }
        by_site(items)
            .into_iter()
            .map(|(site, items)| {
                view! {
                    <section class="panel" data-testid="menu-site">
                        <h2 class="panel__title">{site}</h2>
                        <ul class="service-list">
                            {items
                                .into_iter()
                                .map(|item| view! { <KeptItem item editing on_saved=move |()| menu.refetch() /> })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="page">
            <a class="back-link" href=paths::ORDER_QUEUE>{texts.back_queue}</a>
            <h1 class="page__title">{texts.menu_keeping}</h1>
            <p class="page__lead">{texts.keeping_lead}</p>
            <AddItem on_added=move |()| menu.refetch() />
            <AsyncList
                items=menu
                empty=move || view! { <EmptyState title=texts.menu_empty_title body=texts.keeping_empty /> }
                list=kept
            />
        </div>
    }
}

/// 添加服务项目: the site, its name and what it is.
#[component]
fn AddItem(#[prop(into)] on_added: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().orders();
    let site = RwSignal::new(String::new());
    let words = Words::new("", "");
    let state = FormState::default();
    let errors = state.errors;
    let add = LocalAction::new(move |input: &ServiceInput| {
        let (api, input) = (api.clone(), input.clone());
        async move {
            match api.add_service(&input).await {
                Ok(item) => {
                    state.succeed(crate::i18n::fill(
                        i18n.t().orders().added,
                        &[("name", &item.name)],
                    ));
                    words.name.set(String::new());
                    words.description.set(String::new());
                    on_added.run(());
                }
                Err(error) => state.fail_with(field_errors_of(&error), error),
            }
        }
    });
    let send = move || {
        let input = words.to_edit(true).map(|edit| ServiceInput {
            site_id: site.get_untracked().parse().unwrap_or_default(),
            edit,
        });
        state.send(input, add);
    };
    view! {
        <section class="panel" aria-labelledby="add-service">
            <h2 class="panel__title" id="add-service">{texts.add_title}</h2>
            <Form on_submit=move |()| send()>
                <SiteSelect value=site />
                <TextField name="name" label=texts.service_name value=words.name errors=errors
                    max_chars=SERVICE_NAME_MAX_CHARS scope="add" />
                <TextField name="description" label=texts.service_description value=words.description
                    errors=errors multiline=true max_chars=ORDER_TEXT_MAX_CHARS scope="add" />
                <FormProblem error=state.problem on_retry=move |()| send() />
                <SubmitButton pending=add.pending() label=texts.add_submit />
            </Form>
            <p class="form__done" role="status" data-testid="added">{move || state.done.get()}</p>
        </section>
    }
}

/// One item: its words (to edit), and 下架 / 重新上架.
#[component]
fn KeptItem(
    item: ServiceItem,
    /// The item being edited (one at a time: its fields' ids are the page's only ones).
    editing: RwSignal<Option<i64>>,
    #[prop(into)] on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().orders();
    let id = item.id;
    let active = item.active;
    let words = Words::new(&item.name, &item.description);
    let state = FormState::default();
    let errors = state.errors;
    let save = LocalAction::new(move |edit: &ServiceEdit| {
        let (api, edit) = (api.clone(), edit.clone());
        async move {
            match api.edit_service(id, &edit).await {
                Ok(_) => {
                    editing.set(None);
                    on_saved.run(());
                }
                Err(error) => state.fail_with(field_errors_of(&error), error),
            }
        }
    });
    let send = move |active: bool| state.send(words.to_edit(active), save);
    // 下架 / 重新上架 keeps the item's saved words (not an edit left unsaved).
    let saved = ServiceEdit {
        name: item.name.clone(),
        description: item.description.clone(),
        active: !active,
    };
    let toggle_it = move |_| state.send(Ok(saved.clone()), save);
    let status = if active {
        texts.on_menu
    } else {
        texts.off_menu
    };
    let toggle = if active {
        texts.take_off
    } else {
        texts.put_back
    };
    let body = move || {
        if editing.get() == Some(id) {
            view! {
                <Form on_submit=move |()| send(active)>
                    <TextField name="name" label=texts.service_name value=words.name errors=errors
                        max_chars=SERVICE_NAME_MAX_CHARS scope="edit" />
                    <TextField name="description" label=texts.service_description value=words.description
                        errors=errors multiline=true max_chars=ORDER_TEXT_MAX_CHARS scope="edit" />
                    <div class="actions">
                        <SubmitButton pending=save.pending() label=texts.save />
                        <button type="button" class="button button--quiet"
                            on:click=move |_| editing.set(None)>{texts.edit_cancel}</button>
                    </div>
                </Form>
            }
            .into_any()
        } else {
            view! {
                <h3 class="service__name">{item.name.clone()}</h3>
                <p class="service__description">{item.description.clone()}</p>
                <p><span class=if active { "status status--open" } else { "status status--cancelled" }>{status}</span></p>
                <div class="actions">
                    <button type="button" class="button button--quiet" on:click=move |_| editing.set(Some(id))>
                        {texts.edit}
                    </button>
                    <button type="button" class="button button--quiet" data-testid="toggle-service"
                        disabled=save.pending() on:click=toggle_it.clone()>
                        {toggle}
                    </button>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <li class="service" data-testid="kept-service">
            {body}
            <FormProblem error=state.problem on_retry=move |()| state.problem.set(None) />
        </li>
    }
}
