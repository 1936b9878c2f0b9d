//! `/activities/:id`: everything about one activity.

use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityStatus, Category};

use super::agenda::agenda_href;
use crate::components::activity_card::status_key;
use crate::components::{
    find_category, CategoryTag, DetailSkeleton, ErrorState, ReadAloud, SignupButton,
};
use crate::hooks::{use_activity_of_path, use_categories, use_station_now};
use crate::i18n::{fill, full_date, places_wording, time_hm, time_range, use_i18n};
use crate::paths;
use crate::session::use_session;

#[component]
pub fn ActivityPage() -> impl IntoView {
    let i18n = use_i18n();
    let categories = use_categories();
    let activity = use_activity_of_path();
    let retry = move |()| {
        activity.refetch();
        if categories.failed() {
            categories.refetch();
        }
    };

    view! {
        <div class="page">
            <a class="back-link" href=agenda_href()>
                <svg viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M15 5l-7 7 7 7" />
                </svg>
                {i18n.messages().activity().back}
            </a>
                {move || {
                    // The categories only name and colour the activity: without them it still shows.
                    let (Some(activity), Some(categories)) = (activity.get(), categories.get()) else {
                        return view! { <DetailSkeleton /> }.into_any();
                    };
                    match activity {
                        Ok(activity) => {
                            let category = categories
                                .ok()
                                .and_then(|all| find_category(&all, &activity.category).cloned());
                            view! { <ActivityDetail activity=activity category=category /> }
                                .into_any()
                        }
                        Err(error) => {
                            view! {
                                <h1 class="visually-hidden">{i18n.messages().activity().page_title}</h1>
                                <ErrorState error=error on_retry=retry />
                            }
                                .into_any()
                        }
                    }
                }}
        </div>
    }
}

#[component]
fn ActivityDetail(activity: Activity, category: Option<Category>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let locale = move || i18n.locale();
    let id = activity.id;
    // Places and status change with sign-ups: the button hands back the fresh activity.
    let live = RwSignal::new((activity.status, activity.places_left));
    let signup = view! {
        <SignupButton
            activity=activity.clone()
            on_refreshed=move |fresh: Activity| live.set((fresh.status, fresh.places_left))
        />
    };
    let manage = move || {
        session.can_manage().then(|| {
            view! {
                <nav class="detail__manage" aria-label=i18n.t().me().manage_title>
                    <a class="button button--quiet" href=paths::roster(id)>
                        {i18n.t().me().roster}
                    </a>
                    <a class="button button--quiet" href=paths::checkin_code(id)>
                        {i18n.t().me().checkin_code}
                    </a>
                </nav>
            }
        })
    };
    let Activity {
        title,
        description,
        site,
        team,
        place,
        starts_at,
        ends_at,
        capacity,
        signup_deadline,
        target_group,
        cancel_reason,
        ..
    } = activity;
    let when = move || {
        format!(
            "{} {}",
            full_date(locale(), starts_at.date_naive()),
            time_range(locale(), &starts_at, &ends_at)
        )
    };
    // What is left while places can be taken; afterwards only the size (the status says why).
    let places = move || {
        let (status, places_left) = live.get();
        let template = if status == ActivityStatus::Open {
            i18n.t().activity().places_of
        } else {
            i18n.t().activity().places_total
        };
        fill(template, &[("left", &places_left), ("capacity", &capacity)])
    };
    // A deadline is news only while one can still sign up or wait for a place.
    let deadline = move || {
        matches!(live.get().0, ActivityStatus::Open | ActivityStatus::Full).then(|| {
            let text = match signup_deadline {
                Some(deadline) => format!(
                    "{} {}",
                    full_date(locale(), deadline.date_naive()),
                    time_hm(&deadline)
                ),
                None => i18n.t().activity().no_deadline.to_string(),
            };
            view! {
                <dt>{i18n.t().activity().deadline}</dt>
                <dd>{text}</dd>
            }
        })
    };
    // Between its start and end (by the station's clock) an activity is under way, whatever
    // its sign-up status says.
    let now = use_station_now();
    let under_way = move || {
        now.get()
            .is_some_and(|now| now >= starts_at && now < ends_at)
    };
    let status_text = move || match live.get() {
        (status @ (ActivityStatus::Cancelled | ActivityStatus::Finished), places_left) => {
            places_wording(locale(), status, places_left)
        }
        _ if under_way() => i18n.t().activity().under_way.to_string(),
        (ActivityStatus::Open, places_left) if places_left > 0 => {
            i18n.t().activity().open.to_string()
        }
        (status, places_left) => places_wording(locale(), status, places_left),
    };
    let data_status = move || {
        let (status, places_left) = live.get();
        status_key(status, places_left)
    };
    let team = team
        .map(|team| format!("{}（{}）", team.name, team.field))
        .unwrap_or_else(|| i18n.t().activity().no_team.to_string());
    let target_group = target_group.unwrap_or_else(|| i18n.t().activity().everyone.to_string());
    // 朗读 reads what, when and where, then the description, as the page shows them.
    let spoken = Signal::derive({
        let (title, place, site, description) = (
            title.clone(),
            place.clone(),
            site.name.clone(),
            description.clone(),
        );
        move || {
            let template = i18n.t().read_aloud().activity;
            let description = description.replace('\n', " ");
            fill(
                template,
                &[
                    ("title", &title),
                    ("when", &when()),
                    ("place", &place),
                    ("site", &site),
                    ("description", &description),
                ],
            )
        }
    });
    let paragraphs = description
        .split('\n')
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| view! { <p>{line.to_string()}</p> })
        .collect_view();

    view! {
        <article class="detail" data-status=data_status>
            <CategoryTag category=category />
            <h1 class="detail__title">{title}</h1>
            <ReadAloud text=spoken />
            <dl class="detail__facts">
                <dt>{i18n.messages().activity().time}</dt>
                <dd>
                    <time datetime=starts_at.to_rfc3339()>{when}</time>
                </dd>
                <dt>{i18n.messages().activity().place}</dt>
                <dd>{place}</dd>
                <dt>{i18n.messages().activity().site}</dt>
                <dd><a href=paths::station(site.id)>{site.name}</a></dd>
                <dt>{i18n.messages().activity().team}</dt>
                <dd>{team}</dd>
                <dt>{i18n.messages().activity().target_group}</dt>
                <dd>{target_group}</dd>
                <dt>{i18n.messages().activity().places}</dt>
                <dd>{places}</dd>
                {deadline}
                <dt>{i18n.messages().activity().status}</dt>
                <dd class="detail__status">{status_text}</dd>
            </dl>
            {cancel_reason.map(|reason| view! {
                <p class="detail__cancelled" data-testid="cancel-reason">
                    {fill(i18n.t().activity().cancelled_reason, &[("reason", &reason)])}
                </p>
            })}
            {signup}
            {manage}
            <section class="detail__description">
                <h2>{i18n.messages().activity().description}</h2>
                {paragraphs}
            </section>
            <a class="detail__share" href=paths::share(id)>{i18n.messages().activity().share}</a>
        </article>
    }
}
