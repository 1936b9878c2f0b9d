//! `/api/v1/activities` and `/api/v1/activities/{id}`.

use std::collections::HashSet;

use station_wire::activities::{Activity, ActivityStatus};
use station_wire::page::Page;

use super::support::{ensure, ids, walk, Station};
use super::Check;
use crate::{CheckResult, Client};

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        ("ordered_by_start_then_id", Box::new(ordered)),
        ("items_start_within_the_asked_days", Box::new(in_range)),
        ("default_range_starts_today", Box::new(default_range)),
        ("items_are_well_formed", Box::new(well_formed)),
        (
            "category_filter_keeps_only_that_category",
            Box::new(category_filter),
        ),
        ("site_filter_keeps_the_site_subtree", Box::new(site_filter)),
        ("team_filter_keeps_only_that_team", Box::new(team_filter)),
        (
            "text_search_finds_words_in_title_place_description_or_site",
            Box::new(text_search),
        ),
        (
            "text_search_takes_wildcards_literally",
            Box::new(text_search_literal),
        ),
        (
            "open_filter_keeps_what_one_can_sign_up_for",
            Box::new(open_filter),
        ),
        ("small_pages_walk_to_the_same_list", Box::new(pagination)),
        ("get_by_id_equals_the_list_entry", Box::new(by_id)),
        ("a_repeated_read_is_answered_304", Box::new(revalidated)),
    ]
}

fn ordered(client: &Client) -> CheckResult {
    let items = Station::fetch(client)?.window_activities(client)?;
    for pair in items.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        ensure((a.starts_at, a.id) < (b.starts_at, b.id), || {
            format!(
                "activity {} ({}) is listed before {} ({})",
                a.id, a.starts_at, b.id, b.starts_at
            )
        })?;
    }
    Ok(())
}

fn in_range(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let items = station.window_activities(client)?;
    // A single day too: the `to` day is included whole.
    let day = items[0]
        .starts_at
        .with_timezone(&station.offset())
        .date_naive();
    let one_day = walk(client, &format!("from={day}&to={day}"))?;
    ensure(one_day.iter().any(|a| a.id == items[0].id), || {
        format!(
            "activity {} starts on {day} but `from={day}&to={day}` leaves it out",
            items[0].id
        )
    })?;
    let (from, to) = station.window();
    for (activity, from, to) in items
        .iter()
        .map(|a| (a, from, to))
        .chain(one_day.iter().map(|a| (a, day, day)))
    {
        let local_day = activity
            .starts_at
            .with_timezone(&station.offset())
            .date_naive();
        ensure(from <= local_day && local_day <= to, || {
            format!(
                "activity {} starts on {local_day}, outside {from}..={to}",
                activity.id
            )
        })?;
    }
    Ok(())
}

fn default_range(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let page: Page<Activity> = client.json("/api/v1/activities")?;
    ensure(!page.items.is_empty(), || {
        "the default list (today on) is empty".into()
    })?;
    for activity in &page.items {
        let local_day = activity
            .starts_at
            .with_timezone(&station.offset())
            .date_naive();
        ensure(local_day >= station.today(), || {
            format!(
                "the default list shows activity {} of {local_day}, before today {}",
                activity.id,
                station.today()
            )
        })?;
    }
    Ok(())
}

fn well_formed(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let slugs: HashSet<&str> = station.categories.iter().map(|c| c.slug.as_str()).collect();
    let sites = station.sites();
    for a in station.window_activities(client)? {
        ensure(a.places_left <= a.capacity, || {
            format!(
                "activity {}: places_left {} > capacity {}",
                a.id, a.places_left, a.capacity
            )
        })?;
        ensure(a.ends_at > a.starts_at, || {
            format!(
                "activity {}: ends_at {} is not after starts_at {}",
                a.id, a.ends_at, a.starts_at
            )
        })?;
        ensure(slugs.contains(a.category.as_str()), || {
            format!("activity {}: unknown category `{}`", a.id, a.category)
        })?;
        ensure(!a.title.trim().is_empty(), || {
            format!("activity {} has no title", a.id)
        })?;
        let site = sites.iter().find(|site| site.id == a.site.id);
        ensure(site.is_some_and(|site| site.name == a.site.name), || {
            format!(
                "activity {}: site {} `{}` is not in the site tree by that name",
                a.id, a.site.id, a.site.name
            )
        })?;
    }
    Ok(())
}

