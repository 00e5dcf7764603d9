import warnings

import numpy as np
import pytest

from backprop_lab.activations import ACTIVATIONS, OUTPUT_ACTIVATIONS, get, sigmoid, softmax


def test_table_names():
    assert set(ACTIVATIONS) == {"sigmoid", "tanh", "relu", "linear"}
    assert set(OUTPUT_ACTIVATIONS) == {"sigmoid", "tanh", "linear", "softmax"}


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivative_matches_central_difference(name):
    f, df = ACTIVATIONS[name]
    z = np.array([-2.5, -0.7, 0.3, 1.9])          # away from relu's kink at 0
    h = 1e-6
    numeric = (f(z + h) - f(z - h)) / (2 * h)
    assert np.allclose(df(z, f(z)), numeric, rtol=1e-6, atol=1e-9)


def test_values_by_hand():
    z = np.array([-1.0, 0.0, 2.0])
    assert np.allclose(sigmoid(z), [1 / (1 + np.e), 0.5, 1 / (1 + np.exp(-2.0))])
    assert np.array_equal(ACTIVATIONS["relu"].f(z), [0.0, 0.0, 2.0])
    assert np.array_equal(ACTIVATIONS["linear"].f(z), z)


def test_sigmoid_is_overflow_free():
    z = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        s = sigmoid(z)
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    assert np.all(np.diff(s) >= 0)


def test_softmax_rows_sum_to_one_and_are_stable():
    z = np.array([[1000.0, 0.0, -1000.0], [1.0, 2.0, 3.0]])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        p = softmax(z)
    assert np.allclose(p.sum(axis=1), 1.0)
    assert np.allclose(p[0], [1.0, 0.0, 0.0])
    e = np.exp([1.0, 2.0, 3.0])
    assert np.allclose(p[1], e / e.sum())


def test_unknown_activation_raises():
    with pytest.raises(ValueError, match="valid: linear, relu, sigmoid, tanh"):
        get("swish")
