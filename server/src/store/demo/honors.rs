//! The demo's 好人榜: invented neighbours with invented stories in the seeds' spirit, across the
//! five categories and the last three months' boards, each published with the consent staff
//! recorded; one nomination still waiting for review and one rejected, so the staff queue and
//! 我的 show every state. Every nomination has its nominator's contact (which no public answer
//! may carry: the conformance suite looks for these). Photos are drawn here (no file ships) and
//! go through the same pipeline as an upload.

use std::io::Cursor;

use chrono::{Datelike, Months};
use sqlx::{Any, Transaction};

use super::accounts::DemoAccounts;
use super::Sites;
use crate::clock::StationTime;
use crate::photos;
use crate::store::honors::{self, NewHonor};

/// (months before this one — None: not published —, station, category, name, story, contact,
/// photo colour, likes, status)
type DemoHonor = (
    Option<u32>,
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<[u8; 3]>,
    usize,
);

const HONORS: [DemoHonor; 9] = [
    (Some(0), 0, "helping_others", "刘桂兰",
     "刘阿姨退休后在幸福社区做了八年楼道长。谁家老人腿脚不便，她就帮着买菜、取药；楼里的独居老人，她每天都要敲门问一声。去年冬天一场大雪，她带着邻居连夜清出了通往卫生所的小路。",
     "林晓雨 13900000001", Some([214, 72, 58]), 12),
    (Some(0), 1, "dedication", "马立新",
     "马师傅是站前社区的义务理发师，每周二上午准时在党群服务中心摆开理发椅，十年来理了三千多个头。行动不便的老人，他就背着工具箱上门。",
     "赵一鸣 13900000002", Some([36, 110, 184]), 8),
    (Some(0), 2, "filial_devotion", "王秀珍",
     "王秀珍照顾瘫痪在床的婆婆十二年，端水喂饭、翻身擦洗从不间断。村里人说，老人的床单总是干干净净的。她还把照护的法子教给了村里另外三户人家。",
     "东升村村委会 024-7588xxxx", Some([192, 132, 40]), 15),
    (Some(1), 0, "bravery", "张海涛",
     "十月的一个傍晚，张海涛下班路过河边，听见有孩子落水的呼救声，他脱下外套就跳进冰冷的河里，把两个孩子先后托上了岸。孩子的家人找了三天才找到他。",
     "林晓雨 13900000001", Some([40, 140, 96]), 21),
    (Some(1), 3, "honesty", "李春燕",
     "李春燕在北街菜市场卖菜二十年，秤准价实。有一回顾客多付了三百元，她守着摊位等到天黑，又托社区在群里找人，终于把钱送还给了失主。",
     "北街社区 孙主任", None, 6),
    (Some(2), 4, "helping_others", "赵德明",
     "赵德明是兴隆村的“赤脚电工”，村里谁家灯不亮、线老化，一个电话他就到，从不收钱。这些年他帮村里四十多户老人换了安全的线路。",
     "兴隆村 文化大院", None, 9),
    (Some(2), 0, "dedication", "周雅琴",
     "周老师在非遗夜校教剪纸六年，分文不取。她的学生里有七十多岁的老人，也有放学后来学的孩子，作品在县里展出过三回。",
     "陈思远（站点代录）", None, 4),
    (None, 0, "helping_others", "孙小梅",
     "孙小梅每个周末都去敬老院陪老人聊天、读报，还自费给老人们买了老花镜。",
     "赵一鸣 13900000002", None, 0),
    (None, 1, "honesty", "钱多多",
     "（内容与好人榜无关的推荐）",
     "林晓雨 13900000001", None, 0),
];

pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    time: &StationTime,
    sites: &Sites,
    people: &DemoAccounts,
) -> anyhow::Result<()> {
    let now = time.now_unix();
    let this_month = time.today().with_day(1).unwrap_or(time.today());
    // Published on the 15th of its board's month (or now, this month before the 15th), a few
    // days after it was nominated.
    let published_at = |ago: u32, index: usize| {
        let day = this_month
            .checked_sub_months(Months::new(ago))
            .unwrap_or(this_month)
            .with_day(15)
            .unwrap_or(this_month);
        let at = time.local_unix(
            day,
            chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
        );
        at.min(now) - 3_600 * index as i64
    };
    let likers = people.all();
    for (index, (months_ago, station, category, name, story, contact, colour, likes)) in
        HONORS.into_iter().enumerate()
    {
        let nominator = if index % 2 == 0 {
            people.volunteer
        } else {
            people.second_volunteer
        };
        let mut photo_ids = Vec::new();
        if let Some(colour) = colour {
            let key = format!("demo-photo-{index}");
            photo_ids.push(insert_photo(tx, &key, colour, index, nominator, now).await?);
        }
        let id = honors::insert(
            tx,
            &NewHonor {
                site_id: sites.stations[station],
                nominee_name: name,
                category,
                story,
                nominator_id: nominator,
                nominator_contact: contact,
                on_behalf_of: None,
                photo_ids: &photo_ids,
                now: match months_ago {
                    Some(ago) => published_at(ago, index) - 4 * 86_400,
                    None => now - 86_400 * (index as i64 - 5),
                },
            },
        )
        .await?;
        match months_ago {
            Some(ago) => {
                let month = this_month
                    .checked_sub_months(Months::new(ago))
                    .unwrap_or(this_month)
                    .format("%Y-%m")
                    .to_string();
                sqlx::query(
                    "UPDATE honors SET status = 'published', board_month = $2, published_at = $3, \
                     consent_by = $4, consent_at = $3, consent_note = '本人当面同意，签字存档', \
                     consent_posters = $6, consent_screens = $5 WHERE id = $1",
                )
                .bind(id)
                .bind(month)
                .bind(published_at(ago, index))
                .bind(people.station_staff)
                // One nominee agreed to the app and posters but not to the hall's screens,
                // another to the app and screens but not to posters.
                .bind(i64::from(index != 1))
                .bind(i64::from(index != 2))
                .execute(&mut **tx)
                .await?;
                for liker in likers.iter().take(likes.min(likers.len())) {
                    sqlx::query(
                        "INSERT INTO honor_likes (honor_id, account_id, created_at) VALUES ($1, $2, $3)",
                    )
                    .bind(id)
                    .bind(*liker)
                    .bind(now)
                    .execute(&mut **tx)
                    .await?;
                }
            }
            None if index == HONORS.len() - 1 => {
                sqlx::query(
                    "UPDATE honors SET status = 'rejected', \
                     reject_reason = '推荐的内容与好人好事无关' WHERE id = $1",
                )
                .bind(id)
                .execute(&mut **tx)
                .await?;
            }
            None => {}
        }
    }
    Ok(())
}

/// A drawn photo through the upload's pipeline, under `key`, uploaded by `account`.
pub(super) async fn insert_photo(
    tx: &mut Transaction<'static, Any>,
    key: &str,
    colour: [u8; 3],
    seed: usize,
    account: i64,
    now: i64,
) -> anyhow::Result<i64> {
    let photo = photos::process(&drawn_photo(colour, seed))?;
    Ok(sqlx::query_scalar(
        "INSERT INTO photos (key, account_id, created_at, width, height, large, thumb) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(key)
    .bind(account)
    .bind(now)
    .bind(i64::from(photo.width))
    .bind(i64::from(photo.height))
    .bind(photo.large)
    .bind(photo.thumb)
    .fetch_one(&mut **tx)
    .await?)
}

/// A simple picture (a sky, a sun, a field) in the honor's colour, as a PNG: a stand-in for
/// the photo a neighbour would take.
fn drawn_photo(colour: [u8; 3], seed: usize) -> Vec<u8> {
    let (width, height) = (640u32, 480u32);
    let sun = (160 + 60 * seed as i64 % 320, 150i64);
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let (dx, dy) = (i64::from(x) - sun.0, i64::from(y) - sun.1);
        if dx * dx + dy * dy < 60 * 60 {
            image::Rgb([250, 220, 120])
        } else if y > 300 {
            let shade = (y - 300) as u8 / 3;
            image::Rgb([
                colour[0].saturating_sub(shade),
                colour[1].saturating_sub(shade),
                colour[2].saturating_sub(shade),
            ])
        } else {
            let light = (y / 3) as u8;
            image::Rgb([180u8.saturating_add(light / 4), 210, 240])
        }
    });
    let mut bytes = Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("a PNG in memory");
    bytes.into_inner()
}
