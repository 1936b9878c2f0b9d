// The real reference server, started per test with a fresh SQLite database and the built dist/.
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, openSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const serverBin = process.env.STATION_SERVER_BIN ?? "target/debug/station-server";
export const distDir = process.env.STATION_DIST_DIR ?? "dist";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export class Station {
  private process?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), "station-e2e-"));
  private port = 0;
  /** When set, the next start runs the server's clock from this RFC 3339 moment. */
  clockStart?: string;
  /** The built app it serves (a copy, for a journey that changes it). */
  dist = distDir;

  constructor(private readonly demoData: boolean) {}

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts, on the same port and database) the server and waits for /healthz. */
  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const log = openSync(join(this.dir, "server.log"), "a");
    this.process = spawn(
      serverBin,
      [
        "--listen", `127.0.0.1:${this.port}`,
        "--database-url", `sqlite://${join(this.dir, "station.sqlite3")}`,
        "--dist-dir", this.dist,
        `--demo-data=${this.demoData}`,
        ...(this.clockStart ? ["--clock-start", this.clockStart] : []),
      ],
      { stdio: ["ignore", log, log] },
    );
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.baseURL}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the station did not start; see ${join(this.dir, "server.log")}`);
  }

  /**
   * `station-server admin create` on this station's database, as an operator runs it while the
   * server is up: the password goes in on standard input, never as an argument.
   */
  async createAdmin(phone: string, name: string, password: string): Promise<void> {
    const command = spawn(
      serverBin,
      ["admin", "create", "--phone", phone, "--name", name,
        "--database-url", `sqlite://${join(this.dir, "station.sqlite3")}`],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    let output = "";
    command.stdout!.on("data", (chunk) => (output += chunk));
    command.stderr!.on("data", (chunk) => (output += chunk));
    command.stdin!.end(password + "\n");
    const code = await new Promise<number | null>((resolve) => command.once("exit", resolve));
    expect(code, `admin create: ${output}`).toBe(0);
  }

  async stop(): Promise<void> {
    const running = this.process;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async json<T>(path: string): Promise<T> {
    const response = await fetch(`${this.baseURL}${path}`);
    expect(response.ok, `${path} answered ${response.status}`).toBe(true);
    return (await response.json()) as T;
  }
}

type Fixtures = { station: Station; emptyStation: Station; contentSecurity: void };

/**
 * Fails the test when a page of the context breaks the Content-Security-Policy (a script, a
 * style attribute, a connection the policy does not allow): the browser would have refused it.
 */
export async function watchContentSecurity(context: BrowserContext, violations: string[]): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  context.on("console", (message) => {
    const text = message.text();
    if (text.startsWith("CSP violation") || text.includes("Content Security Policy")) violations.push(text);
  });
}

export const test = base.extend<Fixtures>({
  contentSecurity: [
    async ({ context }, use) => {
      const violations: string[] = [];
      await watchContentSecurity(context, violations);
      await use();
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  station: async ({}, use) => {
    const station = new Station(true);
    await station.start();
    await use(station);
    await station.dispose();
  },
  emptyStation: async ({}, use) => {
    const station = new Station(false);
    await station.start();
    await use(station);
    await station.dispose();
  },
});

export { expect };

/**
 * axe-core on the page, asked for its violations alone: it then spends no time describing every
 * node that passed (a quarter of its run), and finds the same violations.
 */
export function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
}

/** Fails the test with the list of violations when axe-core finds any on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await axe(page).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary, "axe-core violations").toEqual([]);
}

const WEEKDAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

/** `11月24日 周二` for the calendar day of an RFC 3339 timestamp, in the offset it carries. */
export function stationDayLabel(rfc3339: string): string {
  const [, year, month, day] = rfc3339.match(/^(\d{4})-(\d{2})-(\d{2})T/)!;
  const weekday = new Date(Date.UTC(+year, +month - 1, +day)).getUTCDay();
  return `${+month}月${+day}日 ${WEEKDAYS[weekday]}`;
}
