//! The activity calendar: the agenda of the coming days, the month and the week, one
//! activity's page, and the filters they share (in the URL).

mod agenda;
mod detail;
mod filter;
pub mod grouping;
mod views;

pub use agenda::{elder_offer, no_intro, AgendaPage};
pub use detail::ActivityPage;
pub use filter::{search_form, search_link, FILTERED_LIST};
pub use grouping::{group_by_day, DayGroup};
pub use views::{day_name, month_grid, month_step, week_of, MonthPage, WeekPage};
