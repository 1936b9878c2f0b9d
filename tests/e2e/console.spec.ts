// Staff run their station from 工作台: a new activity is a draft nobody else sees, until it is
// published and residents find it on the calendar.
import { test, expect, expectAccessible } from "./station";
import { anotherPhone, registerByApi, sessionOf, signedIn, signUpByApi } from "./api";

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
  await expect(row).toContainText("已报名 0 人，共 12 个名额 · 剩余 12 个名额");
  // Tomorrow is 本周 unless today is Sunday.
  const sunday = new Date(Date.parse(info.now.slice(0, 10) + "T00:00:00Z")).getUTCDay() === 0;
  await expect(row.locator("xpath=ancestor::section[@data-testid='console-span']"))
    .toHaveAttribute("data-span", sunday ? "later" : "week");
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
  const copyRow = page.locator(`[data-testid=console-activity][data-status=draft]`).filter({ hasText: source.title });
  await expect(copyRow).toHaveCount(1);
  // Seven days on is past this week's Sunday: 以后.
  await expect(page.locator("[data-span=later] [data-testid=console-activity][data-status=draft]").filter({ hasText: source.title })).toHaveCount(1);

  // The copy is edited: the form holds the copy's own words and times.
  await copyRow.getByRole("link", { name: "编辑" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/publish/${copies[0].id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("编辑活动");
  await expect(page.getByLabel("活动名称")).toHaveValue(source.title);
  await expectAccessible(page);
  const renamed = `${source.title}（第二期）`;
  await page.getByLabel("活动名称").fill(renamed);
  await page.getByLabel("名额").fill("0");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.locator("[data-field=capacity] .field__error")).toBeVisible();
  await page.getByLabel("名额").fill("8");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByTestId("saved")).toHaveText(`已保存修改：${renamed}`);
  const edited = (await mine()).find((a) => a.id === copies[0].id)!;
  expect(edited.title).toBe(renamed);
  expect(edited.starts_at, "the times stay as they were").toBe(copies[0].starts_at);
  expect((edited as unknown as { capacity: number }).capacity).toBe(8);

  // Nobody signed up for the copy: it can be deleted, after a confirm step.
  await page.getByRole("button", { name: "删除这个活动" }).click();
  await page.getByTestId("confirm-delete").click();
  await expect(page).toHaveURL(station.baseURL + "/staff/console");
  await expect(page.getByTestId("console-done")).toHaveText(`已删除：${renamed}`);
  expect((await mine()).some((a) => a.id === copies[0].id)).toBe(false);
});

test("staff cancel an activity with a reason, and a signed-up resident reads it on the activity and on 我的", async ({ page, browser, station }) => {
  const staff = await sessionOf(station, "13900000004", "demo1234");
  type Item = { id: number; title: string; status: string; places_left: number };
  const response = await fetch(`${station.baseURL}/api/v1/staff/activities?limit=200`, {
    headers: { Authorization: `Bearer ${staff.token}` },
  });
  const target = ((await response.json()) as { items: Item[] }).items.find((a) => a.status === "open" && a.places_left > 1)!;
  expect(target, "an open activity of the staff member's site").toBeTruthy();
  const resident = await registerByApi(station, "李阿姨");
  await signUpByApi(station, resident, target.id);

  await signedIn(page, staff);
  await page.goto(`${station.baseURL}/staff/publish/${target.id}`);
  const cancel = page.getByTestId("cancel-section");
  // No reason, no cancellation: the field says what is missing.
  await cancel.getByRole("button", { name: "取消这个活动" }).click();
  await expect(page.locator("[data-field=reason] .field__error")).toHaveText("请填写取消原因");
  const reason = "暴雨红色预警，活动改期，另行通知";
  await page.getByLabel("取消原因").fill(reason);
  await cancel.getByRole("button", { name: "取消这个活动" }).click();
  // The confirm step says who will be told; 不取消 leaves everything as it was.
  await expect(cancel.getByRole("group")).toContainText(`确定取消「${target.title}」吗？`);
  await cancel.getByRole("button", { name: "不取消，返回" }).click();
  await expect(page.getByLabel("取消原因")).toHaveValue(reason);
  await cancel.getByRole("button", { name: "取消这个活动" }).click();
  await page.getByTestId("confirm-cancel").click();
  await expect(page.getByTestId("cancelled-notice")).toContainText(`取消原因：${reason}`);
  await expectAccessible(page);

  const { context, page: phone } = await anotherPhone(browser);
  await signedIn(phone, resident);
  await phone.goto(`${station.baseURL}/activities/${target.id}`);
  await expect(phone.getByTestId("cancel-reason")).toHaveText(`取消原因：${reason}`);
  await expect(phone.locator(".detail__status")).toHaveText("已取消");
  await phone.goto(`${station.baseURL}/me`);
  const item = phone.getByTestId("me-cancelled").getByTestId("me-cancelled-item");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(target.title);
  await expect(item).toContainText(`取消原因：${reason}`);
  await expect(phone.getByTestId("me-upcoming")).not.toContainText(target.title);
  await expectAccessible(phone);
  // And the header's 消息 told them, with the reason.
  await expect(phone.getByTestId("unread")).toHaveText("1");
  await phone.getByTestId("inbox-link").click();
  const notice = phone.getByTestId("notice");
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(`您报名的活动「${target.title}」已取消`);
  await expect(notice).toContainText(`原因：${reason}`);
  await context.close();
});

