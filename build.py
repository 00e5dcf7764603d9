#!/usr/bin/env python3
"""Backprop Lab's tasks: build the static site, serve it, run the tests.

    python3 build.py serve                 # set up (npm ci), build offline, serve on 127.0.0.1:8000
    python3 build.py test                  # set up everything the tests need, then run them all
    python3 build.py build --pyodide cdn   # a deployable dist/ for GitHub Pages

Pyodide flavours (--pyodide):
    offline  vendor the full Pyodide 0.17.1 from npm (numpy, scikit-learn, matplotlib): no network at all
    cdn      load Pyodide 314.0.7 from its official CDN (the deploy default)
    core     vendor the Pyodide 314 core from npm; packages would have to come from the CDN
The code editor (CodeMirror 6 from npm) is bundled by esbuild from node_modules into
vendor/codemirror/editor.js at build time (bundle_editor): no network needed, nothing from a CDN.
Needs Python >= 3.11 (tomllib) and Node.js with npm.
"""
import argparse
import base64
import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
NODE = ROOT / "node_modules"
PYODIDE_017 = NODE / "@pyodide" / "pyodide" / "dist"
PYODIDE_314 = NODE / "pyodide"
CDN_VERSION = "314.0.7"
CDN_URL = f"https://cdn.jsdelivr.net/pyodide/v{CDN_VERSION}/full/"
CORE_017 = ["pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "pyodide.asm.data", "packages.json"]
CORE_314 = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
            "pyodide-lock.json", "pyodide.js"]
# Vendored JS libraries: (npm file, path in dist/vendor)
VENDOR = [
    ("uplot/dist/uPlot.esm.js", "uplot/uPlot.esm.js"),
    ("uplot/dist/uPlot.min.css", "uplot/uPlot.min.css"),
    ("uplot/LICENSE", "uplot/LICENSE"),
    ("katex/dist/katex.mjs", "katex/katex.mjs"),
    ("katex/dist/katex.min.css", "katex/katex.min.css"),
    ("katex/LICENSE", "katex/LICENSE"),
    ("reveal.js/dist/reveal.mjs", "reveal/reveal.mjs"),
    ("reveal.js/dist/reveal.css", "reveal/reveal.css"),
    ("reveal.js/dist/theme/white.css", "reveal/theme/white.css"),
    ("reveal.js/LICENSE", "reveal/LICENSE"),
]
VENDOR_DIRS = [("katex/dist/fonts", "katex/fonts")]


# Debian's chromium, as the tests and bench/ launch it (no downloads: see pyodide-notes.md).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def run(cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=kw.pop("cwd", ROOT), **kw)


def stamp_ok(stamp: Path, source: Path) -> bool:
    """True when `stamp` records the hash of `source` (so set-up can be skipped)."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    return stamp.exists() and stamp.read_text() == digest


def write_stamp(stamp: Path, source: Path):
    stamp.write_text(hashlib.sha256(source.read_bytes()).hexdigest())


def setup_npm():
    """npm ci, once per package-lock.json."""
    stamp = NODE / ".backprop-lab-stamp"
    if NODE.exists() and stamp_ok(stamp, ROOT / "package-lock.json"):
        return
    run(["npm", "ci", "--no-audit", "--no-fund"])
    write_stamp(stamp, ROOT / "package-lock.json")


def read_config():
    """pyscript.toml: the lecture's PyScript form, plus which packages each page loads."""
    config = tomllib.loads((ROOT / "pyscript.toml").read_text())
    packages = config["packages"]
    lessons = config.get("backprop_lab", {}).get("lessons", {})
    for lesson, needs in lessons.items():
        unknown = set(needs) - set(packages)
        if unknown:
            sys.exit(f"pyscript.toml: lesson {lesson} needs {sorted(unknown)}, not in packages")
    return packages, lessons


def package_closure(names):
    """The 0.17 packages (with their dependencies) that the offline build must vendor."""
    deps = json.loads((PYODIDE_017 / "packages.json").read_text())["dependencies"]
    seen, todo = [], list(names)
    while todo:
        name = todo.pop(0)
        if name not in seen:
            seen.append(name)
            todo.extend(deps[name])
    return seen


