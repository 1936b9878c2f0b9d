// The station's service worker: the app keeps opening, and shows the last data it had, without
// a network. `BUILD` (above, written by scripts/service-worker.mjs) names this build's version,
// every area's folder (`entries`) and the files of its shell: the entry pages and files of the
// areas a resident opens (areas.json's `offline`).
//
// - The shell is precached on install, in a cache of this version; a new version takes over at
//   once (skipWaiting), but a page already open keeps the code it runs — the new one serves the
//   next navigation, never a form half filled in. Older versions' caches go on activate.
// - A page (a navigation) comes from the network, else from the shell: the entry page of its area.
//   (Network first on purpose: a page carries its Content-Security-Policy, whose connect-src
//   follows config.json, and names this build's files; a shell page after a deploy or a new
//   API address would run the old build or be refused its API.)
// - A content-hashed file (…-<hash>.js, .wasm, .css) comes from the cache, else the network (such a
//   name never changes content).
// - An API read (GET /api/…) comes from the network; its answer is kept, and given back when the
//   network is gone, marked `X-Station-Offline: <when it was fetched>` so that the app says
//   "离线 · 更新于 14:05". Never kept: an answer the server marked `no-store` (a personal export,
//   …) or asked for with `cache: "no-store"` (the app's requests in a shared computer's
//   session). Answers for a signed-in person are kept apart and dropped at sign-out
//   (the app deletes the "station-private" cache). A photo (/api/v1/photos/…) is left to the
//   browser's own cache.
// Network-first rather than stale-while-revalidate for reads: places left change with every
// sign-up, and a stale count shown to someone online would mislead them.
const SHELL = `station-shell-${BUILD.version}`;
const PUBLIC = "station-public";
const PRIVATE = "station-private";
const HASHED = /-[0-9a-f]{8,64}(_bg)?\.(js|wasm|css|svg|png)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(BUILD.precache))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("station-shell-") && name !== SHELL).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request, url));
  } else if (url.pathname.startsWith("/api/v1/photos/")) {
    // A photo is the browser's to keep (a year, by its address): an <img> carries no session,
    // so here a nominee's photo under review would land among what anyone may be shown.
    return;
  } else if (url.pathname.startsWith("/api/")) {
    event.respondWith(read(request));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(cachedFirst(request));
  } else if (BUILD.precache.includes(url.pathname)) {
    // config.json, a language file, the manifest: fresh when there is a network.
    event.respondWith(fromNetworkElseShell(request));
  }
});

/** The entry page of the area a path lies in: its longest prefix that is an area's folder. */
function entryOf(pathname) {
  const segments = pathname.split("/").filter(Boolean).slice(0, 2);
  for (let depth = segments.length; depth > 0; depth--) {
    const entry = `/${segments.slice(0, depth).join("/")}/`;
    if (BUILD.entries.includes(entry)) return entry;
  }
  return "/";
}

async function page(request, url) {
  try {
    return await fetch(request);
  } catch (offline) {
    const shell = await caches.open(SHELL);
    const entry = await shell.match(entryOf(url.pathname));
    if (entry) return entry;
    throw offline;
  }
}

async function fromNetworkElseShell(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const kept = await (await caches.open(SHELL)).match(request);
    if (kept) return kept;
    throw offline;
  }
}

async function cachedFirst(request) {
  // Whatever the request's headers: the server's answers vary by Origin (its CORS layer), and a
  // module script is asked for with one while the shell was precached without — such a name
  // has one content, so the kept copy is the answer (else a page loaded again offline right
  // after the install finds its script missing).
  const cached = await caches.match(request, { ignoreVary: true });
  if (cached) return cached;
  const answer = await fetch(request);
  if (answer.ok) {
    const shell = await caches.open(SHELL);
    await shell.put(request, answer.clone());
  }
  return answer;
}

async function read(request) {
  if (request.cache === "no-store") return fetch(request);
  const signedIn = request.headers.has("Authorization");
  const store = signedIn ? PRIVATE : PUBLIC;
  try {
    const answer = await fetch(request);
    const policy = answer.headers.get("Cache-Control") ?? "";
    if (answer.ok && !/no-store/i.test(policy)) {
      const headers = new Headers(answer.headers);
      headers.set("X-Station-Fetched-At", new Date().toISOString());
      const kept = new Response(await answer.clone().blob(), { status: answer.status, statusText: answer.statusText, headers });
      const cache = await caches.open(store);
      await cache.put(request, kept);
    }
    return answer;
  } catch (offline) {
    // A signed-in person's read, else what anyone was answered (the calendar read before
    // signing in): the public cache holds only answers to requests without a session, which
    // vary by `Authorization` — ignored here, where a public answer is wanted.
    const kept = (await (await caches.open(store)).match(request)) ?? (signedIn ? await (await caches.open(PUBLIC)).match(request, { ignoreVary: true }) : undefined);
    if (!kept) throw offline;
    const headers = new Headers(kept.headers);
    headers.set("X-Station-Offline", kept.headers.get("X-Station-Fetched-At") ?? "");
    return new Response(kept.body, { status: kept.status, statusText: kept.statusText, headers });
  }
}