fn category_filter(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let all = station.window_activities(client)?;
    let slug = all[0].category.clone();
    let (from, to) = station.window();
    let filtered = walk(
        client,
        &format!("from={from}&to={to}&category={slug}&limit=200"),
    )?;
    ensure(filtered.iter().all(|a| a.category == slug), || {
        format!("`category={slug}` lists other categories")
    })?;
    let expected: Vec<i64> = all
        .iter()
        .filter(|a| a.category == slug)
        .map(|a| a.id)
        .collect();
    ensure(ids(&filtered) == expected, || {
        format!(
            "`category={slug}` lists {:?}, but the unfiltered list has {expected:?} in it",
            ids(&filtered)
        )
    })
}

fn site_filter(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let all = station.window_activities(client)?;
    let parents = station.parents();
    // The parent of an activity's site, when it has one, so the subtree holds more than one site.
    let site = parents
        .get(&all[0].site.id)
        .copied()
        .flatten()
        .unwrap_or(all[0].site.id);
    let subtree = station.subtree(site);
    let (from, to) = station.window();
    let filtered = walk(
        client,
        &format!("from={from}&to={to}&site={site}&limit=200"),
    )?;
    for activity in &filtered {
        ensure(subtree.contains(&activity.site.id), || {
            format!(
                "`site={site}` lists activity {} of site {}, outside its subtree",
                activity.id, activity.site.id
            )
        })?;
    }
    let expected: Vec<i64> = all
        .iter()
        .filter(|a| subtree.contains(&a.site.id))
        .map(|a| a.id)
        .collect();
    ensure(ids(&filtered) == expected, || {
        format!(
            "`site={site}` lists {:?}, but the unfiltered list has {expected:?} in its subtree",
            ids(&filtered)
        )
    })
}

fn team_filter(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let all = station.window_activities(client)?;
    let Some(team) = all.iter().find_map(|a| a.team.as_ref().map(|t| t.id)) else {
        return Err("no activity of a team in the next 30 days: the check needs one".to_owned());
    };
    let (from, to) = station.window();
    let filtered = walk(
        client,
        &format!("from={from}&to={to}&team={team}&limit=200"),
    )?;
    let expected: Vec<i64> = all
        .iter()
        .filter(|a| a.team.as_ref().is_some_and(|t| t.id == team))
        .map(|a| a.id)
        .collect();
    ensure(ids(&filtered) == expected, || {
        format!(
            "`team={team}` lists {:?}, but the unfiltered list has {expected:?} of that team",
            ids(&filtered)
        )
    })
}

/// Whether `activity` holds `text` (any case) where a search looks.
fn mentions(activity: &Activity, text: &str) -> bool {
    let text = text.to_lowercase();
    [
        &activity.title,
        &activity.place,
        &activity.description,
        &activity.site.name,
    ]
    .iter()
    .any(|field| field.to_lowercase().contains(&text))
}

fn text_search(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let all = station.window_activities(client)?;
    // Two characters from the middle of a title: a word, not the whole title.
    let title: Vec<char> = all[0].title.chars().collect();
    let start = title.len().saturating_sub(2) / 2;
    let text: String = title[start..(start + 2).min(title.len())].iter().collect();
    let (from, to) = station.window();
    let found = walk(
        client,
        &format!(
            "from={from}&to={to}&q={}&limit=200",
            super::support::encode(&text)
        ),
    )?;
    let expected: Vec<i64> = all
        .iter()
        .filter(|a| mentions(a, &text))
        .map(|a| a.id)
        .collect();
    ensure(ids(&found) == expected, || {
        format!(
            "`q={text}` finds {:?}, but the unfiltered list has {expected:?} mentioning it",
            ids(&found)
        )
    })?;
    // Any case: the title's own letters upper-cased find it too, when it has Latin letters.
    let upper = all[0].title.to_uppercase();
    if upper != all[0].title {
        let found = walk(
            client,
            &format!(
                "from={from}&to={to}&q={}&limit=200",
                super::support::encode(&upper)
            ),
        )?;
        ensure(found.iter().any(|a| a.id == all[0].id), || {
            format!(
                "`q={upper}` does not find activity {} ({})",
                all[0].id, all[0].title
            )
        })?;
    }
    Ok(())
}

fn text_search_literal(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let all = station.window_activities(client)?;
    let (from, to) = station.window();
    for text in ["%", "_", "\\"] {
        let found = walk(
            client,
            &format!(
                "from={from}&to={to}&q={}&limit=200",
                super::support::encode(text)
            ),
        )?;
        let expected: Vec<i64> = all
            .iter()
            .filter(|a| mentions(a, text))
            .map(|a| a.id)
            .collect();
        ensure(ids(&found) == expected, || {
            format!(
                "`q={text}` finds {:?}; only {expected:?} hold a `{text}` (a search is not a pattern)",
                ids(&found)
            )
        })?;
    }
    Ok(())
}

