//! Form pieces: a labelled field with its hint and error, field errors by `code`, and the
//! form-level message (refusal, rate limit, network failure with 重试).

use leptos::prelude::*;
use station_wire::problem::{codes, types, FieldError};
use wasm_bindgen::JsCast;

use crate::action::LocalAction;
use crate::api::ApiError;
use crate::i18n::{error_message, field_sentence, use_i18n, Locale, NO_ACCOUNT};

/// What is wrong with a form's fields: `(field, code)` pairs, from the client's checks or the
/// server's validation problem.
pub type FieldErrors = Vec<(String, String)>;

/// The field errors a refusal carries: a validation problem's list, and the refusals that are
/// about one field (a taken phone number).
pub fn field_errors_of(error: &ApiError) -> FieldErrors {
    let ApiError::Problem(problem) = error else {
        return Vec::new();
    };
    let mut errors: FieldErrors = problem
        .errors
        .iter()
        .map(|FieldError { field, code, .. }| (field.clone(), code.clone()))
        .collect();
    if errors.is_empty() && problem.kind == types::PHONE_TAKEN {
        errors.push(("phone".into(), codes::TAKEN.into()));
    }
    errors
}

/// A refusal's field errors, where an unknown phone means "no such account" (not "no resident
/// of your sites", as it does when resetting a password).
pub fn account_phone_errors(error: &ApiError) -> FieldErrors {
    field_errors_of(error)
        .into_iter()
        .map(|(field, code)| {
            if code == codes::UNKNOWN && field.ends_with("phone") {
                (field, NO_ACCOUNT.to_owned())
            } else {
                (field, code)
            }
        })
        .collect()
}

/// One form's state besides what was typed: the field errors, the form's own problem and the
/// line that says it worked. Every form of the console goes through it, so that sending,
/// failing and succeeding look and behave the same everywhere.
#[derive(Clone, Copy)]
pub struct FormState {
    pub errors: RwSignal<FieldErrors>,
    pub problem: RwSignal<Option<ApiError>>,
    pub done: RwSignal<Option<String>>,
}

impl Default for FormState {
    fn default() -> Self {
        FormState {
            errors: RwSignal::new(FieldErrors::new()),
            problem: RwSignal::new(None),
            done: RwSignal::new(None),
        }
    }
}

impl FormState {
    /// Sends what the app's own checks found well-formed, or shows what they found wrong; the
    /// last outcome is cleared either way.
    pub fn send<I: Send + Sync + 'static>(
        self,
        checked: Result<I, FieldErrors>,
        action: LocalAction<I, ()>,
    ) {
        self.problem.set(None);
        self.done.set(None);
        match checked {
            Ok(input) => {
                show_field_errors(self.errors, Vec::new());
                action.dispatch(input);
            }
            Err(found) => show_field_errors(self.errors, found),
        }
    }

    /// The backend refused: the fields it names, and the problem.
    pub fn fail(self, error: ApiError) {
        self.fail_with(field_errors_of(&error), error);
    }

    /// [`FormState::fail`] with the field errors read another way (see [`account_phone_errors`]).
    pub fn fail_with(self, fields: FieldErrors, error: ApiError) {
        show_field_errors(self.errors, fields);
        self.problem.set(Some(error));
    }

    /// It worked: say so.
    pub fn succeed(self, text: String) {
        self.done.set(Some(text));
    }
}

/// Shows a form's field errors and, when there are any, moves the focus to the first field in
/// error once it is drawn: a screen reader hears what is wrong, and a keyboard is where to fix it.
pub fn show_field_errors(errors: RwSignal<FieldErrors>, found: FieldErrors) {
    let any = !found.is_empty();
    errors.set(found);
    if any {
        focus_when_drawn("[aria-invalid='true']".to_string());
    }
}

