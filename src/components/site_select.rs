//! The sites a staff member may act for, as a `<select>`: the site tree flattened (children
//! indented under their parents), only the sites the server says this account manages, their
//! own site chosen first.

use leptos::prelude::*;
use station_wire::accounts::Role;
use station_wire::sites::{SiteKind, SiteNode};

use crate::api::use_api;
use crate::i18n::use_i18n;
use crate::load::Load;
use crate::session::use_session;

/// One site of the flattened tree: its id, its kind, its name indented by its depth.
pub type SiteRow = (i64, SiteKind, String);

/// Every site of the tree, parents before children, with its depth shown by indentation.
fn flatten(nodes: &[SiteNode], depth: usize, out: &mut Vec<SiteRow>) {
    for node in nodes {
        let name = format!("{}{}", "\u{3000}".repeat(depth), node.name);
        out.push((node.id, node.kind, name));
        flatten(&node.children, depth + 1, out);
    }
}

/// The site tree as rows for a `<select>` (empty when it cannot be loaded: the form's own
/// send then tells why).
pub fn use_site_rows() -> Load<Vec<SiteRow>> {
    let api = use_api();
    Load::new(move || {
        let api = api.clone();
        async move {
            let mut out = Vec::new();
            if let Ok(list) = api.sites().await {
                flatten(&list.items, 0, &mut out);
            }
            out
        }
    })
}

/// A labelled `<select name="site_id">`; `value` holds the chosen site's id (set to the
/// default choice once the sites have loaded, so that a form can read it at once).
#[component]
pub fn SiteSelect(
    value: RwSignal<String>,
    /// Which form of the page it belongs to, when a page has several (the ids stay unique).
    #[prop(optional)]
    scope: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let sites = use_site_rows();
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
            .filter(|(id, _, _)| session.manages_site(*id))
            .collect::<Vec<_>>()
    };
    Effect::new(move |_| {
        let choices = managed();
        if value.with_untracked(String::is_empty) {
            let first = own_site()
                .filter(|own| choices.iter().any(|(id, _, _)| id == own))
                .or_else(|| choices.first().map(|(id, _, _)| *id));
            if let Some(first) = first {
                value.set(first.to_string());
            }
        }
    });
    let options = move || {
        let chosen = value.get();
        managed()
            .into_iter()
            .map(move |(id, _, name)| {
                let id = id.to_string();
                let selected = id == chosen;
                view! { <option value=id selected=selected>{name}</option> }
            })
            .collect_view()
    };
    let id = if scope.is_empty() {
        "field-site_id".to_owned()
    } else {
        format!("field-{scope}-site_id")
    };
    view! {
        <div class="field">
            <label class="field__label" for=id.clone()>{i18n.messages().form().site}</label>
            <select
                class="field__input"
                id=id
                name="site_id"
                on:change=move |event| value.set(event_target_value(&event))
            >
                {options}
            </select>
        </div>
    }
}
