"""Walk a deck slide by slide as a lecturer does (→), and time each demo slide from the key press to
its demo drawn and ready; then the browser's memory after the walk. This tree, and optionally another
revision's app/ and static/ beside it, in one run.

    .venv/bin/python bench/deck.py                      # this tree (~2 min)
    .venv/bin/python bench/deck.py --against 88122b5    # and that revision's app/ and deck, alternating
    .venv/bin/python bench/deck.py --dwell 0            # no pause on a slide: → as soon as it is ready

Two decks, both at 1280×720 in Playwright's default context:
  lab       the lab's own deck, static/slides.html (every demo slide)
  lecturer  a lecturer's reveal.js deck on ANOTHER site (http://localhost:<port>; the lab on
            http://127.0.0.1:<port>), a title slide and then one slide per demo: a heading and the
            snippet the lab's Embed dialog writes (embedSnippet), pasted as it is (the same demos)
The deck's title slide shows for TITLE_S seconds first, as it does while a lecturer starts talking, and
each demo slide for --dwell seconds (3 by default) once it is ready (the lab deck's statement slides,
between its demos, for --dwell seconds too, untimed): a lecturer speaks to a slide for
minutes, and the next slides use that time to get ready. --dwell 0 walks as fast as the demos get ready.
"Ready": the slide's frame shows its part's heading, no loading bar, a drawn figure (layout_helpers.DRAWN),
and an enabled Play button where the part has one. A slide that is not ready after LIMIT_S counts as
LIMIT_S ("never" in the table); after NEVER_IN_A_ROW such slides, the rest are counted "never" without
waiting. Then ← once: the time until the previous slide is ready again.

Memory after the walk: the JS heap of the deck's page and of the lab's frames (performance.memory,
per process: all frames of one site share one), and the WebAssembly memory of every Python runtime
(each dedicated worker that booted Pyodide: its HEAP8), with their count.
Writes bench/out/deck.json. Compare figures within one run only (the machine drifts up to 1.6×).
"""
import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from boot import serve_folder, with_app_of  # noqa: E402  (bench/boot.py)
from layout_helpers import DRAWN, lesson_parts  # noqa: E402

import build  # noqa: E402

N_DEMOS = int(__import__("os").environ.get("DECK_DEMOS", "99"))   # all of them
TITLE_S = 8.0
LIMIT_S = 30.0
READY = """() => {
  const h = document.querySelector("main#view h1");
  const boot = document.getElementById("boot");
  if (!h || (boot && !boot.hidden) || document.querySelector("#fault:not([hidden])")) return false;
  const play = [...document.querySelectorAll("#view button")].find((b) => /^(Play|Pause)$/.test(b.textContent.trim()));
  if (play && play.disabled) return false;
  return (%s)();
}""" % DRAWN

# The lecturer's demos: (route, part, title) of every part, in the lab deck's order (the lecture's).
DEMOS = lesson_parts()[:N_DEMOS]
NEVER_IN_A_ROW = 3   # a deck whose first demos never get ready: the rest are counted "never" unwaited
# Is the next slide one without a demo? The lab's deck has statement slides between its demo slides.
NEXT_IS_STATEMENT = """() => {
  const deck = window.deck || window.Reveal;
  const next = deck.getSlides()[deck.getIndices().h + 1];
  return Boolean(next) && !next.querySelector("iframe");
}"""


def lecturer_deck(folder, lab_url, page_for_snippets):
    """Write the lecturer's reveal.js deck (their own copy of reveal.js) with the lab's snippets."""
    shutil.copytree(ROOT / "node_modules" / "reveal.js" / "dist", folder / "reveal", dirs_exist_ok=True)
    page_for_snippets.goto(lab_url + "#/")
    codes = page_for_snippets.evaluate("""async (demos) => {
      const { embedSnippet } = await import("./app/ui/shell.js");
      return demos.map(([route, part, title]) =>
        embedSnippet(location.href.split("#")[0] + "#/" + route, title + " · Backprop Lab", { part }));
    }""", DEMOS)
    slides = "".join(f"<section><h2>{t}</h2>{c}</section>" for (_, _, t), c in zip(DEMOS, codes))
    (folder / "deck.html").write_text(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>My lecture</title>"
        "<link rel=stylesheet href='reveal/reveal.css'><link rel=stylesheet href='reveal/theme/white.css'></head>"
        f"<body><div class=reveal><div class=slides><section><h2>My lecture</h2></section>{slides}</div></div>"
        "<script type=module>import Reveal from './reveal/reveal.mjs';"
        "window.deck = new Reveal({ hash: true }); window.deck.initialize();</script></body></html>")


def present_frame(page):
    """The frame of the slide on screen (reveal.js marks it .present), once it has a document."""
    el = page.locator(".slides > section.present iframe").first
    el.wait_for(state="attached")
    for _ in range(100):
        frame = el.element_handle().content_frame()
        if frame and frame.url.startswith("http"):
            return frame
        time.sleep(0.05)
    return None


def time_ready(page, press):
    """Seconds from the key press to the present slide's demo ready (LIMIT_S if never)."""
    t0 = time.perf_counter()
    page.keyboard.press(press)
    deadline = t0 + LIMIT_S
    while time.perf_counter() < deadline:
        frame = present_frame(page)
        try:
            if frame and frame.evaluate(READY):
                return time.perf_counter() - t0, True
        except Exception:   # the frame navigating (data-src decks load it on →)
            pass
        time.sleep(0.02)
    return LIMIT_S, False


