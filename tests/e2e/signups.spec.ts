// Accounts and sign-ups on a phone: register, take a place, give it back, and the first
// waitlisted volunteer is promoted; sign-in refusals and field errors in plain Chinese.
import type { BrowserContext, Locator } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { readFileSync } from "node:fs";
import { test, expect, expectAccessible } from "./station";
import { anotherPhone, freshPhone, registerByApi, sessionOf, signUpByApi, signedIn, type Session } from "./api";

type Activity = { id: number; title: string; status: string; places_left: number; capacity: number; team_only?: boolean };

test("a resident registers, signs up, cancels, and the waitlisted volunteer is promoted", async ({ page, browser, station }) => {
  const list = await station.json<{ items: Activity[] }>("/api/v1/activities?limit=200");
  const open = list.items
    .filter((a) => a.status === "open" && a.places_left > 0)
    .sort((a, b) => a.places_left - b.places_left);
  expect(open.length, "demo data has an open activity").toBeGreaterThan(0);
  const activity = open[0];
  expect(activity.places_left, "the demo data has a nearly full activity").toBeLessThanOrEqual(8);
  // Others take all but one place.
  for (let i = 1; i < activity.places_left; i++) {
    await signUpByApi(station, await registerByApi(station, `邻居${i}`), activity.id);
  }

  // Anonymous: the button leads to sign-in, and from there to registering, then back.
  await page.goto(`${station.baseURL}/activities/${activity.id}`);
  const signup = page.getByTestId("signup");
  await expect(signup).toContainText("剩余 1 个名额");
  await signup.getByRole("link", { name: "报名" }).click();
  await expect(page).toHaveURL(/\/me\/login\?next=/);
  await expect(page.getByTestId("sign-up-after")).toHaveText("登录后会马上为你报名这个活动。");
  await page.getByRole("link", { name: "注册新账号" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("注册");
  await expect(page.getByTestId("sign-up-after")).toHaveText("登录后会马上为你报名这个活动。");
  await expectAccessible(page);
  await page.getByLabel("称呼").fill("王阿姨");
  await page.getByLabel("手机号码").fill(freshPhone());
  await page.getByLabel("密码", { exact: true }).fill("bright-river-7");
  // The privacy notice is there to read before agreeing.
  await page.getByText("个人信息保护说明", { exact: true }).click();
  await expect(page.getByTestId("privacy-notice")).toContainText("不会出售");
  await page.getByLabel("我已阅读并同意《个人信息保护说明》").check();
  await page.getByRole("button", { name: "注册并登录" }).click();
  // Back on the activity, the place they set out to take is taken (the last one), and they are
  // told; the address no longer asks for it, so a reload does not try again.
  await expect(signup.getByRole("status")).toHaveText("你已登录，报名成功！");
  await expect(page).toHaveURL(new RegExp(`/activities/${activity.id}$`));
  await expect(signup.getByTestId("signup-state")).toHaveText("已报名");
  await expect(signup.getByRole("button", { name: "取消报名" })).toBeVisible();
  // The last place is taken: the status says so, and no places are counted as left.
  await expect(page.locator(".detail__status")).toHaveText("名额已满");
  await expect(page.getByRole("main")).not.toContainText("剩余");
  await expect(signup.getByRole("link", { name: "添加到日历" })).toHaveAttribute("href", /calendar\.ics$/);
  await expectAccessible(page);

  // Someone else, on another phone, can only join the waitlist.
  const { context: other, page: otherPage } = await anotherPhone(browser);
  await signedIn(otherPage, await registerByApi(station, "李大爷"));
  await otherPage.goto(`${station.baseURL}/activities/${activity.id}`);
  const otherSignup = otherPage.getByTestId("signup");
  await otherSignup.getByRole("button", { name: "候补" }).click();
  await expect(otherSignup).toContainText("已加入候补，排在第 1 位");
  await expect(otherSignup.getByTestId("signup-state")).toHaveText("候补第1位");
  await expect(otherSignup.getByRole("button", { name: "退出候补" })).toBeVisible();
  // The calendar file they download says they wait (the browser sends no token for it).
  const download = otherPage.waitForEvent("download");
  await otherSignup.getByRole("link", { name: "添加到日历" }).click();
  const file = readFileSync((await (await download).path())!, "utf8").replace(/\r\n /g, "");
  expect(file).toContain(`SUMMARY:【候补】${activity.title.replace(/[,;\\]/g, (c) => `\\${c}`)}`);
  expect(file).toContain("STATUS:TENTATIVE");

  // The first resident gives the place back, after confirming.
  await signup.getByRole("button", { name: "取消报名" }).click();
  await expect(signup.getByRole("group")).toContainText("确定取消报名吗？");
  await expectAccessible(page);
  await signup.getByRole("button", { name: "确定取消" }).click();
  await expect(signup).toContainText("已取消报名");

  // The waitlisted volunteer now holds the place, and 我的 lists it.
  await otherPage.reload();
  await expect(otherSignup.getByTestId("signup-state")).toHaveText("已报名");
  // They are told in the header: one unread 消息, which says what happened.
  const inbox = otherPage.getByTestId("inbox-link");
  await expect(inbox.getByTestId("unread")).toHaveText("1");
  await expect(inbox).toHaveAttribute("aria-label", "消息 1 条未读");
  await inbox.click();
  await expect(otherPage).toHaveURL(`${station.baseURL}/me/notices`);
  const notice = otherPage.getByTestId("notice");
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(`有名额空出，您候补的「${activity.title}」已为您报上名`);
  await expect(notice.getByTestId("notice-new")).toHaveText("新");
  await expect(otherPage.getByTestId("unread")).toBeHidden();
  await expectAccessible(otherPage);
  await notice.getByRole("link", { name: "查看活动" }).click();
  await expect(otherPage).toHaveURL(new RegExp(`/activities/${activity.id}$`));
  await expect(otherPage.getByTestId("inbox-link")).toHaveAttribute("aria-label", "消息 0 条未读");
  await expect(otherPage.getByTestId("unread")).toBeHidden();
  await otherPage.goto(`${station.baseURL}/me`);
  await expect(otherPage.getByTestId("me-upcoming")).toContainText(activity.title);
  await expect(otherPage.getByTestId("greeting")).toContainText("李大爷");
  await expectAccessible(otherPage);
  await other.close();
});

test("a wrong password is refused in plain words and the phone stays typed", async ({ page, station }) => {
  await page.goto(`${station.baseURL}/me/login`);
  await expectAccessible(page);
  await page.getByLabel("手机号码").fill("13900000001");
  await page.getByLabel("密码", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("form-problem")).toContainText("手机号码或密码不正确");
  await expect(page.getByLabel("手机号码")).toHaveValue("13900000001");
  // Whoever has forgotten it is told where to get a new one.
  await expect(page.getByTestId("forgot-password")).toContainText("工作人员可以为你重设密码");
  await expectAccessible(page);
});

test("a field error shows next to its field, with what was typed kept", async ({ page, station }) => {
  await page.goto(`${station.baseURL}/me/register`);
  await page.getByLabel("称呼").fill("小张");
  await page.getByLabel("手机号码").fill("12345");
  await page.getByLabel("密码", { exact: true }).fill("short");
  await page.getByRole("button", { name: "注册并登录" }).click();
  const phone = page.getByLabel("手机号码");
  await expect(phone).toHaveValue("12345");
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("[data-field='phone'] .field__error")).toHaveText("请输入以 1 开头的 11 位手机号码");
  await expect(page.locator("[data-field='password'] .field__error")).toHaveText("密码至少 8 位");
  await expect(page.getByLabel("称呼")).toHaveValue("小张");
  // The first field in error has the focus, so that it is heard and fixed first.
  await expect(phone).toBeFocused();
  // Nobody is registered without agreeing to the privacy notice.
  await expect(page.locator("[data-field='privacy_notice'] .field__error")).toHaveText("请先阅读并勾选同意《个人信息保护说明》");
  await page.getByLabel("我已阅读并同意《个人信息保护说明》").check();
  // One of the most common passwords: only the server knows the list, and says so next to it.
  const fresh = freshPhone();
  await phone.fill(fresh);
  const password = page.getByLabel("密码", { exact: true });
  await password.fill("Password1");
  await page.getByRole("button", { name: "注册并登录" }).click();
  await expect(page.locator("[data-field='password'] .field__error")).toHaveText("这个密码太常见，很容易被人猜到，请换一个");
  await expect(password).toBeFocused();
  await expect(password).toHaveValue("Password1");
  await expect(phone).toHaveValue(fresh);
  // A phone number that is already registered comes back from the server next to the field.
  await phone.fill("13900000001");
  await password.fill("bright-river-7");
  await page.getByRole("button", { name: "注册并登录" }).click();
  await expect(page.locator("[data-field='phone'] .field__error")).toHaveText("这个手机号码已经注册过了，可以直接登录");
  await expect(phone).toBeFocused();
  // Said once, next to the field; above the button only that something needs fixing.
  await expect(page.getByTestId("form-problem")).toHaveText("请按提示修改后再提交");
  await expectAccessible(page);
});

test("a demo volunteer signs in and sees hours, stars and past activities on 我的", async ({ page, station }) => {
  await page.goto(`${station.baseURL}/me`);
  await expect(page.getByTestId("me-signed-out")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "登录" }).first().click();
  await page.getByLabel("手机号码").fill("13900000001");
  await page.getByLabel("密码", { exact: true }).fill("demo1234");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/me`);
  await expect(page.getByTestId("greeting")).toContainText("林晓雨");
  // Her confirmed hours and star level as the backend counts them — a figure no empty record
  // ("0 小时", "尚未评星") would show.
  const session = await sessionOf(station, "13900000001", "demo1234");
  const hours = (await (
    await fetch(`${station.baseURL}/api/v1/me/hours`, { headers: { Authorization: `Bearer ${session.token}` } })
  ).json()) as { confirmed_minutes: number; stars: number };
  expect(hours.confirmed_minutes, "the demo volunteer has confirmed hours").toBeGreaterThan(0);
  expect(hours.stars, "and a star").toBeGreaterThan(0);
  const tenths = Math.floor((hours.confirmed_minutes * 10 + 30) / 60);
  const shown = tenths % 10 === 0 ? `${tenths / 10}` : `${Math.floor(tenths / 10)}.${tenths % 10}`;
  await expect(page.getByTestId("total-hours").locator(".me__hours-number")).toHaveText(`${shown} 小时`);
  const starNames = ["尚未评星", "一星志愿者", "二星志愿者", "三星志愿者", "四星志愿者", "五星志愿者"];
  await expect(page.getByTestId("star-level").getByRole("img")).toHaveAttribute("aria-label", starNames[hours.stars]);
  await expectAccessible(page);
  // A long record opens with the latest five; the rest on request.
  const past = page.getByTestId("me-past");
  await expect(past.getByTestId("me-past-item")).toHaveCount(5);
  const showAll = past.getByRole("button", { name: /显示全部 \d+ 项/ });
  const total = Number((await showAll.textContent())!.match(/\d+/)![0]);
  expect(total, "the demo volunteer has a long record").toBeGreaterThan(5);
  await showAll.click();
  await expect(past.getByTestId("me-past-item")).toHaveCount(total);
  // The keyboard goes on where the list goes on.
  await expect(past.getByTestId("me-past-item").nth(5).getByRole("link")).toBeFocused();
  await expect(showAll).toHaveCount(0);
  // The session survives a reload.
  await page.reload();
  await expect(page.getByTestId("greeting")).toContainText("林晓雨");
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/`);
  // The calendar is another area: let its page load before going on (else the next navigation
  // races the hand-over).
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  await page.goto(`${station.baseURL}/me`);
  await expect(page.getByTestId("me-signed-out")).toBeVisible();
});

