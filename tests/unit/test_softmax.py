"""Lesson 9: a stable softmax, the loss -ln p_y, and why it is a cross-entropy."""
import json
import math

import numpy as np
import pytest

from backprop_lab import bridge
from backprop_lab.lessons import softmax as sm


def test_cross_entropy_equals_the_hand_value():
    out = sm.report(logits=[1.0, 2.0, 3.0], y=0)
    # by hand: -ln(e^1 / (e^1 + e^2 + e^3))
    hand = -math.log(math.e / (math.e + math.e ** 2 + math.e ** 3))
    assert out["loss"] == pytest.approx(hand, rel=1e-12)
    assert out["cross_entropy"] == pytest.approx(hand, rel=1e-12)
    assert -out["log_p_y"] == pytest.approx(hand, rel=1e-12)
    assert out["p"] == pytest.approx(np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum())
    assert out["q"].tolist() == [1.0, 0.0, 0.0] and out["predicted"] == 2


def test_cross_entropy_of_a_soft_target_is_the_general_formula():
    q, p = np.array([0.2, 0.8]), np.array([0.5, 0.5])
    assert sm.cross_entropy(q, np.log(p)) == pytest.approx(math.log(2))


def test_softmax_is_stable_at_huge_logits():
    out = sm.report(logits=[1000.0, 999.0, -1000.0, 0.0], y=1)
    assert np.all(np.isfinite(out["p"])) and out["sum"] == pytest.approx(1.0)
    e = math.exp(-1.0)
    assert out["p"][0] == pytest.approx(1 / (1 + e)) and out["p"][1] == pytest.approx(e / (1 + e))
    assert out["loss"] == pytest.approx(math.log(1 + math.e))   # -ln p_1 = ln(1 + e)
    assert not out["naive_ok"]                                 # e^1000 overflows in the naive formula
    assert np.isnan(sm.naive_softmax(np.array([1000.0, 0.0]))).any()
    text = bridge.run_lesson("backprop_lab.lessons.softmax", "report",
                             json.dumps({"logits": [1000, 1000, 1000], "y": 2}))
    assert json.loads(text)["loss"] == pytest.approx(math.log(3))


def test_a_vanishing_probability_still_has_a_finite_loss():
    out = sm.report(logits=[1000.0, -1000.0], y=1)
    assert out["p"][1] == 0.0                                  # underflows ...
    assert out["loss"] == pytest.approx(2000.0)                # ... but -ln p_y = 2000 exactly
    assert out["cross_entropy"] == pytest.approx(2000.0)


def test_temperature_flattens_or_sharpens():
    z = [2.0, 1.0, 0.1]
    hot, one, cold = (sm.report(z, 0, T)["p"] for T in (10.0, 1.0, 0.1))
    assert hot.max() < one.max() < cold.max()
    assert cold[0] > 0.99 and abs(hot[0] - 1 / 3) < 0.05


@pytest.mark.parametrize("kwargs, word", [
    ({"logits": [1.0]}, "two"), ({"logits": [1.0, float("nan")]}, "finite"),
    ({"T": 0.0}, "temperature"), ({"y": 5}, "true class")])
def test_bad_input_gives_a_message(kwargs, word):
    assert word in sm.report(**kwargs)["error"]


def test_map_with_a_gaussian_prior_is_the_labs_l2_loss_with_lambda_1_over_n_s2():
    """Lesson 9's claim: (-sum_i ln P(y_i | w, x_i) - ln N(w; 0, s^2 I)) / n and the lab's loss
    mean_i L_i + (lambda/2) ||W||^2 with lambda = 1/(n s^2) differ by a constant (the prior's
    normaliser / n), so they have the same gradient and the same minimum. Prior on W only (flat on b)."""
    import numpy as np

    from backprop_lab.nn import MLP

    rng = np.random.default_rng(8)
    n, d, k, s = 40, 3, 4, 0.7
    X, y = rng.normal(size=(n, d)), rng.integers(0, k, n)
    net = MLP([d, k], activation="linear", output="softmax", seed=0)
    lam = 1 / (n * s ** 2)

    def map_objective():
        W, b = net.params
        z = X @ W + b
        logp = z - np.log(np.sum(np.exp(z - z.max(1, keepdims=True)), 1, keepdims=True)) - z.max(1, keepdims=True)
        log_prior = -0.5 * np.sum(W * W) / s ** 2 - 0.5 * W.size * np.log(2 * np.pi * s ** 2)   # ln N(W; 0, s^2 I)
        return (-np.sum(logp[np.arange(n), y]) - log_prior) / n

    gaps = []
    for _ in range(20):
        for p in net.params:
            p[...] = rng.normal(scale=2, size=p.shape)
        gaps.append(map_objective() - net.loss(X, y, "softmax_ce", l2=lam))
        if len(gaps) == 1:   # the same gradient: central differences of the MAP objective
            _, grads = net.loss_and_grads(X, y, "softmax_ce", l2=lam)
            for p, g in zip(net.params, grads):
                for idx in [(0,) * p.ndim, tuple(i - 1 for i in p.shape)]:
                    old = p[idx]
                    p[idx] = old + 1e-6
                    up = map_objective()
                    p[idx] = old - 1e-6
                    down = map_objective()
                    p[idx] = old
                    assert abs((up - down) / 2e-6 - g[idx]) < 1e-7
    W = net.params[0]
    assert np.allclose(gaps, 0.5 * W.size * np.log(2 * np.pi * s ** 2) / n, atol=1e-12, rtol=0)
