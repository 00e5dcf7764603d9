"""Layout promises, measured in the page: a phone never scrolls sideways.

The probe is layout_helpers.MEASURE (bench/fit.py prints the same figures as a table).
"""
import re
from pathlib import Path

import pytest
from layout_helpers import MEASURE
from playwright.sync_api import expect

from lesson_helpers import ACTIVITY_PROBE, page_settles

ROUTES = re.findall(r'route: "([a-z-]+)"', (Path(__file__).parents[2] / "app/lessons/index.js").read_text())


@pytest.fixture(scope="module")
def phone(browser, site):
    """One booted page at 390×844, shared by the routes (they only read the layout)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    context.add_init_script(ACTIVITY_PROBE)
    page = context.new_page()
    page.goto(site.url + "#/neuron")
    expect(page.locator("#boot")).to_be_hidden(timeout=90_000)
    yield page
    context.close()


def settle(page, route):
    page.evaluate("(r) => { location.hash = '#/' + r; }", route)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#boot")).to_be_hidden(timeout=90_000)
    page_settles(page, timeout_s=90)   # the lesson's Python answers have filled its tables and figures


@pytest.mark.parametrize("route", ROUTES)
def test_phone_has_no_sideways_overflow(phone, route):
    settle(phone, route)
    m = phone.evaluate(MEASURE)
    assert m["scrollWidth"] <= 390, f"#/{route} is {m['scrollWidth']} px wide on a 390 px phone"
    assert m["header"] <= 120, f"the header takes {m['header']} px"


def test_the_list_of_lessons_links_the_deck(phone):
    settle(phone, "")
    expect(phone.get_by_role("link", name="The lecture deck")).to_have_attribute("href", "static/slides.html")
