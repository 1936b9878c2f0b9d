//! The sites a staff member may act for, as a `<select>`: the site tree flattened (children
//! indented under their parents), only the sites the server says this account manages, their
//! own site chosen first.

use leptos::prelude::*;
use station_wire::accounts::Role;
use station_wire::sites::SiteNode;

use crate::api::use_api;
use crate::i18n::use_i18n;
use crate::session::use_session;

/// Every site of the tree, parents before children, with its depth shown by indentation.
fn flatten(nodes: &[SiteNode], depth: usize, out: &mut Vec<(i64, String)>) {
    for node in nodes {
        out.push((
            node.id,
            format!("{}{}", "\u{3000}".repeat(depth), node.name),
        ));
        flatten(&node.children, depth + 1, out);
    }
}

/// A labelled `<select name="site_id">`; `value` holds the chosen site's id (set to the
/// default choice once the sites have loaded, so that a form can read it at once).
#[component]
pub fn SiteSelect(value: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let sites = LocalResource::new(move || {
        let api = api.clone();
        async move {
            let mut out = Vec::new();
            if let Ok(list) = api.sites().await {
                flatten(&list.items, 0, &mut out);
            }
            out
        }
    });
    // The staff member's own site first, else the first site they manage.
    let own_site = move || {
        session.account().and_then(|account| {
            account
                .roles
                .iter()
                .find(|grant| grant.role == Role::Staff)
                .and_then(|grant| grant.site_id)
        })
    };
    let managed = move || {
        sites
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|(id, _)| session.manages_site(*id))
            .collect::<Vec<_>>()
    };
    Effect::new(move |_| {
        let choices = managed();
        if value.with_untracked(String::is_empty) {
            let first = own_site()
                .filter(|own| choices.iter().any(|(id, _)| id == own))
                .or_else(|| choices.first().map(|(id, _)| *id));
            if let Some(first) = first {
                value.set(first.to_string());
            }
        }
    });
    let options = move || {
        let chosen = value.get();
        managed()
            .into_iter()
            .map(move |(id, name)| {
                let id = id.to_string();
                let selected = id == chosen;
                view! { <option value=id selected=selected>{name}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label class="field__label" for="field-site_id">{i18n.messages().form().site}</label>
            <select
                class="field__input"
                id="field-site_id"
                name="site_id"
                on:change=move |event| value.set(event_target_value(&event))
            >
                {options}
            </select>
        </div>
    }
}
