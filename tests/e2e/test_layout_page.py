"""Layout promises, measured in the page: a phone never scrolls sideways.

The probe is layout_helpers.MEASURE (bench/fit.py prints the same figures as a table).
"""
import re
from pathlib import Path

import pytest
from layout_helpers import MEASURE, routes
from playwright.sync_api import expect

from lesson_helpers import ACTIVITY_PROBE, page_settles

ROUTES = re.findall(r'route: "([a-z-]+)"', (Path(__file__).parents[2] / "app/lessons/registry.js").read_text())


def booted(browser, site, width, height):
    """One booted page of this size, shared by the routes (they only read the layout); a generator."""
    context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
    context.add_init_script(ACTIVITY_PROBE)
    page = context.new_page()
    page.goto(site.url + "#/neuron")
    expect(page.locator("#boot")).to_be_hidden(timeout=90_000)
    yield page
    context.close()


@pytest.fixture(scope="module")
def phone(browser, site):
    """One booted page at 390×844."""
    yield from booted(browser, site, 390, 844)


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


@pytest.fixture(scope="module")
def laptop(browser, site):
    """One booted page at 1280×720, a lecture hall's projector."""
    yield from booted(browser, site, 1280, 720)


# The lesson's first figure: its first part's, or (the Playground lays out its own columns) its largest picture.
FIRST_FIGURE = """() => {
  let fig = document.querySelector('#view .part-figure');
  if (!fig) {
    let best = 0;
    for (const c of document.querySelectorAll('#view canvas')) {
      const r = c.getBoundingClientRect();
      if (r.width * r.height > best) { best = r.width * r.height; fig = c; }
    }
  }
  const r = fig.getBoundingClientRect();
  const shown = Math.max(0, Math.min(innerHeight, r.bottom) - Math.max(0, r.top));
  const style = (e) => { const s = getComputedStyle(e); return { size: parseFloat(s.fontSize), color: s.color,
    caps: s.textTransform }; };
  const h2 = document.querySelector('#view h2'), p = document.querySelector('#view .lesson-prose p');
  return { top: r.top + scrollY, height: r.height, shown: r.height ? shown / r.height : 0,
           h2: h2 && style(h2), p: p && style(p) };
}"""


@pytest.mark.parametrize("route", routes(lessons_only=True))
def test_a_lesson_opens_on_its_demo(laptop, route):
    """At 1280×720 the first figure starts in the first screen and at least half of it shows, and the
    section headings are at least as large and as dark as the prose (not small grey capitals)."""
    settle(laptop, route)
    laptop.evaluate("scrollTo(0, 0)")
    m = laptop.evaluate(FIRST_FIGURE)
    assert m["top"] < 720, f"#/{route}: the first figure starts at {m['top']:.0f} px"
    assert m["shown"] >= 0.5, f"#/{route}: {m['shown']:.0%} of the first figure is in the first screen"
    assert m["h2"]["caps"] == "none"
    if m["p"]:
        assert m["h2"]["size"] >= m["p"]["size"]
        assert m["h2"]["color"] == m["p"]["color"] or m["h2"]["color"] == "rgb(27, 27, 31)"


@pytest.fixture(scope="module")
def touch_phone(browser, site):
    """A phone as it is held: 390×844, touch, mobile viewport, 3 device pixels per CSS pixel."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                  device_scale_factor=3, service_workers="block")
    context.add_init_script(ACTIVITY_PROBE)
    page = context.new_page()
    page.goto(site.url + "#/neuron")
    expect(page.locator("#boot")).to_be_hidden(timeout=90_000)
    yield page
    context.close()


BUTTON_HEIGHTS = """(scope) => [...document.querySelectorAll(scope)]
  .filter((b) => b.getBoundingClientRect().width > 0)
  .map((b) => [b.textContent.trim(), b.getBoundingClientRect().height])"""


def test_on_a_phone_the_players_buttons_are_44_px_tall(touch_phone):
    settle(touch_phone, "playground")
    heights = touch_phone.evaluate(BUTTON_HEIGHTS, ".player button")
    assert {name for name, _ in heights} >= {"Play", "Step", "Reset"}, heights
    assert all(h >= 44 for _, h in heights), heights


def test_on_a_phone_the_code_panel_has_44_px_buttons_and_16_px_code_that_does_not_trap_the_page(touch_phone):
    settle(touch_phone, "neuron")
    touch_phone.get_by_text("Python: backprop_lab.lessons.neuron.neuron", exact=True).click()
    touch_phone.get_by_role("button", name="Edit neuron", exact=True).click()
    editor = touch_phone.get_by_role("textbox", name="Edit neuron")
    expect(editor).to_contain_text("def neuron(")
    heights = touch_phone.evaluate(BUTTON_HEIGHTS, ".code-panel[open] .code-tools button")
    assert {name for name, _ in heights} >= {"Edit", "Run", "Reset", "Share"}, heights
    assert all(h >= 44 for _, h in heights), heights
    size = editor.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 16, f"the editor's text is {size} px: iOS zooms the page on focus below 16 px"
    box = editor.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert touch_phone.evaluate("document.documentElement.scrollWidth") <= 390
    # A swipe over the editor scrolls the page: the editor does not hold on to it.
    editor.scroll_into_view_if_needed()
    before = touch_phone.evaluate("scrollY")
    touch_phone.mouse.move(box["x"] + box["width"] / 2, min(700, max(100, box["y"] + 40)))
    touch_phone.mouse.wheel(0, 300)
    touch_phone.wait_for_function("(y) => scrollY > y", arg=before)
