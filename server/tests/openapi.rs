//! The committed `openapi/v1.json` must be the document the server generates, so the contract
//! that third parties read is the one the code serves.
//!
//! After changing a handler or a wire type, update it with:
//! `UPDATE_OPENAPI=1 cargo test -p station-server --test openapi`

use std::path::PathBuf;

#[test]
fn committed_openapi_document_matches_the_generated_one() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../openapi/v1.json");
    let generated = station_server::api::openapi::pretty_json();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, generated).expect("write openapi/v1.json");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/v1.json is out of date with the server's generated document.\n\
         Update it with: UPDATE_OPENAPI=1 cargo test -p station-server --test openapi\n\
         (or: cargo run -p station-server -- --print-openapi > openapi/v1.json)"
    );
}

#[test]
fn the_document_describes_every_endpoint_and_the_problem_shape() {
    let document: serde_json::Value =
        serde_json::from_str(station_server::api::openapi::pretty_json()).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(document["info"]["version"], station_wire::API_VERSION);
    for path in [
        "/healthz",
        "/api/v1/station",
        "/api/v1/sites",
        "/api/v1/categories",
        "/api/v1/activities",
        "/api/v1/activities/{id}",
        "/api/v1/days",
        "/api/v1/openapi.json",
    ] {
        assert!(
            document["paths"][path]["get"].is_object(),
            "{path} is documented"
        );
    }
    let parameters = document["paths"]["/api/v1/activities"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let names: Vec<&str> = parameters
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["from", "to", "site", "category", "team", "q", "open", "limit", "cursor"]
    );
    let problem = &document["components"]["schemas"]["Problem"]["properties"];
    assert!(problem["type"].is_object() && problem["errors"].is_object());
}

#[test]
fn every_endpoint_that_can_answer_401_names_the_bearer_scheme() {
    let document: serde_json::Value =
        serde_json::from_str(station_server::api::openapi::pretty_json()).unwrap();
    assert_eq!(
        document["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let mut protected = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            // Signing in answers 401 for wrong credentials, not for a missing session.
            let answers_401 =
                operation["responses"]["401"].is_object() && path != "/api/v1/sessions";
            let names_bearer = operation["security"]
                .as_array()
                .is_some_and(|schemes| schemes.iter().any(|s| s.get("bearer").is_some()));
            assert_eq!(answers_401, names_bearer, "{method} {path}");
            protected += usize::from(names_bearer);
        }
    }
    assert!(protected >= 20, "only {protected} protected operations");
}
