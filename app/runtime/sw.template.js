// Backprop Lab's service worker (build.py fills in the version and the file lists).
//
// It caches only files it knows: SHELL (the app, the Python runtime and numpy), cached when it
// installs, and ON_DEMAND (every other file of the site and every package file a lesson can load),
// cached when first used or all at once by the pre-class check's "Prepare for offline". Every other request goes to the network.
// The cache is named by the build's version. A new version waits until no tab runs the old one (no
// skipWaiting on install), so an open lesson never mixes files of two versions; a page may ask it
// to take over ("skip-waiting"), and then reloads itself.
const VERSION = "__VERSION__";
const CACHE = `backprop-lab-${VERSION}`;
const SHELL = __SHELL__;          // cached when this worker installs
const ON_DEMAND = __ON_DEMAND__;  // cached when used, or by "prepare"
const scoped = (u) => new URL(u, self.registration.scope).href;
const KNOWN = new Set([...SHELL, ...ON_DEMAND].map(scoped));
const INDEX = scoped("index.html");

// Straight from the server, never from the HTTP cache: a new version must not be filled with old files.
const fresh = (url) => new Request(url, { cache: "reload" });

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL.map(fresh))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("backprop-lab-") && k !== CACHE).map((k) => caches.delete(k))))
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
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const hit = await cache.match(key, { ignoreVary: true });
    if (hit) return hit;
    const response = await fetch(key === INDEX ? fresh(INDEX) : event.request);
    if (response.ok && response.type !== "opaque") cache.put(key, response.clone());
    return response;
  }));
});

/** Which known files are in the cache: {version, total, cached, missing: [urls]}. */
async function cacheStatus() {
  const cache = await caches.open(CACHE);
  const all = [...KNOWN];
  const have = await Promise.all(all.map((u) => cache.match(u, { ignoreVary: true }).then(Boolean)));
  return { version: VERSION, total: all.length, cached: have.filter(Boolean).length,
           missing: all.filter((_, i) => !have[i]) };
}

/** Fetch every known file that is not cached yet; report progress on `port`. */
async function prepare(port) {
  const cache = await caches.open(CACHE);
  const { missing } = await cacheStatus();
  let bytes = 0, done = 0;
  for (const url of missing) {
    const response = await fetch(fresh(url));
    if (!response.ok) throw new Error(`${url.split("/").pop()}: HTTP ${response.status}`);
    const body = await response.clone().arrayBuffer();
    await cache.put(url, response);
    bytes += body.byteLength;
    port.postMessage({ type: "progress", done: ++done, total: missing.length, bytes });
  }
  let held = 0;   // the size of everything the cache now holds for this version
  for (const url of KNOWN) {
    const hit = await cache.match(url, { ignoreVary: true });
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
  else if (type === "skip-waiting") reply(self.skipWaiting().then(() => ({ version: VERSION })));
});
