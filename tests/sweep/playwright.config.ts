import { defineConfig } from "@playwright/test";
import journeys from "../../playwright.config";

// The sweep (tests/sweep/sweep.spec.ts) with the journeys' browser, one server per worker.
export default defineConfig({
  ...journeys,
  testDir: ".",
  fullyParallel: true,
  timeout: 30_000,
  use: { ...journeys.use, ...journeys.projects![0].use, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  projects: undefined,
});
