//! The areas (one wasm bundle each): every route belongs to the area whose binary serves it, and
//! the build writes each area's entry where the server looks for a path of that area.

use station_app::bundle::Bundle;
use station_app::paths;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The build script, whose `AREAS` list says which binary serves which path prefixes.
const BUILD: &str = include_str!("../scripts/build-app.sh");

fn area_of_binary(binary: &str) -> Bundle {
    match binary {
        "station-me" => Bundle::Me,
        "station-account" => Bundle::Account,
        "station-staff-activities" => Bundle::StaffActivities,
        "station-staff-people" => Bundle::StaffPeople,
        other => panic!("scripts/build-app.sh builds {other}, which no area names"),
    }
}

#[wasm_bindgen_test]
fn every_route_belongs_to_the_area_that_serves_it() {
    use Bundle::*;
    let routes = [
        ("/", Calendar),
        ("/activities/7", Calendar),
        ("/honors", Calendar),
        ("/wishes", Calendar),
        ("/me", Me),
        ("/me/", Me),
        ("/me/teams", Me),
        ("/me/logins", Me),
        ("/me/register", Account),
        ("/me/password", Account),
        ("/me/checkin/7?code=x", Account),
        ("/staff/activities/7/roster", StaffActivities),
        ("/staff/activities/7/checkin-code", StaffActivities),
        ("/staff/accounts/new", StaffPeople),
        ("/staff/accounts/password", StaffPeople),
        ("/staff/teams/3", StaffPeople),
    ];
    for (path, area) in routes {
        assert_eq!(Bundle::of_path(path), area, "{path}");
    }
    // The paths the app builds lead where they should.
    assert_eq!(Bundle::of_path(&paths::login("/activities/7")), Account);
    assert_eq!(Bundle::of_path(&paths::register("/me")), Account);
    assert_eq!(Bundle::of_path(paths::PASSWORD), Account);
    assert_eq!(Bundle::of_path(paths::ME), Me);
    assert_eq!(Bundle::of_path(paths::TEAMS), Me);
    assert_eq!(Bundle::of_path(paths::NEW_ACCOUNT), StaffPeople);
    assert_eq!(Bundle::of_path(paths::RESET_PASSWORD), StaffPeople);
    assert_eq!(Bundle::of_path(&paths::roster(7)), StaffActivities);
    assert_eq!(Bundle::of_path(&paths::checkin_code(7)), StaffActivities);
    assert_eq!(Bundle::of_path(&paths::team_members(3)), StaffPeople);
    assert_eq!(Bundle::of_path(&paths::activity(7)), Calendar);
}

#[wasm_bindgen_test]
fn the_build_writes_each_areas_entry_at_every_prefix_of_that_area() {
    let list = BUILD
        .split_once("AREAS=(")
        .and_then(|(_, rest)| rest.split_once("\n)"))
        .map(|(list, _)| list)
        .expect("scripts/build-app.sh has an AREAS=( … ) list");
    let mut built = Vec::new();
    for line in list.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.trim_matches('"').split_whitespace();
        let area = area_of_binary(words.next().unwrap());
        for prefix in words {
            assert_eq!(Bundle::of_path(&format!("/{prefix}")), area, "/{prefix}");
            assert_eq!(
                Bundle::of_path(&format!("/{prefix}/7")),
                area,
                "/{prefix}/7"
            );
        }
        built.push(area);
    }
    // Every area but the calendar (built at the root) is in the list, once.
    let mut expected = vec![
        Bundle::Me,
        Bundle::Account,
        Bundle::StaffActivities,
        Bundle::StaffPeople,
    ];
    built.sort_by_key(|area| format!("{area:?}"));
    expected.sort_by_key(|area| format!("{area:?}"));
    assert_eq!(built, expected);
}
