"""The shape of the page's code: the shared kit (app/ui) knows no lesson.

The registry (app/lessons/index.js) hands the kit what it needs, such as a lesson's neighbours
for the navigation, so every lesson can import the kit without a circle.
"""
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
IMPORT = re.compile(r"""(?:import\s[^'"]*?from\s*|import\s*\(\s*|^import\s*)['"]([^'"]+)['"]""", re.M)


def imports(path: Path):
    """The module specifiers a JS file imports, statically or with import()."""
    return IMPORT.findall(path.read_text())


def test_import_pattern_finds_static_and_dynamic_imports(tmp_path):
    js = tmp_path / "x.js"
    js.write_text('import { a } from "./a.js";\nimport "./side.js";\nconst m = () => import("../lessons/b.js");\n')
    assert imports(js) == ["./a.js", "./side.js", "../lessons/b.js"]


def test_ui_imports_nothing_from_lessons():
    found = {}
    for path in sorted((APP / "ui").rglob("*.js")):
        for spec in imports(path):
            target = (path.parent / spec).resolve()
            if (APP / "lessons") in target.parents:
                found.setdefault(path.name, []).append(spec)
    assert not found, f"app/ui must not import app/lessons: {found}"


def test_every_ui_import_resolves_to_a_file():
    for path in sorted((APP / "ui").rglob("*.js")):
        for spec in imports(path):
            if spec.startswith(".") and "/vendor/" not in spec:   # vendor/ is copied in by build.py
                assert (path.parent / spec).resolve().exists(), f"{path.name} imports missing {spec}"
