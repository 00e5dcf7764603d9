#!/usr/bin/env python3
"""Benchmark the Playground at its default settings (see bench/README.md).

    python3 bench/playground.py        # from the repo root; needs playwright + numpy

Builds the offline site into a temp dir, serves it on loopback, drives Debian's Chromium
headless, times the same training in CPython, prints a table and writes bench/out/playground.json.
"""
import datetime
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))   # build.py lives at the repo root; backprop_lab is installed (pip install -e .)
import build  # noqa: E402
from backprop_lab import bridge  # noqa: E402
from backprop_lab.lessons import playground  # noqa: E402

MODULE = "backprop_lab.lessons.playground"
N_FRAMES, N_BIG, PLAY_S = 200, 50, 5.0   # TF Playground's figures: bench/race.py, measured side by side

LONGTASKS = """
window.__longtasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
"""

# Installed once Play is enabled: when the Play click lands, and when "Epoch 0" first changes.
ARM_FIRST_FRAME = """() => {
  const out = document.querySelector("output.epoch");
  window.__first = { click: null, frame: null };
  document.addEventListener("click", () => { window.__first.click = performance.now(); }, { capture: true, once: true });
  new MutationObserver((_, obs) => {
    if (out.textContent !== "Epoch 0") { window.__first.frame = performance.now(); obs.disconnect(); }
  }).observe(out, { childList: true, characterData: true, subtree: true });
}"""

# Runs in a same-origin page: a separate Runtime from the site's own client.js, timed from JS.
WORKER_JS = """
async ({ module, n, big }) => {
  const { Runtime } = await import(new URL("app/runtime/client.js", location.href).href);
  const config = await (await fetch("config.json")).json();
  const rt = new Runtime(config);
  await rt.start();
  await rt.load(["numpy"]);
  await rt.call(module, "setup", {});
  const timed = async (fn, args, reps) => {
    const ms = [];
    let out;
    for (let i = 0; i < reps; i++) {
      const t = performance.now();
      out = await rt.call(module, fn, args);
      ms.push(performance.now() - t);
    }
    return { ms, out };
  };
  await timed("train", { epochs: 1 }, 10);   // warm-up
  const frame = await timed("train", { epochs: 1 }, n);
  const many = await timed("train", { epochs: big }, 5);
  const grid = await timed("boundary", {}, 50);
  const empty = await timed("set_rates", {}, 50);   // returns a tiny dict: the bare round trip
  if (rt.terminate) rt.terminate(); else rt.worker.terminate();
  return { frame: frame.ms, many: many.ms, grid: grid.ms, empty: empty.ms,
           bytes: frame.out.boundary.data.byteLength, crossOriginIsolated: self.crossOriginIsolated };
}
"""


def stats(ms):
    return {"median": float(np.median(ms)), "p90": float(np.percentile(ms, 90)), "n": len(ms)}


def serve(dist):
    server = build.make_server(dist, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def epoch_of(page):
    """(performance.now() in the page, the shown epoch), read together."""
    t, text = page.evaluate("() => [performance.now(), document.querySelector('output.epoch').textContent]")
    return t, int(text.split()[1])


def boot(page, url):
    """(ms until Play is enabled, ms until the shell with its progress bar was first painted)."""
    t = time.perf_counter()
    page.goto(url + "#/playground")
    expect(page.get_by_role("button", name="Play")).to_be_enabled(timeout=120_000)
    ready = (time.perf_counter() - t) * 1000
    paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    return ready, paint


def play(page):
    """Press Play: time to the first trained frame, visible epochs/s, long tasks while playing."""
    page.evaluate(ARM_FIRST_FRAME)
    page.get_by_role("button", name="Play").click()
    first = page.wait_for_function("() => window.__first.frame && window.__first").json_value()
    t0, e0 = epoch_of(page)
    page.wait_for_timeout(PLAY_S * 1000)
    t1, e1 = epoch_of(page)
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    tasks = [d for start, d in page.evaluate("window.__longtasks") if start >= first["click"]]
    return {"first_frame_ms": first["frame"] - first["click"], "epochs_per_s": (e1 - e0) / ((t1 - t0) / 1000),
            "longtask_max_ms": max(tasks, default=0.0), "longtask_count": len(tasks)}


def page_figures(browser, url):
    """Boot cold (fresh context) and warm (second navigation), then Play."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LONGTASKS)
    page = context.new_page()
    cold, cold_paint = boot(page, url)
    page.goto("about:blank")
    warm, warm_paint = boot(page, url)
    boot_tasks = [d for _, d in page.evaluate("window.__longtasks")]
    out = {"boot_cold_ms": cold, "boot_warm_ms": warm, "shell_paint_cold_ms": cold_paint,
           "shell_paint_warm_ms": warm_paint, "boot_longtask_max_ms": max(boot_tasks, default=0.0),
           **play(page)}
    context.close()
    return out


def worker_figures(browser, url):
    """Round trips of train(epochs=1) through a fresh Runtime, and the epoch/frame split."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "config.json")   # same origin and headers, but no app competing for the CPU
    r = page.evaluate(WORKER_JS, {"module": MODULE, "n": N_FRAMES, "big": N_BIG})
    context.close()
    frame, many = stats(r["frame"]), stats(r["many"])
    epoch = (many["median"] - frame["median"]) / (N_BIG - 1)
    return {"frame_ms": frame, f"train{N_BIG}_ms": many, "grid_call_ms": stats(r["grid"]),
            "empty_call_ms": stats(r["empty"]),
            "epoch_ms": epoch, "frame_overhead_ms": frame["median"] - epoch,
            "boundary_bytes": r["bytes"], "cross_origin_isolated": r["crossOriginIsolated"]}


def timed(fn, reps):
    ms = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t) * 1000)
    return ms


