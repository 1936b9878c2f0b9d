//! `/calendar/subscribe`: 订阅日历 — a site's feed (one category or team, as the calendar's
//! filters had it) and one's own feed at a secret address, with the `webcal://` link a phone's
//! calendar opens, the address to copy, and how to subscribe on each kind of device. Inside
//! WeChat's browser, which opens neither `.ics` nor `webcal:`, the page says how to leave it.

use leptos::prelude::*;
use station_wire::feeds::{MyCalendarFeed, NewCalendarFeed};

use crate::action::LocalAction;
use crate::api::{use_api, ApiError};
use crate::components::form::focus_when_drawn;
use crate::components::site_select::use_site_rows;
use crate::components::{ConfirmStep, CopyField, ErrorState, FormProblem, ListSkeleton};
use crate::hooks::use_categories;
use crate::i18n::{fill, full_date, use_i18n};
use crate::load::Load;
use crate::paths;
use crate::router::use_query_map;
use crate::session::use_session;

/// The page: the site's feed, then one's own.
#[component]
pub fn SubscribePage() -> impl IntoView {
    let texts = use_i18n().messages().subscribe();
    let in_wechat = web_sys::window()
        .and_then(|window| window.navigator().user_agent().ok())
        .is_some_and(|agent| agent.contains("MicroMessenger"));
    view! {
        <div class="page page--form subscribe">
            <h1 class="page__title">{texts.title}</h1>
            <p class="page__lead">{texts.lead}</p>
            {in_wechat.then(|| view! {
                <p class="subscribe__wechat" role="note" data-testid="wechat-note">{texts.wechat}</p>
            })}
            <SiteFeed />
            <MyFeed />
            <details class="subscribe__how">
                <summary>{texts.how_title}</summary>
                <ul>
                    <li>{texts.how_iphone}</li>
                    <li>{texts.how_android}</li>
                    <li>{texts.how_computer}</li>
                    <li>{texts.how_refresh}</li>
                </ul>
            </details>
        </div>
    }
}

