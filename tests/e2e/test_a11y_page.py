"""Accessibility, measured: axe-core (vendored from npm into the tests only) on every route, in normal
and projector mode. No serious or critical violation of WCAG 2.1 A/AA, colour contrast included.

axe runs after the route's first Python answer is drawn, so the controls, tables and figures it
checks are the ones a student sees.
"""
import re

import pytest
from layout_helpers import routes
from playwright.sync_api import expect

import build
from conftest import BOOT_TIMEOUT
from lesson_helpers import ACTIVITY_PROBE, page_settles

AXE = build.NODE / "axe-core" / "axe.min.js"
ROUTES = [""] + routes()   # the list of lessons, every lesson, the exercises and the pre-class check
RUN_AXE = """async () => {
  const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")}: ${(n.failureSummary || "").split("\\n").slice(1, 2).join("")}`),
  }));
}"""


@pytest.fixture(scope="module")
def a11y_pages(browser, site):
    """One booted page per mode. bypass_csp lets the test inject axe's script (the site's own CSP
    allows no inline script, rightly)."""
    opened = {}

    def get(projector):
        if projector not in opened:
            context = browser.new_context(viewport={"width": 1280, "height": 720}, service_workers="block",
                                          bypass_csp=True)
            context.add_init_script(ACTIVITY_PROBE)
            page = context.new_page()
            page.goto(site.url + "#/neuron" + ("?projector=1" if projector else ""))
            expect(page.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)
            page.add_script_tag(path=str(AXE))
            opened[projector] = (context, page)
        return opened[projector][1]
    yield get
    for context, _ in opened.values():
        context.close()


@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
@pytest.mark.parametrize("route", ROUTES, ids=[r or "home" for r in ROUTES])
def test_no_serious_accessibility_violations(a11y_pages, route, projector):
    page = a11y_pages(projector)
    flags = "?projector=1" if projector else ""
    page.evaluate("(h) => { location.hash = h; }", f"#/{route}{flags}")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    expect(page.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)
    page.wait_for_load_state("networkidle")
    page_settles(page, timeout_s=BOOT_TIMEOUT / 1000)   # Python has answered; the page has stopped changing
    if projector:
        expect(page.locator("body")).to_have_class(re.compile(r"\bprojector\b"))
    violations = page.evaluate(RUN_AXE)
    assert violations == [], "\n".join(f"{v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
                                       for v in violations)
