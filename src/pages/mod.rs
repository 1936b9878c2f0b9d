//! One module per page; a page composes components and owns its data loading.

pub mod accounts;
pub mod calendar;
pub mod categories;
pub mod checkin;
pub mod console;
pub mod honor_review;
pub mod honors;
pub mod me;
pub mod not_found;
pub mod notices;
pub mod orders;
pub mod records;
pub mod roster;
pub mod screen;
pub mod share;
pub mod sites;
pub mod stations;
pub mod subscribe;
pub mod teams;
pub mod wishes;

pub use accounts::{
    ChangePasswordPage, CreateAccountPage, LoginPage, PrivacyPage, RegisterPage, ResetPasswordPage,
};
pub use calendar::{ActivityPage, AgendaPage, MonthPage, WeekPage};
pub use categories::CategoriesPage;
pub use checkin::{CheckinCodePage, CheckinPage};
pub use console::{AuditPage, ConsolePage, EditActivityPage, NewActivityPage};
pub use honor_review::{ReviewPage, ReviewQueuePage};
pub use honors::{BoardPage, HonorPage, MyNominationsPage, NominatePage};
pub use me::MePage;
pub use not_found::NotFoundPage;
pub use notices::NoticesPage;
pub use orders::{
    MenuKeepingPage, MyOrdersPage, OrderPage, PlaceOrderPage, ServicesPage, StaffOrdersPage,
};
pub use records::{CertificatePage, ReportsPage};
pub use roster::{BehalfPage, RosterPage};
pub use screen::ScreenPage;
pub use share::{ShareHonorPage, SharePage};
pub use sites::{NewSitePage, ScreensPage, SitePage, SitesPage};
pub use stations::{StationPage, StationsPage};
pub use subscribe::SubscribePage;
pub use teams::{EditTeamPage, NewTeamPage, TeamMembersPage, TeamsPage};
pub use wishes::{FulfilWishPage, MyWishesPage, PostWishPage, StaffWishesPage, WallPage, WishPage};
