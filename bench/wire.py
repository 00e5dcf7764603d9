"""Bytes on the wire per lesson: a cold visit in Chromium, counted by the server.

    .venv/bin/python bench/wire.py                   # every lesson, gzip on and off (~5-10 min here)
    .venv/bin/python bench/wire.py neuron playground # some lessons

Builds the offline site (Pyodide 0.17.1 vendored, gzip siblings) into a temp folder and serves
it with build.py serve's handler (serve.LabHandler, COOP/COEP on) on loopback. For each lesson
route, a fresh browser context (empty cache; the service worker allowed, as for a student's first
visit, so what it fetches counts too) opens the route, and the bytes the server writes (headers and
bodies of every response) are summed from the request until the lesson's main figure is drawn (the
figures and the "drawn" check are tests/cdn's). Four times: the service worker blocked (the
lesson's own files only) or allowed (its install-time precache of the app, the runtime and numpy
counts too), each with the server told not to compress and with gzip (the browser sends
Accept-Encoding: gzip, the server answers with the .gz siblings).
Prints MB per lesson and writes bench/out/wire.json. Exits 1 if the first lesson's own files take
more than 13 MB on the wire with gzip.
"""
import importlib.util
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))   # build.py and serve.py live at the repo root (backprop_lab is installed)
import build  # noqa: E402
import serve  # noqa: E402

_spec = importlib.util.spec_from_file_location("figures", ROOT / "tests" / "cdn" / "figures.py")
figures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(figures)   # each lesson's main figure, and when it counts as drawn
FIRST_LESSON_LIMIT_MB = 13.0
TIMEOUT_MS = 240_000


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.total, self.by_path = 0, {}

    def add(self, path, n):
        with self.lock:
            self.total += n
            self.by_path[path] = self.by_path.get(path, 0) + n


class _CountingWriter:
    def __init__(self, raw, handler, counter):
        self.raw, self.handler, self.counter = raw, handler, counter

    def write(self, data):
        n = self.raw.write(data)
        self.counter.add(getattr(self.handler, "path", "?").split("?")[0], len(data) if n is None else n)
        return n

    def __getattr__(self, name):
        return getattr(self.raw, name)


def counting_server(dist, counter, compress):
    server = serve.make_server(dist, 0, isolate=True, compress=compress)
    base = server.RequestHandlerClass.func   # functools.partial(H, directory=...)

    class Counted(base):
        def setup(self):
            super().setup()
            self.wfile = _CountingWriter(self.wfile, self, counter)

    server.RequestHandlerClass = type(server.RequestHandlerClass)(Counted, **server.RequestHandlerClass.keywords)
    server.handle_error = lambda request, address: None   # a closed context drops its connections
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def cold_visit(browser, url, route, counter, service_worker=True):
    """Bytes sent from the request of the page until its main figure is drawn."""
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  service_workers="allow" if service_worker else "block")
    page = context.new_page()
    counter.reset()
    started = time.perf_counter()
    page.goto(url + f"#/{route}")
    figures.wait_for_main_figure(page, route, r"Pyodide 0\.17", TIMEOUT_MS)
    seconds = time.perf_counter() - started
    total, by_path = counter.total, dict(counter.by_path)
    context.close()
    return {"bytes": total, "seconds": round(seconds, 1),
            "largest": sorted(by_path.items(), key=lambda kv: -kv[1])[:40]}


MODES = [  # (name, gzip on the server, service worker allowed)
    ("plain, no SW", False, False),  # the lesson's own files, as they are (python3 -m http.server)
    ("gzip, no SW", True, False),    # the lesson's own files, gzipped
    ("plain", False, True),          # a first visit, the service worker's precache included
    ("gzip", True, True),            # a student's first visit to `serve` or the kit's serve.py
]


def main(routes):
    routes = routes or figures.ROUTES
    counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        dist = build.build("offline", Path(tmp) / "dist")
        results = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=build.CHROMIUM, args=build.CHROMIUM_FLAGS)
            for mode, compress, sw in MODES:
                server, url = counting_server(dist, counter, compress)
                for route in routes:
                    r = cold_visit(browser, url, route, counter, service_worker=sw)
                    results.setdefault(route, {})[mode] = r
                    print(f"  {route:<14} {mode:<12} {r['bytes'] / 1e6:6.2f} MB in {r['seconds']} s", flush=True)
                server.shutdown()
                server.server_close()
            browser.close()
    print("\nMB on the wire (10^6 bytes) from a cold visit until the main figure is drawn")
    print(f"{'lesson':<14} {'lesson only: plain':>18} {'gzip':>6} {'saved':>6}   {'with the SW: plain':>18} {'gzip':>6}")
    for route in routes:
        mb = {mode: results[route][mode]["bytes"] / 1e6 for mode, _, _ in MODES}
        print(f"{route:<14} {mb['plain, no SW']:18.2f} {mb['gzip, no SW']:6.2f} "
              f"{1 - mb['gzip, no SW'] / mb['plain, no SW']:6.0%}   {mb['plain']:18.2f} {mb['gzip']:6.2f}")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "wire.json").write_text(json.dumps(results, indent=1))
    first = figures.ROUTES[0]
    if first in results:
        own, visit = results[first]["gzip, no SW"]["bytes"] / 1e6, results[first]["gzip"]["bytes"] / 1e6
        ok = own <= FIRST_LESSON_LIMIT_MB
        print(f"\nfirst lesson ({first}) with gzip: {own:.2f} MB of its own files "
              f"({'within' if ok else 'OVER'} the {FIRST_LESSON_LIMIT_MB:.0f} MB budget); "
              f"{visit:.2f} MB with the service worker's precache")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
