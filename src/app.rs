//! The app shell (context at the root, header, routed main content, bottom navigation) and the
//! routes of each area; every area is its own bundle (see [`crate::bundle`]).

use leptos::prelude::*;

use crate::api::Api;
use crate::bundle::{provide_bundle, Bundle};
use crate::components::{full_card, link_card};
use crate::components::{provide_elder_mode, BottomNav, ElderToggle, LanguageSwitch};
use crate::config::{provide_config, Config};
use crate::hooks::{provide_station_data, use_station};
use crate::i18n::{page_locale, provide_i18n, use_i18n};
use crate::pages::calendar::{elder_offer, no_intro, search_form, search_link, FILTERED_LIST};
use crate::pages::{
    ActivityPage, AgendaPage, AuditPage, BehalfPage, BoardPage, CategoriesPage, CertificatePage,
    ChangePasswordPage, CheckinCodePage, CheckinPage, ConsolePage, CreateAccountPage,
    EditActivityPage, EditTeamPage, FulfilWishPage, HonorPage, LoginPage, MePage, MenuKeepingPage,
    MonthPage, MyNominationsPage, MyOrdersPage, MyWishesPage, NewActivityPage, NewSitePage,
    NewTeamPage, NominatePage, NotFoundPage, NoticesPage, OrderPage, PlaceOrderPage, PostWishPage,
    PrivacyPage, RegisterPage, ReportsPage, ResetPasswordPage, ReviewPage, ReviewQueuePage,
    RosterPage, ScreenPage, ScreensPage, ServicesPage, ShareHonorPage, SharePage, SitePage,
    SitesPage, StaffOrdersPage, StaffWishesPage, StationPage, StationsPage, SubscribePage,
    TeamMembersPage, TeamsPage, WallPage, WeekPage, WishPage,
};
use crate::paths;
use crate::router::{route, routes, Route, Router};
use crate::session::{load_my_signups, provide_session, use_session, AlsoLoad};

/// Everything every area shares: the context provided once at the root, the header, the main
/// landmark around the area's routes, and the bottom navigation.
#[component]
fn Shell(
    config: Config,
    bundle: Bundle,
    /// What the area loads with the account ([`load_my_signups`] where sign-up buttons show).
    #[prop(optional)]
    also: Option<AlsoLoad>,
    children: Children,
) -> impl IntoView {
    provide_i18n(page_locale());
    provide_elder_mode();
    let (_, api) = provide_session(&config.api_base, also);
    provide_context::<Api>(api);
    provide_config(config);
    provide_bundle(bundle);
    provide_station_data();

    view! {
        <Router>
            // For keyboards and screen readers: past the header, straight to the page. The
            // browser follows it (`rel="external"` keeps the router out of a same-page jump).
            <a class="skip-link" href="#main" rel="external">{use_i18n().messages().app().skip_to_content}</a>
            <Header />
            <main id="main" class="app-main" tabindex="-1">
                <crate::offline::OfflineNote />
                {children()}
            </main>
            <BottomNav />
        </Router>
    }
}

/// The calendar area (the root bundle): the agenda, an activity, and the sections to come.
#[component]
pub fn CalendarApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Calendar also=load_my_signups>
            {routes(calendar_routes(), not_found)}
        </Shell>
    }
}

/// 我的 (`/me`).
#[component]
pub fn MeApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Me also=load_my_signups>
            {routes(me_routes(), not_found)}
        </Shell>
    }
}

/// Signing in and up, the password, and checking in by QR code.
#[component]
pub fn AccountApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Account>
            {routes(account_routes(), not_found)}
        </Shell>
    }
}

/// For staff: an activity's roster and its check-in code.
#[component]
pub fn StaffActivitiesApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::StaffActivities>
            {routes(staff_activities_routes(), not_found)}
        </Shell>
    }
}

/// For staff: accounts opened for residents, a new password for one who forgot theirs, and
/// signing a resident up for an activity (代报名).
#[component]
pub fn StaffPeopleApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::StaffPeople>
            {routes(staff_people_routes(), not_found)}
        </Shell>
    }
}

/// 工作台, the staff console: the activities of one's sites, and a new one.
#[component]
pub fn ConsoleApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Console>
            {routes(console_routes(), not_found)}
        </Shell>
    }
}

/// 操作记录: the audit log, for administrators (an area of its own: in 工作台's it broke the
/// budget).
#[component]
pub fn AuditApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Audit>
            {routes(audit_routes(), not_found)}
        </Shell>
    }
}

