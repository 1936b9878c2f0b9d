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

// wasm-bindgen names each import of the glue `__wbg_<name>_<16 hex digits>`: in the wasm's import
// section and as a key of the glue's import object, twice per import, and the hex does not
// compress (~4 KiB brotli per area, bench/floor.md). Both get short names (`a`, `b`, … `aB`): an
// import whose long name occurs in the glue exactly once (as that key) is renamed in both files,
// as is the module they are imported from. A pair that no longer matches fails to link on load.
const wasmFor = (js) => {
  const bin = basename(js).match(hashed)?.[1];
  const dir = dirname(js);
  const found = readdirSync(dir).filter((name) => name.startsWith(`${bin}-`) && name.endsWith("_bg.wasm"));
  return found.length === 1 ? join(dir, found[0]) : null;
};
const shortName = (n) => {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  do { name += letters[n % letters.length]; n = Math.floor(n / letters.length); } while (n > 0);
  return name;
};
function leb(bytes, at) {
  let value = 0, shift = 0, byte;
  do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [value, at];
}
function encodeLeb(value) {
  const out = [];
  do { let byte = value % 128; value = Math.floor(value / 128); if (value > 0) byte |= 0x80; out.push(byte); } while (value > 0);
  return Buffer.from(out);
}
const wasmName = (text) => Buffer.concat([encodeLeb(Buffer.byteLength(text)), Buffer.from(text)]);
// The name as a whole identifier (not a part of a longer one).
const token = (name) => new RegExp(`(?<![\\w$])${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(?![\\w$])`);
const tokenCount = (js, name) => js.split(token(name)).length - 1;
function shortenImports(js, wasm) {
  const sections = [];
  let imports = null;
  for (let at = 8; at < wasm.length;) {
    const id = wasm[at];
    const [length, start] = leb(wasm, at + 1);
    sections.push({ id, start: at, body: start, end: start + length });
    if (id === 2) imports = sections.at(-1);
    at = start + length;
  }
  if (!imports) return { js, wasm };
  const renamed = new Map();
  const entries = [];
  let [count, at] = leb(wasm, imports.body);
  for (let i = 0; i < count; i++) {
    let length;
    [length, at] = leb(wasm, at);
    const module = wasm.subarray(at, at + length).toString();
    at += length;
    [length, at] = leb(wasm, at);
    const field = wasm.subarray(at, at + length).toString();
    at += length;
    // The import's description, copied as it is: a function's type, a table, a memory, a global.
    const descStart = at;
    const kind = wasm[at++];
    if (kind === 0 || kind === 4) [, at] = leb(wasm, at + (kind === 4 ? 1 : 0));
    else if (kind === 1 || kind === 2) {
      if (kind === 1) at++;
      const flags = wasm[at++];
      [, at] = leb(wasm, at);
      if (flags & 1) [, at] = leb(wasm, at);
    } else if (kind === 3) at += 2;
    else throw new Error(`minify: unknown import kind ${kind}`);
    entries.push({ module, field, desc: wasm.subarray(descStart, at) });
  }
  const moduleKey = (module) => `"${module}"`;
  const modules = new Set(entries.map((entry) => entry.module));
  const newModule = new Map();
  for (const module of modules) {
    if (js.split(moduleKey(module)).length - 1 !== 1) continue;
    newModule.set(module, shortName(newModule.size));
    js = js.replace(moduleKey(module), moduleKey(newModule.get(module)));
  }
  const body = [encodeLeb(count)];
  for (const { module, field, desc } of entries) {
    let name = field;
    if (newModule.has(module) && tokenCount(js, field) === 1) {
      name = renamed.get(field) ?? shortName(renamed.size);
      renamed.set(field, name);
      js = js.replace(token(field), name);
    }
    body.push(wasmName(newModule.get(module) ?? module), wasmName(name), desc);
  }
  const section = Buffer.concat(body);
  wasm = Buffer.concat([
    wasm.subarray(0, imports.start),
    Buffer.from([2]),
    encodeLeb(section.length),
    section,
    wasm.subarray(imports.end),
  ]);
  return { js, wasm, renamed: renamed.size };
}

// server_fn's stream classes (IntoUnderlyingSink, …): index.html's wasm-opt parameters remove
// their exports from the wasm, so their classes in the glue could never work; they go too, once
// nothing of theirs is left in the wasm (~0.3 KiB brotli per area).
function dropDeadClasses(js, wasm) {
  const exported = exportNames(wasm);
  const classes = [...js.matchAll(/^export class (IntoUnderlying\w+) \{$/gm)].map((m) => m[1]);
  for (const name of classes) {
    const block = new RegExp(`^export class ${name} \\{\\n[\\s\\S]*?\\n\\}\\nif \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`, "m");
    const body = js.match(block)?.[0];
    if (!body) continue;
    const uses = [...body.matchAll(/wasm\.(\w+)\(/g)].map((m) => m[1]);
    if (uses.some((use) => exported.has(use))) continue;
    js = js.replace(block, "");
    js = js.replace(new RegExp(`^const ${name}Finalization = [^;]*;\\n`, "m"), "");
  }
  return js;
}
function exportNames(wasm) {
  const names = new Set();
  for (let at = 8; at < wasm.length;) {
    const id = wasm[at];
    const [length, start] = leb(wasm, at + 1);
    if (id === 7) {
      let [count, p] = leb(wasm, start);
      for (let i = 0; i < count; i++) {
        let size;
        [size, p] = leb(wasm, p);
        names.add(wasm.subarray(p, p + size).toString());
        p += size + 1;
        [, p] = leb(wasm, p);
      }
    }
    at = start + length;
  }
  return names;
}

// Trunk's names: `<name>-<hash>.<ext>`, the hash in up to 16 hex digits (fewer when it began
// with zeros).
const hashed = /^(.*)-[0-9a-f]{8,16}\.(js|css)$/;
const renames = new Map(); // old file name → new file name
const integrities = new Map(); // old integrity → new integrity
let shortenedImports = 0;
for (const path of files(dist, [".js", ".css"])) {
  const match = basename(path).match(hashed);
  if (!match) continue;
  const source = readFileSync(path);
  const loader = match[2];
  let text = source.toString("utf8");
  const wasmPath = loader === "js" ? wasmFor(path) : null;
  if (wasmPath) {
    const wasm = readFileSync(wasmPath);
    const shortened = shortenImports(dropDeadClasses(text, wasm), wasm);
    text = shortened.js;
    const stem = basename(wasmPath).match(/^(.*)-[0-9a-f]{8,16}_bg\.wasm$/)[1];
    const name = `${stem}-${contentHash(shortened.wasm)}_bg.wasm`;
    writeFileSync(join(dirname(wasmPath), name), shortened.wasm);
    if (name !== basename(wasmPath)) unlinkSync(wasmPath);
    renames.set(basename(wasmPath), name);
    integrities.set(sri(wasm), sri(shortened.wasm));
    shortenedImports += shortened.renamed;
  }
  const { code } = transformSync(text, {
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
  // The entry page is part of every first load: its inline script minified, its comments and
  // indentation gone (~0.45 KiB brotli per area). The CSP hashes below are of these bytes.
  html = html
    .replace(/<script>([\s\S]*?)<\/script>/g, (_, body) => `<script>${transformSync(body, { minify: true, target: "es2017" }).code.trim()}</script>`)
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/\n\s+/g, "\n");
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
console.log(`minified ${renames.size} file(s), ${shortenedImports} wasm import(s) renamed; ${checked} integrity hash(es) checked`);

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
