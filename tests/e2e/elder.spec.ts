// 长辈版 (elder mode): offered inline on the first visit, switched in the header and on 我的,
// kept on the device; larger text and targets, simpler cards, nothing wider than the phone.
import { test, expect, expectAccessible, type Page } from "./station";

test.use({ viewport: { width: 320, height: 640 } });

/** Visible controls smaller than `min` px either way (links inside a sentence excepted). */
async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>("a[href], button, select, input, [role=button]")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || element.closest("p, .visually-hidden, .skip-link")) continue;
      if (box.width < min || box.height < min) {
        found.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return found;
  }, min);
}

/** The computed font size (px) of the first element matching `selector`. */
async function fontSize(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
}

async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

test("a first visit offers 长辈版 inline; turned on it makes text and targets larger and stays on", async ({ page, station }) => {
  await page.goto(`${station.baseURL}/`);
  const offer = page.getByTestId("elder-offer");
  await expect(offer).toBeVisible();
  // Inline in the page, not a dialog over it.
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  expect(await smallTargets(page, 44), "every target at least 44 × 44 in the normal mode").toEqual([]);
  const normalText = await fontSize(page, ".page__lead");

  await offer.getByRole("button", { name: "开启长辈版" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-mode", "elder");
  await expect(offer).toHaveCount(0);
  const header = page.getByTestId("elder-toggle").first();
  await expect(header).toHaveAttribute("aria-pressed", "true");

  // Text of at least 18 px, larger than before; main targets 60 px, all at least 44.
  const elderText = await fontSize(page, ".page__lead");
  expect(elderText).toBeGreaterThanOrEqual(18);
  expect(elderText).toBeGreaterThan(normalText);
  expect(await fontSize(page, ".activity-card__title")).toBeGreaterThanOrEqual(22);
  expect(await smallTargets(page, 44), "every target at least 44 × 44 in elder mode").toEqual([]);
  for (const main of [page.locator(".bottom-nav__link").first(), page.getByTestId("elder-toggle").first()]) {
    const box = (await main.boundingBox())!;
    expect(box.height, "a main target is 60 px tall").toBeGreaterThanOrEqual(60);
  }
  // A simpler card: what, when, where, places left; the category and team wait on its page.
  await expect(page.getByTestId("activity-card").first().locator(".category-tag")).toBeHidden();
  expect(await overflowsSideways(page), "nothing wider than a 320 px phone").toBe(false);
  await expectAccessible(page);

  // Kept on this device, from the first paint of the next page.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-mode", "elder");
  await expect(page.getByTestId("elder-offer")).toHaveCount(0);

  // 我的 has the switch too, in step with the header's: off again, for every page.
  await page.goto(`${station.baseURL}/me`);
  const mine = page.locator("section[aria-labelledby=me-display]").getByTestId("elder-toggle");
  await expect(mine).toHaveAttribute("aria-pressed", "true");
  expect(await overflowsSideways(page)).toBe(false);
  await expectAccessible(page);
  await mine.click();
  await expect(page.locator("html")).not.toHaveAttribute("data-mode", "elder");
  await expect(page.getByTestId("elder-toggle").first()).toHaveAttribute("aria-pressed", "false");
  await page.goto(`${station.baseURL}/`);
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  await expect(page.locator("html")).not.toHaveAttribute("data-mode", "elder");
  // Chosen either way: not offered again.
  await expect(page.getByTestId("elder-offer")).toHaveCount(0);
});

test("declining the offer keeps the normal mode and does not ask again", async ({ page, station }) => {
  await page.goto(`${station.baseURL}/`);
  await page.getByTestId("elder-offer").getByRole("button", { name: "不用了" }).click();
  await expect(page.getByTestId("elder-offer")).toHaveCount(0);
  await expect(page.locator("html")).not.toHaveAttribute("data-mode", "elder");
  await page.reload();
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  await expect(page.getByTestId("elder-offer")).toHaveCount(0);
});

test("on a desktop the navigation stands beside the content, which uses the width", async ({ page, station }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${station.baseURL}/`);
  const card = page.getByTestId("activity-card").first();
  await expect(card).toBeVisible();
  const nav = await page.getByRole("navigation", { name: "主导航" }).boundingBox();
  const main = await page.locator("#main .page").first().boundingBox();
  expect(nav && main, "the navigation and the page are drawn").toBeTruthy();
  // A column down the left, its tabs one under another …
  expect(nav!.x).toBe(0);
  expect(nav!.height).toBeGreaterThan(400);
  expect(nav!.width).toBeLessThan(300);
  const tabs = page.getByRole("navigation", { name: "主导航" }).getByRole("link");
  const first = (await tabs.nth(0).boundingBox())!;
  const second = (await tabs.nth(1).boundingBox())!;
  expect(second.y).toBeGreaterThan(first.y + first.height - 1);
  // … and the page beside it, wider than a phone's column.
  expect(main!.x).toBeGreaterThanOrEqual(nav!.x + nav!.width);
  expect(main!.width).toBeGreaterThan(800);
  expect(await overflowsSideways(page)).toBe(false);
  await expectAccessible(page);
});

test("on a phone the header scrolls away with the page; on a tablet it stays", async ({ page, station }) => {
  await page.goto(`${station.baseURL}/`);
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  await page.mouse.wheel(0, 600);
  await expect.poll(async () => (await page.locator(".app-header").boundingBox())!.y).toBeLessThan(-10);
  await page.setViewportSize({ width: 800, height: 1000 });
  await page.evaluate(() => window.scrollTo(0, 600));
  await expect.poll(async () => (await page.locator(".app-header").boundingBox())!.y).toBe(0);
});
