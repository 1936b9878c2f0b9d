// Accounts and the roster on a phone: changing one's password, staff opening an account for an
// elderly resident, exporting a roster as CSV, and checking a resident in by hand.
import { readFileSync } from "node:fs";
import { test, expect, expectAccessible, type Station } from "./station";
import { PRIVACY_NOTICE, freshPhone, registerByApi, sessionOf, signInByApi, signUpByApi, signedIn, type Session } from "./api";

type Activity = {
  id: number;
  title: string;
  status: string;
  places_left: number;
  team_only?: boolean;
  starts_at: string;
  ends_at: string;
  site: { id: number; name: string };
};
type Signup = { id: number; activity_id: number; status: string; checked_in_at?: string };
type RosterEntry = { signup: Signup; account: { id: number; display_name: string; phone: string } };

/** 陈思远, staff of 幸福社区新时代文明实践站. */
const STAFF_PHONE = "13900000004";
const STAFF_SITE_NAME = "幸福社区新时代文明实践站";
const DEMO_PASSWORD = "demo1234";

type Site = { id: number; name: string; children: Site[] };

/** The id of 陈思远's station, found by name in the site tree. */
async function staffSiteId(station: Station): Promise<number> {
  const flat = (sites: Site[]): Site[] => sites.flatMap((site) => [site, ...flat(site.children)]);
  const roots = (await station.json<{ items: Site[] }>("/api/v1/sites")).items;
  const site = flat(roots).find((s) => s.name === STAFF_SITE_NAME);
  expect(site, `the demo data has ${STAFF_SITE_NAME}`).toBeTruthy();
  return site!.id;
}

/** Staff open an account at their site, as the 开通账号 page does; returns the resident's session. */
async function residentByApi(station: Station, staff: Session, name: string, phone: string): Promise<Session> {
  const response = await fetch(`${station.baseURL}/api/v1/staff/accounts`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${staff.token}` },
    body: JSON.stringify({ display_name: name, phone, password: "bright-river-7", site_id: await staffSiteId(station), privacy_notice: PRIVACY_NOTICE }),
  });
  expect(response.status, "staff open an account").toBe(201);
  return sessionOf(station, phone, "bright-river-7");
}

async function authed<T>(station: Station, session: Session, path: string): Promise<T> {
  const response = await fetch(`${station.baseURL}${path}`, {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(response.status, `${path}`).toBe(200);
  return (await response.json()) as T;
}

/** An open activity at 陈思远's station with room for `places` more, starting after `after`. */
async function activityAtStaffSite(station: Station, places: number, after = 0): Promise<Activity> {
  const siteId = await staffSiteId(station);
  const list = await station.json<{ items: Activity[] }>("/api/v1/activities?limit=200");
  const activity = list.items.find(
    (a) =>
      a.site.id === siteId &&
      a.status === "open" &&
      a.places_left >= places &&
      !a.team_only &&
      Date.parse(a.starts_at) > after,
  );
  expect(activity, "the demo data has an open activity at 幸福社区").toBeTruthy();
  return activity!;
}

test("a volunteer changes the password: a wrong current one is refused, then the new one works", async ({ page, station }) => {
  const phone = freshPhone();
  const session = await registerByApi(station, "刘志愿", phone);
  // Another phone signed in to the same account: changing the password signs it out.
  const otherDevice = await sessionOf(station, phone, "bright-river-7");

  await signedIn(page, session);
  await page.goto(`${station.baseURL}/me`);
  await expect(page.getByTestId("greeting")).toContainText("刘志愿");
  await expectAccessible(page);
  await page.getByRole("link", { name: "修改密码" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/me/password`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("修改密码");
  await expectAccessible(page);

  // A wrong current password: refused next to the field, nothing typed is lost.
  const current = page.getByLabel("当前密码", { exact: true });
  const fresh = page.getByLabel("新密码", { exact: true });
  await current.fill("not-my-password");
  await fresh.fill("new-password-456");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.locator("[data-field='current_password'] .field__error")).toHaveText("当前密码不正确");
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("form-problem")).toContainText("请按提示修改后再提交");
  await expect(current).toHaveValue("not-my-password");
  await expect(fresh).toHaveValue("new-password-456");
  await expect(page.getByRole("status").filter({ hasText: "密码已修改" })).toHaveCount(0);
  await expectAccessible(page);
  // Still the old password on the server.
  expect((await signInByApi(station, phone, "new-password-456")).status, "new password before the change").toBe(401);

  // The right one.
  await current.fill("bright-river-7");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByRole("status").filter({ hasText: "密码已修改" })).toBeVisible();
  await expect(page.getByTestId("form-problem")).toHaveCount(0);
  await expect(current).not.toHaveAttribute("aria-invalid", "true");
  await expect(current).toHaveValue("");
  await expect(fresh).toHaveValue("");
  await expectAccessible(page);

  // It took effect: the old password is refused, the new one signs in, this phone stays signed
  // in and the other one is signed out.
  expect((await signInByApi(station, phone, "bright-river-7")).status, "old password").toBe(401);
  expect((await signInByApi(station, phone, "new-password-456")).status, "new password").toBe(201);
  const me = (headers: Session) =>
    fetch(`${station.baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${headers.token}` } });
  expect((await me(session)).status, "this session").toBe(200);
  expect((await me(otherDevice)).status, "the other device's session").toBe(401);
});

