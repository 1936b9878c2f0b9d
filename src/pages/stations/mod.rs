//! The residents' station pages: `/sites`, every 实践中心, 实践所 and 实践站 with its address;
//! `/sites/:id`, one site's public information (address, opening hours, its phone, the
//! introduction staff keep on 站点与人员), its coming activities, its teams and the sites below
//! it. Archived sites are not shown.

use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityQuery};
use station_wire::sites::SiteNode;
use station_wire::teams::Team;

use crate::api::{use_api, ApiError};
use crate::components::{AsyncList, EmptyState, ErrorState, ListSkeleton};
use crate::hooks::use_of_path_id;
use crate::i18n::{day_heading, fill, time_range, use_i18n};
use crate::load::Load;
use crate::pages::sites::kind_name;
use crate::paths;

/// How many coming activities a station page lists before pointing to the calendar.
const COMING: u32 = 5;

/// `/sites`: every site of the network, as a tree, each one tap from its page.
#[component]
pub fn StationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let sites = Load::keeping(move || {
        let api = api.clone();
        async move { api.sites().await.map(|list| list.items) }
    });
    let texts = i18n.messages().stations();
    view! {
        <div class="page">
            <h1 class="page__title">{texts.title}</h1>
            <p class="page__lead">{texts.lead}</p>
            <AsyncList
                items=sites
                empty=move || view! { <EmptyState title=texts.empty_title body=texts.empty_body /> }
                list=|roots| view! { <div data-testid="stations">{station_tree(roots)}</div> }
            />
        </div>
    }
}

