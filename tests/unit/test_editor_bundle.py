"""build.py's bundle_editor: CodeMirror 6 from node_modules in one minified ES module that the
page's CSP allows (no eval, no new Function), with the licences of everything bundled in it."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

if sys.version_info < (3, 11):   # build.py reads pyscript.toml with tomllib
    pytest.skip("build.py needs Python 3.11 (tomllib); the 3.11 run covers this", allow_module_level=True)


def test_the_editor_bundle_is_one_module_the_csp_allows(tmp_path):
    sys.path.insert(0, str(ROOT))
    import build
    if not (build.NODE / ".bin" / "esbuild").exists():
        build.setup_npm()
    out = build.bundle_editor(tmp_path)
    assert out == tmp_path / "vendor" / "codemirror" / "editor.js"
    text = out.read_text()
    assert "new Function" not in text and "eval(" not in text
    assert "export{" in text.replace(" ", ""), "an ES module with exports"
    assert not re.search(r"""(from|import)\s*["'](@codemirror|@lezer|codemirror)""", text), "no bare imports left"
    assert not (out.parent / "meta.json").exists()
    licences = (out.parent / "LICENSE").read_text()
    for name in ("@codemirror/view", "@codemirror/lang-python", "@lezer/python", "style-mod"):
        assert f"== {name} " in licences
    # It runs: Node can import it and finds createEditor (the DOM is only needed when it is called).
    probe = f"import({str(out)!r}).then(m => console.log(typeof m.createEditor))"
    result = subprocess.run(["node", "--input-type=module", "-e", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "function", result.stderr[-2000:]
