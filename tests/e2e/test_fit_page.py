"""Every part fits a slide: embedded alone at 960×540, 1280×720 and 1920×1080, on half a slide (640×360),
and in projector mode.

For every (route, part) of the lessons made of parts, in embed mode: the document does not scroll,
the main figure is entirely in view and takes ≥ 45 % of the frame's height (so it grows with the
frame), its canvas is drawn at its CSS size × devicePixelRatio, and no visible text is under 14 px;
at 640×360 (two demos side by side on a 1280×720 slide) the figure takes ≥ 40 % and text is ≥ 12 px.
Its charts (uPlot) draw their ticks and titles at that size too, legends ≥ 16 px (12 px on half a
slide), and no axis title is cut, overlapped or longer than its plot.
In projector mode at 1280×720: no text under 20 px, in the page or drawn on a canvas or chart, and
no line under 3 px. Each part is mounted once (by hash navigation, in one booted page) and measured
at every size as the window grows; projector mode has a page of its own.
"""
import pytest
from layout_helpers import CANVAS_PROBE, CHART_MEASURE, CHART_PROBE, DRAWN, MEASURE, fit_rules, lesson_parts
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import ACTIVITY_PROBE, page_settles

PARTS = lesson_parts()
SIZES = [(640, 360), (960, 540), (1280, 720), (1920, 1080)]
# Parts known to show uPlot charts: each must show one (so that the chart checks are not vacuous).
CHART_PARTS = {("digits", "pytorch"), ("digits", "train"), ("minibatch", "train"), ("minibatch", "variance"),
               ("convergence", "activations"), ("convergence", "l2")}
# ... where the frame has room: l2's loss chart steps aside on half a slide and in projector mode (its status
# says the gap in numbers), and must come back as the frame grows.
CHART_STEPS_ASIDE = {("convergence", "l2"): {(640, 360), "projector"}}


def booted(browser, site, size, projector=False):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, service_workers="block")
    context.add_init_script(CANVAS_PROBE)
    context.add_init_script(CHART_PROBE)
    context.add_init_script(ACTIVITY_PROBE)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    flags = "embed=1&projector=1" if projector else "embed=1"
    page.goto(site.url + f"#/neuron?{flags}")
    expect(page.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)
    page.flags = flags
    return context, page


@pytest.fixture(scope="module")
def frames(browser, site):
    """One booted page per frame size (and one in projector mode), shared by every part."""
    opened = {}

    def get(size, projector=False):
        key = (size, projector)
        if key not in opened:
            opened[key] = booted(browser, site, size, projector)
        return opened[key][1]
    yield get
    for context, _ in opened.values():
        context.close()


def show(page, route, part, title):
    page.evaluate("() => { window.__canvasInk.minFont = Infinity; window.__canvasInk.minLine = Infinity; }")
    page.evaluate("(h) => { location.hash = h; }", f"#/{route}?{page.flags}&part={part}")
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    expect(page.locator("#boot")).to_be_hidden(timeout=BOOT_TIMEOUT)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(DRAWN, timeout=BOOT_TIMEOUT)   # Python's first answer drawn
    page_settles(page, timeout_s=BOOT_TIMEOUT / 1000)      # every answer shown, and any resize it caused
    return page.evaluate(MEASURE)


def test_every_lesson_lists_its_parts():
    assert ("neuron", "neuron", "One neuron: weights, bias, activation") in PARTS


def resize(page, size):
    """The frame takes another size: wait for the resize's redraw (and any Python answer it asks for)."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page_settles(page, timeout_s=BOOT_TIMEOUT / 1000)


def fit_failures(page, route, part, size):
    """What breaks the fit rules at the page's present size (empty if nothing)."""
    m = page.evaluate(MEASURE)
    where = f"#/{route} part {part} at {size[0]}×{size[1]}"
    least_pct, least_px = fit_rules(size)
    found = [f"{where}: the document scrolls by {m['scroll']} px"] if m["scroll"] > 0 else []
    found += [f"{where}: the document scrolls sideways by {m['scrollX']} px"] if m["scrollX"] > 0 else []
    if not m["figure"]:
        return found + [f"{where}: no figure"]
    found += [] if m["inView"] else [f"{where}: the figure is not entirely in view: {m['figure']}"]
    found += [] if m["figurePct"] >= least_pct else [f"{where}: the figure takes {m['figurePct']:.0f} % of the height"]
    found += [] if m["sharp"] is not False else [f"{where}: the figure's canvas is not drawn at its size × devicePixelRatio"]
    found += [] if m["minFont"] >= least_px else [f"{where}: text of {m['minFont']} px ({m['minWhat']})"]
    try:
        check_charts(page, where, route, part, least_px, 16 if least_px >= 14 else least_px,
                     required=size not in CHART_STEPS_ASIDE.get((route, part), ()))
    except AssertionError as err:
        found.append(str(err).split("\n")[0])
    return found


