//! A step of a wish's or an order's life, taken from its page: what it did is said (and takes
//! the focus, the button pressed being gone with the step) and the thing read again; refused
//! because someone else took it or it moved on meanwhile, it is read again too, to be shown as
//! it is now; any refusal is shown in the reader's language, and what was typed stays.

use std::future::Future;

use leptos::prelude::{RwSignal, Set};

use station_wire::problem::types;

use super::form::{field_errors_of, focus_when_drawn};
use super::FormState;
use crate::action::LocalAction;
use crate::api::{use_api, Api, ApiError};
use crate::load::Load;

/// What a page does when a step was taken by someone else first.
#[derive(Clone, Copy)]
pub enum Taken {
    ReadAgain,
    /// Set: the steps are not the reader's any more.
    Gone(RwSignal<bool>),
}

/// The action of a page's steps: `take` sends one (`(id, body)`) and answers the words of what
/// it did; `done` is the `data-testid` of the line that says them. `taken` is what the page does
/// when someone else took it first: read it again (a wish stays on the wall), or leave it as it
/// was and offer nothing more (an order is not the others' to read once taken: it would be
/// answered as not found).
pub fn step_action<T, B, F, Fut>(
    data: Load<Result<T, ApiError>>,
    state: FormState,
    done: &'static str,
    taken: Taken,
    take: F,
) -> LocalAction<(i64, B), ()>
where
    T: 'static,
    B: Clone + 'static,
    F: Fn(Api, i64, B) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<&'static str, ApiError>> + 'static,
{
    let api = use_api();
    LocalAction::new(move |(id, body): &(i64, B)| {
        let outcome = take(api.clone(), *id, body.clone());
        async move {
            match outcome.await {
                Ok(words) => {
                    state.succeed(words.to_owned());
                    data.refetch();
                    focus_when_drawn(format!("[data-testid='{done}']"));
                }
                Err(error) => {
                    match (error.problem_type(), taken) {
                        (Some(types::ALREADY_TAKEN), Taken::Gone(gone)) => gone.set(true),
                        (Some(types::ALREADY_TAKEN | types::WRONG_STATE), _) => data.refetch(),
                        _ => {}
                    }
                    state.fail_with(field_errors_of(&error), error);
                }
            }
        }
    })
}