/// One level of the tree: each site's name (a link to its page), kind and address, and the
/// level below.
fn station_tree(nodes: Vec<SiteNode>) -> AnyView {
    let i18n = use_i18n();
    view! {
        <ul class="stations">
            {nodes.into_iter().map(|node| {
                let children = (!node.children.is_empty()).then(|| station_tree(node.children));
                view! {
                    <li class="stations__item" data-testid="station">
                        <a class="stations__name" href=paths::station(node.id)>{node.name}</a>
                        <span class="stations__kind">{kind_name(i18n.locale(), node.kind)}</span>
                        {node.address.map(|address| view! { <span class="stations__address">{address}</span> })}
                        {children}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A site found in the tree, with the sites above it (the root first).
#[derive(Clone)]
struct Located {
    above: Vec<(i64, String)>,
    site: SiteNode,
}

/// The path from a root to the site `id`, if the tree holds it.
fn locate(nodes: Vec<SiteNode>, id: i64, above: &mut Vec<(i64, String)>) -> Option<SiteNode> {
    for node in nodes {
        if node.id == id {
            return Some(node);
        }
        above.push((node.id, node.name));
        if let Some(found) = locate(node.children, id, above) {
            return Some(found);
        }
        above.pop();
    }
    None
}

/// `/sites/:id`: what a resident needs to find and reach a site, and what happens there.
#[component]
pub fn StationPage() -> impl IntoView {
    let i18n = use_i18n();
    // The tree in one request gives the site, the sites above it and those below; a site it
    // does not hold (unknown, archived) is as missing as the backend would say.
    let located = use_of_path_id(|api, id| async move {
        let mut above = Vec::new();
        match locate(api.sites().await?.items, id, &mut above) {
            Some(site) => Ok(Located { above, site }),
            None => Err(ApiError::Http { status: 404 }),
        }
    });
    let texts = i18n.messages().stations();
    view! {
        <div class="page station">
            <a class="back-link" href=paths::STATIONS>{texts.back}</a>
            {located.view(ListSkeleton, move |answer| match answer {
                        Ok(found) => view! { <StationSections located=found /> }.into_any(),
                        Err(error) => {
                            let message = (error.status() == Some(404))
                                .then(|| texts.not_found.to_string());
                            view! {
                                <h1 class="page__title">{texts.page_title}</h1>
                                <ErrorState error=error message=message on_retry=move |()| located.refetch() />
                            }.into_any()
                        }
                    })}
        </div>
    }
}

/// A phone number as a `tel:` link: its digits and a leading `+`, nothing else.
fn tel_href(phone: &str) -> String {
    let dial: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{dial}")
}

#[component]
fn StationSections(located: Located) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.t().stations();
    let Located { above, site } = located;
    let id = site.id;
    let activities = Load::keeping({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move {
                let query = ActivityQuery {
                    site: Some(id),
                    limit: Some(COMING),
                    ..Default::default()
                };
                api.activities(&query).await.map(|page| page.items)
            }
        }
    });
    let teams = Load::keeping(move || {
        let api = api.clone();
        async move { api.teams(Some(id)).await.map(|list| list.items) }
    });
    let unknown = || texts.not_given.to_string();
    let trail = (!above.is_empty()).then(|| {
        let links = above
            .into_iter()
            .enumerate()
            .map(|(index, (id, name))| {
                view! { {(index > 0).then_some(" › ")}<a href=paths::station(id)>{name}</a> }
            })
            .collect_view();
        view! { <p class="station__trail" data-testid="station-trail">{texts.part_of}{links}</p> }
    });
    let phone = match site.phone {
        Some(phone) => {
            let href = tel_href(&phone);
            view! { <a class="station__phone" href=href data-testid="station-phone">{phone}</a> }
                .into_any()
        }
        None => unknown().into_any(),
    };
    let intro = site
        .intro
        .split('\n')
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| view! { <p>{line.to_string()}</p> })
        .collect_view();
    let children = (!site.children.is_empty()).then(|| {
        view! {
            <section class="panel" aria-labelledby="station-below">
                <h2 class="panel__title" id="station-below">{texts.below}</h2>
                {station_tree(site.children)}
            </section>
        }
    });
    view! {
        <article data-testid="station-page">
            {trail}
            <h1 class="page__title">{site.name}</h1>
            <p class="station__kind">{kind_name(i18n.locale(), site.kind)}</p>
            <dl class="detail__facts">
                <dt>{texts.address}</dt>
                <dd data-testid="station-address">{site.address.unwrap_or_else(unknown)}</dd>
                <dt>{texts.opening_hours}</dt>
                <dd data-testid="station-hours">{site.opening_hours.unwrap_or_else(unknown)}</dd>
                <dt>{texts.phone}</dt>
                <dd>{phone}</dd>
            </dl>
            <div class="station__intro" data-testid="station-intro">{intro}</div>
            <a class="button button--quiet" href=paths::honors_of(id) data-testid="station-honors">{texts.honors}</a>
            <section class="panel" aria-labelledby="station-coming">
                <h2 class="panel__title" id="station-coming">{texts.coming}</h2>
                <AsyncList
                    items=activities
                    empty=move || view! { <p class="panel__empty">{texts.no_activities}</p> }
                    list=coming_list
                />
                <a class="button button--quiet" href="/">{texts.calendar}</a>
            </section>
            <section class="panel" aria-labelledby="station-teams">
                <h2 class="panel__title" id="station-teams">{texts.teams}</h2>
                <AsyncList
                    items=teams
                    empty=move || view! { <p class="panel__empty">{texts.no_teams}</p> }
                    list=team_list
                />
            </section>
            {children}
        </article>
    }
}

/// The site's next activities, each a link to its page.
fn coming_list(items: Vec<Activity>) -> impl IntoView {
    let locale = use_i18n().locale_untracked();
    view! {
        <ul class="me-list" data-testid="station-activities">
            {items.into_iter().map(|activity| {
                let when = format!(
                    "{} {}",
                    day_heading(locale, activity.starts_at.date_naive()),
                    time_range(locale, &activity.starts_at, &activity.ends_at)
                );
                view! {
                    <li class="me-item" data-testid="station-activity">
                        <a class="me-item__title" href=paths::activity(activity.id)>{activity.title}</a>
                        <p class="me-item__when">{when}" · "{activity.place}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The site's teams (and those of the sites below it), and where to join them.
fn team_list(items: Vec<Team>) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.t().stations();
    view! {
        <ul class="me-list" data-testid="station-teams">
            {items.into_iter().map(|team| view! {
                <li class="me-item" data-testid="station-team">
                    <p class="me-item__title">{team.name}</p>
                    <p class="me-item__when">
                        {team.field}" · "{fill(texts.members, &[("count", &team.member_count)])}
                    </p>
                </li>
            }).collect_view()}
        </ul>
        <a class="button button--quiet" href=paths::TEAMS>{texts.join}</a>
    }
}
