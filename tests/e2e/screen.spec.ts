// The display screen: full screen at 1920 × 1080 and 3840 × 2160, every panel with the demo's
// data (activities with places left, 好人榜 with photos, open wishes masked, the figures with
// six months of bars, a QR code that decodes to the station's address), rotating by itself;
// nothing personal in its DOM; the server stopped and started again under it, and it recovers
// without a reload. Staff find its link and see it among the screens that asked.
import jsQR from "jsqr";
import { PNG } from "pngjs";
import type { Page } from "@playwright/test";
import { test, expect, expectAccessible, Station } from "./station";
import { sessionOf, signedIn } from "./api";

type SiteNode = { id: number; name: string; children: SiteNode[] };

async function rootSite(station: Station): Promise<number> {
  const tree = await station.json<{ items: SiteNode[] }>("/api/v1/sites");
  return tree.items[0].id;
}

/** Nothing personal: no mobile number, and no beneficiary's full name as staff read it. */
async function expectNothingPersonal(page: Page, station: Station): Promise<void> {
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/1[3-9]\d{9}/);
  const staff = await sessionOf(station, "13900000006", "demo1234");
  const wishes = (await (
    await fetch(`${station.baseURL}/api/v1/staff/wishes?limit=200`, { headers: { Authorization: `Bearer ${staff.token}` } })
  ).json()) as { items: { beneficiary_name?: string }[] };
  const names = wishes.items.map((wish) => wish.beneficiary_name).filter((name): name is string => !!name && name.length > 1);
  expect(names.length, "the demo wishes' full names, to look for").toBeGreaterThan(0);
  for (const name of names) expect(text).not.toContain(name);
}

for (const [width, height] of [
  [1920, 1080],
  [3840, 2160],
]) {
  test(`at ${width} × ${height} every panel shows the demo's data, and nothing personal`, async ({ page, station }) => {
    // Five page loads and four axe runs of a 4K page: on a busy two-core machine that took more
    // than the default minute (a clean-clone run timed out at the last panel).
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height });
    const site = await rootSite(station);
    const open = async (panel: string) => {
      await page.goto(`${station.baseURL}/screen/${site}?panels=${panel}`);
      await expect(page.locator(".screen__panel")).toHaveAttribute("data-panel", panel);
      // All of it on the screen: nothing scrolls, nothing is cut.
      const overflow = await page.getByTestId("screen").evaluate((node) => node.scrollHeight - node.clientHeight);
      expect(overflow, panel).toBeLessThanOrEqual(0);
      const panelOverflow = await page.locator(".screen__panel").evaluate((node) => node.scrollHeight - node.clientHeight);
      expect(panelOverflow, panel).toBeLessThanOrEqual(0);
    };
    await open("activities");
    await expect(page.getByTestId("screen-activity").first()).toBeVisible();
    await expect(page.getByTestId("screen-activities")).toContainText(/还有 \d+ 个名额|已满/);
    await expect(page.getByTestId("screen-clock")).toContainText(/\d{2}:\d{2}/);
    // No app chrome: neither the header nor the bottom navigation.
    await expect(page.locator(".app-header")).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "主导航" })).toHaveCount(0);
    // Readable from three metres: the title is a share of the screen's height.
    const titleSize = await page.locator(".screen__title").evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
    expect(titleSize).toBeGreaterThanOrEqual(height * 0.05);
    expect(titleSize).toBeLessThanOrEqual(height * 0.06);
    await expectAccessible(page);
    await expectNothingPersonal(page, station);

    await open("honors");
    await expect(page.getByTestId("screen-honor").first()).toBeVisible();
    await expect(page.getByTestId("screen-honor").first().locator("img")).toBeVisible();
    await expectAccessible(page);

    await open("wishes");
    await expect(page.getByTestId("screen-wish").first()).toContainText("**");
    await expectAccessible(page);
    await expectNothingPersonal(page, station);

    await open("figures");
    await expect(page.getByTestId("screen-figure")).toHaveCount(5);
    await expect(page.getByTestId("screen-bar")).toHaveCount(6);
    await expectAccessible(page);

    await open("qr");
    const qr = page.getByTestId("qr");
    await expect(qr).toBeVisible();
    const png = PNG.sync.read(await qr.screenshot({ animations: "disabled" }));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(`${station.baseURL}/`);
    await expectAccessible(page);
  });
}