def copy(src: Path, dst: Path):
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def zip_python(out: Path):
    """py/backprop_lab as one zip, the worker unpacks it into the interpreter's file system."""
    out.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in (ROOT / "py" / "backprop_lab").rglob("*.py"))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for path in files:
            info = zipfile.ZipInfo(str(path.relative_to(ROOT / "py")), date_time=(2020, 1, 1, 0, 0, 0))
            z.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return [str(p.relative_to(ROOT / "py")) for p in files]


def sri(path: Path):
    """Subresource Integrity value of a file: sha384, base64."""
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def vendor_pyodide(flavour, packages, dist: Path):
    # The worker imports pyodide.mjs only after checking it against this hash (fetch with
    # integrity), so a changed file on the CDN is refused, not run. The npm package holds the
    # same release's file, so its hash is the CDN file's hash.
    integrity = sri(PYODIDE_314 / "pyodide.mjs")
    if flavour == "cdn":
        return {"gen": "314", "version": CDN_VERSION, "indexURL": CDN_URL, "integrity": integrity}
    target = dist / "pyodide"
    if flavour == "offline":
        for name in CORE_017:
            copy(PYODIDE_017 / name, target / name)
        for name in package_closure(packages):
            for ext in (".js", ".data"):
                copy(PYODIDE_017 / (name + ext), target / (name + ext))
        return {"gen": "0.17", "version": "0.17.1", "indexURL": "pyodide/", "sizes": sizes(target)}
    for name in CORE_314:
        copy(PYODIDE_314 / name, target / name)
    return {"gen": "314", "version": CDN_VERSION, "indexURL": "pyodide/", "integrity": integrity,
            "sizes": sizes(target)}


def sizes(folder: Path):
    """{file name: bytes} of the vendored runtime: the worker spots a truncated file by it."""
    return {p.name: p.stat().st_size for p in sorted(folder.iterdir())}


def csp(pyodide):
    """Content-Security-Policy for the pages: the site's own files, the pinned Pyodide CDN
    folder if used, and WebAssembly compilation. No inline or eval'd script; styles may be
    inline because KaTeX and the charts position their glyphs with style attributes."""
    remote = " " + pyodide["indexURL"] if pyodide["indexURL"].startswith("https://") else ""
    return ("default-src 'self'; "
            f"script-src 'self' 'wasm-unsafe-eval'{remote}; "
            f"connect-src 'self'{remote}; "
            "worker-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; "
            "style-src 'self' 'unsafe-inline'; frame-src 'self'; object-src 'none'; base-uri 'self'")


