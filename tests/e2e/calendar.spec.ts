// A resident opens the station on a phone and finds today's activities.
import { test, expect, expectAccessible, stationDayLabel } from "./station";
import { registerByApi, signedIn } from "./api";

type StationInfo = { name: string; now: string };
type Activity = { id: number; title: string; starts_at: string; place: string; status: string; site: { name: string } };

test("a resident sees today's activities and opens one", async ({ page, station }) => {
  const info = await station.json<StationInfo>("/api/v1/station");
  const today = await station.json<{ items: Activity[] }>("/api/v1/activities?limit=200");
  const todays = today.items.filter((a) => a.starts_at.slice(0, 10) === info.now.slice(0, 10));
  expect(todays.length, "demo data has activities today").toBeGreaterThan(0);
  // What one can still join first, then what one cannot, then what is over; by start in each.
  const first = todays.find((a) => a.status === "open") ?? todays.find((a) => a.status !== "finished") ?? todays[0];

  await page.goto(station.baseURL + "/");
  await expect(page.getByRole("banner")).toContainText(info.name);
  // A demo is never mistaken for the real station.
  await expect(page.getByRole("banner").getByTestId("demo-marker")).toHaveText("演示数据");

  // The first day group is today, labelled in the station's time zone, not the device's.
  const firstDay = page.getByTestId("day-group").first();
  await expect(firstDay.getByRole("heading", { level: 2 })).toContainText(stationDayLabel(info.now));
  await expect(firstDay.getByTestId("activity-card")).toHaveCount(todays.length);
  await expect(firstDay.getByTestId("activity-card").first()).toContainText(first.title);
  await expect(firstDay.getByTestId("activity-card").first()).toContainText(first.place);
  // The list mixes stations: each card says whose it is.
  await expect(firstDay.getByTestId("activity-card").first().locator(".activity-card__site")).toHaveText(first.site.name);
  await expectAccessible(page);

  await firstDay.getByTestId("activity-card").first().click();
  await expect(page).toHaveURL(new RegExp(`/activities/${first.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first.title);
  await expect(page.getByRole("main")).toContainText(first.place);
  await expectAccessible(page);
});

test("a shared activity link opens straight on its page", async ({ page, station }) => {
  const list = await station.json<{ items: Activity[] }>("/api/v1/activities?limit=5");
  const activity = list.items[list.items.length - 1];
  await page.goto(`${station.baseURL}/activities/${activity.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(activity.title);
});

test("an unknown activity says so instead of showing a blank page", async ({ page, station }) => {
  await page.goto(`${station.baseURL}/activities/987654321`);
  await expect(page.getByTestId("error-state")).toContainText("没有找到");
  await expectAccessible(page);
});

test("the backend going away shows an error with a retry that works once it is back", async ({ page, station }) => {
  await page.goto(station.baseURL + "/");
  const card = page.getByTestId("activity-card").first();
  const href = (await card.getAttribute("href")) ?? "";
  const { title } = await station.json<Activity>("/api/v1" + href);
  await station.stop();

  await card.click();
  const error = page.getByTestId("error-state");
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute("role", "alert");
  await expect(error).toContainText("网络");
  await expectAccessible(page);

  await station.start();
  await error.getByRole("button", { name: "重试" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("error-state")).toHaveCount(0);
});

test("while activities load, a skeleton holds their place without shifting the layout", async ({ page, station }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/v1/activities?**", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(station.baseURL + "/");
  const skeleton = page.getByTestId("skeleton").first();
  await expect(skeleton).toBeVisible();
  await expect(skeleton).toHaveAttribute("aria-busy", "true");
  await page.evaluate(() => {
    (window as any).__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) (window as any).__shift += entry.value;
    }).observe({ type: "layout-shift", buffered: false });
  });
  release();
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  await expect(page.getByTestId("skeleton")).toHaveCount(0);
  const shift = await page.evaluate(() => (window as any).__shift as number);
  expect(shift, "cumulative layout shift when data replaces the skeleton").toBeLessThan(0.1);
});

test("a new station with no site says it is being set up, with no demo marker", async ({ page, emptyStation }) => {
  await page.goto(emptyStation.baseURL + "/");
  await expect(page.getByTestId("empty-state")).toContainText("本站正在建设中");
  await expect(page.getByTestId("activity-card")).toHaveCount(0);
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByTestId("demo-marker")).toHaveCount(0);
  await expectAccessible(page);
});

