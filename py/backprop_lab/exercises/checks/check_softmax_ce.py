"""Checks of softmax_ce(z, a, y, output) -> (L, dL/dz): the mean of -ln softmax(z_i)_{y_i}."""
import numpy as np

from backprop_lab.activations import softmax
from backprop_lab.exercises.cases import Spec, unpack
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
from backprop_lab.exercises.mistakes import Mistake


def random_logits(rng):
    n, k = rng.randint(1, 7), rng.randint(2, 6)
    scale = [1.0, 10.0, 400.0][rng.randint(3)]
    z = rng.normal(scale=scale, size=(n, k)) + rng.normal(scale=scale, size=(n, 1))   # rows at their own levels
    return {"z": z, "y": rng.randint(0, k, size=n)}


def pair(fn, z, y):
    return unpack(fn(z, softmax(z), y, "softmax"), 2, "a pair (L, dL/dz)")


def global_max(z, a, y, output):
    n, rows = len(z), np.arange(len(z))
    m = z.max()
    lse = m + np.log(np.sum(np.exp(z - m), axis=1))
    dz = a.copy()
    dz[rows, y] -= 1.0
    return np.mean(lse - z[rows, y]), dz / n


def overflows(student):
    """L or dL/dz not finite for logits of ±1000 (where the lab's are)."""
    z, y = np.array([[1000.0, 0.0, -1000.0], [-1000.0, 0.0, 1000.0]]), np.array([1, 0])
    with np.errstate(all="ignore"):
        L, dz = pair(student, z.copy(), y)
    bad = [v for v in np.ravel(np.asarray(dz, dtype=float)).tolist() + [float(L)] if not np.isfinite(v)]
    if not bad:
        return None
    return {"input": "z = [[1000, 0, −1000], [−1000, 0, 1000]]; y = [1, 0]", "expected": "L = 1500 (finite)",
            "got": "L = %s" % num(L), "short": "not finite: %s" % num(bad[0])}


SPEC = Spec(
    "softmax_ce", random_logits, pair, ["L", "dL/dz"],
    fixed=[{"z": np.array([[2.0, 1.0, 0.1], [0.0, 3.0, -1.0]]), "y": np.array([0, 2])},
           {"z": np.array([[1000.0, 999.0, 0.0], [-1000.0, -1001.0, -999.0]]), "y": np.array([1, 2])}],
    mistakes=[
        Mistake("overflow", "softmax overflows at z = 1000: subtract the row's maximum first, "
                            "ln Σ e^z_j = m + ln Σ e^(z_j − m) with m = max_j z_j", detect=overflows),
        Mistake("sum_not_mean", "you summed the losses over the samples: L is their mean (divide by n)",
                edit=("value = np.mean(lse - z[rows, labels])", "value = np.sum(lse - z[rows, labels])")),
        Mistake("grad_not_divided", "dL/dz misses the 1/n: L is a mean over the n samples, so dL/dz = "
                                    "(softmax(z) − onehot(y)) / n", edit=("return value, dz / n", "return value, dz")),
        Mistake("divided_twice", "you divided by the batch size twice: dL/dz = (softmax(z) − onehot(y)) / n, once",
                edit=("return value, dz / n", "return value, dz / n / n")),
        Mistake("gradient_sign", "dL/dz has the wrong sign: it is (softmax(z) − onehot(y)) / n, so that "
                                 "W − η∇L goes downhill", edit=("return value, dz / n", "return value, -dz / n")),
        Mistake("global_max", "subtract each row's own maximum: with one maximum for the whole batch, a row far "
                              "below it underflows to ln 0", fn=global_max),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (overflow, sum for mean, 1/n missing or twice, sign, one max for all rows)"""
    SPEC.named_mistakes(student)


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


def test_random_cases(student):
    """the lab's own L and dL/dz on 12 random batches (sizes, classes, logits up to ±1000)"""
    SPEC.random_cases(student)
