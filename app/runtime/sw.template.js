// Backprop Lab's service worker (build.py fills in the version and the file list).
// Once a page has been visited, everything it fetched is cached, so it keeps working offline.
// The cache is named by the build's version: a new deploy brings a new worker, which drops
// the old cache when it takes over.
const VERSION = "__VERSION__";
const CACHE = `backprop-lab-${VERSION}`;
const SHELL = __SHELL__;          // the app's own files, cached when this worker installs
const REMOTE = __REMOTE__;        // the pinned Pyodide CDN folder, or ""

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("backprop-lab-") && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  const ours = url.origin === self.location.origin || (REMOTE && request.url.startsWith(REMOTE));
  if (request.method !== "GET" || !ours) return;
  // Files of one version never change: the cache first, then the network (and keep a copy).
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const key = request.url.split("#")[0];
    const hit = await cache.match(key, { ignoreVary: true });
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok && response.type !== "opaque") cache.put(key, response.clone());
    return response;
  }));
});
