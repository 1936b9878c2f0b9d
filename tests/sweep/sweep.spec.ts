// The sweep: every route of every area (areas.json, the table the build and the router's areas
// come from), in zh-CN at 320 × 640 and 390 × 844 in the normal mode and 长辈版, and once more in
// English and 繁體中文 and with the browser's text at 200 %, each as the person it is for (staff pages as staff, 我的 and posting a wish as a volunteer,
// the rest as a resident who has not signed in). On each: axe-core finds nothing; nothing is
// wider than the screen; text, line height and tap targets meet the mode's minimums; no UI
// string of another language shows; the console stays free of errors.
//
// One test per route walks its variants in one page (a test per variant spent most of its time
// opening contexts; on CI the variants are a sample: variantsOf), and reports every variant's
// problems before it fails. The smallest text and target met are written to the project's output
// directory (figures.jsonl) for tests/sweep/figures.mjs to sum up.
import { test as base, expect, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { axe as accessibility, Station } from "../e2e/station";

type Area = { name: string; routes: string[] };
const areas: Area[] = JSON.parse(readFileSync("areas.json", "utf8")).areas;
const routes = areas.flatMap((area) => area.routes);

type Locale = "zh-CN" | "zh-TW" | "en";
type Variant = { locale: Locale; width: number; height: number; elder: boolean; largeText?: boolean };
const VARIANTS: Variant[] = [
  { locale: "zh-CN", width: 320, height: 640, elder: false },
  { locale: "zh-CN", width: 320, height: 640, elder: true },
  { locale: "zh-CN", width: 390, height: 844, elder: false },
  { locale: "zh-CN", width: 390, height: 844, elder: true },
  { locale: "en", width: 390, height: 844, elder: false },
  { locale: "zh-TW", width: 390, height: 844, elder: false },
  // The browser's own text size at 200 % (its setting, which rem sizes and media queries follow).
  { locale: "zh-CN", width: 390, height: 844, elder: false, largeText: true },
];
const LOCALES: Locale[] = ["zh-CN", "zh-TW", "en"];

/**
 * The variants a route is swept in. Everywhere but CI, all seven. On CI (two cores, where all
 * seven of every route took ~14 minutes of the run) a sample: the three strictest — the
 * narrowest screen in 长辈版, English's longer words, the browser's text at 200 % — and one
 * of the other four, chosen per route by a seed that changes with each commit (so that over
 * commits every route meets every variant), printed with the run. `STATION_SWEEP_SEED` replays a
 * sample; `STATION_SWEEP_ALL=1` sweeps all seven on CI too.
 */
const SAMPLED = !!process.env.CI && process.env.STATION_SWEEP_ALL !== "1";
function variantsOf(route: string): Variant[] {
  if (!SAMPLED) return VARIANTS;
  const always = [VARIANTS[1], VARIANTS[4], VARIANTS[6]];
  const others = VARIANTS.filter((variant) => !always.includes(variant));
  let hash = 2166136261;
  for (const char of `${SEED} ${route}`) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619) >>> 0;
  const chosen = others[hash % others.length];
  // In the table's order: the text at 200 % stays on the page once set, so it comes last.
  return VARIANTS.filter((variant) => always.includes(variant) || variant === chosen);
}
const SEED = process.env.STATION_SWEEP_SEED ?? commit();
function commit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "no-commit";
  }
}

/** The minimums of a mode: text (px), line height (× the text), any target, a main target. */
const MINIMUMS = {
  normal: { text: 12, lineHeight: 1.2, target: 44, mainTarget: 44 },
  elder: { text: 18, lineHeight: 1.3, target: 44, mainTarget: 60 },
};
type Minimums = (typeof MINIMUMS)["normal"];

const DEMO = {
  staff: { phone: "13900000006", password: "demo1234" },
  volunteer: { phone: "13900000001", password: "demo1234" },
};

/** Who a route is for: staff pages as the demo administrator, 我的 as a demo volunteer. */
function roleOf(route: string): { phone: string; password: string } | null {
  if (route.startsWith("/staff/")) return DEMO.staff;
  if (route.startsWith("/me") && !/^\/me\/(login|register)/.test(route)) return DEMO.volunteer;
  // Posting a wish is a signed-in resident's form; the demo volunteer has a wish to fulfil.
  if (route === "/wishes/new" || route.startsWith("/wishes/fulfil/")) return DEMO.volunteer;
  // Ordering is a signed-in resident's form; an order is for nobody but its parties and staff.
  if (route === "/orders/new") return DEMO.volunteer;
  if (route.startsWith("/orders/")) return DEMO.staff;
  return null;
}