def memory(page):
    """JS heap of the deck's page and of a lab frame (bytes), and each Python runtime's wasm memory."""
    top = page.evaluate("performance.memory.usedJSHeapSize")
    lab = None
    for f in page.frames[1:]:
        try:
            lab = f.evaluate("performance.memory.usedJSHeapSize")
            break
        except Exception:
            continue
    wasm = []
    for w in page.workers:
        try:
            n = w.evaluate("typeof pyodide !== 'undefined' && pyodide ? (pyodide._module || pyodide).HEAP8.length : 0")
        except Exception:
            n = 0
        if n:
            wasm.append(n)
    return {"page_heap": top, "lab_heap": lab, "runtimes": len(wasm), "wasm": wasm}


def walk(browser, url, heading, dwell):
    print(f"walking {url}", flush=True)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(url)
    page.locator(".reveal.ready").wait_for(state="attached")
    time.sleep(TITLE_S)                      # the title slide, while the lecturer starts talking
    page.locator("body").click(position={"x": 5, "y": 5})
    times, titles = [], []
    for _ in DEMOS:
        while page.evaluate(NEXT_IS_STATEMENT):   # → over a statement slide, spoken to as long as a demo slide
            page.keyboard.press("ArrowRight")
            time.sleep(dwell)
        if len(times) >= NEVER_IN_A_ROW and all(t is None for t in times[-NEVER_IN_A_ROW:]):
            page.keyboard.press("ArrowRight")   # this deck never gets a demo ready: do not wait each time
            time.sleep(0.5)
            titles.append(page.locator(f".slides > section.present {heading}").inner_text())
            times.append(None)
            continue
        s, ok = time_ready(page, "ArrowRight")
        titles.append(page.locator(f".slides > section.present {heading}").inner_text())
        print(f"  {fmt(s if ok else None):>8}  {titles[-1]}", flush=True)
        times.append(s if ok else None)
        page.locator("body").click(position={"x": 5, "y": 5})   # focus back on the deck
        time.sleep(dwell)                    # the lecturer speaks to the slide
    back, ok = time_ready(page, "ArrowLeft")
    mem = memory(page)
    context.close()
    return {"times": times, "titles": titles, "back": back if ok else None, "memory": mem}


def summary(times):
    vals = [LIMIT_S if t is None else t for t in times]
    later = vals[1:]
    return {"first": vals[0], "median_later": statistics.median(later), "worst_later": max(later),
            "never": sum(t is None for t in times)}


def fmt(t):
    return "never" if t is None else f"{t:5.2f} s"


def main(against, dwell):
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        dist = build.build("offline", tmp / "dist")
        sites = {"this tree": dist}
        if against:
            sites[against] = with_app_of(against, dist, tmp / "against", folders=("app", "static"))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=build.CHROMIUM, args=build.CHROMIUM_FLAGS)
            for name, folder in sites.items():
                lab_server, lab_url = serve_folder(folder, isolate=False)   # as GitHub Pages serves it
                lecturer = tmp / f"lecturer-{len(results)}"
                lecturer.mkdir()
                helper = browser.new_page()
                lecturer_deck(lecturer, lab_url, helper)
                helper.close()
                lect_server, lect_url = serve_folder(lecturer, isolate=False)
                lect_url = lect_url.replace("127.0.0.1", "localhost")
                results[name] = {
                    "lab": walk(browser, lab_url + "static/slides.html", "h3", dwell),
                    "lecturer": walk(browser, lect_url + "deck.html", "h2", dwell),
                }
                lab_server.shutdown()
                lect_server.shutdown()
            browser.close()
    for name, decks in results.items():
        for deck, r in decks.items():
            s = summary(r["times"])
            r["summary"] = s
            m = r["memory"]
            print(f"\n{name} · {deck} deck: from → to the demo drawn and ready ({dwell:g} s on each slide)")
            for title, t in zip(r["titles"], r["times"]):
                print(f"  {fmt(t):>8}  {title}")
            print(f"  first demo {fmt(s['first'])}; later demos: median {s['median_later']:.2f} s, worst "
                  f"{s['worst_later']:.2f} s ({s['never']} never ready in {LIMIT_S:.0f} s); ← back {fmt(r['back'])}")
            wasm = ", ".join(f"{w / 2**20:.0f} MiB" for w in m["wasm"]) or "none"
            lab_heap = f"{m['lab_heap'] / 2**20:.1f} MiB" if m["lab_heap"] else "n/a"
            print(f"  memory after the walk: deck page JS heap {m['page_heap'] / 2**20:.1f} MiB, lab frames' JS heap "
                  f"{lab_heap}; {m['runtimes']} Python runtime(s), wasm memory {wasm}")
    if against:
        for deck in ("lab", "lecturer"):
            a = results["this tree"][deck]["summary"]["median_later"]
            b = results[against][deck]["summary"]["median_later"]
            print(f"{deck} deck, median of later slides: this tree / {against} = {a / b:.3f} ({a:.2f} s against {b:.2f} s)")
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / "deck.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--against", help="a git revision whose app/ and static/ to walk beside this tree's")
    ap.add_argument("--dwell", type=float, default=3.0, help="seconds on each demo slide once it is ready")
    args = ap.parse_args()
    main(args.against, args.dwell)
