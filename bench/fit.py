#!/usr/bin/env python3
"""The fit table: every lesson in embed mode at slide sizes, and every route on a phone.

    python3 bench/fit.py            # builds the offline site, prints the tables (Markdown)
    python3 bench/fit.py --no-build # measure dist/ as it is

For each lesson's part × frame size (960×540, 1280×720, 1920×1080; embed=1&part=<id>, and projector=1 at
1280×720; a lesson not yet made of parts is measured whole, as embed=1 shows it):
how far the document scrolls (px), the main figure's share of the frame's height (%) and whether it
is entirely in view, and the smallest visible text (px). Then, at 390×844 (a phone, normal mode):
the page's width and the header's height. The probe is tests/e2e/layout_helpers.MEASURE.
"""
import argparse
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]
from layout_helpers import MEASURE, lesson_parts, routes  # noqa: E402

import build  # noqa: E402

SIZES = [(960, 540), (1280, 720), (1920, 1080)]
SETTLE_MS = 2500   # after a route is mounted, for Python to answer and the figures to be drawn


def measure(page, url, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url)
    page.wait_for_timeout(SETTLE_MS)
    return page.evaluate(MEASURE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    dist = ROOT / "dist" if args.no_build else build.build("offline", Path(tempfile.mkdtemp()) / "dist")
    server = build.make_server(dist, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=build.CHROMIUM, args=build.CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(base + "#/neuron")
        page.wait_for_selector("#python-version:not(:empty)", state="attached", timeout=120_000)
        print("| route | part | size | mode | scroll px | figure % | in view | min font px | smallest text |")
        print("|---|---|---|---|---|---|---|---|---|")
        ready = lesson_parts()
        targets = [(r, p) for r in routes(lessons_only=True) for p in ([p for rr, p, _ in ready if rr == r] or [""])]
        cases = [(s, "embed=1") for s in SIZES] + [((1280, 720), "embed=1&projector=1")]
        fits = total = 0
        for route, part in targets:
            for size, flags in cases:
                m = measure(page, f"{base}#/{route}?{flags}" + (f"&part={part}" if part else ""), size)
                ok = m["scroll"] <= 0 and m["inView"] and m["figurePct"] >= 45 and \
                    (m["minFont"] or 0) >= (20 if "projector" in flags else 14)
                fits += ok
                total += 1
                mode = "projector" if "projector" in flags else "embed"
                view = "yes" if m["inView"] else "no"
                print(f"| {route} | {part or '(whole)'} | {size[0]}×{size[1]} | {mode} | {m['scroll']} | "
                      f"{m['figurePct']:.0f} | {view} | {m['minFont']} | {m['minWhat'][:40]} |")
        print(f"\n{fits} of {total} cases fit (no scroll, figure in view and ≥ 45 % of the height, text ≥ 14 px, "
              "≥ 20 px in projector mode).\n")
        print("| route | phone 390×844: page width px | header px |")
        print("|---|---|---|")
        over = 0
        for route in routes():
            m = measure(page, f"{base}#/{route}", (390, 844))
            over += m["scrollWidth"] > 390
            print(f"| {route} | {m['scrollWidth']} | {m['header']:.0f} |")
        print(f"\n{over} of {len(routes())} routes overflow sideways at 390 px.")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
