"""Checks of closed_form(X, y) -> W_hat = argmin ||XW - y||^2, by np.linalg.lstsq (lesson 7)."""
import numpy as np

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import fail, num, student  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake
from backprop_lab.lessons import least_squares

EXACT = {"X": least_squares.design_matrix(np.array([0.0, 1.0, 2.0, 4.0])),
         "y": np.array([-1.0, -0.2, 0.6, 2.2])}             # y = 0.8 x - 1 exactly


def lesson_data():
    x, y = least_squares.make_data(40, 0.5, 0)
    return {"X": least_squares.design_matrix(x), "y": y}


def random_line(rng):
    n = rng.randint(3, 40)
    x = rng.uniform(-1, 1, size=n) * [1.0, 5.0, 100.0][rng.randint(3)] + rng.normal(scale=3)
    w, b = rng.normal(scale=2, size=2)
    y = w * x + b + rng.normal(scale=[0.01, 0.5, 3.0][rng.randint(3)], size=n)
    return {"X": least_squares.design_matrix(x), "y": y}


def returns_the_tuple(student):
    try:
        return _tuple_case(student)
    except Exception:      # what it raises is told elsewhere
        return None


def _tuple_case(student):
    out = student(EXACT["X"].copy(), EXACT["y"].copy())
    if isinstance(out, (tuple, list)) and len(out) == 4:
        return {"input": "X = the four rows [x, 1] for x = 0, 1, 2, 4; y = 0.8 x - 1",
                "expected": "W_hat = [0.8, -1]", "got": "a tuple of four things",
                "short": "returned lstsq's whole tuple (W, residuals, rank, s)"}
    return None


SPEC = Spec(
    "lstsq", random_line, lambda fn, X, y: [fn(X, y)], ["W_hat"], fixed=[EXACT, lesson_data()],
    mistakes=[
        Mistake("whole_tuple", "np.linalg.lstsq returns four things (W, the residuals, the rank, the singular "
                               "values): W_hat is the first, W_hat, *_ = np.linalg.lstsq(X, y, rcond=None)",
                detect=returns_the_tuple),
        Mistake("no_inverse", "Xᵀy is only the right-hand side of the normal equations XᵀX W = Xᵀy: "
                              "W_hat = (XᵀX)⁻¹Xᵀy, which lstsq(X, y) gives without forming the inverse",
                fn=lambda X, y: X.T @ y),
        Mistake("solve_not_square", "np.linalg.solve needs a square system and X is (n, 2): there is no W with "
                                    "XW = y exactly, lstsq finds the W that makes ||XW − y||² smallest",
                fn=lambda X, y: np.linalg.solve(X, y)),
        Mistake("through_origin", "you fitted w alone, a line through the origin: X's column of ones is there so "
                                  "that lstsq finds the bias b too, W_hat = [w, b]",
                fn=lambda X, y: np.linalg.lstsq(X[:, :1], y, rcond=None)[0]),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (lstsq's whole tuple, Xᵀy alone, solve on a non-square X, no bias)"""
    SPEC.named_mistakes(student)


def test_points_on_a_line(student):
    """four points on y = 0.8 x − 1 give back W_hat = [0.8, −1]"""
    got = np.asarray(student(EXACT["X"].copy(), EXACT["y"].copy()), dtype=float)
    if got.shape != (2,) or not np.allclose(got, [0.8, -1.0], atol=1e-9):
        fail("four points on the line y = 0.8 x − 1 should give W_hat = [w, b] = [0.8, −1], yours gives %s"
             % (np.array2string(got, precision=4) if got.size < 8 else "shape %s" % (got.shape,)))


def test_random_cases(student):
    """the lab's own W_hat on the lesson's data and 12 random line fits (n from 3 to 39, x up to ±100)"""
    SPEC.random_cases(student)
