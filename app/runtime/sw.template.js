// Backprop Lab's service worker (build.py fills in the versions and the file lists).
//
// It caches only files it knows, in two caches:
// - the app's cache, named by the build's version: SHELL (the app's own files, small), cached when
//   this worker installs, and ON_DEMAND (the rest of the site: the deck, fonts), cached when first used;
// - the runtime's cache, named by a hash of the Python runtime's files: RUNTIME (Pyodide, numpy and
//   every package a lesson can load), cached when first used, through this worker: a first visit
//   downloads them once (the page starts Python only once this worker controls it). It is kept
//   across new versions of the app while the runtime's files stay the same, so a deploy does not
//   make every student download 13 MB again.
// Both are filled all at once by the pre-class check's "Prepare for offline".
// Nothing is served from a cache unchecked: every response, cached or about to be, must match the
// sha256 the build recorded for its file (HASHES). Code that reaches the Cache API (a student's, or a
// link's, through js.eval) can write into these caches, but what it writes is never served: a cached
// response that does not match is deleted and the file fetched again. Every other request
// goes to the network. A new version waits until no tab runs the old one (no skipWaiting on
// install), so an open lesson never mixes files of two versions; a page may ask it to take over
// ("skip-waiting"), and then reloads itself.
const VERSION = "__VERSION__";
const CACHE = `backprop-lab-${VERSION}`;
const RUNTIME_CACHE = "backprop-lab-runtime-__RUNTIME_VERSION__";
const SHELL = __SHELL__;          // cached when this worker installs
const ON_DEMAND = __ON_DEMAND__;  // cached when used, or by "prepare"
const RUNTIME = __RUNTIME__;      // cached when used, or by "prepare", in RUNTIME_CACHE
const HASHES = __HASHES__;        // file -> the sha256 (hex) of its bytes, as built
const scoped = (u) => new URL(u, self.registration.scope).href;
const HASH = new Map(Object.entries(HASHES).map(([u, h]) => [scoped(u), h]));
const IN_RUNTIME = new Set(RUNTIME.map(scoped));
const KNOWN = new Set([...SHELL, ...ON_DEMAND, ...RUNTIME].map(scoped));
const INDEX = scoped("index.html");
const cacheOf = (url) => caches.open(IN_RUNTIME.has(url) ? RUNTIME_CACHE : CACHE);
// url -> bytes this worker fetched from the network for a page (as sent: Content-Length), so the
// pre-class check can count what crossed the network although the page saw it come from here.
const fromNetwork = new Map();

// Straight from the server, never from the HTTP cache: a new version must not be filled with old files.
const fresh = (url) => new Request(url, { cache: "reload" });

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL.map(fresh))));
});

self.addEventListener("activate", (event) => {
  const keep = [CACHE, RUNTIME_CACHE];
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("backprop-lab-") && !keep.includes(k)).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

/** The cache key of a request: a known file, or the page itself for a navigation; else null. */
function keyOf(request) {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  url.hash = "";
  if (request.mode === "navigate" && url.origin === self.location.origin &&
      (url.href.split("?")[0] === scoped("./") || url.href.split("?")[0] === INDEX)) return INDEX;
  return KNOWN.has(url.href) ? url.href : null;
}

/** True when `response`'s body is the file the build made for `key` (its sha256 matches). */
async function genuine(response, key) {
  const want = HASH.get(key);
  if (!want || !response) return false;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer()));
  return [...digest].map((x) => x.toString(16).padStart(2, "0")).join("") === want;
}

/** The cached response for `key` if it is genuine; a planted or damaged one is deleted, never served. */
async function checkedHit(cache, key) {
  const hit = await cache.match(key, { ignoreVary: true });
  if (!hit) return null;
  if (await genuine(hit, key)) return hit;
  await cache.delete(key, { ignoreVary: true });
  return null;
}

self.addEventListener("fetch", (event) => {
  const key = keyOf(event.request);
  if (!key) return;   // not ours to keep: the network answers as usual
  // Files of one version never change: the cache first (if genuine), then the network (and keep a
  // copy, if genuine).
  event.respondWith(cacheOf(key).then(async (cache) => {
    const hit = await checkedHit(cache, key);
    if (hit) return hit;
    const response = await fetch(key === INDEX ? fresh(INDEX) : event.request);
    if (response.ok && response.type !== "opaque" && await genuine(response, key)) {
      fromNetwork.set(key, Number(response.headers.get("content-length")) || 0);
      await cache.put(key, response.clone());
    }
    return response;
  }));
});

/** Which known files are in the caches, genuine: {version, total, cached, missing: [urls]}. */
async function cacheStatus() {
  const all = [...KNOWN];
  const have = await Promise.all(all.map((u) => cacheOf(u).then((c) => checkedHit(c, u)).then(Boolean)));
  return { version: VERSION, total: all.length, cached: have.filter(Boolean).length,
           missing: all.filter((_, i) => !have[i]) };
}

/** Fetch every known file that is not cached yet; report progress on `port`. */
async function prepare(port) {
  const { missing } = await cacheStatus();
  let bytes = 0, done = 0;
  for (const url of missing) {
    const response = await fetch(fresh(url));
    if (!response.ok) throw new Error(`${url.split("/").pop()}: HTTP ${response.status}`);
    if (!(await genuine(response, url))) throw new Error(`${url.split("/").pop()} is not the file this version was built with`);
    const body = await response.clone().arrayBuffer();
    await (await cacheOf(url)).put(url, response);
    bytes += body.byteLength;
    port.postMessage({ type: "progress", done: ++done, total: missing.length, bytes });
  }
  let held = 0;   // the size of everything the caches now hold for this version
  for (const url of KNOWN) {
    const hit = await checkedHit(await cacheOf(url), url);
    if (hit) held += (await hit.arrayBuffer()).byteLength;
  }
  return { ...(await cacheStatus()), fetched: bytes, held };
}

self.addEventListener("message", (event) => {
  const port = event.ports[0];
  const { type } = event.data || {};
  const reply = (work) => work.then((result) => port && port.postMessage({ type: "done", result }),
    (err) => port && port.postMessage({ type: "error", message: err.message || String(err) }));
  if (type === "status") reply(cacheStatus());
  else if (type === "prepare") reply(prepare(port));
  else if (type === "fetched") reply(Promise.resolve(Object.fromEntries(fromNetwork)));
  else if (type === "skip-waiting") reply(self.skipWaiting().then(() => ({ version: VERSION })));
});
