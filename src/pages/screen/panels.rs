//! The display screen's panels, each drawn from the one answer: the coming activities, 好人榜,
//! open 微心愿 (masked, as on the wall), the station's figures with six months of hours as bars,
//! and a QR code that opens the station on a phone. Nothing personal is in the answer, so
//! nothing personal can be drawn.

use leptos::prelude::*;
use station_wire::screens::{ScreenActivity, ScreenData};

use crate::api::use_api;
use crate::components::category::safe_colour;
use crate::components::qr::Qr;
use crate::i18n::{day_heading, fill, time_hm, use_i18n};
use crate::pages::{honors, wishes};

/// How many fit on a 16:9 screen read from three metres.
const ACTIVITIES_SHOWN: usize = 6;
const HONORS_SHOWN: usize = 4;
const WISHES_SHOWN: usize = 6;

#[component]
pub fn ActivitiesPanel(data: ScreenData) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().screen();
    let locale = i18n.locale_untracked();
    let today = data.today;
    let items = data
        .activities
        .into_iter()
        .take(ACTIVITIES_SHOWN)
        .map(|activity| {
            let day = activity.starts_at.date_naive();
            let when = if day == today {
                texts.today.to_owned()
            } else {
                day_heading(locale, day)
            };
            view! { <ActivityRow activity when /> }
        })
        .collect::<Vec<_>>();
    let empty = items
        .is_empty()
        .then(|| view! { <p class="screen__empty">{texts.no_activities}</p> });
    view! {
        <h1 class="screen__title">{texts.activities_title}</h1>
        {empty}
        <ul class="screen-list" data-testid="screen-activities">{items}</ul>
    }
}

#[component]
fn ActivityRow(activity: ScreenActivity, when: String) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().screen();
    // Set through the DOM (`style:`), which the Content-Security-Policy allows; a `style`
    // attribute it refuses.
    let colour = safe_colour(&activity.category_colour).map(str::to_owned);
    let places = match activity.places_left {
        Some(0) => texts.full.to_owned(),
        Some(left) => fill(texts.places_left, &[("n", &left)]),
        None => String::new(),
    };
    view! {
        <li class="screen-activity" style:border-left-color=colour data-testid="screen-activity">
            <p class="screen-activity__when">
                <span>{when}</span>
                <span>{format!("{}–{}", time_hm(&activity.starts_at), time_hm(&activity.ends_at))}</span>
            </p>
            <p class="screen-activity__title">{activity.title}</p>
            <p class="screen-activity__meta">
                <span class="screen-tag">{activity.category_name}</span>
                <span>{activity.place}</span>
                <span>{activity.site_name}</span>
                <span class="screen-activity__places">{places}</span>
            </p>
        </li>
    }
}

#[component]
pub fn HonorsPanel(data: ScreenData) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().screen();
    let locale = i18n.locale_untracked();
    let items = data
        .honors
        .into_iter()
        .take(HONORS_SHOWN)
        .map(|honor| {
            let photo = honor.photo.map(|photo| {
                view! {
                    <img class="screen-honor__photo" src=api.photo_url(&photo.thumb_url) alt=""
                        width=photo.width height=photo.height decoding="async" />
                }
            });
            view! {
                <li class="screen-honor" data-testid="screen-honor">
                    {photo}
                    <p class="screen-honor__name">{honor.nominee_name}</p>
                    <p><span class="screen-tag">{honors::category_name(locale, honor.category)}</span></p>
                    <p class="screen-honor__story">{honor.story_excerpt}</p>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h1 class="screen__title">{texts.honors_title}</h1>
        <ul class="screen-grid" data-testid="screen-honors">{items}</ul>
    }
}

#[component]
pub fn WishesPanel(data: ScreenData) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().screen();
    let locale = i18n.locale_untracked();
    let items = data
        .wishes
        .into_iter()
        .take(WISHES_SHOWN)
        .map(|wish| {
            let deadline = fill(
                locale.messages().wishes().deadline,
                &[("date", &day_heading(locale, wish.deadline))],
            );
            view! {
                <li class="screen-wish" data-testid="screen-wish">
                    <p class="screen-wish__title">{wish.title}</p>
                    <p class="screen-wish__who">{wishes::beneficiary_words(locale, &wish.beneficiary)}</p>
                    <p class="screen-activity__meta">
                        <span class="screen-tag">{wishes::category_name(locale, wish.category)}</span>
                        <span>{deadline}</span>
                    </p>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h1 class="screen__title">{texts.wishes_title}</h1>
        <p class="screen__lead">{texts.wishes_lead}</p>
        <ul class="screen-grid screen-grid--three" data-testid="screen-wishes">{items}</ul>
    }
}

/// One decimal at most: `1234.5`, `12`.
fn hours_words(hours: f64) -> String {
    let tenths = (hours * 10.0).round() as i64;
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

#[component]
pub fn FiguresPanel(data: ScreenData) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().screen();
    let figures = data.figures;
    let tiles = [
        (texts.volunteers, figures.volunteers.to_string()),
        (texts.teams, figures.teams.to_string()),
        (texts.hours, hours_words(figures.hours_this_year)),
        (
            texts.wishes_fulfilled,
            figures.wishes_fulfilled_this_year.to_string(),
        ),
        (
            texts.activities_month,
            figures.activities_this_month.to_string(),
        ),
    ]
    .into_iter()
    .map(|(label, value)| {
        view! {
            <li class="screen-figure" data-testid="screen-figure">
                <span class="screen-figure__value">{value}</span>
                <span class="screen-figure__label">{label}</span>
            </li>
        }
    })
    .collect::<Vec<_>>();
    // The bars: each month's hours against the highest (an empty chart has none).
    let highest = figures
        .hours_by_month
        .iter()
        .map(|month| month.hours)
        .fold(0.0_f64, f64::max);
    let bars = figures
        .hours_by_month
        .into_iter()
        .map(|month| {
            let share = if highest > 0.0 {
                month.hours / highest
            } else {
                0.0
            };
            let height = format!("{:.1}%", (share * 100.0).max(1.0));
            let label = month
                .month
                .split_once('-')
                .and_then(|(_, m)| m.parse::<u32>().ok())
                .map(|m| fill(texts.month, &[("m", &m)]))
                .unwrap_or(month.month);
            view! {
                <li class="screen-bar" data-testid="screen-bar">
                    <span class="screen-bar__value">{hours_words(month.hours)}</span>
                    <span class="screen-bar__fill" style:height=height></span>
                    <span class="screen-bar__label">{label}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h1 class="screen__title">{texts.figures_title}</h1>
        <ul class="screen-figures">{tiles}</ul>
        <figure class="screen-chart">
            <figcaption>{texts.chart_title}</figcaption>
            <ol class="screen-bars">{bars}</ol>
        </figure>
    }
}

#[component]
pub fn QrPanel(data: ScreenData) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.messages().screen();
    let origin = web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default();
    let address = format!("{origin}/");
    view! {
        <h1 class="screen__title">{data.station_name}</h1>
        <div class="screen-qr">
            <Qr text=address.clone() label=texts.qr_label.to_owned() />
            <div>
                <p class="screen-qr__call">{texts.qr_call}</p>
                <p class="screen__lead">{address}</p>
            </div>
        </div>
    }
}