/// Records of service: the volunteer's certificate, staff's CSV reports.
#[component]
pub fn RecordsApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Records>
            {routes(records_routes(), not_found)}
        </Shell>
    }
}

/// 服务类别, kept by administrators (an area of its own: with the audit log's it broke the
/// budget by 12 KiB, the forms' machinery the audit log does not carry).
#[component]
pub fn CategoriesApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Categories>
            {routes(categories_routes(), not_found)}
        </Shell>
    }
}

/// The activity form: a new draft; an activity edited, cancelled with a reason, or deleted.
#[component]
pub fn PublishApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Publish>
            {routes(publish_routes(), not_found)}
        </Shell>
    }
}

/// 站点与人员: the site tree, a new site, and one site's information, staff and teams.
#[component]
pub fn SitesApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Sites>
            {routes(sites_routes(), not_found)}
        </Shell>
    }
}

/// 个人信息: one's data to download and one's account to delete (an area of its own: inside the
/// account forms' it broke the budget by 3 KiB).
#[component]
pub fn PrivacyApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Privacy>
            {routes(privacy_routes(), not_found)}
        </Shell>
    }
}

/// The residents' station pages: every site, and one site's public information; the team
/// directory (`/me/teams`: in 我的's bundle it broke the budget).
#[component]
pub fn StationsApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Stations>
            {routes(stations_routes(), not_found)}
        </Shell>
    }
}

/// The month and the week of the calendar.
#[component]
pub fn CalendarViewsApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::CalendarViews>
            {routes(calendar_views_routes(), not_found)}
        </Shell>
    }
}

/// 订阅日历: a site's feed and one's own.
#[component]
pub fn SubscribeApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Subscribe>
            {routes(subscribe_routes(), not_found)}
        </Shell>
    }
}

/// 分享: an activity's link, QR code and poster.
#[component]
pub fn ShareApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Share>
            {routes(share_routes(), not_found)}
        </Shell>
    }
}

/// 好人榜: the board and an honor's story.
#[component]
pub fn HonorsApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Honors>
            {routes(honors_routes(), not_found)}
        </Shell>
    }
}

/// 推荐身边好人 and one's nominations.
#[component]
pub fn NominationsApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Nominations>
            {routes(nominations_routes(), not_found)}
        </Shell>
    }
}

/// 微心愿: the wall, and a wish with its steps.
#[component]
pub fn WishesApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Wishes>
            {routes(wishes_routes(), not_found)}
        </Shell>
    }
}

/// Posting a wish, and one's wishes and claims.
#[component]
pub fn WishFormsApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::WishForms>
            {routes(wish_forms_routes(), not_found)}
        </Shell>
    }
}

/// Saying how a wish came true.
#[component]
pub fn WishFulfilApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::WishFulfil>
            {routes(wish_fulfil_routes(), not_found)}
        </Shell>
    }
}

/// The display screen: full screen without the app's header and navigation, no account (a
/// kiosk has none), nothing of a person kept.
#[component]
pub fn ScreenApp(config: Config) -> impl IntoView {
    provide_i18n(page_locale());
    let api = Api::new(&config.api_base);
    provide_context::<Api>(api);
    provide_config(config);
    provide_bundle(Bundle::Screen);
    view! {
        <Router>
            {routes(screen_routes(), not_found)}
        </Router>
    }
}

/// 大屏 for staff: the screens' links and heartbeats.
#[component]
pub fn StaffScreensApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::StaffScreens>
            {routes(staff_screens_routes(), not_found)}
        </Shell>
    }
}

/// 点单: the service menu, ordering an item, and one's orders and tasks.
#[component]
pub fn OrdersApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Orders>
            {routes(orders_routes(), not_found)}
        </Shell>
    }
}

/// One order and its steps.
#[component]
pub fn OrderApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::OrderPage>
            {routes(order_page_routes(), not_found)}
        </Shell>
    }
}

/// 点单派单: staff's queue of orders, and the service menu's keeping.
#[component]
pub fn StaffOrdersApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::StaffOrders>
            {routes(staff_orders_routes(), not_found)}
        </Shell>
    }
}

/// 心愿审核: staff's queue of wishes.
#[component]
pub fn StaffWishesApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::StaffWishes>
            {routes(staff_wishes_routes(), not_found)}
        </Shell>
    }
}