test("the screen rotates by itself, keeps its data through an outage and recovers without a reload", async ({ page, station }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const site = await rootSite(station);
  await page.goto(`${station.baseURL}/screen/${site}?seconds=1&refresh=1&screen=${encodeURIComponent("大厅")}`);
  const panel = page.locator(".screen__panel");
  await expect(panel).toHaveAttribute("data-panel", "activities");
  await expect(panel).not.toHaveAttribute("data-panel", "activities");
  // The page is never loaded again: a mark left on it stays.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

  await station.stop();
  await expect(page.getByTestId("screen-stale")).toContainText(/更新于 \d{2}:\d{2}/, { timeout: 20_000 });
  await expect(panel).toHaveAttribute("data-panel", /\w+/);
  await expect(page.getByTestId("screen-waiting")).toHaveCount(0);
  await station.start();
  // Tried again with a growing pause (5 s, 10 s …): back within the next tries.
  await expect(page.getByTestId("screen-stale")).toBeEmpty({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  // Staff see it among the screens that asked, with its name, and find the link to it.
  const staff = await sessionOf(station, "13900000006", "demo1234");
  await signedIn(page, staff);
  await page.goto(`${station.baseURL}/staff/console`);
  await page.getByTestId("screens-link").click();
  await expect(page).toHaveURL(`${station.baseURL}/staff/screens`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("大屏");
  await expect(page.getByTestId("screen-seen").filter({ hasText: "大厅" })).toContainText("在线");
  await expect(page.getByTestId("screen-address").first()).toHaveValue(new RegExp(`^${station.baseURL}/screen/\\d+$`));
  // The preview: the screen itself in a frame, scaled down to the page's width.
  await page.getByTestId("screen-link").first().getByRole("button", { name: "预览" }).click();
  const frame = page.getByTestId("screen-preview").locator("iframe");
  await expect(page.frameLocator("[data-testid=screen-preview] iframe").locator(".screen__panel")).toHaveAttribute("data-panel", /\w+/);
  const outer = (await page.getByTestId("screen-preview").boundingBox())!;
  await expect.poll(async () => Math.round((await frame.boundingBox())!.width)).toBe(Math.round(outer.width));
  await expectAccessible(page);
  await page.getByRole("button", { name: "收起预览" }).click();
  await expect(page.getByTestId("screen-preview")).toHaveCount(0);
});


test("a new version of the app on the server is taken between two panels, the data shown at once", async ({ page, station }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const site = await rootSite(station);
  // Five-second panels, a check after each one-second refresh: the news comes long before the
  // first panel's time is up.
  const address = `${station.baseURL}/screen/${site}?seconds=5&refresh=1`;
  // How long the panel shown had been on the screen when the page went.
  await page.addInitScript(() => {
    let shown: string | null = null;
    let since = 0;
    new MutationObserver(() => {
      const now = document.querySelector(".screen__panel")?.getAttribute("data-panel") ?? null;
      if (now !== shown) [shown, since] = [now, performance.now()];
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-panel"] });
    addEventListener("pagehide", () => sessionStorage.setItem("panel-age", String(performance.now() - since)));
  });
  // The server's entry page as a deploy changes it: another build's files. Served to the
  // screen's own check (a fetch) once; the reload that follows gets the real page.
  let served = 0;
  await page.route(`${station.baseURL}/screen/${site}`, async (route) => {
    if (route.request().resourceType() !== "fetch" || served > 0) return route.continue();
    const answer = await route.fetch();
    const html = await answer.text();
    const another = html.replace(/-([0-9a-f]{8,64})(_bg)?\.(js|wasm)/g, "-00000000$2.$3");
    expect(another, "the entry page names its hashed script").not.toBe(html);
    served += 1;
    await route.fulfill({ response: answer, body: another });
  });
  await page.goto(address);
  const panel = page.locator(".screen__panel");
  await expect(panel).toHaveAttribute("data-panel", /\w+/);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  // The page loads again: the mark is gone, and the data is there at once (kept on the device).
  // Asked while the page is going, the question has no page to run in: asked again (that was
  // CI41's failure, "Execution context was destroyed").
  const stayed = () =>
    page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed ?? false).catch(() => true);
  await expect.poll(stayed, { timeout: 20_000 }).toBe(false);
  expect(served).toBe(1);
  await expect(panel).toHaveAttribute("data-panel", /\w+/);
  await expect(page.getByTestId("screen-waiting")).toHaveCount(0);
  // Not at once on the news (a second or two after the first panel came) but as a panel had
  // just come: between two panels.
  const stored = await page.evaluate(() => sessionStorage.getItem("panel-age"));
  expect(stored, "the page said how long its panel had been shown").not.toBeNull();
  const age = Number(stored);
  expect(age).toBeLessThan(500);
});

test.describe("with the service worker", () => {
  test.use({ serviceWorkers: "allow" });

  test("a screen that starts again without a network shows its last data, not a blank page", async ({ page, context, station }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const site = await rootSite(station);
    await page.goto(`${station.baseURL}/screen/${site}?panels=activities`);
    await expect(page.getByTestId("screen-activity").first()).toBeVisible();
    const titles = await page.getByTestId("screen-activity").allInnerTexts();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);

    // The PC restarts while the network is down: the browser opens the same address again.
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator(".screen__panel")).toHaveAttribute("data-panel", "activities");
    expect(await page.getByTestId("screen-activity").allInnerTexts()).toEqual(titles);
    await expect(page.getByTestId("screen-stale")).toContainText(/更新于 \d{2}:\d{2}/, { timeout: 20_000 });
    await context.setOffline(false);
    await expect(page.getByTestId("screen-stale")).toBeEmpty({ timeout: 30_000 });
  });
});

test("a screen address with no such site says so instead of waiting forever, and names no panel", async ({ page, station }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  for (const site of ["999999", "abc"]) {
    await page.goto(`${station.baseURL}/screen/${site}`);
    await expect(page.getByTestId("screen-waiting")).toHaveText("没有这个站点，请检查大屏的网址。");
    await expect(page.locator(".screen__panel")).not.toHaveAttribute("data-panel", /./);
  }
});
