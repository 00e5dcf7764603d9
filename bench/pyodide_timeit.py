#!/usr/bin/env python3
"""Time Python snippets inside the Pyodide 0.17.1 worker (the lab's own Runtime), like timeit.

    python3 bench/pyodide_timeit.py bench/snippets_playground.py    # from the repo root

The snippets file defines SETUP (code run once), STMTS ({name: code}) and optionally NUMBER
(calls per measurement, default 20) and REPEAT (measurements, default 15). It builds the offline
site into a temp dir, adds a small probe module to the lab's zip, serves it on loopback,
and prints the median and best time per call of each statement, in microseconds, as
measured in the worker with time.perf_counter. Like bench/playground.py it asserts nothing.
"""
import runpy
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
# Fallback, until `pip install -e .` (pyproject.toml) provides `build`: and even then, THIS
# checkout first, so an editable install of another checkout is not what is built and timed.
sys.path[:0] = [str(ROOT), str(ROOT / "py")]
import build  # noqa: E402

PROBE = '''
import time

def timeit(setup, stmts, number=20, repeat=15):
    ns = {}
    exec(setup, ns)
    out = {}
    for name, code in stmts.items():
        fn = compile(code, name, "exec")
        exec(fn, ns)                                  # warm-up
        runs = []
        for _ in range(repeat):
            t = time.perf_counter()
            for _ in range(number):
                exec(fn, ns)
            runs.append((time.perf_counter() - t) / number * 1e6)
        runs.sort()
        out[name] = {"median_us": runs[len(runs) // 2], "best_us": runs[0]}
    return out
'''

JS = """
async ({ args }) => {
  const { Runtime } = await import(new URL("app/runtime/client.js", location.href).href);
  const config = await (await fetch("config.json")).json();
  const rt = new Runtime(config);
  await rt.start();
  await rt.load(["numpy"]);
  const out = await rt.call("backprop_lab._bench_probe", "timeit", args);
  if (rt.terminate) rt.terminate(); else rt.worker.terminate();
  return out;
}
"""


def main(path):
    spec = runpy.run_path(path)
    args = {"setup": spec["SETUP"], "stmts": spec["STMTS"], "number": spec.get("NUMBER", 20),
            "repeat": spec.get("REPEAT", 15)}
    with tempfile.TemporaryDirectory() as tmp:
        dist = build.build("offline", Path(tmp) / "dist")
        with zipfile.ZipFile(dist / "py" / "backprop_lab.zip", "a") as z:
            z.writestr("backprop_lab/_bench_probe.py", PROBE)
        server = build.make_server(dist, 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=build.CHROMIUM, args=build.CHROMIUM_FLAGS)
            page = browser.new_page()
            page.goto(url + "config.json")
            res = page.evaluate(JS, {"args": args})
            browser.close()
        server.shutdown()
    width = max(len(n) for n in res)
    print(f"{'statement':{width}}  median µs    best µs")
    for name, r in res.items():
        print(f"{name:{width}}  {r['median_us']:9.1f}  {r['best_us']:9.1f}")
    return res


if __name__ == "__main__":
    main(sys.argv[1])
