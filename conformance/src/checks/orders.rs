//! 点单 → 派单 → 接单 → 评单: an order is nobody's to read but its parties' (401 signed out, 404
//! to anyone else); with an administrator's credentials, an item put on the menu is ordered by
//! a new volunteer, approved, dispatched to a team another volunteer joined, accepted by that
//! one alone — who then reads the address and the phone, which the team did not while it
//! waited —, completed and rated, with its timeline; another member's accept after it is told
//! `already-taken`. Staff's CSV export of a range's orders and wishes: UTF-8 with a byte-order
//! mark, a cell that a spreadsheet would run as a formula written as text; nobody else's to read.

use chrono::Duration;
use serde_json::json;
use station_wire::orders::{Order, OrderStatus, OrderStep, ServiceItem};
use station_wire::page::List;
use station_wire::problem::{codes, types};
use station_wire::teams::Team;
use station_wire::wishes::TimelineEvent;

use super::support::{ensure, ensure_field_error, register, sign_in, Station};
use super::Check;
use crate::{Admin, CheckResult, Client};

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        (
            "an_order_is_its_parties_alone",
            Box::new(an_order_is_its_parties_alone),
        ),
        (
            "the_exports_of_orders_and_wishes_are_staffs_alone",
            Box::new(exports_are_staffs_alone),
        ),
    ]
}

pub fn admin_checks(admin: Admin) -> Vec<(String, Check)> {
    let exporter = admin.clone();
    vec![
        (
            "admin_keeps_the_menu_and_an_order_goes_from_placed_to_rated".into(),
            Box::new(move |client: &Client| from_placed_to_rated(client, &admin)) as Check,
        ),
        (
            "admin_exports_orders_and_wishes_as_csv_with_a_bom".into(),
            Box::new(move |client: &Client| exports_as_csv(client, &exporter)) as Check,
        ),
    ]
}

const ORDERS_HEADER: &str =
    "编号,站点,服务项目,状态,下单时间,期望时间,服务对象,地址,电话,派往队伍,接单志愿者,评分,评价,原因";
const WISHES_HEADER: &str =
    "编号,站点,标题,类别,状态,发布时间,截止日期,受益人,年龄,群体,认领人,实现时间,评分,感谢";

/// The export of `kind` (`orders`, `wishes`) from yesterday to tomorrow, the station's days.
fn export_path(client: &Client, kind: &str) -> Result<String, String> {
    let today = Station::fetch(client)?.today();
    Ok(format!(
        "/api/v1/staff/reports/{kind}.csv?from={}&to={}",
        today - Duration::days(1),
        today + Duration::days(1)
    ))
}

fn exports_are_staffs_alone(client: &Client) -> CheckResult {
    let resident = register(client)?;
    for kind in ["orders", "wishes"] {
        let path = export_path(client, kind)?;
        client.send("GET", &path, None, None)?.problem(
            &format!("GET {path} signed out"),
            401,
            types::UNAUTHORIZED,
        )?;
        client
            .send("GET", &path, Some(&resident.token), None)?
            .problem(&format!("GET {path} as a resident"), 403, types::FORBIDDEN)?;
    }
    Ok(())
}

