// Every area's first page load, each within the budget. A first page load fetches its entry's
// index.html, what it links (script, module preloads, wasm, css, icon, web manifest) and
// config.json. Each is
// measured as sent: raw, gzip -9 and brotli q11.
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const BUDGET_BROTLI = 160 * 1024;
const dist = process.argv[2] ?? "dist";
// Each area of the app is its own entry page and bundle (src/bundle.rs); each first load counts.
// An area's entry is copied into the folder of each of its prefixes: it is measured once, under
// the first of them.
const entries = [];
const seen = new Map();
(function walk(folder) {
  const index = join(dist, folder, "index.html");
  if (existsSync(index)) {
    const html = readFileSync(index, "utf8");
    if (!seen.has(html)) seen.set(html, []);
    // The area's own folder (its files are there) first.
    if (folder && new RegExp(`[="']/${folder}/`).test(html)) seen.get(html).unshift(folder);
    else seen.get(html).push(folder);
  }
  for (const entry of readdirSync(join(dist, folder), { withFileTypes: true })) {
    if (entry.isDirectory()) walk(folder ? `${folder}/${entry.name}` : entry.name);
  }
})("");
for (const folders of seen.values()) entries.push(folders[0]);
// KiB: 1024 bytes.
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
let withinBudget = entries.length > 0;

for (const area of entries) {
  // What a page would fetch only when idle (rel=prefetch), and the icon only Safari fetches for
  // a home screen, are no part of the first load.
  const page = readFileSync(join(dist, area, "index.html"), "utf8");
  const html = page.replace(
    /<link\b[^>]*\brel=["']?(prefetch|apple-touch-icon)\b[^>]*>/g,
    "",
  );
  // config.json is fetched by every entry, from the root.
  const linked = new Set([join(area, "index.html"), "config.json"]);
  // Quoted or, in minified HTML, bare attribute values.
  for (const [, quoted, bare] of html.matchAll(/(?:href|src)=(?:["']([^"':]+)["']|([^\s"'>:]+))/g)) {
    linked.add((quoted ?? bare).replace(/^\//, ""));
  }
  // Trunk's bootstrap imports the wasm by name from the script; it is fetched too.
  for (const [, url] of html.matchAll(/['"]\/?([\w./-]+_bg\.wasm)['"]/g)) linked.add(url);

  const rows = [];
  for (const file of linked) {
    const path = join(dist, file);
    if (!existsSync(path)) continue;
    const raw = readFileSync(path);
    const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    rows.push({ file, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, brotli });
  }
  if (!rows.some((row) => row.file.endsWith(".wasm"))) {
    console.error(`bench/size: no .wasm among the files /${area} links; is dist/ built?`);
    process.exit(1);
  }

  const also = seen.get(page).slice(1).map((folder) => `/${folder}`);
  console.log(`\nfirst load of /${area}${also.length ? ` (also ${also.join(", ")})` : ""}`);
  console.log(`${"file".padEnd(48)} ${"raw KiB".padStart(8)} ${"gzip KiB".padStart(8)} ${"br KiB".padStart(8)}`);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const row of rows.sort((a, b) => b.brotli - a.brotli)) {
    console.log(`${row.file.padEnd(48)} ${kb(row.raw)} ${kb(row.gzip)} ${kb(row.brotli)}`);
    for (const key of Object.keys(total)) total[key] += row[key];
  }
  console.log(`${"total".padEnd(48)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
  const within = total.brotli <= BUDGET_BROTLI;
  console.log(`budget: brotli total ≤ ${BUDGET_BROTLI / 1024} KiB → ${within ? "within" : "OVER"}`);
  withinBudget &&= within;
}
process.exit(withinBudget ? 0 : 1);
