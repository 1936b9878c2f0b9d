// Minifies the JavaScript Trunk writes (wasm-bindgen's glue, ~1.7 KB of brotli per area) in place,
// and updates the subresource-integrity hashes that the entry pages carry for it. The file keeps
// its name: Trunk's hash names the unminified source, which the minified file follows one to one.
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, extname } from "node:path";
import { transformSync } from "esbuild";

const dist = process.argv[2] ?? "dist";
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

function files(dir, ext) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, ext);
    return extname(name) === ext ? [path] : [];
  });
}

const replaced = new Map();
for (const path of files(dist, ".js")) {
  const source = readFileSync(path);
  const { code } = transformSync(source.toString("utf8"), { minify: true, format: "esm", target: "es2020" });
  writeFileSync(path, code);
  replaced.set(sri(source), sri(Buffer.from(code)));
}
for (const path of files(dist, ".html")) {
  let html = readFileSync(path, "utf8");
  for (const [before, after] of replaced) html = html.split(before).join(after);
  writeFileSync(path, html);
}
console.log(`minified ${replaced.size} script(s)`);
