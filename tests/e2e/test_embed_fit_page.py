"""Snippets that fit a lecturer's slide, and dialogs that fit 1280×720.

The lecturer opens the lab, chooses in the Embed dialog, copies the code, and pastes it into their own
reveal.js deck on ANOTHER site (localhost; the lab on 127.0.0.1), in Playwright's default context:
- "Fill the slide": the frame alone on a slide;
- "Under a title", with "Hide the demo's own title": the frame under the slide's own heading.
Both fit the 1280×720 window, and the part inside meets the fit rules (no scroll, figure ≥ 45 % of the
frame's height, text ≥ 14 px). The Embed dialog's choices, code, Show to class and preview are all
within the window; Show to class fits its QR code and the whole link.
"""
import re

import pytest
from layout_helpers import DRAWN, MEASURE
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT

W, H = 1280, 720


def in_window(box):
    return box and box["x"] >= -0.5 and box["y"] >= -0.5 and box["x"] + box["width"] <= W + 0.5 and \
        box["y"] + box["height"] <= H + 0.5


def embed_code(context, url, *, under_title=False, hide_title=False):
    """The snippet as a lecturer gets it: the Embed dialog, their choices, the Embed code box."""
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name="Embed").click()
    if under_title:
        page.get_by_label("Under a title").check()
    if hide_title:
        page.get_by_label("Hide the demo's own title").check()
    code = page.get_by_label("Embed code", exact=True).input_value()
    page.close()
    return code


def test_the_embed_dialog_and_show_to_class_fit_1280x720(default_context, plain_site):
    page = default_context.new_page()
    page.goto(plain_site.url + "#/xor")
    page.get_by_role("button", name="Embed").click()
    dialog = page.get_by_role("dialog", name="Embed this demo")
    expect(dialog).to_be_visible()
    for what in (page.get_by_role("radio", name="A 2-2-1 network learns XOR"), page.get_by_label("Slide shape"),
                 page.get_by_label("Under a title"), page.get_by_label("Hide the demo's own title"),
                 page.get_by_label("Embed code", exact=True), page.get_by_role("button", name="Copy embed code"),
                 page.get_by_role("button", name="Show to class"),
                 page.get_by_title("Preview of the embedded demo"), dialog.get_by_role("button", name="Close")):
        assert in_window(what.bounding_box()), f"{what} is outside the 1280×720 window"
    page.get_by_label("Under a title").check()
    page.get_by_label("Hide the demo's own title").check()
    code = page.get_by_label("Embed code", exact=True).input_value()
    assert "max-height:80vh" in code and "aspect-ratio:16/9" in code
    assert re.search(r'src="[^"]*[?&]notitle=1', code)
    expect(page.get_by_title("Preview of the embedded demo")).to_have_attribute("src", re.compile(r"notitle=1"))
    page.get_by_role("button", name="Show to class").click()
    shown = page.get_by_role("dialog", name="Open this demo on your phone")
    expect(shown).to_be_visible()
    qr = shown.get_by_role("img", name=re.compile("^QR code of"))
    link = shown.locator(".class-link")
    expect(qr).to_be_visible()
    assert in_window(qr.bounding_box()), "the QR code is cut by the window"
    assert in_window(link.bounding_box()), "the link is cut by the window"
    text = link.inner_text()
    assert "embed=" not in text and "notitle" not in text and "part=" not in text, text
    assert page.evaluate("(el) => el.scrollHeight <= el.clientHeight", shown.element_handle()), \
        "Show to class scrolls: its link or QR code is below the fold"
    page.close()


def check_part(frame, where, *, title_shown):
    expect(frame.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)
    frame.wait_for_function(DRAWN, timeout=BOOT_TIMEOUT)
    m = frame.evaluate(MEASURE)
    assert m["scroll"] <= 0 and m["scrollX"] <= 0, f"{where}: the part scrolls in its frame: {m}"
    assert m["inView"] and m["figurePct"] >= 45, f"{where}: figure {m['figurePct']:.0f} % of {m['height']} px"
    assert m["minFont"] >= 14, f"{where}: text of {m['minFont']} px ({m['minWhat']})"
    title = frame.locator(".part-title")
    box = title.bounding_box()
    assert (box["width"] > 20) == title_shown, f"{where}: the part's own title shown: {box}"


