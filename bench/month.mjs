// The month view with a crowded month: 500 more activities published into next month (across
// every category), then /calendar/month opened in headless Chromium with the CPU 4× slower
// (Lighthouse's mobile profile; loopback network, so the figures are the page's own work). The
// month reads each day's count (`/activities/days`) and the chosen day's activities in full.
// Printed, median of RUNS:
//   first load — the page opened on the crowded month: from the last of its reads' answers (day
//            counts, the day's activities, marked days: their resource timings' responseEnd) to the grid's last change. The answers come within
//            ~30 ms of being asked, while the app is still starting, so this is mostly the
//            start (compiling and first runs of its code at 4× slower; bench/nav and Lighthouse
//            measure the start);
//   render — the started app steps into the crowded month (下个月 from the month before): from
//            the last answer to the grid's last change (the counts and dots drawn, the first
//            day's activities listed); painted — the same to the first frame after it;
//   filter — from the tap on a category chip (a click dispatched in the page) to the grid's last
//            change, its request included; from its answer's end to that change; and the page's
//            own part of it: from the tap to the request's start, plus from the answer's end.
// The goal (issue 17): ≤ 50 ms for the render and for the filter change.
// With --latency MS, every answer comes MS later (the DevTools network's latency), as on a phone's
// line: the tap's own work is done by then, so the render and the filter's "after its data" are
// the drawing of the data alone. On loopback (the default) the answers come while the tap's work
// still runs, and that rest of it is counted in them.
// With --profile FILE, the first run's step into the month is also recorded by the CPU profiler
// (a .cpuprofile: open it in Chrome's DevTools, or `node bench/profile-top.mjs FILE`); the
// shipped wasm has no names, a build with them is in bench/floor.md.
// Usage: node bench/month.mjs [--dist DIR] [--runs N] [--latency MS] [--profile FILE]
//        (bench/month wraps it)
import { chromium } from "playwright-core";
import { option, startStation } from "./station.mjs";
import { rmSync, writeFileSync } from "node:fs";

const dist = option("--dist", "dist");
const runs = Number(option("--runs", "5"));
const added = Number(option("--activities", "500"));
const profile = option("--profile", "");
const latency = Number(option("--latency", "0"));
const { base, server, dir } = await startStation(dist, "month");
const json = async (path, init) => {
  const answer = await fetch(`${base}${path}`, init);
  if (!answer.ok) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
  return answer.json();
};

