//! The conformance suite, in-process, against the reference server with its demo data.
//! (Third parties run the same checks with `cargo run -p station-conformance`.)

#[path = "common/mod.rs"]
mod common;

#[test]
fn the_reference_server_passes_the_conformance_suite() {
    // The server runs on its own runtime's threads; the checks use a blocking client on this one.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let app = runtime.block_on(common::spawn_app());

    // The demo data's administrator (see the README) runs the console's checks.
    let admin = station_conformance::Admin {
        phone: "13900000006".into(),
        password: "demo1234".into(),
    };
    let trials = station_conformance::checks_with(&app.address, Some(admin));
    assert!(
        trials.iter().all(|trial| !trial.has_ignored_flag()),
        "no check may be skipped here"
    );
    assert!(trials.len() >= 25, "only {} checks", trials.len());
    let mut arguments = libtest_mimic::Arguments::from_iter(["conformance"]);
    arguments.test_threads = Some(2);
    let conclusion = libtest_mimic::run(&arguments, trials);

    runtime.block_on(app.shut_down());
    assert!(
        !conclusion.has_failed(),
        "{} conformance check(s) failed",
        conclusion.num_failed
    );
}
