"""Checks of softmax_ce(z, a, y, output) -> (L, dL/dz): the mean of -ln softmax(z_i)_{y_i}."""
import numpy as np

from backprop_lab.activations import softmax
from backprop_lab.exercises.checks._support import (  # noqa: F401 (student is a fixture)
    as_array,
    as_number,
    compare_gradient,
    fail,
    num,
    numeric_gradient,
    returned_nothing,
    student,
)


def call(student, z, y):
    z = np.array(z, dtype=float)
    y = np.asarray(y)
    with np.errstate(all="ignore"):
        result = student(z, softmax(z), y, "softmax")
    returned_nothing(result, "softmax_ce")
    try:
        L, dz = result
    except (TypeError, ValueError):
        fail("softmax_ce should return a pair (L, dL/dz), yours returns %s" % type(result).__name__)
    return as_number(L, "L"), as_array(dz, "dL/dz (like z: (n, k))", z.shape)


def reference_loss(z, y):
    z = np.asarray(z, dtype=float)
    m = z.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
    return float(np.mean(lse - z[np.arange(len(z)), y]))


def test_small_logits(student):
    """L = −ln p_y for logits [2, 1, 0.1] and class 0"""
    L, _ = call(student, [[2.0, 1.0, 0.1]], [0])
    want = reference_loss([[2.0, 1.0, 0.1]], [0])
    if not abs(L - want) < 1e-9:
        fail("L for logits z = [2, 1, 0.1] and class y = 0 should be %s (−ln p_0 with p = softmax(z)), "
             "yours gives %s" % (num(want), num(L)))


def test_mean_over_samples(student):
    """L is the mean over the n samples (like ε in the lecture), not the sum"""
    z, y = [[2.0, 1.0, 0.1], [0.0, 3.0, -1.0]], [0, 2]
    L, _ = call(student, z, y)
    want = reference_loss(z, y)
    if not abs(L - want) < 1e-9:
        extra = " (that is the sum; divide by n = 2)" if abs(L - 2 * want) < 1e-9 else ""
        fail("L for two samples should be the mean %s of their losses, yours gives %s%s" % (num(want), num(L), extra))


def test_finite_at_large_logits(student):
    """logits of ±1000 give finite L and dL/dz (log-sum-exp)"""
    for y, want in ((1, 1000.0), (0, 0.0)):
        L, dz = call(student, [[1000.0, 0.0, -1000.0]], [y])
        if not (np.isfinite(L) and abs(L - want) < 1e-6):
            fail("L for logits [1000, 0, −1000] and y = %d should be %s, yours gives %s: e^1000 overflows, so "
                 "use log-sum-exp, ln Σ e^z_j = m + ln Σ e^(z_j − m) with m = max z" % (y, num(want), num(L)))
        if not np.all(np.isfinite(dz)):
            fail("dL/dz for logits [1000, 0, −1000] should be finite, yours has %s" % num(dz[~np.isfinite(dz)][0]))


def test_gradient(student):
    """dL/dz = (softmax(z) − onehot(y)) / n agrees with finite differences"""
    rng = np.random.RandomState(3)
    z, y = rng.normal(size=(3, 4)), np.array([2, 0, 3])
    _, dz = call(student, z, y)
    numeric = numeric_gradient(lambda: reference_loss(z, y), z)
    compare_gradient("dL/dz", "z", dz, numeric)


def test_leaves_z_alone(student):
    """z is not changed in place"""
    z = np.array([[1.0, 2.0, 3.0], [0.5, -0.5, 0.0]])
    a, kept = softmax(z), z.copy()
    a_kept = a.copy()
    student(z, a, np.array([1, 0]), "softmax")
    if not np.array_equal(z, kept):
        fail("your softmax_ce changed z in place (write m = z.max(...) and z − m into new arrays): "
             "the network still needs z")
    if not np.array_equal(a, a_kept):
        fail("your softmax_ce changed a = softmax(z) in place (start dL/dz from a.copy()): "
             "the network still needs a")
