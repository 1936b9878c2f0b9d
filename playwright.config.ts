import { defineConfig } from "@playwright/test";

// Journeys (tests/e2e) and the sweep of every route (tests/sweep) run in Debian's Chromium
// (Playwright never downloads browsers here), side by side on the same workers. Each journey
// starts its own reference server with a fresh database (see tests/e2e/station.ts); the sweep
// one per worker.
export default defineConfig({
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  // The longest journeys (an order through four people's hands) take a minute on a slow
  // two-core machine with two workers: twice that, so that a test fails on what it checks.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    locale: "zh-CN",
    // A device far from the station's zone: the app must still show station time.
    timezoneId: "America/Los_Angeles",
    trace: "retain-on-failure",
    // The service worker (public/sw.js) stays out of the way of routed requests and fresh
    // servers; the offline journeys allow it.
    serviceWorkers: "block",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [
    {
      name: "phone",
      testDir: "tests/e2e",
      use: {
        browserName: "chromium",
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
    {
      name: "sweep",
      testDir: "tests/sweep",
      // Text and targets are measured in CSS pixels: one device pixel each is enough.
      use: { browserName: "chromium", deviceScaleFactor: 1, isMobile: true, hasTouch: true },
    },
  ],
});
