// Writes dist/sw.js (public/sw.js after this build's `BUILD`: its version, every area's folder,
// and the shell to precache: the entry pages of the areas areas.json marks `offline`, the files
// they load, the language files and config.json) and copies the web manifest and its icons to
// dist/. Run on dist/ after minify.mjs (the files' final names) and locales.mjs, before
// precompress.mjs.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const dist = process.argv[2] ?? "dist";
const areas = JSON.parse(readFileSync("areas.json", "utf8")).areas;
const folderOf = (prefix) => (prefix ? `/${prefix}/` : "/");

const entries = areas.flatMap((area) => (area.prefixes.length ? area.prefixes : [""]).map(folderOf));
const precache = new Set(["/config.json", "/locales/en.json", "/locales/zh-TW.json", "/manifest.webmanifest"]);
for (const area of areas.filter((area) => area.offline)) {
  const folder = folderOf(area.prefixes[0] ?? "");
  precache.add(folder);
  const html = readFileSync(join(dist, folder, "index.html"), "utf8");
  // What the entry page loads itself.
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = tag.match(/\brel=["']?([^"'\s>]+)/)?.[1];
    const href = tag.match(/\bhref=["']?([^"'\s>]+)/)?.[1];
    if (href && ["modulepreload", "preload", "stylesheet", "icon"].includes(rel)) precache.add(href);
  }
}
for (const name of ["manifest.webmanifest", "favicon.png", "icon-192.png", "icon-512.png", "icon-maskable-512.png"]) {
  copyFileSync(join("public", name), join(dist, name));
}
// The version: what the shell holds, by content (a new build of the same files is no update).
const version = createHash("sha256");
for (const href of [...precache].sort()) {
  const file = href.endsWith("/") ? join(dist, href, "index.html") : join(dist, href);
  version.update(href).update(readFileSync(file));
}
version.update(readFileSync("public/sw.js"));
const build = { version: version.digest("hex").slice(0, 16), entries, precache: [...precache] };
writeFileSync(join(dist, "sw.js"), `const BUILD = ${JSON.stringify(build)};\n${readFileSync("public/sw.js", "utf8")}`);
console.log(`service worker ${build.version}: ${build.precache.length} files precached`);
