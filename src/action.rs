//! A write to the backend started by the person (send a form, sign up, load more): the app's own
//! small action, in place of Leptos' `Action::new_local`, whose machinery (a `SendWrapper` that
//! asks std for the current thread, abort channels, a future type per action) cost each area
//! ~2 KiB brotli (bench/floor.md). Its future is boxed: one copy of the code serves every action.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;

type Run<I, O> = Box<dyn Fn(&I) -> Pin<Box<dyn Future<Output = O>>>>;

pub struct LocalAction<I: 'static, O: 'static> {
    run: StoredValue<Run<I, O>, LocalStorage>,
    /// Where the action was made: its futures run there (contexts). Weak: a strong owner kept
    /// in a node of that same owner would keep it alive after it is dropped.
    owner: StoredValue<Option<WeakOwner>, LocalStorage>,
    in_flight: RwSignal<u32>,
    dispatched: StoredValue<u32>,
    value: RwSignal<Option<O>, LocalStorage>,
}

impl<I, O> Clone for LocalAction<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for LocalAction<I, O> {}

impl<I: 'static, O: 'static> LocalAction<I, O> {
    pub fn new<F, Fut>(run: F) -> Self
    where
        F: Fn(&I) -> Fut + 'static,
        Fut: Future<Output = O> + 'static,
    {
        let run: Run<I, O> = Box::new(move |input| Box::pin(run(input)));
        LocalAction {
            run: StoredValue::new_local(run),
            owner: StoredValue::new_local(Owner::current().map(|owner| owner.downgrade())),
            in_flight: RwSignal::new(0),
            dispatched: StoredValue::new(0),
            value: RwSignal::new_local(None),
        }
    }

    /// Starts the action with `input`. Its outcome becomes [`LocalAction::value`] unless a
    /// later dispatch was made meanwhile (the latest outcome is the one shown).
    pub fn dispatch(&self, input: I) {
        let Some(owner) = self.owner.try_get_value() else {
            return;
        };
        let owner = match owner {
            Some(weak) => match weak.upgrade() {
                Some(owner) => Some(owner),
                // The page that made it is gone.
                None => return,
            },
            None => None,
        };
        let this = *self;
        let start = move || {
            let future = untrack(|| this.run.with_value(|run| run(&input)));
            this.dispatched
                .update_value(|count| *count = count.wrapping_add(1));
            let number = this.dispatched.get_value();
            this.in_flight.update(|count| *count += 1);
            // Untracked: an effect that dispatches is not subscribed to what the future reads.
            untrack(|| {
                leptos::task::spawn_local_scoped(async move {
                    let outcome = future.await;
                    this.in_flight.try_update(|count| *count -= 1);
                    if this.dispatched.try_get_value() == Some(number) {
                        this.value.try_set(Some(outcome));
                    }
                })
            });
        };
        match owner {
            Some(owner) => owner.with(start),
            None => start(),
        }
    }

    /// Whether a dispatch is under way.
    pub fn pending(&self) -> Signal<bool> {
        let in_flight = self.in_flight;
        Signal::derive(move || in_flight.get() > 0)
    }

    /// The outcome of the latest dispatch, once it has come (`None` before, or once cleared).
    pub fn value(&self) -> RwSignal<Option<O>, LocalStorage> {
        self.value
    }
}