/// Moves the focus to the first element matching `selector` once the next frame is drawn: after
/// a change that puts new controls on the page (a confirm step, more items), keyboard and screen
/// reader users land on them instead of the page's top.
pub fn focus_when_drawn(selector: String) {
    request_animation_frame(move || {
        let first = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.query_selector(&selector).ok())
            .flatten();
        if let Some(element) = first.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
}

/// A labelled `<input>` bound to `value`, with a hint and the error for `name` from `errors`.
/// Passwords get a 显示密码 / 隐藏密码 toggle.
#[component]
pub fn TextField(
    /// The wire name of the field (`phone`), also the input's `name` and id.
    name: &'static str,
    /// The visible label.
    label: &'static str,
    /// What the reader typed; kept as typed whatever happens.
    value: RwSignal<String>,
    /// Every field error of the form; this field shows its own.
    errors: RwSignal<FieldErrors>,
    /// `text`, `tel`, `password`, `number`.
    #[prop(default = "text")]
    kind: &'static str,
    /// The `autocomplete` token (`tel`, `current-password`, `new-password`, `name`).
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// A hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Several lines of text (`<textarea>`), e.g. a description.
    #[prop(optional)]
    multiline: bool,
    /// The most characters it takes, for the message when it is too long.
    #[prop(optional)]
    max_chars: Option<usize>,
    /// Which form of the page it belongs to, when a page has several with the same field
    /// names (the ids stay unique).
    #[prop(optional)]
    scope: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = field_id(scope, name);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let FieldState { error, has_error } = field_state(name, label, errors, max_chars);
    let revealed = RwSignal::new(false);
    let is_password = kind == "password";
    let input_type = move || {
        if is_password && revealed.get() {
            "text"
        } else {
            kind
        }
    };
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.as_str());
            }
            if has_error() {
                ids.push(error_id.as_str());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let inputmode = match kind {
        "tel" => Some("numeric"),
        "number" => Some("numeric"),
        _ => None,
    };
    let toggle = is_password.then(|| {
        view! {
            <button
                type="button"
                class="field__toggle"
                aria-pressed=move || if revealed.get() { "true" } else { "false" }
                aria-controls=id.clone()
                on:click=move |_| revealed.update(|shown| *shown = !*shown)
            >
                {move || {
                    if revealed.get() { i18n.t().form().hide_password } else { i18n.t().form().show_password }
                }}
            </button>
        }
    });
    view! {
        <div class="field" class:field--invalid=has_error data-field=name>
            <label class="field__label" for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
            <div class="field__row">
                {if multiline {
                    view! {
                        <textarea
                            class="field__input field__input--multiline"
                            id=id.clone()
                            name=name
                            rows="5"
                            aria-invalid=move || has_error().then_some("true")
                            aria-describedby=described_by.clone()
                            prop:value=move || value.get()
                            on:input=move |event| value.set(event_target_value(&event))
                        ></textarea>
                    }
                    .into_any()
                } else {
                    view! {
                        <input
                            class="field__input"
                            id=id.clone()
                            name=name
                            type=input_type
                            inputmode=inputmode
                            autocomplete=autocomplete
                            aria-invalid=move || has_error().then_some("true")
                            aria-describedby=described_by.clone()
                            prop:value=move || value.get()
                            on:input=move |event| value.set(event_target_value(&event))
                        />
                    }
                    .into_any()
                }}
                {toggle}
            </div>
            <p class="field__error" id=error_id hidden=move || !has_error()>{error}</p>
        </div>
    }
}

/// A checkbox one ticks to go on (agreeing to a notice), with the error for `name` from
/// `errors` when it was left unticked.
#[component]
pub fn CheckField(
    /// The wire name of what it answers (`privacy_notice`), also the input's `name` and id.
    name: &'static str,
    /// What ticking it says, e.g. 我已阅读并同意….
    label: &'static str,
    checked: RwSignal<bool>,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let id = field_id("", name);
    let error_id = format!("{id}-error");
    let FieldState { error, has_error } = field_state(name, label, errors, None);
    let described_by = {
        let error_id = error_id.clone();
        move || has_error().then(|| error_id.clone())
    };
    let label_for = id.clone();
    view! {
        <div class="field field--check" class:field--invalid=has_error data-field=name>
            <label class="field__check" for=label_for>
                <input
                    type="checkbox"
                    id=id
                    name=name
                    aria-invalid=move || has_error().then_some("true")
                    aria-describedby=described_by
                    prop:checked=move || checked.get()
                    on:change=move |event| checked.set(event_target_checked(&event))
                />
                <span>{label}</span>
            </label>
            <p class="field__error" id=error_id hidden=move || !has_error()>{error}</p>
        </div>
    }
}

