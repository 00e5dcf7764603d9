"""Lesson 9, softmax and cross-entropy: editable logits, bars, the loss, huge logits."""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import check_lesson_nav, check_python_panel, picture_changes


def percents(page):
    return [float(t.rstrip("%")) for t in page.locator(".pbar-value").all_text_contents()]


def test_logits_become_bars_and_huge_logits_stay_finite(site, page):
    page.goto(site.url + "#/softmax?K=3&z0=1&z1=2&z2=3&y=0&T=1")
    expect(page.get_by_role("heading", name="9. Softmax and cross-entropy")).to_be_visible()
    expect(page.locator(".formula .katex").first).to_be_visible()
    expect(page.get_by_text("Sum: 100.00%")).to_be_visible(timeout=BOOT_TIMEOUT)
    # softmax(1, 2, 3) = 9.00%, 24.47%, 66.52%; the loss is -ln 0.09003 = 2.408
    expect(page.locator(".pbar-value").first).to_have_text("9.00%")
    assert percents(page) == [9.0, 24.47, 66.52]
    expect(page.locator(".formula.live").filter(has_text="2.408").first).to_be_visible()
    bars = page.get_by_role("figure").filter(has_text="Probabilities p = softmax")
    before = bars.screenshot()

    # Keyboard on a control: z0 up by five.
    z0 = page.get_by_label("Logit z0")
    z0.focus()
    for _ in range(5):
        page.keyboard.press("ArrowUp")
    expect(page).to_have_url(re.compile(r"z0=6"))
    # Each press is a Python call; wait for the last one's answer (softmax(6, 2, 3) = 93.62 %), not
    # for any change: an earlier answer (z0 = 4: 66.52 %) may be on screen for a moment.
    expect(page.locator(".pbar-value").first).to_have_text("93.62%")
    assert percents(page)[0] > 90
    picture_changes(bars, before)   # the bars moved

    # Logits of 1000: finite probabilities and a note about the naive formula.
    for c, value in ((0, "1000"), (1, "1000"), (2, "999")):
        page.get_by_label(f"Logit z{c}").fill(value)
    expect(page).to_have_url(re.compile(r"z0=1000&z1=1000&z2=999"))
    expect(page.get_by_text(re.compile(r"^Largest scaled logit 1000: e\^z overflows"))).to_be_visible()
    expect(page.get_by_text("Sum: 100.00%")).to_be_visible()
    values = percents(page)
    assert values[0] == values[1] and 42 < values[0] < 43 and 15 < values[2] < 16
    assert not re.search(r"NaN|null|Infinity", bars.text_content())

    # The true class and the temperature change the loss.
    page.get_by_label("True class y").select_option("class 2")
    expect(page).to_have_url(re.compile(r"y=2"))
    page.get_by_label("Logit z0").fill("")
    expect(page.get_by_text("Logit z0 must be a number.")).to_be_visible()
    expect(page.get_by_role("heading", name="Why is this loss a cross-entropy?")).to_be_visible()
    slide = page.get_by_role("region", name="The likelihood slide, and where L2 comes from")
    expect(slide).to_contain_text("would count the prior")
    expect(slide.locator(".katex").first).to_be_visible()                 # its formulas are typeset
    expect(slide.get_by_role("link", name="lesson 12, Improving convergence")).to_have_attribute("href", "#/convergence")
    check_python_panel(page, "backprop_lab.lessons.softmax.report", "def report(")
    check_lesson_nav(page, "8. Gradient descent and momentum", "10. Mini-batch SGD →")
    assert not page.errors


def test_the_logits_part_alone_fills_a_slide_and_follows_its_logits(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/softmax?embed=1&part=logits&K=3&z0=1&z1=2&z2=3&y=0&T=1")
    expect(page.get_by_role("heading", level=1, name="Softmax and the cross-entropy loss")).to_be_visible()
    bars = page.get_by_role("img", name=re.compile(r"^Probabilities p = softmax"))
    expect(bars).to_have_accessible_name(re.compile(r"class 0 9\.00%, class 1 24\.47%, class 2 66\.52%"),
                                         timeout=BOOT_TIMEOUT)
    expect(page.locator(".python")).to_have_count(0)                       # no panels, no prose
    expect(page.get_by_role("heading", name="Why is this loss a cross-entropy?")).to_have_count(0)
    page.get_by_label("Logit z0").fill("6")
    expect(bars).not_to_have_accessible_name(re.compile(r"class 0 9\.00%"))
    assert percents(page)[0] > 90
    expect(page.locator(".formula.live").filter(has_text="0.9362").first).to_be_visible()   # p_0 = e^6 / (e^6 + e^2 + e^3)
    # K and T are folded into More settings, closed on a slide.
    more = page.locator("details.more-settings")
    expect(page.get_by_label("Temperature T")).to_be_hidden()
    more.locator("summary").click()
    expect(page.get_by_label("Temperature T")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight")
    assert not page.errors