def cpython_figures():
    """The same training in this CPython's numpy."""
    playground.setup()
    trainer = playground._run["trainer"]
    timed(lambda: playground.train(epochs=1), 10)   # warm-up
    return {"epoch_ms": stats(timed(trainer.epoch, N_FRAMES)),
            "frame_ms": stats(timed(lambda: playground.train(epochs=1), N_FRAMES)),
            "grid_ms": stats(timed(playground.boundary, 50)),
            "empty_call_ms": stats(timed(lambda: bridge.run_lesson(MODULE, "set_rates", "{}"), 50)),
            "bridge_frame_ms": stats(timed(lambda: bridge.run_lesson(MODULE, "train", '{"epochs": 1}'), 50)),
            "numpy": np.__version__, "python": sys.version.split()[0]}


def print_table(res):
    p, w, c = res["page"], res["worker"], res["cpython"]
    ms = lambda v: f"{v:9.2f} ms"  # noqa: E731
    rows = [
        ("Boot to Play enabled, cold", ms(p["boot_cold_ms"]), "", ""),
        ("Boot to Play enabled, warm", ms(p["boot_warm_ms"]), "", ""),
        ("Shell painted (progress bar), cold", ms(p["shell_paint_cold_ms"]), "", ""),
        ("Shell painted (progress bar), warm", ms(p["shell_paint_warm_ms"]), "", ""),
        ("Play to first trained frame", ms(p["first_frame_ms"]), "", ""),
        ("Visible epochs/s while playing", f"{p['epochs_per_s']:9.1f} /s", "", ""),
        ("Longest main-thread task (playing)", ms(p["longtask_max_ms"]), f"{p['longtask_count']} tasks", ""),
        ("Longest main-thread task (warm boot)", ms(p["boot_longtask_max_ms"]), "", ""),
        ("Frame round trip, median (train 1)", ms(w["frame_ms"]["median"]), ms(c["frame_ms"]["median"])),
        ("Frame round trip, p90", ms(w["frame_ms"]["p90"]), ms(c["frame_ms"]["p90"]), ""),
        ("One epoch (train 50 - train 1)/49", ms(w["epoch_ms"]), ms(c["epoch_ms"]["median"])),
        ("Frame overhead (frame - epoch)", ms(w["frame_overhead_ms"]),
         ms(c["frame_ms"]["median"] - c["epoch_ms"]["median"]), ""),
        ("100x100 grid call, median", ms(w["grid_call_ms"]["median"]), ms(c["grid_ms"]["median"])),
        ("Empty call round trip (set_rates)", ms(w["empty_call_ms"]["median"]), ms(c["empty_call_ms"]["median"]), ""),
        ("Frame via bridge.run_lesson (JSON)", "", ms(c["bridge_frame_ms"]["median"]), ""),
    ]
    print(f"\n{'Playground, defaults':38} {'browser':>12} {'CPython':>12}")
    for name, *cells in rows:
        print(f"{name:38} " + " ".join(f"{x:>12}" for x in cells[:2]))
    r = res["ratios"]
    print(f"\nbrowser/CPython: epoch x{r['epoch_browser_vs_cpython']:.1f}, frame x{r['frame_browser_vs_cpython']:.1f}"
          f"; boundary bytes per frame: {w['boundary_bytes']} (against TF Playground: bench/race.py)")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        dist = build.build("offline", Path(tmp) / "dist")
        server, url = serve(dist)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=build.CHROMIUM, args=build.CHROMIUM_FLAGS)
            res = {"page": page_figures(browser, url), "worker": worker_figures(browser, url),
                   "chromium": browser.version}
            browser.close()
        server.shutdown()
    res["cpython"] = cpython_figures()
    w, c = res["worker"], res["cpython"]
    res["ratios"] = {"epoch_browser_vs_cpython": w["epoch_ms"] / c["epoch_ms"]["median"],
                     "frame_browser_vs_cpython": w["frame_ms"]["median"] / c["frame_ms"]["median"]}
    res.update(cpus=os.cpu_count(), date=datetime.datetime.now().isoformat(timespec="seconds"))
    print_table(res)
    out = ROOT / "bench" / "out" / "playground.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1))
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
