"""Lesson 2: AND, OR and NOT as threshold neurons with the lecture's weights."""
import numpy as np
import pytest

from backprop_lab.lessons import logic

TABLES = {   # (x1, x2) -> gate value, written out by hand
    "and": {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1},
    "or": {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 1},
    "not": {(0, 0): 1, (0, 1): 1, (1, 0): 0, (1, 1): 0},
}


@pytest.mark.parametrize("gate", ["and", "or", "not"])
def test_lecture_weights_give_the_exact_truth_table(gate):
    w1, w2, b = logic.GATES[gate]
    table = logic.truth_table(gate, w1, w2, b)
    assert table["n_right"] == 4 and table["n_rows"] == 4
    for row in table["rows"]:
        assert row["output"] == TABLES[gate][(row["x1"], row["x2"])]
        assert row["target"] == row["output"] and row["right"] is True


def test_lecture_weights_are_the_lectures():
    assert logic.GATES["and"] == (1.0, 1.0, -1.5)
    assert logic.GATES["or"] == (1.0, 1.0, -0.5)
    assert logic.GATES["not"] == (-1.0, 0.0, 0.5)


def test_a_moved_bias_breaks_the_rows_it_should():
    # AND with b = -0.9: (0, 1) and (1, 0) now give 1, so those two rows are wrong
    table = logic.truth_table("and", 1.0, 1.0, -0.9)
    wrong = [(r["x1"], r["x2"]) for r in table["rows"] if not r["right"]]
    assert wrong == [(0, 1), (1, 0)] and table["n_right"] == 2
    # z exactly 0 is not > 0: AND's (1, 0) row with b = -1 stays 0
    assert logic.truth_table("and", 1.0, 1.0, -1.0)["n_right"] == 4


def test_threshold_neuron_is_a_step_of_the_weighted_sum():
    X = np.array([[0.2, 0.3], [2.0, -2.0]])
    assert list(logic.threshold_neuron(X, 1.0, 1.0, -0.4)) == [1, 0]


def test_gate_view_shades_the_output_and_colours_points_by_the_gate():
    out = logic.gate_view("or", 1.0, 1.0, -0.5, size=40)
    m = out["map"]
    assert m.shape == (40, 40) and m.dtype == np.uint8 and set(np.unique(m)) == {0, 255}
    assert m[-1, 0] == 0 and m[0, -1] == 255        # bottom-left (-0.5, -0.5) off, top-right on
    assert list(out["points"]["y"]) == [0, 1, 1, 1]
    # x1 + x2 = 1/2 crosses the square [-0.5, 1.5]^2 from (-0.5, 1) to (1, -0.5)
    assert out["line"] == [[-0.5, 1.0], [1.0, -0.5]]
    assert out["table"]["n_right"] == 4


def test_line_is_none_when_outside_the_square_and_unknown_gate_is_refused():
    assert logic.line_in_square(1.0, 1.0, -10.0) is None
    assert logic.line_in_square(0.0, 0.0, 1.0) is None
    with pytest.raises(ValueError, match="unknown gate"):
        logic.truth_table("nand", 1.0, 1.0, 0.0)