/// 好人榜 for staff: the nominations to review, and one nomination's review.
#[component]
pub fn StaffHonorsApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::StaffHonors>
            {routes(staff_honors_routes(), not_found)}
        </Shell>
    }
}

/// A team for its leader and staff: a new one at a site, its members and join requests.
#[component]
pub fn TeamsApp(config: Config) -> impl IntoView {
    view! {
        <Shell config bundle=Bundle::Teams>
            {routes(teams_routes(), not_found)}
        </Shell>
    }
}

/// The page for a path no route of this area matches (see [`NotFoundPage`]).
fn not_found() -> AnyView {
    view! { <NotFoundPage /> }.into_any()
}

/// The routes of [`Bundle::Calendar`].
pub fn calendar_routes() -> Vec<Route> {
    vec![
        route("/", || {
            view! { <AgendaPage path="/" more=search_link card=full_card intro=elder_offer /> }
                .into_any()
        }),
        route("/activities/:id", || view! { <ActivityPage /> }.into_any()),
    ]
}

/// The routes of [`Bundle::Me`].
pub fn me_routes() -> Vec<Route> {
    vec![route("/me", || view! { <MePage /> }.into_any())]
}

/// The routes of [`Bundle::Account`].
pub fn account_routes() -> Vec<Route> {
    vec![
        route("/me/login", || view! { <LoginPage /> }.into_any()),
        route("/me/register", || view! { <RegisterPage /> }.into_any()),
        route("/me/password", || {
            view! { <ChangePasswordPage /> }.into_any()
        }),
        route("/me/checkin/:id", || view! { <CheckinPage /> }.into_any()),
        route("/me/notices", || view! { <NoticesPage /> }.into_any()),
    ]
}

/// The routes of [`Bundle::StaffActivities`].
pub fn staff_activities_routes() -> Vec<Route> {
    vec![
        route("/staff/activities/:id/roster", || {
            view! { <RosterPage /> }.into_any()
        }),
        route("/staff/activities/:id/checkin-code", || {
            view! { <CheckinCodePage /> }.into_any()
        }),
    ]
}

/// The routes of [`Bundle::StaffPeople`].
pub fn staff_people_routes() -> Vec<Route> {
    vec![
        route("/staff/accounts/new", || {
            view! { <CreateAccountPage /> }.into_any()
        }),
        route("/staff/accounts/password", || {
            view! { <ResetPasswordPage /> }.into_any()
        }),
        route("/staff/accounts/signup", || {
            view! { <BehalfPage /> }.into_any()
        }),
    ]
}

/// The routes of [`Bundle::Console`].
pub fn console_routes() -> Vec<Route> {
    vec![route("/staff/console", || {
        view! { <ConsolePage /> }.into_any()
    })]
}

/// The routes of [`Bundle::Audit`].
pub fn audit_routes() -> Vec<Route> {
    vec![route("/staff/audit", || view! { <AuditPage /> }.into_any())]
}

/// The routes of [`Bundle::Records`].
pub fn records_routes() -> Vec<Route> {
    vec![
        route("/me/certificate", || {
            view! { <CertificatePage /> }.into_any()
        }),
        route("/staff/reports", || view! { <ReportsPage /> }.into_any()),
    ]
}

/// The routes of [`Bundle::Categories`].
pub fn categories_routes() -> Vec<Route> {
    vec![route("/staff/categories", || {
        view! { <CategoriesPage /> }.into_any()
    })]
}

/// The routes of [`Bundle::Publish`].
pub fn publish_routes() -> Vec<Route> {
    vec![
        route("/staff/publish/new", || {
            view! { <NewActivityPage /> }.into_any()
        }),
        route("/staff/publish/:id", || {
            view! { <EditActivityPage /> }.into_any()
        }),
    ]
}

/// The routes of [`Bundle::Sites`].
pub fn sites_routes() -> Vec<Route> {
    vec![
        route("/staff/sites", || view! { <SitesPage /> }.into_any()),
        route("/staff/sites/new", || view! { <NewSitePage /> }.into_any()),
        route("/staff/sites/:id", || view! { <SitePage /> }.into_any()),
    ]
}

/// The routes of [`Bundle::Privacy`].
pub fn privacy_routes() -> Vec<Route> {
    vec![route("/me/privacy", || {
        view! { <PrivacyPage /> }.into_any()
    })]
}

