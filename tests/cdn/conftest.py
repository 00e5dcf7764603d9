"""The CDN smoke test's fixtures: the Pages build (Pyodide 314 from its CDN) served on loopback
without COOP/COEP, as GitHub Pages serves it, and Chromium.

Where the CDN cannot be reached (as on the project's own machines) every test here is skipped
with that reason, after one short request. The Pages workflow sets BACKPROP_LAB_REQUIRE_CDN=1,
which turns that into a failure, so a skip never passes for a pass there.

    BACKPROP_LAB_CDN_DIST=dist    test that built folder (the workflow's artifact) instead of building one
    BACKPROP_LAB_SMOKE_FLAVOUR=offline   run the same checks on the offline build (no CDN needed):
                                  a check of the smoke test itself
"""
import os
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

import build

ROOT = Path(__file__).resolve().parents[2]
REQUIRE = os.environ.get("BACKPROP_LAB_REQUIRE_CDN") == "1"
FLAVOUR = os.environ.get("BACKPROP_LAB_SMOKE_FLAVOUR", "cdn")
PROBE = build.CDN_URL + "pyodide-lock.json"
expect.set_options(timeout=30_000)


def cdn_unreachable(url=PROBE, timeout=5):
    """None if the CDN answers a HEAD request within `timeout` seconds, else why not."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout) as r:
            return None if r.status == 200 else f"HTTP {r.status}"
    except urllib.error.HTTPError as e:
        return f"HTTP {e.code}"
    except (OSError, ValueError) as e:   # URLError, timeouts, DNS, refused connections
        return f"{type(e).__name__}: {getattr(e, 'reason', e)}"


@pytest.fixture(scope="session")
def cdn_reachable():
    if FLAVOUR != "cdn":
        return
    why = cdn_unreachable()
    if why is None:
        return
    message = f"the Pyodide CDN cannot be reached from here ({PROBE}: {why})"
    if REQUIRE:
        pytest.fail(message + "; BACKPROP_LAB_REQUIRE_CDN=1 makes that a failure", pytrace=False)
    pytest.skip(message + "; the Pages workflow runs this test with BACKPROP_LAB_REQUIRE_CDN=1")


@pytest.fixture(scope="session")
def smoke_site(cdn_reachable, tmp_path_factory):
    given = os.environ.get("BACKPROP_LAB_CDN_DIST")
    if given and FLAVOUR == "cdn":
        dist = (ROOT / given).resolve()
        assert (dist / "config.json").exists(), f"BACKPROP_LAB_CDN_DIST={given}: no built site there"
    else:
        dist = build.build(FLAVOUR, tmp_path_factory.mktemp(f"dist-{FLAVOUR}"))
    server = build.make_server(dist, 0, isolate=False)   # GitHub Pages sends no COOP/COEP
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(cdn_reachable):
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=build.CHROMIUM, args=build.CHROMIUM_FLAGS)
        yield b
        b.close()