test("the bottom navigation reaches every section", async ({ page, station }) => {
  await page.goto(station.baseURL + "/");
  const nav = page.getByRole("navigation", { name: "主导航" });
  for (const [label, path] of [["好人榜", "/honors"], ["微心愿", "/wishes"], ["我的", "/me"], ["日历", "/"]]) {
    await nav.getByRole("link", { name: label }).click();
    await expect(page).toHaveURL(station.baseURL + path);
    await expect(nav.getByRole("link", { name: label })).toHaveAttribute("aria-current", "page");
    if (path === "/me") {
      await expect(page.getByRole("main")).toContainText("登录后查看你的志愿服务");
      await expectAccessible(page);
    } else if (path === "/honors") {
      await expect(page.getByRole("heading", { level: 1 })).toContainText("身边好人榜");
      await expect(page.getByTestId("honor-card").first()).toBeVisible();
      await expect(page.getByRole("main")).not.toContainText("即将上线");
    } else if (path === "/wishes") {
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("微心愿");
      await expect(page.getByTestId("wish-card").first()).toBeVisible();
      await expectAccessible(page);
    }
  }
});

test("an activity under way or over says so, without inviting sign-ups or counting places left", async ({ page, station }) => {
  type Full = Activity & { ends_at: string; capacity: number };
  const list = await station.json<{ items: Full[] }>("/api/v1/activities?limit=200");
  const open = list.items.find((a) => a.status === "open");
  expect(open, "the demo data has an open activity").toBeTruthy();
  // Before it: the places left and the deadline.
  await page.goto(`${station.baseURL}/activities/${open!.id}`);
  await expect(page.getByRole("main")).toContainText("报名截止");
  await expect(page.getByRole("main")).toContainText(`共 ${open!.capacity} 个`);
  // While it runs (the server's clock moved into it): under way, no deadline, nothing left.
  await station.stop();
  station.clockStart = new Date(Date.parse(open!.starts_at) + 10 * 60_000).toISOString();
  await station.start();
  await page.goto(`${station.baseURL}/activities/${open!.id}`);
  await expect(page.locator(".detail__status")).toHaveText("进行中");
  await expect(page.getByRole("main")).not.toContainText("报名截止");
  // After it (the server's clock moved past its end): neither.
  await station.stop();
  station.clockStart = new Date(Date.parse(open!.ends_at) + 10 * 60_000).toISOString();
  await station.start();
  await page.goto(`${station.baseURL}/activities/${open!.id}`);
  const status = page.locator(".detail__status");
  await expect(status).toHaveText("已结束");
  await expect(page.getByRole("main")).not.toContainText("报名截止");
  await expect(page.getByRole("main")).not.toContainText("剩余");
  await expect(page.getByRole("main")).toContainText(`共 ${open!.capacity} 个`);
  await expectAccessible(page);
});

