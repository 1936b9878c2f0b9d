//! `/staff/sites/:id`: one site for its staff: the public information, who runs it, its teams,
//! a new site below it, and archiving.

use leptos::prelude::*;
use station_wire::problem::types;
use station_wire::sites::{SiteKind, SiteNode};

use crate::api::{use_api, ApiError};
use crate::components::flash::{set_flash, take_flash};
use crate::components::{DangerSection, ErrorState, ListSkeleton};
use crate::hooks::use_of_path_id;
use crate::i18n::{fill, use_i18n, Locale};
use crate::pages::accounts::require_sign_in;
use crate::paths;

use super::site_form::SiteForm;
use super::staff::StaffSection;
use super::teams::TeamsSection;

#[component]
pub fn SitePage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let site = use_of_path_id(|api, id| async move { api.site(id).await });
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::SITES>{i18n.messages().sites().back}</a>
            <Suspense fallback=ListSkeleton>
                {move || Suspend::new(async move {
                    match site.await {
                        Ok(found) => view! { <SiteSections site=found /> }.into_any(),
                        Err(error) => view! {
                            <h1 class="page__title">{i18n.messages().sites().edit_title}</h1>
                            <ErrorState error=error on_retry=move |()| site.refetch() />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn SiteSections(site: SiteNode) -> impl IntoView {
    let i18n = use_i18n();
    let id = site.id;
    // The name as last saved: the heading and the archive step name it.
    let name = RwSignal::new(site.name.clone());
    let new_child = (site.kind != SiteKind::Station).then(|| {
        view! {
            <a class="button button--quiet" href=paths::new_site(Some(id)) data-testid="new-child">
                {i18n.t().sites().new_child}
            </a>
        }
    });
    let flash = take_flash();
    view! {
        <h1 class="page__title">{move || name.get()}</h1>
        {flash.map(|text| view! { <p class="form__done" role="status" data-testid="flash">{text}</p> })}
        <section class="panel" aria-labelledby="site-info">
            <h2 class="panel__title" id="site-info">{i18n.messages().sites().edit_title}</h2>
            <SiteForm existing=Some(site) on_saved=move |saved: SiteNode| name.set(saved.name) />
        </section>
        {new_child}
        <StaffSection site_id=id />
        <TeamsSection site_id=id />
        <ArchiveSection site_id=id name=name />
    }
}

/// What this area says for the refusals only its pages meet.
pub fn sites_problem(locale: Locale, kind: &str) -> Option<&'static str> {
    let messages = &locale.messages().sites();
    Some(match kind {
        types::SITE_HAS_CHILDREN => messages.has_children,
        types::SITE_IN_USE => messages.in_use,
        _ => return None,
    })
}

/// 归档: the site leaves the public lists; the server refuses while anything still needs it.
#[component]
fn ArchiveSection(site_id: i64, name: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let problem = RwSignal::new(None::<ApiError>);
    let archive = Action::new_local(move |(): &()| {
        let api = api.clone();
        async move {
            match api.archive_site(site_id).await {
                Ok(()) => {
                    let text = fill(
                        i18n.t().sites().archived,
                        &[("name", &name.get_untracked())],
                    );
                    set_flash(&text);
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().assign(paths::SITES);
                    }
                }
                Err(error) => problem.set(Some(error)),
            }
        }
    });
    let question = move || fill(i18n.t().sites().archive_question, &[("name", &name.get())]);
    let messages = i18n.messages().sites();
    view! {
        <DangerSection
            key="archive"
            title=messages.archive_title
            lead=messages.archive_lead
            trigger=messages.archive
            question=Signal::derive(question)
            confirm=messages.archive_confirm
            keep=messages.keep
            problem=problem
            own=sites_problem
            pending=archive.pending()
            on_confirm=move |()| {
                archive.dispatch(());
            }
        />
    }
}
