"""End-to-end fixtures: the built site served on loopback, and Debian's Chromium via Playwright.

The offline build (Pyodide 0.17.1 vendored) is built once per session into a temporary
folder and served with COOP/COEP headers, as `build.py serve` does.
"""
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

import build  # importable through pytest.ini's `pythonpath = .`

ROOT = Path(__file__).resolve().parents[2]

expect.set_options(timeout=30_000)
BOOT_TIMEOUT = 90_000   # a cold boot of Pyodide + numpy; scikit-learn adds a few seconds


class Site:
    def __init__(self, dist: Path, isolate=True):
        self.server = build.make_server(dist, 0, isolate=isolate)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def offline_dist(tmp_path_factory):
    return build.build("offline", tmp_path_factory.mktemp("dist-offline"))


@pytest.fixture(scope="session")
def site(offline_dist):
    s = Site(offline_dist)
    yield s
    s.close()


@pytest.fixture(scope="session")
def plain_site(offline_dist):
    """The same site without COOP/COEP, as GitHub Pages serves it (no SharedArrayBuffer)."""
    s = Site(offline_dist, isolate=False)
    yield s
    s.close()


@pytest.fixture(scope="session")
def lecturer(tmp_path_factory, offline_dist):
    """ANOTHER site, as a lecturer's own host: a folder served on http://localhost:<port> (the lab is on
    127.0.0.1, a different site), with no special headers and the lecturer's own copy of reveal.js
    (reveal/). Tests write their pages into lecturer.folder under names of their own."""
    folder = tmp_path_factory.mktemp("lecturer")
    shutil.copytree(offline_dist / "vendor" / "reveal", folder / "reveal")
    host = Site(folder, isolate=False)
    host.folder = folder
    host.url = host.url.replace("127.0.0.1", "localhost")
    yield host
    host.close()


@pytest.fixture(scope="module")
def default_context(browser):
    """Playwright's default context at a slide's size: Chromium's default third-party storage rules,
    service workers on (the shared context of tests/conftest.py blocks them)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    yield context
    context.close()


@pytest.fixture(scope="session")
def core_site(tmp_path_factory):
    """The Pyodide 314 core build (Python 3.14, no packages), served like the offline one."""
    s = Site(build.build("core", tmp_path_factory.mktemp("dist-core")))
    yield s
    s.close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=build.CHROMIUM, args=build.CHROMIUM_FLAGS)
        yield b
        b.close()


def wait_ready(page):
    """The Playground is ready when Play can be pressed."""
    expect(page.get_by_role("button", name="Play")).to_be_enabled(timeout=BOOT_TIMEOUT)
