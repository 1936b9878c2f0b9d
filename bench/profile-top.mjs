// The functions a CPU profile (.cpuprofile, as bench/month --profile writes) spent its time in:
// by self time, and by total time (each sample counted once per function on its stack, so a
// recursive function is not counted twice). Idle and the profiler's own samples are left out.
// Usage: node bench/profile-top.mjs FILE [N]
import { readFileSync } from "node:fs";

const [file, count = "40"] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const name = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? ` ${url.split("/").pop()}:${lineNumber + 1}` : "";
  return `${functionName || "(anonymous)"}${functionName.startsWith("$") ? "" : where}`;
};
const ignored = new Set(["(idle)", "(program)", "(garbage collector)", "(root)"]);
const self = new Map();
const total = new Map();
let busy = 0;
profile.samples.forEach((id, index) => {
  const spent = (profile.timeDeltas[index + 1] ?? 0) / 1000;
  const node = byId.get(id);
  if (ignored.has(node.callFrame.functionName) && node.callFrame.functionName !== "(garbage collector)") return;
  busy += spent;
  self.set(name(node), (self.get(name(node)) ?? 0) + spent);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const key = name(byId.get(at));
    if (seen.has(key) || ignored.has(byId.get(at).callFrame.functionName)) continue;
    seen.add(key);
    total.set(key, (total.get(key) ?? 0) + spent);
  }
});
const top = (map) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(count))
    .map(([key, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${key.slice(0, 200)}`)
    .join("\n");
console.log(`busy (not idle): ${busy.toFixed(1)} ms\n\n== self time\n${top(self)}\n\n== total time\n${top(total)}`);