test("on a shared computer the session stays in the tab and ends after 15 minutes without a request", async ({ page, station }) => {
  await page.clock.install();
  await page.goto(`${station.baseURL}/me/login?next=/me`);
  await page.getByLabel("手机号码").fill("13900000001");
  await page.getByLabel("密码", { exact: true }).fill("demo1234");
  await page.getByLabel(/这是公用电脑/).check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("greeting")).toContainText("林晓雨");
  // Kept for this tab only: closing the browser ends it.
  const stored = () =>
    page.evaluate(() => ({
      tab: sessionStorage.getItem("station.session"),
      browser: localStorage.getItem("station.session"),
      idleUntil: Number(sessionStorage.getItem("station.session.idle_until")),
    }));
  const signedIn = await stored();
  expect(signedIn.tab, "the session is kept in sessionStorage").toContain("token");
  expect(signedIn.browser, "and not in localStorage").toBeNull();
  const signedInAt = await page.evaluate(() => Date.now());
  // Fifteen minutes after signing in (the page's clock runs on meanwhile).
  expect(signedIn.idleUntil).toBeLessThanOrEqual(signedInAt + 15 * 60_000);
  expect(signedIn.idleUntil).toBeGreaterThan(signedInAt + 15 * 60_000 - 10_000);

  // Ten quiet minutes, then a page that asks the server: the end moves on by 15 minutes from there.
  await page.clock.fastForward("10:00");
  await page.getByRole("link", { name: "查看全部志愿服务队" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/me/teams`);
  await expect(page.getByTestId("team").first()).toBeVisible();
  // Every read of the page answered (one answered after the next fast-forward would move the end
  // on from there: CI's stop 38 failed so).
  await page.waitForLoadState("networkidle");
  const moved = await stored();
  expect(moved.idleUntil, "an answered request moved the end on").toBeGreaterThanOrEqual(signedInAt + 25 * 60_000);
  // Twenty minutes after signing in, ten after the last request: still signed in.
  await page.clock.fastForward("10:00");
  await expect(page).toHaveURL(`${station.baseURL}/me/teams`);
  const quiet = await stored();
  expect(quiet.tab).toContain("token");
  expect(quiet.idleUntil, "no request meanwhile").toBe(moved.idleUntil);

  // Fifteen quiet minutes after the last answer (and the next look, at most 30 s later): the page
  // leaves for 我的, signed out, and says why.
  const left = moved.idleUntil - (await page.evaluate(() => Date.now()));
  expect(left, "the end is at most 5 minutes away").toBeLessThanOrEqual(5 * 60_000);
  await page.clock.fastForward(left + 31_000);
  await expect(page).toHaveURL(`${station.baseURL}/me`);
  await expect(page.getByTestId("flash")).toHaveText("在公用电脑上 15 分钟没有操作，已为你退出登录。");
  await expect(page.getByTestId("me-signed-out")).toBeVisible();
  const after = await stored();
  expect(after.tab).toBeNull();
  expect(after.browser).toBeNull();
  await expectAccessible(page);
});

type Timed = Activity & {
  starts_at: string;
  ends_at: string;
  signup_deadline: string | null;
  site: { id: number; name: string };
};

/** 陈思远, staff of one station only (not an administrator), and the station. */
const STATION_STAFF = { phone: "13900000004", password: "demo1234", site: "幸福社区新时代文明实践站" };

/** What a phone's camera reads from a QR code on the page: the image itself decoded. */
async function scanQr(image: Locator): Promise<string> {
  const png = PNG.sync.read(await image.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code, "the QR code on the page decodes").toBeTruthy();
  return code!.data;
}

test("staff show the QR code, a volunteer checks in with it, staff confirm the hours, 我的 shows them", async ({ page, browser, station }) => {
  // Pick an activity of 陈思远's station that still takes sign-ups, then run the station's clock
  // from 20 minutes before it starts (inside the check-in window), and later from after its end.
  const list = await station.json<{ items: Timed[] }>("/api/v1/activities?limit=200");
  // Sign-ups must still be open 20 minutes before it starts: some demo activities close them
  // the day before (which of them comes first depends on today's date).
  const stillOpen = (a: Timed) =>
    !a.signup_deadline || Date.parse(a.signup_deadline) > Date.parse(a.starts_at) - 20 * 60_000;
  const activity = list.items.find(
    (a) =>
      a.status === "open" && a.places_left > 0 && !a.team_only && a.site.name === STATION_STAFF.site && stillOpen(a),
  )!;
  expect(activity, "the demo data has an open activity at the station").toBeTruthy();
  await station.stop();
  station.clockStart = new Date(Date.parse(activity.starts_at) - 20 * 60_000).toISOString();
  await station.start();

  const volunteer = await registerByApi(station, "周志愿");
  const signUp = await fetch(`${station.baseURL}/api/v1/activities/${activity.id}/signups`, {
    method: "POST",
    headers: { Authorization: `Bearer ${volunteer.token}` },
  });
  expect(signUp.status, "sign-up before the activity starts").toBe(201);

  // Staff of the station — not an administrator — hold up the QR code.
  const staffSession = await sessionOf(station, STATION_STAFF.phone, STATION_STAFF.password);
  await signedIn(page, staffSession);
  await page.goto(`${station.baseURL}/staff/activities/${activity.id}/checkin-code`);
  const qr = page.getByTestId("checkin-qr");
  await expect(qr.getByRole("img", { name: "活动签到二维码" })).toBeVisible();
  await expect(qr).toContainText("秒后更新");
  await expectAccessible(page);
  // What a camera reads from the code.
  const encoded = new URL(await scanQr(qr.getByRole("img", { name: "活动签到二维码" })));
  expect(encoded.pathname).toBe(`/me/checkin/${activity.id}`);

  // The volunteer's phone opens it and is checked in.
  const { context: phone, page: volunteerPage } = await anotherPhone(browser);
  await signedIn(volunteerPage, volunteer);
  await volunteerPage.goto(`${station.baseURL}${encoded.pathname}${encoded.search}`);
  await expect(volunteerPage.getByTestId("checkin-success")).toContainText("签到成功");
  await expect(volunteerPage.getByTestId("checkin-success")).toContainText(activity.title);
  await expectAccessible(volunteerPage);

  // After the activity, staff confirm the hours on the roster.
  await station.stop();
  station.clockStart = new Date(Date.parse(activity.ends_at) + 10 * 60_000).toISOString();
  await station.start();
  await page.goto(`${station.baseURL}/staff/activities/${activity.id}/roster`);
  const row = page.getByTestId("roster-row").filter({ hasText: "周志愿" });
  await expect(row).toContainText("已签到");
  await expectAccessible(page);
  await row.getByLabel("服务时长（分钟）").fill("120");
  await row.getByLabel("调整原因").fill("现场核实");
  await row.getByRole("button", { name: "确认时长" }).click();
  await expect(page.getByTestId("roster-row").filter({ hasText: "周志愿" })).toContainText("已确认 120 分钟");

  // The volunteer's 我的 shows them.
  await volunteerPage.goto(`${station.baseURL}/me`);
  await expect(volunteerPage.getByTestId("me-past")).toContainText("2 小时（已确认）");
  await expect(volunteerPage.getByTestId("total-hours")).toContainText("2 小时");
  await phone.close();
});

test("staff open the QR code and the roster of an activity", async ({ page, station }) => {
  const list = await station.json<{ items: Timed[] }>("/api/v1/activities?limit=200");
  const activity = list.items.find((a) => a.status === "open" && !a.team_only && a.site.name === STATION_STAFF.site)!;
  expect(activity, "the demo data has an open activity at the station").toBeTruthy();
  const volunteer = await registerByApi(station, "钱志愿");
  await signUpByApi(station, volunteer, activity.id);
  await signedIn(page, await sessionOf(station, STATION_STAFF.phone, STATION_STAFF.password));
  await page.goto(`${station.baseURL}/staff/activities/${activity.id}/checkin-code`);
  const qr = page.getByTestId("checkin-qr");
  await expect(qr.getByRole("img", { name: "活动签到二维码" })).toBeVisible();
  await expect(qr).toHaveAttribute("data-url", new RegExp(`/me/checkin/${activity.id}\\?code=`));
  // Which activity, and when: the right code for the right day.
  await expect(page.getByRole("heading", { level: 1 })).toContainText(activity.title);
  await expect(page.getByTestId("checkin-when")).toContainText(/\d+月\d+日/);
  // Until half an hour before the start, the page says check-in has not opened yet.
  const { now } = await station.json<{ now: string }>("/api/v1/station");
  const notYet = Date.parse(activity.starts_at) - 30 * 60_000 > Date.parse(now);
  await expect(page.getByTestId("checkin-not-yet")).toHaveCount(notYet ? 1 : 0);
  await expectAccessible(page);

  await page.getByRole("link", { name: "查看报名名单" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/activities/${activity.id}/roster$`));
  const row = page.getByTestId("roster-row").filter({ hasText: "钱志愿" });
  await expect(row).toContainText("已报名");
  await expect(row.getByRole("button", { name: "手动签到" })).toBeVisible();
  // Before the start nobody can be absent yet: the choice is not offered.
  await expect(row.getByRole("button", { name: "记为未到场" })).toHaveCount(0);
  await expectAccessible(page);

  // Once it has started (the server's clock moved), staff mark who did not come.
  await station.stop();
  station.clockStart = new Date(Date.parse(activity.starts_at) + 10 * 60_000).toISOString();
  await station.start();
  await page.goto(`${station.baseURL}/staff/activities/${activity.id}/checkin-code`);
  await expect(page.getByTestId("checkin-qr")).toBeVisible();
  await expect(page.getByTestId("checkin-not-yet")).toHaveCount(0);
  await page.goto(`${station.baseURL}/staff/activities/${activity.id}/roster`);
  const started = page.getByTestId("roster-row").filter({ hasText: "钱志愿" });
  await started.getByRole("button", { name: "记为未到场" }).click();
  await expect(started).toHaveAttribute("data-status", "NoShow");
  await expect(started.locator(".roster__status")).toHaveText("未到场");
  await expect(started.getByRole("button", { name: "记为未到场" })).toHaveCount(0);
});

