"""Checks of gradient(X, y, W) -> grad L(W) = X^T (XW - y) / n for L = 1/(2n) ||XW - y||^2 (lesson 7)."""
import numpy as np

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import compare_gradient, student  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake
from backprop_lab.lessons import least_squares


def random_point(rng):
    n, d = rng.randint(2, 40), rng.randint(1, 4)
    if rng.randint(2):
        X, d = least_squares.design_matrix(rng.uniform(0, 5, size=n)), 2
    else:
        X = rng.normal(scale=[1.0, 10.0][rng.randint(2)], size=(n, d))
    return {"X": X, "y": rng.normal(scale=3, size=n), "W": rng.normal(scale=2, size=d)}


X0, Y0 = least_squares.make_data(40, 0.5, 0)
LESSON = {"X": least_squares.design_matrix(X0), "y": Y0, "W": np.array([0.0, 0.0])}
SPEC = Spec(
    "ls_gradient", random_point, lambda fn, X, y, W: [fn(X, y, W)], ["grad L"],
    fixed=[LESSON, {"X": np.array([[1.0, 1.0], [2.0, 1.0]]), "y": np.array([1.0, 0.0]), "W": np.array([1.0, -1.0])}],
    mistakes=[
        Mistake("no_mean", "you left out the 1/n: L is the mean over the n points, 1/(2n) ||XW − y||², so its "
                           "gradient is Xᵀ(XW − y) / n", fn=lambda X, y, W: X.T @ (X @ W - y)),
        Mistake("uphill", "this points uphill: the residual is XW − y (prediction minus target), and gradient "
                          "descent steps against it, W − η∇L", fn=lambda X, y, W: X.T @ (y - X @ W) / len(y)),
        Mistake("no_half", "that is twice the gradient: the ½ in L = 1/(2n) ||XW − y||² is there to cancel the 2 "
                           "that differentiating the square brings down", fn=lambda X, y, W: 2 * X.T @ (X @ W - y) / len(y)),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (no 1/n, uphill, twice the gradient)"""
    SPEC.named_mistakes(student)


def test_finite_differences(student):
    """grad L agrees with central differences of L(W) = 1/(2n) ||XW − y||²"""
    X, y, W = LESSON["X"], LESSON["y"], np.array([0.3, -0.4])
    got = student(X.copy(), y.copy(), W.copy())
    h = 1e-6
    numeric = np.array([(least_squares.loss(X, y, W + h * e) - least_squares.loss(X, y, W - h * e)) / (2 * h)
                        for e in np.eye(2)])
    compare_gradient("dL/dW", "W", got, numeric)


def test_random_cases(student):
    """the lab's own gradient on the lesson's data and 12 random points (line fits and d features)"""
    SPEC.random_cases(student)
