// 点单 → 派单 → 接单 → 评单: a resident orders a service from the menu; staff approve it and send
// it to a team; of two members the first to accept wins and the second is told; the volunteer
// reads the address and phone, completes it; the resident rates it, and the timeline tells it
// all. Staff order for a resident without a phone. Nobody else reads the order at all.
import { test, expect, expectAccessible } from "./station";
import { anotherPhone, freshPhone, registerByApi, sessionOf, signedIn } from "./api";

const TEAM = "暖心帮扶志愿服务队";

test("an order goes from the menu through review and dispatch to a volunteer, and its resident rates it", async ({ page, browser, station }) => {
  const phone = freshPhone();
  const resident = await registerByApi(station, "钱阿姨", phone);
  await signedIn(page, resident);
  await page.goto(station.baseURL + "/wishes");
  await page.getByRole("link", { name: "点单服务" }).click();
  await expect(page).toHaveURL(station.baseURL + "/services");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("点单服务");
  const site = page.getByTestId("menu-site").filter({ has: page.getByRole("heading", { name: "幸福社区新时代文明实践站" }) });
  await expect(site.getByTestId("service")).toHaveCount(6);
  await expectAccessible(page);
  await site.getByRole("link", { name: "点单：上门理发" }).click();
  await expect(page).toHaveURL(/\/orders\/new\?service=\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("点单");
  await expect(page.getByLabel("服务项目")).toHaveValue(/\d+/);
  await expect(page.getByLabel("服务项目").locator("option:checked")).toHaveText("上门理发（幸福社区新时代文明实践站）");
  await expect(page.getByLabel("联系电话")).toHaveValue(phone);
  await expectAccessible(page);
  // Missing fields are named by the form; what was typed stays.
  await page.getByLabel("备注").fill("老伴腿脚不便，理发要上门。");
  await page.getByRole("button", { name: "提交点单" }).click();
  await expect(page.locator("[data-field='preferred_time'] .field__error")).not.toBeEmpty();
  await expect(page.locator("[data-field='address'] .field__error")).not.toBeEmpty();
  await expect(page.getByLabel("备注")).toHaveValue("老伴腿脚不便，理发要上门。");
  await page.getByLabel("希望的时间").fill("本周六上午");
  const address = `幸福小区 ${Date.now() % 1000} 号楼 1 单元 201`;
  await page.getByLabel("地址").fill(address);
  await page.getByRole("button", { name: "提交点单" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByTestId("flash")).toHaveText("已提交：站里审核后会派志愿者上门。");
  await expect(page.getByTestId("order-status")).toHaveText("待审核");
  await expect(page.getByTestId("order-next")).toHaveText("等待工作人员审核");
  // The address goes to staff and to the volunteer who takes it: not even echoed back.
  await expect(page.getByTestId("order-time")).toHaveText("本周六上午");
  await expect(page.getByTestId("order-address")).toHaveCount(0);
  await expectAccessible(page);
  const orderUrl = page.url();

  // Nobody but its parties and staff reads it.
  const stranger = await anotherPhone(browser);
  await signedIn(stranger.page, await registerByApi(station, "路过的人"));
  await stranger.page.goto(orderUrl);
  await expect(stranger.page.getByRole("heading", { level: 1 })).toHaveText("点单");
  await expect(stranger.page.getByTestId("error-state")).toBeVisible();
  await expect(stranger.page.getByRole("main")).not.toContainText(address);
  await expect(stranger.page.getByRole("main")).not.toContainText(phone);
  await expect(stranger.page.getByTestId("order-status")).toHaveCount(0);

  // Staff of the station approve it from their queue and send it to a team.
  const staff = await anotherPhone(browser);
  await signedIn(staff.page, await sessionOf(station, "13900000004", "demo1234"));
  await staff.page.goto(station.baseURL + "/staff/console");
  await staff.page.getByTestId("orders-link").click();
  await expect(staff.page).toHaveURL(station.baseURL + "/staff/orders");
  await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText("点单派单");
  const card = staff.page.getByTestId("order-card").filter({ hasText: "钱阿姨" });
  await expect(card).toContainText("请审核这个点单");
  await expectAccessible(staff.page);
  await card.getByRole("link", { name: "上门理发" }).click();
  await expect(staff.page).toHaveURL(orderUrl);
  await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText("上门理发");
  await expect(staff.page.getByTestId("order-requester")).toHaveText("钱阿姨");
  await expect(staff.page.getByTestId("order-address")).toHaveText(address);
  await expect(staff.page.getByTestId("order-phone")).toHaveText(phone);
  await expectAccessible(staff.page);
  await staff.page.getByRole("button", { name: "通过", exact: true }).click();
  await expect(staff.page.getByTestId("order-done")).toHaveText("已通过，可以派单了。");
  await expect(staff.page.getByTestId("order-status")).toHaveText("待派单");
  await staff.page.getByLabel("队伍").selectOption({ label: TEAM });
  await staff.page.getByRole("button", { name: "派单", exact: true }).click();
  await expect(staff.page.getByTestId("order-done")).toHaveText("已派单，队伍成员会收到通知。");
  await expect(staff.page.getByTestId("order-status")).toHaveText("已派单");
  await expect(staff.page.getByTestId("order-team")).toHaveText(TEAM);

  // Two members of the team see it among their tasks; the first to accept wins.
  const leader = await anotherPhone(browser);
  const member = await anotherPhone(browser);
  await signedIn(leader.page, await sessionOf(station, "13900000003", "demo1234"));
  await signedIn(member.page, await sessionOf(station, "13900000001", "demo1234"));
  await leader.page.goto(station.baseURL + "/me/orders");
  const task = leader.page.getByTestId("my-tasks").getByTestId("order-card").filter({ hasText: "本周六上午" });
  await expect(task).toContainText("你的队伍收到了这个单，可以接单");
  await expectAccessible(leader.page);
  await member.page.goto(orderUrl);
  await expect(member.page.getByRole("button", { name: "接单" })).toBeVisible();
  // Before accepting, a member reads no address.
  await expect(member.page.getByRole("main")).not.toContainText(address);
  await task.getByRole("link", { name: "上门理发" }).click();
  await expect(leader.page).toHaveURL(orderUrl);
  await leader.page.getByRole("button", { name: "接单" }).click();
  await expect(leader.page.getByTestId("order-done")).toHaveText("你接了这个单，请按约上门。");
  await expect(leader.page.getByTestId("order-status")).toHaveText("已接单");
  await expect(leader.page.getByTestId("order-address")).toHaveText(address);
  await expect(leader.page.getByTestId("order-phone")).toHaveText(phone);
  await expectAccessible(leader.page);
  await member.page.getByRole("button", { name: "接单" }).click();
  await expect(member.page.getByTestId("form-problem")).toHaveText("这个单已经被别人接了。");
  // The order as they last read it stays, with no step offered any more.
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText("上门理发");
  await expect(member.page.getByTestId("order-steps")).toHaveCount(0);
  await expect(member.page.getByRole("button", { name: "接单" })).toHaveCount(0);
  await expect(member.page.getByRole("main")).not.toContainText(address);

  await leader.page.getByRole("button", { name: "服务已完成" }).click();
  await expect(leader.page.getByTestId("order-done")).toHaveText("已完成，居民会收到评价的提醒。");
  await expect(leader.page.getByTestId("order-status")).toHaveText("已完成");

  // The resident rates it.
  await page.goto(station.baseURL + "/me");
  await page.getByTestId("my-orders-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的点单");
  const mine = page.getByTestId("my-orders").getByTestId("order-card").filter({ hasText: "本周六上午" });
  await expect(mine).toContainText("服务完成了，请评价");
  await mine.getByRole("link", { name: "上门理发" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("上门理发");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByText("请选择几颗星")).toBeVisible();
  await page.getByLabel("5 星").check();
  await page.getByLabel("想说的话（可不填）").fill("理得很精神，谢谢孙师傅！");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByTestId("order-done")).toHaveText("谢谢您的评价！");
  await expect(page.getByTestId("order-status")).toHaveText("已评价");
  await expect(page.getByTestId("order-rating")).toHaveText("5 星");
  const steps = page.getByTestId("timeline-step");
  await expect(steps).toHaveCount(6);
  await expect(steps.nth(0)).toContainText("钱阿姨 下了单");
  await expect(steps.nth(3)).toContainText("孙建国 接了单");
  await expect(steps.nth(5)).toContainText("理得很精神，谢谢孙师傅！");
  await expectAccessible(page);
  // The team was told it was sent to them, with the way to it.
  await leader.page.goto(station.baseURL + "/me/notices");
  const told = leader.page.getByTestId("notice").filter({ hasText: "有一单「上门理发」派给了您的服务队" }).first();
  await expect(told.getByRole("link", { name: "查看点单" })).toHaveAttribute("href", new URL(orderUrl).pathname);
  for (const context of [stranger.context, staff.context, leader.context, member.context]) await context.close();
});

test("staff order for a resident without a phone, open at once, and keep the menu", async ({ page, station }) => {
  await signedIn(page, await sessionOf(station, "13900000004", "demo1234"));
  // A new item on the menu, then ordered for a resident.
  await page.goto(station.baseURL + "/staff/services");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("服务清单");
  const name = `磨刀${Date.now() % 10000}`;
  await page.getByRole("button", { name: "添加" }).click();
  await expect(page.locator("[data-field='name'] .field__error")).not.toBeEmpty();
  await page.getByLabel("服务名称").fill(name);
  await page.getByLabel("服务说明").fill("菜刀、剪刀上门磨。");
  await page.getByRole("button", { name: "添加" }).click();
  await expect(page.getByTestId("added")).toHaveText(`已添加：${name}`);
  const kept = page.getByTestId("kept-service").filter({ hasText: name });
  await expect(kept).toContainText("在清单上");
  await expectAccessible(page);

  await page.goto(station.baseURL + "/services");
  await page.getByRole("link", { name: `点单：${name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("点单");
  await page.getByLabel("希望的时间").fill("下周一下午");
  await page.getByLabel("地址").fill("幸福小区 9 号楼 1 单元 101");
  await page.getByLabel("联系电话").fill("0571-88886666");
  await page.getByLabel("代谁点单").fill("郑奶奶（独居，没有手机）");
  await page.getByRole("button", { name: "提交点单" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByTestId("flash")).toHaveText("已代居民点单，可以派单了。");
  await expect(page.getByTestId("order-status")).toHaveText("待派单");
  await expect(page.getByTestId("order-behalf")).toHaveText("郑奶奶（独居，没有手机）");
  await expect(page.getByTestId("timeline-step").first()).toContainText("（工作人员代办）");
  await expectAccessible(page);

  // Staff cancel it with a reason (asked for first); the reason is kept on the order.
  await page.getByRole("button", { name: "取消点单" }).click();
  await page.getByRole("button", { name: "确定取消" }).click();
  await expect(page.locator("#field-cancel-reason-error")).not.toBeEmpty();
  await expect(page.getByTestId("order-status")).toHaveText("待派单");
  await page.getByLabel("取消的原因").fill("郑奶奶的女儿回来了，自己磨");
  await page.getByRole("button", { name: "确定取消" }).click();
  await expect(page.getByTestId("order-done")).toHaveText("点单已取消。");
  await expect(page.getByTestId("order-status")).toHaveText("已取消");
  await expect(page.getByTestId("order-reason")).toHaveText("郑奶奶的女儿回来了，自己磨");
  await expect(page.getByRole("button", { name: "取消点单" })).toHaveCount(0);

  // Taken off the menu, it can no longer be ordered; its order stays.
  const orderUrl = page.url();
  await page.goto(station.baseURL + "/staff/services");
  await page.getByTestId("kept-service").filter({ hasText: name }).getByRole("button", { name: "下架" }).click();
  await expect(page.getByTestId("kept-service").filter({ hasText: name })).toContainText("已下架");
  await page.goto(station.baseURL + "/services");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("点单服务");
  await expect(page.getByTestId("service").first()).toBeVisible();
  await expect(page.getByRole("link", { name: `点单：${name}` })).toHaveCount(0);
  await page.goto(orderUrl);
  await expect(page.getByTestId("order-status")).toHaveText("已取消");
});
