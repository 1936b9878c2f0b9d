// The calendar's views and filters: 列表 / 周 / 月 carry the filters from one to the next, a
// filtered view is shared by its link and survives back/forward, the month marks today and the
// festivals, and a day of the month lists its activities.
import { test, expect, expectAccessible } from "./station";

type StationInfo = { now: string };
type Activity = { id: number; title: string; category: string; starts_at: string; status: string; places_left: number };
type Page<T> = { items: T[]; next_cursor?: string | null };

const views = (page: import("@playwright/test").Page) => page.getByRole("navigation", { name: "日历视图" });

test("the month and the week keep the category chosen on the list, and a day of the month lists its activities", async ({ page, station }) => {
  const info = await station.json<StationInfo>("/api/v1/station");
  const today = info.now.slice(0, 10);
  const all = await station.json<Page<Activity>>(`/api/v1/activities?limit=200`);
  const slug = all.items[0].category;
  await page.goto(`${station.baseURL}/?category=${slug}`);
  await expect(page.getByTestId("activity-card").first()).toBeVisible();

  await views(page).getByRole("link", { name: "月" }).click();
  await expect(page).toHaveURL(new RegExp(`/calendar/month\\?category=${slug}$`));
  const grid = page.getByTestId("month-grid");
  await expect(grid).toBeVisible();
  // Still the calendar's tab.
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "日历" })).toHaveAttribute("aria-current", "page");
  // Today is marked, and chosen when no day is.
  await expect(grid.locator('[aria-current="date"]')).toHaveAttribute("data-date", today);
  await expectAccessible(page);

  // A day with activities of this category this month: its cell counts them, and choosing it
  // lists exactly them.
  const month = today.slice(0, 7);
  const ofMonth = all.items.filter((a) => a.category === slug && a.starts_at.startsWith(month));
  test.skip(ofMonth.length === 0, "the demo has no activity of this category left this month");
  const day = ofMonth[ofMonth.length - 1].starts_at.slice(0, 10);
  const filtered = await station.json<Page<Activity>>(`/api/v1/activities?from=${day}&to=${day}&category=${slug}&limit=200`);
  const cell = grid.locator(`[data-date="${day}"]`);
  await expect(cell.locator(".month-grid__count")).toHaveText(String(filtered.items.length));
  await cell.click();
  await expect(page).toHaveURL(new RegExp(`date=${day}`));
  const chosen = page.getByTestId("chosen-day");
  await expect(chosen.getByTestId("activity-card")).toHaveCount(filtered.items.length);
  for (const activity of filtered.items) await expect(chosen).toContainText(activity.title);

  // The week of that day, still of that category (its link follows the day chosen).
  const week = views(page).getByRole("link", { name: "周" });
  await expect(week).toHaveAttribute("href", `/calendar/week?category=${slug}&date=${day}`);
  await week.click();
  await expect(page).toHaveURL(new RegExp(`/calendar/week\\?category=${slug}&date=${day}$`));
  await expect(page.getByTestId("day-group")).toHaveCount(7);
  const cards = page.getByTestId("activity-card");
  await expect(cards.first()).toBeVisible();
  for (const title of await cards.locator(".activity-card__title").allTextContents()) {
    expect(all.items.find((a) => a.title === title.trim())?.category, title).toBe(slug);
  }
});

