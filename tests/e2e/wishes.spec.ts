// 微心愿: a resident posts a wish; staff approve it; a volunteer takes it on while a second,
// too late, is told it is taken; the volunteer fulfils it; the resident confirms and rates it,
// and the thanks are on the wall. Staff post a wish for a resident without a phone, open at once.
// Nobody but the parties reads the beneficiary's full name.
import { test, expect, expectAccessible } from "./station";
import { anotherPhone, freshPhone, registerByApi, sessionOf, signedIn } from "./api";

test("a wish goes from the form through staff's review to a volunteer, and its requester confirms and rates it", async ({ page, browser, station }) => {
  const phone = freshPhone();
  const resident = await registerByApi(station, "周小梅", phone);
  await signedIn(page, resident);
  await page.goto(station.baseURL + "/");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "微心愿" }).click();
  await expect(page).toHaveURL(station.baseURL + "/wishes");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("微心愿");
  await expect(page.getByTestId("wish-figures")).toContainText("今年已实现");
  await expect(page.getByTestId("wishes-open").getByTestId("wish-card").first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "发布心愿" }).click();
  await expect(page).toHaveURL(station.baseURL + "/wishes/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("发布微心愿");
  const title = `一盏护眼台灯${Date.now() % 100000}`;
  await page.getByLabel("心愿", { exact: true }).fill(title);
  await page.getByLabel("详细说明").fill("小宇晚上写作业的台灯坏了，屋里光线暗。");
  await page.getByLabel("受助人姓名").fill("王小宇");
  await page.getByLabel("年龄（可不填）").fill("8");
  await page.getByLabel("情况（可不填）").fill("困境儿童");
  await expect(page.getByLabel("联系方式")).toHaveValue(phone);
  await expectAccessible(page);
  // A deadline gone by is refused by the server next to its field; what was typed stays.
  await page.getByLabel("截止日期").fill("2020-01-01");
  await page.getByRole("button", { name: "提交心愿" }).click();
  await expect(page.locator("[data-field='deadline'] .field__error")).not.toBeEmpty();
  await expect(page.getByLabel("受助人姓名")).toHaveValue("王小宇");
  const deadline = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("截止日期").fill(deadline);
  await page.getByRole("button", { name: "提交心愿" }).click();
  await expect(page).toHaveURL(/\/wishes\/\d+$/);
  await expect(page.getByTestId("flash")).toHaveText("心愿已提交，工作人员审核后会上墙。");
  await expect(page.getByTestId("wish-status")).toHaveText("待审核");
  await expect(page.getByTestId("wish-private")).toContainText("王小宇");
  await expectAccessible(page);
  const wishUrl = page.url();

  // Staff of the station approve it from their queue.
  const staff = await anotherPhone(browser);
  await signedIn(staff.page, await sessionOf(station, "13900000004", "demo1234"));
  await staff.page.goto(station.baseURL + "/staff/wishes");
  await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText("心愿审核");
  await staff.page.getByRole("link", { name: title }).click();
  await expect(staff.page).toHaveURL(wishUrl);
  // Another area: the address changes before its page is drawn.
  await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectAccessible(staff.page);
  await staff.page.getByRole("button", { name: "通过审核" }).click();
  await expect(staff.page.getByTestId("wish-done")).toHaveText("已通过，心愿已经上墙。");
  await expect(staff.page.getByTestId("wish-status")).toHaveText("等待认领");

  // Two volunteers open it; it is for 王**, never by name.
  const first = await anotherPhone(browser);
  const second = await anotherPhone(browser);
  await signedIn(first.page, await registerByApi(station, "赵志愿"));
  await signedIn(second.page, await registerByApi(station, "钱志愿"));
  for (const volunteer of [first.page, second.page]) {
    await volunteer.goto(wishUrl);
    await expect(volunteer.getByTestId("wish-beneficiary")).toHaveText("王**，8岁，困境儿童");
    await expect(volunteer.getByRole("main")).not.toContainText("王小宇");
    await expect(volunteer.getByRole("button", { name: "认领这个心愿" })).toBeVisible();
  }
  await first.page.getByRole("button", { name: "认领这个心愿" }).click();
  await expect(first.page.getByTestId("wish-done")).toContainText("认领成功");
  await expect(first.page.getByTestId("wish-status")).toHaveText("已认领");
  await expectAccessible(first.page);
  // The second, a moment too late, is told, and sees it as it is now.
  await second.page.getByRole("button", { name: "认领这个心愿" }).click();
  await expect(second.page.getByTestId("form-problem")).toHaveText("这个心愿刚刚被别人认领了，看看其他心愿吧。");
  await expect(second.page.getByTestId("wish-status")).toHaveText("已认领");
  await expect(second.page.getByRole("button", { name: "认领这个心愿" })).toHaveCount(0);

  // The volunteer says how it went, on a page of its own.
  await first.page.getByRole("link", { name: "填写实现情况" }).click();
  await expect(first.page).toHaveURL(/\/wishes\/fulfil\/\d+$/);
  await expect(first.page.getByRole("heading", { level: 1 })).toHaveText("填写实现情况");
  await first.page.getByRole("button", { name: "已实现" }).click();
  await expect(first.page.locator("[data-field='note'] .field__error")).not.toBeEmpty();
  await first.page.getByLabel("怎么实现的").fill("台灯已送到社区，由工作人员转交。");
  await expectAccessible(first.page);
  await first.page.getByRole("button", { name: "已实现" }).click();
  await expect(first.page).toHaveURL(wishUrl);
  await expect(first.page.getByTestId("flash")).toHaveText("谢谢您！发布人会收到通知并确认。");
  await expect(first.page.getByTestId("wish-status")).toHaveText("已实现，待确认");

  // The requester confirms and rates it; the thanks go on the wall.
  await page.goto(wishUrl);
  await expect(page.getByTestId("wish-status")).toHaveText("已实现，待确认");
  await expect(page.getByTestId("wish-private")).toContainText("台灯已送到社区");
  await page.getByRole("button", { name: "确认", exact: true }).click();
  await expect(page.getByText("请选择几颗星")).toBeVisible();
  await page.getByLabel("5 星").check();
  await page.getByLabel("想说的话（会显示在心愿墙上）").fill("台灯很亮，谢谢叔叔！");
  await page.getByRole("button", { name: "确认", exact: true }).click();
  await expect(page.getByTestId("wish-done")).toHaveText("谢谢您的评价！");
  await expect(page.getByTestId("wish-status")).toHaveText("已完成");
  const steps = page.getByTestId("timeline-step");
  await expect(steps).toHaveCount(5);
  await expect(steps.nth(2)).toContainText("赵志愿 认领了心愿");
  await expect(steps.nth(4)).toContainText("台灯很亮，谢谢叔叔！");
  await expectAccessible(page);
  await page.goto(station.baseURL + "/wishes");
  await expect(page.getByTestId("wishes-done").getByTestId("wish-card").filter({ hasText: title })).toContainText("台灯很亮，谢谢叔叔！");
  // Its requester was told at each step.
  await page.goto(station.baseURL + "/me/notices");
  await expect(page.getByRole("main")).toContainText(`您的微心愿「${title}」已经实现，请确认并评价`);
  for (const context of [staff.context, first.context, second.context]) await context.close();
});

