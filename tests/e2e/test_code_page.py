"""The Python panels: Edit (the editor bundle loads only then), Run my version in the demo, Reset,
errors with their line, runaway code stopped, and a shared link that asks before running code.

Driven on the neuron lesson, whose picture comes from neuron() (backprop_lab.lessons.neuron):
an edited neuron that returns -1 everywhere paints the whole plane orange.
"""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import BLUE, ORANGE, colour_share

PANEL = "Python: backprop_lab.lessons.neuron.neuron"
ALL_ORANGE = 'def neuron(X, w1, w2, b, f="sign"):\nreturn np.zeros(len(X)) - 1.0\n'
RUNAWAY = 'def neuron(X, w1, w2, b, f="sign"):\nwhile True:\npass\n'


def legend(page):
    return page.get_by_text(re.compile(r"^Colour: orange"))


def plane(page):
    return page.get_by_role("img", name=re.compile("output over the plane"))


def open_neuron(page, url):
    page.goto(url + "#/neuron")
    expect(legend(page)).to_contain_text("orange = -1.00, blue = 1.00", timeout=BOOT_TIMEOUT)


def both_sides(page):
    png = plane(page).screenshot()
    return colour_share(png, ORANGE) > 0.2 and colour_share(png, BLUE) > 0.2


def editor(page, fn="neuron"):
    return page.get_by_role("textbox", name=f"Edit {fn}")


def edit_neuron(page, text, fn="neuron"):
    """Open a panel's editor and replace its text (the editor indents after ':' by itself)."""
    if not editor(page, fn).is_visible():
        page.get_by_text(f"Python: backprop_lab.lessons.neuron.{fn}", exact=True).click()
        page.get_by_role("button", name=f"Edit {fn}", exact=True).click()
    expect(editor(page, fn)).to_contain_text(f"def {fn}(")
    editor(page, fn).click()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)


def run_neuron(page, fn="neuron"):
    page.get_by_role("button", name=f"Run {fn}", exact=True).click()


def expect_all_orange(page):
    expect(page.get_by_text("Running your code: neuron")).to_be_visible()
    page.wait_for_function("""() => {
        const c = document.querySelector("canvas.plane"); const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let orange = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (Math.abs(d[i] - 245) + Math.abs(d[i+1] - 167) + Math.abs(d[i+2] - 98) < 40) orange++;
        }
        return orange / (d.length / 4) > 0.95; }""", timeout=30_000)


