"""Every test imports backprop_lab as installed (`pip install -e .`, which `python3 build.py test`
does), never through sys.path. Make sure it is this checkout's code that is under test.

Also the browser tests' `page` (tests/e2e and tests/cdn; each folder's conftest gives `browser`)."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config):
    try:
        import backprop_lab
    except ImportError:
        raise pytest.UsageError("backprop_lab is not installed: run `pip install -e .` in this venv "
                                "(python3 build.py test does it)") from None
    here = (ROOT / "py" / "backprop_lab").resolve()
    found = Path(backprop_lab.__file__).resolve().parent
    if found != here:
        raise pytest.UsageError(f"backprop_lab is imported from {found}, not from this checkout ({here}): "
                                "run `pip install -e .` here (python3 build.py test does it)")


@pytest.fixture(scope="session")
def shared_context(browser):
    """One browser context for the tests' pages: its HTTP cache (and V8's code cache) is shared,
    so each test boots Pyodide warm, as a student's second visit does. Each test still has its own
    page, so its own sessionStorage, routes and errors. The exercises keep their progress in
    localStorage, which the context shares: each `page` clears it when its test ends, so no test
    sees another's progress (a test that wants a second tab opens it in its own context's pages).
    The app sets no cookies. Service workers are off: page.route (fault injection) cannot see what they fetch;
    tests/e2e/test_offline_page.py and test_check_page.py test the service worker in contexts of their own."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield context
    context.close()


@pytest.fixture
def page(shared_context):
    """A page of its own, 1280x900, with the page's uncaught errors in page.errors."""
    page = shared_context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    _forget_lasting_storage(shared_context)
    page.close()


def _forget_lasting_storage(context):
    """Clear localStorage in every page of the context that is still open on an http(s) site."""
    for p in context.pages:
        try:
            if not p.is_closed() and p.url.startswith("http"):
                p.evaluate("() => { try { localStorage.clear(); } catch { /* denied here */ } }")
        except Exception:   # noqa: BLE001 - a crashed or navigating page: nothing to clear there
            pass
