//! `station-conformance`: checks a running backend against the contract.
//!
//! `STATION_BASE_URL=http://127.0.0.1:8080 cargo run -p station-conformance`
//! or `cargo run -p station-conformance -- --base-url http://127.0.0.1:8080`; any other
//! argument is libtest's (`--list`, a name filter, `--exact`, `--test-threads N`…).

use libtest_mimic::Arguments;

const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8080";

fn main() {
    let mut base_url = std::env::var("STATION_BASE_URL")
        .ok()
        .filter(|url| !url.is_empty());
    let mut libtest_args = Vec::new();
    let mut args = std::env::args();
    libtest_args.extend(args.next());
    while let Some(arg) = args.next() {
        if arg == "--base-url" {
            base_url = args.next();
        } else if let Some(url) = arg.strip_prefix("--base-url=") {
            base_url = Some(url.to_owned());
        } else {
            libtest_args.push(arg);
        }
    }
    let base_url = base_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
    eprintln!("station conformance: checking {base_url}");
    let arguments = Arguments::from_iter(libtest_args);
    libtest_mimic::run(&arguments, station_conformance::checks(&base_url)).exit();
}
