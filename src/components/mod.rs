//! Small reusable pieces; their props say what they mean.

pub mod activity_card;
pub mod bottom_nav;
pub mod category;
pub mod confirm;
pub mod copy_field;
pub mod day_group;
pub mod download;
pub mod elder_mode;
pub mod flash;
pub mod form;
pub mod language_switch;
pub mod paged;
pub mod photo_field;
pub mod read_aloud;
pub mod signup_button;
pub mod site_select;
pub mod stars;
pub mod states;

pub use activity_card::{full_card, link_card, ActivityCard, ActivityCardLink, CardView};
pub use bottom_nav::BottomNav;
pub use category::{find_category, safe_colour, CategoryTag};
pub use confirm::{ArchiveSection, ArchiveTexts, ConfirmStep, DangerSection};
pub use copy_field::CopyField;
pub use day_group::DayGroupSection;
pub use elder_mode::{provide_elder_mode, ElderOffer, ElderToggle};
pub use form::{FieldErrors, Form, FormProblem, FormState, SelectField, SubmitButton, TextField};
pub use language_switch::LanguageSwitch;
pub use paged::PagedList;
pub use read_aloud::ReadAloud;
pub use signup_button::{signup_offer, SignupButton, SignupOffer};
pub use site_select::SiteSelect;
pub use stars::StarLevel;
pub use states::{AgendaSkeleton, AsyncList, DetailSkeleton, EmptyState, ErrorState, ListSkeleton};
