"""The Playground in one screen (issue 24, item 3), measured in the page as a student opens it.

At 1280×720 Data (the tiles), Network (the diagram of little pictures) and Output (the boundary and
the loss chart) are all in the first screen, as in TensorFlow Playground; the rarer settings wait
under "More settings"; the tiles are even; "your own" has a picture; a phone stacks the columns.
"""
import re

import pytest
from playwright.sync_api import expect

from conftest import wait_ready

BOX = "(e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"
# What "More settings" holds (the rest of the settings are in the three columns).
MOVED = ["Allow bigger networks (up to 10 layers of 32)", "Regularization", "Regularization rate", "Loss",
         "Optimizer", "Momentum β", "Stop at epoch", "Stop at train loss"]


def open_at(page, site, width, height, query=""):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site.url + "#/playground" + query)
    wait_ready(page)
    expect(page.locator("#boot")).to_be_hidden()   # the loading bar, over the window's foot, is gone
    # The diagram is drawn: its output neuron is there.
    expect(page.get_by_role("button", name="Output neuron 1: show its output")).to_be_visible()


def parts(page):
    """{name: (left, top, right, bottom)} of the four things the first screen must hold."""
    return {
        "data tiles": page.get_by_role("group", name="Dataset").evaluate(BOX),
        "network diagram": page.get_by_role("group", name="Network diagram").evaluate(BOX),
        "output picture": page.get_by_role("img", name=re.compile("Decision boundary")).evaluate(BOX),
        "loss chart": page.get_by_role("img", name=re.compile("Loss curves")).evaluate(BOX),
    }


def tiles(page):
    """[(name, tile box, its name's box)] of the dataset tiles."""
    return page.get_by_role("group", name="Dataset").evaluate(
        """(g) => [...g.querySelectorAll("label")].map((t) => {
             const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
             return [t.textContent, box(t), box(t.querySelector("span"))];
           })""")


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_the_first_screen_holds_data_network_and_output(site, page, width, height):
    open_at(page, site, width, height)
    assert page.evaluate("scrollY") == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for name, (left, top, right, bottom) in parts(page).items():
        assert 0 <= left and right <= width and 0 <= top and bottom <= height, \
            f"{width}×{height}: the {name} spans {left:.0f}–{right:.0f} × {top:.0f}–{bottom:.0f}, not inside the first screen"
    # Every neuron of the diagram, and Play, are in it too; the sections are named as TF Playground's.
    for neuron in page.get_by_role("group", name="Network diagram").get_by_role("button").all():
        left, top, right, bottom = neuron.evaluate(BOX)
        assert 0 <= left and right <= width and 0 <= top and bottom <= height, neuron.get_attribute("aria-label")
    _, _, _, play_bottom = page.get_by_role("button", name="Play").evaluate(BOX)
    assert play_bottom <= height
    for heading in ("Data", "Network", "Output"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_in_viewport()
    # The picture is the demo: not a postage stamp beside the settings.
    left, top, right, bottom = parts(page)["output picture"]
    assert right - left >= 300 and abs((right - left) - (bottom - top)) < 1, (left, top, right, bottom)


@pytest.mark.parametrize("width, height", [(1280, 720), (390, 844)])
def test_the_dataset_tiles_are_even(site, page, width, height):
    open_at(page, site, width, height)
    found = tiles(page)
    assert [name for name, _, _ in found] == ["circle", "xor", "gauss", "spiral", "moons", "3-arm spiral", "4 blobs",
                                              "your own"]
    sizes = {name: (box[2] - box[0], box[3] - box[1]) for name, box, _ in found}
    widths, heights = {round(w, 1) for w, _ in sizes.values()}, {round(h, 1) for _, h in sizes.values()}
    assert len(widths) == 1 and len(heights) == 1, f"uneven tiles at {width} px: {sizes}"
    for name, (left, _, right, _), (text_left, _, text_right, _) in found:
        assert left - 0.5 <= text_left and text_right <= right + 0.5, f"the name {name!r} is wider than its tile"
    # Four to a row: two rows of four.
    assert len({round(box[1]) for _, box, _ in found}) == 2


def test_your_own_tile_shows_points_and_a_plus_and_opens_its_editor(site, page):
    open_at(page, site, 1280, 720)
    # Its picture: orange and blue points and the + of a click that adds one, not an empty square.
    counts = page.get_by_role("group", name="Dataset").locator("label", has_text="your own").locator("canvas").evaluate(
        """(c) => {
             const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
             const near = (i, [r, g, b]) => Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 60;
             const n = { orange: 0, blue: 0, ink: 0 };
             for (let i = 0; i < d.length; i += 4) {
               if (near(i, [232, 113, 10])) n.orange++;
               else if (near(i, [31, 99, 214])) n.blue++;
               else if (near(i, [27, 27, 31])) n.ink++;
             }
             return n;
           }""")
    assert counts["orange"] > 40 and counts["blue"] > 40 and counts["ink"] > 40, counts
    editor = page.get_by_role("group", name="Your own data")
    expect(editor).to_be_hidden()   # generated data: no editor in the way
    page.get_by_text("your own", exact=True).click()
    expect(page.get_by_text("click on the plane to add points")).to_be_visible()
    expect(editor).to_be_visible()
    expect(editor.get_by_label("Clicking the plane")).to_be_visible()
    page.get_by_text("circle", exact=True).click()
    expect(editor).to_be_hidden()


def test_more_settings_opens_and_closes_by_keyboard(site, page):
    open_at(page, site, 1280, 720)
    for label in MOVED:
        expect(page.get_by_label(label, exact=True)).to_be_hidden()
    summary = page.get_by_text("More settings", exact=True)
    expect(summary).to_be_in_viewport()   # it is found without scrolling
    boundary = page.get_by_role("img", name=re.compile("Decision boundary"))
    place = boundary.evaluate("(e) => e.getBoundingClientRect().top + scrollY")
    # Tab reaches it from the diagram's last neuron.
    page.get_by_role("button", name="Output neuron 1: show its output").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "More settings"
    page.keyboard.press("Enter")
    for label in MOVED:
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    expect(page.get_by_label("Regularization", exact=True)).to_be_in_viewport()   # brought into view
    assert boundary.evaluate("(e) => e.getBoundingClientRect().top + scrollY") == place   # the output stays put
    # A setting found there works from the keyboard too.
    page.get_by_label("Regularization", exact=True).focus()
    page.keyboard.press("ArrowDown")
    expect(page).to_have_url(re.compile("regularization=L1"))
    summary.focus()
    page.keyboard.press("Enter")
    for label in MOVED:
        expect(page.get_by_label(label, exact=True)).to_be_hidden()
    page.keyboard.press("Space")
    expect(page.get_by_label("Optimizer", exact=True)).to_be_visible()


def test_a_phone_stacks_data_network_output_with_the_diagram_intact(site, page):
    open_at(page, site, 390, 844)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    tops = [page.get_by_role("heading", name=h, exact=True).evaluate(BOX)[1] for h in ("Data", "Network", "Output")]
    assert tops == sorted(tops), tops
    # The diagram's neurons keep their places: none overlaps another (44 px touch buttons once did).
    boxes = [b.evaluate(BOX) for b in page.get_by_role("group", name="Network diagram").get_by_role("button").all()]
    assert len(boxes) == 9
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], f"neurons overlap: {a} {b}"
    left, _, right, _ = page.get_by_role("img", name=re.compile("Decision boundary")).evaluate(BOX)
    assert right - left >= 330 and right <= 390