test("staff post a wish for a resident without a phone, open at once and marked as done for them", async ({ page, station }) => {
  await signedIn(page, await sessionOf(station, "13900000004", "demo1234"));
  await page.goto(station.baseURL + "/wishes/new");
  const title = `上门修理收音机${Date.now() % 100000}`;
  await page.getByLabel("心愿", { exact: true }).fill(title);
  await page.getByLabel("类别").selectOption("home_service");
  await page.getByLabel("详细说明").fill("孙爷爷的收音机不响了，他每天都要听戏。");
  await page.getByLabel("受助人姓名").fill("孙福海");
  await page.getByLabel("代谁发布（居民没有智能手机时）").fill("孙福海（独居，没有手机）");
  await page.getByRole("button", { name: "提交心愿" }).click();
  await expect(page.getByTestId("flash")).toHaveText("心愿已发布到心愿墙。");
  await expect(page.getByTestId("wish-status")).toHaveText("等待认领");
  await expect(page.getByTestId("timeline-step").first()).toContainText("（工作人员代办）");
  await expect(page.getByTestId("wish-private")).toContainText("孙福海（独居，没有手机）");
  await page.goto(station.baseURL + "/me/wishes");
  const mine = page.getByTestId("my-wish").filter({ hasText: title });
  await expect(mine).toContainText("下一步：等待有人认领");
  await expectAccessible(page);
  // Everyone sees it on the wall, masked.
  await page.goto(station.baseURL + "/wishes");
  await expect(page.getByTestId("wishes-open").getByTestId("wish-card").filter({ hasText: title })).toContainText("孙**");
});
