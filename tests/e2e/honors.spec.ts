// 好人榜: a resident nominates a neighbour with a photo (a fake image is refused by name while
// the story stays typed), staff record the nominee's consent and publish, the board shows it,
// and likes count at once and stay counted. The photo served has no EXIF or GPS, read from its
// bytes; the story's share page gives a QR code that decodes to the story.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { test, expect, expectAccessible } from "./station";
import { anotherPhone, freshPhone, registerByApi, sessionOf, signedIn } from "./api";

type PhotoRef = { id: number; width: number; height: number; thumb_url: string; large_url: string };
type Nomination = { id: number; nominee_name: string; status: string; photos: PhotoRef[] };
type Honor = { id: number; nominee_name: string; like_count: number; on_posters: boolean };

const phonePhoto = readFileSync(join(__dirname, "fixtures", "phone-photo.jpg"));

function contains(haystack: Buffer, needle: string): boolean {
  return haystack.includes(Buffer.from(needle, "latin1"));
}

test("a nomination with a photo goes from the form through staff's consent onto the board, and is liked", async ({ page, browser, station }) => {
  const phone = freshPhone();
  const resident = await registerByApi(station, "周小梅", phone);
  await signedIn(page, resident);
  await page.goto(station.baseURL + "/");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "好人榜" }).click();
  await expect(page).toHaveURL(station.baseURL + "/honors");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("身边好人榜");
  await expect(page.getByTestId("honor-card").first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "推荐身边好人" }).click();
  await expect(page).toHaveURL(station.baseURL + "/me/nominations/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("推荐身边好人");
  const name = `王师傅${Date.now() % 100000}`;
  const story = "王师傅每天清早把楼道扫得干干净净，还帮独居的李奶奶把煤气罐扛上五楼。";
  await page.getByLabel("被推荐人的称呼").fill(name);
  await page.getByLabel("类别").selectOption("bravery");
  await page.getByLabel("事迹").fill(story);
  // How staff can reach the nominator: their own number, to keep or change.
  await expect(page.getByLabel("你的联系方式")).toHaveValue(phone);
  await expectAccessible(page);

  // A PDF named like a photo: refused by what its bytes are, and nothing typed is lost.
  const input = page.getByTestId("photo-input");
  await input.setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n") });
  await expect(page.getByTestId("photo-refused")).toHaveText("「photo.jpg」不是照片：只能上传 JPEG、PNG 或 WebP 图片");
  await expect(page.getByLabel("事迹")).toHaveValue(story);
  await expect(page.getByLabel("被推荐人的称呼")).toHaveValue(name);
  // Kept in the tab while unsent: a page loaded again (signing in again on the way, say) has it.
  await page.reload();
  await expect(page.getByLabel("事迹")).toHaveValue(story);
  await expect(page.getByLabel("被推荐人的称呼")).toHaveValue(name);
  await expect(page.getByLabel("类别")).toHaveValue("bravery");

  // A phone's photo: its progress shown while it goes up (the answer held back here), then
  // shown from what the server made of it.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let passed!: () => void;
  const sent = new Promise<void>((resolve) => (passed = resolve));
  await page.route("**/api/v1/photos", async (route) => {
    await held;
    await route.continue();
    passed();
  });
  await input.setInputFiles({ name: "wang.jpg", mimeType: "image/jpeg", buffer: phonePhoto });
  const progress = page.getByTestId("photo-upload").locator("progress");
  await expect(progress).toBeVisible();
  expect(Number(await progress.getAttribute("value"))).toBeLessThanOrEqual(100);
  await expect(page.getByTestId("photo-upload")).toContainText(/正在上传照片 \d+%/);
  release();
  // Sent on before the route goes (unrouting handles a pending request itself).
  await sent;
  await page.unroute("**/api/v1/photos");
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId("photo-refused")).toHaveCount(0);
  await expect(page.getByTestId("photo-upload").locator("img")).toHaveAttribute("src", /\/api\/v1\/photos\/.+\/thumb\.jpg$/);
  await page.getByRole("button", { name: "提交推荐" }).click();
  await expect(page).toHaveURL(station.baseURL + "/me/nominations");
  await expect(page.getByTestId("flash")).toContainText("推荐已提交");
  const mine = page.getByTestId("my-nomination").filter({ hasText: name });
  await expect(mine.getByTestId("nomination-status")).toHaveText("待审核");
  // Sent: a new nomination starts empty.
  await page.getByRole("link", { name: "推荐身边好人" }).click();
  await expect(page.getByLabel("事迹")).toHaveValue("");
  await page.goBack();
  await expectAccessible(page);

  // The photo as served: upright (20 × 40 from a 40 × 20 turned by its EXIF) and without EXIF or GPS.
  const staff = await sessionOf(station, "13900000004", "demo1234");
  const queue = await fetch(`${station.baseURL}/api/v1/staff/nominations?status=submitted`, {
    headers: { Authorization: `Bearer ${staff.token}` },
  }).then((r) => r.json() as Promise<{ items: Nomination[] }>);
  const nomination = queue.items.find((n) => n.nominee_name === name)!;
  expect(nomination.photos).toHaveLength(1);
  expect([nomination.photos[0].width, nomination.photos[0].height]).toEqual([20, 40]);
  expect(contains(phonePhoto, "Exif") && contains(phonePhoto, "GPSMARKER")).toBe(true);
  for (const url of [nomination.photos[0].thumb_url, nomination.photos[0].large_url]) {
    const served = Buffer.from(await (await fetch(station.baseURL + url)).arrayBuffer());
    expect(served.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(contains(served, "Exif")).toBe(false);
    expect(contains(served, "GPSMARKER")).toBe(false);
  }

  // Staff: no publishing without consent; consent recorded, then published.
  const { context, page: desk } = await anotherPhone(browser);
  await signedIn(desk, staff);
  await desk.goto(station.baseURL + "/staff/console");
  await desk.getByTestId("honors-link").click();
  await expect(desk).toHaveURL(station.baseURL + "/staff/honors");
  await desk.getByTestId("review-item").filter({ hasText: name }).getByRole("link", { name }).click();
  await expect(desk.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(desk.getByTestId("nominator-contact")).toContainText(phone);
  await expectAccessible(desk);
  const publish = desk.getByTestId("publish-section");
  await publish.getByRole("button", { name: "发布到好人榜" }).click();
  await expect(publish.getByRole("alert")).toContainText("还没有记录本人同意，不能发布。");
  const consent = desk.getByTestId("consent-section");
  await consent.getByLabel("怎样确认的").fill("本人当面同意，签字存档");
  await consent.getByLabel("本人同意印在海报上").check();
  await consent.getByRole("button", { name: "记录本人同意" }).click();
  await expect(consent.getByTestId("consent")).toContainText("陈思远");
  await expect(consent).toContainText("同意印在海报上");
  await expect(consent).toContainText("不同意在站点大屏上展示");
  await publish.getByRole("button", { name: "发布到好人榜" }).click();
  await expect(desk.getByTestId("nomination-status")).toHaveText("已发布");
  // Said at the top: the publishing section itself is gone once it is done.
  await expect(desk.getByTestId("review-done")).toHaveText("已发布");
  await expect(publish).toHaveCount(0);
  await expectAccessible(desk);
  await context.close();

  // The board shows it; a like shows at once and stays after a reload; taking it back too.
  await page.goto(station.baseURL + "/honors");
  const card = page.getByTestId("honor-card").filter({ hasText: name });
  await expect(card).toBeVisible();
  await expect(card.getByTestId("like-count")).toHaveText("0 人点赞");
  await card.getByTestId("like").click();
  await expect(card.getByTestId("like")).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByTestId("like-count")).toHaveText("1 人点赞");
  // The count shows at once; the server's answer may still be on its way: it is waited for.
  const serverCount = async () => (await station.json<Honor>(`/api/v1/honors/${nomination.id}`)).like_count;
  await expect.poll(serverCount).toBe(1);
  await page.reload();
  await expect(card.getByTestId("like")).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByTestId("like-count")).toHaveText("1 人点赞");
  await card.getByTestId("like").click();
  await expect(card.getByTestId("like")).toHaveAttribute("aria-pressed", "false");
  await expect(card.getByTestId("like-count")).toHaveText("0 人点赞");
  await expect.poll(serverCount).toBe(0);
  // A neighbour likes it meanwhile: the page, still saying 0, shows its own like at once and
  // then the server's count, which has both.
  const neighbour = await registerByApi(station, "邻居老刘");
  const liked = await fetch(`${station.baseURL}/api/v1/honors/${nomination.id}/like`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${neighbour.token}` },
  });
  expect(liked.status).toBe(200);
  await expect(card.getByTestId("like-count")).toHaveText("0 人点赞");
  await card.getByTestId("like").click();
  await expect(card.getByTestId("like-count")).toHaveText("2 人点赞");
  await expect.poll(serverCount).toBe(2);

  // The story, and its share page's QR code, read from its pixels.
  await card.getByRole("link", { name }).click();
  await expect(page).toHaveURL(`${station.baseURL}/honors/${nomination.id}`);
  await expect(page.getByTestId("honor-story")).toHaveText(story);
  await expect(page.getByRole("img", { name: `${name}的照片` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "分享" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/share/honors/${nomination.id}`);
  const qr = page.getByTestId("poster").getByTestId("qr");
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(`${station.baseURL}/honors/${nomination.id}`);
  await expectAccessible(page);
});

