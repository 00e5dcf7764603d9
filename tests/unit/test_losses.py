import math
import warnings

import numpy as np
import pytest

from backprop_lab import losses
from backprop_lab.activations import sigmoid, softmax
from backprop_lab.nn import MLP


def s(x):
    return 1.0 / (1.0 + math.exp(-x))


def test_mse_by_hand():
    # linear output: a = z; L = mean over samples of 0.5 * sum of squared errors
    z = np.array([[1.0, 2.0], [0.0, -1.0]])
    y = np.array([[0.5, 0.0], [1.0, -1.0]])
    value, dz = losses.loss_and_dz("mse", "linear", z, z, y)
    hand = (0.5 * (0.5 ** 2 + 2.0 ** 2) + 0.5 * (1.0 ** 2 + 0.0 ** 2)) / 2
    assert value == pytest.approx(hand, abs=1e-15)
    assert np.allclose(dz, (z - y) / 2)


def test_mse_with_sigmoid_output_by_hand():
    z = np.array([[0.0], [2.0]])
    value, dz = losses.loss_and_dz("mse", "sigmoid", z, sigmoid(z), np.array([1, 0]))
    hand = (0.5 * (0.5 - 1) ** 2 + 0.5 * s(2.0) ** 2) / 2
    assert value == pytest.approx(hand, abs=1e-15)
    # dL/dz = (a - y) * a (1 - a) / n
    assert dz[1, 0] == pytest.approx(s(2.0) * s(2.0) * (1 - s(2.0)) / 2, abs=1e-15)


def test_bce_by_hand():
    z = np.array([[0.0], [2.0], [-1.0]])
    y = np.array([1, 0, 1])
    value, dz = losses.loss_and_dz("bce", "sigmoid", z, sigmoid(z), y)
    hand = (-math.log(s(0.0)) - math.log(1 - s(2.0)) - math.log(s(-1.0))) / 3
    assert value == pytest.approx(hand, abs=1e-14)
    assert np.allclose(dz[:, 0], [(0.5 - 1) / 3, s(2.0) / 3, (s(-1.0) - 1) / 3])


def test_softmax_ce_by_hand():
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    y = np.array([2, 0])
    value, dz = losses.loss_and_dz("softmax_ce", "softmax", z, softmax(z), y)
    e1, e2, e3 = math.exp(1), math.exp(2), math.exp(3)
    hand = (-math.log(e3 / (e1 + e2 + e3)) + math.log(3)) / 2
    assert value == pytest.approx(hand, abs=1e-14)
    assert dz[1] == pytest.approx([(1 / 3 - 1) / 2, 1 / 6, 1 / 6])


def test_loss_through_a_net_by_hand():
    # [2, 1] net, no hidden layer: z = x . w + b
    net = MLP([2, 1], output="sigmoid")
    net.params[0][:] = [[0.5], [-1.0]]
    net.params[1][:] = [0.25]
    X = np.array([[1.0, 2.0], [0.0, 1.0]])
    z1, z2 = 0.5 - 2.0 + 0.25, -1.0 + 0.25
    hand = (-math.log(s(z1)) - math.log(1 - s(z2))) / 2
    hand_l2 = hand + 0.5 * 0.1 * (0.5 ** 2 + 1.0 ** 2)          # biases are not penalised
    hand_l1 = hand + 0.1 * (0.5 + 1.0)
    y = np.array([1, 0])
    assert net.loss_and_grads(X, y, "bce")[0] == pytest.approx(hand, abs=1e-14)
    assert net.loss_and_grads(X, y, "bce", l2=0.1)[0] == pytest.approx(hand_l2, abs=1e-14)
    assert net.loss_and_grads(X, y, "bce", l1=0.1)[0] == pytest.approx(hand_l1, abs=1e-14)
    assert net.loss(X, y, "bce", l1=0.1) == pytest.approx(hand_l1, abs=1e-14)


def _no_warnings(fn):
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        return fn()


def test_bce_is_stable_for_huge_logits():
    z = np.array([[1000.0], [-1000.0], [1000.0], [-1000.0]])
    a = sigmoid(z)
    right, _ = _no_warnings(lambda: losses.bce(z[:2], a[:2], np.array([1, 0]), "sigmoid"))
    wrong, dz = _no_warnings(lambda: losses.bce(z[2:], a[2:], np.array([0, 1]), "sigmoid"))
    assert right == 0.0                      # confident and right: log(1) = 0
    assert wrong == pytest.approx(1000.0)    # confident and wrong: -log(e^-1000) = 1000
    assert np.allclose(dz[:, 0], [0.5, -0.5])


