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
// Both are filled all at once by the pre-class check's "Prepare for offline". Every other request
// goes to the network. A new version waits until no tab runs the old one (no skipWaiting on
// install), so an open lesson never mixes files of two versions; a page may ask it to take over
// ("skip-waiting"), and then reloads itself.
const VERSION = "__VERSION__";
const CACHE = `backprop-lab-${VERSION}`;
const RUNTIME_CACHE = "backprop-lab-runtime-__RUNTIME_VERSION__";
const SHELL = __SHELL__;          // cached when this worker installs
const ON_DEMAND = __ON_DEMAND__;  // cached when used, or by "prepare"
const RUNTIME = __RUNTIME__;      // cached when used, or by "prepare", in RUNTIME_CACHE
const scoped = (u) => new URL(u, self.registration.scope).href;
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

self.addEventListener("fetch", (event) => {
  const key = keyOf(event.request);
  if (!key) return;   // not ours to keep: the network answers as usual
  // Files of one version never change: the cache first, then the network (and keep a copy).
  event.respondWith(cacheOf(key).then(async (cache) => {
    const hit = await cache.match(key, { ignoreVary: true });
    if (hit) return hit;
    const response = await fetch(key === INDEX ? fresh(INDEX) : event.request);
    if (response.ok && response.type !== "opaque") {
      fromNetwork.set(key, Number(response.headers.get("content-length")) || 0);
      cache.put(key, response.clone());
    }
    return response;
  }));
});

/** Which known files are in the caches: {version, total, cached, missing: [urls]}. */
async function cacheStatus() {
  const all = [...KNOWN];
  const have = await Promise.all(all.map((u) => cacheOf(u).then((c) => c.match(u, { ignoreVary: true })).then(Boolean)));
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
    const body = await response.clone().arrayBuffer();
    await (await cacheOf(url)).put(url, response);
    bytes += body.byteLength;
    port.postMessage({ type: "progress", done: ++done, total: missing.length, bytes });
  }
  let held = 0;   // the size of everything the caches now hold for this version
  for (const url of KNOWN) {
    const hit = await (await cacheOf(url)).match(url, { ignoreVary: true });
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
