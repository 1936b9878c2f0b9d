//! Demo data: a living station on first start, so a newcomer sees something at once.
//!
//! Loaded only into an empty database (no site and no account yet) and only when `--demo-data` is on, in one
//! transaction. Everything is derived from "today" in the station's zone with plain arithmetic
//! (no randomness), so tests with a fixed clock see the same data every run. The vocabulary comes
//! from the seed reports (昌图县's team fields, one station's weekday colours, 非遗夜校, 玉簪花);
//! the places are invented and no person is named.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use sqlx::{Any, Transaction};
use station_wire::sites::SiteKind;

pub mod accounts;
mod honors;
mod orders;
mod signups;
mod templates;
mod wishes;

use templates::{template_titled, templates_of, Template};

use super::activities::{self, ActivityFields, NewActivity, Occurrence};
use super::series::{self, NewSeries};
use super::sites::{self, NewSite};
use super::teams::{self, NewTeam};
use super::{settings, Store};
use crate::auth::Passwords;
use crate::clock::StationTime;

/// The five standard categories (created on first start, demo or not), in the order the seeds'
/// station runs its week.
pub use super::categories::STANDARD as CATEGORIES;

/// Days of activities before and after today.
pub const DAYS_BEFORE: i64 = 14;
pub const DAYS_AFTER: i64 = 30;

/// Fills the database when it has no site and no account yet; answers whether it did.
pub async fn load_if_empty(
    store: &Store,
    time: &StationTime,
    passwords: &Passwords,
) -> anyhow::Result<bool> {
    // No site and no account: a real station whose administrator exists but has not built the
    // tree yet must never receive demo people (with their published password).
    let anything: Option<i64> =
        sqlx::query_scalar("SELECT id FROM sites UNION ALL SELECT id FROM accounts LIMIT 1")
            .fetch_optional(store.pool())
            .await?;
    if anything.is_some() {
        return Ok(false);
    }
    // One hash for every demo account: they share the demo password.
    let password_hash = passwords.hash(accounts::DEMO_PASSWORD).await?;
    let mut tx = crate::store::begin_write(store.pool()).await?;
    insert_all(&mut tx, time, &password_hash).await?;
    tx.commit().await?;
    Ok(true)
}

/// An institute's name and address, with its stations' names and addresses.
type Institute = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

pub struct Sites {
    pub institutes: Vec<i64>,
    pub stations: Vec<i64>,
}

async fn insert_all(
    tx: &mut Transaction<'static, Any>,
    time: &StationTime,
    password_hash: &str,
) -> anyhow::Result<()> {
    // The standard categories exist already (`categories::create_standard` runs first).
    settings::mark_demo_data(&mut **tx).await?;
    let sites = insert_sites(tx).await?;
    let team_ids = insert_teams(tx, &sites).await?;
    let mut scheduled = Vec::new();
    for activity in schedule(time, &sites, &team_ids) {
        scheduled.push((activities::insert(&mut **tx, &activity).await?, activity));
    }
    // The leader leads the first team (暖心帮扶, at the first station).
    let people =
        accounts::insert(tx, &sites, team_ids[0].1, password_hash, time.now_unix()).await?;
    signups::insert(tx, time, &sites, &scheduled, &people).await?;
    insert_series(tx, time, &sites).await?;
    honors::insert(tx, time, &sites, &people).await?;
    wishes::insert(tx, time, &sites, &people).await?;
    orders::insert(tx, time, &sites, &people, team_ids[0].1).await?;
    Ok(())
}

