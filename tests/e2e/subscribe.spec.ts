// 订阅日历: from a filtered calendar view to the feed of the same site and category (its address
// opens as webcal:// and serves exactly those activities), one's own feed turned on, renewed and
// off from the page, and the way out of WeChat's browser, which opens no calendar links.
import { test, expect, expectAccessible } from "./station";
import { registerByApi, signedIn, signUpByApi } from "./api";

type Activity = { id: number; title: string; category: string; site: { id: number }; status: string; places_left: number; team_only: boolean };
type Page<T> = { items: T[]; next_cursor?: string | null };

/** The UIDs of the events of an iCalendar text (unfolded first). */
function uids(text: string): string[] {
  return text
    .replace(/\r\n /g, "")
    .split("\r\n")
    .filter((line) => line.startsWith("UID:"))
    .map((line) => line.slice(4));
}

/** The UID of the event that holds an activity: its series' when it has one, else its own. */
async function uidOf(station: { baseURL: string }, activity: Activity): Promise<string> {
  const response = await fetch(`${station.baseURL}/api/v1/activities/${activity.id}/series`);
  if (response.status === 404) return `station-activity-${activity.id}`;
  expect(response.status).toBe(200);
  return `station-series-${((await response.json()) as { id: number }).id}`;
}

test("a filtered view's 订阅 link gives the feed of its site and category, as webcal:// and as an address to copy", async ({ page, station }) => {
  const all = await station.json<Page<Activity>>("/api/v1/activities?limit=200");
  const slug = all.items[0].category;
  const site = all.items[0].site.id;
  await page.goto(`${station.baseURL}/calendar/list?site=${site}&category=${slug}&q=x`);
  await page.getByRole("link", { name: "订阅到手机日历" }).click();
  await expect(page).toHaveURL(new RegExp(`/calendar/subscribe\\?site=${site}&category=${slug}$`));
  await expect(page.getByRole("heading", { name: "订阅活动日历" })).toBeVisible();

  const feed = page.getByTestId("site-feed");
  await expect(feed.getByLabel("站点")).toHaveValue(String(site));
  await expect(feed.getByLabel("服务类别")).toHaveValue(slug);
  const address = `${station.baseURL}/api/v1/sites/${site}/calendar.ics?category=${slug}`;
  await expect(feed.getByTestId("feed-url")).toHaveValue(address);
  await expect(feed.getByTestId("webcal")).toHaveAttribute("href", address.replace(/^http:/, "webcal:"));
  await expectAccessible(page);

  // The address serves that site's activities of that category: every one the list has in the
  // next 30 days is in it, and none of another category.
  const response = await fetch(address);
  expect(response.status).toBe(200);
  const text = await response.text();
  const inFeed = uids(text);
  const listed = await station.json<Page<Activity>>(`/api/v1/activities?site=${site}&category=${slug}&limit=200`);
  expect(listed.items.length).toBeGreaterThan(0);
  for (const activity of listed.items) expect(inFeed).toContain(await uidOf(station, activity));
  const others = all.items.filter((a) => a.category !== slug);
  for (const activity of others) expect(inFeed).not.toContain(await uidOf(station, activity));


  // Choosing every category changes the address at once.
  await feed.getByLabel("服务类别").selectOption("");
  await expect(feed.getByTestId("feed-url")).toHaveValue(`${station.baseURL}/api/v1/sites/${site}/calendar.ics`);

  // An old link naming a site the station does not have: its first site, as the list shows.
  await page.goto(`${station.baseURL}/calendar/subscribe?site=987654`);
  const { root_site_id: root } = await station.json<{ root_site_id: number }>("/api/v1/station");
  await expect(feed.getByTestId("feed-url")).toHaveValue(`${station.baseURL}/api/v1/sites/${root}/calendar.ics`);
  await expect(feed.getByLabel("站点")).toHaveValue(String(root));
});

