"""Checks of xor_feature_weights() -> (w1, w2, v, b): [w1 x1 + w2 x2 + v x1 x2 + b > 0] = x1 XOR x2 (lesson 3)."""
import numpy as np

from backprop_lab.exercises.cases import Spec, numbers, unpack
from backprop_lab.exercises.checks._support import as_number, fail, num, returned_nothing, student  # noqa: F401
from backprop_lab.exercises.mistakes import Mistake

CORNERS = [(0, 0), (0, 1), (1, 0), (1, 1)]


def weights(fn):
    result = fn()
    returned_nothing(result, "xor_feature_weights()")
    values = unpack(result, 4, "four numbers (w1, w2, v, b)")
    return [as_number(v, "xor_feature_weights()[%d]" % i) for i, v in enumerate(values)]


def z_at(w, x1, x2):
    w1, w2, v, b = w
    return w1 * x1 + w2 * x2 + v * x1 * x2 + b


def outputs(fn, X):
    """[w1 x1 + w2 x2 + v x1 x2 + b > 0] for every row x of X, with the features (x1, x2, x1 x2)."""
    w = [float(numbers(v, "xor_feature_weights()[%d]" % i, 0.0))
         for i, v in enumerate(unpack(fn(), 4, "four numbers (w1, w2, v, b)"))]
    F = np.column_stack([X, X[:, 0] * X[:, 1]])
    return [(F @ np.array(w[:3]) + w[3] > 0).astype(float)]


def random_corners(rng):
    return {"X": np.array(CORNERS, dtype=float)[rng.randint(0, 4, size=rng.randint(4, 9))]}


def _case(corner, z, want):
    return {"input": "x = (%d, %d)" % corner, "expected": want, "got": "z = %s" % num(z),
            "short": "z = %s at (%d, %d)" % ((num(z),) + corner)}


def touches_zero(student):
    w = weights(student)
    for c in CORNERS:
        if z_at(w, *c) == 0:
            return _case(c, 0.0, "z ≠ 0")
    return None


def v_too_weak(student):
    """Right on three corners, but at (1, 1) z stays > 0 although v < 0."""
    w = weights(student)
    right = [(z_at(w, *c) > 0) == (c[0] != c[1]) for c in CORNERS]
    if w[2] < 0 and right[:3] == [True] * 3 and not right[3]:
        return _case((1, 1), z_at(w, 1, 1), "z < 0")
    return None


SPEC = Spec(
    "xor_feature", random_corners, outputs, ["XOR(x)"], fixed=[{"X": np.array(CORNERS, dtype=float)}],
    mistakes=[
        Mistake("zero_on_a_corner", "z = w1 x1 + w2 x2 + v x1x2 + b is exactly 0 on a corner, and [z > 0] is 0 "
                                    "there: move b by a half so that z is never 0 on a corner", detect=touches_zero),
        Mistake("v_too_weak", "v pulls the right way but not far enough: at (1, 1) the feature x1x2 is 1, and "
                              "z = w1 + w2 + v + b must drop below 0 there", detect=v_too_weak),
        Mistake("or", "with v = 0 the feature x1x2 does nothing and this neuron is OR: XOR differs from OR only "
                      "at (1, 1), where x1x2 = 1, so a negative v can switch that corner off",
                fn=lambda: (1.0, 1.0, 0.0, -0.5)),
        Mistake("xnor", "this neuron computes XNOR, NOT XOR (1 where x1 = x2): negate all four weights",
                fn=lambda: (-1.0, -1.0, 2.0, 0.5)),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (OR, XNOR, v too weak, z = 0 on a corner)"""
    SPEC.named_mistakes(student)


def test_truth_table(student):
    """[w1 x1 + w2 x2 + v x1x2 + b > 0] = x1 XOR x2 on all four corners"""
    w = weights(student)
    for x1, x2 in CORNERS:
        z = z_at(w, x1, x2)
        if int(z > 0) != int(x1 != x2):
            fail("XOR(%d, %d) should be %d, your neuron gives %d (z = w1 x1 + w2 x2 + v x1x2 + b = %s)"
                 % (x1, x2, int(x1 != x2), int(z > 0), num(z)))


def test_random_cases(student):
    """the same outputs as the lab's XOR feature neuron on the corners in 12 random orders"""
    SPEC.random_cases(student)