test("the board reads signed out, by month and category, and likes lead to signing in", async ({ page, station }) => {
  const months = await station.json<{ items: { month: string; count: number }[] }>("/api/v1/honors/months");
  const newest = months.items[0];
  await page.goto(station.baseURL + "/honors");
  await expect(page.getByTestId("honor-card")).toHaveCount(newest.count);
  // An earlier month's board, and one category of it, kept in the address.
  const earlier = months.items[1];
  await page.getByRole("navigation", { name: "月份" }).getByRole("link").nth(1).click();
  await expect(page).toHaveURL(`${station.baseURL}/honors?month=${earlier.month}`);
  await expect(page.getByTestId("honor-card")).toHaveCount(earlier.count);
  const board = await station.json<{ items: { category: string }[] }>(`/api/v1/honors?month=${earlier.month}`);
  const category = board.items[0].category;
  const names: Record<string, string> = { helping_others: "助人为乐", bravery: "见义勇为", honesty: "诚实守信", dedication: "敬业奉献", filial_devotion: "孝老爱亲" };
  await page.getByRole("navigation", { name: "类别" }).getByRole("link", { name: names[category] }).click();
  await expect(page).toHaveURL(`${station.baseURL}/honors?month=${earlier.month}&category=${category}`);
  await expect(page.getByTestId("honor-card")).toHaveCount(board.items.filter((h) => h.category === category).length);
  await page.reload();
  await expect(page.getByTestId("honor-card")).toHaveCount(board.items.filter((h) => h.category === category).length);
  await expectAccessible(page);
  await page.getByRole("link", { name: "登录后点赞" }).first().click();
  await expect(page).toHaveURL(/\/me\/login\?next=/);

  // A station's page leads to its own board: only its honors (and its sites' below it).
  const sites = await station.json<{ items: { id: number; children: { id: number; children: { id: number }[] }[] }[] }>("/api/v1/sites");
  const first = sites.items[0].children[0].children[0].id;
  const own = await station.json<{ items: { id: number; board_month: string }[] }>(`/api/v1/honors?site_id=${first}&limit=200`);
  await page.goto(`${station.baseURL}/sites/${first}`);
  await page.getByTestId("station-honors").click();
  await expect(page).toHaveURL(`${station.baseURL}/honors?site=${first}`);
  const newestOwn = own.items.filter((h) => h.board_month === own.items[0].board_month);
  await expect(page.getByTestId("honor-card")).toHaveCount(newestOwn.length);
});

test("an honor without consent to posters is shared by its link alone", async ({ page, station }) => {
  const board = await station.json<{ items: Honor[] }>("/api/v1/honors?limit=200");
  // The demo's 王秀珍 agreed to the app and screens, not to posters.
  const noPoster = board.items.find((h) => !h.on_posters);
  expect(noPoster, "an honor without consent to posters").toBeDefined();
  await page.goto(`${station.baseURL}/share/honors/${noPoster!.id}`);
  await expect(page.getByTestId("no-poster")).toBeVisible();
  await expect(page.getByTestId("poster")).toHaveCount(0);
  await expect(page.getByTestId("share-link")).toHaveValue(`${station.baseURL}/honors/${noPoster!.id}`);
});
