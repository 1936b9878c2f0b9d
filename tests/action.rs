//! `LocalAction`, the app's writes: pending while any dispatch is under way, and the outcome of
//! the latest dispatch is the one kept.

mod common;

use common::{mount, until};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use station_app::action::LocalAction;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_latest_dispatch_wins_and_pending_lasts_until_every_dispatch_is_done() {
    // Each dispatch of `n` finishes once `released` names it.
    let released = RwSignal::new(Vec::<u32>::new());
    let holder = StoredValue::new(None::<LocalAction<u32, u32>>);
    let _mounted = mount(move || {
        holder.set_value(Some(LocalAction::new(move |n: &u32| {
            let n = *n;
            async move {
                while !released.with_untracked(|released| released.contains(&n)) {
                    TimeoutFuture::new(5).await;
                }
                n
            }
        })));
        view! { <p></p> }
    });
    let action = holder.get_value().unwrap();
    let pending = action.pending();
    assert!(!pending.get_untracked());

    action.dispatch(1);
    action.dispatch(2);
    assert!(pending.get_untracked());
    // The later dispatch finishes first: its outcome is kept; the first is still under way.
    released.set(vec![2]);
    until("the second outcome", || {
        action.value().get_untracked() == Some(2)
    })
    .await;
    assert!(pending.get_untracked());
    // The first finishes last: pending ends, and its stale outcome does not replace the second.
    released.set(vec![2, 1]);
    until("nothing pending", || !pending.get_untracked()).await;
    assert_eq!(action.value().get_untracked(), Some(2));
}
