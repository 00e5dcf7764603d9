"""Faults get a clear message and a working Retry: missing files, Python errors, a dead worker."""
import io
import re
import time
import zipfile

import pytest
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT, wait_ready


def fault(page):
    return page.get_by_role("alert")


def patched_zip(dist, old, new):
    """The site's Python package with one line of playground.py replaced (a fault injected)."""
    src = zipfile.ZipFile(dist / "py" / "backprop_lab.zip")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("lessons/playground.py"):
                text = data.decode()
                assert old in text
                data = text.replace(old, new, 1).encode()
            z.writestr(info, data)
    return out.getvalue()


def serve_patched(page, dist, body):
    """Serve a patched package zip instead of the built one."""
    page.route("**/backprop_lab.zip", lambda route: route.fulfill(body=body, content_type="application/zip"))


def patched_zip_text(body, old, new):
    """A zip (bytes) with one more replacement in playground.py."""
    src = zipfile.ZipFile(io.BytesIO(body))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("lessons/playground.py"):
                data = data.decode().replace(old, new, 1).encode()
            z.writestr(info, data)
    return out.getvalue()


def test_missing_package_file_is_named_and_retry_recovers(site, page):
    page.goto(site.url + "#/playground")
    wait_ready(page)
    # 0.17 never settles a load whose .data file is missing; the page must not hang.
    page.route("**/scikit-learn.data", lambda route: route.fulfill(status=404, body="gone"))
    page.get_by_text("moons", exact=True).click()
    expect(fault(page)).to_contain_text("scikit-learn.data", timeout=BOOT_TIMEOUT)
    expect(fault(page)).to_contain_text("404")
    page.unroute("**/scikit-learn.data")
    page.get_by_role("button", name="Retry").click()
    wait_ready(page)
    expect(fault(page)).to_be_hidden()
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()


def test_missing_runtime_file_is_named_and_retry_recovers(site, page):
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(site.url + "#/playground")
    expect(fault(page)).to_contain_text("pyodide.asm.wasm", timeout=BOOT_TIMEOUT)
    expect(page.get_by_role("button", name="Play")).to_be_disabled()
    page.unroute("**/pyodide.asm.wasm")
    page.get_by_role("button", name="Retry").click()
    wait_ready(page)
    expect(fault(page)).to_be_hidden()


def test_python_exception_shows_last_line_and_lesson_stays_usable(site, offline_dist, page):
    body = patched_zip(offline_dist, '    trainer = _run["trainer"]\n    start = time.perf_counter()',
                       '    raise ValueError("injected fault in train")')
    serve_patched(page, offline_dist, body)
    console = []
    page.on("console", lambda m: console.append(m.text))
    page.goto(site.url + "#/playground")
    wait_ready(page)
    page.get_by_role("button", name="Step").click()
    expect(fault(page)).to_contain_text("ValueError: injected fault in train")
    assert any("Traceback" in line for line in console), "the full traceback goes to the console"
    # Reset still works, and so does every control.
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Play")).to_be_enabled()


@pytest.mark.timed   # wall-clock bound (the death noticed within 1.5 s): run alone, not beside another test process
def test_worker_killed_during_training_is_noticed_restarted_and_restored(site, offline_dist, page):
    anchor = '    trainer = _run["trainer"]\n    start = time.perf_counter()'
    body = patched_zip(offline_dist, anchor, '    import js\n    js.close()  # the worker ends itself, mid-training\n' + anchor)
    serve_patched(page, offline_dist, body)
    page.goto(site.url + "#/playground?dataset=xor&hidden=3")
    wait_ready(page)
    page.unroute("**/backprop_lab.zip")   # the restarted worker gets the real package
    page.get_by_role("button", name="Play").click()
    started = time.time()
    notice = page.get_by_text(re.compile("worker stopped.*restarted, and the lesson restored"))
    expect(notice).to_be_visible(timeout=5_000)
    assert time.time() - started < 1.5, "the page noticed the death within about a second"
    wait_ready(page)
    expect(page.get_by_role("radio", name="xor")).to_be_checked()
    expect(page.get_by_text("Layer 1: 3 neurons")).to_be_visible()
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_text(re.compile(r"^Epoch [1-9]\d*$"))).to_be_visible()
    page.get_by_role("button", name="Pause").click()


def test_truncated_python_package_is_named(site, offline_dist, page):
    data = (offline_dist / "py" / "backprop_lab.zip").read_bytes()
    page.route("**/backprop_lab.zip", lambda route: route.fulfill(body=data[: len(data) // 2], content_type="application/zip"))
    page.goto(site.url + "#/playground")
    expect(fault(page)).to_contain_text("backprop_lab.zip is truncated or damaged", timeout=BOOT_TIMEOUT)
    page.unroute("**/backprop_lab.zip")
    page.get_by_role("button", name="Retry").click()
    wait_ready(page)


def test_truncated_package_file_is_named(site, offline_dist, page):
    data = (offline_dist / "pyodide" / "scikit-learn.data").read_bytes()
    page.goto(site.url + "#/playground")
    wait_ready(page)
    half = data[: len(data) // 2]
    page.route("**/scikit-learn.data", lambda route: route.fulfill(body=half, content_type="application/octet-stream"))
    page.get_by_text("moons", exact=True).click()
    expect(fault(page)).to_contain_text("scikit-learn.data is truncated or damaged", timeout=BOOT_TIMEOUT)
    page.unroute("**/scikit-learn.data")
    page.get_by_role("button", name="Retry").click()
    wait_ready(page)
    expect(fault(page)).to_be_hidden()
