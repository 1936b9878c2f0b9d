//! Authorization: every "may this user…?" question of the API is answered here, from the roles
//! the database holds (staff grants inherit down the site tree; a team's leader; administrators).

use std::collections::HashSet;

use sqlx::AnyPool;
use station_wire::accounts::{Role, RoleGrant};

use super::AuthUser;
use crate::error::ApiError;
use crate::store::activities::ActivityRow;
use crate::store::{accounts, sites, teams};

/// The sites a user acts as staff for: the granted sites and every site below them.
#[derive(Debug, Clone, Default)]
pub struct StaffScope {
    everywhere: bool,
    sites: HashSet<i64>,
}

impl StaffScope {
    pub async fn of(pool: &AnyPool, user: &AuthUser) -> Result<Self, sqlx::Error> {
        Self::of_account(pool, user.account_id, user.is_admin).await
    }

    pub async fn of_account(
        pool: &AnyPool,
        account_id: i64,
        is_admin: bool,
    ) -> Result<Self, sqlx::Error> {
        if is_admin {
            return Ok(Self {
                everywhere: true,
                sites: HashSet::new(),
            });
        }
        let sites = accounts::staff_scope_sites(pool, account_id).await?;
        Ok(Self {
            everywhere: false,
            sites: sites.into_iter().collect(),
        })
    }

    /// The sites covered, in id order; every site for an administrator.
    pub async fn site_ids(&self, pool: &AnyPool) -> Result<Vec<i64>, sqlx::Error> {
        let mut ids: Vec<i64> = if self.everywhere {
            sites::all_ids(pool).await?
        } else {
            self.sites.iter().copied().collect()
        };
        ids.sort_unstable();
        Ok(ids)
    }

    pub fn covers(&self, site_id: i64) -> bool {
        self.everywhere || self.sites.contains(&site_id)
    }

    pub fn is_empty(&self) -> bool {
        !self.everywhere && self.sites.is_empty()
    }

    /// The sites a staff queue lists: the one `asked` for (if the reader runs it), else every
    /// site the reader runs; `None` for an administrator's every site (no list at all).
    pub async fn queue_sites(
        pool: &AnyPool,
        user: &AuthUser,
        asked: Option<i64>,
    ) -> Result<Option<Vec<i64>>, ApiError> {
        let scope = Self::of(pool, user).await?;
        Ok(match asked {
            Some(site) => {
                require(scope.covers(site), "staff of the site or administrators")?;
                Some(vec![site])
            }
            None if user.is_admin => None,
            None => {
                require(!scope.is_empty(), "staff or administrators")?;
                Some(scope.site_ids(pool).await?)
            }
        })
    }
}

/// Staff of the site (inherited from an ancestor) or an administrator.
pub async fn is_staff_of(pool: &AnyPool, user: &AuthUser, site_id: i64) -> Result<bool, ApiError> {
    Ok(StaffScope::of(pool, user).await?.covers(site_id))
}

/// Whether the user leads the team.
pub async fn leads_team(pool: &AnyPool, user: &AuthUser, team_id: i64) -> Result<bool, ApiError> {
    Ok(teams::is_led_by(pool, team_id, user.account_id).await?)
}

/// Runs the activity day to day: staff of its site, the leader of its team, administrators.
/// (Roster, no-shows, check-in codes, manual check-in.)
pub async fn can_manage_activity(
    pool: &AnyPool,
    user: &AuthUser,
    activity: &ActivityRow,
) -> Result<bool, ApiError> {
    if is_staff_of(pool, user, activity.site_id).await? {
        return Ok(true);
    }
    match activity.team_id {
        Some(team_id) => leads_team(pool, user, team_id).await,
        None => Ok(false),
    }
}

/// Decides on a team's members: its leader, staff of its site, administrators.
pub async fn can_manage_team(
    pool: &AnyPool,
    user: &AuthUser,
    team_id: i64,
    team_site_id: i64,
) -> Result<bool, ApiError> {
    Ok(leads_team(pool, user, team_id).await? || is_staff_of(pool, user, team_site_id).await?)
}

/// Confirms service hours: staff of the activity's site and administrators only.
pub async fn can_confirm_hours(
    pool: &AnyPool,
    user: &AuthUser,
    activity: &ActivityRow,
) -> Result<bool, ApiError> {
    is_staff_of(pool, user, activity.site_id).await
}

/// A phone number is shown whole to its owner, to staff of the owner's site and to
/// administrators (and, by the team's endpoints, to a team's leader for its members and for the
/// people signed up for its activities); everyone else sees it masked.
pub fn sees_phone(
    scope: &StaffScope,
    viewer: &AuthUser,
    owner_id: i64,
    owner_site: Option<i64>,
) -> bool {
    viewer.account_id == owner_id
        || scope.everywhere
        || owner_site.is_some_and(|site| scope.covers(site))
}

/// `Ok` when allowed, else a 403 problem that says what was needed.
pub fn require(allowed: bool, what: &str) -> Result<(), ApiError> {
    if allowed {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!("Only {what} may do this.")))
    }
}

/// The role grants `GET /me` lists: always `volunteer`, then leaders, staff and administrators.
pub async fn role_grants(
    pool: &AnyPool,
    account_id: i64,
    is_admin: bool,
) -> Result<Vec<RoleGrant>, ApiError> {
    let mut grants = vec![RoleGrant {
        role: Role::Volunteer,
        site_id: None,
        team_id: None,
    }];
    for (team_id, site_id) in accounts::led_teams(pool, account_id).await? {
        grants.push(RoleGrant {
            role: Role::TeamLeader,
            site_id: Some(site_id),
            team_id: Some(team_id),
        });
    }
    for site_id in accounts::staff_sites(pool, account_id).await? {
        grants.push(RoleGrant {
            role: Role::Staff,
            site_id: Some(site_id),
            team_id: None,
        });
    }
    if is_admin {
        grants.push(RoleGrant {
            role: Role::Admin,
            site_id: None,
            team_id: None,
        });
    }
    Ok(grants)
}
