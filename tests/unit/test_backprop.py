"""Lesson 11: the traced backward pass reaches every node and the gradient check passes,
without numpy."""
import subprocess
import sys

import pytest

from backprop_lab.engine import Value
from backprop_lab.lessons import backprop
from conftest import PY_DIR


@pytest.mark.parametrize("model", backprop.MODELS)
def test_trace_steps_through_every_operation_and_fills_every_gradient(model):
    t = backprop.trace(model)
    ops = [i for i, n in enumerate(t["nodes"]) if not n["leaf"]]
    assert sorted(s["node"] for s in t["steps"]) == ops
    # Reverse topological order: each step's node is numbered lower than the previous one.
    assert [s["node"] for s in t["steps"]] == sorted(ops, reverse=True)
    assert t["steps"][0]["grad"] == 1.0
    for step in t["steps"]:
        for part in step["parts"]:
            assert part["product"] == pytest.approx(part["local"] * part["upstream"])
            assert part["after"] == pytest.approx(part["before"] + part["product"])
    # Every leaf received a gradient from some step, and the last update is its final grad.
    finals = {}
    for step in t["steps"]:
        for part in step["parts"]:
            finals[part["input"]] = part["after"]
    for i, node in enumerate(t["nodes"]):
        if node["leaf"]:
            assert finals[i] == pytest.approx(node["grad"])


@pytest.mark.parametrize("model", backprop.MODELS)
def test_gradient_check_passes_for_every_parameter(model):
    t = backprop.trace(model)
    assert [r["name"] for r in t["check"]] == backprop.PARAMS[model]
    assert all(r["passed"] for r in t["check"])
    assert max(r["relative_error"] for r in t["check"]) < 1e-6


def test_trace_gradients_equal_engine_backward():
    values = {"x1": 0.3, "x2": -1.0, "w1": 2.0, "w2": 0.5, "b": -0.1}
    t = backprop.trace("neuron", values)
    v = backprop.leaves("neuron", values)
    out = backprop.neuron(v)
    out.backward()
    grads = {n["label"]: n["grad"] for n in t["nodes"] if n["leaf"]}
    for name, leaf in v.items():
        assert grads[name] == pytest.approx(leaf.grad)
    assert t["output"] == pytest.approx(out.data)


def test_edited_values_change_the_result_and_a_wrong_gradient_fails_the_check():
    a = backprop.trace("neuron")
    b = backprop.trace("neuron", {"w1": -2.0})
    assert a["output"] != b["output"]
    grads = {r["name"]: r["backprop"] for r in a["check"]}
    grads["w1"] += 0.1
    values = dict(backprop.DEFAULTS["neuron"])
    rows = backprop.gradient_check("neuron", values, grads)
    assert [r["passed"] for r in rows] == [False, True, True]


def test_layout_puts_every_operation_right_of_its_inputs():
    t = backprop.trace("net")
    for child, parent in t["edges"]:
        assert t["nodes"][child]["depth"] < t["nodes"][parent]["depth"]


def test_unknown_model_is_refused():
    with pytest.raises(ValueError, match="unknown model"):
        backprop.trace("resnet")


def test_lesson_runs_without_numpy():
    code = ("import sys; sys.modules['numpy'] = None\n"
            "from backprop_lab.lessons import backprop\n"
            "t = backprop.trace('net'); assert all(r['passed'] for r in t['check'])\n"
            "from backprop_lab import bridge; bridge.run_lesson('backprop_lab.lessons.backprop', 'trace', '{}')\n"
            "print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=PY_DIR, capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_value_repr_is_readable():
    assert "data=2" in repr(Value(2.0, label="x"))