fn exports_as_csv(client: &Client, admin: &Admin) -> CheckResult {
    let station = Station::fetch(client)?;
    let site = station.info.root_site_id;
    let token = sign_in(client, &admin.phone, &admin.password)?;
    let item: ServiceItem = client
        .send(
            "POST",
            "/api/v1/services",
            Some(&token),
            Some(&json!({"site_id": site, "name": "一致性导出", "description": "测试用"})),
        )?
        .json("POST /api/v1/services", 201)?;
    // An address typed as a formula: the file shows it, never runs it.
    let resident = register(client)?;
    let placed: Order = client
        .send(
            "POST",
            "/api/v1/orders",
            Some(&resident.token),
            Some(&json!({
                "service_id": item.id, "preferred_time": "周三上午",
                "address": "=1+1 一致性小区", "phone": "13800000002",
            })),
        )?
        .json("POST /api/v1/orders", 201)?;
    for (kind, header) in [("orders", ORDERS_HEADER), ("wishes", WISHES_HEADER)] {
        let path = export_path(client, kind)?;
        let file = client.download_as(&path, Some(&token))?;
        let what = format!("GET {path} as an administrator");
        ensure(file.status == 200, || {
            format!("{what}: status {} (want 200)", file.status)
        })?;
        ensure(file.content_type.starts_with("text/csv"), || {
            format!(
                "{what}: content type `{}` (want text/csv)",
                file.content_type
            )
        })?;
        let Some(text) = file.bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) else {
            return Err(format!(
                "{what}: no UTF-8 byte-order mark (Excel reads the Chinese as mojibake)"
            ));
        };
        let text = String::from_utf8(text.to_vec())
            .map_err(|error| format!("{what}: not UTF-8: {error}"))?;
        let mut lines = text.lines();
        ensure(lines.next() == Some(header), || {
            format!("{what}: the header row is not `{header}`: {text:.200}")
        })?;
        if kind == "orders" {
            let row = lines.find(|line| line.starts_with(&format!("{},", placed.id)));
            ensure(
                row.is_some_and(|row| {
                    row.contains(",'=1+1 一致性小区,") && row.contains(",13800000002,")
                }),
                || {
                    format!(
                        "{what}: the order placed today, its address written as text and its \
                         phone: {row:?}"
                    )
                },
            )?;
        }
    }
    client
        .send(
            "POST",
            &format!("/api/v1/orders/{}/cancel", placed.id),
            Some(&resident.token),
            Some(&json!({"reason": "一致性测试"})),
        )?
        .json::<Order>("cancelling one's own order", 200)?;
    // A range is required whole, and runs forwards.
    let today = station.today();
    let problem = client
        .send(
            "GET",
            &format!("/api/v1/staff/reports/orders.csv?from={today}"),
            Some(&token),
            None,
        )?
        .problem("an export without `to`", 400, types::VALIDATION)?;
    ensure_field_error(&problem, "to", codes::REQUIRED, "an export without `to`")?;
    let backwards = format!(
        "/api/v1/staff/reports/wishes.csv?from={today}&to={}",
        today - Duration::days(1)
    );
    let problem = client
        .send("GET", &backwards, Some(&token), None)?
        .problem("an export ending before it starts", 422, types::VALIDATION)?;
    ensure_field_error(
        &problem,
        "to",
        codes::OUT_OF_RANGE,
        "an export ending before it starts",
    )?;
    client
        .send(
            "PUT",
            &format!("/api/v1/services/{}", item.id),
            Some(&token),
            Some(&json!({"name": "一致性导出", "description": "", "active": false})),
        )?
        .json::<ServiceItem>("taking an item off the menu", 200)
        .map(drop)
}

fn an_order_is_its_parties_alone(client: &Client) -> CheckResult {
    let menu: List<ServiceItem> = client
        .get("/api/v1/services")?
        .json("GET /api/v1/services", 200)?;
    ensure(menu.items.iter().all(|item| item.active), || {
        "the public menu lists an item taken off it".into()
    })?;
    let Some(item) = menu.items.first() else {
        // A station without a menu takes no orders; nothing more to check here.
        return Ok(());
    };
    let resident = register(client)?;
    let stranger = register(client)?;
    let body = json!({
        "service_id": item.id, "preferred_time": "周三上午",
        "address": "一致性小区 1 号楼", "phone": "13800000000",
    });
    client
        .send("POST", "/api/v1/orders", None, Some(&body))?
        .problem("ordering signed out", 401, types::UNAUTHORIZED)?;
    let placed: Order = client
        .send("POST", "/api/v1/orders", Some(&resident.token), Some(&body))?
        .json("POST /api/v1/orders", 201)?;
    ensure(
        placed.status == OrderStatus::Submitted && placed.steps == [OrderStep::Cancel],
        || format!("the order placed, as its resident reads it: {placed:?}"),
    )?;
    let path = format!("/api/v1/orders/{}", placed.id);
    client
        .send("GET", &path, Some(&stranger.token), None)?
        .problem(
            &format!("GET {path} as someone else"),
            404,
            types::NOT_FOUND,
        )?;
    client.send("GET", &path, None, None)?.problem(
        &format!("GET {path} signed out"),
        401,
        types::UNAUTHORIZED,
    )?;
    client
        .send(
            "POST",
            &format!("{path}/approve"),
            Some(&resident.token),
            None,
        )?
        .problem("approving one's own order", 403, types::FORBIDDEN)?;
    let cancelled: Order = client
        .send(
            "POST",
            &format!("{path}/cancel"),
            Some(&resident.token),
            Some(&json!({"reason": "一致性测试"})),
        )?
        .json("cancelling one's own order", 200)?;
    ensure(cancelled.status == OrderStatus::Cancelled, || {
        format!("cancelled: {cancelled:?}")
    })
}

