//! The sign-up button: says what a tap will do (报名 / 候补 / 取消报名 / 退出候补) under the state
//! it changes (已报名 / 候补第N位), shown plainly on its own; shows the pending state at once, then
//! the backend's answer; cancelling asks first. Signed out, it leads through signing in and makes
//! the sign-up on the way back.

use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityStatus};
use station_wire::problem::types;
use station_wire::signups::{Signup, SignupStatus};

use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::hooks::use_station_now;
use crate::i18n::{error_message, fill, places_wording, use_i18n, Locale};
use crate::paths;
use crate::router::{in_router, use_navigate, use_query_map, NavigateOptions};
use crate::session::{login_href, use_session};

/// What the button offers, from the activity's state and my sign-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignupOffer {
    /// Places remain: a tap takes one.
    SignUp {
        places_left: u32,
    },
    /// Full: a tap joins the waitlist.
    JoinWaitlist,
    /// I hold a place: a tap (after confirming) gives it back.
    Mine,
    /// I hold a place in an activity under way: too late to give it back; time to check in.
    Underway,
    /// I wait in the queue at `position`: a tap (after confirming) leaves it.
    Waitlisted {
        position: u32,
    },
    /// I checked in.
    Attended,
    /// Staff marked me absent.
    NoShow,
    /// Nothing to offer: sign-up closed, activity cancelled or finished.
    Closed,
    Cancelled,
    Finished,
}

impl SignupOffer {
    /// A stable key for styling and tests.
    pub fn key(self) -> &'static str {
        match self {
            SignupOffer::SignUp { .. } => "sign-up",
            SignupOffer::JoinWaitlist => "waitlist",
            SignupOffer::Mine => "mine",
            SignupOffer::Underway => "underway",
            SignupOffer::Waitlisted { .. } => "waitlisted",
            SignupOffer::Attended => "attended",
            SignupOffer::NoShow => "no-show",
            SignupOffer::Closed => "closed",
            SignupOffer::Cancelled => "cancelled",
            SignupOffer::Finished => "finished",
        }
    }

    /// Whether a tap does something.
    pub fn is_actionable(self) -> bool {
        matches!(
            self,
            SignupOffer::SignUp { .. }
                | SignupOffer::JoinWaitlist
                | SignupOffer::Mine
                | SignupOffer::Waitlisted { .. }
        )
    }

    /// Whether a tap gives back a place (and so asks first).
    pub fn is_cancel(self) -> bool {
        matches!(self, SignupOffer::Mine | SignupOffer::Waitlisted { .. })
    }
}

/// What the button offers for an activity in `status` with `places_left`, given my sign-up and
/// whether the activity has `started` (by the station's clock): a place is given back only
/// before the start, as the backend allows.
pub fn signup_offer(
    status: ActivityStatus,
    places_left: u32,
    mine: Option<&Signup>,
    started: bool,
) -> SignupOffer {
    let over = match status {
        ActivityStatus::Cancelled => Some(SignupOffer::Cancelled),
        ActivityStatus::Finished => Some(SignupOffer::Finished),
        _ => None,
    };
    match mine.map(|signup| (signup.status, signup.waitlist_position)) {
        Some((SignupStatus::Attended, _)) => SignupOffer::Attended,
        Some((SignupStatus::NoShow, _)) => SignupOffer::NoShow,
        Some((SignupStatus::Confirmed, _)) if started => over.unwrap_or(SignupOffer::Underway),
        Some((SignupStatus::Confirmed, _)) => over.unwrap_or(SignupOffer::Mine),
        Some((SignupStatus::Waitlisted, _)) if started => over.unwrap_or(SignupOffer::Closed),
        Some((SignupStatus::Waitlisted, position)) => over.unwrap_or(SignupOffer::Waitlisted {
            position: position.unwrap_or(1),
        }),
        Some((SignupStatus::Cancelled, _)) | None => match status {
            ActivityStatus::Open if places_left > 0 => SignupOffer::SignUp { places_left },
            ActivityStatus::Open | ActivityStatus::Full => SignupOffer::JoinWaitlist,
            // Only staff see a draft; nobody can sign up for it yet.
            ActivityStatus::Closed | ActivityStatus::Draft => SignupOffer::Closed,
            ActivityStatus::Cancelled => SignupOffer::Cancelled,
            ActivityStatus::Finished => SignupOffer::Finished,
        },
    }
}

/// Where I stand, when a tap would change it: 已报名, 候补第2位.
pub fn offer_state(locale: Locale, offer: SignupOffer) -> Option<String> {
    let messages = &locale.messages().signup();
    match offer {
        SignupOffer::Mine => Some(messages.mine.to_string()),
        SignupOffer::Waitlisted { position } => {
            Some(fill(messages.waitlisted, &[("position", &position)]))
        }
        _ => None,
    }
}

