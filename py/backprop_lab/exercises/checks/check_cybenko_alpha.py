"""Checks of fit_alpha(x, f, w, b) -> alpha = argmin ||Phi alpha - f||^2 (lesson 5, Cybenko)."""
import numpy as np

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import fail, num, student  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake
from backprop_lab.lessons import cybenko


def sigma(t):
    return 1 / (1 + np.exp(-t))


def random_fit(rng):
    """Units like the lesson's (steps spread over [0, 1]), on points that pin alpha down well
    (cond(Phi) < 1e4), so that every right way of solving gives the same alpha."""
    while True:
        H, n = rng.randint(1, 7), rng.randint(12, 60)
        x = np.sort(np.concatenate([np.linspace(0, 1, 6), rng.uniform(0, 1, size=n - 6)]))
        s = rng.uniform(0.5, 1.5) * 2 * H
        c = (np.arange(H) + 0.5) / H + rng.uniform(-0.2, 0.2, size=H) / H
        w, b = np.full(H, s) * rng.choice([-1, 1], size=H), -s * c
        if np.linalg.cond(np.column_stack([sigma(np.outer(x, w) + b), np.ones(n)])) < 1e4:
            break
    f = np.sin(rng.uniform(1, 8) * x + rng.uniform(-3, 3)) * rng.uniform(0.5, 5) + rng.normal(scale=0.05, size=n)
    return {"x": x, "f": f, "w": w, "b": b}


def lesson_fit(H):
    w, b = cybenko.hidden_weights(H)
    x = np.linspace(0, 1, 101)
    return {"x": x, "f": np.sin(2 * np.pi * x), "w": w, "b": b}


def returns_the_tuple(student):
    try:
        return _tuple_case(student)
    except Exception:      # what it raises is told elsewhere
        return None


def _tuple_case(student):
    case = lesson_fit(3)
    out = student(case["x"], case["f"], case["w"], case["b"])
    if isinstance(out, (tuple, list)) and len(out) == 4:
        return {"input": "H = 3, f = sin(2πx) on 101 points", "expected": "alpha, shape (4,)",
                "got": "a tuple of four things", "short": "returned lstsq's whole tuple (alpha, residuals, rank, s)"}
    return None


SPEC = Spec(
    "cybenko_alpha", random_fit, lambda fn, x, f, w, b: [fn(x, f, w, b)], ["alpha"],
    fixed=[lesson_fit(3), lesson_fit(10)],
    mistakes=[
        Mistake("whole_tuple", "np.linalg.lstsq returns four things (alpha, the residuals, the rank, the singular "
                               "values): alpha is the first, alpha, *_ = np.linalg.lstsq(Phi, f, rcond=None)",
                detect=returns_the_tuple),
        Mistake("no_ones", "Φ needs its column of ones: a(x) = Σ α_h σ(w_h x + b_h) + α_0, and α_0 is the output "
                           "unit's bias (alpha has H + 1 entries)",
                fn=lambda x, f, w, b: np.linalg.lstsq(sigma(np.outer(x, w) + b), f, rcond=None)[0]),
        Mistake("no_sigma", "Φ's columns are the hidden units' outputs σ(w_h x + b_h), not their inputs w_h x + b_h: "
                            "without σ every column is a straight line, and so is the fit",
                fn=lambda x, f, w, b: np.linalg.lstsq(np.column_stack([np.outer(x, w) + b, np.ones(len(x))]),
                                                      f, rcond=None)[0]),
        Mistake("ones_first", "the lab's Φ has the column of ones last, so alpha = [α_1 … α_H, α_0]: the output "
                              "bias α_0 is alpha's last entry",
                fn=lambda x, f, w, b: np.linalg.lstsq(np.column_stack([np.ones(len(x)), sigma(np.outer(x, w) + b)]),
                                                      f, rcond=None)[0]),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (lstsq's whole tuple, no column of ones, no σ, the ones first)"""
    SPEC.named_mistakes(student)


def test_the_fit_is_close(student):
    """with H = 10 of the lesson's units, a(x) follows sin(2πx) to within 0.05"""
    case = lesson_fit(10)
    alpha = np.asarray(student(case["x"], case["f"], case["w"], case["b"]), dtype=float)
    if alpha.shape != (11,):
        fail("alpha should have H + 1 = 11 entries (one per unit and the bias α_0), yours has shape %s"
             % (alpha.shape,))
    gap = np.abs(cybenko.features(case["x"], case["w"], case["b"]) @ alpha - case["f"]).max()
    if not gap < 0.05:
        fail("with your alpha, a(x) misses sin(2πx) by %s somewhere: the least squares fit is within 0.05" % num(gap))


def test_random_cases(student):
    """the lab's own alpha for the lesson's units (H = 3, 10) and 12 random fits (H up to 6)"""
    SPEC.random_cases(student)
