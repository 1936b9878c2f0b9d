//! `/orders/new?service=`: 点单 — the item (chosen on the menu, changeable here), when one would
//! like it, the address and a phone (read only by staff of the site and the volunteer who takes
//! it), a note; and for staff of the item's site, the resident without a smartphone it is
//! placed for. A refusal is shown by the field, and nothing typed is lost.

use leptos::prelude::*;
use station_wire::orders::{
    NewOrder, OrderStatus, ServiceItem, ORDER_PHONE_MAX_CHARS, ORDER_TEXT_MAX_CHARS,
    PREFERRED_TIME_MAX_CHARS,
};
use station_wire::problem::codes;

use crate::action::LocalAction;
use crate::api::use_api;
use crate::components::flash::set_flash;
use crate::components::form::field_errors_of;
use crate::components::{
    EmptyState, ErrorState, FieldErrors, Form, FormProblem, FormState, SelectField, SubmitButton,
    TextField,
};
use crate::i18n::{fill, use_i18n};
use crate::load::Load;
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::router::{use_navigate, use_query_map, NavigateOptions};
use crate::session::use_session;

/// What the reader typed, kept as typed whatever the server says.
#[derive(Clone, Copy)]
struct Draft {
    service: RwSignal<String>,
    preferred_time: RwSignal<String>,
    address: RwSignal<String>,
    phone: RwSignal<String>,
    note: RwSignal<String>,
    on_behalf_of: RwSignal<String>,
}

impl Draft {
    /// `for_resident`: the reader runs the chosen item's site (only then is 代谁点单 shown).
    fn to_input(self, for_resident: bool) -> Result<NewOrder, FieldErrors> {
        let text = |signal: RwSignal<String>| signal.get_untracked().trim().to_owned();
        let service_id = text(self.service).parse().unwrap_or_default();
        let (preferred_time, address, phone) = (
            text(self.preferred_time),
            text(self.address),
            text(self.phone),
        );
        let mut errors = FieldErrors::new();
        if service_id == 0 {
            errors.push(("service_id".to_owned(), codes::REQUIRED.to_owned()));
        }
        for (wire, value) in [
            ("preferred_time", &preferred_time),
            ("address", &address),
            ("phone", &phone),
        ] {
            if value.is_empty() {
                errors.push((wire.to_owned(), codes::REQUIRED.to_owned()));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewOrder {
            service_id,
            preferred_time,
            address,
            phone,
            note: text(self.note),
            on_behalf_of: Some(text(self.on_behalf_of))
                .filter(|who| for_resident && !who.is_empty()),
        })
    }
}

#[component]
pub fn PlaceOrderPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let texts = i18n.messages().orders();
    let draft = Draft {
        service: RwSignal::new(query.read_untracked().get("service").unwrap_or_default()),
        preferred_time: RwSignal::new(String::new()),
        address: RwSignal::new(String::new()),
        phone: RwSignal::new(String::new()),
        note: RwSignal::new(String::new()),
        on_behalf_of: RwSignal::new(String::new()),
    };
    // One's own number, to change or keep, once the account is known (not staff's: they mostly
    // order for a resident, whose number it must be).
    Effect::new(move |_| {
        if let Some(me) = session.account() {
            if draft.phone.with_untracked(String::is_empty) && !session.is_staff() {
                draft.phone.set(me.phone);
            }
        }
    });
    let menu = Load::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.services(false).await.map(|list| list.items) }
        }
    });
    let items = move || -> Vec<ServiceItem> { menu.get().and_then(Result::ok).unwrap_or_default() };
    // The first item until the person picks one (none was named, or it is off the menu).
    Effect::new(move |_| {
        let items = items();
        let chosen = draft.service.get_untracked();
        if !items.iter().any(|item| item.id.to_string() == chosen) {
            if let Some(first) = items.first() {
                draft.service.set(first.id.to_string());
            }
        }
    });
    let options = Signal::derive(move || {
        items()
            .into_iter()
            .map(|item| {
                let text = fill(
                    i18n.t().orders().item_option,
                    &[("name", &item.name), ("site", &item.site.name)],
                );
                (item.id.to_string(), text)
            })
            .collect::<Vec<_>>()
    });
    let chosen = move || {
        let id = draft.service.get();
        items().into_iter().find(|item| item.id.to_string() == id)
    };
    let chosen_untracked = move || untrack(chosen);
    let state = FormState::default();
    let errors = state.errors;
    let submit = LocalAction::new(move |input: &NewOrder| {
        let (api, input, navigate) = (api.clone(), input.clone(), navigate.clone());
        async move {
            match api.place_order(&input).await {
                Ok(order) => {
                    let texts = i18n.t().orders();
                    set_flash(if order.status == OrderStatus::Submitted {
                        texts.placed
                    } else {
                        texts.placed_open
                    });
                    navigate(&paths::order(order.id), NavigateOptions::default());
                }
                Err(error) => state.fail_with(field_errors_of(&error), error),
            }
        }
    });
    let send = move || {
        let site = chosen_untracked()
            .map(|item| item.site.id)
            .unwrap_or_default();
        state.send(draft.to_input(session.manages_site(site)), submit);
    };
    let description = move || {
        chosen()
            .filter(|item| !item.description.is_empty())
            .map(|item| view! { <p class="service__description" data-testid="chosen-service">{item.description}</p> })
    };
    // Only staff of the item's site order for a resident (the server says so too).
    let behalf = move || {
        let site = chosen().map(|item| item.site.id).unwrap_or_default();
        session.manages_site(site).then(|| {
            view! {
                <TextField name="on_behalf_of" label=texts.on_behalf_of hint=texts.on_behalf_hint
                    value=draft.on_behalf_of errors=errors max_chars=ORDER_TEXT_MAX_CHARS />
            }
        })
    };
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::SERVICES>{texts.back_menu}</a>
            <h1 class="page__title">{texts.place_title}</h1>
            <p class="page__lead">{texts.place_lead}</p>
            {move || match menu.get() {
                Some(Err(error)) => Some(view! { <ErrorState error=error on_retry=move |()| menu.refetch() /> }.into_any()),
                Some(Ok(items)) if items.is_empty() => Some(view! {
                    <EmptyState title=texts.menu_empty_title body=texts.menu_empty_body />
                }.into_any()),
                _ => None,
            }}
            <Form on_submit=move |()| send()>
                <SelectField name="service_id" label=texts.service value=draft.service errors=errors options=options />
                {description}
                <TextField name="preferred_time" label=texts.preferred_time hint=texts.preferred_time_hint
                    value=draft.preferred_time errors=errors max_chars=PREFERRED_TIME_MAX_CHARS />
                <TextField name="address" label=texts.address hint=texts.private_hint value=draft.address
                    errors=errors max_chars=ORDER_TEXT_MAX_CHARS />
                <TextField name="phone" label=texts.phone kind="tel" value=draft.phone errors=errors
                    max_chars=ORDER_PHONE_MAX_CHARS />
                <TextField name="note" label=texts.note hint=texts.note_hint value=draft.note errors=errors
                    multiline=true max_chars=ORDER_TEXT_MAX_CHARS />
                {behalf}
                <FormProblem error=state.problem on_retry=move |()| send() />
                <SubmitButton pending=submit.pending() label=texts.place_submit />
            </Form>
        </div>
    }
}
