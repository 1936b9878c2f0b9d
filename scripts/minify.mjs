// Minifies the JavaScript and CSS that Trunk writes into dist/ (wasm-bindgen's glue and the
// stylesheet; ~2.4 KB of brotli per area) with esbuild, in place of Trunk's own minifier, which
// is known to break wasm-bindgen glue. Each minified file gets a name from its own content, as
// Trunk's files do, since they are cached for a year; the entry pages are rewritten to match
// (names and subresource-integrity hashes) and then checked: every integrity hash must match
// the file it names, or the build fails.
import { readdirSync, readFileSync, writeFileSync, statSync, unlinkSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, extname, basename, dirname } from "node:path";
import { transformSync } from "esbuild";

const dist = process.argv[2] ?? "dist";
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
const contentHash = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

function files(dir, extensions) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, extensions);
    return extensions.includes(extname(name)) ? [path] : [];
  });
}

// Trunk's names: `<name>-<hash>.<ext>`, the hash in up to 16 hex digits (fewer when it began
// with zeros).
const hashed = /^(.*)-[0-9a-f]{8,16}\.(js|css)$/;
const renames = new Map(); // old file name → new file name
const integrities = new Map(); // old integrity → new integrity
for (const path of files(dist, [".js", ".css"])) {
  const match = basename(path).match(hashed);
  if (!match) continue;
  const source = readFileSync(path);
  const loader = match[2];
  const { code } = transformSync(source.toString("utf8"), {
    loader,
    minify: true,
    ...(loader === "js" ? { format: "esm", target: "es2020" } : {}),
  });
  const minified = Buffer.from(code);
  const name = `${match[1]}-${contentHash(minified)}.${loader}`;
  writeFileSync(join(dirname(path), name), minified);
  if (name !== basename(path)) unlinkSync(path);
  renames.set(basename(path), name);
  integrities.set(sri(source), sri(minified));
}

let checked = 0;
for (const path of files(dist, [".html"])) {
  let html = readFileSync(path, "utf8");
  for (const [before, after] of [...renames, ...integrities]) html = html.split(before).join(after);
  writeFileSync(path, html);
  // Every integrity hash names its file's bytes.
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = tag.match(/href=["']?([^"'\s>]+)/)?.[1];
    const integrity = tag.match(/integrity=["']?([^"'\s>]+)/)?.[1];
    if (!href || !integrity) continue;
    const bytes = readFileSync(join(dist, href.replace(/^\//, "")));
    if (sri(bytes) !== integrity) {
      console.error(`minify: ${path}: ${href} does not match its integrity hash`);
      process.exit(1);
    }
    checked += 1;
  }
}
console.log(`minified ${renames.size} file(s); ${checked} integrity hash(es) checked`);

// The Content-Security-Policy allows no inline script but Trunk's bootstrap of each entry page
// and index.html's choice of language:
// its hash, over the very bytes the pages now hold, goes to csp.json, which the server reads
// (server/src/security_headers.rs).
const scriptHashes = new Set();
for (const path of files(dist, [".html"])) {
  const html = readFileSync(path, "utf8");
  for (const [, body] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    if (body.trim() === "") continue;
    scriptHashes.add(`sha256-${createHash("sha256").update(body, "utf8").digest("base64")}`);
  }
}
writeFileSync(join(dist, "csp.json"), JSON.stringify({ script_hashes: [...scriptHashes].sort() }, null, 2) + "\n");
console.log(`csp.json: ${scriptHashes.size} inline script hash(es)`);
