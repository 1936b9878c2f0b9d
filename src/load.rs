//! A read from the backend as a page shows it: not answered yet, or answered (an error or the
//! data). The app's own small resource, in place of Leptos' `LocalResource` with `Suspense`:
//! their machinery (async derived signals, suspense contexts, std's channels) cost the calendar
//! ~15 KiB brotli, and every type read through them more (bench/floor.md). This is a signal, an
//! effect that tracks what the read depends on, and a task per read.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

type Read = Box<dyn Fn() -> Pin<Box<dyn Future<Output = ()>>>>;

/// Runs `read` now and again whenever what it reads changes or `again` is notified.
fn read_when_asked(read: Read, again: Trigger) {
    Effect::new(move |_| {
        again.track();
        leptos::task::spawn_local(read());
    });
}

pub struct Load<T: 'static> {
    answer: RwSignal<Option<T>, LocalStorage>,
    again: Trigger,
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Load<T> {}

impl<T: 'static> Load<T> {
    /// Reads with `fetch` now, and again whenever a signal that `fetch` reads (outside its
    /// future) changes or [`Load::refetch`] is called; meanwhile the page shows its fallback.
    pub fn new<F, Fut>(fetch: F) -> Self
    where
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = T> + 'static,
    {
        Self::start(fetch, false)
    }

    /// As [`Load::new`], but what is shown stays until the next answer replaces it (a list
    /// read again, or with other filters, does not blink).
    pub fn keeping<F, Fut>(fetch: F) -> Self
    where
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = T> + 'static,
    {
        Self::start(fetch, true)
    }

    fn start<F, Fut>(fetch: F, keep: bool) -> Self
    where
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = T> + 'static,
    {
        let answer = RwSignal::new_local(None);
        let again = Trigger::new();
        // The answer to a read that a later read has replaced is dropped.
        let latest = StoredValue::new(0_u32);
        // Boxed, so that the effect and the task below are one copy of code for every read
        // in the app (a copy per read cost ~2.5 KB).
        let read: Read = Box::new(move || {
            let future = fetch();
            latest.update_value(|count| *count = count.wrapping_add(1));
            let this = latest.get_value();
            if !keep && answer.with_untracked(Option::is_some) {
                answer.set(None);
            }
            Box::pin(async move {
                let value = future.await;
                // The page, and with it this read, may be gone by now.
                if latest.try_get_value() == Some(this) {
                    answer.try_set(Some(value));
                }
            })
        });
        read_when_asked(read, again);
        Self { answer, again }
    }

    /// Reads again.
    pub fn refetch(&self) {
        self.again.notify();
    }

    /// Draws the read: `fallback` until it is answered, then `view` of the answer (again for
    /// each new answer).
    pub fn view<FB, FV, V, IV>(self, fallback: FB, view: V) -> impl IntoView
    where
        T: Clone,
        FB: Fn() -> FV + Send + Sync + 'static,
        FV: IntoView + 'static,
        V: Fn(T) -> IV + Send + Sync + 'static,
        IV: IntoView + 'static,
    {
        // Boxed: one copy of the rendering code for every read's view.
        let draw: Box<dyn Fn() -> AnyView + Send + Sync> = Box::new(move || match self.get() {
            None => fallback().into_any(),
            Some(answer) => view(answer).into_any(),
        });
        draw
    }
}

impl<T: Clone + 'static> Load<T> {
    /// The answer, tracked; `None` until it comes.
    pub fn get(&self) -> Option<T> {
        self.answer.get()
    }

    /// The answer, untracked.
    pub fn get_untracked(&self) -> Option<T> {
        self.answer.get_untracked()
    }
}

impl<T: 'static, E: 'static> Load<Result<T, E>> {
    /// Whether the last read failed (untracked: a retry reads again only what failed).
    pub fn failed(&self) -> bool {
        self.answer
            .with_untracked(|answer| matches!(answer, Some(Err(_))))
    }
}
