//! Accounts: 登录, 注册, 修改密码, and staff opening an account for a resident or giving one a
//! new password.

mod login;
mod password;
mod register;
mod staff_new;
mod staff_reset;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::session::{login_href, use_session};

pub use login::LoginPage;
pub use password::ChangePasswordPage;
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
