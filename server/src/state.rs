//! What every handler can reach.

use std::path::PathBuf;

use crate::auth::Passwords;
use crate::clock::StationTime;
use crate::store::Store;

#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub time: StationTime,
    pub passwords: Passwords,
    pub checkin: crate::checkin::CheckinSigner,
    /// Where the app is served (e.g. `https://station.example`), for links in QR codes; when
    /// absent, the request's `Host` is used.
    pub public_url: Option<String>,
    /// The built browser app; may be missing (then `/` says so and the API still works).
    pub dist_dir: PathBuf,
}