test("the month's day counts failing to come show the error and its retry, which draws the grid once they answer", async ({ page, station }) => {
  const info = await station.json<StationInfo>("/api/v1/station");
  const today = info.now.slice(0, 10);
  // The counts' read alone fails, as on a line that drops it; the other reads answer.
  await page.route("**/api/v1/activities/days?**", (route) => route.abort("connectionreset"));
  await page.goto(`${station.baseURL}/calendar/month`);
  const error = page.getByTestId("error-state");
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute("role", "alert");
  await expect(error).toContainText("网络");
  await expect(page.getByTestId("month-grid")).toHaveCount(0);
  await expectAccessible(page);

  await page.unroute("**/api/v1/activities/days?**");
  await error.getByRole("button", { name: "重试" }).click();
  const grid = page.getByTestId("month-grid");
  await expect(grid.locator('[aria-current="date"]')).toHaveAttribute("data-date", today);
  await expect(page.getByTestId("error-state")).toHaveCount(0);
  // Drawn from the counts that came: each busy day of the month shows the server's count.
  const first = await grid.locator("[data-date]").first().getAttribute("data-date");
  const last = await grid.locator("[data-date]").last().getAttribute("data-date");
  const days = await station.json<{ items: { date: string; count: number }[] }>(`/api/v1/activities/days?from=${first}&to=${last}`);
  expect(days.items.length, "the demo has activities in this month's grid").toBeGreaterThan(0);
  for (const day of days.items) {
    await expect(grid.locator(`[data-date="${day.date}"] .month-grid__count`)).toHaveText(String(day.count));
  }
  await expect(grid.locator(".month-grid__count")).toHaveCount(days.items.length);
  // Each day's dots in its categories' colours, under the server's CSP (no style attribute: the
  // grid is written as markup and the app's own stylesheet gives each colour).
  const categories = (await station.json<{ items: { slug: string; colour: string }[] }>("/api/v1/categories")).items;
  const colours = (slugs: string[]) => slugs.map((slug) => categories.find((category) => category.slug === slug)?.colour);
  const painted = (dots: Element[]) => dots.map((dot) => getComputedStyle(dot).getPropertyValue("--category-colour").trim());
  for (const day of days.items as { date: string; categories: string[] }[]) {
    const dots = grid.locator(`[data-date="${day.date}"] .category-dot`);
    await expect(dots).toHaveCount(day.categories.length);
    expect(await dots.evaluateAll(painted), day.date).toEqual(colours(day.categories));
  }
  // And the chosen day's cards, in theirs.
  const cards = page.getByTestId("chosen-day").getByTestId("activity-card");
  const listed = await station.json<{ items: { category: string }[] }>(`/api/v1/activities?from=${today}&to=${today}&limit=200`);
  await expect(cards).toHaveCount(listed.items.length);
  expect(await cards.evaluateAll(painted)).toEqual(colours(listed.items.map((activity) => activity.category)));
});

test("the month marks the festivals and volunteer days, and steps to the next month", async ({ page, station }) => {
  await page.goto(`${station.baseURL}/calendar/month?date=2026-12-01`);
  const grid = page.getByTestId("month-grid");
  await expect(grid.getByRole("link", { name: /^12月5日.*国际志愿者日/ })).toBeVisible();
  await expect(grid.locator('[data-date="2026-12-05"] .month-grid__mark')).toHaveText("国际志愿者日");
  await expect(page.getByRole("heading", { level: 2, name: "2026年12月" })).toBeVisible();
  await page.getByRole("link", { name: "下个月" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "2027年1月" })).toBeVisible();
  // January 2027 runs Friday to Sunday: its grid from Monday 28 December to Sunday 31 January.
  await expect(grid.locator("[data-date]").first()).toHaveAttribute("data-date", "2026-12-28");
  await expect(grid.locator("[data-date]").last()).toHaveAttribute("data-date", "2027-01-31");
  // The Spring Festival is in February 2027.
  await page.getByRole("link", { name: "下个月" }).click();
  await expect(grid.locator('[data-date="2027-02-06"] .month-grid__mark')).toHaveText("春节");
  // Back goes back a month.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 2, name: "2027年1月" })).toBeVisible();

  // By keyboard the link followed keeps the focus once the new month is drawn: Enter again goes
  // on, and a day chosen stays where the reader is.
  const next = page.getByRole("link", { name: "下个月" });
  await next.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: "2027年2月" })).toBeVisible();
  await expect(next).toBeFocused();
  const day = grid.locator('a[data-date="2027-02-10"]');
  await day.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/date=2027-02-10/);
  await expect(day).toHaveClass(/month-grid__day--chosen/);
  await expect(day).toBeFocused();
});

