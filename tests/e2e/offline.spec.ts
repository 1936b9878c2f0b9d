// Without a network (the service worker, public/sw.js): the calendar and 我的 open with the data
// they last had and say so ("离线 · 更新于 14:05"); an action that needs the network says there is
// none; nothing of a signed-in person stays cached after sign-out, and a shared computer's
// session is never cached at all.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, distDir, Station, type Page } from "./station";
import { sessionOf, type Session } from "./api";

test.use({ serviceWorkers: "allow" });

type Activity = { id: number; title: string; status: string; places_left: number };

/** Loads the calendar until the service worker controls the page (the shell precached). */
async function installed(page: Page, baseURL: string): Promise<void> {
  await page.goto(`${baseURL}/`);
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

const cachedPaths = (page: Page, cache: string) =>
  page.evaluate(async (cache) => {
    if (!(await caches.has(cache))) return [];
    return (await (await caches.open(cache)).keys()).map((request) => new URL(request.url).pathname);
  }, cache);

async function signIn(page: Page, session: Session, shared = false): Promise<void> {
  await page.evaluate(
    ({ stored, shared }) => {
      (shared ? sessionStorage : localStorage).setItem("station.session", stored);
      // A shared computer's session lasts while requests keep it active (src/session.rs).
      if (shared) sessionStorage.setItem("station.session.idle_until", String(Date.now() + 15 * 60_000));
    },
    { stored: JSON.stringify({ token: session.token, expires_at: session.expires_at }), shared },
  );
}

test("offline, the calendar and 我的 show their last data and say so; 报名 says there is no connection", async ({ page, context, station }) => {
  const list = await station.json<{ items: Activity[] }>("/api/v1/activities?limit=200");
  const volunteer = await sessionOf(station, "13900000001", "demo1234");
  const mine = (await (
    await fetch(`${station.baseURL}/api/v1/me/signups`, { headers: { Authorization: `Bearer ${volunteer.token}` } })
  ).json()) as { items: { signup: { activity_id: number } }[] };
  const taken = new Set(mine.items.map((item) => item.signup.activity_id));
  const activity = list.items.find((item) => item.status === "open" && item.places_left > 0 && !taken.has(item.id))!;
  expect(activity, "the demo data has an open activity the volunteer has not signed up for").toBeTruthy();

  // With the network: the calendar, an activity and 我的, once each.
  await installed(page, station.baseURL);
  await page.reload();
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  await page.goto(`${station.baseURL}/activities/${activity.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(activity.title);
  await signIn(page, volunteer);
  await page.goto(`${station.baseURL}/me`);
  await expect(page.getByTestId("greeting")).toContainText("林晓雨");
  await expect(page.getByTestId("offline-note")).toHaveCount(0);
  expect(await cachedPaths(page, "station-private")).toContain("/api/v1/me");

  // Without it: 我的 as it was, and a note of when it was fetched.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("greeting")).toContainText("林晓雨");
  await expect(page.getByTestId("offline-note")).toHaveText(/^离线 · 更新于 \d\d:\d\d$/);
  // The calendar too (a page load of another area, from the shell).
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "日历" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/`);
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  await expect(page.getByTestId("offline-note")).toBeVisible();
  // Signing up needs the network, and says so.
  await page.goto(`${station.baseURL}/activities/${activity.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(activity.title);
  const signup = page.getByTestId("signup");
  await signup.getByRole("button", { name: "报名", exact: true }).click();
  await expect(signup.getByRole("status")).toHaveText("网络连接失败，请检查网络后重试");

  // Back online: fresh data, no note; signing out leaves nothing of the person cached.
  await context.setOffline(false);
  await page.goto(`${station.baseURL}/me`);
  await expect(page.getByTestId("greeting")).toContainText("林晓雨");
  await expect(page.getByTestId("offline-note")).toHaveCount(0);
  await page.getByRole("button", { name: "退出登录" }).click();
  // Signed out, the app goes to the calendar.
  await expect(page).toHaveURL(`${station.baseURL}/`);
  await expect(page.getByTestId("activity-card").first()).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("station.session"))).toBeNull();
  await expect.poll(() => cachedPaths(page, "station-private")).toEqual([]);
});

test("a shared computer's session is never kept by the service worker", async ({ page, station }) => {
  const response = await fetch(`${station.baseURL}/api/v1/sessions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ phone: "13900000001", password: "demo1234", shared_device: true }),
  });
  expect(response.status).toBe(201);
  const shared = (await response.json()) as Session;
  await installed(page, station.baseURL);
  await signIn(page, shared, true);
  await page.goto(`${station.baseURL}/me`);
  await expect(page.getByTestId("greeting")).toContainText("林晓雨");
  expect(await cachedPaths(page, "station-private")).toEqual([]);
});

test("a new build is picked up at the next navigation, and the old one's shell goes", async ({ page }) => {
  // A station serving a copy of the build, whose service worker the test then replaces.
  const dist = mkdtempSync(join(tmpdir(), "station-dist-"));
  cpSync(distDir, dist, { recursive: true });
  const station = new Station(true);
  station.dist = dist;
  await station.start();
  try {
    await installed(page, station.baseURL);
    const shells = () => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith("station-shell-")));
    const before = await shells();
    expect(before).toHaveLength(1);

    // The next build: its worker names another version (brotli and gzip copies go, so that the
    // server sends the new file itself).
    const worker = join(dist, "sw.js");
    const next = readFileSync(worker, "utf8").replace(/"version":"[0-9a-f]+"/, '"version":"0000000000000001"');
    writeFileSync(worker, next);
    for (const copy of ["sw.js.br", "sw.js.gz"]) rmSync(join(dist, copy), { force: true });

    // A page already open keeps its code; the next navigation brings the new worker, which
    // takes over and clears the old shell.
    await expect(page.getByTestId("activity-card").first()).toBeVisible();
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的" }).click();
    await expect(page).toHaveURL(`${station.baseURL}/me`);
    // The new worker precaches its shell before it takes over: slow on a loaded machine.
    await expect.poll(shells, { timeout: 45_000 }).toEqual(["station-shell-0000000000000001"]);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的");
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  } finally {
    await station.dispose();
    rmSync(dist, { recursive: true, force: true });
  }
});