/** UI strings of the other languages, in pieces long enough not to be taken for data. */
function foreignStrings(locale: Locale): string[] {
  const read = (tag: string) => JSON.parse(readFileSync(`locales/${tag}.json`, "utf8"));
  const flat = (value: unknown): string[] =>
    typeof value === "string" ? [value] : Object.values(value as object).flatMap(flat);
  const own = new Set(flat(read(locale)));
  // The language switch names every language in itself, on every page.
  for (const tag of LOCALES) own.add(read(tag).language.name);
  const pieces = new Set<string>();
  for (const other of LOCALES.filter((tag) => tag !== locale)) {
    for (const text of flat(read(other))) {
      if (own.has(text)) continue;
      for (const piece of text.split(/\{[^}]*\}/)) {
        const trimmed = piece.trim();
        // Chinese pieces of four characters and more; English ones of three words and more.
        const long = /[\u4e00-\u9fff]/.test(trimmed) ? [...trimmed].length >= 4 : trimmed.split(/\s+/).length >= 3;
        if (long && ![...own].some((mine) => mine.includes(trimmed))) pieces.add(trimmed);
      }
    }
  }
  return [...pieces];
}
const FOREIGN = Object.fromEntries(LOCALES.map((locale) => [locale, foreignStrings(locale)]));

/** Every string the station's data holds that the people of the sweep can see (names, titles,
 * places, their own records): shown as entered in any language. */
async function dataStrings(station: Station, tokens: string[]): Promise<string[]> {
  const found = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === "string" && value.trim().length >= 2) found.add(value.trim());
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  const read = async (path: string, token?: string) => {
    const answer = await fetch(`${station.baseURL}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (answer.ok) walk(await answer.json());
  };
  for (const path of ["/api/v1/station", "/api/v1/sites", "/api/v1/activities?limit=200", "/api/v1/teams?limit=200", "/api/v1/categories"]) {
    await read(path);
  }
  for (const token of tokens) {
    for (const path of ["/api/v1/me", "/api/v1/me/signups", "/api/v1/me/notices", "/api/v1/me/teams", "/api/v1/me/hours", "/api/v1/staff/activities?limit=200", "/api/v1/staff/today", "/api/v1/audit?limit=200"]) {
      await read(path, token);
    }
  }
  return [...found];
}

type Worker = { station: Station; sessions: Map<string, { token: string; expires_at: string }>; data: Set<string> };

// One reference server per worker, with the demo data; its sessions are opened once.
const test = base.extend<{}, { worker: Worker }>({
  worker: [
    async ({}, use) => {
      const station = new Station(true);
      await station.start();
      const sessions = new Map<string, { token: string; expires_at: string }>();
      for (const who of Object.values(DEMO)) {
        const answer = await fetch(`${station.baseURL}/api/v1/sessions`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(who),
        });
        expect(answer.status, `${who.phone} signs in`).toBe(201);
        const { token, expires_at } = await answer.json();
        sessions.set(who.phone, { token, expires_at });
      }
      const data = new Set(await dataStrings(station, [...sessions.values()].map((session) => session.token)));
      await use({ station, sessions, data });
      await station.dispose();
    },
    { scope: "worker" },
  ],
});

type Found = { problems: string[]; smallestText: number; smallestTarget: number };

/** What the page breaks of the mode's minimums, described, and the smallest text and target. */
async function measure(page: Page, minimums: Minimums): Promise<Found> {
  return page.evaluate((minimums) => {
    const problems: string[] = [];
    let smallestText = Infinity;
    let smallestTarget = Infinity;
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`wider than the screen: ${root.scrollWidth} > ${root.clientWidth}`);
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className ? "." + String(element.className).split(" ")[0] : ""} "${(element.textContent ?? "").trim().slice(0, 16)}"`;
    for (const element of document.querySelectorAll<HTMLElement>("body *")) {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      // Hidden, or visually hidden for screen readers (a box of 1 px).
      if (box.width < 2 || box.height < 2 || style.visibility === "hidden" || element.closest(".visually-hidden, .skip-link, [aria-hidden=true]")) continue;
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== "");
      if (ownText) {
        const size = parseFloat(style.fontSize);
        smallestText = Math.min(smallestText, size);
        if (size < minimums.text) problems.push(`text ${size}px < ${minimums.text}: ${name(element)}`);
        // Text its box cuts off (hidden overflow, an ellipsis) is text nobody can read.
        if (style.overflowX !== "visible" && element.scrollWidth > element.clientWidth + 1) problems.push(`cut off ${element.scrollWidth} > ${element.clientWidth}: ${name(element)}`);
        const line = style.lineHeight === "normal" ? 1.2 * size : parseFloat(style.lineHeight);
        if (line / size < minimums.lineHeight - 0.01) problems.push(`line height ${(line / size).toFixed(2)} < ${minimums.lineHeight}: ${name(element)}`);
      }
      const control = element.matches("a[href], button, select, input, textarea, [role=button]") && !element.closest("p");
      // A checkbox is tapped through its label as well.
      const target = element.matches("input") ? element.closest("label") ?? element : element;
      const area = target.getBoundingClientRect();
      if (control) {
        smallestTarget = Math.min(smallestTarget, Math.round(Math.min(area.width, area.height)));
        if (area.width < minimums.target || area.height < minimums.target) {
          problems.push(`target ${Math.round(area.width)}×${Math.round(area.height)} < ${minimums.target}: ${name(element)}`);
        }
      }
      const main = element.matches(".button, .bottom-nav__link, .signup-button, .elder-toggle");
      if (main && box.height < minimums.mainTarget) problems.push(`main target ${Math.round(box.height)} tall < ${minimums.mainTarget}: ${name(element)}`);
    }
    return { problems, smallestText, smallestTarget };
  }, minimums);
}