/// A labelled `<select>` bound to `value`, with its hint and the error for `name` from `errors`
/// (a choice the server refused, e.g. a parent that would make a cycle).
#[component]
pub fn SelectField(
    /// The wire name of the field (`parent_id`), also the select's `name` and id.
    name: &'static str,
    label: &'static str,
    /// The chosen option's value.
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
    /// `(value, text)` of every option, in order.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let id = field_id("", name);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let FieldState { error, has_error } = field_state(name, label, errors, None);
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match (hint.is_some(), has_error()) {
            (true, true) => Some(format!("{hint_id} {error_id}")),
            (true, false) => Some(hint_id.clone()),
            (false, true) => Some(error_id.clone()),
            (false, false) => None,
        }
    };
    let choices = move || {
        let chosen = value.get();
        options
            .get()
            .into_iter()
            .map(|(option, text)| {
                let selected = option == chosen;
                view! { <option value=option selected=selected>{text}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field" class:field--invalid=has_error data-field=name>
            <label class="field__label" for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
            <select
                class="field__input"
                id=id
                name=name
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=described_by
                on:change=move |event| value.set(event_target_value(&event))
            >
                {choices}
            </select>
            <p class="field__error" id=error_id hidden=move || !has_error()>{error}</p>
        </div>
    }
}

/// `field-name`, or `field-team-name` in the form scoped `team`.
fn field_id(scope: &str, name: &str) -> String {
    if scope.is_empty() {
        format!("field-{name}")
    } else {
        format!("field-{scope}-{name}")
    }
}

/// A field's error sentence and whether it has one, from the form's errors.
struct FieldState<E, H> {
    error: E,
    has_error: H,
}

fn field_state(
    name: &'static str,
    label: &'static str,
    errors: RwSignal<FieldErrors>,
    max_chars: Option<usize>,
) -> FieldState<impl Fn() -> Option<String> + Copy, impl Fn() -> bool + Copy> {
    let i18n = use_i18n();
    FieldState {
        error: move || {
            errors.with(|errors| {
                errors
                    .iter()
                    .find(|(field, _)| field == name)
                    .map(|(field, code)| {
                        field_sentence(i18n.locale(), field, label, code, max_chars)
                    })
            })
        },
        has_error: move || errors.with(|errors| errors.iter().any(|(field, _)| field == name)),
    }
}

/// The form's own message: why the server refused (not about one field), with 重试 when the
/// network failed.
#[component]
pub fn FormProblem(
    /// The last failure, if any.
    error: RwSignal<Option<ApiError>>,
    /// Sends the form again.
    #[prop(into)]
    on_retry: Callback<()>,
    /// The sentences of an area's own refusals, by problem `type` (kept out of the shared
    /// error table, which every area's bundle carries).
    #[prop(optional)]
    own: Option<fn(Locale, &str) -> Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|error| {
            let retry = matches!(error, ApiError::Network).then(|| {
                view! {
                    <button type="button" class="button button--quiet" on:click=move |_| on_retry.run(())>
                        {i18n.t().errors().retry}
                    </button>
                }
            });
            // A refusal about fields is told next to them; here, only that there is one.
            let own = match (&error, own) {
                (ApiError::Problem(problem), Some(own)) => own(i18n.locale(), &problem.kind),
                _ => None,
            };
            let text = if let Some(own) = own {
                own.to_string()
            } else if field_errors_of(&error).is_empty() {
                error_message(i18n.locale(), &error)
            } else {
                i18n.t().form().check_fields.to_string()
            };
            view! {
                <div class="form-problem" role="alert" data-testid="form-problem">
                    <p>{text}</p>
                    {retry}
                </div>
            }
        })
    }
}

/// A form the app checks itself (`novalidate`: its messages are in plain Chinese, next to the
/// fields); a submit, by button or Enter, calls `on_submit` instead of loading a page.
#[component]
pub fn Form(#[prop(into)] on_submit: Callback<()>, children: Children) -> impl IntoView {
    view! {
        <form
            class="form"
            novalidate
            on:submit=move |event| {
                event.prevent_default();
                on_submit.run(());
            }
        >
            {children()}
        </form>
    }
}

/// The form's submit button: disabled, and saying so, while the form is being sent.
#[component]
pub fn SubmitButton(
    /// Whether the form is being sent.
    #[prop(into)]
    pending: Signal<bool>,
    /// What the button does, e.g. 登录.
    label: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="submit"
            class="button button--wide"
            disabled=pending
            aria-busy=move || pending.get().then_some("true")
        >
            {move || if pending.get() { i18n.t().form().submitting } else { label }}
        </button>
    }
}
