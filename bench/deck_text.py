"""The smallest text on screen in each demo slide of the lab's deck, at 1280×720, as a lecturer sees it.

    .venv/bin/python bench/deck_text.py                  # builds this tree's offline site (~2 min)
    .venv/bin/python bench/deck_text.py --dist DIR       # an offline build already made
    .venv/bin/python bench/deck_text.py --out before.json

Each demo slide is shown (window.deck.slide), its demo waited for (heading, no loading bar, a drawn
figure), then its smallest text measured in screen pixels: every visible text node of the frame and
every string drawn on one of its canvases (uPlot's axes included), in the frame's CSS pixels, times
the frame's scale on screen (reveal.js scales the 1280×720 slide to the window). With it, whether the
demo fits its frame (no scroll, figure in view and ≥ 45 % of the height). Prints a table and writes
JSON: [{slide, route, part, min_px, what, fits}].
"""
import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from boot import serve_folder  # noqa: E402  (bench/boot.py)
from deck_helpers import CANVAS_TEXT, FRAME_SCALE, FRAME_TEXT  # noqa: E402  (tests/e2e)
from layout_helpers import DRAWN, MEASURE  # noqa: E402

import build  # noqa: E402


def measure(page, frame):
    """(smallest text in screen px, what it is, the demo fits its frame)."""
    text = frame.evaluate(FRAME_TEXT)
    scale = page.evaluate(FRAME_SCALE)
    m = frame.evaluate(MEASURE)
    fits = m["scroll"] <= 0 and m["scrollX"] <= 0 and m["inView"] and m["figurePct"] >= 45
    return text["min"] * scale, text["what"], fits, m


def walk(browser, url, size=(1280, 720)):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, service_workers="block")
    context.add_init_script(CANVAS_TEXT)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.deck && window.deck.isReady()")
    rows = []
    for i, section in enumerate(page.locator(".slides > section").all()):
        route, part = section.get_attribute("data-route"), section.get_attribute("data-part")
        if not route:
            continue
        page.evaluate(f"() => window.deck.slide({i})")
        frame = section.locator("iframe.demo").element_handle().content_frame()
        title = section.locator("h3").text_content().strip()
        frame.get_by_role("heading", level=1, name=title).wait_for(timeout=90_000)
        frame.locator("#boot").wait_for(state="hidden", timeout=90_000)
        frame.wait_for_function(DRAWN, timeout=90_000)
        time.sleep(0.5)   # a chart's second draw (its size settled)
        px, what, fits, m = measure(page, frame)
        rows.append({"slide": i, "route": route, "part": part, "min_px": round(px, 1), "what": what, "fits": fits,
                     "figure_pct": round(m["figurePct"]), "scroll": m["scroll"]})
        print(f"{i:3d}  {route}/{part:<14} {px:5.1f} px  fits={fits}  ({what})", flush=True)
    context.close()
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dist", type=Path, help="an offline build (default: build this tree now)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "deck_text.json")
    args = ap.parse_args()
    dist = args.dist or build.build("offline", Path(tempfile.mkdtemp()) / "dist")
    server, url = serve_folder(dist)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=build.CHROMIUM, args=build.CHROMIUM_FLAGS)
        rows = walk(browser, url + "static/slides.html")
        browser.close()
    server.shutdown()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=1))
    print(f"smallest: {min(r['min_px'] for r in rows):.1f} px; {sum(not r['fits'] for r in rows)} slides do not fit; "
          f"wrote {args.out}")


if __name__ == "__main__":
    main()
