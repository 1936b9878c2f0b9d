//! Who is asking, and what they may do.
//!
//! - [`password`]: argon2id hashes, computed off the async threads.
//! - [`common_passwords`]: the list a new password may not be on.
//! - [`session`]: opaque bearer tokens; only their SHA-256 is stored.
//! - [`extract`]: the [`AuthUser`] and [`MaybeAuthUser`] extractors.
//! - [`policy`]: the one place that answers "may this user do that?" (roles per site: every
//!   account is a volunteer; a team's leader; staff of a site and, by inheritance, its child
//!   sites; administrators).
//! - [`sign_in_limit`]: attempts reserved and counted per phone and per client address.

pub mod common_passwords;
pub mod extract;
pub mod password;
pub mod policy;
pub mod session;
pub mod sign_in_limit;

pub use extract::{AuthUser, MaybeAuthUser};
pub use password::Passwords;