/** The page's own words: every text node that is not wholly a piece of data, outside what is
 * marked as another language. */
async function ownWords(page: Page, data: Set<string>): Promise<string> {
  return page.evaluate((data) => {
    const known = new Set(data);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const words: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("[lang], noscript, script, style")) continue;
      const text = (node.textContent ?? "").trim();
      if (text && !known.has(text)) words.push(text);
    }
    return words.join("\n");
  }, [...data]);
}

for (const route of routes) {
  test(route, async ({ browser, worker }, testInfo) => {
    test.setTimeout(120_000);
    const errors: string[] = [];
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    const role = roleOf(route);
    const session = role ? worker.sessions.get(role.phone)! : null;
    // A page of the station's origin to set the device's storage from.
    await page.goto(`${worker.station.baseURL}/robots.txt`);
    const figures: { mode: string; locale: Locale; smallestText: number; smallestTarget: number }[] = [];
    for (const variant of variantsOf(route)) {
      const label = `${variant.locale} ${variant.width}×${variant.height}${variant.elder ? " 长辈版" : ""}${variant.largeText ? " text 200%" : ""}`;
      await test.step(label, async () => {
        errors.length = 0;
        await page.setViewportSize({ width: variant.width, height: variant.height });
        if (variant.largeText) {
          const browserSettings = await context.newCDPSession(page);
          await browserSettings.send("Page.setFontSizes", { fontSizes: { standard: 32 } });
        }
        await page.evaluate(
          ({ session, elder, locale }) => {
            localStorage.clear();
            if (session) localStorage.setItem("station.session", JSON.stringify(session));
            localStorage.setItem("station.mode", elder ? "elder" : "normal");
            localStorage.setItem("station.locale", locale);
          },
          { session, elder: variant.elder, locale: variant.locale },
        );
        await page.goto(`${worker.station.baseURL}${route}`);
        await page.waitForLoadState("networkidle");
        await expect(page.locator("#boot")).toHaveCount(0);
        await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
        await expect(page.locator("html")).toHaveAttribute("lang", variant.locale);

        const found = await measure(page, MINIMUMS[variant.elder ? "elder" : "normal"]);
        const problems = found.problems;
        // Every route names itself in the tab and the history: its heading, then the station.
        const heading = (await page.locator("main h1").first().textContent({ timeout: 2_000 }).catch(() => null))?.trim();
        const station = (await page.locator("header .app-header__name").textContent())?.trim();
        if (!heading) problems.push("no <h1> in <main> to title the page");
        else await expect.soft(page, `${label}: the title`).toHaveTitle(heading === station ? station : `${heading} · ${station}`);
        figures.push({ mode: variant.elder ? "elder" : variant.largeText ? "text 200%" : "normal", locale: variant.locale, smallestText: found.smallestText, smallestTarget: found.smallestTarget });
        const axe = await accessibility(page).analyze();
        for (const violation of axe.violations) {
          problems.push(`axe ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
        }
        const words = await ownWords(page, worker.data);
        for (const piece of FOREIGN[variant.locale]) if (words.includes(piece)) problems.push(`another language's "${piece}"`);
        for (const error of errors) problems.push(`console: ${error}`);
        expect.soft(problems, label).toEqual([]);
      });
    }
    mkdirSync(testInfo.project.outputDir, { recursive: true });
    for (const figure of figures) appendFileSync(join(testInfo.project.outputDir, "figures.jsonl"), JSON.stringify({ route, seed: SAMPLED ? SEED : null, ...figure }) + "\n");
    await context.close();
  });
}