test("staff sign in and open an account for an elderly resident, who can then sign in", async ({ page, station }) => {
  await page.goto(`${station.baseURL}/me/login`);
  await page.getByLabel("手机号码").fill(STAFF_PHONE);
  await page.getByLabel("密码", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/me`);
  await expect(page.getByTestId("greeting")).toContainText("陈思远");
  await expectAccessible(page);
  await page.getByTestId("me-manage").getByRole("link", { name: "为居民开通账号" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/accounts/new`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("为居民开通账号");
  // The staff member's own station is chosen already.
  const site = page.getByLabel("所属站点");
  await expect(site).toHaveValue(String(await staffSiteId(station)));
  await expect(site.locator("option:checked")).toHaveText(/幸福社区新时代文明实践站/);
  // Only the sites the server lets this staff member open accounts for: his station alone.
  await expect(site.locator("option")).toHaveCount(1);
  await expectAccessible(page);

  // A phone number that is not one: the field says so, and what was typed stays.
  const name = page.getByLabel("称呼");
  const phone = page.getByLabel("手机号码");
  const password = page.getByLabel("初始密码", { exact: true });
  await name.fill("张奶奶");
  await phone.fill("2391234567");
  await password.fill("zhang2024");
  await page.getByRole("button", { name: "开通账号" }).click();
  await expect(page.locator("[data-field='phone'] .field__error")).toHaveText("请输入以 1 开头的 11 位手机号码");
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await expect(phone).toHaveValue("2391234567");
  await expect(name).toHaveValue("张奶奶");
  await expect(password).toHaveValue("zhang2024");
  await expect(page.getByTestId("created")).toHaveText("");
  await expectAccessible(page);

  // A real one: not before the resident has agreed to the privacy notice.
  const residentPhone = freshPhone();
  await phone.fill(residentPhone);
  await page.getByRole("button", { name: "开通账号" }).click();
  await expect(page.locator("[data-field='privacy_notice'] .field__error")).toHaveText("请先阅读并勾选同意《个人信息保护说明》");
  await expect(page.getByTestId("created")).toHaveText("");
  await page.getByLabel("已向居民说明《个人信息保护说明》（可以读给他听），居民同意").check();
  await page.getByRole("button", { name: "开通账号" }).click();
  await expect(page.getByTestId("created")).toHaveText(`已为 张奶奶 开通账号，手机号码 ${residentPhone}`);
  await expect(phone).not.toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveValue("");
  await expect(phone).toHaveValue("");
  await expect(password).toHaveValue("");
  await expectAccessible(page);

  // The resident can sign in with the phone and the initial password, as 张奶奶.
  expect((await signInByApi(station, residentPhone, "wrong-password")).status, "a wrong password").toBe(401);
  const resident = await sessionOf(station, residentPhone, "zhang2024");
  const me = await authed<{ display_name: string; phone: string }>(station, resident, "/api/v1/me");
  expect(me.display_name).toBe("张奶奶");
  expect(me.phone).toBe(residentPhone);
});

test("staff export the roster as CSV for Excel", async ({ page, station }) => {
  const activity = await activityAtStaffSite(station, 2);
  const staff = await sessionOf(station, STAFF_PHONE, DEMO_PASSWORD);
  // A volunteer from elsewhere (staff see the phone masked) and a resident of the station
  // (staff see it whole).
  const volunteerPhone = freshPhone();
  await signUpByApi(station, await registerByApi(station, "孟志愿", volunteerPhone), activity.id);
  const residentPhone = freshPhone();
  await signUpByApi(station, await residentByApi(station, staff, "何大爷", residentPhone), activity.id);
  const roster = await authed<{ items: RosterEntry[] }>(station, staff, `/api/v1/activities/${activity.id}/signups`);
  const phoneSent = (name: string) => roster.items.find((e) => e.account.display_name === name)!.account.phone;
  expect(phoneSent("孟志愿"), "a volunteer of no station: masked").toBe(`${volunteerPhone.slice(0, 3)}****${volunteerPhone.slice(7)}`);
  expect(phoneSent("何大爷"), "a resident of the station: whole").toBe(residentPhone);

  await signedIn(page, staff);
  await page.goto(`${station.baseURL}/staff/activities/${activity.id}/roster`);
  await expect(page.getByTestId("roster-row").filter({ hasText: "孟志愿" })).toBeVisible();
  await expect(page.getByTestId("roster-row").filter({ hasText: "何大爷" })).toBeVisible();
  await expectAccessible(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出 CSV" }).click();
  const download = await downloading;
  expect(await download.failure()).toBeNull();
  expect(download.suggestedFilename()).toBe(`activity-${activity.id}-roster.csv`);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)], "a UTF-8 byte order mark").toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes
    .subarray(3)
    .toString("utf8")
    .split(/\r?\n/)
    .filter((line) => line !== "");
  expect(lines[0]).toBe("姓名,手机号,状态,候补位次,签到时间");
  const rows = lines.slice(1).map((line) => line.split(","));
  expect(rows.length, "one line per sign-up").toBe(roster.items.length);
  const row = (name: string) => rows.find((cells) => cells[0] === name);
  expect(row("孟志愿"), "the volunteer's line").toEqual(["孟志愿", phoneSent("孟志愿"), "已报名", "", ""]);
  expect(row("何大爷"), "the resident's line").toEqual(["何大爷", residentPhone, "已报名", "", ""]);
  await expect(page.getByRole("button", { name: "导出 CSV" })).toBeEnabled();
  await expectAccessible(page);
});

