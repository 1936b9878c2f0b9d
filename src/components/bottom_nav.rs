//! The four tabs at the bottom of a phone screen (a rail on wide screens).

use crate::router::use_location;
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Calendar,
    Honors,
    Wishes,
    Me,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Calendar, Tab::Honors, Tab::Wishes, Tab::Me];

    pub fn href(self) -> &'static str {
        match self {
            Tab::Calendar => "/",
            Tab::Honors => "/honors",
            Tab::Wishes => "/wishes",
            Tab::Me => "/me",
        }
    }

    /// The tab a path belongs to; an activity's page and the calendar's month, week and list
    /// belong to the calendar.
    pub fn of_path(path: &str) -> Option<Tab> {
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        match first {
            "" | "activities" | "calendar" => Some(Tab::Calendar),
            "honors" => Some(Tab::Honors),
            "wishes" => Some(Tab::Wishes),
            "me" | "staff" => Some(Tab::Me),
            _ => None,
        }
    }

    /// The icon's SVG path (24×24, stroked).
    fn icon(self) -> &'static str {
        match self {
            Tab::Calendar => "M4 6.5A1.5 1.5 0 0 1 5.5 5h13A1.5 1.5 0 0 1 20 6.5v12a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 4 18.5zM4 10h16M8.5 3v4M15.5 3v4",
            Tab::Honors => "M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z",
            Tab::Wishes => "M12 20s-7.5-4.6-7.5-10A4.2 4.2 0 0 1 12 7.4 4.2 4.2 0 0 1 19.5 10c0 5.4-7.5 10-7.5 10z",
            Tab::Me => "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4.5 20.5a7.5 7.5 0 0 1 15 0",
        }
    }
}

#[component]
pub fn BottomNav() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let current = Memo::new(move |_| Tab::of_path(&location.pathname.get()));
    let label = move |tab: Tab| match tab {
        Tab::Calendar => i18n.t().nav().calendar,
        Tab::Honors => i18n.t().nav().honors,
        Tab::Wishes => i18n.t().nav().wishes,
        Tab::Me => i18n.t().nav().me,
    };
    let items = Tab::ALL
        .into_iter()
        .map(|tab| {
            let aria_current = move || (current.get() == Some(tab)).then_some("page");
            view! {
                <li>
                    <a class="bottom-nav__link" href=tab.href() aria-current=aria_current>
                        <svg class="bottom-nav__icon" viewBox="0 0 24 24" aria-hidden="true">
                            <path d=tab.icon() />
                        </svg>
                        <span class="bottom-nav__label">{label(tab)}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="bottom-nav" aria-label=i18n.messages().nav().label>
            <ul class="bottom-nav__list">{items}</ul>
        </nav>
    }
}