// The demo administrator publishes the activities (demo data only: its password is public).
const { token } = await json("/api/v1/sessions", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ phone: "13900000006", password: "demo1234" }),
});
const station = await json("/api/v1/station");
const sites = (await json("/api/v1/sites")).items;
const leaves = [];
const walk = (nodes) => nodes.forEach((node) => (node.children.length ? walk(node.children) : leaves.push(node.id)));
walk(sites);
const categories = (await json("/api/v1/categories")).items.map((c) => c.slug);
// Next month, in the station's offset.
const [year, month] = station.now.slice(0, 7).split("-").map(Number);
const next = new Date(Date.UTC(year, month, 1));
const monthText = next.toISOString().slice(0, 7);
const offset = station.now.slice(-6);
for (let i = 0; i < added; i++) {
  const day = String(1 + (i % 28)).padStart(2, "0");
  const hour = String(8 + (i % 10)).padStart(2, "0");
  await json("/api/v1/activities", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      site_id: leaves[i % leaves.length],
      team_id: null,
      category: categories[i % categories.length],
      title: `测试活动 ${i + 1}`,
      description: "用于测量月视图的活动。",
      place: "活动室",
      starts_at: `${monthText}-${day}T${hour}:00:00${offset}`,
      ends_at: `${monthText}-${day}T${hour}:50:00${offset}`,
      capacity: 20,
      signup_deadline: null,
      target_group: null,
      team_only: false,
      publish: true,
    }),
  });
}
const inMonth = await json(`/api/v1/activities?from=${monthText}-01&to=${monthText}-28&limit=200`);
console.log(`${added} activities published into ${monthText} (the month's first page holds ${inMonth.items.length}${inMonth.next_cursor ? ", more follow" : ""})`);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
const firstLoad = [];
const render = [];
const stepTotal = [];
const painted = [];
const filterTotal = [];
const filterAfter = [];
const filterOwn = [];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", serviceWorkers: "block" });
    // The grid's last change, in the page's clock.
    await context.addInitScript(() => {
      window.__lastChange = 0;
      window.__painted = 0;
      new MutationObserver(() => {
        if (!document.querySelector("[data-testid=month-grid]")) return;
        const change = (window.__lastChange = performance.now());
        // The frame that shows it: the task after the next animation frame's.
        requestAnimationFrame(() => setTimeout(() => (window.__painted = Math.max(window.__painted, performance.now(), change))));
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    if (latency > 0) {
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
    }
    // The view's reads: the day counts, the day's activities, the marked days (all drawn at once).
    const reads = () => performance.getEntriesByType("resource").filter((entry) => /\/api\/v1\/(activities|days)/.test(entry.name));
    const lastResponse = () => page.evaluate(`Math.max(0, ...(${reads})().map((entry) => entry.responseEnd))`);
    const firstRequest = () => page.evaluate(`Math.min(...(${reads})().map((entry) => entry.startTime))`);
    const settled = async () => {
      // Quiet for a second: nothing more to draw.
      let before = -1;
      for (;;) {
        await page.waitForTimeout(1000);
        const now = await page.evaluate(() => window.__lastChange);
        if (now === before) return now;
        before = now;
      }
    };
    // Asked every 250 ms, not with a locator's wait: that polls every frame in the page's own
    // (4× slowed) thread, and its checks (computeBox, isElementVisible) were measured as the
    // page's: ~55 ms of the 250 ms after the data in a profile.
    const gridDrawn = () => page.evaluate(() => !!document.querySelector("[data-testid=month-grid] .month-grid__count"));
    // A link of the page followed as a tap would: the moment of the tap, in the page's clock.
    const tap = (selector) =>
      page.evaluate((selector) => {
        const now = performance.now();
        document.querySelector(selector).click();
        return now;
      }, selector);

    // The first load: the app starts, reads and draws (its start is the most of it).
    await page.goto(`${base}/calendar/month?date=${monthText}-15`);
    while (!(await gridDrawn())) await page.waitForTimeout(250);
    firstLoad.push((await settled()) - (await lastResponse()));

    // The month drawn by a started app: from the month before, 下个月 into the crowded one.
    await tap("a[data-step=prev]");
    await settled();
    await page.evaluate(() => performance.clearResourceTimings());
    const profiling = profile && run === 0;
    if (profiling) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
      await cdp.send("Profiler.start");
    }
    const stepped = await tap("a[data-step=next]");
    const drawn = await settled();
    if (profiling) writeFileSync(profile, JSON.stringify((await cdp.send("Profiler.stop")).profile));
    const arrived = await lastResponse();
    render.push(drawn - arrived);
    painted.push((await page.evaluate(() => window.__painted)) - arrived);
    stepTotal.push(drawn - stepped);

    await page.evaluate(() => performance.clearResourceTimings());
    const chip = await page.getByRole("navigation", { name: "按服务类别筛选" }).getByRole("link").nth(1).elementHandle();
    const tapped = await chip.evaluate((link) => {
      const now = performance.now();
      link.click();
      return now;
    });
    const redrawn = await settled();
    filterTotal.push(redrawn - tapped);
    const answered = await lastResponse();
    filterAfter.push(redrawn - answered);
    filterOwn.push((await firstRequest()) - tapped + redrawn - answered);
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
const ms = (values) => `${median(values).toFixed(1)} ms (runs: ${values.map((v) => v.toFixed(1)).join(", ")})`;
console.log(`month view, ${added} more activities, CPU 4×${latency > 0 ? `, answers ${latency} ms later` : ""}, median of ${runs}:`);
console.log(`  first load, data arrived → drawn (the app's start included): ${ms(firstLoad)}`);
console.log(`  render after the data arrived (下个月 into it): ${ms(render)}`);
console.log(`  the same to its frame painted: ${ms(painted)}`);
console.log(`  下个月, tap to redrawn: ${ms(stepTotal)}`);
console.log(`  filter change, tap to redrawn: ${ms(filterTotal)}`);
console.log(`  filter change, after its data: ${ms(filterAfter)}`);
console.log(`  filter change, the page's own: ${ms(filterOwn)}`);
