//! `/staff/categories`: 服务类别, kept by administrators for the whole network — each one's
//! name, colour and place in the order, and a new one. White text is drawn on a category's
//! colour, so the form shows that text on the colour as it is typed, with its contrast, and the
//! server refuses a colour under 4.5:1.

use leptos::prelude::*;
use station_wire::activities::{
    contrast_with_white_text, Category, CategoryUpdate, NewCategory, CATEGORY_NAME_MAX_CHARS,
};
use station_wire::problem::codes;

use crate::action::LocalAction;
use crate::api::use_api;
use crate::components::category::{safe_colour, COLOUR_PROPERTY};
use crate::components::form::focus_when_drawn;
use crate::components::{
    AsyncList, FieldErrors, Form, FormProblem, FormState, SubmitButton, TextField,
};
use crate::hooks::use_categories;
use crate::i18n::{fill, use_i18n};
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::session::use_session;

#[component]
pub fn CategoriesPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let session = use_session();
    let categories = use_categories();
    let changed = Callback::new(move |()| categories.refetch());
    // The one category whose form is open (one at a time: the form's ids stay unique).
    let editing = RwSignal::new(None::<String>);
    // What the last change was, said above the list whose rows it redraws.
    let saved = RwSignal::new(None::<String>);
    // The row a move came from: once the list is drawn again, the focus goes back to it.
    let refocus = StoredValue::new(None::<String>);
    let edited = Callback::new(move |category: Category| {
        editing.set(None);
        saved.set(Some(fill(
            i18n.t().categories().saved,
            &[("name", &category.name)],
        )));
        categories.refetch();
    });
    let texts = i18n.messages().categories();
    let list = move |items: Vec<Category>| {
        if let Some(slug) = refocus.get_value() {
            refocus.set_value(None);
            // Its 修改, which every row has (a row moved to the top has no 上移).
            focus_when_drawn(format!(
                "[data-slug='{slug}'] [data-testid='category-edit']"
            ));
        }
        let last = items.len().saturating_sub(1);
        view! {
            <ol class="me-list" data-testid="category-list">
                {items
                    .into_iter()
                    .enumerate()
                    .map(|(position, category)| view! {
                        <CategoryRow
                            category=category
                            position=position
                            last=last
                            editing=editing
                            announce=saved
                            refocus=refocus
                            on_changed=changed
                            on_edited=edited
                        />
                    })
                    .collect_view()}
            </ol>
        }
    };
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::CONSOLE>{texts.back}</a>
            <h1 class="page__title">{texts.title}</h1>
            <p class="page__lead">{texts.lead}</p>
            <Show
                when=move || session.is_admin()
                fallback=move || view! { <p class="notice" data-testid="admins-only">{texts.admins_only}</p> }
            >
                <section class="panel" aria-labelledby="categories-title">
                    <h2 class="panel__title" id="categories-title">{texts.list_title}</h2>
                    <p class="form__done" role="status" data-testid="category-edited">{move || saved.get()}</p>
                    <AsyncList
                        items=categories
                        empty=move || view! { <p class="panel__empty">{texts.empty}</p> }
                        list=list
                    />
                </section>
                <section class="panel" aria-labelledby="new-category-title">
                    <h2 class="panel__title" id="new-category-title">{texts.new_title}</h2>
                    <CategoryForm existing=None on_saved=move |_| changed.run(()) />
                </section>
            </Show>
        </div>
    }
}

