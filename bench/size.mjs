// The first page load fetches index.html, what it links (script, module preloads, wasm, css,
// icon) and config.json. Each is measured as sent: raw, gzip -9 and brotli q11.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const BUDGET_BROTLI = 200 * 1024;
const dist = process.argv[2] ?? "dist";
const html = readFileSync(join(dist, "index.html"), "utf8");

const linked = new Set(["index.html", "config.json"]);
for (const [, url] of html.matchAll(/(?:href|src)=["']([^"':]+)["']/g)) {
  linked.add(url.replace(/^\//, ""));
}
// Trunk's bootstrap imports the wasm by name from the script; it is fetched too.
for (const [, url] of html.matchAll(/['"]\/?([\w.-]+_bg\.wasm)['"]/g)) linked.add(url);

const rows = [];
for (const file of linked) {
  const path = join(dist, file);
  if (!existsSync(path)) continue;
  const raw = readFileSync(path);
  const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  rows.push({ file, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, brotli });
}
if (!rows.some((row) => row.file.endsWith(".wasm"))) {
  console.error("bench/size: no .wasm found among the files index.html links; is dist/ built?");
  process.exit(1);
}

const kb = (n) => (n / 1024).toFixed(1).padStart(8);
console.log(`${"file".padEnd(48)} ${"raw KB".padStart(8)} ${"gzip KB".padStart(8)} ${"br KB".padStart(8)}`);
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const row of rows.sort((a, b) => b.brotli - a.brotli)) {
  console.log(`${row.file.padEnd(48)} ${kb(row.raw)} ${kb(row.gzip)} ${kb(row.brotli)}`);
  for (const key of Object.keys(total)) total[key] += row[key];
}
console.log(`${"total".padEnd(48)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
console.log(`budget: brotli total ≤ ${BUDGET_BROTLI / 1024} KB → ${total.brotli <= BUDGET_BROTLI ? "within" : "OVER"}`);
process.exit(total.brotli <= BUDGET_BROTLI ? 0 : 1);