type Listed = { id: number; title: string; status: string; places_left: number; team_only: boolean; starts_at: string; ends_at: string };

test("staff start the day on 工作台: a join request approved in one tap, hours confirmed from the roster it links to, and the past 30 days", async ({ page, station }) => {
  const staff = await sessionOf(station, "13900000004", "demo1234");
  const asStaff = { headers: { Authorization: `Bearer ${staff.token}` } };
  const mine = (await (await fetch(`${station.baseURL}/api/v1/staff/activities?limit=200`, asStaff)).json()) as { items: Listed[] };
  const activity = mine.items.find((a) => a.status === "open" && a.places_left > 0 && !a.team_only)!;
  expect(activity, "an open activity of the staff member's site").toBeTruthy();

  // A new volunteer signs up, is checked in by hand while it runs, and asks to join a team.
  const volunteer = await registerByApi(station, "钱晓雨");
  await signUpByApi(station, volunteer, activity.id);
  const me = (await (await fetch(`${station.baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${volunteer.token}` } })).json()) as { id: number };
  await station.stop();
  station.clockStart = new Date(Date.parse(activity.starts_at) + 10 * 60_000).toISOString();
  await station.start();
  const checkedIn = await fetch(`${station.baseURL}/api/v1/activities/${activity.id}/checkins/manual`, {
    method: "POST",
    headers: { ...asStaff.headers, "Content-Type": "application/json" },
    body: JSON.stringify({ account_id: me.id }),
  });
  expect(checkedIn.status, "checked in by hand").toBeLessThan(300);
  const teams = (await (await fetch(`${station.baseURL}/api/v1/teams`)).json()) as { items: { id: number; name: string; site: { id: number } }[] };
  const staffMe = (await (await fetch(`${station.baseURL}/api/v1/me`, asStaff)).json()) as { managed_site_ids: number[] };
  const team = teams.items.find((t) => staffMe.managed_site_ids.includes(t.site.id))!;
  expect(team, "a team of the staff member's sites").toBeTruthy();
  const asked = await fetch(`${station.baseURL}/api/v1/teams/${team.id}/members`, { method: "POST", headers: { Authorization: `Bearer ${volunteer.token}` } });
  expect(asked.status).toBe(201);
  await station.stop();
  station.clockStart = new Date(Date.parse(activity.ends_at) + 10 * 60_000).toISOString();
  await station.start();

  await signedIn(page, staff);
  await page.goto(`${station.baseURL}/staff/console`);
  const today = page.getByTestId("today");
  const request = today.getByTestId("join-request").filter({ hasText: "钱晓雨" });
  await expect(request).toContainText(`钱晓雨 申请加入「${team.name}」`);
  const hours = today.getByTestId("hours-activity").filter({ hasText: activity.title });
  await expect(hours).toContainText("1 人的时长待确认");
  await expectAccessible(page);

  await request.getByRole("button", { name: "同意加入", exact: true }).click();
  await expect(page.getByTestId("today-done")).toHaveText(`已同意 钱晓雨 加入「${team.name}」`);
  await expect(today.getByTestId("join-request").filter({ hasText: "钱晓雨" })).toHaveCount(0);
  const members = (await (await fetch(`${station.baseURL}/api/v1/teams/${team.id}/members`, asStaff)).json()) as { items: { account: { id: number }; status: string }[] };
  expect(members.items.find((m) => m.account.id === me.id)?.status).toBe("member");

  await hours.getByRole("link", { name: "去确认时长", exact: true }).click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/activities/${activity.id}/roster`);
  const row = page.getByTestId("roster-row").filter({ hasText: "钱晓雨" });
  await row.getByRole("button", { name: "确认时长", exact: true }).click();
  await expect(page.getByTestId("roster-row").filter({ hasText: "钱晓雨" })).toContainText("已确认");
  await page.goto(`${station.baseURL}/staff/console`);
  await expect(page.getByTestId("today")).toBeVisible();
  await expect(page.getByTestId("console-activity").first()).toBeVisible();
  await expect(page.getByTestId("hours-activity").filter({ hasText: activity.title })).toHaveCount(0);

  // The past 30 days, the latest first, as the backend lists them.
  const now = new Date(Date.parse(station.clockStart!));
  const day = (offset: number) => new Date(now.getTime() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  const past = (await (await fetch(`${station.baseURL}/api/v1/staff/activities?limit=200&from=${day(-30)}&to=${day(-1)}`, asStaff)).json()) as { items: Listed[] };
  expect(past.items.length, "the demo data has past activities").toBeGreaterThan(0);
  await page.getByTestId("past-tab").click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/console?when=past`);
  const rows = page.getByTestId("console-activity");
  await expect(rows).toHaveCount(past.items.length);
  await expect(rows.first()).toContainText(past.items[past.items.length - 1].title);
  await expectAccessible(page);
});

