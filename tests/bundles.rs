//! The areas (one wasm bundle each), declared once in `areas.json`: every route belongs to the
//! area whose binary serves it, and the paths the app builds lead to the right area.

use station_app::app::routes_of;
use station_app::bundle::Bundle;
use station_app::paths;
use station_app::router::path_matches;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_route_of_the_table_belongs_to_its_own_area() {
    let mut routes = 0;
    for &area in Bundle::ALL {
        assert!(!area.routes().is_empty(), "{area:?} lists no route");
        for route in area.routes() {
            assert_eq!(Bundle::of_path(route), area, "{route}");
            assert_eq!(
                Bundle::of_path(&format!("{route}?x=1#y")),
                area,
                "{route}?x=1#y"
            );
            routes += 1;
        }
    }
    assert!(routes >= 15, "only {routes} routes in areas.json");
    assert_eq!(Bundle::ALL[0], Bundle::ROOT);
}

/// The sweep walks `areas.json`'s routes: each must be shown by a route of its area's router (the
/// first that matches, as the router takes it), and each route must show one of them, so that
/// a new page is swept without anyone remembering.
#[wasm_bindgen_test]
fn the_table_names_every_route_of_every_router_and_no_other() {
    for &area in Bundle::ALL {
        let patterns: Vec<&str> = routes_of(area)
            .iter()
            .map(|route| route.pattern())
            .collect();
        let shown: Vec<&str> = area
            .routes()
            .iter()
            .map(|example| {
                *patterns
                    .iter()
                    .find(|pattern| path_matches(pattern, example))
                    .unwrap_or_else(|| panic!("{area:?}: no route shows {example}"))
            })
            .collect();
        for pattern in &patterns {
            assert!(
                shown.contains(pattern),
                "{area:?}: the route {pattern} has no example path in areas.json"
            );
        }
    }
}

#[wasm_bindgen_test]
fn a_prefix_names_whole_segments_and_the_longest_wins() {
    use Bundle::*;
    for (path, area) in [
        ("/me/", Me),
        ("/me/logins", Me),
        ("/me/login/extra", Account),
        ("/meet", Calendar),
        ("/staff", Calendar),
        ("/staff/activitiesx", Calendar),
        ("", Calendar),
    ] {
        assert_eq!(Bundle::of_path(path), area, "{path:?}");
    }
    // Each prefix leads to its area, with or without more segments.
    for (prefix, area) in Bundle::PREFIXES {
        assert_eq!(Bundle::of_path(&format!("/{prefix}")), *area, "/{prefix}");
        assert_eq!(
            Bundle::of_path(&format!("/{prefix}/7")),
            *area,
            "/{prefix}/7"
        );
    }
}

#[wasm_bindgen_test]
fn the_paths_the_app_builds_lead_where_they_should() {
    use Bundle::*;
    assert_eq!(Bundle::of_path(&paths::login("/activities/7")), Account);
    assert_eq!(Bundle::of_path(&paths::register("/me")), Account);
    assert_eq!(Bundle::of_path(paths::PASSWORD), Account);
    assert_eq!(Bundle::of_path(paths::ME), Me);
    // The team directory is served with the station pages (in 我的's bundle it broke the budget).
    assert_eq!(Bundle::of_path(paths::TEAMS), Stations);
    assert_eq!(Bundle::of_path(paths::NEW_ACCOUNT), StaffPeople);
    assert_eq!(Bundle::of_path(paths::RESET_PASSWORD), StaffPeople);
    assert_eq!(Bundle::of_path(&paths::roster(7)), StaffActivities);
    assert_eq!(Bundle::of_path(&paths::checkin_code(7)), StaffActivities);
    assert_eq!(Bundle::of_path(&paths::team_members(3)), Teams);
    assert_eq!(Bundle::of_path(&paths::new_team(2)), Teams);
    assert_eq!(Bundle::of_path(&paths::activity(7)), Calendar);
    assert_eq!(Bundle::of_path(paths::CONSOLE), Console);
    assert_eq!(Bundle::of_path(paths::NEW_ACTIVITY), Publish);
    assert_eq!(Bundle::of_path(&paths::edit_activity(7)), Publish);
    assert_eq!(Bundle::of_path(paths::SITES), Sites);
    assert_eq!(Bundle::of_path(&paths::site(2)), Sites);
    assert_eq!(Bundle::of_path(&paths::new_site(Some(2))), Sites);
    assert_eq!(Bundle::of_path(&paths::new_site(None)), Sites);
}