test("one's own feed: turned on it shows its address once, a new address ends the old one, and off ends it", async ({ page, station }) => {
  const all = await station.json<Page<Activity>>("/api/v1/activities?limit=200");
  const open = all.items.find((a) => a.status === "open" && !a.team_only && a.places_left > 2)!;
  const me = await registerByApi(station, "订阅者");
  await signUpByApi(station, me, open.id);

  // Signed out, the page offers to sign in first.
  await page.goto(`${station.baseURL}/calendar/subscribe`);
  const mine = page.getByTestId("my-feed");
  await expect(mine.getByRole("link", { name: "去登录" })).toBeVisible();

  await signedIn(page, me);
  await page.reload();
  await expect(mine.getByTestId("my-feed-state")).toHaveText("还没有开启。");
  await mine.getByRole("button", { name: "开启我的日历订阅" }).click();
  const url = mine.getByTestId("feed-url");
  await expect(url).toHaveValue(/\/api\/v1\/feeds\/[^/]+\/calendar\.ics$/);
  await expect(mine).toContainText("只显示这一次");
  await expect(mine.getByTestId("my-feed-state")).toContainText("已开启");
  const first = await url.inputValue();
  // A calendar app sends no token: the address alone shows what I signed up for.
  const feed = await fetch(first);
  expect(feed.status).toBe(200);
  expect(uids(await feed.text())).toContain(`station-activity-${open.id}`);
  await expectAccessible(page);

  // A new address: asked first, then the old one is gone.
  await mine.getByRole("button", { name: "换一个新地址" }).click();
  await mine.getByRole("button", { name: "确定换地址" }).click();
  await expect(url).not.toHaveValue(first);
  const second = await url.inputValue();
  expect((await fetch(first)).status).toBe(404);
  expect((await fetch(second)).status).toBe(200);

  // After a reload the address is no longer shown (only its hash is kept), the state is.
  await page.reload();
  await expect(mine.getByTestId("my-feed-state")).toContainText("已开启");
  await expect(mine.getByTestId("feed-url")).toHaveCount(0);

  await mine.getByRole("button", { name: "关闭订阅" }).click();
  await mine.getByRole("button", { name: "确定关闭" }).click();
  await expect(mine.getByTestId("my-feed-state")).toHaveText("还没有开启。");
  await expect(mine).toContainText("已关闭");
  expect((await fetch(second)).status).toBe(404);
});

test("inside WeChat's browser the page says how to open it in the phone's browser, and the address is still there to copy", async ({ browser, station }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    locale: "zh-CN",
    userAgent: "Mozilla/5.0 (Linux; Android 13; V2203A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN",
  });
  const page = await context.newPage();
  await page.goto(`${station.baseURL}/calendar/subscribe`);
  await expect(page.getByTestId("wechat-note")).toContainText("在浏览器打开");
  await expect(page.getByTestId("site-feed").getByTestId("feed-url")).toHaveValue(/\/api\/v1\/sites\/\d+\/calendar\.ics$/);
  await context.close();
});

test("an ordinary browser is not told about WeChat", async ({ page, station }) => {
  await page.goto(`${station.baseURL}/calendar/subscribe`);
  await expect(page.getByTestId("site-feed").getByTestId("feed-url")).toHaveValue(/calendar\.ics$/);
  await expect(page.getByTestId("wechat-note")).toHaveCount(0);
});

test("a change that fails says so and 重试 sends it again; a station list that fails offers to read it again", async ({ page, station }) => {
  const me = await registerByApi(station, "重试的人");
  await signedIn(page, me);
  // The station list does not come at first.
  let sitesDown = true;
  await page.route("**/api/v1/sites", (route) => (sitesDown ? route.abort() : route.continue()));
  await page.goto(`${station.baseURL}/calendar/subscribe`);
  const feed = page.getByTestId("site-feed");
  await expect(feed.getByRole("alert")).toContainText("站点列表没有加载出来");
  await expect(feed.getByTestId("feed-url")).toHaveCount(0);
  sitesDown = false;
  await feed.getByRole("button", { name: "重试" }).click();
  await expect(feed.getByTestId("feed-url")).toHaveValue(/calendar\.ics$/);

  // Turning one's feed on fails once (the network), then 重试 makes it.
  const mine = page.getByTestId("my-feed");
  let failures = 1;
  await page.route("**/api/v1/me/calendar-feed", (route) => {
    if (route.request().method() === "PUT" && failures > 0) {
      failures -= 1;
      return route.abort();
    }
    return route.continue();
  });
  await mine.getByRole("button", { name: "开启我的日历订阅" }).click();
  await expect(mine.getByRole("alert")).toBeVisible();
  await expect(mine.getByTestId("feed-url")).toHaveCount(0);
  await mine.getByRole("button", { name: "重试" }).click();
  await expect(mine.getByTestId("feed-url")).toHaveValue(/\/api\/v1\/feeds\/[^/]+\/calendar\.ics$/);
  // The new address has the focus, for a keyboard or a screen reader.
  await expect(mine.getByTestId("feed-url")).toBeFocused();
});
