// Records of service: a volunteer prints the service certificate schools and employers ask for;
// staff download a site's month and a resident's hours as CSV for Excel.
import { readFileSync } from "node:fs";
import type { Download, Page } from "@playwright/test";
import { test, expect, expectAccessible } from "./station";
import { freshPhone, registerByApi, sessionOf, signedIn } from "./api";

type Certificate = { display_name: string; total_minutes: number; entries: { title: string; minutes: number; site_name: string }[] };

/// Hours to the nearest tenth, as the app and the CSV write them.
function hoursText(minutes: number): string {
  const tenths = Math.floor((minutes * 10 + 30) / 60);
  return tenths % 10 === 0 ? `${tenths / 10}` : `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

async function csvLines(download: Download): Promise<string[]> {
  expect(await download.failure()).toBeNull();
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)], "a UTF-8 byte order mark").toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString("utf8").split(/\r?\n/).filter((line) => line !== "");
}

async function downloadBy(page: Page, button: string): Promise<Download> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: button }).click();
  return downloading;
}

test("a volunteer opens the service certificate from 我的, with every confirmed activity, ready to print", async ({ page, station }) => {
  const volunteer = await sessionOf(station, "13900000001", "demo1234");
  const expected = (await (
    await fetch(`${station.baseURL}/api/v1/me/certificate`, { headers: { Authorization: `Bearer ${volunteer.token}` } })
  ).json()) as Certificate;
  expect(expected.entries.length, "the demo volunteer has confirmed hours").toBeGreaterThan(0);

  await signedIn(page, volunteer);
  await page.goto(`${station.baseURL}/me`);
  await page.getByTestId("certificate-link").click();
  await expect(page).toHaveURL(`${station.baseURL}/me/certificate`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("志愿服务证明");
  const total = hoursText(expected.total_minutes);
  await expect(page.getByTestId("certificate-statement")).toHaveText(
    `兹证明 林晓雨（幸福社区新时代文明实践站） 参加新时代文明实践志愿服务 ${expected.entries.length} 次，经工作人员确认，累计服务时长 ${total} 小时。明细如下：`,
  );
  const rows = page.getByTestId("certificate-row");
  await expect(rows).toHaveCount(expected.entries.length);
  await expect(rows.first()).toContainText(expected.entries[0].title);
  await expect(rows.first()).toContainText(hoursText(expected.entries[0].minutes));
  await expect(page.getByTestId("certificate-total")).toHaveText(total);
  await expect(page.getByTestId("print")).toBeVisible();
  await expectAccessible(page);

  // Printed, the app around it is gone.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("print")).toBeHidden();
  await expect(page.locator(".app-header")).toBeHidden();
  await expect(page.getByTestId("certificate")).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // Someone who has served nothing yet is told how to get one.
  await signedIn(page, await registerByApi(station, "新志愿者"));
  await page.goto(`${station.baseURL}/me/certificate`);
  await expect(page.getByTestId("empty-state")).toContainText("还没有可以证明的服务时长");
  await expect(rows).toHaveCount(0);
});

test("staff download a site's month by category, its orders and wishes, and a resident's hours as CSV", async ({ page, station }) => {
  const staff = await sessionOf(station, "13900000004", "demo1234");
  await signedIn(page, staff);
  await page.goto(`${station.baseURL}/staff/console`);
  await page.getByTestId("reports-link").click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/reports`);
  const { now } = (await (await fetch(`${station.baseURL}/api/v1/station`)).json()) as { now: string };
  const month = now.slice(0, 7);
  await expect(page.getByLabel("月份")).toHaveValue(month);
  await expectAccessible(page);

  const monthly = await downloadBy(page, "下载月度报表");
  // Named by the backend (Content-Disposition): the month and the site.
  const staffMe = (await (await fetch(`${station.baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${staff.token}` } })).json()) as { managed_site_ids: number[] };
  expect(monthly.suggestedFilename()).toBe(`report-${month}-site-${staffMe.managed_site_ids[0]}.csv`);
  const lines = await csvLines(monthly);
  expect(lines[0]).toBe("类别,活动（场）,志愿者（人）,服务时长（小时）");
  const categories = (await (await fetch(`${station.baseURL}/api/v1/categories`)).json()) as { items: { name: string }[] };
  expect(lines.slice(1, -1).map((line) => line.split(",")[0])).toEqual(categories.items.map((c) => c.name));
  expect(lines[lines.length - 1]).toMatch(/^合计,\d+,\d+,\d+\.\d$/);
  await expect(page.getByTestId("monthly-done")).toHaveText(`已下载：${month}`);

  // 点单 and 微心愿 for a date range, with what staff keep (the address); a range of more than a
  // year is refused by the server next to its field, and what was typed stays.
  const day = (offset: number) => new Date(Date.parse(`${now.slice(0, 10)}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  await expect(page.getByLabel("到", { exact: true })).toHaveValue(now.slice(0, 10));
  await page.getByLabel("从", { exact: true }).fill(day(-400));
  await page.getByRole("button", { name: "下载 CSV" }).click();
  await expect(page.locator("#field-to-error")).not.toBeEmpty();
  await expect(page.getByLabel("从", { exact: true })).toHaveValue(day(-400));
  await page.getByLabel("从", { exact: true }).fill(day(-300));
  const orders = await csvLines(await downloadBy(page, "下载 CSV"));
  expect(orders[0]).toBe("编号,站点,服务项目,状态,下单时间,期望时间,服务对象,地址,电话,派往队伍,接单志愿者,评分,评价,原因");
  expect(orders.some((line) => line.includes("幸福小区 3 号楼 2 单元 101")), "a demo order's address").toBe(true);
  await expect(page.getByTestId("export-done")).toHaveText(`已下载：${day(-300)} – ${now.slice(0, 10)}`);
  await page.getByLabel("导出内容").selectOption({ label: "微心愿" });
  const wishes = await csvLines(await downloadBy(page, "下载 CSV"));
  expect(wishes[0].startsWith("编号,站点,标题,类别,状态,发布时间,截止日期,受益人")).toBe(true);
  expect(wishes.length, "the demo wishes").toBeGreaterThan(2);

  // A number of nobody at the staff member's sites is named next to the field, and kept.
  const nobody = freshPhone();
  await page.getByLabel("居民的手机号码").fill(nobody);
  await page.getByRole("button", { name: "下载服务时长" }).click();
  await expect(page.locator("#field-phone-error")).toContainText("没有找到用这个手机号码的居民账号");
  await expect(page.getByLabel("居民的手机号码")).toHaveValue(nobody);

  await page.getByLabel("居民的手机号码").fill("13900000001");
  const hours = await downloadBy(page, "下载服务时长");
  const rows = await csvLines(hours);
  expect(rows[0]).toBe("日期,活动,站点,时长（小时）,确认人");
  const volunteer = await sessionOf(station, "13900000001", "demo1234");
  const volunteerMe = (await (await fetch(`${station.baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${volunteer.token}` } })).json()) as { id: number };
  // Named by the account's id, not by the phone number typed.
  expect(hours.suggestedFilename()).toBe(`hours-${volunteerMe.id}.csv`);
  const certificate = (await (
    await fetch(`${station.baseURL}/api/v1/me/certificate`, { headers: { Authorization: `Bearer ${volunteer.token}` } })
  ).json()) as Certificate;
  // The hours served at the staff member's station (another institute's are theirs to report).
  const here = certificate.entries.filter((entry) => entry.site_name === "幸福社区新时代文明实践站");
  expect(here.length, "the demo volunteer served at the station").toBeGreaterThan(0);
  const minutes = here.reduce((sum, entry) => sum + entry.minutes, 0);
  expect(rows.length, "a line per activity and the total").toBe(here.length + 2);
  expect(rows[rows.length - 1]).toBe(`合计,林晓雨,,${(Math.floor((minutes * 10 + 30) / 60) / 10).toFixed(1)},`);
  await expectAccessible(page);
});
