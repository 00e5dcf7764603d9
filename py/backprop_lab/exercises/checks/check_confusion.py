"""Checks of confusion(y_true, y_pred, k) -> C[t, p] = number of samples of class t predicted as p (lesson 6)."""
import numpy as np

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import fail, student  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake


def random_labels(rng):
    k, n = rng.randint(2, 11), rng.randint(1, 80)
    y_true = rng.randint(0, k, size=n)
    right = rng.uniform(size=n) < rng.uniform(0.3, 0.95)
    return {"y_true": y_true, "y_pred": np.where(right, y_true, rng.randint(0, k, size=n)), "k": k}


def call(fn, y_true, y_pred, k):
    return [fn(y_true, y_pred, k)]


def _fancy(y_true, y_pred, k=10):
    C = np.zeros((k, k), dtype=int)
    C[y_true, y_pred] += 1
    return C


SMALL = {"y_true": np.array([0, 0, 1, 1, 1, 2]), "y_pred": np.array([0, 0, 1, 2, 1, 0]), "k": 3}
SPEC = Spec(
    "confusion", random_labels, call, ["C"], fixed=[SMALL],
    mistakes=[
        Mistake("fancy_assign", "C[y_true, y_pred] += 1 adds 1 once per distinct pair, however often it occurs: "
                                "numpy does not add repeated indices up. Count with np.add.at(C, (y_true, y_pred), 1) "
                                "or a loop", fn=_fancy),
        Mistake("transposed", "rows are the true class and columns the prediction: C[t, p] counts digits t "
                              "classified as p", fn=lambda y_true, y_pred, k=10: _counts(y_pred, y_true, k)),
        Mistake("rates", "C holds counts, not fractions: the page shows how many test digits of each class went "
                         "where", fn=lambda y_true, y_pred, k=10: _counts(y_true, y_pred, k)
                / np.maximum(1, _counts(y_true, y_pred, k).sum(axis=1, keepdims=True))),
        Mistake("diagonal_only", "the off-diagonal entries are the interesting ones: C[t, p] with t ≠ p counts the "
                                 "mistakes, a digit t taken for p",
                fn=lambda y_true, y_pred, k=10: np.diag(np.diag(_counts(y_true, y_pred, k)))),
    ])


def _counts(t, p, k):
    C = np.zeros((k, k), dtype=int)
    for a, b in zip(t, p):
        C[a, b] += 1
    return C


def test_named_mistakes(student):
    """none of the classic mistakes (fancy-index +=, transposed, rates, the diagonal only)"""
    SPEC.named_mistakes(student)


def test_small(student):
    """six samples of three classes: C = [[2, 0, 0], [0, 2, 1], [1, 0, 0]]"""
    got = np.asarray(student(SMALL["y_true"].copy(), SMALL["y_pred"].copy(), 3), dtype=float)
    want = [[2, 0, 0], [0, 2, 1], [1, 0, 0]]
    if got.shape != (3, 3) or not np.array_equal(got, want):
        fail("y_true = [0, 0, 1, 1, 1, 2], y_pred = [0, 0, 1, 2, 1, 0] give C = %s, yours gives %s"
             % (want, got.tolist() if got.size <= 16 else "shape %s" % (got.shape,)))
    if got.sum() != 6:
        fail("C should count every sample once: its entries add up to n = 6")


def test_random_cases(student):
    """the lab's own C for 12 random label sets (k from 2 to 10, n up to 79)"""
    SPEC.random_cases(student)
