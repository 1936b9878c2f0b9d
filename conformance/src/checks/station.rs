//! `/api/v1/station`, `/api/v1/sites`, `/api/v1/categories`.

use std::collections::HashSet;

use station_wire::sites::SiteNode;

use super::support::{ensure, Station};
use super::Check;
use crate::{CheckResult, Client};

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        ("info_has_zone_clock_root_and_version", Box::new(info)),
        ("sites_form_a_consistent_tree", Box::new(tree)),
        (
            "categories_have_unique_slugs_and_hex_colours",
            Box::new(categories),
        ),
    ]
}

fn info(client: &Client) -> CheckResult {
    let raw: serde_json::Value = client.json("/api/v1/station")?;
    let now = raw["now"].as_str().unwrap_or_default();
    ensure(chrono::DateTime::parse_from_rfc3339(now).is_ok(), || {
        format!("`now` is not an RFC 3339 time with an offset: `{now}`")
    })?;
    let station = Station::fetch(client)?;
    let info = &station.info;
    ensure(!info.name.trim().is_empty(), || "`name` is empty".into())?;
    ensure(!info.time_zone.trim().is_empty(), || {
        "`time_zone` is empty".into()
    })?;
    let major = info.api_version.split('.').next().unwrap_or_default();
    ensure(major == "1", || {
        format!("api_version `{}` is not 1.x", info.api_version)
    })?;
    ensure(station.parents().contains_key(&info.root_site_id), || {
        format!("root_site_id {} is not in the site tree", info.root_site_id)
    })
}

fn tree(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    ensure(!station.roots.is_empty(), || {
        "the site tree is empty".into()
    })?;
    for root in &station.roots {
        ensure(root.parent_id.is_none(), || {
            format!("root site {} has parent_id {:?}", root.id, root.parent_id)
        })?;
    }
    fn children_point_back(node: &SiteNode) -> CheckResult {
        for child in &node.children {
            ensure(child.parent_id == Some(node.id), || {
                format!(
                    "site {} is listed under {} but its parent_id is {:?}",
                    child.id, node.id, child.parent_id
                )
            })?;
            children_point_back(child)?;
        }
        Ok(())
    }
    for root in &station.roots {
        children_point_back(root)?;
    }
    let sites = station.sites();
    let unique: HashSet<i64> = sites.iter().map(|site| site.id).collect();
    ensure(unique.len() == sites.len(), || {
        "a site id appears twice in the tree".into()
    })?;
    ensure(
        sites.iter().all(|site| !site.name.trim().is_empty()),
        || "a site has an empty name".into(),
    )
}

fn categories(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    ensure(!station.categories.is_empty(), || {
        "there is no category".into()
    })?;
    let mut slugs = HashSet::new();
    for category in &station.categories {
        ensure(slugs.insert(category.slug.as_str()), || {
            format!("category slug `{}` appears twice", category.slug)
        })?;
        ensure(
            !category.slug.is_empty() && !category.name.trim().is_empty(),
            || format!("category `{}` has an empty slug or name", category.slug),
        )?;
        let colour = category.colour.as_bytes();
        ensure(
            colour.len() == 7 && colour[0] == b'#' && colour[1..].iter().all(u8::is_ascii_hexdigit),
            || {
                format!(
                    "category `{}` colour `{}` is not #rrggbb",
                    category.slug, category.colour
                )
            },
        )?;
    }
    Ok(())
}
