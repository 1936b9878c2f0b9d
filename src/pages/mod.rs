//! One module per page; a page composes components and owns its data loading.

pub mod calendar;
pub mod coming_soon;
pub mod not_found;

pub use calendar::{ActivityPage, AgendaPage};
pub use coming_soon::{ComingSoonPage, Upcoming};
pub use not_found::NotFoundPage;
