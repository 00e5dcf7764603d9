"""The Pages build (--pyodide cdn) as far as it runs without the CDN: the Pyodide 314 core comes
from the site itself (checked, exactly the tested files), only package wheels are asked of the
CDN, and where the CDN cannot be reached a lesson that needs numpy says so. The pure-Python
backprop lesson runs in full. (tests/cdn runs every lesson against the real CDN, on GitHub.)"""
import re

import pytest
from playwright.sync_api import expect

import build
from conftest import BOOT_TIMEOUT, Site


@pytest.fixture(scope="module")
def cdn_site(tmp_path_factory):
    s = Site(build.build("cdn", tmp_path_factory.mktemp("dist-cdn")))
    yield s
    s.close()


def test_the_pages_build_runs_its_own_core_and_asks_the_cdn_only_for_wheels(cdn_site, page):
    asked = []
    cdn = re.compile(r"^https://cdn\.jsdelivr\.net/")
    page.context.route(cdn, lambda r: (asked.append(r.request.url), r.abort("internetdisconnected")))
    try:
        run_without_the_cdn(cdn_site, page, asked)
    finally:
        page.context.unroute(cdn)   # the context is shared with other tests


def run_without_the_cdn(cdn_site, page, asked):
    page.goto(cdn_site.url + "#/backprop")
    expect(page.get_by_text(re.compile(r"Python 3\.14\.\d+ · Pyodide 314"))).to_be_visible(timeout=BOOT_TIMEOUT)
    page.get_by_role("button", name="Forward").click(timeout=BOOT_TIMEOUT)
    page.get_by_role("button", name="All backward steps").click()
    expect(page.get_by_text(re.compile(r"^All \d+ parameters passed the gradient check\."))).to_be_visible()
    assert asked == [], f"the core and the lab's code come from the site, yet the CDN was asked for {asked}"

    page.goto(cdn_site.url + "#/neuron")
    expect(page.get_by_role("alert")).to_contain_text(
        "Could not download numpy from cdn.jsdelivr.net: there is no connection to it", timeout=BOOT_TIMEOUT)
    expect(page.get_by_role("button", name="Retry")).to_be_visible()
    assert asked and all(u.startswith(build.CDN_URL) and u.endswith(".whl") for u in asked), asked


def test_a_wheel_that_differs_from_the_sites_lock_file_is_refused(cdn_site, page):
    """The CDN (here a stand-in that answers for it) sends a numpy wheel whose bytes are not the ones
    pyodide-lock.json names: Pyodide refuses it, and the page says the download failed its check."""
    asked = []

    def tampered(route):
        asked.append(route.request.url)
        route.fulfill(status=200, body=b"PK\x03\x04 not the wheel the lock file names",
                      headers={"Access-Control-Allow-Origin": "*", "Content-Type": "application/octet-stream"})
    cdn = re.compile(r"^https://cdn\.jsdelivr\.net/")
    page.context.route(cdn, tampered)
    try:
        page.goto(cdn_site.url + "#/neuron")
        expect(page.get_by_role("alert")).to_contain_text(
            "numpy from cdn.jsdelivr.net is not the file the site's pyodide-lock.json names (its sha256 differs), "
            "so it was refused", timeout=BOOT_TIMEOUT)
        assert asked and all(u.endswith(".whl") for u in asked), asked
        expect(page.get_by_role("button", name="Retry")).to_be_visible()
    finally:
        page.context.unroute(cdn)
