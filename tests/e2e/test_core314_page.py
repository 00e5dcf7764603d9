"""The Pyodide 314 core build (vendored from npm, no packages): Python 3.14 boots in a module
worker, and where numpy is missing the page says so instead of hanging."""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT


def test_core_build_boots_python_314_and_reports_missing_numpy(core_site, page):
    page.goto(core_site.url + "#/playground")
    expect(page.get_by_text(re.compile(r"Python 3\.14\.\d+ · Pyodide 314"))).to_be_visible(timeout=BOOT_TIMEOUT)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("numpy is not available in this Pyodide 314 build", timeout=BOOT_TIMEOUT)
    expect(page.get_by_role("button", name="Retry")).to_be_visible()
    expect(page.get_by_role("button", name="Play")).to_be_disabled()
