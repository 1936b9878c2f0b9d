//! The demo's 微心愿: invented neighbours' small wishes in the seeds' spirit, in every state —
//! open on the wall (one posted by staff for a child's family, its photo public), waiting for
//! review, claimed, fulfilled, confirmed with thanks, expired, rejected — each with its
//! timeline. Every wish has its beneficiary's full name and a contact with a phone number,
//! which no public answer may carry (the conformance suite looks for these).

use chrono::Duration;
use sqlx::{Any, Transaction};

use super::accounts::DemoAccounts;
use super::honors::insert_photo;
use super::Sites;
use crate::clock::StationTime;
use crate::store::timeline::{self, Step};
use crate::store::wishes::{self, NewWish};

/// Who a demo wish's steps were taken by.
#[derive(Clone, Copy)]
enum Who {
    Volunteer,
    SecondVolunteer,
    Leader,
    Staff,
}

struct DemoWish {
    station: usize,
    category: &'static str,
    title: &'static str,
    description: &'static str,
    beneficiary: (&'static str, Option<i64>, Option<&'static str>),
    contact: &'static str,
    /// Posted by staff for this resident without a phone.
    on_behalf_of: Option<&'static str>,
    requester: Who,
    status: &'static str,
    /// Days from today.
    deadline: i64,
    claimer: Option<Who>,
    photo: Option<[u8; 3]>,
    /// (fulfilment note, thanks, rating)
    ending: Option<(&'static str, Option<&'static str>, i64)>,
    reject_reason: Option<&'static str>,
}

const WISHES: [DemoWish; 11] = [
    DemoWish { station: 0, category: "study", title: "一个结实的新书包",
        description: "小宇今年上二年级，书包的背带已经断了好几回，妈妈用针线缝了又缝。他想要一个结实的新书包，最好是蓝色的。",
        beneficiary: ("王小宇", Some(8), Some("困境儿童")), contact: "王丽（孩子的妈妈）13812345678",
        on_behalf_of: Some("王丽（孩子的妈妈，没有智能手机）"), requester: Who::Staff, status: "open",
        deadline: 20, claimer: None, photo: Some([60, 110, 200]), ending: None, reject_reason: None },
    DemoWish { station: 0, category: "daily", title: "冬天的一床厚棉被",
        description: "李奶奶一个人住在老楼的一层，屋里潮冷，家里的棉被盖了十几年，已经不暖和了。",
        beneficiary: ("李秀英", Some(81), Some("独居老人")), contact: "李秀英的女儿 13987654321",
        on_behalf_of: None, requester: Who::SecondVolunteer, status: "open",
        deadline: 10, claimer: None, photo: None, ending: None, reject_reason: None },
    DemoWish { station: 1, category: "home_service", title: "上门理一次发",
        description: "张爷爷腿脚不便，已经三个月没出门理发了，想请会理发的志愿者上门理一次。",
        beneficiary: ("张德福", Some(76), Some("行动不便老人")), contact: "张德福 13611112222",
        on_behalf_of: Some("张德福（老人没有手机，由网格员转达）"), requester: Who::Staff, status: "open",
        deadline: 5, claimer: None, photo: None, ending: None, reject_reason: None },
    DemoWish { station: 0, category: "companionship", title: "周末有人陪下一盘象棋",
        description: "赵大爷年轻时是厂里的象棋冠军，老伴走后很少说话。他说要是周末有人陪他下盘棋就好了。",
        beneficiary: ("赵长林", Some(70), None), contact: "赵长林的邻居 孙阿姨 13755556666",
        on_behalf_of: None, requester: Who::SecondVolunteer, status: "open",
        deadline: 30, claimer: None, photo: None, ending: None, reject_reason: None },
    DemoWish { station: 0, category: "study", title: "一套课外读物",
        description: "子涵的爸爸妈妈在外地打工，她跟着奶奶生活，最喜欢看书，想要一套适合四年级的课外读物。",
        beneficiary: ("刘子涵", Some(10), Some("留守儿童")), contact: "刘奶奶 13522223333",
        on_behalf_of: None, requester: Who::Volunteer, status: "submitted",
        deadline: 25, claimer: None, photo: None, ending: None, reject_reason: None },
    DemoWish { station: 0, category: "daily", title: "一副合适的老花镜",
        description: "陈阿姨的老花镜摔坏了，看不清药盒上的字，想配一副合适的老花镜。",
        beneficiary: ("陈桂芳", Some(68), None), contact: "陈桂芳 13644445555",
        on_behalf_of: None, requester: Who::SecondVolunteer, status: "claimed",
        deadline: 7, claimer: Some(Who::Volunteer), photo: None, ending: None, reject_reason: None },
    DemoWish { station: 1, category: "study", title: "十本儿童绘本",
        description: "悦悦六岁了，最喜欢听故事，家里只有两本翻旧了的绘本。",
        beneficiary: ("孙悦", Some(6), Some("困境儿童")), contact: "孙悦的爸爸 13877778888",
        on_behalf_of: None, requester: Who::Volunteer, status: "fulfilled",
        deadline: 3, claimer: Some(Who::SecondVolunteer), photo: None,
        ending: Some(("十本绘本已经送到社区，由工作人员转交给了悦悦。", None, 0)), reject_reason: None },
    DemoWish { station: 0, category: "home_service", title: "修好家里的电视",
        description: "周爷爷家的电视没有图像了，他每天都要看新闻联播，现在只能听广播。",
        beneficiary: ("周福生", Some(79), Some("独居老人")), contact: "周福生 13599990000",
        on_behalf_of: None, requester: Who::SecondVolunteer, status: "confirmed",
        deadline: -10, claimer: Some(Who::Leader), photo: None,
        ending: Some(("换了一根信号线，重新调好了频道。", Some("电视修好了，每天又能看新闻了，谢谢志愿者！"), 5)), reject_reason: None },
    DemoWish { station: 2, category: "daily", title: "一台小电暖器",
        description: "吴奶奶住的是老平房，冬天屋里只有五六度，想要一台安全的小电暖器。",
        beneficiary: ("吴玉兰", Some(83), Some("独居老人")), contact: "东升村村委会 024-75881234",
        on_behalf_of: None, requester: Who::Volunteer, status: "confirmed",
        deadline: -20, claimer: Some(Who::SecondVolunteer), photo: None,
        ending: Some(("电暖器送到了，也教会了奶奶怎么安全使用。", Some("屋里暖和多了，谢谢好心人。"), 5)), reject_reason: None },
    DemoWish { station: 0, category: "companionship", title: "学会用智能手机视频",
        description: "郑大妈想学会用手机和外地的孙子视频聊天。",
        beneficiary: ("郑淑珍", Some(72), None), contact: "郑淑珍 13733334444",
        on_behalf_of: None, requester: Who::Volunteer, status: "expired",
        deadline: -3, claimer: None, photo: None, ending: None, reject_reason: None },
    DemoWish { station: 1, category: "other", title: "帮忙代缴物业费",
        description: "希望有人帮忙去物业交一下这个季度的物业费。",
        beneficiary: ("钱进", None, None), contact: "钱进 13911112222",
        on_behalf_of: None, requester: Who::Volunteer, status: "rejected",
        deadline: 15, claimer: None, photo: None, ending: None,
        reject_reason: Some("代缴费用不属于微心愿，请联系社区物业办理。") },
];

pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    time: &StationTime,
    sites: &Sites,
    people: &DemoAccounts,
) -> anyhow::Result<()> {
    let now = time.now_unix();
    let today = time.today();
    let who = |who: Who| match who {
        Who::Volunteer => people.volunteer,
        Who::SecondVolunteer => people.second_volunteer,
        Who::Leader => people.leader,
        Who::Staff => people.station_staff,
    };
    for (index, wish) in WISHES.iter().enumerate() {
        // Posted a little before the deadline's month; the steps follow a day apart.
        let posted = now - 86_400 * (12 + index as i64);
        let requester = who(wish.requester);
        let photo_id = match wish.photo {
            Some(colour) => Some(
                insert_photo(
                    tx,
                    &format!("demo-wish-{index}"),
                    colour,
                    index,
                    requester,
                    posted,
                )
                .await?,
            ),
            None => None,
        };
        let deadline = (today + Duration::days(wish.deadline))
            .format("%Y-%m-%d")
            .to_string();
        let (name, age, group) = wish.beneficiary;
        let id = wishes::insert(
            tx,
            &NewWish {
                site_id: sites.stations[wish.station],
                title: wish.title,
                description: wish.description,
                category: wish.category,
                deadline: &deadline,
                beneficiary_name: name,
                beneficiary_age: age,
                beneficiary_group: group,
                requester_id: requester,
                contact: wish.contact,
                on_behalf_of: wish.on_behalf_of,
                photo_id,
                // A claimed one is open until its claimer is set with its status.
                status: if wish.claimer.is_some() {
                    "open"
                } else {
                    wish.status
                },
                now: posted,
            },
        )
        .await?;
        let mut steps = vec![("posted", Some(requester), wish.on_behalf_of.is_some(), None)];
        let staff = Some(people.station_staff);
        if wish.status == "rejected" {
            steps.push(("rejected", staff, false, wish.reject_reason));
        } else if wish.status != "submitted" && wish.on_behalf_of.is_none() {
            steps.push(("approved", staff, false, None));
        }
        if wish.status == "expired" {
            steps.push(("expired", None, false, None));
        }
        if let Some(claimer) = wish.claimer.map(who) {
            steps.push(("claimed", Some(claimer), false, None));
            let (note, thanks, rating) = wish.ending.unwrap_or_default();
            if wish.ending.is_some() {
                steps.push(("fulfilled", Some(claimer), false, Some(note)));
            }
            if let Some(thanks) = thanks {
                steps.push(("confirmed", Some(requester), false, Some(thanks)));
            }
            sqlx::query(
                "UPDATE wishes SET claimer_id = $2, claimed_at = $3, fulfil_note = $4, \
                 fulfilled_at = $5, thanks = $6, rating = $7, status = $8 WHERE id = $1",
            )
            .bind(id)
            .bind(claimer)
            .bind(posted + 2 * 86_400)
            .bind(wish.ending.map(|(note, ..)| note))
            .bind(wish.ending.map(|_| posted + 3 * 86_400))
            .bind(thanks)
            .bind((rating > 0).then_some(rating))
            .bind(wish.status)
            .execute(&mut **tx)
            .await?;
        }
        sqlx::query("UPDATE wishes SET reject_reason = $2, photo_public = $3 WHERE id = $1")
            .bind(id)
            .bind(wish.reject_reason)
            .bind(i64::from(wish.photo.is_some()))
            .execute(&mut **tx)
            .await?;
        for (n, (event, actor, on_behalf, note)) in steps.into_iter().enumerate() {
            timeline::add(
                &mut **tx,
                &Step {
                    subject: "wish",
                    subject_id: id,
                    at: (posted + n as i64 * 86_400).min(now),
                    event,
                    actor_id: actor,
                    on_behalf,
                    note,
                },
            )
            .await?;
        }
    }
    Ok(())
}
