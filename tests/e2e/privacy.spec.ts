// 个人信息: a resident downloads everything the station keeps about them, then deletes the
// account; the records keep what they did, without their name.
import { readFileSync } from "node:fs";
import { test, expect, expectAccessible } from "./station";
import { PRIVACY_NOTICE, freshPhone, registerByApi, signInByApi, signedIn } from "./api";

test("a resident downloads their data from 我的, then deletes the account with its password", async ({ page, station }) => {
  const phone = freshPhone();
  const resident = await registerByApi(station, "钱阿姨", phone);
  await signedIn(page, resident);
  await page.goto(`${station.baseURL}/me`);
  await page.getByTestId("privacy-link").click();
  await expect(page).toHaveURL(`${station.baseURL}/me/privacy`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("个人信息");
  await expect(page.getByTestId("privacy-notice")).toContainText("138****1234");
  await expectAccessible(page);

  // The file holds the account as stored, the phone whole, and the notice agreed to.
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export").click();
  const file = await downloading;
  expect(await file.failure()).toBeNull();
  expect(file.suggestedFilename()).toBe("my-data.json");
  const data = JSON.parse(readFileSync(await file.path(), "utf8"));
  expect(data.account.display_name).toBe("钱阿姨");
  expect(data.account.phone).toBe(phone);
  expect(data.account.privacy_notice).toBe(PRIVACY_NOTICE);
  await expect(page.getByTestId("exported")).toHaveText("已下载你的数据");

  // Deleting asks for the password first, then to confirm; a wrong one is said next to it.
  const section = page.getByTestId("delete-account");
  const password = section.getByLabel("你的密码", { exact: true });
  await section.getByRole("button", { name: "注销我的账号" }).click();
  await expect(section.locator("[data-field='password'] .field__error")).toHaveText("请填写你的密码");
  await password.fill("not-my-password");
  await section.getByRole("button", { name: "注销我的账号" }).click();
  await expect(page.getByTestId("confirm-delete-account")).toBeFocused();
  await page.getByTestId("confirm-delete-account").click();
  await expect(section.locator("[data-field='password'] .field__error")).toHaveText("密码不正确");
  await expect(password).toHaveValue("not-my-password");
  await expectAccessible(page);

  // Changed one's mind: nothing happens.
  await password.fill("bright-river-7");
  await section.getByRole("button", { name: "注销我的账号" }).click();
  await section.getByRole("button", { name: "不注销，返回" }).click();
  expect((await fetch(`${station.baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${resident.token}` } })).status).toBe(200);

  await section.getByRole("button", { name: "注销我的账号" }).click();
  await page.getByTestId("confirm-delete-account").click();
  await expect(page).toHaveURL(`${station.baseURL}/me`);
  await expect(page.getByTestId("flash")).toHaveText("你的账号已注销。感谢你参加志愿服务！");
  await expect(page.getByTestId("me-signed-out")).toBeVisible();
  // Gone on the server too: the token and the password no longer work.
  expect((await fetch(`${station.baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${resident.token}` } })).status).toBe(401);
  expect((await signInByApi(station, phone, "bright-river-7")).status).toBe(401);
});
