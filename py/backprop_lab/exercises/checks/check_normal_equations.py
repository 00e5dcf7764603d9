"""Checks of normal_equations(X, y) -> W_hat solving X^T X W = X^T y (lesson 7), without lstsq."""
import numpy as np

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import fail, student  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake
from backprop_lab.lessons import least_squares


def random_problem(rng):
    n, d = rng.randint(4, 40), rng.randint(1, 4)
    if rng.randint(2):                                    # a line fit, rows [x, 1]
        X = least_squares.design_matrix(rng.uniform(-5, 5, size=n) + rng.normal(scale=2))
    else:                                                 # d features
        X = rng.normal(scale=[1.0, 10.0][rng.randint(2)], size=(n, d))
    return {"X": X, "y": rng.normal(scale=3, size=n)}


X0, Y0 = least_squares.make_data(40, 0.5, 0)
SPEC = Spec(
    "normal_equations", random_problem, lambda fn, X, y: [fn(X, y)], ["W_hat"],
    fixed=[{"X": least_squares.design_matrix(X0), "y": Y0},
           {"X": np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]), "y": np.array([1.0, 2.0, 3.0])}],
    mistakes=[
        Mistake("no_inverse", "Xᵀy is the right-hand side of XᵀX W = Xᵀy, not W: solve that system for W "
                              "(np.linalg.solve(XᵀX, Xᵀy))", fn=lambda X, y: X.T @ y),
        Mistake("diagonal_only", "dividing Xᵀy by the diagonal of XᵀX treats each weight as if the others were "
                                 "not there: XᵀX's off-diagonal entries tie w and b together, so solve the "
                                 "whole system", fn=lambda X, y: (X.T @ y) / np.diag(X.T @ X)),
        Mistake("n_one_side", "you divided one side of XᵀX W = Xᵀy by n and not the other: the mean squared "
                              "error's 1/n cancels only when both sides have it",
                fn=[lambda X, y: np.linalg.solve(X.T @ X / len(y), X.T @ y),
                    lambda X, y: np.linalg.solve(X.T @ X, X.T @ y / len(y))]),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (Xᵀy alone, XᵀX's diagonal only, 1/n on one side)"""
    SPEC.named_mistakes(student)


def test_gradient_is_zero_there(student):
    """at your W the gradient Xᵀ(XW − y) is 0: the normal equations hold"""
    case = SPEC.fixed[0]
    X, y = case["X"], case["y"]
    W = np.asarray(student(X.copy(), y.copy()), dtype=float)
    if W.shape != (2,):
        fail("W_hat should have shape (2,) like W = [w, b], yours has shape %s" % (W.shape,))
    g = X.T @ (X @ W - y)
    if not np.all(np.abs(g) < 1e-6 * max(1.0, float(np.abs(X.T @ y).max()))):
        fail("at your W = [%.4g, %.4g] the normal equations do not hold: XᵀX W − Xᵀy = [%.3g, %.3g], not 0"
             % (W[0], W[1], g[0], g[1]))


def test_random_cases(student):
    """the lab's W_hat on the lesson's data, a small system and 12 random ones (line fits and d features)"""
    SPEC.random_cases(student)
