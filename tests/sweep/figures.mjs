// Sums up the sweep's figures (written by sweep.spec.ts to test-results/figures.jsonl): how many
// routes and pages were swept, and the smallest text and tap target met in each mode.
//   node tests/sweep/figures.mjs [test-results/figures.jsonl]
import { existsSync, readFileSync } from "node:fs";

const file = process.argv[2] ?? "test-results/figures.jsonl";
if (!existsSync(file)) {
  console.log(`sweep figures: none (${file} not written)`);
  process.exit(0);
}
const rows = readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line));
const routes = new Set(rows.map((row) => row.route));
const seeds = new Set(rows.map((row) => row.seed).filter(Boolean));
console.log(`sweep: ${routes.size} routes, ${rows.length} pages`);
// A sampled sweep (CI) names its seed, which STATION_SWEEP_SEED replays.
for (const seed of seeds) console.log(`  sampled with STATION_SWEEP_SEED=${seed} (STATION_SWEEP_ALL=1 sweeps every variant)`);
const modes = new Map();
for (const row of rows) {
  const key = `${row.mode} ${row.locale}`;
  const seen = modes.get(key) ?? { pages: 0, text: Infinity, target: Infinity };
  seen.pages += 1;
  // A page with no text or no control (the display screen has none) wrote null (Infinity in
  // JSON), which Math.min would take for 0.
  if (row.smallestText != null) seen.text = Math.min(seen.text, row.smallestText);
  if (row.smallestTarget != null) seen.target = Math.min(seen.target, row.smallestTarget);
  modes.set(key, seen);
}
for (const [key, seen] of [...modes].sort()) {
  console.log(`  ${key.padEnd(16)} ${String(seen.pages).padStart(4)} pages, smallest text ${seen.text} px, smallest target ${seen.target} px`);
}
