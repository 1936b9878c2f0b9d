// Staff run their station from 工作台: a new activity is a draft nobody else sees, until it is
// published and residents find it on the calendar.
import { test, expect, expectAccessible } from "./station";
import { sessionOf, signedIn } from "./api";

type StationInfo = { now: string };

test("staff write a draft, publish it from 工作台, and residents find it on the calendar", async ({ page, browser, station }) => {
  const staff = await sessionOf(station, "13900000004", "demo1234");
  await signedIn(page, staff);
  await page.goto(station.baseURL + "/me");
  await page.getByTestId("console-link").click();
  await expect(page).toHaveURL(station.baseURL + "/staff/console");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作台");
  await expectAccessible(page);

  await page.getByTestId("new-activity").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("新建活动");
  // Nothing filled in: every missing field is named next to it, and nothing is sent.
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await expect(page.locator("[data-field=title] .field__error")).toHaveText("请填写活动名称");
  await expect(page.locator("[data-field=place] .field__error")).toHaveText("请填写地点");
  await expect(page.getByLabel("活动名称")).toBeFocused();
  await expectAccessible(page);

  // Tomorrow in the station's zone (the browser runs in another).
  const info = await station.json<StationInfo>("/api/v1/station");
  const tomorrow = new Date(Date.parse(info.now.slice(0, 10) + "T00:00:00Z") + 86_400_000).toISOString().slice(0, 10);
  const title = `义务理发 ${Date.now() % 100000}`;
  await page.getByLabel("活动名称").fill(title);
  await page.getByLabel("地点").fill("社区活动室");
  await page.getByLabel("开始时间").fill(`${tomorrow}T14:00`);
  await page.getByLabel("结束时间").fill("16:00");
  await page.getByLabel("名额").fill("12");
  await page.getByLabel("活动介绍").fill("为行动不便的老人上门理发。");
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await expect(page.getByTestId("saved")).toContainText(title);

  // A draft: not on the public calendar.
  const before = await station.json<{ items: { title: string }[] }>("/api/v1/activities?limit=200");
  expect(before.items.map((a) => a.title)).not.toContain(title);

  await page.getByRole("link", { name: "返回工作台" }).first().click();
  const row = page.getByTestId("console-activity").filter({ hasText: title });
  await expect(row).toHaveAttribute("data-status", "draft");
  await expect(row).toContainText("草稿，尚未发布");
  await expect(row).toContainText("14:00–16:00");
  await row.getByRole("button", { name: "发布" }).click();
  await expect(page.getByTestId("console-done")).toHaveText(`已发布：${title}`);
  await expect(row).toHaveAttribute("data-status", "published");
  await expect(row).toContainText("剩余 12 个名额");
  await expectAccessible(page);

  // A resident on another phone finds it on the calendar.
  const resident = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const phone = await resident.newPage();
  await phone.goto(station.baseURL + "/");
  await expect(phone.getByTestId("activity-card").filter({ hasText: title })).toHaveCount(1);
  await resident.close();
});

test("a copy for next week is a draft seven days later", async ({ page, station }) => {
  const staff = await sessionOf(station, "13900000004", "demo1234");
  type Item = { id: number; title: string; starts_at: string; status: string };
  const mine = async () => {
    const response = await fetch(`${station.baseURL}/api/v1/staff/activities?limit=200`, {
      headers: { Authorization: `Bearer ${staff.token}` },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: Item[] }).items;
  };
  const source = (await mine())[0];
  await signedIn(page, staff);
  await page.goto(station.baseURL + "/staff/console");
  const first = page.getByTestId("console-activity").first();
  await expect(first.locator(".me-item__title")).toHaveText(source.title);
  await first.getByRole("button", { name: "复制到下周" }).click();
  await expect(page.getByTestId("console-done")).toHaveText(`已复制为下周的草稿：${source.title}`);
  const week = 7 * 86_400_000;
  const copies = (await mine()).filter(
    (a) => a.id !== source.id && a.title === source.title && a.status === "draft"
      && Date.parse(a.starts_at) - Date.parse(source.starts_at) === week,
  );
  expect(copies, "one draft, seven days later").toHaveLength(1);
  await expect(page.locator(`[data-testid=console-activity][data-status=draft]`).filter({ hasText: source.title })).toHaveCount(1);
});
