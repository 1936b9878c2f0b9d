//! What every handler can reach.

use std::path::PathBuf;

use crate::clock::StationTime;
use crate::store::Store;

#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub time: StationTime,
    /// The built browser app; may be missing (then `/` says so and the API still works).
    pub dist_dir: PathBuf,
}