fn open_filter(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let (from, to) = station.window();
    let open_ids = |items: &[Activity]| -> HashSet<i64> {
        items
            .iter()
            .filter(|a| a.status == ActivityStatus::Open)
            .map(|a| a.id)
            .collect()
    };
    // Read before and after: an activity may close in between (its start, its deadline).
    let before = open_ids(&station.window_activities(client)?);
    let filtered = walk(client, &format!("from={from}&to={to}&open=true&limit=200"))?;
    let after = open_ids(&station.window_activities(client)?);
    for activity in &filtered {
        ensure(
            before.contains(&activity.id) || after.contains(&activity.id),
            || {
                format!(
                    "`open=true` lists activity {} ({:?}, {} places left), which is not open",
                    activity.id, activity.status, activity.places_left
                )
            },
        )?;
    }
    let listed: HashSet<i64> = ids(&filtered).into_iter().collect();
    for id in before.intersection(&after) {
        ensure(listed.contains(id), || {
            format!("`open=true` leaves out activity {id}, which is open")
        })?;
    }
    ensure(!filtered.is_empty() || before.is_empty(), || {
        "`open=true` lists nothing though activities are open".to_owned()
    })
}

fn pagination(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let (from, to) = station.window();
    let big = station.window_activities(client)?;
    let small = walk(client, &format!("from={from}&to={to}&limit=2"))?;
    let unique: HashSet<i64> = ids(&small).into_iter().collect();
    ensure(unique.len() == small.len(), || {
        "walking pages of 2 gives an activity twice".into()
    })?;
    ensure(ids(&small) == ids(&big), || {
        format!(
            "walking pages of 2 gives {:?}, one big page gives {:?}",
            ids(&small),
            ids(&big)
        )
    })?;
    let first: Page<Activity> =
        client.json(&format!("/api/v1/activities?from={from}&to={to}&limit=2"))?;
    ensure(first.items.len() == big.len().min(2), || {
        format!("`limit=2` gave {} items", first.items.len())
    })?;
    ensure(first.next_cursor.is_some() == (big.len() > 2), || {
        "next_cursor is present exactly when more follow".into()
    })
}

fn by_id(client: &Client) -> CheckResult {
    let items = Station::fetch(client)?.window_activities(client)?;
    for listed in items.iter().take(5) {
        let single: Activity = client.json(&format!("/api/v1/activities/{}", listed.id))?;
        ensure(&single == listed, || {
            format!("activity {} by id differs from its list entry", listed.id)
        })?;
    }
    Ok(())
}

/// A read names its answer with an `ETag`; asking again with it in `If-None-Match` is answered
/// 304 without a body while nothing changed (a display screen polls all day on it). Other checks
/// write meanwhile, so an answer may change between the two requests: then it must come whole
/// with another tag, and the pair is tried again.
fn revalidated(client: &Client) -> CheckResult {
    for path in ["/api/v1/activities", "/api/v1/categories"] {
        let mut answered_304 = false;
        for _ in 0..5 {
            let first = client.get(path)?;
            first.status(&format!("GET {path}"), 200)?;
            let etag = first
                .etag
                .ok_or_else(|| format!("GET {path}: no ETag on a 200 answer"))?;
            let again = client.get_if_none_match(path, &etag)?;
            if again.status == 200 {
                ensure(again.etag.as_deref() != Some(etag.as_str()), || {
                    format!("GET {path}: 200 to If-None-Match: {etag}, with that same ETag")
                })?;
                continue;
            }
            again.status(&format!("GET {path} with If-None-Match: {etag}"), 304)?;
            ensure(again.body.is_empty(), || {
                format!("GET {path}: a 304 with a body: {}", again.body)
            })?;
            ensure(again.etag.as_deref() == Some(etag.as_str()), || {
                format!("GET {path}: the 304 carries {:?}, not {etag}", again.etag)
            })?;
            answered_304 = true;
            break;
        }
        ensure(answered_304, || {
            format!("GET {path}: never answered 304 to its own ETag in five tries")
        })?;
        let other = client.get_if_none_match(path, "W/\"not-this-answer\"")?;
        other.status(&format!("GET {path} with a stale If-None-Match"), 200)?;
    }
    Ok(())
}
