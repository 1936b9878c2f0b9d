//! Demo accounts, one per role, all with the password [`DEMO_PASSWORD`] (demo data only; the
//! README lists them). The names are invented.
//!
//! | phone       | who     | role                                                        |
//! |-------------|---------|-------------------------------------------------------------|
//! | 13900000001 | 林晓雨  | volunteer of 幸福社区站, ~120 h (★1), member of 暖心帮扶     |
//! | 13900000002 | 赵一鸣  | volunteer of 幸福社区站, asked to join 暖心帮扶, waitlisted   |
//! | 13900000003 | 孙建国  | leader of 暖心帮扶志愿服务队 (幸福社区站)                    |
//! | 13900000004 | 陈思远  | staff of 幸福社区新时代文明实践站                            |
//! | 13900000005 | 吴桂芳  | staff of 老城镇新时代文明实践所 (and its stations)           |
//! | 13900000006 | 郑海波  | administrator                                               |

use sqlx::{Any, Transaction};

use super::Sites;
use crate::store::accounts::{self, NewAccount};

pub const DEMO_PASSWORD: &str = "demo1234";

pub const VOLUNTEER_PHONE: &str = "13900000001";
pub const SECOND_VOLUNTEER_PHONE: &str = "13900000002";
pub const LEADER_PHONE: &str = "13900000003";
pub const STATION_STAFF_PHONE: &str = "13900000004";
pub const INSTITUTE_STAFF_PHONE: &str = "13900000005";
pub const ADMIN_PHONE: &str = "13900000006";

/// The ids of the demo accounts, for the demo's sign-ups.
pub struct DemoAccounts {
    pub volunteer: i64,
    pub second_volunteer: i64,
    pub leader: i64,
    pub station_staff: i64,
    pub institute_staff: i64,
    pub admin: i64,
}

impl DemoAccounts {
    pub fn all(&self) -> [i64; 6] {
        [
            self.volunteer,
            self.second_volunteer,
            self.leader,
            self.station_staff,
            self.institute_staff,
            self.admin,
        ]
    }
}

/// Inserts the accounts and their roles. `password_hash` is [`DEMO_PASSWORD`]'s, computed once.
pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    sites: &Sites,
    led_team: i64,
    password_hash: &str,
    now: i64,
) -> anyhow::Result<DemoAccounts> {
    let home = sites.stations[0];
    let mut account = async |display_name: &str, phone: &str, site_id: Option<i64>, is_admin| {
        accounts::insert(
            &mut **tx,
            &NewAccount {
                display_name,
                phone,
                password_hash,
                site_id,
                is_admin,
                created_at: now,
                privacy_notice: Some(station_wire::privacy::PRIVACY_NOTICE_VERSION),
            },
        )
        .await
    };
    let volunteer = account("林晓雨", VOLUNTEER_PHONE, Some(home), false).await?;
    let second_volunteer = account("赵一鸣", SECOND_VOLUNTEER_PHONE, Some(home), false).await?;
    let leader = account("孙建国", LEADER_PHONE, Some(home), false).await?;
    let station_staff = account("陈思远", STATION_STAFF_PHONE, Some(home), false).await?;
    let institute_staff = account(
        "吴桂芳",
        INSTITUTE_STAFF_PHONE,
        Some(sites.institutes[1]),
        false,
    )
    .await?;
    let admin = account("郑海波", ADMIN_PHONE, None, true).await?;

    sqlx::query("UPDATE teams SET leader_account_id = $1 WHERE id = $2")
        .bind(leader)
        .bind(led_team)
        .execute(&mut **tx)
        .await?;
    // 林晓雨 belongs to the leader's team; 赵一鸣 has asked to join it.
    for (account, status) in [(volunteer, "member"), (second_volunteer, "pending")] {
        sqlx::query(
            "INSERT INTO team_members (team_id, account_id, status, requested_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(led_team)
        .bind(account)
        .bind(status)
        .bind(now - 7 * 86_400)
        .execute(&mut **tx)
        .await?;
    }
    accounts::grant_staff(&mut **tx, station_staff, home).await?;
    accounts::grant_staff(&mut **tx, institute_staff, sites.institutes[1]).await?;
    Ok(DemoAccounts {
        volunteer,
        second_volunteer,
        leader,
        station_staff,
        institute_staff,
        admin,
    })
}