def add_csp(html: Path, policy):
    text = html.read_text()
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    html.write_text(text.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  ' + meta, 1))


def runtime_files(pyodide):
    """URLs (relative to the site, or absolute on the CDN) of the Python runtime and numpy:
    what every lesson needs, so the service worker caches it as soon as it installs."""
    if pyodide["gen"] == "0.17":
        names = CORE_017 + [f"{p}{ext}" for p in package_closure(["numpy"]) for ext in (".js", ".data")]
    else:
        lock = json.loads((PYODIDE_314 / "pyodide-lock.json").read_text())["packages"]
        remote = pyodide["indexURL"].startswith("https://")
        names = CORE_314 + ([lock["numpy"]["file_name"]] if remote else [])   # the core build has no numpy
    return [pyodide["indexURL"] + n for n in names]


def package_files(pyodide, packages):
    """URLs of every package file beyond the runtime and numpy that some lesson can load (with
    dependencies): the service worker caches them when used, or all at once for the pre-class check."""
    if pyodide["gen"] == "0.17":
        names = [f"{p}{ext}" for p in package_closure(packages) for ext in (".js", ".data")]
    elif pyodide["indexURL"].startswith("https://"):
        lock = json.loads((PYODIDE_314 / "pyodide-lock.json").read_text())["packages"]
        seen, todo = [], [p.lower() for p in packages]
        while todo:
            name = todo.pop(0)
            if name in lock and name not in seen:
                seen.append(name)
                todo.extend(lock[name].get("depends", []))
        names = [lock[n]["file_name"] for n in seen]
    else:
        names = []   # the core build vendors no packages
    urls = [pyodide["indexURL"] + n for n in names]
    runtime = set(runtime_files(pyodide))
    return [u for u in urls if u not in runtime]


def service_worker(dist: Path, pyodide, packages=()):
    """sw.js: caches the site by version, so a visited page keeps working offline.

    The version is a hash of every file, so a new deploy installs a new worker, which
    drops the old caches. The app's files, the Python runtime and numpy are cached when it
    installs (in the background: the page does not wait); other packages as they are used.
    """
    files = sorted(p for p in dist.rglob("*") if p.is_file())
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(dist)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    shell = ["./", "index.html"] + [str(p.relative_to(dist)) for p in files
                                     if p.parts[len(dist.parts)] in ("app", "vendor", "py", "static")
                                     or p.name == "config.json"]
    template = (ROOT / "app" / "runtime" / "sw.template.js").read_text()
    text = (template.replace("__VERSION__", digest.hexdigest()[:16])
            .replace("__SHELL__", json.dumps(shell + runtime_files(pyodide)))
            .replace("__PACKAGES__", json.dumps(package_files(pyodide, packages))))
    (dist / "sw.js").write_text(text)


EDITOR_ENTRY = ROOT / "tools" / "editor-entry.js"


def bundle_editor(dist: Path):
    """The Python panels' code editor: CodeMirror 6 (+ its Python mode) from node_modules, bundled
    once by esbuild into one minified ES module, vendor/codemirror/editor.js, with the MIT licence
    texts of every bundled package beside it. The page imports it only when Edit is pressed.
    Checked to hold no eval or new Function (the CSP's script-src has no 'unsafe-eval')."""
    out = dist / "vendor" / "codemirror" / "editor.js"
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = out.parent / "meta.json"
    run([NODE / ".bin" / "esbuild", EDITOR_ENTRY, "--bundle", "--format=esm", "--minify",
         "--legal-comments=none", "--log-level=warning", f"--metafile={meta}", f"--outfile={out}"])
    text = out.read_text()
    for banned in ("new Function", "eval("):
        if banned in text:
            sys.exit(f"{out}: the editor bundle uses {banned!r}, which the page's CSP blocks")
    packages = sorted({"/".join(p.split("node_modules/")[-1].split("/")[:2 if p.split("node_modules/")[-1].startswith("@") else 1])
                       for p in json.loads(meta.read_text())["inputs"] if "node_modules/" in p})
    meta.unlink()
    licences = []
    for name in packages:
        lic = next((NODE / name / f for f in ("LICENSE", "LICENSE.md", "LICENSE.txt") if (NODE / name / f).exists()), None)
        version = json.loads((NODE / name / "package.json").read_text())["version"]
        licences.append(f"== {name} {version} ==\n" + (lic.read_text() if lic else "MIT (see its package.json)\n"))
    (out.parent / "LICENSE").write_text("\n".join(licences))
    return out


def build(flavour="offline", dist: Path = ROOT / "dist"):
    """Write a static site to `dist` with relative URLs only (works under a sub-path)."""
    setup_npm()
    packages, lessons = read_config()
    if dist.exists():
        shutil.rmtree(dist)
    shutil.copytree(ROOT / "app", dist / "app")
    shutil.copytree(ROOT / "static", dist / "static")
    shutil.move(dist / "app" / "index.html", dist / "index.html")
    for src, dst in VENDOR:
        copy(NODE / src, dist / "vendor" / dst)
    for src, dst in VENDOR_DIRS:
        shutil.copytree(NODE / src, dist / "vendor" / dst)
    bundle_editor(dist)
    files = zip_python(dist / "py" / "backprop_lab.zip")
    config = {
        "pyodide": vendor_pyodide(flavour, packages, dist),
        "packages": packages,
        "lessons": lessons,
        "py": {"zip": "py/backprop_lab.zip", "files": files},
    }
    (dist / "config.json").write_text(json.dumps(config, indent=1))
    (dist / "app" / "runtime" / "sw.template.js").unlink()
    policy = csp(config["pyodide"])
    for html in [dist / "index.html", *(dist / "static").glob("*.html")]:
        add_csp(html, policy)
    service_worker(dist, config["pyodide"], packages)
    print(f"built {dist} (pyodide {flavour})")
    return dist


def offline_zip(out: Path, dist: Path = ROOT / "dist"):
    """One zip of the offline site: unpack anywhere, serve with any static server."""
    dist = build("offline", dist)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(dist.rglob("*")):
            if path.is_file():
                z.write(path, Path("backprop-lab") / path.relative_to(dist))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.0f} MB): unzip, cd backprop-lab, python3 -m http.server")
    return out


class LabHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the right types; COOP/COEP unless isolation is off."""
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".data": "application/octet-stream"}
    isolate = True

    def end_headers(self):
        if self.isolate:  # SharedArrayBuffer, so Stop can interrupt Python mid-call
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cross-Origin-Resource-Policy", "cross-origin")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args):
        pass


def make_server(dist: Path, port=8000, isolate=True, host="127.0.0.1"):
    handler = functools.partial(type("H", (LabHandler,), {"isolate": isolate}), directory=str(dist))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve(args):
    dist = ROOT / "dist"
    if not args.no_build:
        build(args.pyodide, dist)
    server = make_server(dist, args.port, isolate=not args.no_isolation)
    print(f"Backprop Lab: http://127.0.0.1:{server.server_address[1]}/  (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


VENV = ROOT / ".venv"


def setup_tests():
    """Everything the tests need: npm packages, a venv with pinned requirements, Chromium."""
    setup_npm()
    python = VENV / "bin" / "python"
    if not python.exists():
        run([sys.executable, "-m", "venv", VENV])
    stamp = VENV / ".backprop-lab-stamp"
    if not stamp_ok(stamp, ROOT / "requirements-test.txt"):
        run([python, "-m", "pip", "install", "-q", "-r", "requirements-test.txt"])
        write_stamp(stamp, ROOT / "requirements-test.txt")
    if not shutil.which("chromium"):
        if os.geteuid() == 0 and shutil.which("apt-get"):
            run(["apt-get", "update", "-qq"])
            run(["apt-get", "install", "-y", "-qq", "chromium"])
        else:
            sys.exit("The end-to-end tests need Debian's chromium: sudo apt-get install -y chromium")
    return python


def python38():
    """A working CPython 3.8, where one is installed (pyenv or PATH): Pyodide 0.17's Python."""
    candidates = sorted(Path.home().glob(".pyenv/versions/3.8*/bin/python"))[::-1]
    candidates += [Path(p) for p in [shutil.which("python3.8")] if p]
    for python in candidates:   # a pyenv shim exists even where it cannot run
        if subprocess.run([str(python), "-c", "import venv"], capture_output=True).returncode == 0:
            return python
    return None


def setup_floor():
    """A venv of Python 3.8 with Pyodide 0.17's numpy 1.17 and scikit-learn 0.22, if 3.8 exists."""
    base = python38()
    if base is None:
        return None
    venv = ROOT / ".venv38"
    python = venv / "bin" / "python"
    if not python.exists():
        run([base, "-m", "venv", venv])
    stamp = venv / ".backprop-lab-stamp"
    if not stamp_ok(stamp, ROOT / "requirements-floor.txt"):
        run([python, "-m", "pip", "install", "-q", "-r", "requirements-floor.txt"])
        write_stamp(stamp, ROOT / "requirements-floor.txt")
    return python


def test(args):
    python = setup_tests()
    if args.pytest_args:
        run([python, "-m", "pytest", *args.pytest_args])
        return
    floor = setup_floor()
    if floor:  # the teaching code on the versions Pyodide 0.17.1 ships
        run([floor, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/unit"])
    else:
        print("No Python 3.8 here: the unit tests run on current releases only "
              "(the end-to-end tests still run them on Pyodide 0.17's Python 3.8).")
    run([python, "-m", "pytest", "tests"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="task", required=True)
    p = sub.add_parser("build", help="build the static site into dist/")
    p.add_argument("--pyodide", choices=["offline", "cdn", "core"], default="cdn")
    p.add_argument("--out", type=Path, default=ROOT / "dist")
    p = sub.add_parser("serve", help="build (offline) and serve on 127.0.0.1")
    p.add_argument("--pyodide", choices=["offline", "cdn", "core"], default="offline")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-build", action="store_true", help="serve dist/ as it is")
    p.add_argument("--no-isolation", action="store_true", help="no COOP/COEP headers (as on GitHub Pages)")
    p = sub.add_parser("zip", help="one zip of the offline site (default: backprop-lab-offline.zip)")
    p.add_argument("--out", type=Path, default=ROOT / "backprop-lab-offline.zip")
    p = sub.add_parser("test", help="set up and run every test (unit + end-to-end)")
    p.add_argument("pytest_args", nargs="*", help="passed to pytest (default: tests)")
    args = parser.parse_args()
    if args.task == "build":
        build(args.pyodide, args.out.resolve())
    elif args.task == "serve":
        serve(args)
    elif args.task == "zip":
        offline_zip(args.out.resolve())
    else:
        test(args)


if __name__ == "__main__":
    main()
