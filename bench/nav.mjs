// The journeys' timings on a slow phone: headless Chromium throttled like Lighthouse's mobile
// profile (150 ms round trip, 1.6 Mbps down, 750 kbps up, CPU 4× slower) at 390 × 844, against
// the reference server with the demo data. Each figure is the median of RUNS fresh browser
// profiles (a cold cache each), in milliseconds from the tap (or the address typed) to the
// moment what the person came for is on the screen:
//   `/` cold → the first activity card; tap 我的 (first time) → its heading;
//   tap 日历 again → a card; tap 我的 again → its heading; open an activity from the agenda → its title;
//   tap 好人榜 (first time) → the first honor on the board.
// And the longest main-thread task of the cold load of `/` (the Long Tasks API, from before the
// page's first script until a second after the first card; the goal is none over 200 ms).
// The service worker is blocked unless --sw: the network conditions of a page do not reach a
// worker's own fetches, so with it the figures would flatter.
// Usage: node bench/nav.mjs [--dist DIR] [--runs N] [--sw]   (bench/nav wraps it)
import { chromium } from "playwright-core";
import { option, startStation } from "./station.mjs";
import { rmSync } from "node:fs";

const dist = option("--dist", "dist");
const runs = Number(option("--runs", "3"));
const withWorker = process.argv.includes("--sw");
const { base, server, dir } = await startStation(dist, "nav");

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
const steps = ["/ cold → first card", "tap 我的 (first time)", "tap 日历 again", "tap 我的 again", "open an activity from the agenda", "tap 好人榜 (first time)"];
const figures = steps.map(() => []);
const longest = [];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: "zh-CN",
      serviceWorkers: withWorker ? "allow" : "block",
    });
    await context.addInitScript(() => {
      window.__longestTask = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longestTask = Math.max(window.__longestTask, entry.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const card = page.getByTestId("activity-card").first();
    const heading = page.getByRole("heading", { level: 1 });
    const tab = (name) => page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name });
    const timed = async (step, act, until) => {
      const start = Date.now();
      await act();
      await until();
      figures[step].push(Date.now() - start);
    };
    await timed(0, () => page.goto(base, { waitUntil: "commit" }), () => card.waitFor());
    // A person reads a moment before tapping; the page settles meanwhile.
    await page.waitForTimeout(1000);
    longest.push(Math.round(await page.evaluate(() => window.__longestTask)));
    await timed(1, () => tab("我的").click(), () => heading.filter({ hasText: "我的" }).waitFor());
    await page.waitForTimeout(1000);
    await timed(2, () => tab("日历").click(), () => card.waitFor());
    await page.waitForTimeout(1000);
    await timed(3, () => tab("我的").click(), () => heading.filter({ hasText: "我的" }).waitFor());
    await page.waitForTimeout(1000);
    await tab("日历").click();
    await card.waitFor();
    await page.waitForTimeout(1000);
    const title = (await card.locator(".activity-card__title").textContent()).trim();
    await timed(4, () => card.click(), () => heading.filter({ hasText: title }).waitFor());
    await page.waitForTimeout(1000);
    await timed(5, () => tab("好人榜").click(), () => page.getByTestId("honor-card").first().waitFor());
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`bench/nav · ${runs} runs · 150 ms RTT, 1.6 Mbps, CPU 4× · service worker ${withWorker ? "allowed" : "blocked"}`);
console.log(`${"step".padEnd(36)} ${"median ms".padStart(10)}   runs`);
steps.forEach((step, i) => console.log(`${step.padEnd(36)} ${String(median(figures[i])).padStart(10)}   ${figures[i].join(", ")}`));
console.log(`${"longest task of the cold load".padEnd(36)} ${String(median(longest)).padStart(10)}   ${longest.join(", ")}`);