fn from_placed_to_rated(client: &Client, admin: &Admin) -> CheckResult {
    let station = Station::fetch(client)?;
    let site = station.info.root_site_id;
    let token = sign_in(client, &admin.phone, &admin.password)?;
    let token = Some(token.as_str());
    let item: ServiceItem = client
        .send(
            "POST",
            "/api/v1/services",
            token,
            Some(&json!({"site_id": site, "name": "一致性服务", "description": "测试用"})),
        )?
        .json("POST /api/v1/services", 201)?;
    let team: Team = client
        .send(
            "POST",
            "/api/v1/teams",
            token,
            Some(&json!({"site_id": site, "name": format!("一致性接单队{}", item.id), "field": "邻里互助"})),
        )?
        .json("POST /api/v1/teams", 201)?;
    let (resident, volunteer, other) = (register(client)?, register(client)?, register(client)?);
    for person in [&volunteer, &other] {
        client
            .send(
                "POST",
                &format!("/api/v1/teams/{}/members", team.id),
                Some(&person.token),
                None,
            )?
            .status("asking to join the team", 201)?;
        client
            .send(
                "POST",
                &format!("/api/v1/teams/{}/members/{}/approve", team.id, person.id),
                token,
                None,
            )?
            .status("approving a member", 204)?;
    }
    let placed: Order = client
        .send(
            "POST",
            "/api/v1/orders",
            Some(&resident.token),
            Some(&json!({
                "service_id": item.id, "preferred_time": "本周六上午",
                "address": "一致性小区 8 号楼 101", "phone": "13800000001",
            })),
        )?
        .json("POST /api/v1/orders", 201)?;
    let step = |what: &str, who: Option<&str>, body: Option<serde_json::Value>| {
        client.send(
            "POST",
            &format!("/api/v1/orders/{}/{what}", placed.id),
            who,
            body.as_ref(),
        )
    };
    step("approve", token, None)?.json::<Order>("approving", 200)?;
    step("dispatch", token, Some(json!({"team_id": team.id})))?
        .json::<Order>("dispatching", 200)?;
    let path = format!("/api/v1/orders/{}", placed.id);
    let waiting = client.send("GET", &path, Some(&volunteer.token), None)?;
    ensure(waiting.status == 200, || {
        format!(
            "GET {path} as a member of the team it waits for: {}",
            waiting.status
        )
    })?;
    ensure(
        !waiting.body.contains("13800000001") && !waiting.body.contains("8 号楼"),
        || {
            format!(
                "the team reads where and whom before accepting: {}",
                waiting.body
            )
        },
    )?;
    let accepted: Order = step("accept", Some(&volunteer.token), None)?.json("accepting", 200)?;
    ensure(
        accepted.address.as_deref() == Some("一致性小区 8 号楼 101")
            && accepted.phone.as_deref() == Some("13800000001")
            && accepted.steps == [OrderStep::Complete],
        || format!("accepted, as its volunteer reads it: {accepted:?}"),
    )?;
    step("accept", Some(&other.token), None)?.problem(
        "accepting an order another member accepted",
        409,
        types::ALREADY_TAKEN,
    )?;
    step("complete", Some(&volunteer.token), None)?.json::<Order>("completing", 200)?;
    let rated: Order = step(
        "rate",
        Some(&resident.token),
        Some(json!({"rating": 5, "comment": "一致性测试：满意"})),
    )?
    .json("rating", 200)?;
    let events: Vec<TimelineEvent> = rated.timeline.iter().map(|entry| entry.event).collect();
    ensure(
        rated.status == OrderStatus::Rated
            && events
                == [
                    TimelineEvent::Ordered,
                    TimelineEvent::Approved,
                    TimelineEvent::Dispatched,
                    TimelineEvent::Accepted,
                    TimelineEvent::Completed,
                    TimelineEvent::Rated,
                ],
        || format!("rated: {rated:?}"),
    )?;
    // Off the menu, it is not ordered again.
    client
        .send(
            "PUT",
            &format!("/api/v1/services/{}", item.id),
            token,
            Some(&json!({"name": "一致性服务", "description": "", "active": false})),
        )?
        .json::<ServiceItem>("taking an item off the menu", 200)
        .map(drop)
}