test("a keyboard skips the header straight to the page", async ({ page, station }) => {
  await page.goto(station.baseURL + "/");
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "跳到主要内容" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  await expect(page).toHaveURL(/#main$/);
  await expectAccessible(page);
});

test("加载更多 adds days below without drawing the cards above again: a sign-up's word stays", async ({ page, station }) => {
  const first = await station.json<{ items: Activity[]; next_cursor: string | null }>("/api/v1/activities?limit=20");
  expect(first.next_cursor, "the demo data has a second page of activities").not.toBeNull();
  const days = new Set(first.items.map((a) => a.starts_at.slice(0, 10)));
  expect(days.size, "the first page spans more than one day").toBeGreaterThan(1);

  await signedIn(page, await registerByApi(station, "翻页的邻居"));
  await page.goto(station.baseURL);
  const cards = page.getByTestId("activity-card");
  await expect(cards.first()).toBeVisible();
  const shown = await cards.count();
  // A card that takes a sign-up, on a day before the page's last (which more pages may grow).
  const groups = page.getByTestId("day-group");
  const lastDay = await groups.last().getAttribute("data-date");
  // A card and its sign-up row below it.
  const card = page
    .locator(`[data-testid="day-group"]:not([data-date="${lastDay}"]) .activity-card-wrap`)
    .filter({ has: page.getByRole("button", { name: "报名", exact: true }) })
    .first();
  // Pinned by its link: once signed up it offers 报名 no more.
  const href = await card.getByTestId("activity-card").getAttribute("href");
  const pinned = page.locator(".activity-card-wrap").filter({ has: page.locator(`a[href="${href}"]`) });
  await pinned.getByRole("button", { name: "报名", exact: true }).click();
  const word = pinned.locator(".signup__notice--ok");
  await expect(word).toBeVisible();
  const said = (await word.textContent())!.trim();

  await page.getByRole("button", { name: "加载更多" }).click();
  await expect.poll(() => cards.count()).toBeGreaterThan(shown);
  const same = pinned;
  await expect(same.locator(".signup__notice--ok")).toHaveText(said);
});

test("我的's files are fetched once the calendar is drawn, not before it", async ({ page, station }) => {
  // When the first card is drawn, as the page itself sees it (Playwright would see it later).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="activity-card"]')) {
        (window as unknown as { cardAt: number }).cardAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(station.baseURL + "/");
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  const starts = () =>
    page.evaluate(() => {
      const started = (pattern: RegExp) =>
        performance
          .getEntriesByType("resource")
          .filter((entry) => pattern.test(new URL(entry.name).pathname))
          .map((entry) => entry.startTime);
      return {
        card: (window as unknown as { cardAt: number }).cardAt,
        calendar: started(/^\/station-app-[0-9a-f]+_bg\.wasm$/),
        me: started(/^\/me\/station-me-[0-9a-f]+(_bg\.wasm|\.js)$/),
      };
    });
  // Then, the page idle: 我的's script and wasm, each asked for after the first card was drawn.
  await expect.poll(async () => (await starts()).me.length).toBe(2);
  const { card, calendar, me } = await starts();
  expect(calendar.length, "the calendar's own wasm").toBe(1);
  for (const start of me) expect(start, "我的's file asked for after the first card").toBeGreaterThanOrEqual(card);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "我的" })).toBeVisible();
});

test("coming back from an activity finds the list as it was: the pages 加载更多 added, the filter, the scroll position", async ({ page, station }) => {
  const all = await station.json<{ items: Activity[]; next_cursor: string | null }>("/api/v1/activities?limit=200");
  const slug = (all.items as (Activity & { category: string })[])[0].category;
  const ofCategory = await station.json<{ items: Activity[]; next_cursor: string | null }>(`/api/v1/activities?limit=20&category=${slug}`);
  const query = ofCategory.next_cursor ? `?category=${slug}` : "";
  await page.goto(`${station.baseURL}/${query}`);
  const cards = page.getByTestId("activity-card");
  await expect(cards.first()).toBeVisible();
  const more = page.getByRole("button", { name: "加载更多" });
  test.skip((await more.count()) === 0, "the demo has one page of activities only");
  const before = await cards.count();
  await more.click();
  await expect.poll(() => cards.count()).toBeGreaterThan(before);
  const shown = await cards.count();
  // A card from the added page, scrolled to, then opened.
  const href = (await cards.nth(shown - 2).getAttribute("href"))!;
  // Pinned by its link: titles repeat in the demo (weekly activities).
  const target = page.locator(`[data-testid="activity-card"][href="${href}"]`);
  await target.scrollIntoViewIfNeeded();
  let scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(200);
  const title = (await target.locator(".activity-card__title").textContent())!.trim();
  await target.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  for (const back of ["browser", "link"] as const) {
    if (back === "browser") await page.goBack();
    else await page.getByRole("link", { name: "返回活动日历" }).click();
    await expect(page).toHaveURL(`${station.baseURL}/${query}`);
    await expect.poll(() => cards.count(), `${back}: the added page is there again`).toBe(shown);
    await expect.poll(() => page.evaluate(() => window.scrollY), `${back}: where the reader was`).toBeGreaterThan(scrolled - 60);
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(scrolled + 60);
    if (back === "browser") {
      scrolled = await page.evaluate(() => window.scrollY);
      await target.click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    }
  }
});