test("a category or a search chosen in another month's view stays in that month, and in that week", async ({ page, station }) => {
  const categories = await station.json<{ items: { slug: string; name: string }[] }>("/api/v1/categories");
  const [first, second] = categories.items;
  await page.goto(`${station.baseURL}/calendar/month?date=2027-02-10`);
  await expect(page.getByRole("heading", { level: 2, name: "2027年2月" })).toBeVisible();
  const chips = page.getByRole("navigation", { name: "按服务类别筛选" });
  await chips.getByRole("link", { name: first.name }).click();
  await expect(page).toHaveURL(new RegExp(`/calendar/month\\?category=${first.slug}&date=2027-02-10$`));
  await expect(page.getByRole("heading", { level: 2, name: "2027年2月" })).toBeVisible();
  await expect(page.getByTestId("month-grid").locator('a[data-date="2027-02-10"]')).toHaveClass(/month-grid__day--chosen/);
  await chips.getByRole("link", { name: second.name }).click();
  await expect(page).toHaveURL(new RegExp(`category=${second.slug}&date=2027-02-10$`));
  // A search keeps the month and the category.
  await page.getByRole("searchbox").fill("理发");
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/date=2027-02-10/);
  await expect(page).toHaveURL(new RegExp(`category=${second.slug}`));
  await expect(page.getByRole("heading", { level: 2, name: "2027年2月" })).toBeVisible();
  // The week of that day, with the same filters.
  await views(page).getByRole("link", { name: "周" }).click();
  await expect(page).toHaveURL(/\/calendar\/week\?.*date=2027-02-10/);
  await expect(page.getByRole("heading", { level: 2, name: /2月8日.*2月14日/ })).toBeVisible();
  await chips.getByRole("link", { name: first.name }).click();
  await expect(page).toHaveURL(new RegExp(`/calendar/week\\?category=${first.slug}&q=.*date=2027-02-10$`));
  await expect(page.getByRole("heading", { level: 2, name: /2月8日.*2月14日/ })).toBeVisible();

  // Only a real day is kept: the rest of an address's text never reaches the links.
  await page.goto(`${station.baseURL}/calendar/month?date=2027-02-10%26team%3D999`);
  await expect(chips.getByRole("link").first()).toBeVisible();
  for (const href of await chips.getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")))) {
    expect(href).not.toContain("team");
  }
});

test("a step to another month moves every link of the filters to it, and keeps a word typed but not yet sent", async ({ page, station }) => {
  const categories = await station.json<{ items: { slug: string; name: string }[] }>("/api/v1/categories");
  const [first] = categories.items;
  await page.goto(`${station.baseURL}/calendar/month?date=2027-02-10`);
  await expect(page.getByRole("heading", { level: 2, name: "2027年2月" })).toBeVisible();
  const chips = page.getByRole("navigation", { name: "按服务类别筛选" });
  await page.getByRole("searchbox").fill("理发");
  await page.getByRole("link", { name: "下个月" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "2027年3月" })).toBeVisible();
  await expect(page.getByRole("searchbox")).toHaveValue("理发");
  await expect(chips.getByRole("link", { name: first.name })).toHaveAttribute("href", `/calendar/month?category=${first.slug}&date=2027-03-01`);
  await expect(views(page).getByRole("link", { name: "周" })).toHaveAttribute("href", "/calendar/week?date=2027-03-01");
  await expect(views(page).getByRole("link", { name: "列表" })).toHaveAttribute("href", "/calendar/list");
  await expect(page.getByRole("link", { name: "只看可报名" })).toHaveAttribute("href", "/calendar/month?open=true&date=2027-03-01");
  // The search sent from March stays in March.
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/\/calendar\/month\?date=2027-03-01&q=%E7%90%86%E5%8F%91$/);
  await expect(page.getByRole("heading", { level: 2, name: "2027年3月" })).toBeVisible();
  await expect(page.getByRole("searchbox")).toHaveValue("理发");
  // 本月 has no day: the links and the search carry none.
  await page.getByRole("link", { name: "本月", exact: true }).click();
  await expect(page).toHaveURL(/\/calendar\/month\?q=%E7%90%86%E5%8F%91$/);
  await expect(chips.getByRole("link", { name: first.name })).toHaveAttribute("href", `/calendar/month?category=${first.slug}&q=%E7%90%86%E5%8F%91`);
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/\/calendar\/month\?q=%E7%90%86%E5%8F%91$/);
});

