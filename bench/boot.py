"""Boot to Play on the Playground, cold and warm, this tree's app against another revision's, in one run.

    .venv/bin/python bench/boot.py                      # this tree alone, 7 rounds (~2 min)
    .venv/bin/python bench/boot.py --against e048016    # and the app/ of that commit, alternating

Builds the offline site once; for --against, a copy of it whose app/ folder is that revision's
(`git archive REV app`), so the two differ only in the page's and the worker's own code, which is
where boot order lives (the Python, Pyodide and packages are the same files). Both are served by
serve.py (gzip, COOP/COEP) on loopback. Each round, for each site (the order swaps every round):
    cold  a fresh browser context (empty HTTP cache): from page.goto(#/playground) to Play enabled
    warm  the same context after about:blank: the same again (the HTTP cache revalidates)
plus the time from navigation start to the worker's first message ("runtime" progress) and to the
end of numpy's load, read from the page's own performance clock via a listener on the worker.
Prints medians per site and the ratio of the two in this run (the machine drifts up to 1.6x
between runs: compare within one). Writes bench/out/boot.json.
"""
import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from playground import boot as boot_to_play  # noqa: E402  (bench/playground.py)

import build  # noqa: E402
import serve  # noqa: E402

# Stamps in the page's clock: the worker's first progress message and the end of the packages' load.
STAMPS = """(() => {
  window.__boot = {};
  const Real = window.Worker;
  window.Worker = function (...a) {
    const w = new Real(...a);
    window.__boot.spawn ??= performance.now();
    return w;
  };
  window.Worker.prototype = Real.prototype;
  const stamp = (e) => {
    const m = e.data || {};
    if (m.type === "progress") {
      window.__boot.firstProgress ??= performance.now();
      if (m.stage === "package" && m.fraction === 1) window.__boot.packages = performance.now();
      if (m.stage === "runtime" && m.fraction === 1) window.__boot.runtime = performance.now();
    }
  };
  // The worker's messages: on its own events (older app/ revisions) or on the MessagePort the page
  // hands it at boot (runtime/client.js).
  const RealWorkerAdd = Real.prototype.addEventListener;
  const RealChannel = window.MessageChannel;
  window.MessageChannel = function () {
    const c = new RealChannel();
    c.port1.addEventListener("message", stamp);
    return c;
  };
  Object.defineProperty(Real.prototype, "onmessage", {
    set(fn) { RealWorkerAdd.call(this, "message", stamp); RealWorkerAdd.call(this, "message", fn); },
    configurable: true,
  });
})();"""


def serve_folder(dist, isolate=True):
    server = serve.make_server(dist, 0, isolate=isolate, compress=True)
    server.handle_error = lambda request, address: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def with_app_of(rev, dist, out, folders=("app",)):
    """A copy of the built site whose app/ (and any other of `folders`) is revision `rev`'s."""
    shutil.copytree(dist, out, symlinks=True)
    for folder in folders:
        shutil.rmtree(out / folder)
    tar = subprocess.run(["git", "archive", rev, *folders], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as t:
        t.extractall(out)
    for gz in (out / "app").rglob("*.gz"):
        gz.unlink()
    return out


def boot(page, url):
    ms, _ = boot_to_play(page, url)   # bench/playground.py's measure: goto until Play is enabled
    stamps = page.evaluate("window.__boot")
    return {"play_ms": ms, **{k + "_ms": v for k, v in stamps.items()}}


def one_round(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.add_init_script(STAMPS)
    page = context.new_page()
    cold = boot(page, url)
    page.goto("about:blank")
    warm = boot(page, url)
    context.close()
    return cold, warm


def main(rounds, against):
    with tempfile.TemporaryDirectory() as tmp:
        dist = build.build("offline", Path(tmp) / "dist")
        sites = {"this tree": dist}
        if against:
            sites[against] = with_app_of(against, dist, Path(tmp) / "against")
        servers = {name: serve_folder(path) for name, path in sites.items()}
        runs = {name: {"cold": [], "warm": []} for name in sites}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=build.CHROMIUM, args=build.CHROMIUM_FLAGS)
            one_round(browser, servers["this tree"][1])   # warm the machine up (disk cache, JIT)
            for i in range(rounds):
                order = list(sites) if i % 2 == 0 else list(sites)[::-1]
                for name in order:
                    cold, warm = one_round(browser, servers[name][1])
                    runs[name]["cold"].append(cold)
                    runs[name]["warm"].append(warm)
            browser.close()
        for server, _ in servers.values():
            server.shutdown()
    med = {name: {kind: {k: statistics.median(r[k] for r in rs if k in r) for k in rs[0]}
                  for kind, rs in kinds.items()} for name, kinds in runs.items()}
    for name, kinds in med.items():
        for kind, m in kinds.items():
            parts = "  ".join(f"{k[:-3]} {v / 1000:5.2f} s" for k, v in m.items() if k != "play_ms")
            print(f"{name:<12} {kind:<5} boot to Play {m['play_ms'] / 1000:5.2f} s   ({parts})")
    if against:
        for kind in ("cold", "warm"):
            a, b = med["this tree"][kind]["play_ms"], med[against][kind]["play_ms"]
            print(f"{kind}: this tree / {against} = {a / b:4.2f} ({a / 1000:.2f} s against {b / 1000:.2f} s)")
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / "boot.json").write_text(json.dumps({"rounds": rounds, "runs": runs, "median": med}, indent=1))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--against", help="a git revision whose app/ to boot beside this tree's")
    args = ap.parse_args()
    main(args.rounds, args.against)
