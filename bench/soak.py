#!/usr/bin/env python3
"""A long class, as a user drives it: the Playground played at full speed for MINUTES minutes, then
CYCLES edit-and-Run cycles of lesson 1's neuron in its code panel (Edit, a new body, Run, the
demo redrawn), with the page's JS heap (after a forced GC) and the worker's WebAssembly memory
before, during and after.

    .venv/bin/python bench/soak.py                  # 10 minutes and 200 cycles (~15 min)
    .venv/bin/python bench/soak.py --minutes 1 --cycles 20

Prints each sample and the growth from the first sample after warm-up to the last. Wasm memory
never shrinks (a high-water mark), so the figure to read is whether it keeps growing.
Writes bench/out/soak.json.
"""
import argparse
import json
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import build  # noqa: E402

BOOT = 120_000
HEAP = "typeof pyodide !== 'undefined' && pyodide ? (pyodide._module || pyodide).HEAP8.length : 0"
# The plane's centre pixel: orange (red > blue) for an output of -1 everywhere, blue for +1.
COLOUR = """(want) => {
  const c = document.querySelector("canvas.plane");
  if (!c) return false;
  const [r, , b] = c.getContext("2d").getImageData(c.width >> 1, c.height >> 1, 1, 1).data;
  return want === "orange" ? r > b + 60 : b > r + 60;
}"""


def memory(page):
    js = page.evaluate("() => { if (window.gc) gc(); return performance.memory.usedJSHeapSize; }")
    wasm = 0
    for w in page.workers:
        try:
            wasm = max(wasm, w.evaluate(HEAP))
        except Exception:
            pass
    return {"js": js, "wasm": wasm}


def show(label, m):
    print(f"  {label:<22} JS heap {m['js'] / 2**20:7.1f} MiB   wasm {m['wasm'] / 2**20:7.1f} MiB", flush=True)


def soak(page, url, minutes, cycles):
    samples = []
    page.goto(url + "#/playground")
    play = page.get_by_role("button", name="Play", exact=True).first
    expect(play).to_be_enabled(timeout=BOOT)
    samples.append(("playground, before", memory(page)))
    show(*samples[-1])
    play.click()
    start = time.time()
    for minute in range(1, minutes + 1):
        time.sleep(max(0.0, start + 60 * minute - time.time()))
        epoch = page.locator(".player .epoch").first.inner_text()
        samples.append((f"played {minute} min", memory(page)))
        show(f"{samples[-1][0]} ({epoch})", samples[-1][1])
    page.get_by_role("button", name="Pause", exact=True).first.click()
    expect(page.get_by_role("button", name="Play", exact=True).first).to_be_enabled(timeout=BOOT)

    page.goto(url + "#/neuron")
    legend = page.get_by_text(re.compile(r"^Colour: orange"))
    expect(legend).to_be_visible(timeout=BOOT)
    page.get_by_text("Python: backprop_lab.lessons.neuron.neuron", exact=True).click()
    page.get_by_role("button", name="Edit neuron", exact=True).click()
    editor = page.locator(".cm-content").first
    expect(editor).to_contain_text("def neuron(", timeout=BOOT)
    samples.append(("edits, before", memory(page)))
    show(*samples[-1])
    for i in range(1, cycles + 1):
        value = -1.0 if i % 2 else 1.0   # alternate all orange and all blue: each Run redraws the demo
        editor.click()
        page.keyboard.press("Control+a")
        page.keyboard.type(f'def neuron(X, w1, w2, b, f="sign"):\nreturn np.zeros(len(X)) + {value}\n')
        page.get_by_role("button", name="Run neuron", exact=True).click()
        page.wait_for_function(COLOUR, arg="orange" if value < 0 else "blue", timeout=BOOT)   # the demo redrawn
        editor = page.locator(".cm-content").first
        if i % 50 == 0:
            samples.append((f"edit-and-Run {i}", memory(page)))
            show(*samples[-1])
    return samples


def main(minutes, cycles):
    with tempfile.TemporaryDirectory() as tmp:
        dist = build.build("offline", Path(tmp) / "dist")
        server = build.make_server(dist, 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=build.CHROMIUM,
                                        args=build.CHROMIUM_FLAGS + ["--js-flags=--expose-gc"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            print(f"soak: Playground {minutes} min at full speed, then {cycles} edit-and-Run cycles", flush=True)
            samples = soak(page, url, minutes, cycles)
            browser.close()
        server.shutdown()
    by = dict(samples)
    played = [m for label, m in samples if label.startswith("played")]
    edits = [by["edits, before"]] + [m for label, m in samples if label.startswith("edit-and-Run")]
    for name, run in (("Playground", [by["playground, before"]] + played), ("edit-and-Run", edits)):
        a, b = run[min(1, len(run) - 1)], run[-1]
        print(f"{name}: JS heap {a['js'] / 2**20:.1f} → {b['js'] / 2**20:.1f} MiB ({b['js'] / a['js']:.3f}×), "
              f"wasm {a['wasm'] / 2**20:.1f} → {b['wasm'] / 2**20:.1f} MiB ({b['wasm'] / max(a['wasm'], 1):.3f}×) "
              "from the first sample after warm-up to the last")
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / "soak.json").write_text(json.dumps(samples, indent=1))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=int, default=10)
    ap.add_argument("--cycles", type=int, default=200)
    args = ap.parse_args()
    main(args.minutes, args.cycles)
