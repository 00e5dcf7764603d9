"""Lesson 1: one neuron's output over the plane and its separating line."""
import numpy as np
import pytest

from backprop_lab.lessons import neuron


@pytest.mark.parametrize("f", ["sign", "sigmoid", "tanh", "relu"])
def test_output_is_high_on_the_positive_side_of_the_line(f):
    out = neuron.output_map(w1=1.0, w2=0.0, b=-0.5, f=f, size=20, domain=2.0)
    m = out["map"]
    assert m.shape == (20, 20) and m.dtype == np.uint8
    # x1 > 0.5 (right columns) is the positive side: top of f's range there
    assert m[:, -1].min() > m[:, 0].max()
    assert out["line"] == [[0.5, -2.0], [0.5, 2.0]]


def test_neuron_computes_f_of_w_dot_x_plus_b():
    X = np.array([[1.0, 2.0], [-1.0, 0.5]])
    a = neuron.neuron(X, 0.5, -1.0, 0.25, "tanh")
    assert np.allclose(a, np.tanh([0.5 - 2.0 + 0.25, -0.5 - 0.5 + 0.25]))


def test_line_is_none_when_it_misses_the_square_and_diagonal_otherwise():
    assert neuron.separating_line(1.0, 1.0, -10.0, 2.0) is None
    assert neuron.separating_line(0.0, 0.0, 1.0, 2.0) is None
    assert neuron.separating_line(1.0, 1.0, 0.0, 2.0) == [[-2.0, 2.0], [2.0, -2.0]]
