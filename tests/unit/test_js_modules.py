"""The page's pure JS modules, run under Node.js (URL state round trip and hostile links)."""
import shutil
import subprocess
from pathlib import Path

import pytest

JS = Path(__file__).parent / "js"


@pytest.mark.parametrize("script", sorted(p.name for p in JS.glob("*.mjs")))
def test_js_module(script):
    node = shutil.which("node")
    assert node, "Node.js is needed (it also builds the site)"
    result = subprocess.run([node, str(JS / script)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-3000:]