/// The button's label (what a tap does) and the line under it.
pub fn offer_wording(locale: Locale, offer: SignupOffer) -> (String, String) {
    let messages = &locale.messages().signup();
    let (label, hint) = match offer {
        SignupOffer::SignUp { places_left } => {
            return (
                messages.sign_up.to_string(),
                places_wording(locale, ActivityStatus::Open, places_left),
            )
        }
        SignupOffer::JoinWaitlist => (messages.join_waitlist, messages.waitlist_hint),
        SignupOffer::Mine => (messages.cancel, messages.mine_hint),
        SignupOffer::Underway => (messages.underway, messages.underway_hint),
        SignupOffer::Waitlisted { .. } => (messages.leave_waitlist, messages.waitlisted_hint),
        SignupOffer::Attended => (messages.attended, ""),
        SignupOffer::NoShow => (messages.no_show, ""),
        SignupOffer::Closed => (messages.closed, ""),
        SignupOffer::Cancelled => (messages.cancelled, ""),
        SignupOffer::Finished => (messages.finished, ""),
    };
    (label.to_string(), hint.to_string())
}

/// What the reader is told after the backend answered a sign-up or cancellation.
pub fn outcome_wording(locale: Locale, signup: &Signup) -> String {
    let messages = &locale.messages().signup();
    match signup.status {
        SignupStatus::Waitlisted => fill(
            messages.done_waitlisted,
            &[("position", &signup.waitlist_position.unwrap_or(1))],
        ),
        SignupStatus::Cancelled => messages.done_cancelled.to_string(),
        _ => messages.done_confirmed.to_string(),
    }
}

