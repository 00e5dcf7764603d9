"""Offline use and deployment: the zip served by plain http.server with the network blocked,
the service worker's cache, the Content-Security-Policy, and the deploy build's URLs."""
import json
import re
import socket
import subprocess
import sys
import time
import zipfile

import pytest
from playwright.sync_api import expect

import build
from conftest import BOOT_TIMEOUT, Site, wait_ready
from lesson_helpers import ACTIVITY_PROBE, page_settles


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def unzipped_site(tmp_path_factory):
    """The offline zip, unpacked and served by `python -m http.server` (no special headers)."""
    root = tmp_path_factory.mktemp("offline-kit")
    archive = build.offline_zip(root / "kit.zip", root / "dist")
    with zipfile.ZipFile(archive) as z:
        z.extractall(root / "unpacked")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              cwd=root / "unpacked" / "backprop-lab", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)   # the poll interval of a wait for a state (the server accepts connections)
    yield f"http://127.0.0.1:{port}/"
    server.terminate()
    server.wait()


def test_unpacked_zip_runs_playground_and_a_lesson_with_no_network(unzipped_site, browser):
    context = browser.new_context(service_workers="block")
    outside = []
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:)"),
                  lambda route: (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    page.goto(unzipped_site + "#/playground")
    wait_ready(page)
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    page.goto(unzipped_site + "#/digits")
    expect(page.get_by_role("heading", name="6. MNIST: PyTorch, then ten planes")).to_be_visible()
    expect(page.locator(".katex").first).to_be_visible()
    page.get_by_role("button", name="Step one epoch").click()
    expect(page.get_by_text(re.compile(r"Epoch 1\b")).first).to_be_visible(timeout=BOOT_TIMEOUT)
    assert outside == [], f"requests left the machine: {outside[:3]}"
    context.close()


def test_service_worker_keeps_a_visited_page_working_offline(offline_dist, browser):
    """A first visit downloads each runtime file once (the page starts Python once the service worker
    controls it, and the worker's downloads go through it into its cache), then works offline."""
    asked = []
    counting = Site(offline_dist)
    handler = counting.server.RequestHandlerClass   # functools.partial(LabHandler subclass, directory=...)

    class Counted(handler.func):
        def log_request(self, code="-", size="-"):
            asked.append((self.command, self.path.split("?")[0]))
    counting.server.RequestHandlerClass = type(handler)(Counted, *handler.args, **handler.keywords)
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.goto(counting.url + "#/playground")
    wait_ready(page)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    for name in ("pyodide.asm.wasm", "pyodide.asm.data", "numpy.data", "backprop_lab.zip"):
        gets = [p for m, p in asked if m == "GET" and p.endswith("/" + name)]
        assert len(gets) == 1, f"{name} was downloaded {len(gets)} times on a first visit: {gets}"
    counting.close()
    context.set_offline(True)
    page.reload()
    wait_ready(page)
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    context.close()


def test_pages_raise_no_content_security_policy_violations(site, page):
    problems = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.add_init_script(ACTIVITY_PROBE)
    for route in ("playground", "neuron", "cybenko", "digits"):
        page.goto(site.url + f"#/{route}")
        expect(page.locator("h1")).to_be_visible()
        page_settles(page, timeout_s=BOOT_TIMEOUT / 1000)   # booted, and the lesson's Python answers shown
        page.wait_for_timeout(1500)   # a negative check's window: a late violation would be reported by now
    page.goto(site.url + "static/slides.html")
    expect(page.get_by_role("heading", name="Intro to neural networks and backpropagation")).to_be_visible()
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self' 'wasm-unsafe-eval'" in csp and "unsafe-eval'" not in csp.replace("wasm-unsafe-eval'", "")
    assert problems == []


def test_deploy_build_has_only_relative_or_pinned_urls(tmp_path):
    dist = build.build("cdn", tmp_path / "deploy")
    config = json.loads((dist / "config.json").read_text())
    assert config["pyodide"]["indexURL"] == "pyodide/"   # the core from the site; only wheels from the CDN
    assert config["pyodide"]["packageBaseUrl"] == f"https://cdn.jsdelivr.net/pyodide/v{build.CDN_VERSION}/full/"
    assert config["pyodide"]["integrity"].startswith("sha384-")
    ours = [p for p in dist.rglob("*") if p.suffix in (".html", ".js", ".css", ".json")
            and "vendor" not in p.parts and "pyodide" not in p.relative_to(dist).parts]
    for path in ours:
        text = path.read_text()
        for local in ("/work/", "/tmp/", "/root/", "file://", "127.0.0.1", "//localhost"):
            assert local not in text, f"{path.relative_to(dist)} holds a local path {local}"
        refs = re.findall(r'(?:src|href)="([^"]+)"', text) + re.findall(r'(?:import|from)\s*\(?\s*"([^"]+)"', text)
        for ref in refs:
            assert not re.match(r"^(https?:)?//|^/", ref), f"{path.relative_to(dist)}: absolute URL {ref}"
    absolute = {u for p in ours for u in re.findall(r"https?://[^\s\"'<>);]+", p.read_text())}
    # Only the pinned Pyodide folder (the config; sw.js caches its wheels) and XML namespaces.
    pinned = config["pyodide"]["packageBaseUrl"]
    assert all(u.startswith(pinned) or u.startswith("http://www.w3.org/") for u in absolute), absolute


def test_offline_mid_lesson_without_a_service_worker_says_so_and_recovers(site, browser):
    """#20: the network goes while a lesson is open, with no service worker (blocked, or a first
    visit): the open lesson keeps working (Python and its packages are in memory); a lesson whose
    files were never fetched says it could not be opened, and Retry opens it once the network is back."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(site.url + "#/playground")
    wait_ready(page)
    context.set_offline(True)
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    page.get_by_role("link", name="Lessons", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^7\. Least squares")).click()
    fault = page.get_by_role("alert")
    expect(fault).to_contain_text("This lesson could not be opened", timeout=30_000)
    context.set_offline(False)
    fault.get_by_role("button", name="Retry").click()
    expect(page.get_by_text(re.compile(r"^Iteration \d+: W = \["))).to_be_visible(timeout=60_000)
    expect(fault).to_be_hidden()
    context.close()
