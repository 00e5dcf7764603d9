"""What the code editor costs the first paint: the lab as built (CodeMirror fetched only when a
Python panel's Edit is pressed) against the same site with the editor imported up front.

    .venv/bin/python bench/paint.py            # 5 rounds per lesson (~2 min here)
    .venv/bin/python bench/paint.py 9 neuron   # 9 rounds, only the neuron lesson

Builds the offline site into a temp folder and serves it with serve.py (gzip, COOP/COEP). Each
round opens the lesson in a fresh browser context (cold cache, service worker blocked) twice:
    lazy   the site as built
    eager  the same, with main.js importing vendor/codemirror/editor.js first (rewritten on the way)
and reads the browser's first-contentful-paint and the time until the lesson's heading is in the
DOM (both from the navigation's start). The two variants alternate inside each round, so the
machine's drift (up to 1.6x between runs) hits both alike: compare the ratio, not the seconds
across runs. Then, on the lazy site, it times pressing Edit on the first Python panel until the
editor is on screen (the editor's fetch and start, paid once per tab, at the moment it is used).
Prints medians, eager/lazy ratios and the bundle's bytes (raw and gzip). Writes bench/out/paint.json.
"""
import gzip
import json
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import build  # noqa: E402
import serve  # noqa: E402

ROUTES = ["neuron", "playground"]
HEADING = {"neuron": "1. One neuron", "playground": "Playground"}
TIMEOUT_MS = 240_000
EAGER_IMPORT = 'import "../vendor/codemirror/editor.js";   // bench/paint.py: the editor up front\n'

PAINT = """() => new Promise((resolve) => {
  const done = () => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    if (!fcp) return false;
    resolve(fcp.startTime);
    return true;
  };
  if (!done()) new PerformanceObserver(() => done()).observe({ type: "paint", buffered: true });
})"""


def visit(browser, url, route, eager):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, service_workers="block")
    page = context.new_page()
    if eager:
        def rewrite(r):
            resp = r.fetch()
            r.fulfill(response=resp, body=EAGER_IMPORT + resp.text())
        page.route("**/app/main.js", rewrite)
    page.add_init_script("""new MutationObserver((_, obs) => {
      if (document.querySelector("#view h1")) { window.__heading = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });""")
    page.goto(url + f"#/{route}")
    expect(page.get_by_role("heading", level=1, name=HEADING[route])).to_be_attached(timeout=TIMEOUT_MS)
    fcp = page.evaluate(PAINT)
    heading = page.evaluate("window.__heading")
    loaded = page.evaluate("[...performance.getEntriesByType('resource')].some(e => e.name.includes('codemirror/editor.js'))")
    context.close()
    return {"fcp_ms": fcp, "heading_ms": heading, "editor_fetched": loaded}


def open_editor(browser, url):
    """ms from pressing Edit on the neuron lesson's first panel until the editor is shown."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.goto(url + "#/neuron")
    page.get_by_text("Python: backprop_lab.lessons.neuron.output_map", exact=True).click()
    edit = page.get_by_role("button", name="Edit output_map", exact=True)
    expect(edit).to_be_enabled(timeout=TIMEOUT_MS)
    start = page.evaluate("performance.now()")
    edit.click()
    editor = page.get_by_role("textbox", name="Edit output_map")
    expect(editor).to_be_visible(timeout=TIMEOUT_MS)
    ms = page.evaluate("performance.now()") - start
    context.close()
    return ms


def main(rounds, routes):
    with tempfile.TemporaryDirectory() as tmp:
        dist = build.build("offline", Path(tmp) / "dist")
        bundle = dist / "vendor" / "codemirror" / "editor.js"
        raw = bundle.read_bytes()
        sizes = {"raw_kB": len(raw) / 1e3, "gzip_kB": len(gzip.compress(raw, 9)) / 1e3}
        server = serve.make_server(dist, 0, isolate=True, compress=True)
        server.handle_error = lambda request, address: None
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        out = {"bundle": sizes, "rounds": rounds, "routes": {}}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=build.CHROMIUM, args=build.CHROMIUM_FLAGS)
            for route in routes:
                runs = {"lazy": [], "eager": []}
                for i in range(rounds):
                    for mode in (("lazy", "eager") if i % 2 == 0 else ("eager", "lazy")):
                        runs[mode].append(visit(browser, url, route, mode == "eager"))
                assert not any(r["editor_fetched"] for r in runs["lazy"]), "the lazy site fetched the editor"
                assert all(r["editor_fetched"] for r in runs["eager"]), "the eager variant did not load the editor"
                med = {m: {k: statistics.median(r[k] for r in rs) for k in ("fcp_ms", "heading_ms")}
                       for m, rs in runs.items()}
                out["routes"][route] = {"median": med, "runs": runs}
                for k in ("fcp_ms", "heading_ms"):
                    lazy, eager = med["lazy"][k], med["eager"][k]
                    print(f"{route:<11} {k:<11} lazy {lazy:7.0f} ms   eager {eager:7.0f} ms   "
                          f"eager/lazy {eager / lazy:4.2f}   editor up front adds {eager - lazy:+5.0f} ms", flush=True)
            edit = [open_editor(browser, url) for _ in range(max(1, rounds // 2))]
            out["edit_open_ms"] = edit
            browser.close()
        server.shutdown()
    print(f"editor bundle: {sizes['raw_kB']:.0f} kB, {sizes['gzip_kB']:.0f} kB gzipped; "
          f"fetched on the first Edit of a tab: Edit to editor shown, median {statistics.median(edit):.0f} ms "
          f"over {len(edit)} cold tabs")
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / "paint.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    args = sys.argv[1:]
    n = int(args.pop(0)) if args and args[0].isdigit() else 5
    main(n, args or ROUTES)
