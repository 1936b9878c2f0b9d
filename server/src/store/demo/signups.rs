//! The demo volunteers' sign-ups: a year of past service with confirmed hours (about 120 h, so
//! "我的" shows ★1 and the way to ★2), two recent activities awaiting staff confirmation, places
//! in today's and the next days' activities (so check-in can be tried), and a waitlist place.

use chrono::{Duration, NaiveTime};
use sqlx::{Any, Transaction};

use super::accounts::DemoAccounts;
use super::templates::templates_of;
use super::{Sites, CATEGORIES};
use crate::clock::StationTime;
use crate::store::activities::{self, NewActivity};
use crate::store::signups::insert_raw;

/// Weeks of past service, one three-hour activity each: 40 × 3 h = 120 h.
const HISTORY_WEEKS: i64 = 40;
const HISTORY_MINUTES: i64 = 180;

pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    time: &StationTime,
    sites: &Sites,
    scheduled: &[(i64, NewActivity)],
    people: &DemoAccounts,
) -> anyhow::Result<()> {
    let now = time.now_unix();
    insert_history(tx, time, sites, people.volunteer).await?;

    let has_room = |a: &NewActivity| a.confirmed_count < a.capacity && a.cancelled_at.is_none();
    // The two latest finished activities: attended, hours recorded, awaiting staff.
    let mut finished: Vec<&(i64, NewActivity)> = scheduled
        .iter()
        .filter(|(_, a)| a.ends_at <= now && has_room(a))
        .collect();
    finished.sort_by_key(|(_, a)| std::cmp::Reverse(a.starts_at));
    for (id, activity) in finished.into_iter().take(2) {
        take_place(tx, *id).await?;
        let checked_in = activity.starts_at - 10 * 60;
        insert_raw(
            &mut **tx,
            *id,
            people.volunteer,
            "attended",
            checked_in - 86_400,
            Some(checked_in),
        )
        .await?;
    }

    // Places in what is still ahead today and in the next two open activities after today.
    let open = |a: &NewActivity| {
        has_room(a) && !a.team_only && a.signup_deadline.is_none_or(|deadline| deadline > now)
    };
    let tomorrow = time.day_start(time.today() + Duration::days(1));
    let mut ahead: Vec<&(i64, NewActivity)> = scheduled
        .iter()
        .filter(|(_, a)| a.ends_at > now && open(a))
        .collect();
    ahead.sort_by_key(|(_, a)| a.starts_at);
    let today: Vec<_> = ahead
        .iter()
        .filter(|(_, a)| a.starts_at < tomorrow)
        .collect();
    let later: Vec<_> = ahead
        .iter()
        .filter(|(_, a)| a.starts_at >= tomorrow && a.starts_at > now)
        .take(3)
        .collect();
    for (id, _) in today.into_iter().chain(later.iter().take(2).copied()) {
        take_place(tx, *id).await?;
        insert_raw(
            &mut **tx,
            *id,
            people.volunteer,
            "confirmed",
            now - 3_600,
            None,
        )
        .await?;
    }
    if let Some((id, _)) = later.get(2) {
        take_place(tx, *id).await?;
        insert_raw(
            &mut **tx,
            *id,
            people.second_volunteer,
            "confirmed",
            now - 3_600,
            None,
        )
        .await?;
    }
    // The second volunteer waits for a place in the first full activity ahead.
    if let Some((id, _)) = scheduled.iter().find(|(_, a)| {
        a.starts_at > now
            && a.cancelled_at.is_none()
            && !a.team_only
            && a.confirmed_count >= a.capacity
            && a.signup_deadline.is_none_or(|deadline| deadline > now)
    }) {
        insert_raw(
            &mut **tx,
            *id,
            people.second_volunteer,
            "waitlisted",
            now - 1_800,
            None,
        )
        .await?;
    }
    Ok(())
}

async fn take_place(
    tx: &mut Transaction<'static, Any>,
    activity_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE activities SET confirmed_count = confirmed_count + 1 WHERE id = $1")
        .bind(activity_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A Saturday-morning activity every week before the demo fortnight, attended, hours confirmed.
async fn insert_history(
    tx: &mut Transaction<'static, Any>,
    time: &StationTime,
    sites: &Sites,
    volunteer: i64,
) -> anyhow::Result<()> {
    let first_day = time.today() - Duration::days(super::DAYS_BEFORE + 7);
    for week in 0..HISTORY_WEEKS {
        let (category, _, _) = CATEGORIES[(week % CATEGORIES.len() as i64) as usize];
        let choices = templates_of(category);
        let template = choices[(week as usize / CATEGORIES.len()) % choices.len()];
        let day = first_day - Duration::days(7 * week);
        let starts_at = time.local_unix(day, NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
        let activity = NewActivity {
            site_id: sites.stations[0],
            team_id: None,
            category_slug: category.to_owned(),
            title: template.title.to_owned(),
            description: template.description.to_owned(),
            place: template.place.to_owned(),
            starts_at,
            ends_at: starts_at + HISTORY_MINUTES * 60,
            capacity: template.capacity,
            confirmed_count: (template.capacity / 2).max(1),
            signup_deadline: None,
            target_group: template.target_group.map(str::to_owned),
            cancelled_at: None,
            created_at: starts_at - 7 * 86_400,
            team_only: false,
        };
        let id = activities::insert(&mut **tx, &activity).await?;
        let checked_in = starts_at - 5 * 60;
        let signup = insert_raw(
            &mut **tx,
            id,
            volunteer,
            "attended",
            starts_at - 3 * 86_400,
            Some(checked_in),
        )
        .await?;
        sqlx::query(
            "INSERT INTO service_hours (signup_id, minutes, status, updated_at) \
             VALUES ($1, $2, 'confirmed', $3)",
        )
        .bind(signup)
        .bind(HISTORY_MINUTES)
        .bind(activity.ends_at + 86_400)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
