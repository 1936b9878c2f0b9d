//! `/staff/sites/:id`: one site for its staff: the public information, who runs it, its teams,
//! a new site below it, and archiving.

use leptos::prelude::*;
use station_wire::problem::types;
use station_wire::sites::{SiteKind, SiteNode};

use crate::api::use_api;
use crate::components::flash::take_flash;
use crate::components::{ArchiveSection, ErrorState, ListSkeleton};
use crate::hooks::use_of_path_id;
use crate::i18n::{use_i18n, Locale};
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
            {site.view(ListSkeleton, move |answer| match answer {
                        Ok(found) => view! { <SiteSections site=found /> }.into_any(),
                        Err(error) => view! {
                            <h1 class="page__title">{i18n.messages().sites().edit_title}</h1>
                            <ErrorState error=error on_retry=move |()| site.refetch() />
                        }.into_any(),
                    })}
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
        <div class="actions">
            <a class="button button--quiet" href=paths::station(id) data-testid="public-page">
                {i18n.t().sites().public_page}
            </a>
            {new_child}
        </div>
        <StaffSection site_id=id />
        <TeamsSection site_id=id />
        <ArchiveSiteSection site_id=id name=name />
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
fn ArchiveSiteSection(site_id: i64, name: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = crate::archive_texts!(i18n.messages().sites());
    let archive = move || {
        let api = api.clone();
        async move { api.archive_site(site_id).await }
    };
    view! {
        <ArchiveSection
            texts=texts
            name=name
            archive=archive
            then=paths::SITES.to_owned()
            own=Some(sites_problem)
        />
    }
}
