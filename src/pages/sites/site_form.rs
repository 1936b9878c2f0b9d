//! A site's form: its place in the tree (parent, kind), its name and the public information
//! residents read (address, opening hours, phone, introduction). New at `/staff/sites/new`; the
//! same form edits a site on its page.

use crate::action::LocalAction;
use crate::router::use_query_map;
use leptos::prelude::*;
use station_wire::problem::codes;
use station_wire::sites::{
    SiteInput, SiteKind, SiteNode, SITE_INTRO_MAX_CHARS, SITE_LINE_MAX_CHARS, SITE_NAME_MAX_CHARS,
};

use crate::api::use_api;
use crate::components::site_select::use_site_rows;
use crate::components::{
    FieldErrors, Form, FormProblem, FormState, SelectField, SubmitButton, TextField,
};
use crate::i18n::{fill, use_i18n};
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::session::use_session;

use super::kind_name;

/// What the reader typed, kept as typed whatever the server says.
#[derive(Clone, Copy)]
struct SiteDraft {
    /// The parent's id, or empty for a center.
    parent: RwSignal<String>,
    kind: RwSignal<String>,
    name: RwSignal<String>,
    address: RwSignal<String>,
    opening_hours: RwSignal<String>,
    phone: RwSignal<String>,
    intro: RwSignal<String>,
}

const KINDS: [(SiteKind, &str); 3] = [
    (SiteKind::Center, "center"),
    (SiteKind::Institute, "institute"),
    (SiteKind::Station, "station"),
];

fn kind_key(kind: SiteKind) -> &'static str {
    KINDS
        .iter()
        .find(|(known, _)| *known == kind)
        .map_or("station", |(_, key)| key)
}

impl SiteDraft {
    fn new(existing: Option<&SiteNode>, parent: Option<i64>) -> Self {
        let text = |value: Option<&str>| RwSignal::new(value.unwrap_or_default().to_owned());
        let parent = existing.map_or(parent, |site| site.parent_id);
        // A new site under a parent is most often a 站; without a parent it can only be a 中心.
        let kind = existing.map_or(
            if parent.is_some() {
                SiteKind::Station
            } else {
                SiteKind::Center
            },
            |site| site.kind,
        );
        SiteDraft {
            parent: RwSignal::new(parent.map(|id| id.to_string()).unwrap_or_default()),
            kind: RwSignal::new(kind_key(kind).to_owned()),
            name: text(existing.map(|site| site.name.as_str())),
            address: text(existing.and_then(|site| site.address.as_deref())),
            opening_hours: text(existing.and_then(|site| site.opening_hours.as_deref())),
            phone: text(existing.and_then(|site| site.phone.as_deref())),
            intro: text(existing.map(|site| site.intro.as_str())),
        }
    }

    /// The request, or the fields the app can already tell are wrong.
    fn to_input(self) -> Result<SiteInput, FieldErrors> {
        let name = self.name.get_untracked().trim().to_owned();
        if name.is_empty() {
            return Err(vec![("name".into(), codes::REQUIRED.into())]);
        }
        let kind = self.kind.with_untracked(|key| {
            KINDS
                .iter()
                .find(|(_, known)| known == key)
                .map_or(SiteKind::Station, |(kind, _)| *kind)
        });
        let optional = |value: RwSignal<String>| {
            Some(value.get_untracked().trim().to_owned()).filter(|text| !text.is_empty())
        };
        Ok(SiteInput {
            parent_id: self.parent.get_untracked().parse().ok(),
            kind,
            name,
            address: optional(self.address),
            opening_hours: optional(self.opening_hours),
            phone: optional(self.phone),
            intro: self.intro.get_untracked().trim().to_owned(),
        })
    }
}