/// One category: its colour with its name written on it, 上移 / 下移, and 修改 opening its form.
#[component]
fn CategoryRow(
    category: Category,
    position: usize,
    last: usize,
    editing: RwSignal<Option<String>>,
    /// The page's status line: says where a category moved.
    announce: RwSignal<Option<String>>,
    /// Where the focus goes once the list is drawn again.
    refocus: StoredValue<Option<String>>,
    #[prop(into)] on_changed: Callback<()>,
    #[prop(into)] on_edited: Callback<Category>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let slug = category.slug.clone();
    let open = Memo::new(move |_| editing.with(|open| open.as_deref() == Some(slug.as_str())));
    let problem = RwSignal::new(None);
    let name_id = format!("category-{}-name", category.slug);
    let stored = StoredValue::new(category.clone());
    // Where the last move was to go: 重试 asks for it again.
    let target = StoredValue::new(position);
    // Moving keeps the name and colour and changes only the place. The list is drawn again, so
    // the focus goes back to the moved row once it is, and the move is said.
    let reorder = LocalAction::new(move |to: &usize| {
        let (api, to, category) = (api.clone(), *to, stored.get_value());
        async move {
            let update = CategoryUpdate {
                name: category.name.clone(),
                colour: category.colour,
                position: u32::try_from(to).ok(),
            };
            match api.update_category(&category.slug, &update).await {
                Ok(_) => {
                    let place = (to + 1).to_string();
                    announce.set(Some(fill(
                        i18n.t().categories().moved,
                        &[("name", &category.name), ("place", &place)],
                    )));
                    refocus.set_value(Some(category.slug));
                    on_changed.run(());
                }
                Err(error) => problem.set(Some(error)),
            }
        }
    });
    let texts = i18n.messages().categories();
    let described_by = name_id.clone();
    let move_button = move |label: &'static str, to: Option<usize>, testid: &'static str| {
        to.map(|to| {
            view! {
                <button
                    type="button"
                    class="button button--quiet"
                    aria-describedby=described_by.clone()
                    data-testid=testid
                    disabled=move || reorder.pending().get()
                    on:click=move |_| {
                        problem.set(None);
                        target.set_value(to);
                        reorder.dispatch(to);
                    }
                >
                    {label}
                </button>
            }
        })
    };
    let up = move_button(texts.up, position.checked_sub(1), "category-up");
    let down = move_button(
        texts.down,
        (position < last).then_some(position + 1),
        "category-down",
    );
    view! {
        <li class="me-item" data-testid="category-row" data-slug=category.slug.clone()>
            <Swatch name=Signal::stored(category.name.clone()) colour=Signal::stored(category.colour.clone()) id=name_id.clone() />
            <span class="me-item__when">{category.slug.clone()}" · "{category.colour.clone()}</span>
            <div class="actions">
                {up}
                {down}
                <button
                    type="button"
                    class="button button--quiet"
                    aria-expanded=move || open.get().to_string()
                    aria-describedby=name_id.clone()
                    data-testid="category-edit"
                    on:click=move |_| {
                        let slug = stored.with_value(|category| category.slug.clone());
                        editing.update(|now| {
                            *now = if now.as_deref() == Some(slug.as_str()) { None } else { Some(slug) };
                        });
                    }
                >
                    {texts.edit}
                </button>
            </div>
            <FormProblem error=problem on_retry=move |()| {
                problem.set(None);
                reorder.dispatch(target.get_value());
            } />
            <Show when=move || open.get()>
                <CategoryForm existing=Some(stored.get_value()) on_saved=on_edited />
            </Show>
        </li>
    }
}

/// The colour with white text on it, as categories are drawn, and the contrast of the two.
#[component]
fn Swatch(
    #[prop(into)] name: Signal<String>,
    #[prop(into)] colour: Signal<String>,
    #[prop(optional, into)] id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let style = move || {
        colour.with(|colour| {
            safe_colour(colour)
                .filter(|hex| hex.len() == 7)
                .map(str::to_owned)
        })
    };
    let contrast = move || {
        colour
            .with(|colour| contrast_with_white_text(colour))
            .map(|ratio| {
                // Tenths, rounded down (4.49 is not 4.5), without the float formatter's weight.
                let tenths = (ratio * 10.0) as u32;
                let shown = format!("{}.{}", tenths / 10, tenths % 10);
                let texts = i18n.t().categories();
                let template = if ratio >= 4.5 {
                    texts.contrast_ok
                } else {
                    texts.contrast_low
                };
                fill(template, &[("ratio", &shown)])
            })
    };
    // Only a colour that is one is drawn (white text on the neutral grey would mislead).
    view! {
        <Show when=move || style().is_some()>
            <span class="category-swatch" style=(COLOUR_PROPERTY, move || style().unwrap_or_default()) id=id.clone()>
                {move || name.get()}
            </span>
        </Show>
        <span class="category-swatch__contrast" data-testid="contrast">{contrast}</span>
    }
}

