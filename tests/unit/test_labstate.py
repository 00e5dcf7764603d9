"""Submitted code cannot rebind the lab (exercises/labstate.py): an edit's top level, or a
function while the checks call it, that rebinds the lab's names or Python's builtins is
refused, and everything is put back, so nothing carries over to the next run."""
import builtins

import pytest

from backprop_lab import bridge, exercises, live
from backprop_lab.exercises import labstate, runner

pytest.importorskip("pytest")
GOOD = exercises.solution("sigmoid_derivative")
WRONG = "def sigmoid_derivative(z, a):\n    return a\n"


@pytest.fixture(autouse=True)
def clean():
    yield
    live.reset_all()


def test_an_edit_whose_top_level_breaks_the_bridge_is_refused_and_the_bridge_is_intact():
    run_lesson = bridge.run_lesson
    res = live.install("backprop_lab.lessons.neuron", "neuron",
                       "import backprop_lab.bridge as B\nB.run_lesson = None\n"
                       "def neuron(X, w1, w2, b, f=\"sign\"):\n    return 0\n")
    assert res["ok"] is False and res["error"]["kind"] == "lab"
    assert "backprop_lab.bridge.run_lesson" in res["error"]["message"]
    assert bridge.run_lesson is run_lesson, "put back"
    assert live.active() == [], "the edit is not in place"


def test_a_table_entry_rebound_at_the_top_level_is_put_back():
    from backprop_lab.activations import ACTIVATIONS
    sigmoid = ACTIVATIONS["sigmoid"]
    res = live.install("backprop_lab.lessons.neuron", "neuron",
                       "from backprop_lab.activations import ACTIVATIONS\nACTIVATIONS['sigmoid'] = None\n"
                       "def neuron(X, w1, w2, b, f=\"sign\"):\n    return 0\n")
    assert not res["ok"] and "ACTIVATIONS['sigmoid']" in res["error"]["message"]
    assert ACTIVATIONS["sigmoid"] is sigmoid


def test_patched_builtins_do_not_carry_over_to_the_next_answer():
    patched = "import builtins\nbuiltins.abs = lambda x: 0\n" + GOOD
    first = exercises.run_checks("sigmoid_derivative", patched)
    assert not first["ok"] and "builtins.abs" in first["error"]["message"]
    assert builtins.abs(-2) == 2
    assert not exercises.run_checks("sigmoid_derivative", WRONG)["ok"], "a later wrong answer still fails"


def test_patching_the_runner_inside_the_function_is_no_pass_now_or_later():
    # (the package's name split in two: code that names it is refused before it runs, see fairplay)
    cheat = ("def sigmoid_derivative(z, a):\n"
             "    runner = __import__('backprop' + '_lab.exercises.runner', fromlist=['x'])\n"
             "    runner._result = lambda *args: {'ok': True, 'passed': ['x'], 'failed': [], 'error': None}\n"
             "    return a\n")
    result_builder = runner._result
    out = exercises.run_checks("sigmoid_derivative", cheat)
    assert not out["ok"] and "backprop_lab.exercises.runner._result" in out["error"]["message"]
    assert runner._result is result_builder
    later = exercises.run_checks("sigmoid_derivative", WRONG)
    assert not later["ok"] and later["failed"], "an honest wrong answer after it fails on its merits"


def test_pytest_main_patched_at_the_top_level_is_refused():
    import pytest as real
    main = real.main
    out = exercises.run_checks("sigmoid_derivative", "import pytest\npytest.main = lambda *a, **k: 0\n" + WRONG)
    assert not out["ok"] and "pytest.main" in out["error"]["message"]
    assert real.main is main


def test_an_honest_answer_passes_and_the_snapshot_sees_no_change():
    before = labstate.snapshot()
    assert exercises.run_checks("sigmoid_derivative", GOOD)["ok"]
    assert labstate.changes(before) == []


def test_importing_a_submodule_is_not_a_change():
    before = labstate.snapshot()
    import backprop_lab.gradcheck  # noqa: F401
    assert labstate.changes(before) == []


def test_an_edit_that_breaks_the_bridge_on_its_first_call_raises_and_is_put_back():
    from backprop_lab.lessons import neuron as lesson
    run_lesson = bridge.run_lesson
    body = ("def neuron(X, w1, w2, b, f=\"sign\"):\n"
            "    from backprop_lab import bridge as B\n"
            "    B.run_lesson = None\n"
            "    return X[:, 0] * 0 - 1.0\n")
    assert live.install("backprop_lab.lessons.neuron", "neuron", body)["ok"], "its top level is harmless"
    import numpy as np
    with pytest.raises(live.LabChanged, match="backprop_lab.bridge.run_lesson"):
        lesson.neuron(np.zeros((2, 2)), 1.0, 1.0, 0.0)
    assert bridge.run_lesson is run_lesson
    err = live.last_error()
    assert err["kind"] == "lab" and err["name"] == "neuron", "the page can tell which edit to take out"


def test_a_raised_recursion_limit_is_refused_and_put_back():
    """Item 10: sys.setrecursionlimit(10**6) and a deep recursion overflowed Pyodide's JavaScript stack."""
    import sys
    limit = sys.getrecursionlimit()
    res = live.install("backprop_lab.lessons.neuron", "neuron",
                       "import sys\nsys.setrecursionlimit(10**6)\n"
                       "def neuron(X, w1, w2, b, f=\"sign\"):\n    return X[:, 0] * 0\n")
    assert not res["ok"] and "sys.setrecursionlimit" in res["error"]["message"]
    assert sys.getrecursionlimit() == limit


# ---- fairplay: the reference is not in the submission's reach --------------------------------------
def test_the_reference_in_the_namespace_is_withheld():
    cheat = ("_ref = ACTIVATIONS['sigmoid'].df\n"
             "def sigmoid_derivative(z, a):\n    return _ref(z, a)\n")
    out = exercises.run_checks("sigmoid_derivative", cheat)
    assert not out["ok"]
    assert "the lab's own answer to this exercise" in (out["error"] or {}).get("message", "")


@pytest.mark.parametrize("line", [
    "from backprop_lab.activations import ACTIVATIONS",
    "import backprop_lab.activations as A",
    "import importlib; A = importlib.import_module('backprop_lab.activations')",
    "import sys; A = sys.modules['backprop_lab.activations']",
])
def test_code_that_uses_the_labs_package_is_refused_with_what_to_do(line):
    out = exercises.run_checks("sigmoid_derivative", line + "\n" + GOOD)
    assert not out["ok"] and out["error"]["kind"] == "shortcut" and out["total"] == 0
    assert "Write sigmoid_derivative yourself" in out["error"]["message"]
    assert out["error"]["line"] == 1


def test_every_reference_solution_still_passes_in_the_fair_namespace():
    ids = [ex["id"] for ex in exercises.list_exercises()]
    assert len(ids) >= 12
    for exercise_id in ids:
        assert exercises.run_checks(exercise_id, exercises.solution(exercise_id))["ok"], exercise_id