test("staff check a resident without a smartphone in by hand from the roster", async ({ page, station }) => {
  // An activity a day or more away: at first, outside its check-in window.
  const { now } = await station.json<{ now: string }>("/api/v1/station");
  const activity = await activityAtStaffSite(station, 1, Date.parse(now) + 24 * 3_600_000);
  const staff = await sessionOf(station, STAFF_PHONE, DEMO_PASSWORD);
  const resident = await residentByApi(station, staff, "冯奶奶", freshPhone());
  await signUpByApi(station, resident, activity.id);

  // Days before the activity, checking in is refused in plain words.
  await signedIn(page, staff);
  await page.goto(`${station.baseURL}/staff/activities/${activity.id}/roster`);
  const row = page.getByTestId("roster-row").filter({ hasText: "冯奶奶" });
  await expect(row).toContainText("已报名");
  await row.getByRole("button", { name: "手动签到" }).click();
  await expect(row.getByRole("status")).toHaveText("现在不在签到时间内：活动开始前 30 分钟至活动结束前可以签到");
  await expect(row).toHaveAttribute("data-status", "Confirmed");

  // Twenty minutes before the start, inside the check-in window.
  await station.stop();
  station.clockStart = new Date(Date.parse(activity.starts_at) - 20 * 60_000).toISOString();
  await station.start();
  await page.reload();
  await expect(row).toContainText("已报名");
  await expect(page.getByTestId("roster-summary")).toContainText("已签到 0 人");
  await expectAccessible(page);
  await row.getByRole("button", { name: "手动签到" }).click();
  await expect(row).toHaveAttribute("data-status", "Attended");
  await expect(row.locator(".roster__status")).toContainText("已签到");
  await expect(row.getByRole("button", { name: "手动签到" })).toHaveCount(0);
  await expect(row.getByLabel("服务时长（分钟）")).toBeVisible();
  await expect(page.getByTestId("roster-summary")).toContainText("已签到 1 人");
  await expectAccessible(page);

  // The server agrees, for staff and for the resident.
  const roster = await authed<{ items: RosterEntry[] }>(station, staff, `/api/v1/activities/${activity.id}/signups`);
  const entry = roster.items.find((e) => e.account.display_name === "冯奶奶")!;
  expect(entry.signup.status).toBe("attended");
  expect(entry.signup.checked_in_at, "a check-in time").toBeTruthy();
  const mine = await authed<{ items: { signup: Signup }[] }>(station, resident, "/api/v1/me/signups");
  expect(mine.items.find((s) => s.signup.activity_id === activity.id)?.signup.status).toBe("attended");

  // After a reload the roster still shows it.
  await page.reload();
  await expect(row).toHaveAttribute("data-status", "Attended");
  await expect(row.locator(".roster__status")).toContainText("已签到");
});

