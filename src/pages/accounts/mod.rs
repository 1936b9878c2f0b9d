//! Accounts: 登录, 注册, 修改密码, and staff opening an account for a resident or giving one a
//! new password.

mod login;
mod password;
mod privacy;
mod register;
mod staff_new;
mod staff_reset;

use crate::router::NavigateOptions;
use crate::router::{use_location, use_navigate};
use leptos::prelude::*;

use crate::components::Form;
use crate::i18n::use_i18n;
use crate::session::{login_href, use_session};

pub use login::LoginPage;
pub use password::ChangePasswordPage;
pub use privacy::PrivacyPage;
pub use register::RegisterPage;
pub use staff_new::CreateAccountPage;
pub use staff_reset::ResetPasswordPage;

/// The current path with its query, to come back to after signing in.
pub fn use_here() -> impl Fn() -> String + Clone + 'static {
    let location = use_location();
    move || {
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    }
}

/// Sends a signed-out reader to sign in, and back here afterwards. For pages that make no sense
/// without an account.
pub fn require_sign_in() {
    let session = use_session();
    let navigate = use_navigate();
    let here = use_here();
    Effect::new(move |_| {
        if !session.is_signed_in() {
            let options = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate(&login_href(&here()), options);
        }
    });
}

/// The frame of a staff page that is one form: back to 我的, the title and lead, and the form, or,
/// for an account without staff rights, a plain refusal in its place.
#[component]
pub fn StaffFormPage(
    title: &'static str,
    lead: &'static str,
    /// Called when the form is submitted (its default is prevented).
    #[prop(into)]
    on_submit: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Shown again whenever the staff check turns true: kept, and called each time.
    let children = StoredValue::new(children);
    view! {
        <div class="page page--form">
            <a class="back-link" href="/me">{i18n.messages().me().title}</a>
            <h1 class="page__title">{title}</h1>
            <p class="page__lead">{lead}</p>
            <Show when=move || session.account().is_none() || session.is_staff() fallback=move || view! {
                <p class="form-problem" role="alert">{i18n.t().account().staff_only}</p>
            }>
                <Form on_submit=on_submit>
                    {children.with_value(|children| children())}
                </Form>
            </Show>
        </div>
    }
}
