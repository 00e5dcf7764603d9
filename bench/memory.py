#!/usr/bin/env python3
"""Memory over a long session: 20,000 Playground epochs, then 1,000 lesson-control changes.

    python3 bench/memory.py            # from the repo root; needs playwright

Prints the worker's WebAssembly memory and the page's JS heap (after a forced GC) at intervals,
and the growth after warm-up. The target (issue "Speed and robustness"): flat, growth < 5%,
so no PyProxy or array leaks per frame. Writes bench/out/memory.json.
"""
import json
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
# Fallback, until `pip install -e .` (pyproject.toml) provides `build`: and even then, THIS
# checkout first, so an editable install of another checkout is not what is built and timed.
sys.path.insert(0, str(ROOT))
import build  # noqa: E402

EPOCHS, CHUNK, CHANGES = 20000, 200, 1000

SESSION_JS = """
async ({ epochs, chunk, changes }) => {
  const { Runtime } = await import(new URL("app/runtime/client.js", location.href).href);
  const config = await (await fetch("config.json")).json();
  const rt = new Runtime(config);
  await rt.load(["numpy"]);
  const heap = () => { gc(); return performance.memory.usedJSHeapSize; };
  const samples = [];
  const sample = async (label) => samples.push({ label, wasm: (await rt.stats()).wasmBytes, js: heap() });
  await rt.call("backprop_lab.lessons.playground", "setup", {});
  await sample("epoch 0");
  for (let done = 0; done < epochs; ) {
    // the page's own frame call: epochs plus the boundary, neuron pictures and weights as bytes
    const f = await rt.call("backprop_lab.lessons.playground", "train", { epochs: chunk });
    done = f.epoch;
    if (done % 2000 === 0) await sample(`epoch ${done}`);
  }
  for (let i = 1; i <= changes; i++) {   // a slider dragged back and forth on lesson 1
    await rt.call("backprop_lab.lessons.neuron", "output_map", { w1: Math.sin(i), w2: Math.cos(i), b: (i % 40) / 10 - 2, f: "tanh" });
    if (i % 250 === 0) await sample(`change ${i}`);
  }
  rt.terminate();
  return samples;
}
"""


def main():
    with tempfile.TemporaryDirectory() as tmp:
        dist = build.build("offline", Path(tmp) / "dist")
        server = build.make_server(dist, 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/config.json"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=build.CHROMIUM,
                                        args=build.CHROMIUM_FLAGS + ["--js-flags=--expose-gc"])
            page = browser.new_page()
            page.goto(url)
            page.set_default_timeout(0)
            samples = page.evaluate(SESSION_JS, {"epochs": EPOCHS, "chunk": CHUNK, "changes": CHANGES})
            browser.close()
        server.shutdown()
    print(f"{'after':>14} {'wasm MB':>9} {'JS heap MB':>11}")
    for s in samples:
        print(f"{s['label']:>14} {s['wasm'] / 1e6:9.1f} {s['js'] / 1e6:11.2f}")
    # Growth within each phase, after its warm-up: training (epoch 2,000 to the end) and the
    # control changes (after the first 250, once the lesson's code is loaded).
    changes = [s for s in samples if s["label"].startswith("change")]
    phases = {"training": (samples[1], samples[len(samples) - len(changes) - 1]), "changes": (changes[0], changes[-1])}
    growth = {f"{phase} {k}": 100 * (b[k] - a[k]) / a[k] for phase, (a, b) in phases.items() for k in ("wasm", "js")}
    print("growth after warm-up: " + ", ".join(f"{k} {v:+.1f}%" for k, v in growth.items()) + " (target < 5%)")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "memory.json").write_text(json.dumps({"samples": samples, "growth_percent": growth}, indent=1))


if __name__ == "__main__":
    main()
