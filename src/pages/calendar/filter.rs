//! The category chips above the agenda. The choice lives in the URL (`/?category=elderly`), so
//! it survives a reload and can be shared; [`use_category_filter`] and [`category_href`] are the
//! only places that read and write it.

use crate::router::use_query_map;
use leptos::prelude::*;
use station_wire::activities::ActivityQuery;

use crate::components::category::{colour_style, COLOUR_PROPERTY};
use crate::hooks::use_categories;
use crate::i18n::use_i18n;

const PARAM: &str = "category";

/// The category slug chosen in the URL, if any.
pub fn use_category_filter() -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(PARAM).filter(|slug| !slug.is_empty()))
}

/// The agenda's URL with this category chosen (`None`: all categories).
pub fn category_href(slug: Option<&str>) -> String {
    match slug {
        None => "/".to_string(),
        Some(slug) => {
            let query = ActivityQuery {
                category: Some(slug.to_string()),
                ..Default::default()
            };
            format!("/?{}", query.to_query_string())
        }
    }
}

/// One row of chips: 全部, then every category with its colour dot and name.
#[component]
pub fn CategoryFilter(selected: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let categories = use_categories();
    let chip = move |slug: Option<String>, style: (&'static str, String), name: AnyView| {
        let href = category_href(slug.as_deref());
        let current = move || {
            selected
                .with(|selected| *selected == slug)
                .then_some("true")
        };
        view! {
            <li>
                <a class="chip" href=href aria-current=current style=style>
                    {name}
                </a>
            </li>
        }
    };
    // The row keeps its height while the categories load, so nothing below it moves.
    view! {
        <nav class="chips" aria-label=i18n.messages().calendar().filter_label>
            <ul class="chips__list">
                    {move || {
                        let categories = categories.get().and_then(Result::ok).unwrap_or_default();
                        let all = chip(
                            None,
                            (COLOUR_PROPERTY, String::new()),
                            (move || i18n.t().calendar().all_categories).into_any(),
                        );
                        let each = categories
                            .into_iter()
                            .map(|category| {
                                let style = colour_style(Some(&category));
                                let name = view! {
                                    <span class="category-dot" aria-hidden="true"></span>
                                    {category.name}
                                }
                                    .into_any();
                                chip(Some(category.slug), style, name)
                            })
                            .collect_view();
                        view! { {all} {each} }
                    }}
            </ul>
        </nav>
    }
}
