"""Checks of nand_weights() -> (w1, w2, b): one threshold neuron computing NOT (x1 AND x2)."""
from backprop_lab.exercises.checks._support import as_number, fail, num, returned_nothing, student  # noqa: F401

CORNERS = [(0, 0), (0, 1), (1, 0), (1, 1)]


def weights(student):
    result = student()
    returned_nothing(result, "nand_weights()")
    try:
        w1, w2, b = result
    except (TypeError, ValueError):
        fail("nand_weights() should return three numbers (w1, w2, b), yours returns %r" % (result,))
    return [as_number(v, "nand_weights()[%d]" % i) for i, v in enumerate((w1, w2, b))]


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