/// What the administrator typed for a category.
#[derive(Clone, Copy)]
struct CategoryDraft {
    slug: RwSignal<String>,
    name: RwSignal<String>,
    colour: RwSignal<String>,
}

impl CategoryDraft {
    fn new(existing: Option<&Category>) -> Self {
        let text = |value: Option<&String>| RwSignal::new(value.cloned().unwrap_or_default());
        CategoryDraft {
            slug: text(existing.map(|category| &category.slug)),
            name: text(existing.map(|category| &category.name)),
            colour: RwSignal::new(
                existing.map_or_else(|| "#".to_owned(), |category| category.colour.clone()),
            ),
        }
    }

    /// The name and colour, or the fields the app can already tell are wrong (the server
    /// judges the contrast and the slug's form).
    fn checked(self, with_slug: bool) -> Result<(String, String, String), FieldErrors> {
        let slug = self.slug.get_untracked().trim().to_owned();
        let name = self.name.get_untracked().trim().to_owned();
        let colour = self.colour.get_untracked().trim().to_owned();
        let mut errors = FieldErrors::new();
        if with_slug && slug.is_empty() {
            errors.push(("slug".into(), codes::REQUIRED.into()));
        }
        if name.is_empty() {
            errors.push(("name".into(), codes::REQUIRED.into()));
        }
        if contrast_with_white_text(&colour).is_none() {
            errors.push(("colour".into(), codes::INVALID.into()));
        }
        if errors.is_empty() {
            Ok((slug, name, colour))
        } else {
            Err(errors)
        }
    }
}

/// A new category (`existing` none), or the name and colour of one.
#[component]
fn CategoryForm(
    existing: Option<Category>,
    #[prop(into)] on_saved: Callback<Category>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let draft = CategoryDraft::new(existing.as_ref());
    let slug = StoredValue::new(existing.map(|category| category.slug));
    let is_new = slug.with_value(Option::is_none);
    let state = FormState::default();
    let errors = state.errors;
    let submit = LocalAction::new(move |(key, name, colour): &(String, String, String)| {
        let api = api.clone();
        let (key, name, colour) = (key.clone(), name.clone(), colour.clone());
        async move {
            let answer = if is_new {
                let new = NewCategory {
                    slug: key,
                    name,
                    colour,
                };
                api.create_category(&new).await
            } else {
                let update = CategoryUpdate {
                    name,
                    colour,
                    position: None,
                };
                api.update_category(&key, &update).await
            };
            match answer {
                Ok(saved) => {
                    if is_new {
                        draft.slug.set(String::new());
                        draft.name.set(String::new());
                        draft.colour.set("#".to_owned());
                    }
                    state.succeed(fill(
                        i18n.t().categories().created,
                        &[("name", &saved.name)],
                    ));
                    on_saved.run(saved);
                }
                Err(error) => state.fail(error),
            }
        }
    });
    let send = move || {
        let checked = draft.checked(is_new).map(|(typed, name, colour)| {
            // Editing, the slug is the category's own and never changes.
            (slug.get_value().unwrap_or(typed), name, colour)
        });
        state.send(checked, submit);
    };
    let texts = i18n.messages().categories();
    let scope = if is_new { "" } else { "edit" };
    let slug_field = is_new.then(|| {
        view! {
            <TextField name="slug" label=texts.slug hint=texts.slug_hint value=draft.slug errors=errors max_chars=32 />
        }
    });
    let preview_name = Signal::derive(move || {
        let name = draft.name.get();
        if name.trim().is_empty() {
            i18n.t().categories().preview.to_owned()
        } else {
            name
        }
    });
    view! {
        <Form on_submit=move |()| send()>
            {slug_field}
            <TextField name="name" label=texts.name value=draft.name errors=errors max_chars=CATEGORY_NAME_MAX_CHARS scope=scope />
            <TextField name="colour" label=texts.colour hint=texts.colour_hint value=draft.colour errors=errors scope=scope />
            <p class="category-preview" aria-live="polite">
                <Swatch name=preview_name colour=draft.colour />
            </p>
            <FormProblem error=state.problem on_retry=move |()| send() />
            <p class="form__done" role="status" data-testid="category-saved">{move || state.done.get()}</p>
            <SubmitButton pending=submit.pending() label=if is_new { texts.create } else { texts.save } />
        </Form>
    }
}
