//! The activity calendar: the agenda of the coming days and one activity's page.

mod agenda;
mod detail;
mod filter;
pub mod grouping;

pub use agenda::AgendaPage;
pub use detail::ActivityPage;
pub use grouping::{group_by_day, DayGroup};