test("an administrator reads who changed what in 操作记录, narrowed to one person", async ({ page, station }) => {
  const admin = await sessionOf(station, "13900000006", "demo1234");
  await signedIn(page, admin);
  await page.goto(`${station.baseURL}/staff/console`);
  await page.getByTestId("audit-link").click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/audit`);
  await expect(page.getByTestId("empty-state")).toContainText("没有操作记录");
  await expectAccessible(page);

  // Staff write a draft, then rename it.
  const staff = await sessionOf(station, "13900000004", "demo1234");
  const headers = { Authorization: `Bearer ${staff.token}`, "Content-Type": "application/json" };
  const me = (await (await fetch(`${station.baseURL}/api/v1/me`, { headers })).json()) as { managed_site_ids: number[] };
  const { now } = (await (await fetch(`${station.baseURL}/api/v1/station`)).json()) as StationInfo;
  const day = new Date(Date.parse(now) + 3 * 86_400_000).toISOString().slice(0, 10);
  const input = {
    site_id: me.managed_site_ids[0],
    category: "elderly",
    title: "上门理发",
    place: "活动室",
    starts_at: `${day}T09:00:00+08:00`,
    ends_at: `${day}T11:00:00+08:00`,
    capacity: 5,
  };
  const created = await fetch(`${station.baseURL}/api/v1/activities`, { method: "POST", headers, body: JSON.stringify(input) });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: number };
  const renamed = await fetch(`${station.baseURL}/api/v1/activities/${id}`, { method: "PUT", headers, body: JSON.stringify({ ...input, title: "爱心上门理发" }) });
  expect(renamed.status).toBe(200);

  await page.reload();
  const entries = page.getByTestId("audit-entry");
  await expect(entries).toHaveCount(2);
  await expect(entries.first()).toHaveAttribute("data-action", "activity.update");
  await expect(entries.first()).toContainText(`修改活动 · activity:${id}`);
  await expect(entries.first()).toContainText("陈思远");
  await entries.first().getByText("改动").click();
  await expect(entries.first()).toContainText("title：上门理发 → 爱心上门理发");
  await expect(entries.nth(1)).toHaveAttribute("data-action", "activity.create");
  await expectAccessible(page);

  // Only this person's, at this site.
  await entries.first().getByRole("link", { name: "陈思远" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/audit\\?account=\\d+&site=${input.site_id}$`));
  await expect(page.getByTestId("audit-person")).toContainText("只看 陈思远 的操作");
  await expect(entries).toHaveCount(2);
  await page.getByLabel("站点").selectOption({ label: "全部站点" });
  await expect(page).toHaveURL(/\/staff\/audit\?account=\d+$/);
  await expect(entries).toHaveCount(2);
});

type TeamInfo = { id: number; name: string; site: { id: number }; leader_name?: string };
type SiteNode = { id: number; name: string; children: SiteNode[] };

