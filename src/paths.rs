//! Every in-app path, built in one place; the router's patterns in `app.rs` match these.

use crate::session::encode_component;

pub const ME: &str = "/me";
pub const PASSWORD: &str = "/me/password";
/// 个人信息: one's data to download, one's account to delete.
pub const PRIVACY: &str = "/me/privacy";
pub const NEW_ACCOUNT: &str = "/staff/accounts/new";
pub const RESET_PASSWORD: &str = "/staff/accounts/password";
/// 工作台: the staff console.
pub const CONSOLE: &str = "/staff/console";
/// 操作记录: the audit log, for administrators.
pub const AUDIT: &str = "/staff/audit";
/// 志愿服务证明: one's service certificate, to print.
pub const CERTIFICATE: &str = "/me/certificate";
/// 报表: staff's CSV reports.
pub const REPORTS: &str = "/staff/reports";
/// 站内消息, one's notices.
pub const NOTICES: &str = "/me/notices";
/// 服务类别: the categories and their colours, for administrators.
pub const CATEGORIES: &str = "/staff/categories";
/// The activity form: a new draft.
pub const NEW_ACTIVITY: &str = "/staff/publish/new";

/// `/me/login?next=<where>`: sign in, then come back to `next`.
pub fn login(next: &str) -> String {
    format!("/me/login?next={}", encode_component(next))
}

/// `/me/register?next=<where>`: register, then come back to `next`.
pub fn register(next: &str) -> String {
    format!("/me/register?next={}", encode_component(next))
}

pub fn activity(id: i64) -> String {
    format!("/activities/{id}")
}

/// The query an activity's page is opened with after signing in or registering from its 报名:
/// the sign-up the person set out to make is then made.
pub const SIGN_UP_QUERY: &str = "signup";

/// `/activities/{id}?signup=1`: the activity, where the sign-up is made once signed in.
pub fn activity_then_sign_up(id: i64) -> String {
    format!("/activities/{id}?{SIGN_UP_QUERY}=1")
}

/// Whether a `next` target is an activity's page that makes a sign-up (see
/// [`activity_then_sign_up`]).
pub fn is_sign_up_next(next: &str) -> bool {
    next.starts_with("/activities/") && next.ends_with(&format!("?{SIGN_UP_QUERY}=1"))
}

pub fn roster(activity_id: i64) -> String {
    format!("/staff/activities/{activity_id}/roster")
}

/// `/staff/publish/{id}`: edit, cancel or delete an activity.
pub fn edit_activity(activity_id: i64) -> String {
    format!("/staff/publish/{activity_id}")
}

/// `/staff/accounts/signup?activity={id}`: 为居民代报名.
pub fn behalf(activity_id: i64) -> String {
    format!("/staff/accounts/signup?activity={activity_id}")
}

pub fn checkin_code(activity_id: i64) -> String {
    format!("/staff/activities/{activity_id}/checkin-code")
}

pub const TEAMS: &str = "/me/teams";

/// `/staff/teams/{id}`: a team's members and join requests, for its leader and staff.
pub fn team_members(team_id: i64) -> String {
    format!("/staff/teams/{team_id}")
}

/// The residents' list of sites (实践站点).
pub const STATIONS: &str = "/sites";

/// 分享: an activity's link, QR code and poster.
pub fn share(activity_id: i64) -> String {
    format!("/share/activities/{activity_id}")
}

/// 订阅日历: the calendar's iCalendar feeds.
pub const SUBSCRIBE: &str = "/calendar/subscribe";

/// `/sites/{id}`: a site's public page for residents.
pub fn station(site_id: i64) -> String {
    format!("/sites/{site_id}")
}

/// 站点与人员: the site tree.
pub const SITES: &str = "/staff/sites";

/// `/staff/sites/{id}`: a site's information, staff and teams.
pub fn site(site_id: i64) -> String {
    format!("/staff/sites/{site_id}")
}

/// `/staff/sites/new[?parent=…]`: a new site, under `parent` (a center without one).
pub fn new_site(parent: Option<i64>) -> String {
    match parent {
        Some(parent) => format!("/staff/sites/new?parent={parent}"),
        None => "/staff/sites/new".to_owned(),
    }
}

/// `/staff/teams/{id}/edit`: what a team is, its site and leader; archiving it.
pub fn edit_team(team_id: i64) -> String {
    format!("/staff/teams/{team_id}/edit")
}

/// `/staff/teams/new?site=…`: a new team at the site.
pub fn new_team(site_id: i64) -> String {
    format!("/staff/teams/new?site={site_id}")
}

/// 好人榜: the newest board, or one month's (`YYYY-MM`).
pub const HONORS: &str = "/honors";

/// The board of a site and the sites below it.
pub fn honors_of(site_id: i64) -> String {
    format!("/honors?site={site_id}")
}

/// One honor's story.
pub fn honor(id: i64) -> String {
    format!("/honors/{id}")
}

/// 分享 an honor: its link, QR code and (with the nominee's consent) a poster.
pub fn share_honor(id: i64) -> String {
    format!("/share/honors/{id}")
}

/// 我的推荐: one's nominations.
pub const MY_NOMINATIONS: &str = "/me/nominations";
/// 推荐身边好人: the nomination form.
pub const NOMINATE: &str = "/me/nominations/new";
/// 好人榜审核: the nominations of one's sites, for staff.
pub const HONOR_REVIEW: &str = "/staff/honors";

/// One nomination's review.
pub fn review_nomination(id: i64) -> String {
    format!("/staff/honors/{id}")
}

/// One wish.
pub fn wish(id: i64) -> String {
    format!("/wishes/{id}")
}

/// 微心愿: the wall.
pub const WISHES: &str = "/wishes";
/// Posting a wish.
pub const NEW_WISH: &str = "/wishes/new";
/// 我的心愿: one's wishes and claims.
pub const MY_WISHES: &str = "/me/wishes";
/// Staff's queue of wishes.
pub const WISH_REVIEW: &str = "/staff/wishes";

/// Saying how a wish came true (its claimer).
pub fn fulfil_wish(id: i64) -> String {
    format!("/wishes/fulfil/{id}")
}

/// 点单: the service menu.
pub const SERVICES: &str = "/services";
/// Ordering an item of the menu.
pub fn new_order(service_id: i64) -> String {
    format!("/orders/new?service={service_id}")
}
/// One order.
pub fn order(id: i64) -> String {
    format!("/orders/{id}")
}
/// 我的点单: one's orders and tasks.
pub const MY_ORDERS: &str = "/me/orders";
/// Staff's queue of orders (派单).
pub const ORDER_QUEUE: &str = "/staff/orders";
/// Keeping the service menu.
pub const SERVICE_MENU: &str = "/staff/services";

/// The display screen of a site.
pub fn screen(site_id: i64) -> String {
    format!("/screen/{site_id}")
}
/// A preview of a site's display screen (staff's 大屏 page): it records no heartbeat.
pub fn screen_preview(site_id: i64) -> String {
    format!("/screen/{site_id}?preview=true")
}
/// 大屏: the screens' links and heartbeats, for staff.
pub const SCREENS: &str = "/staff/screens";
