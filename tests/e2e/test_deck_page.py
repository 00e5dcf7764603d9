"""The lecture deck: walk every slide as a lecturer would (→), and check that each demo boots, draws
its figure and fits its slide, measured inside the slide's frame, at 1280×720 and 1920×1080.

Only slides of lessons made of parts are walked for the fit (a lesson not yet split shows whole);
test_deck.py checks that the deck has a slide for every part of every lesson.
"""
import re

from layout_helpers import DRAWN, MEASURE, lesson_parts
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT

READY = {(r, p) for r, p, _ in lesson_parts()}


SIZES = [(1280, 720), (1920, 1080)]
SETTLE = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 250))))"


def check(handle, where):
    """The demo in this slide's frame shows its figure, does not scroll, and its text is readable."""
    try:
        handle.wait_for_function(DRAWN, timeout=BOOT_TIMEOUT)
    except Exception as err:   # say which slide did not draw
        raise AssertionError(f"{where}: its figure was not drawn") from err
    m = handle.evaluate(MEASURE)
    assert m["scroll"] <= 0 and m["scrollX"] <= 0, f"{where}: the demo scrolls inside its slide: {m}"
    assert m["inView"] and m["figurePct"] >= 45, f"{where}: figure {m['figurePct']:.0f} % / in view {m['inView']}"
    assert m["minFont"] >= 14, f"{where}: text of {m['minFont']} px ({m['minWhat']})"


def test_every_demo_in_the_deck_draws_and_fits_its_slide(site, browser):
    """Each slide's demo boots once; it is measured at 1280×720, then the window goes to 1920×1080
    (a lecturer's laptop, then the hall's projector) and it is measured again, redrawn for that size."""
    small, large = SIZES
    context = browser.new_context(viewport={"width": small[0], "height": small[1]}, service_workers="block")
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
        for size in (small, large):
            if size != small:
                page.set_viewport_size({"width": size[0], "height": size[1]})
                handle.evaluate(SETTLE)
            check(handle, f"slide {i} ({route}/{part}) at {size[0]}×{size[1]}")
        page.set_viewport_size({"width": small[0], "height": small[1]})
        walked += 1
    assert walked == len(READY), f"walked {walked} demo slides of {len(READY)}"
    assert missing == [], f"the deck asked for files that are not there: {missing}"
    context.close()
