"""Lesson 7: the closed-form least-squares fit and gradient descent converging to it (or not)."""
import json

import numpy as np
import pytest

from backprop_lab import bridge
from backprop_lab.lessons import least_squares as ls


@pytest.mark.parametrize("n, noise, seed", [(40, 0.5, 0), (7, 2.0, 3), (200, 0.0, 1)])
def test_closed_form_matches_lstsq_and_the_normal_equations(n, noise, seed):
    x, y = ls.make_data(n, noise, seed)
    X = ls.design_matrix(x)
    assert X.shape == (n, 2)
    W_hat = ls.closed_form(X, y)
    assert np.allclose(W_hat, np.linalg.lstsq(X, y, rcond=None)[0])
    assert np.allclose(X.T @ X @ W_hat, X.T @ y)                 # gradient is zero there
    assert np.allclose(ls.gradient(X, y, W_hat), 0, atol=1e-10)
    if noise == 0:
        assert np.allclose(W_hat, ls.TRUE_W)


def test_gradient_matches_finite_differences_and_hessian_is_XtX_over_n():
    x, y = ls.make_data(30, 0.5, 2)
    X = ls.design_matrix(x)
    W = np.array([0.3, -0.2])
    h = 1e-6
    numeric = [(ls.loss(X, y, W + h * e) - ls.loss(X, y, W - h * e)) / (2 * h) for e in np.eye(2)]
    assert np.allclose(ls.gradient(X, y, W), numeric, atol=1e-6)
    assert np.allclose(ls.hessian(X), X.T @ X / 30)


def test_gradient_descent_reaches_W_hat_at_a_safe_eta():
    out = ls.run(n=40, noise=0.5, seed=0, eta=0.15, steps=400)
    assert 0.15 < out["eta_crit"]
    assert not out["diverged"] and out["message"] == ""
    assert out["distances"][-1] < 1e-3
    assert np.linalg.norm(out["path"][-1] - out["W_hat"]) < 1e-3
    assert np.all(np.diff(out["losses"]) <= 1e-12)              # the loss never rises
    assert out["losses"][-1] == pytest.approx(out["loss_hat"], abs=1e-8)
    assert out["eta_crit"] == pytest.approx(2 / np.linalg.eigvalsh(ls.hessian(ls.design_matrix(out["x"]))).max())


def test_a_small_eta_converges_slowly():
    slow = ls.run(eta=0.02, steps=200)
    fast = ls.run(eta=0.15, steps=200)
    assert not slow["diverged"] and slow["distances"][-1] > 10 * fast["distances"][-1]


@pytest.mark.parametrize("factor", [1.05, 1.5, 3.0, 50.0])
def test_above_the_critical_eta_it_diverges_without_nan(factor):
    eta = factor * ls.run()["eta_crit"]
    out = ls.run(eta=eta, steps=1000)
    assert out["diverged"]
    assert out["message"].startswith("diverged: η above 2/λ_max = %.4g" % out["eta_crit"])
    for key in ("path", "losses", "distances"):
        assert np.all(np.isfinite(out[key])), key
    assert out["distances"][-1] > out["distances"][0]
    json.loads(bridge.run_lesson("backprop_lab.lessons.least_squares", "run",
                                 json.dumps({"eta": eta, "steps": 1000})))   # valid JSON, no NaN


def test_just_below_the_critical_eta_still_converges():
    eta = 0.97 * ls.run()["eta_crit"]
    out = ls.run(eta=eta, steps=1000)
    assert not out["diverged"] and out["distances"][-1] < 1e-3


@pytest.mark.parametrize("factor", [1.0, 1.0001, 1.001])
def test_at_or_just_above_the_critical_eta_the_message_says_eta_at_least_2_over_lambda_max(factor):
    # Slightly above 2/λ_max the error grows too slowly to count as diverged within 300 steps:
    # the message must still be true, "η ≥ 2/λ_max", never "η is at" for an η that is above it.
    x, y = ls.make_data(40, 0.5, 0)
    eta_crit = ls.critical_eta(ls.design_matrix(x))
    out = ls.run(eta=eta_crit * factor, steps=300)
    assert not out["diverged"]
    assert out["message"] == "not converging: η ≥ 2/λ_max = %.4g, so W oscillates" % out["eta_crit"]
    below = ls.run(eta=eta_crit * (2 - factor) if factor > 1 else eta_crit * 0.999, steps=300)
    assert below["message"] == "", "below 2/λ_max it says nothing"
    assert ls.run(eta=eta_crit * 1.01, steps=300)["message"].startswith("diverged: η above 2/λ_max")
