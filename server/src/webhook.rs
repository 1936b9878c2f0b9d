//! The notices' webhook: every notice (站内消息) is also POSTed, as JSON, to a URL the station
//! chooses — its SMS or WeChat-message gateway — so that a person hears of it without opening
//! the app. The payload and the retries are documented in `docs/webhook.md`.
//!
//! One task per server polls for notices due, claims each with a conditional update (several
//! servers on one database share the work) and sends it; a refusal or a network failure is
//! tried again later, `retry` × 2ⁿ after the n-th failure, at most [`MAX_ATTEMPTS`] times.
//! Notices older than a day when first tried are not sent (a webhook configured today does not
//! flood residents with last year's news); a notice's retries go on whatever its age. Delivery
//! is at least once: a gateway that answered too late for its answer to count gets the notice
//! again, with the same `X-Station-Delivery`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use station_wire::notices::NoticeKind;
use tokio::task::JoinHandle;

use crate::api::notices::kind_of;
use crate::clock::StationTime;
use crate::store::notices::{self, DueRow};
use crate::store::Store;

/// Tries per notice before it is given up.
pub const MAX_ATTEMPTS: i64 = 8;
/// How long one attempt may take; its claim lasts a little longer.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How often the task looks for notices due.
const POLL: Duration = Duration::from_secs(1);
/// Notices older than this are not sent.
const FRESH_SECONDS: i64 = 24 * 3600;

/// Where and how notices go out.
#[derive(Debug, Clone)]
pub struct Webhook {
    pub url: String,
    /// Signs each body (`X-Station-Signature: sha256=<hex HMAC-SHA256>`) when given.
    pub secret: Option<String>,
    /// The wait after the first failure (doubled after each next one).
    pub retry: Duration,
}

/// The JSON body of one delivery.
#[derive(Debug, Serialize)]
pub struct Payload {
    /// The notice's id: the same in every retry of it (`X-Station-Delivery` too).
    pub id: i64,
    pub kind: NoticeKind,
    pub created_at: String,
    pub recipient: Recipient,
    pub activity_id: Option<i64>,
    pub team_id: Option<i64>,
    pub wish_id: Option<i64>,
    pub order_id: Option<i64>,
    pub subject_title: String,
    pub reason: Option<String>,
    /// The notice in one plain zh-CN sentence, ready for an SMS.
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Recipient {
    pub account_id: i64,
    pub display_name: String,
    /// The whole number: the gateway must reach the person.
    pub phone: String,
}

/// Starts the delivery task.
pub fn spawn(webhook: Webhook, store: Store, time: StationTime) -> JoinHandle<()> {
    tokio::spawn(async move {
        // A redirect would carry the phone numbers to another host: none are followed.
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build();
        let client = match client {
            Ok(client) => client,
            Err(error) => {
                tracing::error!(%error, "the notices' webhook cannot start");
                return;
            }
        };
        loop {
            if let Err(error) = deliver_due(&client, &webhook, &store, &time).await {
                tracing::warn!(%error, "the notices' webhook could not read what is due");
            }
            tokio::time::sleep(POLL).await;
        }
    })
}

fn system_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}

async fn deliver_due(
    client: &reqwest::Client,
    webhook: &Webhook,
    store: &Store,
    time: &StationTime,
) -> Result<(), sqlx::Error> {
    let pool = store.pool();
    let since = time.now_unix() - FRESH_SECONDS;
    for row in notices::due(pool, since, system_now(), 50).await? {
        // Claimed as it comes up, for longer than one attempt can take: another server finds
        // it taken until this one is done with it.
        let now = system_now();
        let lease = i64::try_from(TIMEOUT.as_secs()).unwrap_or(10) * 3;
        if !notices::claim(pool, row.notice.id, now, now + lease).await? {
            continue;
        }
        let (id, attempts) = (row.notice.id, row.webhook_attempts);
        let Some(payload) = payload(row, time) else {
            notices::failed(pool, id, None).await?;
            continue;
        };
        match send(client, webhook, &payload).await {
            Ok(()) => notices::delivered(pool, id, system_now()).await?,
            Err(why) => {
                let tried = attempts + 1;
                let next = (tried < MAX_ATTEMPTS).then(|| {
                    let wait = webhook.retry.as_secs().max(1) << (tried - 1).min(16);
                    system_now() + i64::try_from(wait).unwrap_or(i64::MAX / 2)
                });
                tracing::warn!(notice = id, attempt = tried, %why, gave_up = next.is_none(),
                    "the notices' webhook refused or could not be reached");
                notices::failed(pool, id, next).await?;
            }
        }
    }
    Ok(())
}

