"""The lecture deck: walk every slide as a lecturer would (→), and check that each demo boots, draws
its figure and fits its slide, measured inside the slide's frame, at 1280×720 and 1920×1080.

Only slides of lessons made of parts are walked for the fit (a lesson not yet split shows whole);
test_deck.py checks that the deck has a slide for every part of every lesson.
"""
import re

import pytest
from layout_helpers import MEASURE, lesson_parts
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT

READY = {(r, p) for r, p, _ in lesson_parts()}

DRAWN = """() => {
  // The part's main figure (as layout_helpers.MEASURE picks it) shows something: a canvas with at
  // least three colours, an SVG with shapes, or another role=img figure with content.
  const figs = [...document.querySelectorAll(
    '#view .part-figure canvas, #view .part-figure svg, #view .part-figure [role=img]')]
    .filter((e) => e.getBoundingClientRect().width > 0)
    .sort((a, b) => b.clientWidth * b.clientHeight - a.clientWidth * a.clientHeight);
  const fig = figs[0];
  if (!fig) return false;
  if (fig.tagName === 'svg') return fig.querySelectorAll('*').length > 3;
  if (fig.tagName !== 'CANVAS') {
    const canvas = fig.querySelector('canvas');
    if (!canvas) return fig.textContent.trim().length > 0 || fig.children.length > 0;
    return drawn(canvas);
  }
  return drawn(fig);
  function drawn(c) {
    const ctx = c.getContext('2d');
    if (!ctx || !c.width) return false;
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < px.length && colours.size < 3; i += 4 * 7) {
      colours.add(`${px[i]},${px[i + 1]},${px[i + 2]},${px[i + 3]}`);   // transparent counts as a colour
    }
    return colours.size >= 3;
  }
}"""


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_every_demo_in_the_deck_draws_and_fits_its_slide(site, browser, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, service_workers="block")
    page = context.new_page()
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page.goto(site.url + "static/slides.html")
    expect(page.get_by_role("heading", name="Intro to neural networks and backpropagation")).to_be_visible()
    slides = page.locator(".slides > section")
    count = slides.count()
    walked = 0
    for i in range(1, count):
        page.keyboard.press("ArrowRight")
        slide = slides.nth(i)
        expect(slide).to_have_class(re.compile(r"\bpresent\b"))
        route, part = slide.get_attribute("data-route"), slide.get_attribute("data-part")
        if (route, part) not in READY:
            continue
        title = slide.locator("h3").inner_text()
        frame_el = slide.locator("iframe.demo")
        frame = frame_el.content_frame
        expect(frame.get_by_role("heading", level=1, name=title)).to_be_visible(timeout=BOOT_TIMEOUT)
        expect(frame.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)
        handle = frame_el.element_handle().content_frame()
        try:
            handle.wait_for_function(DRAWN, timeout=BOOT_TIMEOUT)
        except Exception as err:   # say which slide did not draw
            raise AssertionError(f"slide {i} ({route}/{part}) at {size[0]}×{size[1]}: its figure was not drawn") from err
        m = handle.evaluate(MEASURE)
        where = f"slide {i} ({route}/{part}) at {size[0]}×{size[1]}"
        assert m["scroll"] <= 0 and m["scrollX"] <= 0, f"{where}: the demo scrolls inside its slide: {m}"
        assert m["inView"] and m["figurePct"] >= 45, f"{where}: figure {m['figurePct']:.0f} % / in view {m['inView']}"
        assert m["minFont"] >= 14, f"{where}: text of {m['minFont']} px ({m['minWhat']})"
        walked += 1
    assert walked == len(READY), f"walked {walked} demo slides of {len(READY)}"
    assert missing == [], f"the deck asked for files that are not there: {missing}"
    context.close()
