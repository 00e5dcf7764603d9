#!/usr/bin/env python3
"""The lab against a plain-JS reference of TensorFlow Playground's algorithm, side by side.

    .venv/bin/python bench/race.py            # from the repo root, ~2 min; --rounds 10 --n 20

Builds the offline site, serves it with build.make_server (COOP/COEP), and in ONE headless
Chromium page (at config.json: same origin, no app competing for the CPU) starts the lab's own
Runtime (app/runtime/client.js, the Python worker) and puts bench/tfpg_reference.js on the main
thread, as TF Playground runs. Both train the same network from the same weights on the same
250 training points (the worker's own datasets.make for seed 0), batch 10, eta 0.03, tanh.
Rounds alternate: lab frames x N, lab grids x N, lab train(50) x 2, N frames' Python side and N epochs timed
inside the worker (the stdlib's timeit, one per call), N empty calls, N calls returning 1 and 9 small arrays,
then reference frames x N (each split into epoch and grid),
the order swapping every round.

Then, in the app itself: boot cold and warm to Play (bench/playground.py's measure), visible
epochs/s while playing and the requestAnimationFrame rate of that page, and the reference
driven by requestAnimationFrame (TF Playground: one epoch per animation frame).

Prints the table with the ratios and writes bench/out/race.json. Asserts nothing but one
check: the reference, run in the lab's own model (sigmoid + cross-entropy, the lab's order of
points), must give CPython's Trainer's losses, or the race is not between the same networks.
"""
import argparse
import copy
import datetime
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))   # build.py lives at the repo root; backprop_lab is installed (pip install -e .)
import build  # noqa: E402
from backprop_lab.lessons import playground as pg  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from playground import LONGTASKS, boot, serve  # noqa: E402

REFERENCE = ROOT / "bench" / "tfpg_reference.js"
MODULE = "backprop_lab.lessons.playground"
CHECK_EPOCHS = 5

RACE_JS = """
async ({ module, rounds, n, big, params, check }) => {
  const { Runtime } = await import(new URL("app/runtime/client.js", location.href).href);
  const config = await (await fetch("config.json")).json();
  const rt = new Runtime(config);
  await rt.start();
  await rt.load(["numpy"]);
  await rt.call(module, "setup", {});
  const [X, y, Xt, yt] = await rt.call("backprop_lab.datasets", "make",
                                       { name: "circle", n: 500, noise: 0, train_ratio: 0.5, seed: 0 });
  const num = (a) => Array.from(a.data, Number);   // int64 labels come as BigInt64Array
  const data = { X: num(X), y: num(y), Xt: num(Xt), yt: num(yt) };
  let same = 0;   // largest difference between the worker's points and CPython's
  for (const k of ["X", "y", "Xt", "yt"]) {
    if (data[k].length !== check.data[k].length) same = Infinity;
    else data[k].forEach((v, i) => { same = Math.max(same, Math.abs(v - check.data[k][i])); });
  }
  const settings = { shape: [2, 4, 2, 1], hidden: "tanh", batchSize: 10, eta: 0.03, density: 100 };

  // 1. the reference trains the lab's network: the lab's model and order, CPython's losses
  const twin = new TFPGReference({ ...check.data, ...settings, params, mode: "lab" });
  const checked = check.orders.map((order) => twin.epoch(order));

  // 2. the race
  const ref = new TFPGReference({ ...data, ...settings, params, mode: "tfpg" });
  const timeCall = async (fn, args) => {
    const t = performance.now(); await rt.call(module, fn, args); return performance.now() - t;
  };
  for (let i = 0; i < 10; i++) {   // warm-up, JIT
    await timeCall("train", { epochs: 1 }); ref.frame();
  }
  const out = { lab_frame: [], lab_grid: [], lab_big: [], lab_epoch: [], lab_python: [], lab_epoch_py: [],
               lab_empty: [], lab_arrays1: [], lab_arrays9: [],
                ref_frame: [], ref_epoch: [], ref_grid: [] };
  // the Python side of a frame, timed inside the worker (the stdlib's timeit, through the same bridge)
  const python = { stmt: `bridge.run_lesson("${module}", "train", '{"epochs": 1}')`,
                   setup: "from backprop_lab import bridge", repeat: 1, number: 1 };   // one frame a call
  const epoch = { stmt: "pg._run['trainer'].epoch()", setup: "from backprop_lab.lessons import playground as pg",
                  repeat: 1, number: 1 };                                    // one epoch, inside the worker
  const lab = async () => {
    const f = [], b = [];
    for (let i = 0; i < n; i++) f.push(await timeCall("train", { epochs: 1 }));
    for (let i = 0; i < n; i++) out.lab_grid.push(await timeCall("boundary", {}));
    for (let i = 0; i < 2; i++) b.push(await timeCall("train", { epochs: big }));
    for (let i = 0; i < n; i++) out.lab_python.push((await rt.call("timeit", "repeat", python))[0] * 1000);
    for (let i = 0; i < n; i++) out.lab_epoch_py.push((await rt.call("timeit", "repeat", epoch))[0] * 1000);
    for (let i = 0; i < n; i++) out.lab_empty.push(await timeCall("set_rates", {}));
    const split = async (k) => { const t = performance.now();   // k one-number arrays, no other work
      await rt.call("numpy", "array_split", { ary: [1, 2, 3, 4, 5, 6, 7, 8, 9], indices_or_sections: k });
      return performance.now() - t; };
    for (let i = 0; i < n; i++) { out.lab_arrays1.push(await split(1)); out.lab_arrays9.push(await split(9)); }
    out.lab_frame.push(...f);
    out.lab_big.push(...b);
    const med = (a) => a.slice().sort((p, q) => p - q)[a.length >> 1];
    out.lab_epoch.push((Math.min(...b) - med(f)) / (big - 1));   // this round's epoch, without the frame
  };
  const reference = () => {
    for (let i = 0; i < n; i++) {
      const [frame, epoch, grid] = ref.frame();
      out.ref_frame.push(frame); out.ref_epoch.push(epoch); out.ref_grid.push(grid);
    }
  };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) { await lab(); reference(); } else { reference(); await lab(); }
    await new Promise((res) => setTimeout(res, 0));
  }
  rt.terminate();

  // 3. animation frames in this page: their rate, and the reference driven by them
  const rafRate = (ms, work) => new Promise((res) => {
    let frames = 0; const t0 = performance.now();
    const tick = () => {
      if (work) work();
      frames++;
      if (performance.now() - t0 < ms) requestAnimationFrame(tick); else res(frames / ((performance.now() - t0) / 1000));
    };
    requestAnimationFrame(tick);
  });
  out.raf_hz = await rafRate(3000, null);
  out.ref_epochs_per_s = await rafRate(3000, () => ref.frame());
  out.ref_epochs = ref.iter;
  return { out, checked, same, crossOriginIsolated: self.crossOriginIsolated,
           hardwareConcurrency: navigator.hardwareConcurrency };
}
"""