/// The sign-up control of one activity.
#[component]
pub fn SignupButton(
    activity: Activity,
    /// On a card: smaller, and nothing at all when there is nothing to offer.
    #[prop(optional)]
    compact: bool,
    /// Told the activity as the backend has it after a sign-up or cancellation (places left).
    #[prop(optional, into)]
    on_refreshed: Option<Callback<Activity>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let id = activity.id;
    let ics_href = api.calendar_ics_url(id);
    let state = RwSignal::new((activity.status, activity.places_left));
    let starts_at = activity.starts_at;
    let now = use_station_now();
    let offer = Memo::new(move |_| {
        let (status, places_left) = state.get();
        let started = now.get().is_some_and(|now| now >= starts_at);
        signup_offer(
            status,
            places_left,
            session.signup_for(id).as_ref(),
            started,
        )
    });
    let confirming = RwSignal::new(false);
    let notice = RwSignal::new(None::<Result<String, ApiError>>);
    // Came here from 报名 through signing in: the outcome says so too.
    let arrived_signed_in = StoredValue::new(false);

    let action = LocalAction::new({
        move |cancel: &bool| {
            let (api, cancel) = (api.clone(), *cancel);
            async move {
                let answer = if cancel {
                    api.cancel_signup(id).await
                } else {
                    api.sign_up(id).await
                };
                let locale = i18n.locale_untracked();
                match answer {
                    Ok(signup) => {
                        let mut outcome = outcome_wording(locale, &signup);
                        // try_: the card may have been drawn again meanwhile (加载更多).
                        if arrived_signed_in.try_get_value().unwrap_or(false) {
                            let then = locale.messages().signup().signed_in_then;
                            outcome = fill(then, &[("outcome", &outcome)]);
                        }
                        notice.set(Some(Ok(outcome)));
                        session.record_signup(signup);
                    }
                    // The session ended: the button turns into the way to sign in again.
                    Err(error) if error.status() == Some(401) => return,
                    Err(error) => {
                        if matches!(
                            error.problem_type(),
                            Some(types::ALREADY_SIGNED_UP | types::NOT_SIGNED_UP)
                        ) {
                            if let Ok(list) = api.my_signups().await {
                                session.set_signups(
                                    list.items.into_iter().map(|m| m.signup).collect(),
                                );
                            }
                        }
                        notice.set(Some(Err(error)));
                    }
                }
                // Places left have changed (by us or by others): show them as they are now.
                if let Ok(fresh) = api.activity(id).await {
                    state.set((fresh.status, fresh.places_left));
                    if let Some(on_refreshed) = on_refreshed {
                        on_refreshed.try_run(fresh);
                    }
                }
            }
        }
    });
    let pending = action.pending();
    if !compact {
        make_sign_up_on_arrival(id, offer, action, notice, arrived_signed_in);
    }

    let on_tap = move |_| {
        let offer = offer.get_untracked();
        if !offer.is_actionable() || pending.get_untracked() {
            return;
        }
        if offer.is_cancel() {
            confirming.set(true);
        } else {
            notice.set(None);
            action.dispatch(false);
        }
    };
    let confirm_cancel = move |_| {
        confirming.set(false);
        notice.set(None);
        action.dispatch(true);
    };

    let hint_id = format!("signup-hint-{id}");
    let wording = move || offer_wording(i18n.locale(), offer.get());
    let label = move || {
        if pending.get() {
            let messages = &i18n.t().signup();
            if offer.get().is_cancel() {
                messages.pending_cancel
            } else {
                messages.pending_sign_up
            }
            .to_string()
        } else {
            wording().0
        }
    };
    // On a card the places are on show above: the hint stays for screen readers only.
    let places_on_card = move || compact && matches!(offer.get(), SignupOffer::SignUp { .. });
    let ics = move || {
        (!compact
            && matches!(
                offer.get(),
                SignupOffer::Mine | SignupOffer::Waitlisted { .. }
            ))
        .then(|| {
            // A place in the queue: the file says 候补 (the backend checks the sign-up waits).
            let href = match session.signup_for(id) {
                Some(signup) if signup.status == SignupStatus::Waitlisted => {
                    format!("{ics_href}?signup={}", signup.id)
                }
                _ => ics_href.clone(),
            };
            view! {
                <a class="signup__ics" href=href download=format!("activity-{id}.ics")>
                    {i18n.t().signup().add_to_calendar}
                </a>
            }
        })
    };
    let notice_view = move || {
        notice.get().map(|notice| match notice {
            Ok(text) => view! { <span class="signup__notice signup__notice--ok">{text}</span> },
            Err(error) => view! {
                <span class="signup__notice signup__notice--error">{error_message(i18n.locale(), &error)}</span>
            },
        })
    };
    let body = move || {
        let offer = offer.get();
        if confirming.get() {
            let question = if offer == SignupOffer::Mine {
                i18n.t().signup().confirm_cancel
            } else {
                i18n.t().signup().confirm_cancel_waitlist
            };
            return view! {
                <div class="signup__confirm" role="group" aria-label=question>
                    <p class="signup__question">{question}</p>
                    <button type="button" class="button button--danger" on:click=confirm_cancel>
                        {i18n.t().signup().confirm_yes}
                    </button>
                    <button type="button" class="button button--quiet" on:click=move |_| confirming.set(false)>
                        {i18n.t().signup().confirm_no}
                    </button>
                </div>
            }
            .into_any();
        }
        if !offer.is_actionable() {
            // What stands, and what to do now, if anything (活动已开始，请到现场扫码签到).
            let (reason, hint) = wording();
            let hint =
                (!hint.is_empty()).then(|| view! { <span class="signup__hint">{hint}</span> });
            return view! { <p class="signup__reason">{reason}</p> {hint} }.into_any();
        }
        if !session.is_signed_in() {
            // Signing up needs an account: sign in, then come back to this activity's page (from
            // a card in the agenda too, so that it is not lost in the list).
            return view! {
                <a class="button signup__button" href=login_href(&paths::activity_then_sign_up(id)) aria-describedby=hint_id.clone()>
                    {move || wording().0}
                </a>
                <span class="signup__hint" class:visually-hidden=places_on_card id=hint_id.clone()>{move || wording().1}</span>
            }
            .into_any();
        }
        let state = offer_state(i18n.locale(), offer)
            .map(|state| view! { <p class="signup__state" data-testid="signup-state">{state}</p> });
        view! {
            {state}
            <button
                type="button"
                class="button signup__button"
                class:button--quiet=offer.is_cancel()
                aria-describedby=hint_id.clone()
                aria-busy=move || pending.get().then_some("true")
                disabled=move || pending.get()
                on:click=on_tap
            >
                {label}
            </button>
            <span class="signup__hint" class:visually-hidden=places_on_card id=hint_id.clone()>{move || wording().1}</span>
        }
        .into_any()
    };
    let hidden = move || {
        compact
            && matches!(
                offer.get(),
                SignupOffer::Closed | SignupOffer::Cancelled | SignupOffer::Finished
            )
    };
    view! {
        <div
            class="signup"
            class:signup--compact=compact
            data-testid="signup"
            data-offer=move || offer.get().key()
            hidden=hidden
        >
            {body}
            {ics}
            <p class="signup__status" role="status">{notice_view}</p>
        </div>
    }
}

/// On an activity's page opened with [`paths::SIGN_UP_QUERY`] (the way back from signing in or
/// registering from 报名): once signed in and my sign-ups are known, makes the sign-up the person
/// set out to make (or says they are signed in when there is none to make), and takes the query
/// off the address so that a reload does not repeat it.
fn make_sign_up_on_arrival(
    id: i64,
    offer: Memo<SignupOffer>,
    action: LocalAction<bool, ()>,
    notice: RwSignal<Option<Result<String, ApiError>>>,
    arrived_signed_in: StoredValue<bool>,
) {
    if !in_router()
        || use_query_map()
            .get_untracked()
            .get(paths::SIGN_UP_QUERY)
            .is_none()
    {
        return;
    }
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let done = StoredValue::new(false);
    Effect::new(move |_| {
        if done.get_value() || !session.is_signed_in() || !session.signups_known() {
            return;
        }
        done.set_value(true);
        let back = NavigateOptions {
            replace: true,
            scroll: false,
        };
        navigate(&paths::activity(id), back);
        let offer = offer.get_untracked();
        if offer.is_actionable() && !offer.is_cancel() {
            arrived_signed_in.set_value(true);
            action.dispatch(false);
        } else {
            let signed_in = i18n.locale_untracked().messages().signup().signed_in;
            notice.set(Some(Ok(signed_in.to_string())));
        }
    });
}
