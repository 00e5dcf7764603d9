"""A solved exercise drives its lesson: exercises.as_edit gives the edit live.install takes,
and the lesson then runs the student's function (the momentum path, the Playground's
reference path, the backprop graph's Values)."""
import numpy as np
import pytest

from backprop_lab import exercises, live
from backprop_lab.exercises.catalog import EXERCISES
from backprop_lab.lessons import backprop, momentum


@pytest.fixture(autouse=True)
def clean():
    live.reset_all()
    yield
    live.reset_all()


@pytest.mark.parametrize("ex", [e for e in EXERCISES if e.live], ids=lambda e: e.id)
def test_every_live_solution_installs_into_its_target(ex):
    edit = exercises.as_edit(ex.id, ex.solution())
    assert (edit["module"], edit["name"]) == ex.reference
    result = live.install(edit["module"], edit["name"], edit["source"])
    assert result["ok"], result
    assert live.is_edited(*ex.reference)


def test_exercises_that_no_lesson_calls_give_no_edit():
    dead = [e for e in EXERCISES if not e.live]
    assert dead and all(exercises.as_edit(e.id, e.solution()) is None for e in dead)


MOMENTUM = exercises.solution("momentum")
NO_MOMENTUM = MOMENTUM.replace("v *= self.beta", "v *= 0.0")   # a typical wrong answer: β ignored


def test_the_momentum_path_is_drawn_by_an_edited_sgd_step():
    lab = momentum.paths("quadratic", -2.6, 1.2, 0.09, 0.6, 100)
    assert lab["gd"]["by"] == lab["momentum"]["by"] == "lab"
    edit = exercises.as_edit("momentum", MOMENTUM)
    assert live.install(edit["module"], edit["name"], edit["source"])["ok"]
    yours = momentum.paths("quadratic", -2.6, 1.2, 0.09, 0.6, 100)
    assert yours["gd"]["by"] == yours["momentum"]["by"] == "SGD.step"
    for method in ("gd", "momentum"):   # the lab's solution through SGD.step: the same path
        assert yours[method]["iterations"] == lab[method]["iterations"]
        np.testing.assert_allclose(yours[method]["path"], lab[method]["path"], rtol=0, atol=1e-12)


def test_a_wrong_momentum_step_changes_the_momentum_path_only():
    lab = momentum.paths("quadratic", -2.6, 1.2, 0.09, 0.6, 100)
    edit = exercises.as_edit("momentum", NO_MOMENTUM)
    assert edit["source"] != MOMENTUM
    assert live.install(edit["module"], edit["name"], edit["source"])["ok"]
    wrong = momentum.paths("quadratic", -2.6, 1.2, 0.09, 0.6, 100)
    np.testing.assert_allclose(wrong["gd"]["path"], lab["gd"]["path"], atol=1e-12)
    n = min(len(wrong["momentum"]["path"]), len(lab["momentum"]["path"]))
    assert np.abs(wrong["momentum"]["path"][:n] - lab["momentum"]["path"][:n]).max() > 0.1


def test_an_edited_loss_and_grads_switches_the_playground_to_the_reference_path():
    assert not live.uses_reference_path()
    edit = exercises.as_edit("mlp_backward", exercises.solution("mlp_backward"))
    assert live.install(edit["module"], edit["name"], edit["source"])["ok"]
    assert live.uses_reference_path()


def test_an_edited_value_mul_fills_the_backprop_graph():
    """A wrong local gradient of a * b (d(ab)/db = 1 instead of a) shows in the graph's grads
    and fails the page's own gradient check; the right one gives the lab's graph."""
    lab = backprop.trace("neuron")
    assert all(row["passed"] for row in lab["check"])
    right = exercises.solution("value_mul")
    wrong = right.replace("(other.data, self.data)", "(other.data, 1.0)")
    assert wrong != right
    for text, same in ((wrong, False), (right, True)):
        edit = exercises.as_edit("value_mul", text)
        assert live.install(edit["module"], edit["name"], edit["source"])["ok"]
        yours = backprop.trace("neuron")
        grads = [n["grad"] for n in yours["nodes"]]
        assert (grads == [n["grad"] for n in lab["nodes"]]) is same
        assert all(row["passed"] for row in yours["check"]) is same