test("on a wide screen the week is a time grid: a column a day, each activity at its hours", async ({ browser, station }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const info = await station.json<StationInfo>("/api/v1/station");
  const today = info.now.slice(0, 10);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const [monday, sunday] = [shift(-weekday), shift(6 - weekday)];
  const week = await station.json<Page<Activity>>(`/api/v1/activities?from=${monday}&to=${sunday}&limit=200`);
  await page.goto(`${station.baseURL}/calendar/week`);
  const grid = page.getByTestId("week-grid");
  await expect(grid).toBeVisible();
  await expect(page.locator(".week-list")).toBeHidden();
  await expect(grid.locator(".week-grid__heading")).toHaveCount(7);
  await expect(grid.locator(".week-grid__item")).toHaveCount(week.items.length);
  // In each day's column an activity that starts later is drawn lower, and two at once side by side.
  const columns = await grid.locator(".week-grid__items").evaluateAll((lists) =>
    lists.map((list) =>
      [...list.querySelectorAll(".week-grid__item")].map((item) => {
        const box = item.getBoundingClientRect();
        return { start: item.querySelector(".week-grid__time")!.textContent!.slice(0, 5), top: box.top, left: box.left, width: box.width };
      })));
  expect(columns).toHaveLength(7);
  let compared = 0;
  for (const items of columns) {
    for (const a of items) {
      for (const b of items) {
        if (a.start < b.start) {
          expect(a.top, `${a.start} above ${b.start}`).toBeLessThan(b.top);
          compared++;
        }
        if (a !== b && a.start === b.start) expect(a.left, "side by side").not.toBe(b.left);
      }
      expect(a.width).toBeGreaterThan(20);
    }
  }
  expect(compared, "the demo week has days with several activities").toBeGreaterThan(3);
  await expectAccessible(page);
  await context.close();
});

test("a filtered list is shared by its link, and back and forward move between filters", async ({ page, context, station }) => {
  const all = await station.json<Page<Activity>>(`/api/v1/activities?limit=200`);
  // A word from the middle of a title.
  const title = [...all.items[0].title];
  const word = title.slice(Math.floor(title.length / 2) - 1, Math.floor(title.length / 2) + 1).join("");
  const expected = await station.json<Page<Activity>>(`/api/v1/activities?q=${encodeURIComponent(word)}&open=true&limit=20`);

  // The home agenda leads to the calendar's own list for the search and the other filters.
  await page.goto(`${station.baseURL}/`);
  await page.getByRole("link", { name: "搜索与筛选" }).click();
  await expect(page).toHaveURL(/\/calendar\/list$/);
  await page.getByRole("searchbox", { name: "搜索活动" }).fill(word);
  await page.getByRole("button", { name: "搜索", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word)}`));
  await page.getByRole("link", { name: "只看可报名" }).click();
  await expect(page).toHaveURL(/open=true/);
  await expect(page.getByRole("link", { name: "只看可报名" })).toHaveAttribute("aria-current", "true");
  const titles = page.getByTestId("activity-card").locator(".activity-card__title");
  if (expected.items.length === 0) {
    await expect(page.getByText("没有符合条件的活动")).toBeVisible();
  } else {
    await expect(titles).toHaveCount(expected.items.length);
    expect((await titles.allTextContents()).map((t) => t.trim())).toEqual(expected.items.map((a) => a.title));
  }

  // The same link in another page shows the same view.
  const shared = await context.newPage();
  await shared.goto(page.url());
  await expect(shared.getByRole("searchbox", { name: "搜索活动" })).toHaveValue(word);
  await expect(shared.getByRole("link", { name: "只看可报名" })).toHaveAttribute("aria-current", "true");
  const sharedTitles = shared.getByTestId("activity-card").locator(".activity-card__title");
  await expect(sharedTitles).toHaveCount(expected.items.length);

  // Back: the search without 只看可报名; back again: no filter at all.
  await page.goBack();
  await expect(page.getByRole("link", { name: "只看可报名" })).not.toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("searchbox", { name: "搜索活动" })).toHaveValue(word);
  await page.goBack();
  await expect(page.getByRole("searchbox", { name: "搜索活动" })).toHaveValue("");
  await page.goForward();
  await expect(page.getByRole("searchbox", { name: "搜索活动" })).toHaveValue(word);
});