def test_softmax_ce_is_stable_for_huge_logits():
    z = np.array([[1000.0, 0.0, -1000.0]] * 3)
    for label, limit in [(0, 0.0), (1, 1000.0), (2, 2000.0)]:
        value, dz = _no_warnings(lambda label=label: losses.softmax_ce(z[:1], softmax(z[:1]), np.array([label]), "softmax"))
        assert np.isfinite(value) and value == pytest.approx(limit)
        assert np.all(np.isfinite(dz))


def test_targets_of_shape_n_and_n1_agree():
    net = MLP([2, 3, 1], "tanh", "sigmoid", seed=1)
    X = np.random.default_rng(0).normal(size=(6, 2))
    y = np.array([0, 1, 1, 0, 1, 0])
    for loss in ("bce", "mse"):
        v1, g1 = net.loss_and_grads(X, y, loss)
        v2, g2 = net.loss_and_grads(X, y[:, None], loss)
        assert v1 == v2 and all(np.array_equal(a, b) for a, b in zip(g1, g2))


@pytest.mark.parametrize("loss, output", [("bce", "softmax"), ("bce", "linear"), ("bce", "tanh"),
                                          ("softmax_ce", "sigmoid"), ("softmax_ce", "linear"),
                                          ("softmax_ce", "tanh")])
def test_invalid_pairs_raise_and_name_both(loss, output):
    with pytest.raises(ValueError) as info:
        losses.check_pair(loss, output)
    assert repr(loss) in str(info.value) and repr(output) in str(info.value)
    net = MLP([2, 3, 3], "tanh", output) if output == "softmax" else MLP([2, 3, 1], "tanh", output)
    with pytest.raises(ValueError):
        net.loss_and_grads(np.zeros((2, 2)), np.array([0, 1]), loss)


def test_unknown_loss_and_output_raise():
    with pytest.raises(ValueError, match="unknown loss 'hinge'; valid: bce, mse, softmax_ce"):
        losses.check_pair("hinge", "sigmoid")
    with pytest.raises(ValueError, match="unknown output activation 'relu'"):
        losses.check_pair("mse", "relu")
    with pytest.raises(ValueError, match="unknown output activation 'relu'"):
        MLP([2, 1], output="relu")
    with pytest.raises(ValueError, match="unknown activation 'softmax'"):
        MLP([2, 3, 1], activation="softmax")


def test_constant_loss_is_the_best_constant_outputs_loss():
    """losses.constant_loss: the loss of the best constant output, by a search over constants."""
    from backprop_lab.losses import constant_loss, loss_and_dz
    rng = np.random.default_rng(3)
    y2 = (rng.random(40) < 0.3).astype(int)
    p = y2.mean()
    assert np.isclose(constant_loss("bce", y2), -(p * np.log(p) + (1 - p) * np.log(1 - p)))
    assert np.isclose(constant_loss("bce", np.array([0, 1] * 5)), np.log(2))
    y3 = rng.integers(0, 3, 60)
    q = np.bincount(y3, minlength=3) / 60
    assert np.isclose(constant_loss("softmax_ce", y3, 3), -np.sum(q * np.log(q)))
    yr = rng.normal(size=50)
    assert np.isclose(constant_loss("mse", yr), 0.5 * np.var(yr))    # the mean of 0.5 (a - y)^2 at a = mean y
    assert np.isclose(constant_loss("mse", y3, 3), 0.5 * np.sum(q * (1 - q)))
    # no constant does better, and the best one reaches it (the losses' own code evaluates them)
    for loss, output, y, k in (("bce", "sigmoid", y2, 1), ("mse", "linear", yr, 1), ("softmax_ce", "softmax", y3, 3)):
        best = constant_loss(loss, y, k)
        for _ in range(200):
            z = np.tile(rng.normal(scale=2, size=k), (len(y), 1))
            a = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "linear": lambda z: z,
                 "softmax": lambda z: np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)}[output](z)
            assert loss_and_dz(loss, output, z, a, y)[0] >= best - 1e-12
    n1 = y2.mean()
    z = np.full((40, 1), np.log(n1 / (1 - n1)))
    assert np.isclose(loss_and_dz("bce", "sigmoid", z, 1 / (1 + np.exp(-z)), y2)[0], constant_loss("bce", y2))
    with pytest.raises(ValueError):
        constant_loss("hinge", y2)
