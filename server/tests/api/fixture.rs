//! A small station with one account per role, for the authorization matrix and the sign-up
//! tests: center → (institute A → station A1), (institute B); a team at A1 with its leader; an
//! activity of that team at A1 tomorrow.

use station_server::store::accounts::grant_staff;
use station_server::store::teams::{self, NewTeam};

use crate::common::{
    account, activity_at, insert, local, phone, seed_tree, session, spawn_app_with, Options, Seed,
    TestApp,
};

/// The roles the authorization matrix walks, in its column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Anonymous,
    Volunteer,
    Leader,
    StaffHere,
    StaffOther,
    /// Staff of institute A, the parent of station A1.
    StaffParent,
    Admin,
}

pub const EVERYONE: [Who; 7] = [
    Who::Anonymous,
    Who::Volunteer,
    Who::Leader,
    Who::StaffHere,
    Who::StaffOther,
    Who::StaffParent,
    Who::Admin,
];

pub struct Fixture {
    pub app: TestApp,
    pub seed: Seed,
    /// A station under institute B with nothing in it (staff of B may archive it).
    pub leaf_b: i64,
    pub team: i64,
    /// Another team at station A1, without members (archived in the matrix).
    pub spare_team: i64,
    /// Tomorrow 09:00–11:00 at station A1, run by `team`, 50 places.
    pub activity: i64,
    /// Today 10:00–12:00 (under way at [`crate::common::NOW`]), same site and team, with the
    /// volunteer's confirmed sign-up `started_signup`.
    pub started: i64,
    pub started_signup: i64,
    /// Three more activities at station A1 next week, nobody signed up: for cancelling and
    /// deleting in the matrix.
    pub spare: [i64; 3],
    /// Three more at station A1 the week after, for staff to sign the resident up for (代报名)
    /// in the matrix, one per column that succeeds.
    pub behalf: [i64; 3],
    pub volunteer: i64,
    /// A resident of station A1 who takes no part in the other accounts' requests, for staff to
    /// help (a reset password ends their sessions).
    pub resident: i64,
    /// Three more staff of station A1 (phones 95_001 to 95_003), in no column of the matrix:
    /// their grants are granted and revoked there.
    pub bystanders: [i64; 3],
    pub leader: i64,
    pub staff_here: i64,
    pub staff_other: i64,
    /// Staff of institute A (phone 90_008).
    pub staff_parent: i64,
    pub admin: i64,
}

/// A team at `site` in the field 邻里互助, led by `leader`.
pub async fn team_at(
    store: &station_server::store::Store,
    site: i64,
    name: &str,
    leader: Option<i64>,
) -> i64 {
    let team = teams::insert(
        store.pool(),
        &NewTeam {
            site_id: site,
            name,
            field: "邻里互助",
            description: "",
        },
    )
    .await
    .unwrap();
    sqlx::query("UPDATE teams SET leader_account_id = $1 WHERE id = $2")
        .bind(leader)
        .bind(team)
        .execute(store.pool())
        .await
        .unwrap();
    team
}

impl Fixture {
    pub async fn new() -> Self {
        let app = spawn_app_with(Options {
            demo_data: false,
            ..Default::default()
        })
        .await;
        let store = &app.store;
        let seed = seed_tree(store).await;
        let leaf_b = station_server::store::sites::insert(
            store.pool(),
            &station_server::store::sites::NewSite {
                parent_id: Some(seed.institute_b),
                kind: station_wire::sites::SiteKind::Station,
                name: "乙一站",
                address: None,
            },
        )
        .await
        .unwrap();
        let (volunteer, _) = account(store, "志愿者", &phone(90_001), Some(seed.station_a1)).await;
        let (leader, _) = account(store, "队长", &phone(90_002), Some(seed.station_a1)).await;
        let (staff_here, _) = account(store, "本站工作人员", &phone(90_003), None).await;
        let (staff_other, _) = account(store, "他所工作人员", &phone(90_004), None).await;
        let (admin, _) = account(store, "管理员", &phone(90_005), None).await;
        let (resident, _) = account(store, "居民", &phone(90_006), Some(seed.station_a1)).await;
        let (staff_parent, _) = account(store, "本所工作人员", &phone(90_008), None).await;
        grant_staff(store.pool(), staff_parent, seed.institute_a)
            .await
            .unwrap();
        let mut bystanders = [0; 3];
        for (i, n) in [95_001, 95_002, 95_003].into_iter().enumerate() {
            bystanders[i] = account(store, "旁观者", &phone(n), None).await.0;
            grant_staff(store.pool(), bystanders[i], seed.station_a1)
                .await
                .unwrap();
        }
        grant_staff(store.pool(), staff_here, seed.station_a1)
            .await
            .unwrap();
        grant_staff(store.pool(), staff_other, seed.institute_b)
            .await
            .unwrap();
        sqlx::query("UPDATE accounts SET is_admin = 1 WHERE id = $1")
            .bind(admin)
            .execute(store.pool())
            .await
            .unwrap();
        let team = team_at(store, seed.station_a1, "测试服务队", Some(leader)).await;
        let spare_team = teams::insert(
            store.pool(),
            &NewTeam {
                site_id: seed.station_a1,
                name: "备用服务队",
                field: "环境整治",
                description: "",
            },
        )
        .await
        .unwrap();

        let mut tomorrow = activity_at(seed.station_a1, "elderly", local(1, 9, 0));
        tomorrow.team_id = Some(team);
        tomorrow.capacity = 50;
        let activity = insert(store, tomorrow).await;
        let mut under_way = activity_at(seed.station_a1, "elderly", local(0, 10, 0));
        under_way.team_id = Some(team);
        under_way.confirmed_count = 1;
        let started = insert(store, under_way).await;
        let spare = [
            insert(
                store,
                activity_at(seed.station_a1, "culture", local(7, 9, 0)),
            )
            .await,
            insert(
                store,
                activity_at(seed.station_a1, "culture", local(8, 9, 0)),
            )
            .await,
            insert(
                store,
                activity_at(seed.station_a1, "culture", local(9, 9, 0)),
            )
            .await,
        ];
        let mut behalf = [0; 3];
        for (i, days) in [14, 15, 16].into_iter().enumerate() {
            behalf[i] = insert(
                store,
                activity_at(seed.station_a1, "culture", local(days, 9, 0)),
            )
            .await;
        }
        let started_signup = station_server::store::signups::insert_raw(
            store.pool(),
            started,
            volunteer,
            "confirmed",
            local(-1, 9, 0),
            None,
        )
        .await
        .unwrap();
        Self {
            app,
            seed,
            leaf_b,
            team,
            spare_team,
            activity,
            started,
            started_signup,
            spare,
            behalf,
            volunteer,
            resident,
            bystanders,
            leader,
            staff_here,
            staff_other,
            staff_parent,
            admin,
        }
    }

    pub fn account_of(&self, who: Who) -> Option<i64> {
        match who {
            Who::Anonymous => None,
            Who::Volunteer => Some(self.volunteer),
            Who::Leader => Some(self.leader),
            Who::StaffHere => Some(self.staff_here),
            Who::StaffOther => Some(self.staff_other),
            Who::StaffParent => Some(self.staff_parent),
            Who::Admin => Some(self.admin),
        }
    }

    /// A fresh session for the role (None for anonymous), so a sign-out in one cell of the
    /// matrix does not sign out the next.
    pub async fn token(&self, who: Who) -> Option<String> {
        match self.account_of(who) {
            Some(id) => Some(session(&self.app.store, id).await),
            None => None,
        }
    }
}