def test_editor_bundle_loads_only_on_edit_and_escape_then_tab_leaves_it(site, page):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    csp = []
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
    open_neuron(page, site.url)
    page.get_by_text(PANEL, exact=True).click()
    expect(page.get_by_label("Source of neuron")).to_contain_text("def neuron(")
    assert not [u for u in fetched if "vendor/codemirror" in u], "the editor bundle was fetched before Edit"

    page.get_by_role("button", name="Edit neuron", exact=True).click()
    ed = editor(page)
    expect(ed).to_be_focused()
    expect(ed).to_contain_text('def neuron(X, w1, w2, b, f="sign"):')
    assert [u for u in fetched if u.endswith("vendor/codemirror/editor.js")]
    # Tab indents inside the editor (focus stays) ...
    page.keyboard.press("Control+Home")
    page.keyboard.press("Tab")
    expect(ed).to_be_focused()
    expect(ed).to_contain_text('    def neuron(X')
    page.keyboard.press("Control+z")   # undo
    expect(page.locator(".cm-line").first).to_have_text('def neuron(X, w1, w2, b, f="sign"):')
    # ... and Escape, then Tab, moves focus out of it; Shift+Tab comes back.
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    expect(ed).not_to_be_focused()
    assert page.evaluate("!document.activeElement.closest('.cm-editor')")
    page.keyboard.press("Shift+Tab")
    expect(ed).to_be_focused()
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+Tab")
    expect(ed).not_to_be_focused()
    # Typing "?" in the editor is code, not the shortcuts dialog.
    ed.click()
    page.keyboard.type("# why?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_have_count(0)
    # Projector mode: larger code.
    small = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.cm-content')).fontSize)")
    page.get_by_role("button", name="Projector mode").click()
    expect(editor(page)).to_be_visible()
    big = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.cm-content')).fontSize)")
    assert big >= 20 and big > small, (small, big)
    assert not csp, csp
    assert not page.errors, page.errors


def test_run_my_version_drives_the_demo_survives_a_reload_and_reset_restores_it(site, page):
    open_neuron(page, site.url)
    assert both_sides(page)
    edit_neuron(page, ALL_ORANGE)
    run_neuron(page)
    expect_all_orange(page)
    panel = page.locator("details.python", has=page.get_by_text(PANEL, exact=True))
    expect(panel.get_by_text("running your code", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Run neuron", exact=True)).to_be_focused()

    # The edit lives in the tab: a reload (a fresh worker) runs it again.
    page.reload()
    expect(legend(page)).to_be_visible(timeout=BOOT_TIMEOUT)
    expect_all_orange(page)

    page.get_by_text(PANEL, exact=True).click()
    page.get_by_role("button", name="Reset neuron", exact=True).click()
    expect(page.get_by_text("The lab's own neuron is back.")).to_be_visible()
    expect(page.get_by_text("Running your code: neuron")).to_be_hidden()
    page.wait_for_timeout(500)
    assert both_sides(page)
    assert not page.errors, page.errors


def test_a_syntax_error_shows_its_line_and_the_demo_keeps_the_last_good_version(site, page):
    open_neuron(page, site.url)
    edit_neuron(page, 'def neuron(X, w1, w2, b, f="sign"):\nz = X @ np.array([w1, w2]) + b\nreturn activation(f)(z +\n')
    run_neuron(page)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Syntax error")
    expect(alert).to_contain_text(re.compile(r"Line [34]\b"))
    expect(page.get_by_text("Not run: the demo keeps the lab's own version.")).to_be_visible()
    assert both_sides(page)
    # An exception while the lesson runs the function: its message and line, and the lab's version is back.
    edit_neuron(page, 'def neuron(X, w1, w2, b, f="sign"):\nreturn X @ np.ones(3)\n')
    run_neuron(page)
    expect(page.get_by_text(re.compile(r"Your neuron raised ValueError.*\(line 2\)"))).to_be_visible(timeout=30_000)
    expect(page.get_by_role("alert")).to_contain_text("Line 2")
    expect(page.get_by_text("Running your code: neuron")).to_be_hidden()
    expect(editor(page)).to_contain_text("np.ones(3)")   # the text is kept
    page.wait_for_timeout(500)
    assert both_sides(page)


def stop_runaway(page, fn="neuron", text=RUNAWAY):
    edit_neuron(page, text, fn)
    run_neuron(page, fn)
    stop = page.get_by_role("button", name="Stop", exact=True)
    expect(page.get_by_text(re.compile(r"Your code has been running for \d+ s"))).to_be_visible(timeout=30_000)
    stop.click()


def test_a_runaway_loop_is_interrupted_and_the_page_recovers(site, page):
    open_neuron(page, site.url)
    stop_runaway(page)
    # Interrupted (SharedArrayBuffer); only if the interrupt takes over a second is the worker restarted.
    expect(page.get_by_text(re.compile(r"Stopped: your neuron ran for .* (so Python was interrupted|"
                                       r"Python did not stop within a second of the interrupt)"))).to_be_visible(timeout=10_000)
    expect(page.locator("#fault")).to_be_hidden()
    expect(page.get_by_text("Running your code: neuron")).to_be_hidden()
    expect(editor(page)).to_contain_text("while True:")   # the text is kept
    page.wait_for_timeout(500)
    assert both_sides(page)
    # The page still works: a slider redraws it.
    page.get_by_label("Activation f").select_option("sigmoid")
    expect(legend(page)).to_contain_text("orange = 0.00, blue = 1.00")


RAISES = 'def neuron(X, w1, w2, b, f="sign"):\nreturn X @ np.ones(3)\n'


def panel_of(page, fn="neuron"):
    return page.locator("details.python", has=page.get_by_text(f"Python: backprop_lab.lessons.neuron.{fn}", exact=True))


def test_an_exception_keeps_the_students_last_good_version_and_says_so(site, page):
    open_neuron(page, site.url)
    edit_neuron(page, ALL_ORANGE)
    run_neuron(page)
    expect_all_orange(page)
    edit_neuron(page, RAISES)
    run_neuron(page)
    expect(page.get_by_text(re.compile(r"Your neuron raised ValueError.*so the demo went back to your last good neuron, "
                                       r"the version before this one"))).to_be_visible(timeout=30_000)
    expect(panel_of(page).get_by_role("status").filter(has_text="the demo runs your last good neuron")).to_be_visible()
    expect(panel_of(page).get_by_role("alert")).to_contain_text("Line 2")
    expect(editor(page)).to_contain_text("np.ones(3)")      # the failed text stays in the editor
    expect_all_orange(page)                                   # ... and the last good one runs
    # A second failure of the same text does not fall back to itself: the last good version still runs.
    page.get_by_label("Activation f").select_option("sigmoid")
    expect_all_orange(page)
    assert not page.errors, page.errors


def test_a_runaway_stops_by_itself_and_edit_and_reset_are_never_disabled(site, page):
    open_neuron(page, site.url)
    edit_neuron(page, ALL_ORANGE)
    run_neuron(page)
    expect_all_orange(page)
    edit_neuron(page, RUNAWAY)
    run_neuron(page)
    expect(page.get_by_text(re.compile(r"Your code has been running for \d+ s"))).to_be_visible(timeout=30_000)
    panel = panel_of(page)
    expect(panel.get_by_text(re.compile(r"A call is still running after \d+ s: it is stopped at \d+ s"))).to_be_visible()
    expect(page.get_by_role("button", name="Edit neuron", exact=True)).to_be_enabled()
    expect(page.get_by_role("button", name="Reset neuron", exact=True)).to_be_enabled()
    expect(editor(page)).to_contain_text("while True:")      # the editor is open on the student's text meanwhile
    # Nobody presses Stop: the page stops it, and says so beside the code as well as in the page's message.
    expect(page.get_by_text(re.compile(r"^Stopped by itself: your neuron ran for [\d.]+ s without an answer, so Python "
                                       r"was interrupted\. The demo runs your last good neuron"))).to_be_visible(timeout=20_000)
    expect(panel.get_by_text(re.compile(r"^Stopped by itself after [\d.]+ s without an answer: the demo runs your last "
                                        r"good neuron\. Look for a loop"))).to_be_visible()
    expect(page.locator("#fault")).to_be_hidden()
    expect(editor(page)).to_contain_text("while True:")
    expect_all_orange(page)


def test_reset_during_a_runaway_stops_it_and_the_labs_own_comes_back(site, page):
    open_neuron(page, site.url)
    edit_neuron(page, RUNAWAY)
    run_neuron(page)
    expect(page.get_by_text(re.compile(r"Your code has been running for \d+ s"))).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Reset neuron", exact=True).click()
    expect(page.get_by_text(re.compile(r"^The lab's own neuron is back\. Stopped: your neuron ran for [\d.]+ s"))).to_be_visible(
        timeout=5_000)   # before the page would have stopped it by itself
    expect(page.get_by_text("Running your code: neuron")).to_be_hidden()
    expect(page.locator("#fault")).to_be_hidden()
    page.wait_for_timeout(500)
    assert both_sides(page)
    assert not page.errors, page.errors


LOOPS_ON_TANH = 'def neuron(X, w1, w2, b, f="sign"):\nwhile f == "tanh": pass\nreturn np.zeros(len(X)) - 1.0\n'
OUTPUT_MAP_AS_THE_LABS = (
    'def output_map(w1=1.0, w2=1.0, b=-0.5, f="sign", size=80, domain=2.0):\n'
    'a = neuron(plane(size, domain), w1, w2, b, f)\n'
    'lo, hi = ACTIVATION_RANGE[f]\n'
    'hi = max(float(a.max()), 1e-9) if hi is None else hi\n'
    'm = np.round(np.clip((a - lo) / (hi - lo), 0.0, 1.0) * 255).astype(np.uint8).reshape(size, size)\n'
    'return {"map": m, "range": [lo, hi], "line": separating_line(w1, w2, b, domain), "domain": domain}\n')


def test_stop_takes_out_the_edit_that_loops_not_the_one_run_last(site, page):
    """Item 9: with two running edits and the loop in neuron (reached only once f is tanh), Stop used to
    blame output_map, the edit Run last, and the loop stayed. The interrupt now names the edit it went through."""
    open_neuron(page, site.url)
    edit_neuron(page, LOOPS_ON_TANH)
    run_neuron(page)
    expect_all_orange(page)
    edit_neuron(page, OUTPUT_MAP_AS_THE_LABS, "output_map")
    run_neuron(page, "output_map")
    expect(page.get_by_text(re.compile(r"^Running your code: (neuron, output_map|output_map, neuron)$"))).to_be_visible(
        timeout=30_000)
    page.get_by_label("Activation f").select_option("tanh")   # neuron loops now
    expect(page.get_by_text(re.compile(r"Your code has been running for \d+ s"))).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Stop", exact=True).click()
    expect(page.get_by_text(re.compile(r"^Stopped: your neuron ran for .* so Python was interrupted"))).to_be_visible(
        timeout=10_000)
    expect(page.get_by_text("Running your code: output_map", exact=True)).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.locator("#fault")).to_be_hidden()
    page.get_by_label("Activation f").select_option("sigmoid")   # the lab's neuron under the edited output_map
    expect(legend(page)).to_contain_text("orange = 0.00, blue = 1.00", timeout=BOOT_TIMEOUT)


def test_without_shared_memory_a_runaway_loop_restarts_python_and_keeps_the_other_edits(plain_site, page):
    page.goto(plain_site.url + "#/neuron?b=0.5")
    expect(legend(page)).to_contain_text("orange = -1.00", timeout=BOOT_TIMEOUT)
    edit_neuron(page, ALL_ORANGE)           # a good edit, which must survive the restart
    run_neuron(page)
    expect_all_orange(page)
    stop_runaway(page, "output_map",
                 'def output_map(w1=1.0, w2=1.0, b=-0.5, f="sign", size=80, domain=2.0):\nwhile True:\npass\n')
    expect(page.get_by_text(re.compile(r"your output_map ran for .* so Python was restarted; the lesson was restored "
                                       r"from its link with your other edits"))).to_be_visible(timeout=10_000)
    expect(legend(page)).to_contain_text("orange = -1.00, blue = 1.00", timeout=BOOT_TIMEOUT)
    expect(page).to_have_url(re.compile(r"b=0\.5"))
    expect(page.locator("#fault")).to_be_hidden()
    expect(editor(page, "output_map")).to_contain_text("while True:")   # its text is kept
    expect_all_orange(page)                 # the new worker runs the neuron edit again
    expect(page.get_by_text("Running your code: neuron", exact=True)).to_be_visible()


def test_a_shared_link_with_code_asks_before_running_it(site, browser, page):
    open_neuron(page, site.url)
    edit_neuron(page, ALL_ORANGE)
    run_neuron(page)
    expect_all_orange(page)
    page.get_by_role("button", name="Share neuron", exact=True).click()
    link = page.get_by_label("Link with your code (it asks before running it)").input_value()
    assert re.search(r"#/neuron\?.*code=[A-Za-z0-9_-]+$", link), link

    other = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block").new_page()
    other.goto(link)
    prompt = other.get_by_role("region", name="This link contains edited Python. Run it?")
    expect(prompt).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(prompt.get_by_label("Code from the link: neuron")).to_contain_text("np.zeros(len(X)) - 1.0")
    expect(legend(other)).to_contain_text("orange = -1.00, blue = 1.00", timeout=BOOT_TIMEOUT)
    expect(other.get_by_text(re.compile("^Running your code:"))).to_be_hidden()
    expect(other.get_by_text('Ignored unknown setting "code"')).to_have_count(0)
    other.wait_for_timeout(500)
    assert both_sides(other), "code from a link ran before anyone said so"
    prompt.get_by_role("button", name="Don't run").click()
    expect(other.get_by_text("The edited Python from the link was not run.")).to_be_visible()
    assert both_sides(other)

    other.goto(link.replace("#/neuron", "#/"))   # leave, then follow the link again
    other.goto(link)
    prompt = other.get_by_role("region", name="This link contains edited Python. Run it?")
    prompt.get_by_role("button", name="Run", exact=True).click()
    expect_all_orange(other)
    other.context.close()

    # A damaged link says so and runs nothing.
    third = browser.new_context(service_workers="block").new_page()
    third.goto(site.url + "#/neuron?code=AAAA-not-deflate")
    damaged = re.compile("This link's edited Python was not used: the code in the link is damaged")
    expect(third.get_by_text(damaged)).to_be_visible(timeout=BOOT_TIMEOUT)
    third.context.close()