RAF_COUNTER = """() => {
  window.__raf = { frames: 0, on: true };
  const tick = () => { window.__raf.frames++; if (window.__raf.on) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}"""


def median(a):
    return float(np.median(a))


def cpython_check():
    """The default run in CPython: data, initial weights, the first epochs' orders and losses."""
    pg.setup()
    tr = pg._run["trainer"]
    params = [p.tolist() for p in pg._run["net"].params]
    rng = copy.deepcopy(tr.rng)
    orders = [rng.permutation(len(tr.X_train)).tolist() for _ in range(CHECK_EPOCHS)]
    for _ in range(CHECK_EPOCHS):
        tr.epoch()
    h = tr.history
    data = {"X": tr.X_train.ravel().tolist(), "y": tr.y_train.tolist(),
            "Xt": tr.X_test.ravel().tolist(), "yt": tr.y_test.tolist()}
    return params, {"data": data, "orders": orders}, list(zip(h["train_loss"][1:], h["test_loss"][1:]))


def app_play(browser, url):
    """Boot cold and warm to Play in the app, then Play for 5 s: visible epochs/s and rAF rate."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LONGTASKS)
    page = context.new_page()
    cold, _ = boot(page, url)
    page.goto("about:blank")
    warm, _ = boot(page, url)
    page.evaluate(RAF_COUNTER)
    page.wait_for_timeout(2000)
    idle = page.evaluate("() => [performance.now(), window.__raf.frames]")
    page.wait_for_timeout(2000)
    idle2 = page.evaluate("() => [performance.now(), window.__raf.frames]")
    page.get_by_role("button", name="Play").click()
    page.wait_for_timeout(1000)
    read = "() => [performance.now(), window.__raf.frames, document.querySelector('output.epoch').textContent]"
    t0, f0, e0 = page.evaluate(read)
    page.wait_for_timeout(5000)
    t1, f1, e1 = page.evaluate(read)
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    context.close()
    s = (t1 - t0) / 1000
    return {"boot_cold_ms": cold, "boot_warm_ms": warm,
            "raf_idle_hz": (idle2[1] - idle[1]) / ((idle2[0] - idle[0]) / 1000),
            "raf_playing_hz": (f1 - f0) / s,
            "epochs_per_s": (int(e1.split()[1]) - int(e0.split()[1])) / s}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--big", type=int, default=50)
    args = ap.parse_args()
    params, check, cpython_losses = cpython_check()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        dist = build.build("offline", Path(tmp) / "dist")
        server, url = serve(dist)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=build.CHROMIUM, args=build.CHROMIUM_FLAGS)
            context = browser.new_context()
            page = context.new_page()
            page.goto(url + "config.json")
            page.add_script_tag(path=str(REFERENCE))
            page.set_default_timeout(0)
            r = page.evaluate(RACE_JS, {"module": MODULE, "rounds": args.rounds, "n": args.n, "big": args.big,
                                        "params": params, "check": check})
            context.close()
            app = app_play(browser, url)
            version = browser.version
            browser.close()
        server.shutdown()
    worst = max(abs(a - b) for pair, ref in zip(cpython_losses, r["checked"]) for a, b in zip(pair, ref))
    if worst > 1e-9:
        raise SystemExit(f"the reference does not train the lab's network: losses differ by {worst:g}")
    if not r["same"] < 1e-9:
        raise SystemExit("the worker's training set differs from CPython's")
    o = r["out"]
    res = {
        "lab": {"frame_ms": median(o["lab_frame"]), "epoch_ms": median(o["lab_epoch_py"]),
                "epoch_from_train50_ms": median(o["lab_epoch"]),
                "frame_python_ms": median(o["lab_python"]), "empty_call_ms": median(o["lab_empty"]),
                "call_1_array_ms": median(o["lab_arrays1"]), "call_9_arrays_ms": median(o["lab_arrays9"]),
                "grid_ms": median(o["lab_grid"]), "frame_p90_ms": float(np.percentile(o["lab_frame"], 90)),
                "epochs_per_s_playing": app["epochs_per_s"]},
        "ref": {"frame_ms": median(o["ref_frame"]), "epoch_ms": median(o["ref_epoch"]),
                "grid_ms": median(o["ref_grid"]), "frame_p90_ms": float(np.percentile(o["ref_frame"], 90)),
                "epochs_per_s_raf": o["ref_epochs_per_s"]},
        "raf_hz": {"race_page": o["raf_hz"], "app_idle": app["raf_idle_hz"], "app_playing": app["raf_playing_hz"]},
        "boot_ms": {"cold": app["boot_cold_ms"], "warm": app["boot_warm_ms"]},
        "check_max_loss_diff": worst, "data_max_diff_worker_vs_cpython": r["same"], "rounds": args.rounds, "n": args.n,
        "chromium": version, "cross_origin_isolated": r["crossOriginIsolated"],
        "load_before": load, "load_after": os.getloadavg(),
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
    }
    lab, ref = res["lab"], res["ref"]
    print(f"\nrace, defaults ({args.rounds} alternating rounds x {args.n}; load {load[0]:.1f} -> "
          f"{res['load_after'][0]:.1f}; reference = lab network within {worst:.1g})")
    print(f"{'':34} {'lab':>10} {'JS ref':>10} {'lab/ref':>8}")
    for name, key in (("frame round trip, median", "frame_ms"), ("frame, p90", "frame_p90_ms"),
                      ("one epoch (in the worker), median", "epoch_ms"), ("100x100 grid (+ pictures), median", "grid_ms")):
        print(f"{name:34} {lab[key]:7.2f} ms {ref[key]:7.2f} ms {lab[key] / ref[key]:7.2f}x")
    print(f"{'epochs/s while playing':34} {lab['epochs_per_s_playing']:7.1f} /s {ref['epochs_per_s_raf']:7.1f} /s "
          f"{lab['epochs_per_s_playing'] / ref['epochs_per_s_raf']:7.2f}x   (ref: one epoch per animation frame)")
    print(f"lab epoch from (train(50) - train(1)) / 49: {lab['epoch_from_train50_ms']:.2f} ms "
          "(inflated under load: the scheduler slices long calls)")
    print(f"lab frame: {lab['frame_python_ms']:.2f} ms in Python (bridge.run_lesson, timed in the worker) + "
          f"{lab['frame_ms'] - lab['frame_python_ms']:.2f} ms worker.js/postMessage/client.js "
          f"(an empty call's round trip: {lab['empty_call_ms']:.2f} ms; np.array_split into 1 array "
          f"{lab['call_1_array_ms']:.2f} ms, into 9 arrays {lab['call_9_arrays_ms']:.2f} ms, as a frame has 9)")
    print(f"requestAnimationFrame: {o['raf_hz']:.1f} Hz in the race page, {app['raf_idle_hz']:.1f} Hz in the app "
          f"idle, {app['raf_playing_hz']:.1f} Hz while playing")
    print(f"boot to Play: cold {app['boot_cold_ms']:.0f} ms, warm {app['boot_warm_ms']:.0f} ms")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "race.json").write_text(json.dumps({**res, "samples": o}, indent=1))
    print("wrote bench/out/race.json")


if __name__ == "__main__":
    main()
