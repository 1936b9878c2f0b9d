// The journey people take most between two areas (日历 ↔ 我的) is a page load: each area's
// entry page names, in `<meta name="station-prefetch">`, the wasm, script and stylesheets of the
// area people most often open next (areas.json's `next`); the entry page's script asks the browser
// for them (`rel=prefetch`) once the first screen is drawn and the page is idle, so that the tap
// finds them in the HTTP cache without having taken the slow link from the first load (as links
// in the head did: bench/nav's cold `/` 1.84 → 2.29 s). bench/size does not count them.
// Run after the files have their final names (scripts/minify.mjs).
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";

const dist = process.argv[2] ?? "dist";
const { areas } = JSON.parse(readFileSync("areas.json", "utf8"));

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

// `built`: the page as the build left it, before any other area's files were named in it (and
// without them, so that running this again gives the same pages).
const pages = htmlFiles(dist).map((path) => {
  const built = readFileSync(path, "utf8").replace(/<meta name="station-prefetch"[^>]*>/, "");
  return { path, html: built, built };
});
// The entry pages of an area: those that load its binary's wasm.
const pagesOf = (area) => pages.filter(({ built }) => new RegExp(`/${area.bin}-[0-9a-f]{8,16}_bg\\.wasm`).test(built));

let added = 0;
for (const area of areas.filter((area) => area.next)) {
  const next = areas.find((other) => other.name === area.next);
  if (!next) throw new Error(`prefetch: areas.json: ${area.name}'s next area ${area.next} does not exist`);
  const [target] = pagesOf(next);
  if (!target) throw new Error(`prefetch: no entry page loads ${next.bin}`);
  // What the next area's page loads first: its module script, its wasm, its stylesheets.
  const files = [...target.built.matchAll(/<link\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => /rel=["']?(modulepreload|stylesheet)\b/.test(tag) || /_bg\.wasm/.test(tag))
    .map((tag) => tag.match(/href=["']?([^"'\s>]+)/)?.[1])
    .filter(Boolean);
  const pagesHere = pagesOf(area);
  if (pagesHere.length === 0) throw new Error(`prefetch: no entry page loads ${area.bin}`);
  for (const page of pagesHere) {
    const hrefs = files.filter((href) => !page.html.includes(`"${href}"`));
    if (hrefs.length === 0) continue;
    page.html = page.html.replace("</head>", `<meta name="station-prefetch" content="${hrefs.join(" ")}"></head>`);
    writeFileSync(page.path, page.html);
    added += 1;
  }
}
console.log(`prefetch: ${added} entry page(s) name the next area's files`);
