// Writes every locale but the default (zh-CN, compiled into the app) as the app loads it at run
// time: `<dist>/locales/<tag>.json`, a flat JSON list — the fingerprint of the keys, then every
// string in the order of the default locale's sorted keys. build.rs computes the same
// fingerprint and order (`KEYS_FINGERPRINT`, `Messages::*`), so the app refuses a file of
// another build and falls back to zh-CN. build.rs has already checked each locale's keys and
// placeholders. Usage: node scripts/locales.mjs DIST_DIR
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const DEFAULT = "zh-CN";
const dist = process.argv[2];
if (!dist) throw new Error("usage: node scripts/locales.mjs DIST_DIR");

const read = (tag) => JSON.parse(readFileSync(join("locales", `${tag}.json`), "utf8"));
const shape = read(DEFAULT);

// Key paths and values in the order of the sorted keys at every level (keys are ASCII, so
// JavaScript's sort is Rust's byte order).
function flatten(shape, messages, prefix, paths, strings) {
  for (const key of Object.keys(shape).sort()) {
    const path = `${prefix}${key}`;
    if (typeof shape[key] === "object") {
      flatten(shape[key], messages[key], `${path}.`, paths, strings);
    } else {
      paths.push(path);
      strings.push(messages[key]);
    }
  }
}

// FNV-1a, 32 bits, over the key paths joined by newlines (ASCII: one byte per character).
function fingerprint(paths) {
  let hash = 0x811c9dc5;
  for (const char of paths.join("\n")) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

mkdirSync(join(dist, "locales"), { recursive: true });
for (const file of readdirSync("locales").filter((name) => name.endsWith(".json"))) {
  const tag = file.replace(/\.json$/, "");
  if (tag === DEFAULT) continue;
  const paths = [];
  const strings = [];
  flatten(shape, read(tag), "", paths, strings);
  if (strings.some((text) => typeof text !== "string")) throw new Error(`locales/${file}: a missing string`);
  writeFileSync(join(dist, "locales", `${tag}.json`), JSON.stringify([fingerprint(paths), ...strings]));
  console.log(`locales/${tag}.json: ${strings.length} strings`);
}