test("a volunteer asks to join a team, its leader approves, and 我的 lists the team", async ({ page, browser, station }) => {
  const teamName = "暖心帮扶志愿服务队";
  const teams = await station.json<{ items: { id: number; name: string; leader_name?: string }[] }>("/api/v1/teams");
  const { id: teamId, leader_name: leaderName } = teams.items.find((t) => t.name === teamName)!;
  expect(leaderName, "the demo team has a leader").toBeTruthy();

  // The volunteer finds the team in the directory and asks to join.
  await signedIn(page, await registerByApi(station, "赵志愿"));
  await page.goto(`${station.baseURL}/me/teams`);
  const team = page.getByTestId("team").filter({ hasText: teamName });
  // Its leader by name (every card carries the label 队长, which proves nothing).
  await expect(team.locator(".team-card__facts")).toContainText(`队长${leaderName}`);
  await expectAccessible(page);
  await team.getByRole("button", { name: "申请加入" }).click();
  await expect(team).toContainText("已提交申请");
  await expect(team).toContainText("申请中");
  await expect(team.getByRole("button", { name: "申请加入" })).toHaveCount(0);
  await expectAccessible(page);

  // The leader, on another phone, approves the request.
  const signIn = await fetch(`${station.baseURL}/api/v1/sessions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ phone: "13900000003", password: "demo1234" }),
  });
  expect(signIn.status, "leader signs in").toBe(201);
  const { context: leader, page: leaderPage } = await anotherPhone(browser);
  await signedIn(leaderPage, (await signIn.json()) as Session);
  await leaderPage.goto(`${station.baseURL}/me/teams`);
  const ledTeam = leaderPage.getByTestId("team").filter({ hasText: teamName });
  // The leader's own standing in the team, not the card's label.
  await expect(ledTeam.locator(".team-card__status")).toHaveText("队长");
  await ledTeam.getByRole("link", { name: "管理队员" }).click();
  await expect(leaderPage).toHaveURL(new RegExp(`/staff/teams/${teamId}$`));
  const request = leaderPage.getByTestId("team-requests").getByTestId("team-member").filter({ hasText: "赵志愿" });
  await expect(request).toBeVisible();
  await expectAccessible(leaderPage);
  await request.getByRole("button", { name: "通过" }).click();
  await expect(leaderPage.getByTestId("team-members")).toContainText("赵志愿");
  await expect(leaderPage.getByTestId("team-requests")).not.toContainText("赵志愿");
  await expectAccessible(leaderPage);
  await leader.close();

  // The volunteer's 我的 lists the team as joined.
  await page.goto(`${station.baseURL}/me`);
  const mine = page.getByTestId("me-teams").getByTestId("me-team").filter({ hasText: teamName });
  await expect(mine).toContainText("已加入");
  await expect(mine.getByRole("button", { name: "退出" })).toBeVisible();
  await expectAccessible(page);
});

test("staff see 管理队员 for the teams of their sites only; the leader is told how to hand over", async ({ browser, station }) => {
  type Site = { id: number; name: string; children: Site[] };
  const roots = (await station.json<{ items: Site[] }>("/api/v1/sites")).items;
  const flat = (sites: Site[]): Site[] => sites.flatMap((site) => [site, ...flat(site.children)]);
  const institute = flat(roots).find((site) => site.name === "老城镇新时代文明实践所")!;
  const theirs = (await station.json<{ items: { name: string }[] }>(`/api/v1/teams?site=${institute.id}`)).items.map((t) => t.name);
  expect(theirs.length, "the demo institute has teams of its own").toBeGreaterThan(0);

  const contexts: BrowserContext[] = [];
  const phone = async (who: string) => {
    const session = await sessionOf(station, who, "demo1234");
    const { context, page } = await anotherPhone(browser);
    contexts.push(context);
    await signedIn(page, session);
    return page;
  };

  // 吴桂芳, staff of 老城镇所, manages the teams of the institute and its stations, no others.
  const staff = await phone("13900000005");
  await staff.goto(`${station.baseURL}/me/teams`);
  const cards = staff.getByTestId("team");
  await expect(cards.first()).toBeVisible();
  const managed = cards.filter({ has: staff.getByRole("link", { name: "管理队员" }) });
  await expect(managed).toHaveCount(theirs.length);
  for (const name of theirs) await expect(managed.filter({ hasText: name })).toHaveCount(1);
  await expect(cards.filter({ hasText: "暖心帮扶志愿服务队" }).getByRole("link", { name: "管理队员" })).toHaveCount(0);
  await expectAccessible(staff);

  // 孙建国 leads 暖心帮扶: on 我的 he manages it, and is told how he could leave it.
  const leader = await phone("13900000003");
  await leader.goto(`${station.baseURL}/me`);
  const led = leader.getByTestId("me-teams").getByTestId("me-team").filter({ hasText: "暖心帮扶志愿服务队" });
  await expect(led.getByRole("link", { name: "管理队员" })).toBeVisible();
  await expect(led.getByTestId("leader-cannot-leave")).toContainText("把队长交给一位队员");
  await expect(led.getByRole("button", { name: "退出" })).toHaveCount(0);
  await expectAccessible(leader);
  for (const context of contexts) await context.close();
});

test("the leader hands the team over to a member and stays on as one", async ({ browser, station }) => {
  const teamName = "暖心帮扶志愿服务队";
  const teams = await station.json<{ items: { id: number; name: string }[] }>("/api/v1/teams");
  const teamId = teams.items.find((t) => t.name === teamName)!.id;
  // A volunteer asks to join; the leader approves (through the API: the journey is the hand-over).
  const volunteer = await registerByApi(station, "钱接班");
  const leaderSession = await sessionOf(station, "13900000003", "demo1234");
  const post = (path: string, session: Session) =>
    fetch(`${station.baseURL}${path}`, { method: "POST", headers: { Authorization: `Bearer ${session.token}` } });
  expect((await post(`/api/v1/teams/${teamId}/members`, volunteer)).status).toBe(201);
  const me = await (await fetch(`${station.baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${volunteer.token}` } })).json();
  expect((await post(`/api/v1/teams/${teamId}/members/${me.id}/approve`, leaderSession)).status).toBe(204);

  const { context, page } = await anotherPhone(browser);
  await signedIn(page, leaderSession);
  await page.goto(`${station.baseURL}/staff/teams/${teamId}`);
  const member = page.getByTestId("team-members").getByTestId("team-member").filter({ hasText: "钱接班" });
  await member.getByRole("button", { name: "设为队长" }).click();
  await expect(member).toContainText("让 钱接班 担任队长吗？");
  await expect(member.getByRole("button", { name: "确定交接" })).toBeFocused();
  await expectAccessible(page);
  // Changing his mind leaves everything as it was.
  await member.getByRole("button", { name: "暂不交接" }).click();
  await expect(member.getByRole("button", { name: "设为队长" })).toBeVisible();
  await member.getByRole("button", { name: "设为队长" }).click();
  await member.getByRole("button", { name: "确定交接" }).click();

  // He lands on 我的, told what happened, as a member of the team, free to leave it.
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByTestId("flash")).toHaveText("已把队长交给 钱接班。你现在是这个队的队员。");
  const mine = page.getByTestId("me-teams").getByTestId("me-team").filter({ hasText: teamName });
  await expect(mine).toContainText("已加入");
  await expect(mine.getByRole("button", { name: "退出" })).toBeVisible();
  await expectAccessible(page);
  const team = await station.json<{ leader_name: string }>(`/api/v1/teams/${teamId}`);
  expect(team.leader_name).toBe("钱接班");
  await context.close();
});
