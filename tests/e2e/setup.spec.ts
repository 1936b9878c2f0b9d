// A real station from an empty database: the operator's command makes the administrator, who
// builds the site tree and makes a staff member; the staff member makes a team and publishes an
// activity; a resident signs up; staff call it off with a reason, and the resident reads it.
import { test, expect, expectAccessible } from "./station";
import { anotherPhone, freshPhone, registerByApi, sessionOf, signedIn } from "./api";

type StationInfo = { now: string };

test("from an empty database to a resident reading why the activity was called off", async ({ page, browser, emptyStation: station }) => {
  test.setTimeout(120_000);
  await page.goto(station.baseURL + "/");
  await expect(page.getByTestId("empty-state")).toContainText("本站正在建设中");

  // The operator makes the first administrator on the server's own database.
  const adminPhone = freshPhone();
  await station.createAdmin(adminPhone, "王芳", "admin-pass-2026");
  // The future staff member and a resident have accounts of their own.
  const staffPhone = freshPhone();
  const staffSession = await registerByApi(station, "张站长", staffPhone);
  const resident = await registerByApi(station, "李阿姨");

  // The administrator: 我的 → 工作台 → 站点与人员, empty.
  await signedIn(page, await sessionOf(station, adminPhone, "admin-pass-2026"));
  await page.goto(station.baseURL + "/me");
  await page.getByTestId("console-link").click();
  await page.getByTestId("sites-link").click();
  await expect(page).toHaveURL(station.baseURL + "/staff/sites");
  await expect(page.getByTestId("empty-state")).toContainText("还没有站点");
  await expectAccessible(page);

  // A center: without a name nothing is sent, and the field says so.
  await page.getByTestId("new-center").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("新建站点");
  await expect(page.getByLabel("类型")).toHaveValue("center");
  await page.getByRole("button", { name: "建立站点" }).click();
  await expect(page.locator("[data-field=name] .field__error")).toHaveText("请填写站点名称");
  await expectAccessible(page);
  await page.getByLabel("站点名称").fill("城关镇新时代文明实践中心");
  await page.getByRole("button", { name: "建立站点" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("城关镇新时代文明实践中心");
  // The station has a name now: the header says it.
  await expect(page.getByTestId("station-name")).toHaveText("城关镇新时代文明实践中心");

  // A 站 below it, with what residents read about it.
  await page.getByTestId("new-child").click();
  await expect(page.getByLabel("上级站点")).toHaveValue(/\d+/);
  await expect(page.getByLabel("类型")).toHaveValue("station");
  await page.getByLabel("站点名称").fill("幸福社区新时代文明实践站");
  await page.getByLabel("地址").fill("幸福路 18 号社区党群服务中心一楼");
  await page.getByLabel("开放时间").fill("周一至周五 8:30–17:00");
  await page.getByRole("button", { name: "建立站点" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("幸福社区新时代文明实践站");
  const siteURL = page.url();
  expect(siteURL).toMatch(/\/staff\/sites\/\d+$/);
  const siteId = Number(siteURL.split("/").pop());
  const site = await station.json<{ address: string; opening_hours: string }>(`/api/v1/sites/${siteId}`);
  expect(site.address).toBe("幸福路 18 号社区党群服务中心一楼");
  expect(site.opening_hours).toBe("周一至周五 8:30–17:00");

  // Staff: an unknown number is named as such; the registered one becomes staff.
  const staffSection = page.getByTestId("staff-section");
  await staffSection.getByLabel("手机号码").fill("13099999999");
  await staffSection.getByRole("button", { name: "设为工作人员" }).click();
  await expect(staffSection.locator("[data-field=phone] .field__error")).toContainText("没有找到用这个手机号码注册的账号");
  await staffSection.getByLabel("手机号码").fill(staffPhone);
  await staffSection.getByRole("button", { name: "设为工作人员" }).click();
  await expect(staffSection.getByTestId("staff-done")).toHaveText("已把 张站长 设为这个站点的工作人员");
  const row = staffSection.getByTestId("staff-row").filter({ hasText: "张站长" });
  await expect(row).toContainText(staffPhone);
  await expect(row.getByRole("button", { name: "取消工作人员身份：张站长" })).toBeVisible();
  await expectAccessible(page);

  // The staff member, on their own phone: their site, a team, then an activity.
  const { context, page: staff } = await anotherPhone(browser);
  await signedIn(staff, staffSession);
  await staff.goto(station.baseURL + "/staff/sites");
  await staff.getByRole("link", { name: "幸福社区新时代文明实践站" }).click();
  const teams = staff.getByTestId("teams-section");
  await expect(teams).toContainText("这个站点还没有队伍。");
  await teams.getByTestId("new-team").click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("新建队伍");
  await staff.getByLabel("队伍名称").fill("幸福社区助老志愿服务队");
  await staff.getByLabel("队长手机号码").fill("1380000");
  await staff.getByRole("button", { name: "建立队伍" }).click();
  // Every bad field named at once; what was typed stays.
  await expect(staff.locator("[data-field=field] .field__error")).toHaveText("请填写服务领域");
  await expect(staff.locator("[data-field=leader_phone] .field__error")).toHaveText("请输入以 1 开头的 11 位手机号码");
  await expect(staff.getByLabel("队伍名称")).toHaveValue("幸福社区助老志愿服务队");
  await expectAccessible(staff);
  await staff.getByLabel("服务领域").fill("助老服务");
  await staff.getByLabel("队长手机号码").fill(staffPhone);
  await staff.getByRole("button", { name: "建立队伍" }).click();
  await expect(staff.getByTestId("flash")).toHaveText("已建立队伍：幸福社区助老志愿服务队");
  await expect(teams.getByTestId("team-row")).toContainText("队长：张站长");
  await expectAccessible(staff);

  const info = await station.json<StationInfo>("/api/v1/station");
  const tomorrow = new Date(Date.parse(info.now.slice(0, 10) + "T00:00:00Z") + 86_400_000).toISOString().slice(0, 10);
  await staff.goto(station.baseURL + "/staff/console");
  await expect(staff.getByTestId("empty-state")).toBeVisible();
  await staff.getByTestId("new-activity").click();
  await staff.getByLabel("活动名称").fill("重阳敬老包饺子");
  await staff.getByLabel("地点").fill("社区食堂");
  await staff.getByLabel("开始时间").fill(`${tomorrow}T09:00`);
  await staff.getByLabel("结束时间").fill("11:30");
  await staff.getByLabel("名额").fill("10");
  await staff.getByRole("button", { name: "保存为草稿" }).click();
  await expect(staff.getByTestId("saved")).toContainText("重阳敬老包饺子");
  await staff.getByRole("link", { name: "返回工作台" }).first().click();
  const draft = staff.getByTestId("console-activity").filter({ hasText: "重阳敬老包饺子" });
  await draft.getByRole("button", { name: "发布" }).click();
  await expect(draft).toHaveAttribute("data-status", "published");

  // The resident finds it on the calendar and signs up.
  const { context: residentContext, page: phone } = await anotherPhone(browser);
  await signedIn(phone, resident);
  await phone.goto(station.baseURL + "/");
  await phone.getByTestId("activity-card").filter({ hasText: "重阳敬老包饺子" }).click();
  const signup = phone.getByTestId("signup");
  await signup.getByRole("button", { name: "报名" }).click();
  await expect(signup).toContainText("报名成功");

  // Staff call it off with a reason; the resident reads it on the activity.
  await draft.getByRole("link", { name: "编辑" }).click();
  const reason = "食堂检修，活动改到下周，届时另行通知";
  await staff.getByLabel("取消原因").fill(reason);
  await staff.getByRole("button", { name: "取消这个活动" }).click();
  await staff.getByTestId("confirm-cancel").click();
  await expect(staff.getByTestId("cancelled-notice")).toContainText(reason);

  await phone.reload();
  await expect(phone.getByTestId("cancel-reason")).toHaveText(`取消原因：${reason}`);
  await residentContext.close();
  await context.close();
});
