"""Checks of critical_eta(X) -> 2 / lambda_max(H), H = X^T X / n (lesson 7)."""
import numpy as np

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import as_number, fail, num, student  # noqa: F401 (a fixture)
from backprop_lab.exercises.mistakes import Mistake
from backprop_lab.lessons import least_squares


def random_X(rng):
    n = rng.randint(2, 40)
    if rng.randint(2):
        return {"X": least_squares.design_matrix(rng.uniform(-1, 1, size=n) * [1.0, 5.0, 50.0][rng.randint(3)])}
    return {"X": rng.normal(scale=[0.1, 1.0, 10.0][rng.randint(3)], size=(n, rng.randint(1, 5)))}


def eigen(X):
    return np.linalg.eigvalsh(X.T @ X / len(X))


X0, _ = least_squares.make_data(40, 0.5, 0)
DIAGONAL = {"X": np.array([[2.0, 0.0], [0.0, 1.0]])}      # H = diag(2, 0.5): eta_crit = 2 / 2 = 1
SPEC = Spec(
    "critical_eta", random_X, lambda fn, X: [fn(X)], ["eta_crit"],
    fixed=[DIAGONAL, {"X": least_squares.design_matrix(X0)}],
    mistakes=[
        Mistake("one_over", "1/λ_max is the step that is best along the steepest direction; gradient descent "
                            "still converges up to 2/λ_max, where that direction starts to oscillate without "
                            "shrinking", fn=lambda X: 1.0 / eigen(X)[-1]),
        Mistake("lambda_min", "it is the largest curvature that limits η: with η above 2/λ_max the steepest "
                              "direction blows up, whatever the flat ones do (you used λ_min)",
                fn=lambda X: 2.0 / eigen(X)[0]),
        Mistake("no_mean", "H is XᵀX / n, the Hessian of the mean loss 1/(2n) ||XW − y||²: without the 1/n your "
                           "η is n times too small", fn=lambda X: 2.0 / np.linalg.eigvalsh(X.T @ X)[-1]),
        Mistake("trace", "the trace of H is the sum of its eigenvalues, not the largest: take λ_max with "
                         "np.linalg.eigvalsh(H)[-1]", fn=lambda X: 2.0 / np.trace(X.T @ X / len(X))),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (1/λ_max, λ_min, XᵀX without 1/n, the trace)"""
    SPEC.named_mistakes(student)


def test_diagonal(student):
    """X = [[2, 0], [0, 1]]: H = diag(2, 0.5), so η_crit = 2/2 = 1"""
    got = as_number(student(DIAGONAL["X"].copy()), "critical_eta(X)")
    if abs(got - 1.0) > 1e-9:
        fail("for X = [[2, 0], [0, 1]], H = XᵀX/n = diag(2, 0.5) and η_crit = 2/λ_max = 1; yours gives %s" % num(got))


def test_random_cases(student):
    """the lab's own η_crit on the lesson's data and 12 random X (line fits and d features)"""
    SPEC.random_cases(student)
