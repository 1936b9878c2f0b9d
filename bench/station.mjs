// What the browser benches share: a release server with the demo data on a free port (a fresh
// SQLite database), ready once /healthz answers, and their command-line options.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** `--name value` from the command line, else `fallback`. */
export function option(name, fallback) {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
}

/** Starts the server on `dist`; answers its base URL, the process to kill and the folder to remove at the end. */
export async function startStation(dist, name) {
  const serverBin = process.env.STATION_SERVER_BIN ?? `${process.env.CARGO_TARGET_DIR}/release/station-server`;
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), `station-${name}-`));
  const server = spawn(serverBin, ["--listen", `127.0.0.1:${port}`, "--database-url", `sqlite://${dir}/${name}.sqlite3`, "--dist-dir", dist], { stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { base, server, dir };
}