/// Two weekly services of the first station as series (its introduction names them): 义务理发
/// on Tuesday mornings and 健康义诊 on Thursday afternoons, over the demo's days.
async fn insert_series(
    tx: &mut Transaction<'static, Any>,
    time: &StationTime,
    sites: &Sites,
) -> anyhow::Result<()> {
    let today = time.today();
    let now = time.now_unix();
    let weekly = [
        (
            Weekday::Tue,
            "周二义务理发",
            "志愿理发师每周二上午在站里为老人免费理发，行动不便的可预约上门。",
            "党群服务中心一楼理发角",
            "elderly",
            (9, 0),
            120,
            8,
        ),
        (
            Weekday::Thu,
            "周四健康义诊",
            "社区医生每周四下午测血压、测血糖，解答用药问题。",
            "党群服务中心一楼健康小屋",
            "elderly",
            (14, 30),
            120,
            15,
        ),
    ];
    for (weekday, title, description, place, category, (hour, minute), minutes, capacity) in weekly
    {
        let mut first = today - Duration::days(DAYS_BEFORE);
        while first.weekday() != weekday {
            first += Duration::days(1);
        }
        let dates: Vec<NaiveDate> = (0..)
            .map(|week| first + Duration::days(7 * week))
            .take_while(|day| *day <= today + Duration::days(DAYS_AFTER))
            .collect();
        let clock = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default();
        let start = |day: NaiveDate| time.local_unix(day, clock);
        let site_id = sites.stations[0];
        let series_id = series::insert(
            tx,
            &NewSeries {
                site_id,
                freq: "weekly",
                interval_count: 1,
                until_date: dates.last().copied().unwrap_or(first).to_string(),
                starts_at: start(first),
                ends_at: start(first) + minutes * 60,
                title,
                description,
                place,
                category_slug: category,
            },
            now,
        )
        .await?;
        for day in dates {
            let fields = ActivityFields {
                site_id,
                team_id: None,
                category_slug: category.to_owned(),
                title: title.to_owned(),
                description: description.to_owned(),
                place: place.to_owned(),
                starts_at: start(day),
                ends_at: start(day) + minutes * 60,
                capacity,
                signup_deadline: None,
                target_group: None,
                team_only: false,
            };
            let link = Occurrence {
                series_id,
                recurrence_at: start(day),
            };
            activities::create(&mut **tx, &fields, now, Some(now), Some(link)).await?;
        }
    }
    Ok(())
}

async fn insert_sites(tx: &mut Transaction<'static, Any>) -> anyhow::Result<Sites> {
    let center = sites::insert(
        &mut **tx,
        &NewSite {
            parent_id: None,
            kind: SiteKind::Center,
            name: "昌图县新时代文明实践中心",
            address: Some("辽宁省铁岭市昌图县昌图镇政府路1号"),
        },
    )
    .await?;
    let institutes_and_stations: [Institute; 3] = [
        (
            "昌图镇新时代文明实践所",
            "昌图镇站前街18号",
            &[
                ("幸福社区新时代文明实践站", "昌图镇幸福社区党群服务中心"),
                ("站前社区新时代文明实践站", "昌图镇站前社区综合楼一楼"),
                ("东升村新时代文明实践站", "昌图镇东升村村委会"),
            ],
        ),
        (
            "老城镇新时代文明实践所",
            "老城镇中心街6号",
            &[
                ("北街社区新时代文明实践站", "老城镇北街社区党群服务中心"),
                ("兴隆村新时代文明实践站", "老城镇兴隆村文化大院"),
            ],
        ),
        (
            "宝力镇新时代文明实践所",
            "宝力镇宝力大街21号",
            &[("宝力村新时代文明实践站", "宝力镇宝力村村委会")],
        ),
    ];
    let mut sites = Sites {
        institutes: vec![],
        stations: vec![],
    };
    for (name, address, stations) in institutes_and_stations {
        let institute = sites::insert(
            &mut **tx,
            &NewSite {
                parent_id: Some(center),
                kind: SiteKind::Institute,
                name,
                address: Some(address),
            },
        )
        .await?;
        sites.institutes.push(institute);
        for (name, address) in stations {
            let station = sites::insert(
                &mut **tx,
                &NewSite {
                    parent_id: Some(institute),
                    kind: SiteKind::Station,
                    name,
                    address: Some(address),
                },
            )
            .await?;
            sites.stations.push(station);
        }
    }
    describe_stations(tx, &sites).await?;
    Ok(sites)
}

