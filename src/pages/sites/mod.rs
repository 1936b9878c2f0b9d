//! 站点与人员: the site tree (中心 → 所 → 站) for staff and administrators, and one site's page:
//! its public information, its staff, its teams, archiving.

mod screens;
mod site_form;
mod site_page;
mod staff;
mod teams;

use leptos::prelude::*;
use station_wire::sites::{SiteKind, SiteNode};

use crate::api::use_api;
use crate::components::flash::take_flash;
use crate::components::{EmptyState, ErrorState, ListSkeleton};
use crate::i18n::{use_i18n, Locale};
use crate::load::Load;
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::session::use_session;

pub use screens::ScreensPage;
pub use site_form::NewSitePage;
pub use site_page::SitePage;

/// The name of a site's kind: 实践中心, 实践所, 实践站.
pub fn kind_name(locale: Locale, kind: SiteKind) -> &'static str {
    let messages = &locale.messages().sites();
    match kind {
        SiteKind::Center => messages.kind_center,
        SiteKind::Institute => messages.kind_institute,
        SiteKind::Station => messages.kind_station,
    }
}

/// `/staff/sites`: the tree, each site one tap from its page.
#[component]
pub fn SitesPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let sites = Load::keeping(move || {
        let api = api.clone();
        async move { api.sites().await.map(|list| list.items) }
    });
    let flash = take_flash();
    let new_center = move || {
        session.is_admin().then(|| {
            view! {
                <a class="button" href=paths::new_site(None) data-testid="new-center">
                    {i18n.t().sites().new_center}
                </a>
            }
        })
    };
    view! {
        <div class="page console">
            <a class="back-link" href=paths::CONSOLE>{i18n.messages().sites().to_console}</a>
            <h1 class="page__title">{i18n.messages().sites().title}</h1>
            <p class="page__lead">{i18n.messages().sites().lead}</p>
            {flash.map(|text| view! { <p class="form__done" role="status" data-testid="flash">{text}</p> })}
            {new_center}
            {sites.view(ListSkeleton, move |answer| match answer {
                        Ok(roots) if roots.is_empty() => view! {
                            <EmptyState
                                title=i18n.t().sites().empty_title
                                body=i18n.t().sites().empty_body
                            />
                        }.into_any(),
                        Ok(roots) => tree(roots),
                        Err(error) => view! {
                            <ErrorState error=error on_retry=move |()| sites.refetch() />
                        }.into_any(),
                    })}
        </div>
    }
}

/// One level of the tree: each site with its kind, a link for the sites one manages, and the
/// level below.
fn tree(nodes: Vec<SiteNode>) -> AnyView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <ul class="site-tree" data-testid="site-tree">
            {nodes.into_iter().map(|node| {
                let name = if session.manages_site(node.id) {
                    view! { <a class="site-tree__name" href=paths::site(node.id)>{node.name}</a> }.into_any()
                } else {
                    view! { <span class="site-tree__name">{node.name}</span> }.into_any()
                };
                let children = (!node.children.is_empty()).then(|| tree(node.children));
                view! {
                    <li class="site-tree__item" data-testid="site-node">
                        {name}
                        " "
                        <span class="site-tree__kind">{kind_name(i18n.locale(), node.kind)}</span>
                        {children}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