@pytest.mark.parametrize("route,part,title", PARTS, ids=[f"{r}-{p}" for r, p, _ in PARTS])
def test_part_fits_every_frame(frames, route, part, title):
    """Mounted once on half a slide (640×360), then the frame grows through 960×540, 1280×720 and
    1920×1080, as a lecturer's frame or window does: every size meets the rules after its redraw."""
    page = frames(SIZES[0])
    resize(page, SIZES[0])          # the previous part may have left the window at another size
    show(page, route, part, title)
    failures = []
    for i, size in enumerate(SIZES):
        if i:
            resize(page, size)
        failures += fit_failures(page, route, part, size)
    assert not failures, "\n".join(failures)
    assert page.errors == []


def check_charts(page, where, route, part, text_px, legend_px, required=True):
    """The part's uPlot charts: ticks and titles ≥ text_px, legends ≥ legend_px, both titles drawn whole
    inside the canvas, beside a plot at least as tall as the y title, overlapped by no tick label."""
    charts = page.evaluate(CHART_MEASURE)
    if (route, part) in CHART_PARTS and required:
        assert charts, f"{where}: no chart shown"
    for c in charts:
        chart = f"{where}, chart {c['label']!r}"
        assert round(c["minFont"], 2) >= text_px, f"{chart}: axis text drawn at {c['minFont']:.1f} px"
        assert len(c["titles"]) >= 2, f"{chart}: axis titles drawn: {c['titles']}"
        assert c["cut"] == [], f"{chart}: text cut by the canvas's edge: {c['cut']}"
        assert c["tooLong"] == [], f"{chart}: a y title longer than the plot ({c['plotHeight']:.0f} px): {c['tooLong']}"
        assert c["overlapped"] == [], f"{chart}: a title overlapped by other text: {c['overlapped']}"
        assert not c["clipped"], f"{chart}: the chart is cut by its box or the window"
        assert c["legendFont"] is None or c["legendFont"] >= legend_px, f"{chart}: legend at {c['legendFont']} px"


@pytest.mark.parametrize("route,part,title", PARTS, ids=[f"{r}-{p}" for r, p, _ in PARTS])
def test_part_in_projector_mode_has_large_text_and_thick_lines(frames, route, part, title):
    page = frames((1280, 720), projector=True)
    m = show(page, route, part, title)
    where = f"#/{route} part {part}, projector mode at 1280×720"
    assert m["scroll"] <= 0 and m["inView"] and m["figurePct"] >= 45, f"{where}: does not fit: {m}"
    assert m["minFont"] >= 20, f"{where}: text of {m['minFont']} px ({m['minWhat']})"
    title_px = page.locator("h1.part-title").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    body_px = page.locator("body").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert title_px >= body_px, f"{where}: the title ({title_px} px) is smaller than the body ({body_px} px)"
    ink = page.evaluate("() => window.__canvasInk")
    # A canvas keeps line widths as 32-bit floats: 3 px may come back as 2.9999999, so compare to 1e-3 px.
    if ink["texts"]:
        assert round(ink["minFont"], 3) >= 20, f"{where}: canvas text drawn at {ink['minFont']:.1f} CSS px"
    if ink["lines"]:
        assert round(ink["minLine"], 3) >= 3, f"{where}: a canvas line drawn {ink['minLine']:.1f} CSS px thick"
    check_charts(page, where, route, part, 20, 20, required="projector" not in CHART_STEPS_ASIDE.get((route, part), ()))


def test_an_unknown_part_shows_the_main_part_and_says_so(frames):
    page = frames((1280, 720))
    page.evaluate("() => { location.hash = '#/neuron?embed=1&part=__proto__'; }")
    expect(page.get_by_role("heading", level=1, name="One neuron: weights, bias, activation")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text='no part "__proto__"')).to_be_visible()


def test_flags_before_the_hash_mount_a_part_alone(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "?embed=1&part=neuron#/neuron")
    expect(page.get_by_role("heading", level=1, name="One neuron: weights, bias, activation")).to_be_visible()
    expect(page.get_by_role("navigation", name="Lesson navigation")).to_have_count(0)
    expect(page.locator(".python")).to_have_count(0)
    expect(page.get_by_text("The weights")).to_have_count(0)   # no prose