/// What residents read on a station's page: when it is open and its phone (a landline of the
/// station's own, made up), and for the first station an introduction.
async fn describe_stations(
    tx: &mut Transaction<'static, Any>,
    sites: &Sites,
) -> Result<(), sqlx::Error> {
    const INTRO: &str = "幸福社区新时代文明实践站设在社区党群服务中心一楼，有志愿服务站、\
        百姓书屋和长者食堂。\n每周二上午义务理发，每周四下午健康义诊，欢迎居民来坐坐。";
    for (index, station) in sites.stations.iter().enumerate() {
        sqlx::query("UPDATE sites SET opening_hours = $2, phone = $3, intro = $4 WHERE id = $1")
            .bind(station)
            .bind("周一至周五 8:30–17:00，周六上午 8:30–11:30")
            .bind(format!("024-7588 01{index:02}"))
            .bind(if index == 0 { INTRO } else { "" })
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Team fields as the seeds list them, plus 邻里互助 for the barbers and menders.
const TEAMS: [(&str, &str, &str); 9] = [
    ("扶贫济困", "暖心帮扶志愿服务队", "由老党员牵头，定期走访辖区困难群众和独居老人，送去米面油、冬衣和常用药，帮助申请救助政策。"),
    ("心理支持", "知心驿站心理支持志愿服务队", "心理咨询师和社工志愿者为居民提供心理疏导与情感支持，重点关心留守儿童和空巢老人。"),
    ("应急救援", "应急救援志愿服务队", "实行24小时待命制度，参与突发事件处置，常年开展应急救护培训和消防演练。"),
    ("环境整治", "绿色家园环境整治志愿服务队", "开展“绿色家园”行动，在弃管小区播撒花籽、栽种玉簪花，清理楼道堆物和白色垃圾。"),
    ("治安巡防", "红袖章治安巡防志愿服务队", "日均巡逻二十余公里，开展夜间巡查、反诈宣传和邻里矛盾调解，守护社区平安。"),
    ("文化传承", "非遗夜校文化传承志愿服务队", "依托“非遗夜校”教授手指画、葫芦烙画，组织广场舞和书画交流，每年举办社区文化节。"),
    ("科学普及", "科普加文娱科学普及志愿服务队", "以“科普+文娱”的形式开展科学实验秀、防灾减灾和健康科普，让孩子们动手学科学。"),
    ("理论宣讲", "百姓宣讲团理论宣讲志愿服务队", "用群众听得懂的家常话宣讲党的创新理论和惠民政策，走进村屯、社区和田间地头。"),
    ("邻里互助", "巧手邻里志愿服务队", "义务理发、磨刀修伞、维修小家电，行动不便的老人可以预约上门服务。"),
];

async fn insert_teams(
    tx: &mut Transaction<'static, Any>,
    sites: &Sites,
) -> anyhow::Result<Vec<(&'static str, i64)>> {
    let mut ids = Vec::new();
    for (index, (field, name, description)) in TEAMS.iter().enumerate() {
        // Spread the teams over the stations and institutes so each has some of its own.
        let site_id = if index % 3 == 1 {
            sites.institutes[index % sites.institutes.len()]
        } else {
            sites.stations[index % sites.stations.len()]
        };
        let id = teams::insert(
            &mut **tx,
            &NewTeam {
                site_id,
                name,
                field,
                description,
            },
        )
        .await?;
        ids.push((*field, id));
    }
    Ok(ids)
}

/// The seeds' station colours its weekdays: Monday red (elderly) … Friday green (environment);
/// the weekend mixes culture and neighbour help.
fn theme_of(weekday: Weekday) -> usize {
    match weekday {
        Weekday::Mon => 0,
        Weekday::Tue => 1,
        Weekday::Wed => 2,
        Weekday::Thu => 3,
        Weekday::Fri => 4,
        Weekday::Sat => 3,
        Weekday::Sun => 2,
    }
}

/// Today gets five activities from morning to late evening, so some are still ahead for most
/// of the day whenever the demo runs.
const TODAY: [&str; 5] = [
    "健康义诊进社区",
    "家政帮扶进家门",
    "爱国卫生大扫除",
    "反诈宣讲进社区",
    "夜间治安巡逻",
];

fn schedule(
    time: &StationTime,
    sites: &Sites,
    team_ids: &[(&'static str, i64)],
) -> Vec<NewActivity> {
    let today = time.today();
    let now = time.now_unix();
    let mut out = Vec::new();
    for index in 0..=(DAYS_BEFORE + DAYS_AFTER) {
        let day = today + Duration::days(index - DAYS_BEFORE);
        let picks: Vec<&Template> = if day == today {
            TODAY.iter().map(|title| template_titled(title)).collect()
        } else {
            let theme = theme_of(day.weekday());
            let count = 1 + (index % 3) as usize;
            (0..count)
                .map(|slot| {
                    let (category, _, _) = CATEGORIES[(theme + slot * 2) % CATEGORIES.len()];
                    let choices = templates_of(category);
                    choices[(index as usize + index as usize / 7 + slot) % choices.len()]
                })
                .collect()
        };
        for (slot, template) in picks.into_iter().enumerate() {
            out.push(activity(
                time,
                now,
                day,
                index,
                slot as i64,
                template,
                sites,
                team_ids,
            ));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn activity(
    time: &StationTime,
    now: i64,
    day: NaiveDate,
    index: i64,
    slot: i64,
    template: &Template,
    sites: &Sites,
    team_ids: &[(&'static str, i64)],
) -> NewActivity {
    let (hour, minute) = template.starts;
    let starts_at = time.local_unix(
        day,
        NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default(),
    );
    let seed = index * 3 + slot;
    // Mostly stations; now and then an institute hosts a bigger event.
    let site_id = if seed % 7 == 3 {
        sites.institutes[(seed as usize) % sites.institutes.len()]
    } else {
        sites.stations[(seed as usize) % sites.stations.len()]
    };
    let team_id = template.team_field.and_then(|field| {
        team_ids
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, id)| *id)
    });
    // Every fifth activity is fully booked; the others are partly taken.
    let confirmed_count = if (index + slot) % 5 == 2 {
        template.capacity
    } else {
        template.capacity * ((index * 7 + slot * 3) % 10) / 12
    };
    let signup_deadline = template.deadline.then(|| {
        time.local_unix(
            day - Duration::days(1),
            NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
        )
    });
    // Two cancellations: one past, one three days ahead (the first activity of those days).
    let cancelled = slot == 0 && (index == DAYS_BEFORE - 4 || index == DAYS_BEFORE + 3);
    NewActivity {
        site_id,
        team_id,
        category_slug: template.category.to_owned(),
        title: template.title.to_owned(),
        description: template.description.to_owned(),
        place: template.place.to_owned(),
        starts_at,
        ends_at: starts_at + template.minutes * 60,
        capacity: template.capacity,
        confirmed_count,
        signup_deadline,
        target_group: template.target_group.map(str::to_owned),
        cancelled_at: cancelled.then_some(now.min(starts_at - 86_400)),
        created_at: now,
        // Now and then a team keeps an activity for its own members.
        team_only: team_id.is_some() && slot == 0 && index % 10 == 7,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_colours_are_readable_under_white_text() {
        for (slug, _, colour) in CATEGORIES {
            let contrast = station_wire::activities::contrast_with_white_text(colour).unwrap();
            assert!(
                contrast >= 4.5,
                "{slug} {colour}: contrast {contrast:.2} < 4.5"
            );
        }
    }

    #[test]
    fn every_category_has_templates_and_today_titles_exist() {
        for (slug, _, _) in CATEGORIES {
            assert!(templates_of(slug).len() >= 4, "{slug}");
        }
        for title in TODAY {
            template_titled(title);
        }
    }
}
