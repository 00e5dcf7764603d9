"""The pre-class check (#/check) and the service worker it relies on.

Each test here has its own copy of the offline build and its own server, so it can change files,
stop the server, and let the service worker run (the shared fixtures block it).
"""
import json
import re
import shutil

import pytest
from playwright.sync_api import expect

import build
from conftest import BOOT_TIMEOUT, Site


class LoggingSite(Site):
    """A Site that records the request headers of every GET (path → list of header dicts)."""

    def __init__(self, dist):
        super().__init__(dist)
        self.requests = {}
        handler = self.server.RequestHandlerClass.func   # make_server wraps the class in a partial
        log = self.requests
        original = handler.do_GET

        def do_GET(h):   # noqa: N802 (http.server's name)
            log.setdefault(h.path.split("?")[0], []).append({k.lower(): v for k, v in h.headers.items()})
            return original(h)
        handler.do_GET = do_GET


@pytest.fixture
def own_site(offline_dist, tmp_path):
    dist = tmp_path / "dist"
    shutil.copytree(offline_dist, dist)
    s = LoggingSite(dist)
    s.dist = dist
    yield s
    try:
        s.close()
    except OSError:
        pass


@pytest.fixture
def sw_page(browser):
    context = browser.new_context(service_workers="allow", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def controlled(page):
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=BOOT_TIMEOUT)


def test_check_runs_every_lesson_then_prepares_offline_and_the_site_runs_without_its_server(own_site, sw_page):
    page = sw_page
    page.goto(own_site.url + "#/check")
    expect(page.get_by_role("heading", name="Pre-class check")).to_be_visible()
    table = page.get_by_role("table", name="Each lesson's Python, run once with its defaults")
    expect(page.get_by_role("status").filter(has_text=re.compile(r"^All 14 ran"))).to_be_visible(timeout=240_000)
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(14)
    for i in range(14):
        cells = rows.nth(i).locator("td")
        expect(cells.nth(0)).to_have_text("OK")
        assert re.fullmatch(r"\d+\.\d\d s", cells.nth(1).inner_text())
        assert re.fullmatch(r"\d+\.\d MB", cells.nth(2).inner_text())
        assert re.fullmatch(r"\d+\.\d MB", cells.nth(3).inner_text())
    boot_mb = float(rows.nth(0).locator("td").nth(2).inner_text().split()[0])
    assert boot_mb > 5, "booting downloads the Python runtime (several MB)"
    # A first visit: the runtime crossed the network (through the service worker, which says so).
    boot_network = float(rows.nth(0).locator("td").nth(3).inner_text().split()[0])
    assert boot_network > 5, f"a first visit's boot fetched the runtime from the server, not {boot_network} MB"
    digits = rows.filter(has_text="MNIST: PyTorch").locator("td").nth(2).inner_text()
    assert float(digits.split()[0]) < 1, "digits needs numpy only (no scikit-learn, no scipy), loaded already"
    controlled(page)
    status = page.locator(".offline-status")
    expect(status).to_contain_text("are missing", timeout=30_000)
    page.get_by_role("button", name="Prepare for offline").click()
    expect(status).to_contain_text(re.compile(r"^Ready: fetched \d+\.\d MB; the cache now holds all \d+ files"),
                                   timeout=180_000)
    own_site.close()   # the server is gone: everything must come from the cache now
    page.goto(own_site.url + "#/digits")
    page.reload()
    expect(page.get_by_role("heading", name="6. MNIST: PyTorch, then ten planes")).to_be_visible()
    page.get_by_role("button", name="Step one epoch").click()
    expect(page.get_by_text(re.compile(r"Epoch 1\b")).first).to_be_visible(timeout=BOOT_TIMEOUT)
    page.evaluate("() => { location.hash = '#/playground'; }")
    expect(page.get_by_role("button", name="Play")).to_be_enabled(timeout=BOOT_TIMEOUT)
    assert page.errors == []


def test_service_worker_fills_its_cache_from_the_server_not_the_http_cache(own_site, sw_page):
    sw_page.goto(own_site.url + "#/neuron")
    controlled(sw_page)
    # Only the service worker fetches another lesson's module on this page: its install request.
    seen = own_site.requests.get("/app/lessons/digits/index.js")
    assert seen, "the service worker cached the app's files when it installed"
    assert all(h.get("cache-control") == "no-cache" for h in seen), seen


def test_service_worker_caches_only_the_files_it_knows(own_site, sw_page):
    sw_page.goto(own_site.url + "#/neuron")
    controlled(sw_page)
    keys = sw_page.evaluate("""async () => {
      await fetch('config.json?probe=1'); await fetch('app/main.js?v=2'); await fetch('static/README.md?x');
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith('backprop-lab-')));
      return (await cache.keys()).map((r) => r.url);
    }""")
    assert keys, "the known files are cached"
    assert not [k for k in keys if "?" in k], "a URL with a query string is not one of the known files"


def test_a_new_version_waits_until_the_user_reloads(own_site, sw_page):
    page = sw_page
    page.goto(own_site.url + "#/neuron")
    controlled(page)
    expect(page.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)   # the lesson open, its Python booted
    old = (own_site.dist / "sw.js").read_text()
    # A new deploy: one file changes, so the build's version changes.
    (own_site.dist / "app" / "lessons" / "check.css").write_text("a newer version\n")   # a precached file
    (own_site.dist / "app" / "lessons" / "check.css.gz").unlink(missing_ok=True)      # no stale gzip copy
    config = json.loads((own_site.dist / "config.json").read_text())
    build.service_worker(own_site.dist, config["pyodide"], config["packages"])
    assert (own_site.dist / "sw.js").read_text() != old
    page.evaluate("async () => { const r = await navigator.serviceWorker.getRegistration(); await r.update(); }")
    notice = page.get_by_role("status").filter(has_text="A new version of the lab is ready")
    expect(notice).to_be_visible(timeout=60_000)
    # Until then the open page is still served by the old version's cache.
    assert page.evaluate("async () => (await (await fetch('app/lessons/check.css')).text())") != "a newer version\n"
    with page.expect_navigation():   # the page reloads itself once the new version has taken over
        notice.get_by_role("button", name="Reload with the new version").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="1. One neuron")).to_be_visible(timeout=BOOT_TIMEOUT)
    assert page.evaluate("async () => (await (await fetch('app/lessons/check.css')).text())") == "a newer version\n"
