"""A lesson loads only the packages it needs: scikit-learn and matplotlib only on demand."""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import ACTIVITY_PROBE, page_settles

NUMPY_ONLY = ["neuron", "logic", "xor", "expressive", "cybenko", "digits", "least-squares", "softmax",
              "momentum", "minibatch", "convergence", "playground"]


def test_lessons_that_do_not_use_scikit_learn_or_matplotlib_never_load_them(site, page):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]))
    page.add_init_script(ACTIVITY_PROBE)
    for route in NUMPY_ONLY:
        page.goto(site.url + f"#/{route}")
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)   # its packages are loaded
        page_settles(page)            # and the lesson's first Python calls are answered
        page.wait_for_timeout(300)    # a negative check's window: a late package request would be made by now
    assert "numpy.data" in fetched
    heavy = [f for f in fetched if re.match(r"(scikit-learn|scipy|matplotlib)\.(js|data)$", f)]
    assert heavy == [], heavy
    # The Playground's moons need scikit-learn: it loads then, with the stage shown.
    page.goto(site.url + "#/playground")
    expect(page.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)
    page.get_by_text("moons", exact=True).click()
    expect(page.get_by_text(re.compile("Loading scikit-learn…"))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)
    assert "scikit-learn.data" in fetched and "matplotlib.data" not in fetched
