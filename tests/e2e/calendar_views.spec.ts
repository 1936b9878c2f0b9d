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

  // The week of that day, still of that category.
  await views(page).getByRole("link", { name: "周" }).click();
  await expect(page).toHaveURL(new RegExp(`/calendar/week\\?category=${slug}$`));
  await expect(page.getByTestId("day-group")).toHaveCount(7);
  const cards = page.getByTestId("activity-card");
  await expect(cards.first()).toBeVisible();
  for (const title of await cards.locator(".activity-card__title").allTextContents()) {
    expect(all.items.find((a) => a.title === title.trim())?.category, title).toBe(slug);
  }
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
