"""Shared checks for lesson pages (used by the tests of every lesson), and waits for a state.

Tests wait for what the page shows, never for a fixed time, before they assert something:
picture_changes (a figure was redrawn), steady_picture (a figure has finished drawing, for a
"before" picture), page_settles (Python has answered and the page has stopped changing).
"""
import io
import time

from PIL import Image
from playwright.sync_api import expect

ORANGE = (245, 167, 98)   # app/ui/heatmap.js BACKGROUND: class 0 / low output
BLUE = (126, 170, 230)    # class 1 / high output


def colour_share(png, rgb, tol=40):
    """Fraction of the picture's pixels within `tol` (sum of |channel differences|) of `rgb`."""
    img = Image.open(io.BytesIO(png)).convert("RGB")
    data = img.tobytes()
    n = len(data) // 3
    near = 0
    for i in range(0, len(data), 3):
        if abs(data[i] - rgb[0]) + abs(data[i + 1] - rgb[1]) + abs(data[i + 2] - rgb[2]) <= tol:
            near += 1
    return near / n


def check_python_panel(page, qualified_name, source_start):
    """The Python panel shows the real source of the function the page runs."""
    page.get_by_text(f"Python: {qualified_name}", exact=True).click()
    expect(page.get_by_label(f"Source of {qualified_name.rsplit('.', 1)[1]}", exact=True)).to_contain_text(source_start)


def check_lesson_nav(page, prev_title, next_title):
    nav = page.get_by_role("navigation", name="Lesson navigation")
    if prev_title:
        expect(nav.get_by_role("link", name=prev_title)).to_be_visible()
    if next_title:
        expect(nav.get_by_role("link", name=next_title)).to_be_visible()
    expect(nav.get_by_role("link", name="All lessons")).to_be_visible()


def picture_changes(locator, before, ok=lambda png: True, timeout_s=15.0):
    """Wait until the element's screenshot differs from `before` and `ok(png)` holds; return it.

    Figures are redrawn on an animation frame after Python answers, so a picture is polled
    (about every 0.1 s) rather than taken once after a fixed wait."""
    deadline = time.monotonic() + timeout_s
    changed = False
    while True:
        png = locator.screenshot()
        if png != before:
            changed = True
            if ok(png):
                return png
        if time.monotonic() > deadline:
            raise AssertionError(f"{locator}: within {timeout_s:g} s the picture "
                                 + ("changed, but never as expected (ok() stayed false)" if changed
                                    else "did not change"))
        locator.page.wait_for_timeout(100)


def steady_value(page, read, interval_s=0.15, timeout_s=15.0, what="the value"):
    """Call read() until two consecutive results, interval_s apart, are equal; return that result."""
    deadline = time.monotonic() + timeout_s
    last = read()
    while True:
        page.wait_for_timeout(interval_s * 1000)
        now = read()
        if now == last:
            return now
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not settle within {timeout_s:g} s: it still changed every {interval_s:g} s")
        last = now


def steady_picture(locator, timeout_s=15.0):
    """The element's screenshot once two consecutive ones (about 0.15 s apart) are identical:
    the figure has finished drawing. Use it for a "before" picture."""
    return steady_value(locator.page, locator.screenshot, timeout_s=timeout_s, what=f"the picture of {locator}")


# An init script (page.add_init_script or context.add_init_script, before the page loads): counts
# the Python calls in flight (app/runtime/client.js posts {id, ...} to the worker, which answers
# {id, ok, ...}) and stamps the time of the last change: a call sent or answered, or any mutation
# of the DOM. page_settles waits on it.
ACTIVITY_PROBE = """(() => {
  if (window.__activity) return;
  const a = window.__activity = { pending: new Set(), worker: null, last: performance.now() };
  const touch = () => { a.last = performance.now(); };
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (msg, ...rest) {
    if (a.worker !== this) {             // a new worker replaces a dead one: its calls are gone
      a.worker = this;
      a.pending.clear();
    }
    if (msg && msg.id) a.pending.add(msg.id);
    touch();
    return post.call(this, msg, ...rest);
  };
  // The worker answers on the MessagePort the page hands it at boot (runtime/client.js).
  const RealChannel = window.MessageChannel;
  window.MessageChannel = function () {
    const channel = new RealChannel();
    channel.port1.addEventListener("message", (ev) => {
      if (ev.data && ev.data.id && "ok" in ev.data) a.pending.delete(ev.data.id);
      touch();
    });
    return channel;
  };
  new MutationObserver(touch).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();"""

SETTLED = """(quietMs) => window.__activity !== undefined && window.__activity.pending.size === 0 &&
  performance.now() - window.__activity.last >= quietMs"""


def page_settles(page, quiet_ms=300, timeout_s=60.0):
    """Wait until every Python call has been answered and nothing in the page (DOM, calls) has
    changed for quiet_ms: the lesson has shown Python's answers. Needs ACTIVITY_PROBE as an init script."""
    try:
        page.wait_for_function(SETTLED, arg=quiet_ms, timeout=timeout_s * 1000)
    except Exception as err:
        state = page.evaluate("() => window.__activity ? { pending: window.__activity.pending.size,"
                              " quietMs: performance.now() - window.__activity.last } : null")
        if state is None:
            raise AssertionError("page_settles: ACTIVITY_PROBE is not installed in this page") from err
        raise AssertionError(f"the page did not settle within {timeout_s:g} s: {state['pending']} Python calls "
                             f"in flight, last change {state['quietMs']:.0f} ms ago") from err
