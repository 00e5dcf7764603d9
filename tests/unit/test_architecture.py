"""The shape of the page's code: the shared kit (app/ui) knows no lesson.

The registry (app/lessons/index.js) hands the kit what it needs, such as a lesson's neighbours
for the navigation, so every lesson can import the kit without a circle. The list of lessons and
parts itself is data in app/lessons/registry.js, which imports nothing: the pages that need the list
(the shell, home, the pre-class check, the exercises) read it there, and no module imports back
one that imports it.
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


PLAYGROUND = APP / "lessons" / "playground"


def test_playground_files_are_small():
    """The Playground lives in its own folder, split by concern: no file over 260 lines."""
    files = sorted(PLAYGROUND.glob("*.js"))
    assert (PLAYGROUND / "index.js") in files and len(files) >= 8
    long = {p.name: n for p in files if (n := len(p.read_text().splitlines())) > 260}
    assert not long, f"Playground files over 260 lines: {long}"
    assert not list((APP / "lessons").glob("playground*.js")), "the old flat playground-*.js files are gone"


def test_playground_uses_the_page_kit_and_the_shared_player():
    specs = {spec for path in PLAYGROUND.glob("*.js") for spec in imports(path)}
    assert "../../ui/lesson.js" in specs, "the Playground imports LessonPage"
    assert "../../ui/player.js" in specs, "the Playground imports the shared Player"
    index = (PLAYGROUND / "index.js").read_text()
    assert re.search(r"new LessonPage\(", index) and re.search(r"new Player\(", index)
    # It keeps no training loop of its own: no running flag, no requestAnimationFrame loop.
    for path in PLAYGROUND.glob("*.js"):
        text = path.read_text()
        assert not re.search(r"\b(let|this\.)running\b", text), f"{path.name} keeps its own running flag"
        assert "requestAnimationFrame" not in text, f"{path.name} draws outside LessonPage.frame"


def test_every_playground_import_resolves_and_the_registry_loads_its_index():
    for path in sorted(PLAYGROUND.glob("*.js")):
        for spec in imports(path):
            if spec.startswith("."):
                assert (path.parent / spec).resolve().exists(), f"{path.name} imports missing {spec}"
    registry = (APP / "lessons" / "index.js").read_text()
    assert 'import("./playground/index.js")' in registry


def graph():
    """{file: [files it imports]} for every app module, import() included: a lesson loaded by the
    registry that imports the registry back is the circle this forbids."""
    comment = re.compile(r"^\s*(//|\*|/\*).*$", re.M)   # usage examples in comments are not imports
    edges = {}
    for path in sorted(APP.rglob("*.js")):
        specs = IMPORT.findall(comment.sub("", path.read_text()))
        edges[path] = [(path.parent / s).resolve() for s in specs if s.startswith(".") and "/vendor/" not in s]
    return edges


def test_the_registry_is_data_that_imports_nothing():
    registry = (APP / "lessons" / "registry.js").read_text()
    assert imports(APP / "lessons" / "registry.js") == [], "registry.js imports nothing"
    assert "load:" not in registry and "import(" not in registry
    for page, registry_spec in (("check.js", "./registry.js"), ("exercises/index.js", "../registry.js"),
                                ("home.js", "./registry.js")):
        specs = imports(APP / "lessons" / page)
        lessons_index = registry_spec.replace("registry.js", "index.js")   # lessons/index.js, seen from the page
        assert registry_spec in specs and lessons_index not in specs, f"{page} reads the list from registry.js"


def test_no_module_imports_itself_back_through_a_circle():
    edges = graph()
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in edges.get(node, []):
            if state.get(nxt) == "open":
                cycle = trail[trail.index(nxt):] + [nxt]
                raise AssertionError("an import circle: " + " -> ".join(p.name for p in cycle))
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in edges:
        if node not in state:
            visit(node, [node])