@pytest.mark.parametrize("route, part", [("playground", "playground"), ("neuron", "neuron")])
def test_fill_the_slide_and_under_a_title_fit_a_lecturers_deck(default_context, lecturer, plain_site, route, part):
    lab = plain_site.url + f"#/{route}"
    fill = embed_code(default_context, lab)
    under = embed_code(default_context, lab, under_title=True, hide_title=True)
    name = f"fit-{route}.html"
    (lecturer.folder / name).write_text(f"""<!doctype html><html lang=en><head><meta charset=utf-8>
<title>My lecture</title><link rel=stylesheet href="reveal/reveal.css"><link rel=stylesheet href="reveal/theme/white.css">
</head><body><div class="reveal"><div class="slides">
<section>{fill}</section><section><h2>What the network learns</h2>{under}</section></div></div>
<script type="module">import Reveal from "./reveal/reveal.mjs";
window.deck = new Reveal({{ hash: true }}); window.deck.initialize();</script></body></html>""")
    page = default_context.new_page()
    page.goto(lecturer.url + name)
    expect(page.locator(".reveal.ready")).to_be_attached()
    frame_el = page.locator(".slides > section.present iframe")
    assert in_window(frame_el.bounding_box()), "fill the slide: the frame is cut by the window"
    check_part(frame_el.element_handle().content_frame(), f"{route}: fill the slide", title_shown=True)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => window.deck.getIndices().h === 1 && document.getAnimations().length === 0")
    heading = page.locator(".slides > section.present h2")
    frame_el = page.locator(".slides > section.present iframe")
    hb, fb = heading.bounding_box(), frame_el.bounding_box()
    assert in_window(hb) and in_window(fb), f"under a title: heading {hb}, frame {fb} in a {W}×{H} window"
    assert fb["y"] >= hb["y"] + hb["height"] - 0.5, "the frame starts below the heading"
    check_part(frame_el.element_handle().content_frame(), f"{route}: under a title", title_shown=False)
    page.close()


LOADING_LOG = """(() => {
  window.__bootTexts = [];
  window.__titleTops = [];
  new MutationObserver(() => {
    const stage = document.getElementById("boot-stage");
    const box = document.getElementById("boot");
    const h1 = document.querySelector("main#view h1");
    if (stage && box && !box.hidden && stage.textContent) window.__bootTexts.push(stage.textContent);
    if (h1) window.__titleTops.push([box ? !box.hidden : false, h1.getBoundingClientRect().top]);
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();"""


def test_the_loading_line_speaks_words_and_never_moves_the_part(browser, plain_site):
    """In front of a class: while Python and numpy load, the line says what happens in words,
    never a URL, and the part's title stays where it is when the line comes and goes."""
    context = browser.new_context(viewport={"width": W, "height": H}, service_workers="block")
    context.add_init_script(LOADING_LOG)
    page = context.new_page()
    page.goto(plain_site.url + "#/digits?embed=1&part=train")
    expect(page.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)
    page.wait_for_function(DRAWN, timeout=BOOT_TIMEOUT)
    texts = page.evaluate("window.__bootTexts")
    tops = page.evaluate("window.__titleTops")
    assert "Starting Python…" in texts and "Loading numpy…" in texts, set(texts)
    for t in set(texts):
        assert re.fullmatch(r"Starting Python…|Loading [A-Za-z0-9_.-]+…|Loading packages…", t), t
        assert "http" not in t and "/" not in t
    shown = {round(top, 1) for loading, top in tops if loading}
    hidden = {round(top, 1) for loading, top in tops if not loading}
    assert shown and hidden and shown == hidden, f"the title moved: {shown} while loading, {hidden} after"
    box = page.locator("#boot")
    assert page.evaluate("getComputedStyle(document.getElementById('boot')).position") == "fixed"
    assert box.is_hidden()
    context.close()
