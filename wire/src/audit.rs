//! The audit log (操作记录): every write by staff, a team's leader or an administrator, kept and
//! shown to administrators.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::sites::SiteRef;

/// One write: who, when, where, what, and the subject before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub at: DateTime<FixedOffset>,
    /// Who wrote: the account's id and display name.
    pub actor_id: i64,
    pub actor_name: String,
    /// The site the write concerns, when it concerns one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<SiteRef>,
    /// What was done, e.g. `activity.update`, `site.archive`, `staff.grant`.
    pub action: String,
    /// What it was done to, e.g. `activity:12`, `team:3/member:7`.
    pub subject: String,
    /// The subject as it stood before (absent for a creation), as the API shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    /// The subject as it stands after (absent for a deletion), as the API shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
}
