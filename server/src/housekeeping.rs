//! Housekeeping: a task that deletes what nobody needs any more — sessions that expired or were
//! signed out, sign-in failures (with their guard rows) out of the limit's window, photos
//! uploaded a day ago for a nomination never sent — and expires the wishes nobody claimed by
//! their deadline, so that
//! the tables stay small and no dead token lingers. Every server on a database may run it: the
//! deletes are idempotent.

use std::time::Duration;

use tokio::task::JoinHandle;

use crate::auth::sign_in_limit::WINDOW_SECONDS;
use crate::clock::StationTime;
use crate::store::{accounts, Store};

/// Sweeps at start and then every `every`.
pub fn spawn(store: Store, time: StationTime, every: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every.max(Duration::from_secs(1)));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let now = time.now_unix();
            // A photo nobody put in a nomination within a day was abandoned with its form.
            match crate::store::photos::delete_unattached(store.pool(), now - 86_400).await {
                Ok(0) => {}
                Ok(deleted) => tracing::info!(photos = deleted, "housekeeping"),
                Err(error) => tracing::warn!(%error, "housekeeping of photos failed"),
            }
            // A wish nobody claimed by its deadline ends (a claimed one past it is overdue to
            // staff instead: `overdue` in its answers and staff's queue).
            let today = time.today().format("%Y-%m-%d").to_string();
            match crate::store::wishes::expire_due(store.pool(), &today, now).await {
                Ok(expired) if expired.is_empty() => {}
                Ok(expired) => {
                    // Off the wall: the addresses its photo was shown at stop answering.
                    for id in &expired {
                        let rekeyed = crate::store::photos::rekey_wish(
                            store.pool(),
                            *id,
                            crate::api::photos::new_key,
                        );
                        if let Err(error) = rekeyed.await {
                            tracing::warn!(%error, "housekeeping: a photo kept its address");
                        }
                    }
                    tracing::info!(wishes = expired.len(), "housekeeping: expired");
                }
                Err(error) => tracing::warn!(%error, "housekeeping of wishes failed"),
            }
            match accounts::sweep(store.pool(), now, now - WINDOW_SECONDS).await {
                Ok(swept) if swept != accounts::Swept::default() => {
                    tracing::info!(
                        sessions = swept.sessions,
                        failures = swept.failures,
                        "housekeeping"
                    );
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "housekeeping failed; tried again later"),
            }
        }
    })
}