/// The routes of [`Bundle::Stations`].
pub fn stations_routes() -> Vec<Route> {
    vec![
        route("/sites", || view! { <StationsPage /> }.into_any()),
        route("/sites/:id", || view! { <StationPage /> }.into_any()),
        route("/me/teams", || view! { <TeamsPage /> }.into_any()),
    ]
}

/// The routes of [`Bundle::CalendarViews`].
pub fn calendar_views_routes() -> Vec<Route> {
    vec![
        route(FILTERED_LIST, || {
            view! { <AgendaPage path=FILTERED_LIST more=search_form card=link_card intro=no_intro /> }
                .into_any()
        }),
        route("/calendar/month", || view! { <MonthPage /> }.into_any()),
        route("/calendar/week", || view! { <WeekPage /> }.into_any()),
    ]
}

/// The routes of [`Bundle::Subscribe`].
pub fn subscribe_routes() -> Vec<Route> {
    vec![route(paths::SUBSCRIBE, || {
        view! { <SubscribePage /> }.into_any()
    })]
}

/// The routes of [`Bundle::Share`].
pub fn share_routes() -> Vec<Route> {
    vec![
        route("/share/activities/:id", || {
            view! { <SharePage /> }.into_any()
        }),
        route("/share/honors/:id", || {
            view! { <ShareHonorPage /> }.into_any()
        }),
    ]
}

/// The routes of [`Bundle::Honors`].
pub fn honors_routes() -> Vec<Route> {
    vec![
        route("/honors", || view! { <BoardPage /> }.into_any()),
        route("/honors/:id", || view! { <HonorPage /> }.into_any()),
    ]
}

/// The routes of [`Bundle::Nominations`].
pub fn nominations_routes() -> Vec<Route> {
    vec![
        route("/me/nominations", || {
            view! { <MyNominationsPage /> }.into_any()
        }),
        route("/me/nominations/new", || {
            view! { <NominatePage /> }.into_any()
        }),
    ]
}

/// The routes of [`Bundle::Wishes`].
pub fn wishes_routes() -> Vec<Route> {
    vec![
        route("/wishes", || view! { <WallPage /> }.into_any()),
        route("/wishes/:id", || view! { <WishPage /> }.into_any()),
    ]
}

/// The routes of [`Bundle::WishForms`].
pub fn wish_forms_routes() -> Vec<Route> {
    vec![
        route("/wishes/new", || view! { <PostWishPage /> }.into_any()),
        route("/me/wishes", || view! { <MyWishesPage /> }.into_any()),
    ]
}

/// The routes of [`Bundle::WishFulfil`].
pub fn wish_fulfil_routes() -> Vec<Route> {
    vec![route("/wishes/fulfil/:id", || {
        view! { <FulfilWishPage /> }.into_any()
    })]
}

/// The routes of [`Bundle::StaffScreens`].
pub fn staff_screens_routes() -> Vec<Route> {
    vec![route("/staff/screens", || {
        view! { <ScreensPage /> }.into_any()
    })]
}

/// The routes of [`Bundle::Screen`].
pub fn screen_routes() -> Vec<Route> {
    vec![route("/screen/:site", || {
        view! { <ScreenPage /> }.into_any()
    })]
}

/// The routes of [`Bundle::Orders`].
pub fn orders_routes() -> Vec<Route> {
    vec![
        route("/services", || view! { <ServicesPage /> }.into_any()),
        route("/orders/new", || view! { <PlaceOrderPage /> }.into_any()),
        route("/me/orders", || view! { <MyOrdersPage /> }.into_any()),
    ]
}

/// The routes of [`Bundle::OrderPage`].
pub fn order_page_routes() -> Vec<Route> {
    vec![route("/orders/:id", || view! { <OrderPage /> }.into_any())]
}

/// The routes of [`Bundle::StaffOrders`].
pub fn staff_orders_routes() -> Vec<Route> {
    vec![
        route("/staff/orders", || view! { <StaffOrdersPage /> }.into_any()),
        route("/staff/services", || {
            view! { <MenuKeepingPage /> }.into_any()
        }),
    ]
}

/// The routes of [`Bundle::StaffWishes`].
pub fn staff_wishes_routes() -> Vec<Route> {
    vec![route("/staff/wishes", || {
        view! { <StaffWishesPage /> }.into_any()
    })]
}

