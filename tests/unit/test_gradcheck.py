"""The hand-written backward pass agrees with finite differences everywhere."""
import numpy as np
import pytest

from backprop_lab.gradcheck import check_grads, numerical_grads, relative_error
from backprop_lab.nn import MLP

HIDDEN = ("sigmoid", "tanh", "relu", "linear")
# (output activation, loss, number of outputs k)
PAIRS = [("sigmoid", "bce", 1), ("sigmoid", "bce", 2), ("softmax", "softmax_ce", 3),
         ("sigmoid", "mse", 2), ("tanh", "mse", 2), ("linear", "mse", 2), ("softmax", "mse", 3)]
REGULARIZERS = {"none": (0.0, 0.0), "l1": (0.1, 0.0), "l2": (0.0, 0.1)}
H = 1e-6


def _problem(activation, output, loss, k, seed=0):
    """A [2, 3, 3, k] net with random (nonzero) biases, 4 samples and targets."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(4, 2))
    net = MLP([2, 3, 3, k], activation, output, seed=seed)
    for b in net.params[1::2]:
        b[:] = rng.normal(0.0, 0.5, b.shape)       # so that no relu input is exactly 0
    if loss == "mse":
        y = rng.normal(size=(4, k))
    elif loss == "bce":
        y = rng.integers(0, 2, (4, k))
    else:
        y = rng.integers(0, k, 4)
    return net, X, y


@pytest.mark.parametrize("reg", sorted(REGULARIZERS))
@pytest.mark.parametrize("output, loss, k", PAIRS)
@pytest.mark.parametrize("activation", HIDDEN)
def test_backprop_matches_finite_differences(activation, output, loss, k, reg):
    net, X, y = _problem(activation, output, loss, k)
    l1, l2 = REGULARIZERS[reg]
    # no kinks within reach of the finite difference: relu inputs and (for L1) weights
    hidden_z = net._forward(X)[0][:-1]
    assert min(np.abs(z).min() for z in hidden_z) > 100 * H
    assert min(np.abs(W).min() for W in net.weights) > 100 * H
    assert check_grads(net, X, y, loss, l1, l2, h=H) < 1e-6


def test_no_hidden_layer():
    rng = np.random.default_rng(0)
    net = MLP([2, 1], output="sigmoid", seed=0)
    X, y = rng.normal(size=(5, 2)), np.array([0, 1, 1, 0, 1])
    assert check_grads(net, X, y, "bce", l2=0.1) < 1e-6


def test_gradcheck_catches_a_wrong_gradient():
    net, X, y = _problem("tanh", "sigmoid", "bce", 1)
    numeric = numerical_grads(lambda params: net.loss(X, y, "bce"), net.params, H)
    _, grads = net.loss_and_grads(X, y, "bce")
    assert max(relative_error(a, n) for a, n in zip(grads, numeric)) < 1e-6
    assert relative_error(2 * grads[0], numeric[0]) > 0.3


def test_numerical_grads_of_a_known_function():
    A, B = np.array([[1.0, -2.0]]), np.array([3.0])
    f = lambda arrays: float(np.sum(arrays[0] ** 3) + arrays[1][0] * arrays[0][0, 1])
    gA, gB = numerical_grads(f, [A, B])
    assert np.allclose(gA, [[3.0, 12.0 + 3.0]], rtol=1e-8)
    assert np.allclose(gB, [-2.0], rtol=1e-8)
    assert A.tolist() == [[1.0, -2.0]] and B.tolist() == [3.0]        # restored
