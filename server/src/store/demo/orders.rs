//! The demo's 点单: the first stations' service menus (项目清单) in the seeds' words, and orders
//! of the first station in every state — waiting for review, to dispatch, dispatched to 暖心帮扶
//! (its leader may accept it), accepted, completed, rated — each with its timeline. Every order
//! has an address and a phone, which only staff and the assigned volunteer may read.

use sqlx::{Any, Transaction};

use super::accounts::DemoAccounts;
use super::Sites;
use crate::clock::StationTime;
use crate::store::orders::{self, NewOrder};
use crate::store::timeline::{self, Step};

/// (station, name, description)
const MENU: [(usize, &str, &str); 9] = [
    (0, "上门理发", "为行动不便的老人上门理发，每周二上午。"),
    (0, "家电维修", "电视、电饭煲、台灯等小家电的检查和维修。"),
    (0, "代购代办", "代买日用品、代取药品、代办简单事务。"),
    (0, "陪同就医", "陪同老人到社区卫生服务中心就诊、取药。"),
    (0, "心理疏导", "心理咨询师志愿者一对一聊一聊。"),
    (0, "政策宣讲", "到楼栋、院落讲解医保、养老等政策。"),
    (1, "上门理发", "站前社区的义务理发，行动不便的上门。"),
    (1, "家电维修", "小家电维修，每月第一个周六集中服务。"),
    (2, "代购代办", "为村里的留守老人代买代办。"),
];

/// (menu item, status, preferred time, address, phone, note, rating and comment)
type DemoOrder = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<(i64, &'static str)>,
);

const ORDERS: [DemoOrder; 6] = [
    (
        0,
        "submitted",
        "本周三上午",
        "幸福小区 3 号楼 2 单元 101",
        "13611223344",
        "老人腿脚不便，请上门。",
        None,
    ),
    (
        1,
        "open",
        "周末都可以",
        "幸福小区 5 号楼 1 单元 302",
        "13722334455",
        "电视没有声音。",
        None,
    ),
    (
        3,
        "dispatched",
        "下周一早上八点",
        "幸福小区 7 号楼 3 单元 201",
        "13833445566",
        "去卫生服务中心复查血压。",
        None,
    ),
    (
        2,
        "accepted",
        "明天下午",
        "幸福小区 2 号楼 1 单元 502",
        "13944556677",
        "买一袋大米、一桶油。",
        None,
    ),
    (
        0,
        "completed",
        "上周四上午",
        "幸福小区 9 号楼 1 单元 101",
        "13555667788",
        "",
        None,
    ),
    (
        1,
        "rated",
        "上个月",
        "幸福小区 6 号楼 2 单元 402",
        "13666778899",
        "电饭煲不加热。",
        Some((5, "师傅很耐心，修好了还教我怎么用。")),
    ),
];

pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    time: &StationTime,
    sites: &Sites,
    people: &DemoAccounts,
    team: i64,
) -> anyhow::Result<()> {
    let now = time.now_unix();
    let mut items = Vec::new();
    for (station, name, description) in MENU {
        items.push(
            orders::insert_service(&mut **tx, sites.stations[station], name, description, true)
                .await?,
        );
    }
    for (index, (item, status, preferred, address, phone, note, rated)) in
        ORDERS.into_iter().enumerate()
    {
        let ordered = now - 86_400 * (6 - index as i64);
        let requester = people.second_volunteer;
        let id = orders::insert(
            tx,
            &NewOrder {
                site_id: sites.stations[0],
                service_id: items[item],
                requester_id: requester,
                preferred_time: preferred,
                address,
                phone,
                note,
                on_behalf_of: None,
                // Set with its team and volunteer below.
                status: "submitted",
                now: ordered,
            },
        )
        .await?;
        let dispatched = matches!(status, "dispatched" | "accepted" | "completed" | "rated");
        let accepted = matches!(status, "accepted" | "completed" | "rated");
        sqlx::query(
            "UPDATE orders SET status = $2, team_id = $3, volunteer_id = $4, rating = $5, \
             comment = $6 WHERE id = $1",
        )
        .bind(id)
        .bind(status)
        .bind(dispatched.then_some(team))
        .bind(accepted.then_some(people.leader))
        .bind(rated.map(|(rating, _)| rating))
        .bind(rated.map(|(_, comment)| comment))
        .execute(&mut **tx)
        .await?;
        let mut steps = vec![("ordered", requester, None)];
        let staff = people.station_staff;
        if status != "submitted" {
            steps.push(("approved", staff, None));
        }
        if dispatched {
            steps.push(("dispatched", staff, Some("暖心帮扶志愿服务队")));
        }
        if accepted {
            steps.push(("accepted", people.leader, None));
        }
        if matches!(status, "completed" | "rated") {
            steps.push(("completed", people.leader, None));
        }
        if let Some((_, comment)) = rated {
            steps.push(("rated", requester, Some(comment)));
        }
        for (n, (event, actor, note)) in steps.into_iter().enumerate() {
            timeline::add(
                &mut **tx,
                &Step {
                    subject: "order",
                    subject_id: id,
                    at: (ordered + n as i64 * 3_600).min(now),
                    event,
                    actor_id: Some(actor),
                    on_behalf: false,
                    note,
                },
            )
            .await?;
        }
    }
    Ok(())
}