test("staff give a resident who forgot the password a new one, and the resident signs in with it", async ({ page, station }) => {
  const staff = await sessionOf(station, STAFF_PHONE, DEMO_PASSWORD);
  const residentPhone = freshPhone();
  await residentByApi(station, staff, "孙奶奶", residentPhone);
  // She forgot it, and guessed until she was locked out.
  for (let i = 0; i < 5; i++) {
    expect((await signInByApi(station, residentPhone, `guess-${i}-wrong`)).status).toBe(401);
  }
  expect((await signInByApi(station, residentPhone, "bright-river-7")).status, "locked out").toBe(429);

  await signedIn(page, staff);
  await page.goto(`${station.baseURL}/me`);
  await page.getByTestId("me-manage").getByRole("link", { name: "为居民重设密码" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/accounts/password`);
  await expectAccessible(page);
  // A number that is no resident of his station is said so, next to it.
  await page.getByLabel("手机号码").fill("139 0000 0006");
  await page.getByRole("button", { name: "查找居民" }).click();
  await expect(page.locator("[data-field='phone'] .field__error")).toContainText("没有找到");
  // Hers, typed the way people say it.
  await page.getByLabel("手机号码").fill(`${residentPhone.slice(0, 3)} ${residentPhone.slice(3, 7)} ${residentPhone.slice(7)}`);
  await page.getByRole("button", { name: "查找居民" }).click();
  await expect(page.getByTestId("resident")).toContainText("孙奶奶");
  await expect(page.getByTestId("resident")).toContainText(residentPhone);
  await page.getByLabel("新密码").fill("short");
  await page.getByRole("button", { name: "重设密码" }).click();
  await expect(page.locator("[data-field='new_password'] .field__error")).toHaveText("新密码至少 8 位");
  await expect(page.getByLabel("新密码")).toBeFocused();
  await page.getByLabel("新密码").fill("sun-nainai-2026");
  await page.getByRole("button", { name: "重设密码" }).click();
  await expect(page.getByTestId("reset-done")).toHaveText("已为 孙奶奶 重设密码，可以马上用新密码登录。");
  await expectAccessible(page);

  // The old password no longer works; the new one does at once, lock-out forgotten.
  expect((await signInByApi(station, residentPhone, "bright-river-7")).status).toBe(401);
  expect((await signInByApi(station, residentPhone, "sun-nainai-2026")).status).toBe(201);
});

test("staff sign a resident without a smartphone up from the roster, find and sort the table, and cancel it for them", async ({ page, station }) => {
  const { now } = await station.json<{ now: string }>("/api/v1/station");
  const activity = await activityAtStaffSite(station, 3, Date.parse(now) + 3_600_000);
  const staff = await sessionOf(station, STAFF_PHONE, DEMO_PASSWORD);
  const residentPhone = freshPhone();
  const resident = await residentByApi(station, staff, "卫奶奶", residentPhone);
  await signUpByApi(station, await registerByApi(station, "安志愿"), activity.id);
  await signUpByApi(station, await registerByApi(station, "钟志愿"), activity.id);

  await signedIn(page, staff);
  await page.goto(`${station.baseURL}/staff/activities/${activity.id}/roster`);
  await page.getByTestId("behalf-link").click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/accounts/signup?activity=${activity.id}`);
  await expect(page.getByTestId("behalf-activity")).toContainText(activity.title);
  const phone = page.getByLabel("手机号码");
  // A number that is no resident's: said next to the field, the number kept.
  const stranger = freshPhone();
  await phone.fill(stranger);
  await page.getByRole("button", { name: "代为报名" }).click();
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("在你负责的站点没有找到用这个手机号码的居民账号，请核对号码")).toBeVisible();
  await expect(phone).toHaveValue(stranger);
  await expectAccessible(page);

  await phone.fill(residentPhone);
  await page.getByRole("button", { name: "代为报名" }).click();
  await expect(page.getByTestId("behalf-done")).toHaveText("已为 卫奶奶 报名：已报名");
  await expect(phone).toHaveValue("");
  await expect(phone).not.toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  // Back on the roster, the row says who made it.
  await page.getByRole("link", { name: "报名名单" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/activities/${activity.id}/roster`);
  const row = page.getByTestId("roster-row").filter({ hasText: "卫奶奶" });
  await expect(row).toContainText("由 陈思远 代报名");
  await expect(row).toHaveAttribute("data-status", "Confirmed");
  const mine = await authed<{ items: { signup: { activity_id: number; status: string } }[] }>(station, resident, "/api/v1/me/signups");
  expect(mine.items.find((s) => s.signup.activity_id === activity.id)?.signup.status, "the resident's own list has it").toBe("confirmed");

  // Found by a part of the name, or said to be missing.
  const search = page.getByRole("searchbox", { name: "查找" });
  const rows = page.getByTestId("roster-row");
  const total = await rows.count();
  expect(total).toBeGreaterThanOrEqual(3);
  await search.fill("卫奶");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("卫奶奶");
  await search.fill("没有这个人");
  await expect(rows).toHaveCount(0);
  await expect(page.getByText("名单里没有“没有这个人”")).toBeVisible();
  await search.fill("");
  await expect(rows).toHaveCount(total);

  // Sorted by name in Chinese (pinyin) order, as the browser collates.
  const names = async () => (await rows.locator("th").allTextContents()).map((text) => text.replace(/由 .* 代报名/, "").trim());
  await page.getByRole("button", { name: "姓名", exact: true }).click();
  await expect(page.getByRole("columnheader", { name: "姓名" })).toHaveAttribute("aria-sort", "ascending");
  const sorted = await names();
  expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b, "zh-CN")));
  expect(sorted.indexOf("安志愿"), "安 (ān) before 卫 (wèi)").toBeLessThan(sorted.indexOf("卫奶奶"));
  expect(sorted.indexOf("卫奶奶"), "卫 (wèi) before 钟 (zhōng)").toBeLessThan(sorted.indexOf("钟志愿"));
  await expectAccessible(page);

  // Cancelled for her, after a confirm step; the way back changes nothing.
  await row.getByRole("button", { name: "代为取消" }).click();
  await expect(row).toContainText("确定为 卫奶奶 取消报名吗？");
  await row.getByRole("button", { name: "不取消" }).click();
  await expect(row).toHaveAttribute("data-status", "Confirmed");
  await row.getByRole("button", { name: "代为取消" }).click();
  await row.getByRole("button", { name: "确定取消报名" }).click();
  await expect(page.getByTestId("roster-row").filter({ hasText: "卫奶奶" })).toHaveCount(0);
  const after = await authed<{ items: { signup: { activity_id: number } }[] }>(station, resident, "/api/v1/me/signups");
  expect(after.items.some((s) => s.signup.activity_id === activity.id), "gone from the resident's list").toBe(false);

  // On a desk it is a table with its column headers.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole("columnheader", { name: "手机号" })).toBeVisible();
  await expectAccessible(page);
});
