//! `Load`, the app's reads: the answer of the latest read wins, reading again shows the
//! fallback (or keeps what is shown), and a refetch reads again.

mod common;

use common::{mount, until};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use station_app::load::Load;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Reads of `which` that answer only once `released` names them, counted as they start and
/// as they answer.
#[derive(Clone, Copy)]
struct Gate {
    which: RwSignal<u32>,
    released: RwSignal<Vec<u32>>,
    started: StoredValue<u32>,
    answered: RwSignal<u32>,
}

impl Gate {
    fn new(released: &[u32]) -> Self {
        Gate {
            which: RwSignal::new(1),
            released: RwSignal::new(released.to_vec()),
            started: StoredValue::new(0),
            answered: RwSignal::new(0),
        }
    }

    fn read(self) -> impl Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = u32>>> {
        move || {
            let wanted = self.which.get();
            self.started.update_value(|count| *count += 1);
            Box::pin(async move {
                while !self
                    .released
                    .with_untracked(|released| released.contains(&wanted))
                {
                    TimeoutFuture::new(5).await;
                }
                self.answered.update(|count| *count += 1);
                wanted
            })
        }
    }
}

fn answer_text(load: Load<u32>) -> impl IntoView {
    view! { <p data-testid="answer">{load.view(|| "waiting", |n: u32| n.to_string())}</p> }
}

#[wasm_bindgen_test]
async fn the_latest_read_wins_over_an_earlier_one_that_answers_later() {
    let gate = Gate::new(&[]);
    let mounted = mount(move || answer_text(Load::new(gate.read())));
    let text = || {
        mounted
            .find("[data-testid='answer']")
            .text_content()
            .unwrap()
    };
    until("the first read starts", || gate.started.get_value() == 1).await;
    gate.which.set(2);
    until("the second read starts", || gate.started.get_value() == 2).await;
    // The second read answers first, then the first: a late answer must not replace the latest.
    gate.released.set(vec![2]);
    until("the second answer shows", || text() == "2").await;
    gate.released.set(vec![2, 1]);
    until("the first read answers too", || {
        gate.answered.get_untracked() == 2
    })
    .await;
    TimeoutFuture::new(20).await;
    assert_eq!(text(), "2");
}

#[wasm_bindgen_test]
async fn reading_again_shows_the_fallback_or_keeps_the_last_answer() {
    for keeping in [false, true] {
        let gate = Gate::new(&[1]);
        let mounted = mount(move || {
            answer_text(if keeping {
                Load::keeping(gate.read())
            } else {
                Load::new(gate.read())
            })
        });
        let text = || {
            mounted
                .find("[data-testid='answer']")
                .text_content()
                .unwrap()
        };
        until("the first answer shows", || text() == "1").await;
        gate.which.set(2);
        until("the second read starts", || gate.started.get_value() == 2).await;
        if keeping {
            TimeoutFuture::new(20).await;
            assert_eq!(
                text(),
                "1",
                "the last answer stays while the next read waits"
            );
        } else {
            until("the fallback shows while reading again", || {
                text() == "waiting"
            })
            .await;
        }
        gate.released.set(vec![1, 2]);
        until("the new answer shows", || text() == "2").await;
    }
}

#[wasm_bindgen_test]
async fn a_refetch_reads_again_and_failed_says_whether_the_last_read_failed() {
    let reads = RwSignal::new(0_u32);
    let holder = StoredValue::new(None::<Load<Result<u32, String>>>);
    let mounted = mount(move || {
        let load = Load::new(move || {
            reads.update(|count| *count += 1);
            let this = reads.get_untracked();
            async move {
                if this == 1 {
                    Err("down".to_string())
                } else {
                    Ok(this)
                }
            }
        });
        holder.set_value(Some(load));
        view! {
            <p data-testid="answer">
                {load.view(|| "waiting".to_string(), |answer| match answer {
                    Ok(n) => n.to_string(),
                    Err(error) => error,
                })}
            </p>
        }
    });
    let load = holder.get_value().unwrap();
    let text = || {
        mounted
            .find("[data-testid='answer']")
            .text_content()
            .unwrap()
    };
    until("the failed read shows", || text() == "down").await;
    assert!(load.failed());
    load.refetch();
    until("the second read shows", || text() == "2").await;
    assert!(!load.failed());
    assert_eq!(reads.get_untracked(), 2);
}
