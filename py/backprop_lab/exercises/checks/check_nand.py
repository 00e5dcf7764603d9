"""Checks of nand_weights() -> (w1, w2, b): one threshold neuron computing NOT (x1 AND x2)."""
import numpy as np

from backprop_lab.exercises.cases import Spec, numbers, unpack
from backprop_lab.exercises.checks._support import as_number, fail, num, returned_nothing, student  # noqa: F401
from backprop_lab.exercises.mistakes import Mistake

CORNERS = [(0, 0), (0, 1), (1, 0), (1, 1)]


def weights(student):
    result = student()
    returned_nothing(result, "nand_weights()")
    try:
        w1, w2, b = result
    except (TypeError, ValueError):
        fail("nand_weights() should return three numbers (w1, w2, b), yours returns %r" % (result,))
    return [as_number(v, "nand_weights()[%d]" % i) for i, v in enumerate((w1, w2, b))]


def outputs(fn, X):
    """[w1 x1 + w2 x2 + b > 0] for every row x of X (the student's weights, coerced)."""
    w = [float(numbers(v, "nand_weights()[%d]" % i, 0.0)) for i, v in
         enumerate(unpack(fn(), 3, "three numbers (w1, w2, b)"))]
    return [(X @ np.array(w[:2]) + w[2] > 0).astype(float)]


def random_corners(rng):
    """The four corners, some repeated, in a random order (a hard-coded table cannot follow)."""
    return {"X": np.array(CORNERS, dtype=float)[rng.randint(0, 4, size=rng.randint(4, 9))]}


def touches_zero(student):
    w1, w2, b = weights(student)
    for x1, x2 in CORNERS:
        z = w1 * x1 + w2 * x2 + b
        if z == 0:
            return {"input": "x = (%d, %d)" % (x1, x2), "expected": "z ≠ 0", "got": "z = 0",
                    "short": "z = w1 x1 + w2 x2 + b = 0 at (%d, %d)" % (x1, x2)}
    return None


SPEC = Spec(
    "nand", random_corners, outputs, ["NAND(x)"], fixed=[{"X": np.array(CORNERS, dtype=float)}],
    mistakes=[
        Mistake("zero_on_a_corner", "z = w1 x1 + w2 x2 + b is exactly 0 on a corner, and [z > 0] is 0 there: "
                                    "move b by a half so that z is never 0 on a corner", detect=touches_zero),
        Mistake("and", "these are AND's weights: NAND is NOT AND, so negate all three (w1, w2, b)",
                fn=lambda: (1.0, 1.0, -1.5)),
        Mistake("or", "this neuron computes OR (1 unless both inputs are 0); NAND is 1 unless both are 1",
                fn=lambda: (1.0, 1.0, -0.5)),
        Mistake("nor", "this neuron computes NOR (1 only at (0, 0)); NAND is 0 only at (1, 1): raise b",
                fn=lambda: (-1.0, -1.0, 0.5)),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (AND, OR or NOR instead, z = 0 on a corner)"""
    SPEC.named_mistakes(student)


def test_three_numbers(student):
    """returns (w1, w2, b)"""
    weights(student)


def test_truth_table(student):
    """[w1 x1 + w2 x2 + b > 0] = NOT (x1 AND x2) on all four corners"""
    w1, w2, b = weights(student)
    for x1, x2 in CORNERS:
        z = w1 * x1 + w2 * x2 + b
        got, want = int(z > 0), int(not (x1 and x2))
        if got != want:
            hint = " ([z > 0] is 0 when z = 0 exactly)" if z == 0 else ""
            fail("NAND(%d, %d) should be %d, your neuron gives %d (z = w1 x1 + w2 x2 + b = %s)%s"
                 % (x1, x2, want, got, num(z), hint))


def test_random_cases(student):
    """the same outputs as the lab's NAND on the corners in 12 random orders"""
    SPEC.random_cases(student)