/// A site's feed: the site and category chosen here (first from the link's `site`, `category`
/// and `team`), its address to open and to copy.
#[component]
fn SiteFeed() -> impl IntoView {
    let texts = use_i18n().messages().subscribe();
    let api = use_api();
    let query = use_query_map().get_untracked();
    let site = RwSignal::new(query.get("site").unwrap_or_default());
    let category = RwSignal::new(query.get("category").unwrap_or_default());
    let team = RwSignal::new(query.get("team").and_then(|team| team.parse::<i64>().ok()));
    let sites = use_site_rows();
    let categories = use_categories();
    let url = Memo::new(move |_| {
        let rows = sites.get()?;
        // A site the station does not have (an old link's): its first site instead, as the
        // list shows it.
        let asked = site.get().parse::<i64>().ok();
        let chosen = asked
            .filter(|asked| rows.iter().any(|(id, _, _)| id == asked))
            .or_else(|| rows.first().map(|(id, _, _)| *id))?;
        Some(api.site_feed_url(chosen, &category.get(), team.get()))
    });
    let retry_label = use_i18n().messages().errors().retry;
    let choice = move || match sites.get() {
        None => Some(view! { <ListSkeleton /> }.into_any()),
        // No site to offer: the list did not come (or the station has none yet).
        Some(rows) if rows.is_empty() => Some(
            view! {
                <div class="state state--error" role="alert">
                    <p class="state__title">{texts.sites_failed}</p>
                    <button type="button" class="button" on:click=move |_| sites.refetch()>
                        {retry_label}
                    </button>
                </div>
            }
            .into_any(),
        ),
        Some(_) => None,
    };
    view! {
        <section class="panel" aria-labelledby="site-feed-title" data-testid="site-feed">
            <h2 class="panel__title" id="site-feed-title">{texts.site_title}</h2>
            {choice}
            <label class="field">
                <span class="field__label">{texts.site_label}</span>
                <select
                    class="field__input"
                    name="site"
                    on:change=move |event| site.set(event_target_value(&event))
                >
                    {move || sites.get().unwrap_or_default().into_iter().map(|(id, _, name)| {
                        let value = id.to_string();
                        let selected = site.get_untracked() == value;
                        view! { <option value=value selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field__label">{texts.category_label}</span>
                <select
                    class="field__input"
                    name="category"
                    on:change=move |event| category.set(event_target_value(&event))
                >
                    <option value="">{texts.all_categories}</option>
                    {move || categories.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|c| {
                        let selected = category.get_untracked() == c.slug;
                        view! { <option value=c.slug selected=selected>{c.name}</option> }
                    }).collect_view()}
                </select>
            </label>
            {move || team.get().map(|_| view! {
                <p class="subscribe__team">
                    {texts.team_only} " "
                    <button type="button" class="button button--link" on:click=move |_| team.set(None)>
                        {texts.all_teams}
                    </button>
                </p>
            })}
            {move || url.get().map(|url| view! { <FeedAddress url /> })}
        </section>
    }
}

/// A feed's address: `webcal://` to open in the calendar app, and the address to copy.
#[component]
fn FeedAddress(url: String) -> impl IntoView {
    let texts = use_i18n().messages().subscribe();
    let webcal = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .map(|rest| format!("webcal://{rest}"))
        .unwrap_or_else(|| url.clone());
    view! {
        <div class="subscribe__address">
            <a class="button" href=webcal rel="external" data-testid="webcal">{texts.open_app}</a>
            <CopyField label=texts.address_label value=url testid="feed-url" />
        </div>
    }
}

/// What the person last did to their own feed.
#[derive(Clone, Copy, PartialEq)]
enum Ask {
    Renew,
    Stop,
}

/// One's own feed: signed out, a way to sign in; else on or off, a new address (shown once),
/// a new one instead, or off.
#[component]
fn MyFeed() -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().subscribe();
    let session = use_session();
    let api = use_api();
    // Kept on screen while read again after a change, so that the focus has somewhere to be.
    let state: Load<Option<Result<MyCalendarFeed, ApiError>>> = Load::keeping({
        let api = api.clone();
        move || {
            let (api, signed_in) = (api.clone(), session.is_signed_in());
            async move {
                match signed_in {
                    true => Some(api.my_calendar_feed().await),
                    false => None,
                }
            }
        }
    });
    let made = RwSignal::new(None::<NewCalendarFeed>);
    let stopped = RwSignal::new(false);
    let asking = RwSignal::new(None::<Ask>);
    let problem = RwSignal::new(None::<ApiError>);
    // The last change asked for, for 重试 when it failed.
    let last = StoredValue::new(None::<Ask>);
    let change = LocalAction::new(move |ask: &Ask| {
        let (api, ask) = (api.clone(), *ask);
        last.set_value(Some(ask));
        async move {
            problem.set(None);
            let answer = match ask {
                Ask::Renew => api.renew_calendar_feed().await.map(Some),
                Ask::Stop => api.stop_calendar_feed().await.map(|()| None),
            };
            asking.set(None);
            match answer {
                Ok(feed) => {
                    // The new address, or the word that it is off, is where the reader is.
                    focus_when_drawn(if feed.is_some() {
                        "[data-testid='my-feed'] [data-testid='feed-url']".into()
                    } else {
                        "#my-feed-title".into()
                    });
                    stopped.set(feed.is_none());
                    made.set(feed);
                    state.refetch();
                }
                Err(error) => problem.set(Some(error)),
            }
        }
    });
    let ask = move |ask: Ask| {
        asking.set(Some(ask));
        focus_when_drawn("[data-testid='confirm-feed']".into());
    };
    let retry = move |()| state.refetch();
    let confirm = move |ask: Ask| {
        let (label, question, yes) = match ask {
            Ask::Renew => (
                texts.mine_renew,
                texts.mine_renew_question,
                texts.mine_renew_confirm,
            ),
            Ask::Stop => (
                texts.mine_stop,
                texts.mine_stop_question,
                texts.mine_stop_confirm,
            ),
        };
        view! {
            <ConfirmStep
                label=label
                question=question.to_string()
                confirm=yes
                keep=texts.keep
                testid="confirm-feed"
                pending=change.pending()
                on_confirm=move |()| { change.dispatch(ask); }
                on_keep=move |()| asking.set(None)
            />
        }
    };
    let on_state = move |answer: Option<Result<MyCalendarFeed, ApiError>>| match answer {
        None => view! {
            <p class="panel__empty">{texts.mine_sign_in}</p>
            <a class="button" href=paths::login(paths::SUBSCRIBE)>{texts.sign_in}</a>
        }
        .into_any(),
        Some(Err(error)) => view! { <ErrorState error on_retry=retry /> }.into_any(),
        Some(Ok(feed)) => {
            let on = feed.created_at.map(|at| {
                fill(
                    texts.mine_on,
                    &[("date", &full_date(i18n.locale(), at.date_naive()))],
                )
            });
            let is_on = on.is_some();
            view! {
                <p class="panel__empty" data-testid="my-feed-state">
                    {on.unwrap_or_else(|| texts.mine_off.to_owned())}
                </p>
                <FormProblem error=problem on_retry=move |()| {
                    if let Some(ask) = last.get_value() { change.dispatch(ask); }
                } />
                {move || match asking.get() {
                    Some(ask) => confirm(ask).into_any(),
                    None if is_on => view! {
                        <div class="subscribe__actions">
                            <button type="button" class="button button--quiet" on:click=move |_| ask(Ask::Renew)>
                                {texts.mine_renew}
                            </button>
                            <button type="button" class="button button--quiet" on:click=move |_| ask(Ask::Stop)>
                                {texts.mine_stop}
                            </button>
                        </div>
                    }.into_any(),
                    None => view! {
                        <button
                            type="button"
                            class="button"
                            data-testid="start-feed"
                            disabled=change.pending()
                            on:click=move |_| { change.dispatch(Ask::Renew); }
                        >
                            {texts.mine_start}
                        </button>
                    }.into_any(),
                }}
            }
            .into_any()
        }
    };
    view! {
        <section class="panel" aria-labelledby="my-feed-title" data-testid="my-feed">
            <h2 class="panel__title" id="my-feed-title" tabindex="-1">{texts.mine_title}</h2>
            <p class="panel__empty">{texts.mine_lead}</p>
            <p class="form__done" role="status">{move || stopped.get().then_some(texts.stopped)}</p>
            {state.view(|| view! { <ListSkeleton /> }, on_state)}
            // Apart from the state, which is read again after each change: the address stays.
            {move || made.get().map(|feed| view! {
                <p class="subscribe__once" role="note">{texts.mine_once}</p>
                <FeedAddress url=feed.url />
            })}
        </section>
    }
}
