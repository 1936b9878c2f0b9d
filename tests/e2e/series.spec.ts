// Recurring activities: staff make a weekly series in the activity form; each date is an activity
// of its own. One date moved alone and another cancelled alone reach the volunteers signed up
// for them (and nobody else), a resident signs up for a third and takes its calendar file, and
// "this and the later ones" moves what is left of the series together.
import { readFileSync } from "node:fs";
import { test, expect, expectAccessible } from "./station";
import { anotherPhone, registerByApi, sessionOf, signedIn, signUpByApi, type Session } from "./api";

type StationInfo = { now: string };
type Series = { id: number; until: string; occurrences: { id: number; starts_at: string; moved: boolean; status: string }[] };
type Item = { id: number; title: string; starts_at: string; status: string };

/** `YYYY-MM-DD`, `days` after the calendar day `day`. */
function addDays(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

async function noticesOf(station: { baseURL: string }, session: Session): Promise<{ kind: string; activity_id?: number; reason?: string; starts_at?: string }[]> {
  const response = await fetch(`${station.baseURL}/api/v1/me/notices`, { headers: { Authorization: `Bearer ${session.token}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { kind: string; activity_id?: number }[] }).items;
}

test("staff make a weekly series, move one date and cancel another: their volunteers are told, and a resident signs up for a third", async ({ page, browser, station }) => {
  const staff = await sessionOf(station, "13900000004", "demo1234");
  await signedIn(page, staff);
  const info = await station.json<StationInfo>("/api/v1/station");
  const day = (n: number) => addDays(info.now.slice(0, 10), n);
  const title = `书法班 ${Date.now() % 100000}`;

  await page.goto(station.baseURL + "/staff/publish/new");
  await page.getByLabel("活动名称").fill(title);
  await page.getByLabel("地点").fill("二楼书画室");
  await page.getByLabel("开始时间").fill(`${day(1)}T09:00`);
  await page.getByLabel("结束时间").fill("11:00");
  await page.getByLabel("名额").fill("5");
  await page.getByLabel("重复", { exact: true }).selectOption("weekly");
  // A rule without its last day is not sent: the field says so, and keeps what was typed.
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await expect(page.locator("[data-field='repeat.until'] .field__error")).toBeVisible();
  await expect(page.getByLabel("活动名称")).toHaveValue(title);
  await page.getByLabel("重复到哪一天").fill(day(22));
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await expect(page.getByTestId("saved")).toContainText(title);
  await expectAccessible(page);

  // Four drafts, a week apart; publishing the first puts the series on the calendar.
  const mine = async (): Promise<Item[]> => {
    const response = await fetch(`${station.baseURL}/api/v1/staff/activities?limit=200`, {
      headers: { Authorization: `Bearer ${staff.token}` },
    });
    return ((await response.json()) as { items: Item[] }).items.filter((item) => item.title === title);
  };
  const drafts = await mine();
  expect(drafts.map((item) => item.starts_at)).toEqual([1, 8, 15, 22].map((n) => `${day(n)}T09:00:00+08:00`));
  await page.goto(station.baseURL + "/staff/console");
  const first = page.getByTestId("console-activity").filter({ hasText: title }).first();
  await first.getByRole("button", { name: "发布" }).click();
  await expect(page.getByTestId("console-done")).toHaveText(`已发布：${title}`);
  const ids = drafts.map((item) => item.id);
  const series = await station.json<Series>(`/api/v1/activities/${ids[0]}/series`);
  expect(series.occurrences.map((one) => [one.id, one.status])).toEqual(ids.map((id) => [id, "open"]));

  // Two residents, each with a place on another date.
  const moved = await registerByApi(station, "王阿姨");
  const called = await registerByApi(station, "张大爷");
  await signUpByApi(station, moved, ids[1]);
  await signUpByApi(station, called, ids[2]);

  // The second date moves a day later, alone.
  await page.goto(`${station.baseURL}/staff/publish/${ids[1]}`);
  await expect(page.getByTestId("series-note")).toContainText("共4次");
  await expect(page.getByLabel("改哪几次").first()).toHaveValue("this");
  await page.getByLabel("开始时间").fill(`${day(9)}T09:00`);
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByTestId("saved")).toContainText(title);
  await expectAccessible(page);

  // The third is cancelled alone, with a reason.
  await page.goto(`${station.baseURL}/staff/publish/${ids[2]}`);
  const cancel = page.getByTestId("cancel-section");
  await page.getByLabel("取消原因").fill("书画室漏水维修");
  await cancel.getByRole("button", { name: "取消这个活动" }).click();
  await page.getByTestId("confirm-cancel").click();
  await expect(page.getByTestId("cancelled-notice")).toContainText("书画室漏水维修");

  const after = await station.json<Series>(`/api/v1/activities/${ids[0]}/series`);
  expect(after.occurrences.map((one) => [one.status, one.moved])).toEqual([
    ["open", false],
    ["open", true],
    ["cancelled", false],
    ["open", false],
  ]);
  expect(after.occurrences[1].starts_at).toBe(`${day(9)}T09:00:00+08:00`);

  // Each volunteer reads what happened to their own date, on their own phone.
  const { context: first_phone, page: movedPage } = await anotherPhone(browser);
  await signedIn(movedPage, moved);
  await movedPage.goto(station.baseURL + "/me/notices");
  await expect(movedPage.getByTestId("notice")).toHaveCount(1);
  await expect(movedPage.getByTestId("notice")).toContainText(`您报名的活动「${title}」改了时间，新的时间：`);
  await expect(movedPage.getByTestId("notice")).toContainText("09:00");
  await expectAccessible(movedPage);
  await first_phone.close();
  const told = await noticesOf(station, called);
  expect(told.map((notice) => [notice.kind, notice.activity_id, notice.reason])).toEqual([
    ["activity_cancelled", ids[2], "书画室漏水维修"],
  ]);

  // A resident opens the last date, signs up and takes its calendar file.
  const { context: second_phone, page: phone } = await anotherPhone(browser);
  const late = await registerByApi(station, "刘同学");
  await signedIn(phone, late);
  await phone.goto(`${station.baseURL}/activities/${ids[3]}`);
  const signup = phone.getByTestId("signup");
  await signup.getByRole("button", { name: "报名", exact: true }).click();
  await expect(signup.getByTestId("signup-state")).toHaveText("已报名");
  const download = phone.waitForEvent("download");
  await signup.getByRole("link", { name: "添加到日历" }).click();
  const file = readFileSync((await (await download).path())!, "utf8").replace(/\r\n /g, "");
  expect(file).toContain(`SUMMARY:${title}\r\n`);
  expect(file).toContain(`DTSTART;TZID=Asia/Shanghai:${day(22).replace(/-/g, "")}T090000\r\n`);
  await second_phone.close();

  // The second and those after it move an hour later together: the first stays as it was.
  await page.goto(`${station.baseURL}/staff/publish/${ids[1]}`);
  await page.getByLabel("开始时间").fill(`${day(9)}T10:00`);
  await page.getByLabel("结束时间").fill("12:00");
  await page.getByLabel("改哪几次").first().selectOption("following");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByTestId("saved")).toContainText(title);
  // From here on they are a series of their own (the cancelled date stays cancelled).
  await expect(page.getByTestId("series-note")).toContainText("共3次");
  const starts = (await mine()).map((item) => [item.starts_at, item.status]);
  expect(starts).toEqual([
    [`${day(1)}T09:00:00+08:00`, "open"],
    [`${day(9)}T10:00:00+08:00`, "open"],
    [`${day(15)}T09:00:00+08:00`, "cancelled"],
    [`${day(22)}T10:00:00+08:00`, "open"],
  ]);
  // The one who signed up for the last date is told of its new time too.
  const moves = (await noticesOf(station, moved)).filter((notice) => notice.kind === "activity_moved");
  expect(moves.map((notice) => notice.starts_at)).toEqual([`${day(9)}T10:00:00+08:00`, `${day(9)}T09:00:00+08:00`]);
  const lateMoves = (await noticesOf(station, late)).filter((notice) => notice.kind === "activity_moved");
  expect(lateMoves.map((notice) => [notice.activity_id, notice.starts_at])).toEqual([[ids[3], `${day(22)}T10:00:00+08:00`]]);
});