test("an administrator edits a team, moves it to another station, hands it to a new leader, and archives it", async ({ page, station }) => {
  const admin = await sessionOf(station, "13900000006", "demo1234");
  await signedIn(page, admin);
  const { items: teams } = (await (await fetch(`${station.baseURL}/api/v1/teams`)).json()) as { items: TeamInfo[] };
  const team = teams.find((t) => t.name === "暖心帮扶志愿服务队")!;
  const { items: tree } = (await (await fetch(`${station.baseURL}/api/v1/sites`)).json()) as { items: SiteNode[] };
  const all: SiteNode[] = [];
  const walk = (nodes: SiteNode[]) => nodes.forEach((node) => { all.push(node); walk(node.children); });
  walk(tree);
  const target = all.find((site) => site.name === "站前社区新时代文明实践站")!;
  expect(target.id).not.toBe(team.site.id);

  await page.goto(`${station.baseURL}/staff/teams/${team.id}`);
  await page.getByTestId("edit-team").click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/teams/${team.id}/edit`);
  await expect(page.getByTestId("team-leader")).toHaveText("现任队长：孙建国");
  await expect(page.getByLabel("队伍名称")).toHaveValue("暖心帮扶志愿服务队");
  await expectAccessible(page);

  // An empty name is named next to its field; what else was typed stays.
  await page.getByLabel("队伍名称").fill("");
  await page.getByLabel("队长手机号码").fill("13900000001");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.locator("#field-name-error")).toContainText("队伍名称");
  await expect(page.getByLabel("队长手机号码")).toHaveValue("13900000001");

  await page.getByLabel("队伍名称").fill("暖心帮扶队");
  await page.getByLabel("站点").selectOption(String(target.id));
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByTestId("team-saved")).toHaveText("已保存：暖心帮扶队");
  await expect(page.getByTestId("team-leader")).toHaveText("现任队长：林晓雨");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("暖心帮扶队");
  const saved = (await (await fetch(`${station.baseURL}/api/v1/teams/${team.id}`)).json()) as TeamInfo;
  expect(saved).toMatchObject({ name: "暖心帮扶队", site: { id: target.id }, leader_name: "林晓雨" });

  // Archived, it leaves the directory; its new station's page says so.
  await page.getByRole("button", { name: "归档这支队伍" }).click();
  await expect(page.getByText("确定归档「暖心帮扶队」吗？")).toBeVisible();
  await page.getByRole("button", { name: "确定归档" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/sites/${target.id}`);
  await expect(page.getByTestId("flash")).toHaveText("已归档队伍：暖心帮扶队");
  await expect(page.getByTestId("team-row").filter({ hasText: "暖心帮扶队" })).toHaveCount(0);
  expect((await fetch(`${station.baseURL}/api/v1/teams/${team.id}`)).status).toBe(404);
});

test("an administrator adds a service category, is told why a pale colour is refused, renames and reorders, and the calendar follows", async ({ page, station }) => {
  // Staff who are not administrators are told the categories are not theirs to keep.
  const staff = await sessionOf(station, "13900000004", "demo1234");
  await signedIn(page, staff);
  await page.goto(`${station.baseURL}/staff/categories`);
  await expect(page.getByTestId("admins-only")).toBeVisible();
  await expect(page.getByTestId("category-row")).toHaveCount(0);

  const admin = await sessionOf(station, "13900000006", "demo1234");
  await signedIn(page, admin);
  await page.goto(`${station.baseURL}/staff/console`);
  await page.getByTestId("categories-link").click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/categories`);
  const rows = page.getByTestId("category-row");
  await expect(rows).toHaveCount(5);
  await expectAccessible(page);

  // A pale yellow: the preview says it is too light, and the server refuses it with the reason.
  await page.getByLabel("代码").fill("health");
  await page.getByLabel("名称").fill("健康");
  await page.getByLabel("颜色").fill("#f4d03f");
  await expect(page.getByTestId("contrast").last()).toContainText("太浅");
  await page.getByRole("button", { name: "新增类别" }).click();
  await expect(page.locator("#field-colour-error")).toContainText("对比度至少要 4.5:1");
  await expect(page.getByLabel("代码")).toHaveValue("health");
  await expect(rows).toHaveCount(5);

  await page.getByLabel("颜色").fill("#1a5fb4");
  await expect(page.getByTestId("contrast").last()).toContainText("清楚");
  await page.getByRole("button", { name: "新增类别" }).click();
  await expect(page.getByTestId("category-saved")).toHaveText("已新增类别：健康");
  await expect(rows).toHaveCount(6);
  await expect(rows.last()).toHaveAttribute("data-slug", "health");

  // One place up, then the first renamed.
  await rows.last().getByTestId("category-up").click();
  await expect(rows.nth(4)).toHaveAttribute("data-slug", "health");
  // The move is said, and the keyboard stays on the moved row.
  await expect(page.getByTestId("category-edited")).toHaveText("已把「健康」移到第 5 位");
  await expect(rows.nth(4).getByTestId("category-edit")).toBeFocused();
  await rows.first().getByTestId("category-edit").click();
  const first = await rows.first().getAttribute("data-slug");
  await page.locator("#field-edit-name").fill("助老扶弱");
  await rows.first().getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByTestId("category-edited")).toHaveText("已保存：助老扶弱");
  await expect(rows.first()).toHaveAttribute("data-slug", first!);
  await expect(rows.first()).toContainText("助老扶弱");

  const { items } = (await (await fetch(`${station.baseURL}/api/v1/categories`)).json()) as { items: { slug: string; name: string }[] };
  expect(items.map((c) => c.slug).indexOf("health")).toBe(4);
  expect(items[0].name).toBe("助老扶弱");
  await page.goto(`${station.baseURL}/`);
  const chips = page.getByRole("navigation", { name: "按服务类别筛选" }).getByRole("link");
  await expect(chips).toHaveText(["全部", ...items.map((c) => c.name)]);
});