/// `/staff/sites/new?parent=…`: a new site; once made, its own page.
#[component]
pub fn NewSitePage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let query = use_query_map();
    let parent = query
        .read_untracked()
        .get("parent")
        .and_then(|id| id.parse::<i64>().ok());
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::SITES>{i18n.messages().sites().back}</a>
            <h1 class="page__title">{i18n.messages().sites().new_title}</h1>
            <SiteForm existing=None parent=parent />
        </div>
    }
}

/// The fields of a site and its save button: a new site (under `parent`), or the edit of
/// `existing`.
#[component]
pub fn SiteForm(
    existing: Option<SiteNode>,
    /// Where a new site goes (none: a center).
    #[prop(default = None)]
    parent: Option<i64>,
    /// Told of every successful save of an existing site.
    #[prop(optional, into)]
    on_saved: Option<Callback<SiteNode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let draft = SiteDraft::new(existing.as_ref(), parent);
    let id = existing.as_ref().map(|site| site.id);
    let state = FormState::default();
    let errors = state.errors;
    // The parents one may choose: the sites one manages (not the site itself), and for
    // administrators none (a center).
    let tree = use_site_rows();
    let parents = Signal::derive(move || {
        let mut options = Vec::new();
        if session.is_admin() {
            options.push((String::new(), i18n.t().sites().parent_none.to_owned()));
        }
        for (site, kind, name) in tree.get().unwrap_or_default() {
            if Some(site) != id && kind != SiteKind::Station && session.manages_site(site) {
                options.push((site.to_string(), name));
            }
        }
        options
    });
    let kinds = Signal::derive(move || {
        KINDS
            .iter()
            .map(|(kind, key)| {
                (
                    (*key).to_owned(),
                    kind_name(i18n.locale(), *kind).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    let submit = LocalAction::new(move |input: &SiteInput| {
        let (api, input) = (api.clone(), input.clone());
        async move {
            let answer = match id {
                Some(id) => api.update_site(id, &input).await,
                None => api.create_site(&input).await,
            };
            match answer {
                Ok(site) if id.is_none() => {
                    // A full load: the new site is among the ones this account manages only
                    // once the account is read again.
                    let here = paths::site(site.id);
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().assign(&here);
                    }
                }
                Ok(site) => {
                    state.succeed(fill(i18n.t().sites().saved, &[("name", &site.name)]));
                    if let Some(on_saved) = on_saved {
                        on_saved.run(site);
                    }
                }
                Err(error) => state.fail(error),
            }
        }
    });
    let send = move || state.send(draft.to_input(), submit);
    let sites = i18n.messages().sites();
    let label = if id.is_some() {
        sites.save
    } else {
        sites.create
    };
    view! {
        <Form on_submit=move |()| send()>
            <SelectField name="parent_id" label=sites.parent value=draft.parent errors=errors options=parents />
            <SelectField name="kind" label=sites.kind value=draft.kind errors=errors options=kinds />
            <TextField name="name" label=sites.name value=draft.name errors=errors max_chars=SITE_NAME_MAX_CHARS />
            <TextField name="address" label=sites.address value=draft.address errors=errors max_chars=SITE_LINE_MAX_CHARS />
            <TextField
                name="opening_hours"
                label=sites.opening_hours
                hint=sites.opening_hours_hint
                value=draft.opening_hours
                errors=errors
                max_chars=SITE_LINE_MAX_CHARS
            />
            <TextField
                name="phone"
                label=sites.phone
                hint=sites.phone_hint
                value=draft.phone
                errors=errors
                kind="tel"
                max_chars=SITE_LINE_MAX_CHARS
            />
            <TextField
                name="intro"
                label=sites.intro
                hint=sites.intro_hint
                value=draft.intro
                errors=errors
                multiline=true
                max_chars=SITE_INTRO_MAX_CHARS
            />
            <FormProblem error=state.problem on_retry=move |()| send() />
            <p class="form__done" role="status" data-testid="site-saved">{move || state.done.get()}</p>
            <SubmitButton pending=submit.pending() label=label />
        </Form>
    }
}
