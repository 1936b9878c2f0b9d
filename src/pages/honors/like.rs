//! 点赞: a toggle whose new state shows at once and is then corrected by the backend's count
//! (others like meanwhile); a failure puts it back and says why. Signed out, it leads through
//! signing in and back.

use leptos::prelude::*;

use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::i18n::{error_message, fill, use_i18n};
use crate::session::{current_path, login_href, use_session};

#[component]
pub fn LikeButton(
    id: i64,
    liked: bool,
    count: u32,
    /// The id of what names the honor (its name on a card), so that each 点赞 says whose.
    #[prop(optional)]
    described_by: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let liked = RwSignal::new(liked);
    let count = RwSignal::new(count);
    let failure = RwSignal::new(None::<ApiError>);
    // As it was before the tap, to put back if the tap fails.
    let before = StoredValue::new((liked.get_untracked(), count.get_untracked()));
    let toggle = LocalAction::new(move |like: &bool| {
        let (api, like) = (api.clone(), *like);
        async move {
            match api.like_honor(id, like).await {
                Ok(state) => {
                    liked.set(state.liked);
                    count.set(state.like_count);
                }
                Err(error) => {
                    let (was_liked, was_count) = before.get_value();
                    liked.set(was_liked);
                    count.set(was_count);
                    failure.set(Some(error));
                }
            }
        }
    });
    let pending = toggle.pending();
    let tap = move |_| {
        // One change at a time: a second tap before the answer would race it.
        if pending.get_untracked() {
            return;
        }
        let like = !liked.get_untracked();
        before.set_value((liked.get_untracked(), count.get_untracked()));
        failure.set(None);
        liked.set(like);
        count.update(|count| {
            *count = if like {
                *count + 1
            } else {
                count.saturating_sub(1)
            }
        });
        toggle.dispatch(like);
    };
    let texts = i18n.messages().honors();
    let likes = move || fill(i18n.t().honors().likes, &[("count", &count.get())]);
    let problem = move || {
        failure
            .get()
            .map(|error| error_message(i18n.locale(), &error))
    };
    move || {
        if session.is_signed_in() {
            view! {
                <span class="like">
                    <button
                        type="button"
                        class="like__button"
                        aria-pressed=move || liked.get().to_string()
                        aria-describedby=described_by.clone()
                        data-testid="like"
                        on:click=tap
                    >
                        <span class="like__heart" aria-hidden="true">{move || if liked.get() { "♥" } else { "♡" }}</span>
                        {texts.like}
                    </button>
                    <span class="like__count" data-testid="like-count">{likes}</span>
                    <span class="like__problem" role="alert">{problem}</span>
                </span>
            }
            .into_any()
        } else {
            view! {
                <span class="like">
                    <a class="like__button" href=login_href(&current_path())>{texts.sign_in_to_like}</a>
                    <span class="like__count" data-testid="like-count">{likes}</span>
                </span>
            }
            .into_any()
        }
    }
}
