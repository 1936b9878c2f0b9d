// Languages: the first visit follows the browser's language, the switch in the header changes
// it (the page loads again in it) and the choice is kept on the device; `<html lang>` follows.
// Data (titles, places) stays as entered.
import { readFileSync } from "node:fs";
import { test, expect, expectAccessible } from "./station";

const en = JSON.parse(readFileSync("locales/en.json", "utf8"));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test.use({ locale: "en-US" });

test("a visitor whose browser speaks English reads the calendar in English, then chooses 繁體中文 and keeps it", async ({ page, station }) => {
  await page.goto(`${station.baseURL}/`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const nav = page.getByRole("navigation", { name: "Main menu" });
  await expect(nav.getByRole("link", { name: "Calendar" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Me" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Activity calendar");
  // An activity's places in English, with the plural right.
  const places = page.getByTestId("activity-card").first().locator(".activity-card__places");
  const states = ["full", "closed", "cancelled", "finished", "under_way"].map((key) => escape(en.activity[key]));
  await expect(places).toHaveText(new RegExp(`^(1 place left|([02-9]|\\d\\d+) places left|${states.join("|")})$`));
  await expectAccessible(page);

  // The switch in the header names the current language; opened, it names every language in
  // itself, each a button pressed on purpose (nothing changes while one looks through them).
  const language = page.getByTestId("language-switch").first();
  await expect(language.locator("summary")).toHaveAccessibleName("Language 语言 English");
  await expect(language.locator("summary [lang]")).toHaveText("English");
  await language.locator("summary").click();
  const choices = language.getByRole("group", { name: "Language 语言" }).getByRole("button");
  await expect(choices).toHaveText(["简体中文", "繁體中文", "English"]);
  await expect(choices.nth(2)).toHaveAttribute("aria-current", "true");
  await expectAccessible(page);
  // Escape folds it away; nothing was chosen.
  await page.keyboard.press("Escape");
  await expect(choices.first()).toBeHidden();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await language.locator("summary").click();
  await choices.nth(1).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-TW");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("活動日曆");
  await expect(page.getByRole("navigation", { name: "主選單" }).getByRole("link", { name: "我的" })).toBeVisible();

  // Kept on this device: another area, and a reload, in the same language.
  await page.getByRole("navigation", { name: "主選單" }).getByRole("link", { name: "我的" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/me`);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-TW");
  // On 我的 the choices stand in a row, the current one marked.
  const onMe = page.getByRole("main").getByTestId("language-switch");
  await expect(onMe.getByRole("button", { name: "繁體中文" })).toHaveAttribute("aria-current", "true");
  await expect(onMe.getByRole("button", { name: "English" })).not.toHaveAttribute("aria-current", "true");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-TW");
  // Checked once the page is drawn, not while the shell still stands in for it.
  await expect(onMe.getByRole("button", { name: "繁體中文" })).toHaveAttribute("aria-current", "true");
  await expectAccessible(page);

  // And back to Simplified Chinese, which every bundle carries.
  await onMe.getByRole("button", { name: "简体中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的" })).toBeVisible();
});

test("a language file that cannot be had leaves the page in 简体中文, working", async ({ page, station }) => {
  await page.route("**/locales/en.json", (route) => route.fulfill({ status: 503, body: "down" }));
  await page.goto(`${station.baseURL}/`);
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("活动日历");
});