async fn send(
    client: &reqwest::Client,
    webhook: &Webhook,
    payload: &Payload,
) -> Result<(), String> {
    let body = serde_json::to_vec(payload).map_err(|error| error.to_string())?;
    let mut request = client
        .post(&webhook.url)
        .header("Content-Type", "application/json")
        .header("X-Station-Delivery", payload.id.to_string());
    if let Some(secret) = &webhook.secret {
        request = request.header("X-Station-Signature", signature(secret, &body));
    }
    let response = request
        .body(body)
        .send()
        .await
        // Without the URL, which may hold the gateway's key, in the log.
        .map_err(|error| error.without_url().to_string())?;
    if response.status().is_success() {
        Ok(())
    } else {
        Err(format!("answered {}", response.status()))
    }
}

/// `sha256=` and the hex HMAC-SHA256 of the body under the secret.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("sha256={hex}")
}

fn payload(due: DueRow, time: &StationTime) -> Option<Payload> {
    let row = due.notice;
    let kind = kind_of(&row.kind)?;
    let title = &row.subject_title;
    let text = match kind {
        NoticeKind::ActivityCancelled => match &row.reason {
            Some(reason) => format!("您报名的活动「{title}」已取消，原因：{reason}"),
            None => format!("您报名的活动「{title}」已取消"),
        },
        NoticeKind::ActivityMoved => match row.starts_at {
            Some(starts_at) => format!(
                "您报名的活动「{title}」改了时间，新的时间：{}",
                time.to_wire(starts_at).format("%-m月%-d日 %H:%M")
            ),
            None => format!("您报名的活动「{title}」改了时间"),
        },
        NoticeKind::WaitlistPromoted => {
            format!("有名额空出，您候补的活动「{title}」已为您报上名，请按时参加")
        }
        NoticeKind::TeamApproved => format!("您已加入「{title}」"),
        NoticeKind::TeamDeclined => format!("「{title}」这次没有同意您的入队申请"),
        NoticeKind::WishApproved => format!("您的微心愿「{title}」已通过审核，等待认领"),
        NoticeKind::WishRejected => match &row.reason {
            Some(reason) => format!("您的微心愿「{title}」未通过审核，原因：{reason}"),
            None => format!("您的微心愿「{title}」未通过审核"),
        },
        NoticeKind::WishClaimed => format!("您的微心愿「{title}」已有人认领"),
        NoticeKind::WishReleased => {
            format!("认领您的微心愿「{title}」的人放弃了认领，心愿回到了心愿墙")
        }
        NoticeKind::WishFulfilled => {
            format!("您的微心愿「{title}」已实现，请确认并评价")
        }
        NoticeKind::WishConfirmed => format!("您帮助实现的微心愿「{title}」已确认，谢谢您"),
        NoticeKind::WishExpired => format!("您的微心愿「{title}」到期未被认领，已结束"),
        NoticeKind::WishWithdrawn => format!("您的微心愿「{title}」已由站里的工作人员撤回"),
        NoticeKind::OrderRejected => match &row.reason {
            Some(reason) => format!("您点的服务「{title}」这次没有安排，原因：{reason}"),
            None => format!("您点的服务「{title}」这次没有安排"),
        },
        NoticeKind::OrderDispatched => format!("有一单「{title}」派给了您的服务队，可以接单了"),
        NoticeKind::OrderAccepted => format!("您点的服务「{title}」已有志愿者接单"),
        NoticeKind::OrderCompleted => format!("您点的服务「{title}」已完成，请评价"),
        NoticeKind::OrderReassigned => format!("您接的服务「{title}」已改派给别人，不用去了"),
        NoticeKind::OrderCancelled => match &row.reason {
            Some(reason) => format!("服务「{title}」已取消，原因：{reason}"),
            None => format!("服务「{title}」已取消"),
        },
    };
    Some(Payload {
        id: row.id,
        kind,
        created_at: time.to_wire(row.created_at).to_rfc3339(),
        recipient: Recipient {
            account_id: row.account_id,
            display_name: due.display_name,
            phone: due.phone,
        },
        activity_id: row.activity_id,
        team_id: row.team_id,
        wish_id: row.wish_id,
        order_id: row.order_id,
        subject_title: row.subject_title,
        reason: row.reason,
        text,
    })
}
