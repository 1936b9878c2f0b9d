// 分享: from an activity to its share page — the link to copy, a QR code that decodes (read from
// the drawn pixels, not from an attribute) to the activity's address, and an A4 poster that the
// print stylesheet puts alone on one page, printed to PDF.
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { test, expect, expectAccessible } from "./station";

type Activity = { id: number; title: string; place: string; site: { name: string } };
type Page<T> = { items: T[] };

test("an activity's share page gives its link and a QR code of it, and prints an A4 poster on one page", async ({ page, station }) => {
  const all = await station.json<Page<Activity>>("/api/v1/activities?limit=50");
  const activity = all.items[0];
  const address = `${station.baseURL}/activities/${activity.id}`;
  await page.goto(address);
  await page.getByRole("link", { name: "分享 · 二维码 · 海报" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/share/activities/${activity.id}`);
  await expect(page.getByRole("heading", { name: "分享活动" })).toBeVisible();
  await expect(page.getByTestId("share-link")).toHaveValue(address);

  const poster = page.getByTestId("poster");
  await expect(poster.getByRole("heading", { name: activity.title })).toBeVisible();
  await expect(poster).toContainText(activity.place);
  await expect(poster).toContainText(activity.site.name);
  // The QR code, read from its pixels.
  const qr = poster.getByTestId("qr");
  await expect(qr).toBeVisible();
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(address);
  await expectAccessible(page);

  // Printed: the poster alone (no header, navigation or buttons), on exactly one A4 page.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".app-header")).toBeHidden();
  await expect(page.locator(".bottom-nav")).toBeHidden();
  await expect(page.getByTestId("print")).toBeHidden();
  await expect(poster).toBeVisible();
  const qrBox = await qr.boundingBox();
  // 80 mm at 96 px per inch: big enough to scan from a step away.
  expect(qrBox!.width).toBeGreaterThan(280);
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBe(1);
  // An A4 media box: 595 × 842 points (210 × 297 mm).
  const box = pdf.toString("latin1").match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  expect(Math.abs(Number(box![1]) - 595.3)).toBeLessThan(1);
  expect(Math.abs(Number(box![2]) - 841.9)).toBeLessThan(1);
});

test("a share page of an activity that does not exist says so", async ({ page, station }) => {
  await page.goto(`${station.baseURL}/share/activities/987654`);
  await expect(page.getByTestId("error-state")).toBeVisible();
  await expect(page.getByTestId("poster")).toHaveCount(0);
});

test("the share page of a cancelled activity says so, on the screen and on the poster", async ({ page, station }) => {
  const all = await station.json<{ items: (Activity & { status: string })[] }>("/api/v1/activities?limit=200");
  const cancelled = all.items.find((a) => a.status === "cancelled");
  test.skip(!cancelled, "the demo has no cancelled activity in the coming 30 days");
  await page.goto(`${station.baseURL}/share/activities/${cancelled!.id}`);
  await expect(page.getByRole("note")).toHaveText("已取消");
  await expect(page.getByTestId("poster")).toContainText("已取消");
});