/// The routes of [`Bundle::StaffHonors`].
pub fn staff_honors_routes() -> Vec<Route> {
    vec![
        route("/staff/honors", || view! { <ReviewQueuePage /> }.into_any()),
        route("/staff/honors/:id", || view! { <ReviewPage /> }.into_any()),
    ]
}

/// The routes of [`Bundle::Teams`].
pub fn teams_routes() -> Vec<Route> {
    vec![
        route("/staff/teams/new", || view! { <NewTeamPage /> }.into_any()),
        route("/staff/teams/:id", || {
            view! { <TeamMembersPage /> }.into_any()
        }),
        route("/staff/teams/:id/edit", || {
            view! { <EditTeamPage /> }.into_any()
        }),
    ]
}

/// The routes of every area, for the test that checks them against `areas.json` (an area's
/// bundle names only its own, so that it carries no other area's pages).
pub fn routes_of(bundle: Bundle) -> Vec<Route> {
    match bundle {
        Bundle::Calendar => calendar_routes(),
        Bundle::Me => me_routes(),
        Bundle::Account => account_routes(),
        Bundle::StaffActivities => staff_activities_routes(),
        Bundle::StaffPeople => staff_people_routes(),
        Bundle::Console => console_routes(),
        Bundle::Audit => audit_routes(),
        Bundle::Records => records_routes(),
        Bundle::Categories => categories_routes(),
        Bundle::Publish => publish_routes(),
        Bundle::Sites => sites_routes(),
        Bundle::Privacy => privacy_routes(),
        Bundle::Stations => stations_routes(),
        Bundle::Teams => teams_routes(),
        Bundle::CalendarViews => calendar_views_routes(),
        Bundle::Subscribe => subscribe_routes(),
        Bundle::Share => share_routes(),
        Bundle::Honors => honors_routes(),
        Bundle::Nominations => nominations_routes(),
        Bundle::StaffHonors => staff_honors_routes(),
        Bundle::Wishes => wishes_routes(),
        Bundle::WishForms => wish_forms_routes(),
        Bundle::StaffWishes => staff_wishes_routes(),
        Bundle::WishFulfil => wish_fulfil_routes(),
        Bundle::Orders => orders_routes(),
        Bundle::Screen => screen_routes(),
        Bundle::StaffScreens => staff_screens_routes(),
        Bundle::OrderPage => order_page_routes(),
        Bundle::StaffOrders => staff_orders_routes(),
    }
}

/// The station's name once the backend has said it; a generic name until then. (The page's
/// `<title>` follows it and the page's heading: index.html's script.)
#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let station = use_station();
    let name = move || match station.get() {
        Some(Ok(station)) => station.name,
        _ => i18n.t().app().fallback_title.to_string(),
    };
    view! {
        <header class="app-header">
            <a class="app-header__name" href="/" data-testid="station-name">
                <svg class="app-header__mark" viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M12 2.5l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17l-5.7 3 1.2-6.4-4.7-4.4 6.4-.8z" />
                </svg>
                <span>{name}</span>
            </a>
            <span class="app-header__tools">
                <DemoMarker />
                <ElderToggle place="header" />
                <LanguageSwitch place="header" />
                <InboxLink />
            </span>
        </header>
    }
}

/// 消息, for a signed-in person on every page, with the count of unread notices: what changed
/// for them reaches them without their looking for it.
#[component]
fn InboxLink() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || {
        let unread = session.state.with(|state| {
            state
                .as_ref()?
                .account
                .as_ref()
                .map(|account| account.unread_notices)
        })?;
        // The count is said in words to screen readers: "3 条未读".
        let label = format!(
            "{} {unread} {}",
            i18n.t().app().inbox,
            i18n.t().app().unread
        );
        Some(view! {
            <a class="inbox" href=paths::NOTICES aria-label=label data-testid="inbox-link">
                {i18n.t().app().inbox}
                <span class="inbox__count" hidden=unread == 0 data-testid="unread">{unread}</span>
            </a>
        })
    }
}

/// "演示数据", discreet and on every page for as long as the backend holds demo data, so that
/// nobody takes the demo for the real station.
#[component]
fn DemoMarker() -> impl IntoView {
    let i18n = use_i18n();
    let station = use_station();
    move || {
        matches!(station.get(), Some(Ok(station)) if station.demo_data).then(|| {
            view! {
                <span class="demo-marker" data-testid="demo-marker">
                    {i18n.t().app().demo_marker}
                </span>
            }
        })
    }
}
