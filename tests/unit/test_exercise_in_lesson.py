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


# ---- the exercises of every lesson: a passed one runs in its lesson ---------------------------
def install(exercise_id, text):
    edit = exercises.as_edit(exercise_id, text)
    result = live.install(edit["module"], edit["name"], edit["source"])
    assert result["ok"], result


def test_the_least_squares_lesson_runs_your_lstsq_gradient_and_critical_eta():
    from backprop_lab.lessons import least_squares
    lab = least_squares.run(eta=0.1, steps=50)
    # right answers written another way: the same lesson, to rounding
    install("lstsq", "def closed_form(X, y):\n    return np.linalg.pinv(X) @ y\n")
    install("ls_gradient", "def gradient(X, y, W):\n    r = X @ W - y\n    return np.mean(X * r[:, None], axis=0)\n")
    install("critical_eta", "def critical_eta(X):\n    return 2 * len(X) / np.linalg.svd(X, compute_uv=False)[0] ** 2\n")
    yours = least_squares.run(eta=0.1, steps=50)
    np.testing.assert_allclose(yours["W_hat"], lab["W_hat"], rtol=1e-9)
    np.testing.assert_allclose(yours["path"], lab["path"], rtol=1e-9, atol=1e-12)
    assert yours["eta_crit"] == pytest.approx(lab["eta_crit"], rel=1e-9)
    # wrong ones show in the lesson: the gradient without 1/n diverges at the same eta; 1/lambda_max halves eta_crit
    install("ls_gradient", "def gradient(X, y, W):\n    return X.T @ (X @ W - y)\n")
    install("critical_eta", "def critical_eta(X):\n    return 1 / np.linalg.eigvalsh(X.T @ X / len(X))[-1]\n")
    wrong = least_squares.run(eta=0.1, steps=50)
    assert wrong["diverged"] and not lab["diverged"]
    assert wrong["eta_crit"] == pytest.approx(lab["eta_crit"] / 2)
    install("lstsq", "def closed_form(X, y):\n    return X.T @ y\n")
    assert not np.allclose(least_squares.run(eta=0.1, steps=50)["W_hat"], lab["W_hat"])


def test_the_cybenko_lesson_fits_with_your_alpha():
    from backprop_lab.lessons import cybenko
    lab = cybenko.fit("sin(2*pi*x)", 10)
    install("cybenko_alpha", "def fit_alpha(x, f, w, b):\n"
                             "    P = np.column_stack([activations.sigmoid(np.outer(x, w) + b), np.ones_like(x)])\n"
                             "    return np.linalg.solve(P.T @ P, P.T @ f)\n")
    yours = cybenko.fit("sin(2*pi*x)", 10)
    np.testing.assert_allclose(yours["a"], lab["a"], atol=1e-8)
    install("cybenko_alpha", MISTAKE_NO_ONES)
    with pytest.raises(ValueError):       # alpha has no alpha_0: Phi alpha cannot be formed
        cybenko.fit("sin(2*pi*x)", 10)


MISTAKE_NO_ONES = ("def fit_alpha(x, f, w, b):\n"
                   "    return np.linalg.lstsq(activations.sigmoid(np.outer(x, w) + b), f, rcond=None)[0]\n")


def test_the_backprop_lessons_gradient_check_uses_your_differences():
    lab = backprop.trace("net")
    install("numerical_gradient", exercises.solution("numerical_gradient"))
    right = backprop.trace("net")
    assert [r["numerical"] for r in right["check"]] == [r["numerical"] for r in lab["check"]]
    install("numerical_gradient", "def numerical_gradient(model, values, name, h=1e-5):\n"
                                  "    plus, minus = dict(values), dict(values)\n"
                                  "    plus[name] += h\n    minus[name] -= h\n"
                                  "    return (evaluate(model, plus) - evaluate(model, minus)) / h\n")
    wrong = backprop.trace("net")            # / h instead of / 2h: every check fails, by a factor 2
    assert all(row["passed"] for row in lab["check"])
    assert not any(row["passed"] for row in wrong["check"] if abs(row["backprop"]) > 1e-6)


def test_the_expressive_lesson_draws_with_your_forward_pass():
    from backprop_lab.lessons import expressive
    square = [[-1, -1], [1, -1], [1, 1], [-1, 1]]
    lab = expressive.polygon_map(square)
    install("threshold_forward", "def forward(X, layers):\n    out = []\n    for W, b in layers:\n"
                                 "        X = np.where(X @ W + b > 0, 1.0, 0.0)\n        out.append(X)\n    return out\n")
    assert np.array_equal(expressive.polygon_map(square)["map"], lab["map"])
    install("threshold_forward", "def forward(X, layers):\n    out = []\n    for W, b in layers:\n"
                                 "        X = X @ W + b\n        out.append(X)\n    return out\n")    # no threshold
    assert expressive.polygon_map(square)["inside"] != lab["inside"]


def test_the_pytorch_demo_trains_through_your_linear_backward():
    """loss.backward() in the lecture's PyTorch loop calls the edited backward of every nn.Linear."""
    from backprop_lab import torch
    from backprop_lab.torch import nn

    def grads():
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
        x, y = torch.randn(5, 4), torch.tensor([0, 1, 1, 0, 1])
        nn.CrossEntropyLoss()(model(x), y).backward()
        return [p.grad.numpy().copy() for p in model.parameters()]
    lab = grads()
    install("torch_linear_backward", "def linear_backward(x, W, grad_output):\n"
                                     "    return np.dot(grad_output, W), np.dot(grad_output.T, x), grad_output.sum(0)\n")
    for yours, want in zip(grads(), lab):
        np.testing.assert_allclose(yours, want, rtol=1e-6)
    install("torch_linear_backward", "def linear_backward(x, W, grad_output):\n"
                                     "    return grad_output @ W, grad_output.T @ x, grad_output.mean(0)\n")
    wrong = grads()
    assert not np.allclose(wrong[1], lab[1]) and np.allclose(wrong[0], lab[0])   # only the biases differ
